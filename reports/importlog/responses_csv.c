/* responses.csv: response_id,source,unit,<item ids>, one row per accepted response;
 * unit is the organisation unit's id (empty when unknown), each answer the number
 * chosen before reverse keying (empty = missing). RFC 4180, formula-safe (cells that
 * need quotes or the guard go through sbx_csv_cell). Rows are built in a buffer, since
 * a million of them must go out in well under a second. */
#include "reports/importlog/importlog.h"
#include <sixbox/csvout.h>
#include "surveys/model.h"
#include "surveys/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static size_t put_int(char *o, int v) {
  char tmp[8];
  size_t n = 0, k = 0;
  if (v < 0) {
    o[k++] = '-';
    v = -v;
  }
  do tmp[n++] = (char)('0' + v % 10); while ((v /= 10) > 0);
  while (n) o[k++] = tmp[--n];
  return k;
}

static void header(FILE *f, const sbx_survey *s) {
  fputs("response_id,source,unit", f);
  for (size_t i = 0; i < s->nitem; i++) {
    fputc(',', f);
    sbx_csv_cell(f, s->item[i].id);
  }
  fputs("\r\n", f);
}

/* Does sbx_csv_cell write s as it is (no quotes, no formula guard)? */
static int plain(const char *s) {
  return !(s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
           s[0] == '\r') && !strpbrk(s, ",;\"\r\n\t");
}

/* Appends a text cell to the row buffer when it is plain; otherwise flushes the buffer
 * and lets sbx_csv_cell quote it. */
static size_t text_cell(FILE *f, char *buf, size_t k, const char *s, int is_plain) {
  if (is_plain) {
    size_t n = strlen(s);
    memcpy(buf + k, s, n);
    return k + n;
  }
  fwrite(buf, 1, k, f);
  sbx_csv_cell(f, s);
  return 0;
}

static size_t longest(const sbx_responses *r, const sbx_org *org) {
  size_t m = 64;
  for (size_t i = 0; i < r->nsrc; i++) m = strlen(r->src[i].name) > m ? strlen(r->src[i].name) : m;
  for (size_t i = 0; org && i < org->nunit; i++)
    m = strlen(org->unit[i].id) > m ? strlen(org->unit[i].id) : m;
  return m;
}

int sbx__responses_write_csv(FILE *f, const sbx_responses *r, const sbx_survey *s,
                             const sbx_org *org, sbx_ctx *ctx) {
  if (r->nitem != s->nitem)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "the response set does not belong to survey '%s'", s->id);
  size_t text = longest(r, org), cap = r->nitem * 5 + 3 * text + 8;
  char *buf = sbx__malloc(cap), *src_plain = sbx__calloc(r->nsrc ? r->nsrc : 1, 1);
  char *unit_plain = sbx__calloc(org && org->nunit ? org->nunit : 1, 1);
  if (!buf || !src_plain || !unit_plain) {
    sbx__free(buf), sbx__free(src_plain), sbx__free(unit_plain);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  for (size_t i = 0; i < r->nsrc; i++) src_plain[i] = (char)plain(r->src[i].name);
  for (size_t i = 0; org && i < org->nunit; i++) unit_plain[i] = (char)plain(org->unit[i].id);
  header(f, s);
  for (size_t row = 0; row < r->n; row++) {
    const char *id = sbx__responses_id(r, row);
    size_t k = 0;
    if (id) k = strlen(id) < text ? text_cell(f, buf, k, id, plain(id)) : text_cell(f, buf, 0, id, 0);
    buf[k++] = ',';
    uint32_t src = r->source[row], u = r->unit[row];
    k = text_cell(f, buf, k, r->src[src].name, src_plain[src]);
    buf[k++] = ',';
    if (org && u != SBX_NO_UNIT && u < org->nunit)
      k = text_cell(f, buf, k, org->unit[u].id, unit_plain[u]);
    const int8_t *v = sbx__responses_row(r, row);
    for (size_t i = 0; i < r->nitem; i++) {
      buf[k++] = ',';
      if (v[i] != SBX_MISSING) k += put_int(buf + k, v[i]);
    }
    buf[k++] = '\r';
    buf[k++] = '\n';
    fwrite(buf, 1, k, f);
  }
  sbx__free(buf);
  sbx__free(src_plain);
  sbx__free(unit_plain);
  if (ferror(f))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error: %s", strerror(errno));
  return 0;
}

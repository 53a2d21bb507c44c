/* responses.csv: response_id,source,unit,<item ids>, one row per accepted response;
 * unit is the organisation unit's id (empty when unknown), each answer the number
 * chosen before reverse keying (empty = missing). RFC 4180, formula-safe. Rows are
 * built in a buffer, since a million of them must go out in well under a second. */
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

int sbx__responses_write_csv(FILE *f, const sbx_responses *r, const sbx_survey *s,
                             const sbx_org *org, sbx_ctx *ctx) {
  if (r->nitem != s->nitem)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "the response set does not belong to survey '%s'", s->id);
  char *buf = malloc(r->nitem * 5 + 3);
  if (!buf) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  header(f, s);
  for (size_t row = 0; row < r->n; row++) {
    sbx_csv_cell(f, sbx__responses_id(r, row));
    fputc(',', f);
    sbx_csv_cell(f, r->src[r->source[row]].name);
    fputc(',', f);
    uint32_t u = r->unit[row];
    if (org && u != SBX_NO_UNIT && u < org->nunit) sbx_csv_cell(f, org->unit[u].id);
    const int8_t *v = sbx__responses_row(r, row);
    size_t k = 0;
    for (size_t i = 0; i < r->nitem; i++) {
      buf[k++] = ',';
      if (v[i] != SBX_MISSING) k += put_int(buf + k, v[i]);
    }
    buf[k++] = '\r';
    buf[k++] = '\n';
    fwrite(buf, 1, k, f);
  }
  free(buf);
  if (ferror(f))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error: %s", strerror(errno));
  return 0;
}

/* What inspect found, as JSON ({"files": [{"file", "tool", "format", "encoding",
 * "delimiter", "header_rows", "responses", "columns": [{"name", "role"}]}]}) and as
 * text for people, in Swedish or English. */
#include "reports/importlog/importlog.h"
#include "reports/tables/jsonutil.h"
#include "surveys/lang/lang.h"
#include "surveys/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* *bad is set when an allocation fails anywhere, so that no key is ever left out. */
static json_t *file_json(const sbx_inspect_file *f, int *bad) {
  json_t *o = json_object(), *cols = json_array();
  char d[2] = { f->delimiter, 0 };
  sbx__jput(o, "file", sbx__importlog_jstr(f->name), bad);
  sbx__jput(o, "tool", json_string(f->tool ? f->tool : "generic"), bad);
  sbx__jput(o, "format", json_string(f->format), bad);
  sbx__jput(o, "encoding", *f->encoding ? json_string(f->encoding) : json_null(), bad);
  sbx__jput(o, "delimiter", f->delimiter ? json_string(d) : json_null(), bad);
  sbx__jput(o, "header_rows", json_integer((json_int_t)f->header_rows), bad);
  sbx__jput(o, "responses", json_integer((json_int_t)f->responses), bad);
  for (size_t i = 0; i < f->ncolumn; i++) {
    json_t *c = json_object();
    sbx__jput(c, "name", sbx__importlog_jstr(f->column[i].name), bad);
    sbx__jput(c, "role", json_string(sbx_log_role_name(f->column[i].role)), bad);
    sbx__jappend(cols, c, bad);
  }
  sbx__jput(o, "columns", cols, bad);
  return o;
}

int sbx__inspection_write_json(FILE *f, const sbx_inspection *insp, sbx_ctx *ctx) {
  int bad = 0;
  json_t *o = json_object(), *files = json_array();
  for (size_t i = 0; i < insp->nfile; i++) sbx__jappend(files, file_json(&insp->file[i], &bad), &bad);
  sbx__jput(o, "schema", json_string("sixbox-inspect/1"), &bad);
  sbx__jput(o, "files", files, &bad);
  if (!o || bad) {
    json_decref(o);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  int rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(o);
  /* jansson fails alike when out of memory and when the stream does: ferror tells. */
  if (rc != 0 && !ferror(f)) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  if (rc == 0) fputc('\n', f);
  if (rc || ferror(f)) return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error");
  return 0;
}

/* The text output's words, from the catalogue (inspect.*). */
typedef struct words {
  const sbx__lang *l;
  const char *tool, *format, *encoding, *delimiter, *header, *responses, *columns, *comma,
      *semicolon, *tab;
  const char *role[3];
} words;

static words words_of(const sbx__lang *l) {
  return (words){ l, sbx__msg(l, "inspect.tool"), sbx__msg(l, "inspect.format"),
                  sbx__msg(l, "inspect.encoding"), sbx__msg(l, "inspect.delimiter"),
                  sbx__msg(l, "inspect.header-rows"), sbx__msg(l, "inspect.responses"),
                  sbx__msg(l, "inspect.columns"), sbx__msg(l, "inspect.comma"),
                  sbx__msg(l, "inspect.semicolon"), sbx__msg(l, "inspect.tab"),
                  { sbx__msg(l, "inspect.role.question"), sbx__msg(l, "inspect.role.metadata"),
                    sbx__msg(l, "inspect.role.other") } };
}

static const char *delim_name(const words *w, char d) {
  return d == ',' ? w->comma : d == ';' ? w->semicolon : d == '\t' ? w->tab : "-";
}

/* "label:" padded to the same width in both languages (UTF-8 aware). */
static void label(FILE *f, const char *text) {
  size_t chars = 0;
  for (const char *p = text; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
  fprintf(f, "  %s:%*s", text, (int)(chars < 14 ? 14 - chars : 1), "");
}

static int file_text(FILE *f, const sbx_inspect_file *x, const words *w) {
  size_t n[3] = { 0, 0, 0 };
  char num[4][24];
  for (size_t k = 0; k < x->ncolumn; k++) n[x->column[k].role % 3]++;
  fprintf(f, "%s\n", x->name);
  label(f, w->tool), fprintf(f, "%s\n", x->tool ? x->tool : "generic");
  label(f, w->format), fprintf(f, "%s\n", x->format);
  label(f, w->encoding), fprintf(f, "%s\n", *x->encoding ? x->encoding : "-");
  label(f, w->delimiter), fprintf(f, "%s\n", delim_name(w, x->delimiter));
  label(f, w->header), fprintf(f, "%zu\n", x->header_rows);
  label(f, w->responses), fprintf(f, "%zu\n", x->responses);
  snprintf(num[0], sizeof num[0], "%zu", x->ncolumn);
  for (int i = 0; i < 3; i++) snprintf(num[i + 1], sizeof num[i + 1], "%zu", n[i]);
  const char *kv[] = { "n", num[0], "questions", num[1], "metadata", num[2], "other", num[3],
                       NULL };
  char *summary = sbx__msg_fill(w->l, "inspect.summary", kv);
  if (!summary) return SBX_ENOMEM;
  label(f, w->columns), fprintf(f, "%s\n", summary);
  sbx__free(summary);
  for (size_t k = 0; k < x->ncolumn; k++) {
    const char *role = w->role[x->column[k].role % 3];
    size_t chars = 0;
    for (const char *p = role; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
    fprintf(f, "    %4zu  %s%*s  %s\n", k + 1, role, (int)(chars < 8 ? 8 - chars : 0), "",
            x->column[k].name);
  }
  return 0;
}

int sbx__inspection_write_text(FILE *f, const sbx_inspection *insp, const char *lang,
                               sbx_ctx *ctx) {
  sbx__lang *l = NULL;
  int rc = sbx__lang_load(&l, lang ? lang : SBX_LANG_FALLBACK, ctx);
  if (rc) return rc;
  words w = words_of(l);
  for (size_t i = 0; !rc && i < insp->nfile; i++) {
    if (i) fputc('\n', f);
    rc = file_text(f, &insp->file[i], &w);
  }
  sbx__lang_free(l);
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  if (ferror(f)) return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error");
  return 0;
}

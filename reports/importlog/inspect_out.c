/* What inspect found, as JSON ({"files": [{"file", "tool", "format", "encoding",
 * "delimiter", "header_rows", "responses", "columns": [{"name", "role"}]}]}) and as
 * text for people. */
#include "reports/importlog/importlog.h"
#include "surveys/util.h"

#include <jansson.h>

static json_t *file_json(const sbx_inspect_file *f) {
  json_t *o = json_object(), *cols = json_array();
  char d[2] = { f->delimiter, 0 };
  json_object_set_new(o, "file", sbx__importlog_jstr(f->name));
  json_object_set_new(o, "tool", json_string(f->tool ? f->tool : "generic"));
  json_object_set_new(o, "format", json_string(f->format));
  json_object_set_new(o, "encoding", *f->encoding ? json_string(f->encoding) : json_null());
  json_object_set_new(o, "delimiter", f->delimiter ? json_string(d) : json_null());
  json_object_set_new(o, "header_rows", json_integer((json_int_t)f->header_rows));
  json_object_set_new(o, "responses", json_integer((json_int_t)f->responses));
  for (size_t i = 0; i < f->ncolumn; i++) {
    json_t *c = json_object();
    json_object_set_new(c, "name", sbx__importlog_jstr(f->column[i].name));
    json_object_set_new(c, "role", json_string(sbx_log_role_name(f->column[i].role)));
    json_array_append_new(cols, c);
  }
  json_object_set_new(o, "columns", cols);
  return o;
}

int sbx__inspection_write_json(FILE *f, const sbx_inspection *insp, sbx_ctx *ctx) {
  json_t *o = json_object(), *files = json_array();
  for (size_t i = 0; i < insp->nfile; i++)
    json_array_append_new(files, file_json(&insp->file[i]));
  json_object_set_new(o, "schema", json_string("sixbox-inspect/1"));
  json_object_set_new(o, "files", files);
  int rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (rc == 0) fputc('\n', f);
  if (rc || ferror(f)) return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error");
  return 0;
}

static const char *delim_name(char d) {
  return d == ',' ? "comma (,)" : d == ';' ? "semicolon (;)" : d == '\t' ? "tab" : "-";
}

int sbx__inspection_write_text(FILE *f, const sbx_inspection *insp, sbx_ctx *ctx) {
  for (size_t i = 0; i < insp->nfile; i++) {
    const sbx_inspect_file *x = &insp->file[i];
    size_t n[3] = { 0, 0, 0 };
    for (size_t k = 0; k < x->ncolumn; k++) n[x->column[k].role % 3]++;
    fprintf(f, "%s%s\n  tool:        %s\n  format:      %s\n  encoding:    %s\n"
               "  delimiter:   %s\n  header rows: %zu\n  responses:   %zu\n"
               "  columns:     %zu (%zu questions, %zu metadata, %zu other)\n",
            i ? "\n" : "", x->name, x->tool ? x->tool : "generic", x->format,
            *x->encoding ? x->encoding : "-",
            delim_name(x->delimiter), x->header_rows, x->responses, x->ncolumn, n[0], n[1],
            n[2]);
    for (size_t k = 0; k < x->ncolumn; k++)
      fprintf(f, "    %4zu  %-8s  %s\n", k + 1, sbx_log_role_name(x->column[k].role),
              x->column[k].name);
  }
  if (ferror(f)) return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error");
  return 0;
}

/* import-log.json: every file with its tool and what became of its rows (read =
 * accepted + rejected + duplicates), each column's fate, every rejected and duplicate
 * row (file, line, reason), unknown labels and units with counts, out-of-range
 * values. Written with jansson, keys in a fixed order, so equal input gives equal bytes. */
#include "reports/importlog/importlog.h"
#include "reports/tables/jsonutil.h"
#include "surveys/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *target_name(sbx_log_target t) {
  switch (t) {
  case SBX_TARGET_ITEM: return "item";
  case SBX_TARGET_UNIT: return "unit-question";
  case SBX_TARGET_FREE_TEXT: return "free-text";
  case SBX_TARGET_IGNORED: return "ignored";
  default: return NULL;
  }
}

/* A JSON string even from bytes that are not UTF-8 (each bad byte becomes U+FFFD), so
 * that nothing a file held can make an entry of the log vanish. */
json_t *sbx__importlog_jstr(const char *s) {
  size_t len = strlen(s), bad;
  if (sbx__utf8_valid(s, len, &bad)) return json_stringn(s, len);
  char *fixed = sbx__malloc(len * 3 + 1);
  if (!fixed) return NULL;
  size_t o = 0, i = 0;
  while (i < len) {
    size_t rest = len - i;
    if (sbx__utf8_valid(s + i, rest, &bad)) bad = rest;
    memcpy(fixed + o, s + i, bad);
    o += bad;
    i += bad;
    if (i < len) {
      memcpy(fixed + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
    }
  }
  json_t *j = json_stringn(fixed, o);
  sbx__free(fixed);
  return j;
}

#define jstr sbx__importlog_jstr

/* Every builder below sets *bad when an allocation fails (jansson's constructors return
 * NULL, its setters -1): a failure anywhere fails the log, never drops a key from it. */
#define PUT(o, k, v) sbx__jput(o, k, v, bad)
#define ADD(a, v) sbx__jappend(a, v, bad)

static json_t *str_or_null(const char *s) { return s ? jstr(s) : json_null(); }

static json_t *delimiter(char d) {
  char s[2] = { d, 0 };
  return d ? json_string(s) : json_null();
}

static json_t *column_json(const sbx_log_column *c, int *bad) {
  json_t *o = json_object();
  PUT(o, "name", jstr(c->name));
  PUT(o, "role", json_string(sbx_log_role_name(c->role)));
  const char *t = target_name(c->target);
  PUT(o, "mapped_to", str_or_null(t));
  if (c->target_id && c->target != SBX_TARGET_NONE) PUT(o, "id", jstr(c->target_id));
  if (t && c->how) PUT(o, "matched_by", json_string(c->how));
  if (c->note) PUT(o, "note", jstr(c->note));
  return o;
}

static json_t *file_json(const sbx_log_file *f, int *bad) {
  json_t *o = json_object(), *cols = json_array(), *unmapped = json_array();
  PUT(o, "file", jstr(f->name));
  PUT(o, "tool", str_or_null(f->tool));
  PUT(o, "format", jstr(f->format));
  PUT(o, "encoding", jstr(f->encoding));
  PUT(o, "delimiter", delimiter(f->delimiter));
  PUT(o, "header_rows", json_integer((json_int_t)f->header_rows));
  const struct { const char *k; size_t v; } n[] = {
    { "read", f->read }, { "accepted", f->accepted }, { "rejected", f->rejected },
    { "duplicates", f->duplicates }, { "blank_rows", f->blank },
    { "dont_know", f->dont_know }, { "seen_unanswered", f->seen_unanswered },
    { "out_of_range", f->out_of_range }, { "unknown_labels", f->unknown_labels },
    { "unknown_units", f->unknown_units },
  };
  for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
    PUT(o, n[i].k, json_integer((json_int_t)n[i].v));
  for (size_t i = 0; i < f->ncolumn; i++) {
    ADD(cols, column_json(&f->column[i], bad));
    if (f->column[i].target == SBX_TARGET_NONE && f->column[i].role != 1)
      ADD(unmapped, jstr(f->column[i].name));
  }
  PUT(o, "unmapped_columns", unmapped);
  PUT(o, "columns", cols);
  return o;
}

static const char *file_name(const sbx_import_log *log, uint32_t f) {
  return f < log->nfile ? log->file[f].name : "";
}

static const char *column_name(const sbx_import_log *log, uint32_t f, uint32_t c) {
  return f < log->nfile && c < log->file[f].ncolumn ? log->file[f].column[c].name : "";
}

static json_t *rows_json(const sbx_import_log *log, const sbx_log_row *v, size_t n, int *bad) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_object();
    PUT(o, "file", jstr(file_name(log, v[i].file)));
    PUT(o, "line", json_integer(v[i].line));
    PUT(o, "reason", jstr(v[i].reason));
    PUT(o, "response_id", str_or_null(v[i].id));
    ADD(a, o);
  }
  return a;
}

static json_t *labels_json(const sbx_import_log *log, const sbx_log_label *v, size_t n,
                           const char *key, int *bad) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_object();
    PUT(o, "file", jstr(file_name(log, v[i].file)));
    PUT(o, "column", jstr(column_name(log, v[i].file, v[i].column)));
    PUT(o, key, jstr(v[i].value));
    PUT(o, "count", json_integer((json_int_t)v[i].count));
    PUT(o, "first_line", json_integer(v[i].first_line));
    ADD(a, o);
  }
  return a;
}

static json_t *range_json(const sbx_import_log *log, int *bad) {
  json_t *a = json_array();
  for (size_t i = 0; i < log->nrange; i++) {
    const sbx_log_value *r = &log->range[i];
    json_t *o = json_object();
    PUT(o, "file", jstr(file_name(log, r->file)));
    PUT(o, "line", json_integer(r->line));
    PUT(o, "column", jstr(column_name(log, r->file, r->column)));
    PUT(o, "column_number", json_integer((json_int_t)r->column + 1));
    PUT(o, "value", jstr(r->value));
    ADD(a, o);
  }
  return a;
}

static json_t *log_json(const sbx_import_log *log, int *bad) {
  json_t *o = json_object(), *files = json_array(), *tot = json_object();
  size_t t[4] = { 0, 0, 0, 0 };
  for (size_t i = 0; i < log->nfile; i++) {
    const sbx_log_file *f = &log->file[i];
    t[0] += f->read, t[1] += f->accepted, t[2] += f->rejected, t[3] += f->duplicates;
    ADD(files, file_json(f, bad));
  }
  PUT(tot, "read", json_integer((json_int_t)t[0]));
  PUT(tot, "accepted", json_integer((json_int_t)t[1]));
  PUT(tot, "rejected", json_integer((json_int_t)t[2]));
  PUT(tot, "duplicates", json_integer((json_int_t)t[3]));
  PUT(o, "schema", json_string("sixbox-import-log/1"));
  PUT(o, "survey", jstr(log->survey_id));
  PUT(o, "organisation", str_or_null(log->org_id));
  PUT(o, "totals", tot);
  PUT(o, "files", files);
  PUT(o, "rejected", rows_json(log, log->rejected, log->nrejected, bad));
  PUT(o, "duplicates", rows_json(log, log->duplicate, log->nduplicate, bad));
  PUT(o, "unknown_labels", labels_json(log, log->label, log->nlabel, "label", bad));
  PUT(o, "unknown_labels_not_listed", json_integer((json_int_t)log->labels_dropped));
  PUT(o, "unknown_units", labels_json(log, log->unit, log->nunit, "unit", bad));
  PUT(o, "unknown_units_not_listed", json_integer((json_int_t)log->units_dropped));
  PUT(o, "out_of_range", range_json(log, bad));
  PUT(o, "out_of_range_not_listed", json_integer((json_int_t)log->range_dropped));
  return o;
}

int sbx__import_log_write_json(FILE *f, const sbx_import_log *log, sbx_ctx *ctx) {
  int bad = 0;
  json_t *o = log_json(log, &bad);
  if (!o || bad) {
    json_decref(o);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  int rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(o);
  /* jansson fails alike when out of memory and when the stream does: ferror tells. */
  if (rc != 0 && !ferror(f)) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  if (rc == 0) fputc('\n', f);
  if (rc || ferror(f))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "cannot write the import log");
  return 0;
}

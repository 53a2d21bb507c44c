/* Records to rows for the JSON readers: columns are registered by name as they are
 * first seen (a jansson object is the name index), values are collected per column
 * for the current record, then handed out as one row. */
#include "engine/import/readers/jsonread.h"

#include <stdlib.h>
#include <string.h>

int sbx__table_init(sbx__table *t, sbx__rd *rd) {
  memset(t, 0, sizeof *t);
  t->rd = rd;
  t->index = json_object();
  return t->index ? 0 : sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, NULL, "out of memory");
}

void sbx__table_free(sbx__table *t) {
  for (size_t i = 0; i < t->vcap && t->vals; i++) sbx__free(t->vals[i].s);
  sbx__free(t->vals);
  sbx__free(t->set);
  sbx__free(t->noff);
  sbx__free(t->names.s);
  sbx__free(t->cells);
  json_decref(t->index);
  memset(t, 0, sizeof *t);
}

static int nomem(sbx__table *t) {
  return sbx__error(t->rd->ctx, SBX_ENOMEM, t->rd->source, 0, NULL, "out of memory");
}

int sbx__table_col(sbx__table *t, const char *name, size_t *col) {
  json_t *c = json_object_get(t->index, name);
  if (c) {
    *col = (size_t)json_integer_value(c);
    return 0;
  }
  if (t->ncol >= SBX_IMPORT_MAX_COLUMNS)
    return sbx__error(t->rd->ctx, SBX_ELIMIT, t->rd->source, 0, NULL,
                      "the records have more than %u distinct fields; refused",
                      SBX_IMPORT_MAX_COLUMNS);
  size_t n = strlen(name);
  if ((t->ncol + 1 > t->ncap && sbx__grow(&t->noff, &t->ncap, t->ncol + 1, sizeof *t->noff)) ||
      sbx__buf_add(&t->names, name, n + 1) ||
      json_object_set_new(t->index, name, json_integer((json_int_t)t->ncol)))
    return nomem(t);
  t->noff[t->ncol] = t->names.len - n - 1;
  *col = t->ncol++;
  return 0;
}

int sbx__table_put(sbx__table *t, size_t col, const char *s, size_t n, const char *sep) {
  if (col >= t->vcap) {
    size_t old = t->vcap, cap = t->vcap;
    if (sbx__grow(&t->vals, &cap, t->ncol, sizeof *t->vals)) return nomem(t);
    size_t cap2 = old;
    if (sbx__grow(&t->set, &cap2, cap, 1)) return nomem(t);
    memset(t->vals + old, 0, (cap - old) * sizeof *t->vals);
    memset(t->set + old, 0, cap - old);
    t->vcap = cap;
  }
  sbx__buf *b = &t->vals[col];
  if (!t->set[col]) b->len = 0;
  else if (sep && sbx__buf_add(b, sep, strlen(sep))) return nomem(t);
  if (b->len + n > SBX_IMPORT_MAX_FIELD)
    return sbx__error(t->rd->ctx, SBX_ELIMIT, t->rd->source, 0, t->names.s + t->noff[col],
                      "a value is longer than the limit of %u bytes", SBX_IMPORT_MAX_FIELD);
  if (sbx__buf_add(b, s, n)) return nomem(t);
  t->set[col] = 1;
  return 0;
}

int sbx__table_header(sbx__table *t) {
  if (sbx__grow(&t->cells, &t->cellcap, t->ncol + 1, sizeof *t->cells)) return nomem(t);
  for (size_t i = 0; i < t->ncol; i++) t->cells[i] = t->names.s + t->noff[i];
  sbx__rd_emit(t->rd, 1, t->cells, t->ncol);
  return 0;
}

int sbx__table_row(sbx__table *t, uint32_t line) {
  if (sbx__grow(&t->cells, &t->cellcap, t->ncol + 1, sizeof *t->cells)) return nomem(t);
  for (size_t i = 0; i < t->ncol; i++)
    t->cells[i] = i < t->vcap && t->set[i] ? t->vals[i].s : "";
  sbx__rd_emit(t->rd, line, t->cells, t->ncol);
  if (t->set) memset(t->set, 0, t->vcap);
  return 0;
}

const char *sbx__json_scalar(const json_t *v, char *buf, size_t size) {
  if (!v) return NULL;
  switch (json_typeof(v)) {
  case JSON_STRING: return json_string_value(v);
  case JSON_INTEGER:
    snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    return buf;
  case JSON_REAL: {
    snprintf(buf, size, "%.15g", json_real_value(v));
    for (char *p = buf; *p; p++)
      if (*p == ',') *p = '.'; /* whatever LC_NUMERIC says */
    return buf;
  }
  case JSON_TRUE: return "true";
  case JSON_FALSE: return "false";
  case JSON_NULL: return "";
  default: return NULL;
  }
}

/* Building and freeing the import log (surveys/import_log.h): files, rejected and
 * duplicate rows, unknown labels and units counted per file and column, and a capped
 * list of out-of-range values. */
#include "engine/import/importer.h"
#include "surveys/norm.h"
#include "surveys/model.h"
#include "surveys/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sbx__log_new(sbx_import_log **out, const sbx_survey *s, const sbx_org *org) {
  sbx_import_log *log = sbx__calloc(1, sizeof *log);
  if (!log) return SBX_ENOMEM;
  log->survey_id = sbx__strdup(s->id ? s->id : "");
  log->org_id = org ? sbx__strdup(org->id ? org->id : "") : NULL;
  if (!log->survey_id || (org && !log->org_id)) {
    sbx_import_log_free(log);
    return SBX_ENOMEM;
  }
  *out = log;
  return 0;
}

int sbx__log_add_file(sbx_import_log *log, const char *name, uint32_t *index) {
  sbx_log_file *f = sbx__realloc(log->file, (log->nfile + 1) * sizeof *f);
  if (!f) return SBX_ENOMEM;
  log->file = f;
  f += log->nfile;
  memset(f, 0, sizeof *f);
  if (!(f->name = sbx__strdup(name))) return SBX_ENOMEM;
  *index = (uint32_t)log->nfile++;
  return 0;
}

int sbx__log_row(sbx_log_row **v, size_t *n, size_t *cap, uint32_t file, uint32_t line,
                 const char *reason, const char *id) {
  if (sbx__grow(v, cap, *n + 1, sizeof **v)) return SBX_ENOMEM;
  sbx_log_row *r = &(*v)[*n];
  r->file = file;
  r->line = line;
  r->reason = sbx__strdup(reason);
  r->id = id && *id ? sbx__strdup(id) : NULL;
  if (!r->reason || (id && *id && !r->id)) {
    sbx__free(r->reason);
    sbx__free(r->id);
    return SBX_ENOMEM;
  }
  (*n)++;
  return 0;
}

int sbx__log_label(sbx_import_log *log, sbx__smap *seen, int unit, uint32_t file,
                   uint32_t column, uint32_t line, const char *value) {
  char head[48];
  int hl = snprintf(head, sizeof head, "%d:%u:%u:", unit, (unsigned)file, (unsigned)column);
  size_t vl = strlen(value);
  char stack[256], *key = (size_t)hl + vl <= sizeof stack ? stack : sbx__malloc((size_t)hl + vl);
  if (!key) return SBX_ENOMEM;
  memcpy(key, head, (size_t)hl);
  memcpy(key + hl, value, vl);
  sbx_log_label **v = unit ? &log->unit : &log->label;
  size_t *n = unit ? &log->nunit : &log->nlabel, *cap = unit ? &log->unit_cap : &log->label_cap;
  size_t *dropped = unit ? &log->units_dropped : &log->labels_dropped;
  int32_t at = sbx__smap_get(seen, key, (size_t)hl + vl);
  int rc = 0;
  char *copy = NULL;
  if (at >= 0) {
    (*v)[at].count++;
  } else if (*n >= SBX_LOG_MAX_LABELS) {
    (*dropped)++;
  } else if (!(copy = sbx__strdup(value)) || sbx__grow(v, cap, *n + 1, sizeof **v) ||
             sbx__smap_put(seen, key, (size_t)hl + vl, (int32_t)*n, NULL) < 0) {
    sbx__free(copy);
    rc = SBX_ENOMEM;
  } else {
    sbx_log_label *l = &(*v)[(*n)++];
    l->value = copy;
    l->file = file;
    l->column = column;
    l->count = 1;
    l->first_line = line;
  }
  if (key != stack) sbx__free(key);
  return rc;
}

int sbx__log_range(sbx_import_log *log, uint32_t file, uint32_t column, uint32_t line,
                   const char *value) {
  if (log->nrange >= SBX_LOG_MAX_VALUES) {
    log->range_dropped++;
    return 0;
  }
  if (sbx__grow(&log->range, &log->range_cap, log->nrange + 1, sizeof *log->range))
    return SBX_ENOMEM;
  sbx_log_value *r = &log->range[log->nrange];
  if (!(r->value = sbx__strdup(value))) return SBX_ENOMEM;
  r->file = file;
  r->column = column;
  r->line = line;
  log->nrange++;
  return 0;
}

void sbx_import_log_totals(size_t *read, size_t *accepted, size_t *rejected,
                           size_t *duplicates, const sbx_import_log *log) {
  *read = *accepted = *rejected = *duplicates = 0;
  for (size_t i = 0; log && i < log->nfile; i++) {
    *read += log->file[i].read;
    *accepted += log->file[i].accepted;
    *rejected += log->file[i].rejected;
    *duplicates += log->file[i].duplicates;
  }
}

static void rows_free(sbx_log_row *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    sbx__free(v[i].reason);
    sbx__free(v[i].id);
  }
  sbx__free(v);
}

static void labels_free(sbx_log_label *v, size_t n) {
  for (size_t i = 0; i < n; i++) sbx__free(v[i].value);
  sbx__free(v);
}

void sbx_import_log_free(sbx_import_log *log) {
  if (!log) return;
  for (size_t i = 0; i < log->nfile; i++) {
    sbx_log_file *f = &log->file[i];
    sbx__free(f->name);
    sbx__free(f->tool);
    for (size_t k = 0; k < f->ncolumn; k++) {
      sbx__free(f->column[k].name);
      sbx__free(f->column[k].target_id);
      sbx__free(f->column[k].note);
    }
    sbx__free(f->column);
  }
  sbx__free(log->file);
  rows_free(log->rejected, log->nrejected);
  rows_free(log->duplicate, log->nduplicate);
  labels_free(log->label, log->nlabel);
  labels_free(log->unit, log->nunit);
  for (size_t i = 0; i < log->nrange; i++) sbx__free(log->range[i].value);
  sbx__free(log->range);
  sbx__free(log->survey_id);
  sbx__free(log->org_id);
  sbx__free(log);
}

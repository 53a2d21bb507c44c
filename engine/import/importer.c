/* The importer's row machine (importer.h): the first rows are kept until the dialect
 * is known, then the columns are described and mapped once; every data row is then
 * checked (the tool's own rejections, duplicates by response id), converted cell by
 * cell with the precomputed lookups, and added to the response set or logged. */
#include "engine/import/importer.h"
#include "engine/import/dialect.h"
#include "engine/import/mapping.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct plan_col {
  sbx_log_target kind;
  uint32_t index;                 /* item or free-text question */
  const sbx__lookup *lookup;      /* items: the answer scale's lookup */
  uint8_t digit_ok[10];           /* items: a cell of this one digit is that value */
} plan_col;

struct sbx__importer {
  const sbx_survey *s;
  const sbx_org *org;
  sbx_ctx *ctx;
  sbx_import_opts opts;
  sbx__matcher m;
  sbx_responses *r;
  sbx_import_log *log;
  sbx__smap seen;                 /* unknown labels already logged */
  sbx__smap unit_cache;           /* unit answers as written -> unit index + 1, 0 unknown */
  struct dd_slot { uint32_t row1, hash; } *dd; /* duplicates: row + 1 (0 = empty) */
  size_t dd_cap;
  struct cd_slot { uint64_t hash; uint32_t row1; } *cd; /* rows without an id: answers */
  size_t cd_cap, cd_n;                                   /* and time stamp */
  sbx__scratch scratch;
  sbx__scratch idbuf;             /* the current row's response id, trimmed */
  int8_t *vals;
  /* The current file. */
  const char *source;
  const sbx_file_info *info;
  uint32_t src, lfile;
  sbx__hdr hdr;
  int ready, failed, open;
  size_t header_rows;
  const sbx__dialect *d;
  sbx__column *col;
  size_t ncol;
  plan_col *plan;
  size_t *spec, nspec;            /* columns that can reject a row */
  struct pending { uint32_t col; uint32_t st; } *pend; /* a row's cells without a value */
  size_t npend;
  long id_col, ts_col;
  size_t rows_seen;
};

int sbx__importer_new(sbx__importer **out, const sbx_survey *s, const sbx_org *org,
                      const sbx_import_opts *opts, sbx_ctx *ctx) {
  *out = NULL;
  sbx__importer *im = sbx__calloc(1, sizeof *im);
  if (!im) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  im->s = s;
  im->org = org;
  im->ctx = ctx;
  if (opts) im->opts = *opts;
  int rc = sbx__matcher_init(&im->m, s, org);
  if (rc == 0) rc = sbx__responses_new(&im->r, s->nitem);
  if (rc == 0) rc = sbx__log_new(&im->log, s, org);
  if (rc == 0 && !(im->vals = sbx__malloc(s->nitem ? s->nitem : 1))) rc = SBX_ENOMEM;
  if (rc) {
    sbx__importer_free(im);
    return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  }
  *out = im;
  return 0;
}

int sbx__importer_mapping(sbx__importer *im, const char *column, const char *target,
                          const char *source, uint32_t line) {
  return sbx__matcher_add_manual(&im->m, column, target, source, line, im->ctx);
}

static void file_reset(sbx__importer *im) {
  sbx__hdr_free(&im->hdr);
  sbx__columns_free(im->col, im->ncol);
  sbx__free(im->plan);
  sbx__free(im->spec);
  sbx__free(im->pend);
  im->pend = NULL;
  im->col = NULL;
  im->plan = NULL;
  im->spec = NULL;
  im->ncol = im->nspec = 0;
  im->ready = im->failed = im->open = 0;
  im->d = NULL;
  im->id_col = im->ts_col = -1;
  im->rows_seen = 0;
}

int sbx__importer_begin(sbx__importer *im, const char *source, const sbx_file_info *info) {
  file_reset(im);
  im->source = source;
  im->info = info;
  int rc = sbx__log_add_file(im->log, source, &im->lfile);
  if (rc == 0) rc = sbx__responses_add_source(im->r, source, "generic", &im->src);
  if (rc) return sbx__error(im->ctx, rc, source, 0, NULL, "out of memory");
  im->open = 1;
  return 0;
}

static sbx_log_file *cur(sbx__importer *im) { return &im->log->file[im->lfile]; }

static const char *fail_oom(sbx__importer *im) {
  sbx__error(im->ctx, SBX_ENOMEM, im->source, 0, NULL, "out of memory");
  im->failed = SBX_ENOMEM;
  return NULL;
}

/* ---- duplicates ---- */

/* Slots keep the hash's low 32 bits: they place the slot and spare most id compares,
 * and growing never reads the ids again. */
static int dd_find(const sbx__importer *im, const char *id, uint32_t h, size_t *slot) {
  size_t mask = im->dd_cap - 1, i = h & mask;
  for (; im->dd[i].row1; i = (i + 1) & mask) {
    if (im->dd[i].hash != h) continue;
    const char *o = sbx__responses_id(im->r, im->dd[i].row1 - 1);
    if (o && strcmp(o, id) == 0) {
      *slot = i;
      return 1;
    }
  }
  *slot = i;
  return 0;
}

static int dd_grow(sbx__importer *im) {
  size_t cap = im->dd_cap ? im->dd_cap * 2 : 4096;
  if (cap > ((size_t)1 << 32)) return SBX_ELIMIT;
  struct dd_slot *n = sbx__calloc(cap, sizeof *n), *old = im->dd;
  if (!n) return SBX_ENOMEM;
  size_t oldcap = im->dd_cap, mask = cap - 1;
  im->dd = n;
  im->dd_cap = cap;
  for (size_t i = 0; i < oldcap; i++) {
    if (!old[i].row1) continue;
    size_t k = old[i].hash & mask;
    while (n[k].row1) k = (k + 1) & mask;
    n[k] = old[i];
  }
  sbx__free(old);
  return 0;
}

static void dd_prefetch(const sbx__importer *im, uint32_t h) {
#if defined(__GNUC__)
  __builtin_prefetch(&im->dd[h & (im->dd_cap - 1)]);
#else
  (void)im;
  (void)h;
#endif
}

/* ---- header: dialect and column plan ---- */


/* Maps column i; records its fate in the log. */
/* Two columns of the same name that would hold the same question: which one holds the
 * answers cannot be told, so the file is refused naming both (never one dropped). */
static int same_name(sbx__importer *im, size_t first, size_t i, const char *id) {
  char *a = sbx__norm_dup(im->col[first].name), *b = sbx__norm_dup(im->col[i].name);
  int same = a && b && strcmp(a, b) == 0;
  sbx__free(a);
  sbx__free(b);
  if (!same) return 0;
  return sbx__error(im->ctx, SBX_EDATA, im->source, im->hdr.nrow ? im->hdr.line[0] : 0, id,
                    "columns %zu and %zu are both called '%s'; rename or remove one of "
                    "them, since both would hold the answers to '%s'", first + 1, i + 1,
                    im->col[i].name, id);
}

static int plan_column(sbx__importer *im, size_t i, size_t *taken) {
  sbx__column *c = &im->col[i];
  sbx_log_column *lc = &cur(im)->column[i];
  plan_col *p = &im->plan[i];
  sbx__target t;
  lc->name = sbx__strdup(c->name);
  lc->role = (int)c->role;
  if (!lc->name) return SBX_ENOMEM;
  int found = sbx__matcher_column(&im->m, c->name, (const char *const *)c->key, c->nkey,
                                  c->role != SBX_ROLE_METADATA, &t, &im->scratch);
  if (found < 0) return found;
  if (!found) return 0;
  lc->how = t.how;
  const char *id = t.kind == SBX_TARGET_ITEM ? im->s->item[t.index].id
                 : t.kind == SBX_TARGET_UNIT ? im->s->unit_question.id
                 : t.kind == SBX_TARGET_FREE_TEXT ? im->s->free_text[t.index].id : NULL;
  lc->target = t.kind;
  if (id && !(lc->target_id = sbx__strdup(id))) return SBX_ENOMEM;
  if (t.kind == SBX_TARGET_IGNORED) return 0;
  /* taken: items first, then the unit question, then free-text questions */
  size_t slot = t.kind == SBX_TARGET_ITEM ? t.index
              : t.kind == SBX_TARGET_UNIT ? im->s->nitem
                                          : im->s->nitem + 1 + t.index;
  if (taken[slot]) {
    if (same_name(im, taken[slot] - 1, i, id)) return SBX_EDATA;
    lc->note = sbx__asprintf("'%s' is already mapped from an earlier column; this one "
                             "is left out", id);
    lc->target = SBX_TARGET_NONE;
    return lc->note ? 0 : SBX_ENOMEM;
  }
  taken[slot] = i + 1;
  p->kind = t.kind;
  p->index = t.index;
  if (t.kind == SBX_TARGET_ITEM) {
    p->lookup = &im->m.scale[im->s->item[t.index].answer_scale];
    for (int d = 0; d <= 9; d++)
      p->digit_ok[d] = d >= p->lookup->min && d <= p->lookup->max &&
                       !(p->lookup->dk_code && p->lookup->dk_code[0] == '0' + d &&
                         !p->lookup->dk_code[1]);
  }
  return 0;
}

static int plan_columns(sbx__importer *im) {
  sbx_log_file *lf = cur(im);
  im->plan = sbx__calloc(im->ncol ? im->ncol : 1, sizeof *im->plan);
  im->spec = sbx__calloc(im->ncol ? im->ncol : 1, sizeof *im->spec);
  im->pend = sbx__calloc(im->ncol ? im->ncol : 1, sizeof *im->pend);
  lf->column = sbx__calloc(im->ncol ? im->ncol : 1, sizeof *lf->column);
  size_t *taken = sbx__calloc(im->s->nitem + 1 + im->s->nfree_text, sizeof *taken);
  int rc = im->plan && im->spec && im->pend && lf->column && taken ? 0 : SBX_ENOMEM;
  lf->ncolumn = rc ? 0 : im->ncol;
  for (size_t i = 0; rc == 0 && i < im->ncol; i++) {
    rc = plan_column(im, i, taken);
    sbx__special sp = im->col[i].special;
    if (sp == SBX_SPECIAL_ID && im->id_col < 0) im->id_col = (long)i;
    if ((sp == SBX_SPECIAL_TIMESTAMP || sp == SBX_SPECIAL_SUBMITDATE) && im->ts_col < 0)
      im->ts_col = (long)i;
    if (sp != SBX_SPECIAL_NONE && sp != SBX_SPECIAL_ID && sp != SBX_SPECIAL_TIMESTAMP)
      im->spec[im->nspec++] = i;
  }
  sbx__free(taken);
  return rc;
}

static int mapped_items(const sbx__importer *im) {
  int n = 0;
  for (size_t i = 0; i < im->ncol; i++) n += im->plan[i].kind == SBX_TARGET_ITEM;
  return n;
}

static int data_row(sbx__importer *im, uint32_t line, const char *const *cells,
                    size_t ncell);

/* The header is complete: choose the dialect, describe and map the columns, then
 * feed the kept rows that are data. */
static int prepare(sbx__importer *im) {
  sbx__hdr view;
  sbx_log_file *lf = cur(im);
  sbx__choose_dialect(&im->hdr, im->info, im->opts.tool, &im->d, &view, &im->header_rows);
  if (im->hdr.nrow == 0)
    return sbx__error(im->ctx, SBX_EDATA, im->source, 0, NULL,
                      "the export is empty: no header row; export the responses again "
                      "with column headings");
  sbx__free(lf->tool);
  if (!(lf->tool = sbx__strdup(im->d->name))) return SBX_ENOMEM;
  sbx__free(im->r->src[im->src].tool);
  if (!(im->r->src[im->src].tool = sbx__strdup(im->d->name))) return SBX_ENOMEM;
  if (im->info) {
    memcpy(lf->format, im->info->format, sizeof lf->format);
    memcpy(lf->encoding, im->info->encoding, sizeof lf->encoding);
    lf->format[sizeof lf->format - 1] = lf->encoding[sizeof lf->encoding - 1] = '\0';
    lf->delimiter = im->info->delimiter;
  }
  lf->header_rows = im->header_rows;
  int rc = sbx__describe_columns(im->d, &view, &im->col, &im->ncol);
  if (rc == 0) rc = plan_columns(im);
  if (rc == SBX_EDATA) return rc; /* recorded where found */
  if (rc) return sbx__error(im->ctx, rc, im->source, 0, NULL, "out of memory");
  if (!mapped_items(im)) {
    const char *hint = im->d == &sbx__dialect_generic ? sbx__dialect_hint(&view) : NULL;
    if (hint)
      return sbx__error(im->ctx, SBX_EDATA, im->source, im->hdr.line[0], NULL,
                        "none of the %zu columns matches an item of survey '%s', and the "
                        "file was read as a generic export, but its columns look like a "
                        "%s export: try --tool %s (or check --survey)", im->ncol,
                        im->s->id ? im->s->id : "", hint, hint);
    return sbx__error(im->ctx, SBX_EDATA, im->source, im->hdr.line[0], NULL,
                      "none of the %zu columns matches an item of survey '%s' (read as a "
                      "%s export); check --survey, or name the columns' items in a "
                      "mapping file (--mapping, lines 'column,item')", im->ncol,
                      im->s->id ? im->s->id : "", im->d->name);
  }
  im->ready = 1;
  for (size_t r = im->header_rows; r < im->hdr.nrow && rc == 0; r++)
    rc = data_row(im, im->hdr.line[r], (const char *const *)im->hdr.cell[r],
                  im->hdr.ncell[r]);
  return rc;
}

/* ---- data rows ---- */

static int reject(sbx__importer *im, uint32_t line, const char *reason, const char *id) {
  sbx_import_log *log = im->log;
  cur(im)->rejected++;
  if (sbx__log_row(&log->rejected, &log->nrejected, &log->rejected_cap, im->lfile, line,
                   reason, id))
    return fail_oom(im), SBX_ENOMEM;
  return 0;
}

/* Logs a duplicate of accepted row first: by response id, or (id "") by content. */
static int duplicate(sbx__importer *im, uint32_t line, const char *id, size_t first) {
  sbx_import_log *log = im->log;
  const sbx_responses *r = im->r;
  char *why = *id ? sbx__asprintf("duplicate of response id '%s' first seen in %s line %u",
                                  id, r->src[r->source[first]].name, (unsigned)r->line[first])
                  : sbx__asprintf("duplicate: the same answers, unit and time as the "
                                  "response in %s line %u (no response id, so compared by "
                                  "content); the same export given twice?",
                                  r->src[r->source[first]].name, (unsigned)r->line[first]);
  int rc = why ? sbx__log_row(&log->duplicate, &log->nduplicate, &log->duplicate_cap,
                              im->lfile, line, why, id) : SBX_ENOMEM;
  sbx__free(why);
  cur(im)->duplicates++;
  return rc ? (fail_oom(im), SBX_ENOMEM) : 0;
}

/* ---- duplicates without a response id: answers, unit and time stamp ---- */

/* A time stamp as YYYYMMDDhhmmss from the forms tools write it: ISO "2024-03-05
 * 10:15:32", US "3/5/2024 10:15:32 AM", European "5.3.2024 10:15"; 0 if none of them. */
static int canon_time(const char *s, char out[24]) {
  long f[6] = { 0, 0, 0, 0, 0, 0 };
  int n = 0, digits0 = 0, pm = -1;
  char sep = 0;
  for (const char *p = s; *p && n < 6;) {
    if (*p >= '0' && *p <= '9') {
      int d = 0;
      for (; *p >= '0' && *p <= '9'; p++, d++)
        if (f[n] < 100000000) f[n] = f[n] * 10 + (*p - '0');
      if (n == 0) digits0 = d, sep = *p;
      n++;
    } else {
      p++;
    }
  }
  if (strstr(s, "PM") || strstr(s, "pm")) pm = 1;
  else if (strstr(s, "AM") || strstr(s, "am")) pm = 0;
  if (n < 3) return 0;
  long y = f[0], mo = f[1], d = f[2];
  if (digits0 < 4) { /* day or month first */
    y = f[2];
    mo = sep == '/' ? f[0] : f[1];
    d = sep == '/' ? f[1] : f[0];
  }
  if (pm == 1 && f[3] < 12) f[3] += 12;
  if (pm == 0 && f[3] == 12) f[3] = 0;
  snprintf(out, 24, "%04ld%02ld%02ld%02ld%02ld%02ld", labs(y) % 10000, labs(mo) % 100,
           labs(d) % 100, labs(f[3]) % 100, labs(f[4]) % 100, labs(f[5]) % 100);
  return 1;
}

static uint64_t content_hash(const sbx__importer *im, const char *ts, const char *unit) {
  char t[24];
  uint64_t h = canon_time(ts, t) ? sbx__hash(t, 14) : sbx__hash(ts, strlen(ts)) ^ 1u;
  h = h * 1099511628211ull ^ sbx__hash(unit, strlen(unit));
  return h * 1099511628211ull ^ sbx__hash((const char *)im->vals, im->s->nitem);
}

/* The accepted row with the same answers, unit and time stamp as this one, or
 * SBX_NONE. *slot is where this row goes if it is none. */
static size_t cd_find(const sbx__importer *im, uint64_t h, size_t *slot) {
  size_t mask = im->cd_cap - 1, i = (size_t)h & mask;
  for (; im->cd[i].row1; i = (i + 1) & mask) {
    size_t row = im->cd[i].row1 - 1;
    if (im->cd[i].hash == h &&
        memcmp(sbx__responses_row(im->r, row), im->vals, im->s->nitem) == 0) {
      *slot = i;
      return row;
    }
  }
  *slot = i;
  return SBX_NONE;
}

static int cd_grow(sbx__importer *im) {
  size_t cap = im->cd_cap ? im->cd_cap * 2 : 1024, mask = cap - 1;
  struct cd_slot *n = sbx__calloc(cap, sizeof *n);
  if (!n) return SBX_ENOMEM;
  for (size_t i = 0; i < im->cd_cap; i++) {
    if (!im->cd[i].row1) continue;
    size_t k = (size_t)im->cd[i].hash & mask;
    while (n[k].row1) k = (k + 1) & mask;
    n[k] = im->cd[i];
  }
  sbx__free(im->cd);
  im->cd = n;
  im->cd_cap = cap;
  return 0;
}

/* Rows without a response id but with a time stamp: *h is their content hash (0 when
 * the row cannot be compared) and *first an earlier row they repeat, or SBX_NONE. */
static int content_check(sbx__importer *im, const char *const *cells, size_t ncell,
                         long unit_col, uint64_t *h, size_t *first, size_t *slot) {
  *h = 0;
  *first = SBX_NONE;
  const char *ts = im->ts_col >= 0 && (size_t)im->ts_col < ncell ? cells[im->ts_col] : "";
  if (!*ts) return 0;
  if ((im->cd_n + 1) * 2 > im->cd_cap && cd_grow(im)) return fail_oom(im), SBX_ENOMEM;
  const char *unit = unit_col >= 0 && (size_t)unit_col < ncell ? cells[unit_col] : "";
  *h = content_hash(im, ts, unit) | 1u;
  *first = cd_find(im, *h, slot);
  return 0;
}

/* Counts (and logs) an answer that did not give a value. */
static int count_status(sbx__importer *im, sbx__val_status st, size_t c, uint32_t line,
                        const char *cell) {
  sbx_log_file *lf = cur(im);
  int rc = 0;
  switch (st) {
  case SBX_VAL_DONT_KNOW: lf->dont_know++; break;
  case SBX_VAL_SEEN_UNANSWERED: lf->seen_unanswered++; break;
  case SBX_VAL_OUT_OF_RANGE:
    lf->out_of_range++;
    rc = sbx__log_range(im->log, im->lfile, (uint32_t)c, line, cell);
    break;
  case SBX_VAL_UNKNOWN:
    lf->unknown_labels++;
    rc = sbx__log_label(im->log, &im->seen, 0, im->lfile, (uint32_t)c, line, cell);
    break;
  case SBX_VAL_NOMEM: rc = SBX_ENOMEM; break;
  default: break;
  }
  return rc ? (fail_oom(im), SBX_ENOMEM) : 0;
}

/* An answer that two units of the organisation could match: counted under neither. */
static void ambiguous_unit(sbx__importer *im, const char *cell, uint32_t line,
                           const uint32_t both[2]) {
  sbx__warning(im->ctx, SBX_EDATA, im->source, line, cell,
               "the unit answer '%s' could be unit '%s' or unit '%s' (their names, ids or "
               "aliases are the same but for case, accents or punctuation); its rows count "
               "under no unit. Give the units labels that differ in the organisation file "
               "(sixbox validate finds them)", cell, im->org->unit[both[0]].id,
               im->org->unit[both[1]].id);
}

static int unit_of(sbx__importer *im, long c, const char *const *cells, size_t ncell,
                   uint32_t line, uint32_t *unit) {
  *unit = SBX_NO_UNIT;
  if (c < 0 || !im->org) return 0;
  const char *cell = (size_t)c < ncell ? cells[c] : "";
  size_t len = strlen(cell);
  int32_t hit = sbx__smap_get(&im->unit_cache, cell, len);
  if (hit < 0) {
    /* the few distinct answers are normalised once each (and said once each) */
    uint32_t both[2];
    *unit = sbx__matcher_unit(&im->m, cell, &im->scratch, both);
    hit = *unit == SBX_NO_UNIT ? 0 : (int32_t)*unit + 1;
    int cached = im->unit_cache.n < 4096;
    if (cached && both[0] != SBX_NO_UNIT) ambiguous_unit(im, cell, line, both);
    if (cached && sbx__smap_put(&im->unit_cache, cell, len, hit, NULL) < 0)
      return fail_oom(im), SBX_ENOMEM;
  }
  *unit = hit ? (uint32_t)hit - 1 : SBX_NO_UNIT;
  if (*unit != SBX_NO_UNIT) return 0;
  cur(im)->unknown_units++;
  if (sbx__log_label(im->log, &im->seen, 1, im->lfile, (uint32_t)c, line, cell))
    return fail_oom(im), SBX_ENOMEM;
  return 0;
}

/* Values of the mapped cells into im->vals; *answered items got a value. */
static int convert(sbx__importer *im, const char *const *cells, size_t n,
                   size_t *answered, long *unit_col) {
  int recode = im->d->recode_missing;
  for (size_t c = 0; c < n; c++) {
    const plan_col *p = &im->plan[c];
    if (p->kind == SBX_TARGET_ITEM) {
      const char *cell = cells[c];
      sbx__val_status st;
      /* the common case inline: a single digit within the scale, no don't-know code 0-9 */
      if (cell[0] >= '0' && cell[0] <= '9' && !cell[1] && p->digit_ok[cell[0] - '0']) {
        im->vals[p->index] = (int8_t)(cell[0] - '0');
        (*answered)++;
        continue;
      }
      int8_t v = sbx__matcher_value(p->lookup, cell, recode, &im->scratch, &st);
      if (st == SBX_VAL_OK) {
        im->vals[p->index] = v;
        (*answered)++;
      } else if (st == SBX_VAL_NOMEM) {
        return fail_oom(im), SBX_ENOMEM;
      } else if (st != SBX_VAL_EMPTY) {
        im->pend[im->npend].col = (uint32_t)c; /* logged once the row is no duplicate */
        im->pend[im->npend++].st = st;
      }
    } else if (p->kind == SBX_TARGET_UNIT) {
      *unit_col = (long)c;
    }
  }
  return 0;
}

/* The one place a response id is normalised: without the spaces (also no-break) around
 * it, so " r1 " and "r1" are one respondent; and without a leading "uuid:" (any case),
 * so an ODK submission is one respondent whether ODK Central wrote its instance id
 * ("uuid:0a1b...") or KoboToolbox ("0a1b..."). */
static const char *trimmed_id(sbx__importer *im, const char *id) {
  size_t b = 0, e = strlen(id);
  int uuid = 0;
  for (;;) {
    if (b < e && (id[b] == ' ' || id[b] == '\t')) b++;
    else if (b + 1 < e && (unsigned char)id[b] == 0xC2 && (unsigned char)id[b + 1] == 0xA0) b += 2;
    else if (!uuid && e - b > 5 && strncasecmp(id + b, "uuid:", 5) == 0) b += 5, uuid = 1;
    else break;
  }
  for (;;) {
    if (e > b && (id[e - 1] == ' ' || id[e - 1] == '\t')) e--;
    else if (e >= b + 2 && (unsigned char)id[e - 2] == 0xC2 && (unsigned char)id[e - 1] == 0xA0) e -= 2;
    else break;
  }
  if (b == 0 && id[e] == '\0') return id;
  if (sbx__scratch_need(&im->idbuf, e - b + 1)) return NULL;
  memcpy(im->idbuf.buf, id + b, e - b);
  im->idbuf.buf[e - b] = '\0';
  return im->idbuf.buf;
}

/* Why a row whose answers gave no value is rejected; NULL when it is a respondent all
 * the same: one who answered "don't know" counts (with no box score). */
static const char *no_value_reason(const sbx__importer *im) {
  size_t dk = 0, range = 0, unknown = 0;
  for (size_t k = 0; k < im->npend; k++) {
    dk += im->pend[k].st == SBX_VAL_DONT_KNOW;
    range += im->pend[k].st == SBX_VAL_OUT_OF_RANGE;
    unknown += im->pend[k].st == SBX_VAL_UNKNOWN;
  }
  if (dk) return NULL;
  if (range)
    return "no valid answer: the answers given are out of the answer scale's range "
           "(listed under out-of-range values)";
  if (unknown)
    return "no valid answer: the answers given are labels the survey does not know "
           "(listed under unknown labels)";
  return "no answer to any item of the survey";
}

/* Where an accepted row goes in the duplicate tables. */
typedef struct row_keys {
  uint32_t h;          /* response id hash (id given) */
  size_t slot;
  uint64_t ch;         /* content hash (no id, time stamp given); 0 = none */
  size_t cslot;
} row_keys;

static int accept(sbx__importer *im, uint32_t line, const char *const *cells,
                  size_t ncell, long unit_col, const char *id, const row_keys *k) {
  sbx_log_file *lf = cur(im);
  size_t n = ncell < im->ncol ? ncell : im->ncol;
  uint32_t unit;
  int rc = unit_of(im, unit_col, cells, ncell, line, &unit);
  if (rc) return rc;
  if (sbx__responses_add(im->r, im->vals, unit, im->src, line, id))
    return fail_oom(im), SBX_ENOMEM;
  uint32_t row = (uint32_t)(im->r->n - 1);
  for (size_t j = 0; j < im->npend; j++) /* the row is accepted: count its "don't know"s */
    if (im->pend[j].st == SBX_VAL_DONT_KNOW &&
        sbx__responses_add_dont_know(im->r, im->plan[im->pend[j].col].index))
      return fail_oom(im), SBX_ENOMEM;
  if (*id) {
    im->dd[k->slot].row1 = row + 1;
    im->dd[k->slot].hash = k->h;
  } else if (k->ch) {
    im->cd[k->cslot].row1 = row + 1;
    im->cd[k->cslot].hash = k->ch;
    im->cd_n++;
  }
  for (size_t c = 0; c < n; c++)
    if (im->plan[c].kind == SBX_TARGET_FREE_TEXT && cells[c][0] &&
        sbx__responses_add_comment(im->r, row, im->plan[c].index, cells[c]))
      return fail_oom(im), SBX_ENOMEM;
  lf->accepted++;
  if (im->opts.progress && (lf->read & 0xFFFF) == 0)
    im->opts.progress(im->opts.progress_ud, im->source, lf->read);
  return 0;
}

static int data_row(sbx__importer *im, uint32_t line, const char *const *cells,
                    size_t ncell) {
  sbx_log_file *lf = cur(im);
  size_t i = 0;
  while (i < ncell && !cells[i][0]) i++;
  if (i == ncell) return lf->blank++, 0;
  lf->read++;
  const char *id = im->id_col >= 0 && (size_t)im->id_col < ncell ? cells[im->id_col] : "";
  if (*id && !(id = trimmed_id(im, id))) return fail_oom(im), SBX_ENOMEM;
  for (size_t k = 0; k < im->nspec; k++) {
    size_t c = im->spec[k];
    const char *why = sbx__special_reject(im->col[c].special, c < ncell ? cells[c] : "");
    if (why) return reject(im, line, why, id);
  }
  row_keys keys = { 0, 0, 0, 0 };
  if (*id) {
    if ((im->r->n + 1) * 2 > im->dd_cap && dd_grow(im)) return fail_oom(im), SBX_ENOMEM;
    keys.h = (uint32_t)sbx__hash(id, strlen(id));
    dd_prefetch(im, keys.h); /* the slot is far away; convert meanwhile */
  }
  memset(im->vals, (unsigned char)SBX_MISSING, im->s->nitem);
  size_t answered = 0, n = ncell < im->ncol ? ncell : im->ncol;
  long unit_col = -1;
  size_t first = SBX_NONE;
  im->npend = 0;
  int rc = convert(im, cells, n, &answered, &unit_col);
  if (rc) return rc;
  if (*id && dd_find(im, id, keys.h, &keys.slot))
    return duplicate(im, line, id, im->dd[keys.slot].row1 - 1);
  if (!*id && (rc = content_check(im, cells, ncell, unit_col, &keys.ch, &first, &keys.cslot)))
    return rc;
  if (first != SBX_NONE) return duplicate(im, line, "", first);
  for (size_t k = 0; k < im->npend; k++)
    if ((rc = count_status(im, (sbx__val_status)im->pend[k].st, im->pend[k].col, line,
                           cells[im->pend[k].col])))
      return rc;
  const char *why = answered ? NULL : no_value_reason(im);
  if (why) return reject(im, line, why, id);
  return accept(im, line, cells, ncell, unit_col, id, &keys);
}

static int keep_header_row(sbx__importer *im, uint32_t line, const char *const *cells,
                           size_t ncell) {
  size_t r = im->hdr.nrow;
  char **copy = sbx__calloc(ncell ? ncell : 1, sizeof *copy);
  if (!copy) return SBX_ENOMEM;
  im->hdr.cell[r] = copy;
  im->hdr.ncell[r] = ncell;
  im->hdr.line[r] = line;
  im->hdr.nrow++;
  for (size_t i = 0; i < ncell; i++)
    if (!(copy[i] = sbx__strdup(cells[i]))) {
      im->hdr.ncell[r] = i;
      return SBX_ENOMEM;
    }
  return 0;
}

int sbx__importer_row(void *ud, size_t row, uint32_t line, const char *const *cells,
                      size_t ncell) {
  sbx__importer *im = ud;
  (void)row;
  if (im->failed) return 1;
  int rc = 0;
  if (!im->ready) {
    if (im->hdr.nrow < SBX_HDR_ROWS) {
      rc = keep_header_row(im, line, cells, ncell);
      if (rc) fail_oom(im);
      return rc ? 1 : 0;
    }
    rc = prepare(im);
  }
  if (rc == 0) rc = data_row(im, line, cells, ncell);
  if (rc) im->failed = rc;
  return rc ? 1 : 0;
}

void sbx__importer_fail(sbx__importer *im, int rc) {
  if (rc && !im->failed) im->failed = rc;
}

int sbx__importer_end(sbx__importer *im) {
  if (!im->open) return SBX_EUSAGE;
  im->open = 0;
  int rc = im->failed ? im->failed : im->ready ? 0 : prepare(im);
  const sbx_log_file *lf = cur(im);
  sbx_source *src = &im->r->src[im->src];
  src->read = lf->read;
  src->accepted = lf->accepted;
  src->rejected = lf->rejected;
  src->duplicates = lf->duplicates;
  return rc;
}

int sbx__importer_finish(sbx__importer *im, sbx_responses **out, sbx_import_log **log) {
  *out = im->r;
  *log = im->log;
  im->r = NULL;
  im->log = NULL;
  return 0;
}

void sbx__importer_free(sbx__importer *im) {
  if (!im) return;
  file_reset(im);
  sbx__matcher_free(&im->m);
  sbx__responses_free(im->r);
  sbx_import_log_free(im->log);
  sbx__smap_free(&im->seen);
  sbx__smap_free(&im->unit_cache);
  sbx__free(im->dd);
  sbx__free(im->cd);
  sbx__free(im->scratch.buf);
  sbx__free(im->idbuf.buf);
  sbx__free(im->vals);
  sbx__free(im);
}

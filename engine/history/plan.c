/* Reading the last wave's handlingsplan as the units filled it in (XLSX or CSV, by
 * content, through the import readers) and judging each action against this wave:
 * owner, deadline, status, and whether the box reached the target, with the change
 * behind it. Headers and status words may be those of any language with a catalogue,
 * of an earlier version, or the column ids (plan_words.h, reports/tables/plan.c).
 * Every bad row is reported as file:row with what to write instead; one bad row
 * refuses the file, so nothing is half-read. */
#include "engine/history/plan.h"
#include "engine/history/plan_words.h"
#include "engine/import/reader.h"
#include "reports/tables/tables.h"
#include "surveys/fingerprint.h"
#include "surveys/util.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PLAN_ROWS 100000u

typedef struct prd {
  const char *path;
  const sbx_survey *s;
  const sbx_org *org;
  sbx_trend *t;
  sbx_ctx *ctx;
  sbx__plan_words *words;
  int col[SBX_PLAN_NCOL];  /* file column of each plan column, -1 when absent */
  int header_seen, errors;
  size_t cap;
} prd;

static int read_header(prd *p, uint32_t line, const char *const *cells, size_t n) {
  for (size_t c = 0; c < SBX_PLAN_NCOL; c++) {
    p->col[c] = -1;
    for (size_t i = 0; i < n && p->col[c] < 0; i++)
      if (sbx__plan_words_is(p->words, c, cells[i])) p->col[c] = (int)i;
  }
  static const size_t need[] = { 3, 5, 8, 9, 10, 11 }; /* unit, box, owner .. status */
  for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
    if (p->col[need[k]] < 0) {
      char *names = sbx__plan_words_list(p->words, need[k]);
      if (!names) return SBX_ENOMEM;
      sbx__error(p->ctx, SBX_EDATA, p->path, line, sbx__plan_cols[need[k]].id,
                 "the handlingsplan has no column %s; use the file sixbox wrote and fill in "
                 "its columns", names);
      sbx__free(names);
      return SBX_EDATA;
    }
  p->header_seen = 1;
  return 0;
}

static const char *cell_of(const prd *p, size_t c, const char *const *cells, size_t n) {
  int i = p->col[c];
  return i >= 0 && (size_t)i < n ? cells[i] : "";
}

static char *trimmed(const char *s) {
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) n--;
  return sbx__strndup(s, n);
}

static int row_error(prd *p, uint32_t line, const char *item, const char *msg) {
  p->errors++;
  sbx__error(p->ctx, SBX_EDATA, p->path, line, item, "%s", msg);
  return 0;
}

/* YYYY-MM-DD (a spreadsheet date cell comes as "YYYY-MM-DD 00:00:00"). */
static int valid_date(const char *s) {
  int y, m, d;
  char rest[16] = "";
  if (sscanf(s, "%4d-%2d-%2d%15s", &y, &m, &d, rest) < 3 || strlen(s) < 10) return 0;
  if (rest[0] && strcmp(s + 10, " 00:00:00") != 0) return 0;
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= (m == 2 && !leap ? 28 : days[m - 1]);
}

/* "4,2" or "4.2": a mean on the box's answer scale; "60 %" or "60%": a favourable share.
 * SBX_EDATA (nothing recorded: the caller says what is wrong) for anything else. */
static int parse_target(const char *s, const sbx_answer_scale *a, double *v, int *share) {
  char buf[64];
  size_t n = strlen(s);
  if (n == 0 || n >= sizeof buf) return SBX_EDATA;
  memcpy(buf, s, n + 1);
  for (char *c = buf; *c; c++) if (*c == ',') *c = '.';
  *share = 0;
  if (buf[n - 1] == '%') {
    *share = 1;
    buf[--n] = 0;
    while (n && buf[n - 1] == ' ') buf[--n] = 0;
  }
  char *end;
  double x = strtod(buf, &end);
  if (end == buf || *end || !isfinite(x)) return SBX_EDATA;
  if (*share) {
    if (x < 0 || x > 100) return SBX_EDATA;
    *v = x / 100;
    return 0;
  }
  if (a && (x < a->min || x > a->max)) return SBX_EDATA;
  *v = x;
  return 0;
}

/* The unit of this organisation a plan's unit id means: itself, or the unit that
 * continues it after a reorganisation. */
static size_t find_unit(const sbx_org *o, const char *id) {
  size_t u = sbx__org_find_unit(o, id);
  for (size_t i = 0; u == SBX_NONE && i < o->nunit; i++)
    for (size_t k = 0; k < o->unit[i].ncontinues; k++)
      if (strcmp(o->unit[i].continues[k], id) == 0) return i;
  return u;
}

static void status_error(prd *p, uint32_t line, const char *st) {
  char *w[3];
  for (size_t i = 0; i < 3; i++)
    w[i] = sbx__plan_words_list(p->words, SBX_PLAN_WORD_STATUS((sbx_plan_status)i));
  char *msg = w[0] && w[1] && w[2]
                ? sbx__asprintf("the status '%s' is unknown; write one of %s (planned); %s "
                                "(ongoing); %s (done)", st, w[0], w[1], w[2])
                : NULL;
  row_error(p, line, st, msg ? msg : "the status is unknown");
  sbx__free(msg);
  for (size_t i = 0; i < 3; i++) sbx__free(w[i]);
}

static int check_row(prd *p, uint32_t line, sbx_followup *f, const char *const *cells,
                     size_t n) {
  char msg[512];
  const char *unit = cell_of(p, 3, cells, n), *box = cell_of(p, 5, cells, n);
  f->unit = find_unit(p->org, unit);
  f->scale = sbx__survey_find_scale(p->s, box);
  if (f->unit == SBX_NONE) {
    snprintf(msg, sizeof msg, "unknown unit '%s'; use a unit id of the organisation file "
             "(or of a unit it continues)", unit);
    row_error(p, line, unit, msg);
  }
  if (f->scale == SBX_NONE) {
    snprintf(msg, sizeof msg, "unknown box '%s'; use a scale id of the survey", box);
    row_error(p, line, box, msg);
  }
  if (f->deadline[0] && !valid_date(f->deadline)) {
    snprintf(msg, sizeof msg, "the date '%s' in 'klart senast' is not a date; write "
             "YYYY-MM-DD, e.g. 2027-03-31", f->deadline);
    row_error(p, line, f->deadline, msg);
  }
  const char *st = cell_of(p, 11, cells, n);
  char *s = trimmed(st);
  if (!s || sbx__plan_words_status(p->words, s, &f->status)) status_error(p, line, st);
  sbx__free(s);
  const char *tg = cell_of(p, 10, cells, n);
  char *t = trimmed(tg);
  const sbx_answer_scale *a = f->scale == SBX_NONE ? NULL : sbx__scale_answers(p->s, f->scale);
  if (t && *t) {
    f->has_target = parse_target(t, a, &f->target, &f->target_is_share) == 0;
    if (!f->has_target) {
      snprintf(msg, sizeof msg, "the target '%s' is neither a mean on the box's scale (%d to "
               "%d, e.g. 4,5) nor a favourable share (e.g. 60 %%)", tg, a ? a->min : 0,
               a ? a->max : 0);
      row_error(p, line, tg, msg);
    }
  }
  sbx__free(t);
  return 0;
}

static int blank_row(const char *const *cells, size_t n) {
  for (size_t i = 0; i < n; i++)
    for (const char *c = cells[i]; *c; c++)
      if (!isspace((unsigned char)*c)) return 0;
  return 1;
}

static int on_row(void *ud, size_t row, uint32_t line, const char *const *cells, size_t n) {
  prd *p = ud;
  (void)row;
  if (!p->header_seen) return read_header(p, line, cells, n);
  if (blank_row(cells, n)) return 0;
  sbx_trend *t = p->t;
  if (t->nfu >= MAX_PLAN_ROWS) {
    sbx__error(p->ctx, SBX_ELIMIT, p->path, line, NULL, "more than %u actions; the file is "
               "refused", MAX_PLAN_ROWS);
    return SBX_ELIMIT;
  }
  if (sbx__grow(&t->fu, &p->cap, t->nfu + 1, sizeof *t->fu)) return SBX_ENOMEM;
  sbx_followup *f = &t->fu[t->nfu++];
  memset(f, 0, sizeof *f);
  f->row = line;
  f->goal = trimmed(cell_of(p, 1, cells, n));
  f->step = trimmed(cell_of(p, 7, cells, n));
  f->owner = trimmed(cell_of(p, 8, cells, n));
  f->deadline = trimmed(cell_of(p, 9, cells, n));
  if (!f->goal || !f->step || !f->owner || !f->deadline) return SBX_ENOMEM;
  if (f->deadline[0] && strlen(f->deadline) == 19) f->deadline[valid_date(f->deadline) ? 10 : 19] = 0;
  return check_row(p, line, f, cells, n);
}

int sbx__plan_read(const char *path, const sbx_survey *s, const sbx_org *org, sbx_trend *t,
                   sbx_ctx *ctx) {
  prd p;
  memset(&p, 0, sizeof p);
  p.path = path;
  p.s = s;
  p.org = org;
  p.t = t;
  p.ctx = ctx;
  sbx_file_info info;
  sbx_read_opts ro = SBX_READ_OPTS_INIT;
  int rc = sbx__plan_words_load(&p.words, ctx);
  if (rc) return rc;
  rc = sbx__read_export(path, NULL, &ro, on_row, &p, &info, ctx);
  sbx__plan_words_free(p.words);
  if (rc == SBX_ENOMEM) return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  if (rc) return rc;
  if (!p.header_seen)
    return sbx__error(ctx, SBX_EDATA, path, 0, NULL, "the handlingsplan is empty; give the "
                      "file sixbox wrote, filled in");
  if (p.errors) return SBX_EDATA;
  sbx__free(t->plan_source);
  t->plan_source = sbx__strdup(path);
  return t->plan_source ? 0 : sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
}

/* Each action against this wave: the box's figures now and the change behind them
 * (shown only where both waves are visible and comparable), and the target reached. */
void sbx__plan_evaluate(sbx_trend *t, const sbx_results *res) {
  for (size_t i = 0; t && i < t->nfu; i++) {
    sbx_followup *f = &t->fu[i];
    f->has_result = 0;
    f->before = f->now = f->change = f->lo = f->hi = f->p = NAN;
    if (f->unit >= res->nunit || f->scale >= res->nscale) continue;
    if (!sbx__cell_visible(res, f->unit, f->scale)) continue;
    const sbx_cell *c = &res->unit[f->unit].cell[f->scale];
    f->now = f->target_is_share ? c->fav : c->mean;
    const sbx_answer_scale *a = sbx__scale_answers(res->survey, f->scale);
    int low = a && a->direction == SBX_LOW_IS_GOOD && !f->target_is_share;
    f->reached = f->has_target && isfinite(f->now) &&
                 (low ? f->now <= f->target : f->now >= f->target);
    if (!c->has_change) continue;
    f->has_result = 1;
    f->before = c->base_mean;
    f->change = c->change;
    f->lo = c->change_lo;
    f->hi = c->change_hi;
    f->p = c->change_p;
  }
}

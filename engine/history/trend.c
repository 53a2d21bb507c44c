/* Earlier waves read back for this wave: the trend (every wave's visible unit × scale
 * figures on this organisation's units), each goal's status per wave, and the last
 * wave as the baseline. Units follow reorganisations: a unit's line takes the figures
 * of the units it continues (its own `continues`, then theirs, wave by wave back). A
 * merged unit's earlier point pools its predecessors' published figures, and only when
 * every one of them was visible; a hidden predecessor leaves no point (docs/formats.md,
 * "Reorganisations"). A scale whose instrument differs from this wave's has no points
 * for that wave. Only published figures are read, so nothing here is finer than
 * results.json. */
#include "engine/history/history.h"
#include "surveys/fingerprint.h"
#include "surveys/util.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct lmap { char *id; size_t u; } lmap;

typedef struct tload {
  sbx_history *h;
  const sbx_survey *s;
  const sbx_org *org;
  sbx_trend *t;
  sbx_ctx *ctx;
  lmap *map;             /* earlier unit id → this wave's unit, sorted by id */
  size_t nmap, mapcap;
  char **wid;            /* wave ids, oldest first */
  double *sum, *ss;      /* per unit × scale: pooling of the wave being read */
  unsigned char *blocked; /* a predecessor was hidden */
} tload;

static int nomem(tload *l) { return sbx__error(l->ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory"); }

/* How a loop over rows ended: SQLITE_DONE, or an error (SQLITE_NOMEM among them) that
 * fails the load: never a history cut short as if it had no more rows. */
static int rows_end(tload *l, int rc, int s) {
  if (rc || s == SQLITE_DONE || s == SQLITE_ROW) return rc;
  return sbx__hdb_error(l->h, l->ctx, "cannot read the follow-up database");
}

/* A text column, NULL only for a NULL value: a text SQLite could not make (out of
 * memory) sets *rc, never reads as "absent". */
static const char *col_text(tload *l, sqlite3_stmt *st, int i, int *rc) {
  const char *v = (const char *)sqlite3_column_text(st, i);
  if (!v && sqlite3_column_type(st, i) != SQLITE_NULL && !*rc) *rc = nomem(l);
  return v;
}

static int by_id(const void *a, const void *b) {
  return strcmp(((const lmap *)a)->id, ((const lmap *)b)->id);
}

static size_t map_find(const tload *l, const char *id) {
  if (!id || l->nmap == 0) return SBX_NONE; /* bsearch wants a non-null array */
  lmap key = { (char *)id, 0 };
  const lmap *m = bsearch(&key, l->map, l->nmap, sizeof *l->map, by_id);
  return m ? m->u : SBX_NONE;
}

/* Adds id → u unless id has a line already (the nearer wave decides). */
static int map_add(tload *l, const char *id, size_t u) {
  if (map_find(l, id) != SBX_NONE) return 0;
  if (sbx__grow(&l->map, &l->mapcap, l->nmap + 1, sizeof *l->map)) return nomem(l);
  if (!(l->map[l->nmap].id = sbx__strdup(id))) return nomem(l);
  l->map[l->nmap++].u = u;
  qsort(l->map, l->nmap, sizeof *l->map, by_id);
  return 0;
}

static int map_continues(tload *l, const char *list, size_t u) {
  char *copy = sbx__strdup(list), *save = NULL;
  if (!copy) return nomem(l);
  int rc = 0;
  for (char *tok = strtok_r(copy, " ", &save); tok && !rc; tok = strtok_r(NULL, " ", &save))
    rc = map_add(l, tok, u);
  sbx__free(copy);
  return rc;
}

static int map_start(tload *l) {
  for (size_t u = 0; u < l->org->nunit; u++) {
    int rc = map_add(l, l->org->unit[u].id, u);
    for (size_t k = 0; !rc && k < l->org->unit[u].ncontinues; k++)
      rc = map_add(l, l->org->unit[u].continues[k], u);
    if (rc) return rc;
  }
  return 0;
}

static char *col_dup(sqlite3_stmt *st, int i) {
  const unsigned char *v = sqlite3_column_text(st, i);
  return v ? sbx__strdup((const char *)v) : NULL;
}

static double col_num(sqlite3_stmt *st, int i) {
  return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

/* The waves before w in the order of dates, then ids (docs/formats.md, "Follow-up":
 * "Order"), oldest first; a stored wave of the same id is not one of them. */
static int load_waves(tload *l, const sbx__wave_meta *cur) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(l->h, &st,
      "SELECT id, name, date, survey_id, survey_version FROM wave WHERE id <> ?1 AND "
      SBX__WAVE_KEY("wave") " < (coalesce(?2, '9999-12-31'), ?1) ORDER BY seq", l->ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, cur->id);
  sbx__hdb_text(st, 2, cur->date);
  size_t cap = 0, wcap = 0;
  int s;
  while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
    sbx_trend *t = l->t;
    if (sbx__grow(&t->wave, &cap, t->nwave + 1, sizeof *t->wave) ||
        sbx__grow(&l->wid, &wcap, t->nwave + 1, sizeof *l->wid)) {
      rc = nomem(l);
      break;
    }
    sbx_trend_wave *w = &t->wave[t->nwave];
    w->id = col_dup(st, 0);
    w->name = col_dup(st, 1);
    w->date = col_dup(st, 2);
    w->survey_id = col_dup(st, 3);
    w->survey_version = col_dup(st, 4);
    l->wid[t->nwave] = w->id;
    t->nwave++;
    if (!w->id) rc = nomem(l);
  }
  sqlite3_finalize(st);
  return rc;
}

/* Per scale of this survey: may wave w be compared with it? Same fingerprint only. */
static int load_cmp(tload *l, size_t w) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(l->h, &st, "SELECT fingerprint, items FROM scale WHERE wave = ?1 "
                                       "AND id = ?2", l->ctx);
  for (size_t sc = 0; !rc && sc < l->t->nscale; sc++) {
    char fp[32];
    char *items = sbx__scale_items(l->s, sc);
    if (!items || sbx__scale_fingerprint(l->s, sc, fp, sizeof fp)) {
      sbx__free(items);
      rc = nomem(l);
      break;
    }
    sqlite3_reset(st);
    sbx__hdb_text(st, 1, l->wid[w]);
    sbx__hdb_text(st, 2, l->s->scale[sc].id);
    sbx_comparability c = SBX_CMP_ABSENT;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
      const char *f = col_text(l, st, 0, &rc), *it = col_text(l, st, 1, &rc);
      c = f && strcmp(f, fp) == 0 ? SBX_CMP_SAME
          : it && strcmp(it, items) != 0 ? SBX_CMP_ITEMS : SBX_CMP_ANSWER_SCALE;
    }
    sbx__free(items);
    l->t->cmp[w * l->t->nscale + sc] = c;
    rc = rows_end(l, rc, step);
  }
  sqlite3_finalize(st);
  return rc;
}

/* The wave's units: hidden ones block their line for that wave; their `continues`
 * extend the lines further back. */
static int load_units(tload *l, size_t w) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(l->h, &st, "SELECT id, suppressed, continues FROM unit "
                                       "WHERE wave = ?1", l->ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, l->wid[w]);
  size_t ns = l->t->nscale;
  int s = SQLITE_DONE;
  while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
    const char *id = col_text(l, st, 0, &rc), *c = col_text(l, st, 2, &rc);
    size_t u = rc ? SBX_NONE : map_find(l, id);
    if (u == SBX_NONE) continue;
    if (sqlite3_column_int(st, 1)) memset(l->blocked + u * ns, 1, ns);
    if (c) rc = map_continues(l, c, u);
  }
  rc = rows_end(l, rc, s);
  sqlite3_finalize(st);
  return rc;
}

/* Adds one published cell to its line's point (pooled when several map to it). */
static void add_cell(tload *l, size_t w, size_t u, size_t sc, sqlite3_stmt *st) {
  sbx_trend_point *p = sbx__trend_pt(l->t, w, u, sc);
  size_t k = u * l->t->nscale + sc;
  size_t n = (size_t)sqlite3_column_int64(st, 2);
  double m = col_num(st, 3), sd = col_num(st, 4);
  if (!n || !isfinite(m)) {
    l->blocked[k] = 1;
    return;
  }
  if (p->n == 0) {
    p->mean = m;
    p->sd = sd;
    p->lo = col_num(st, 5);
    p->hi = col_num(st, 6);
    p->fav = col_num(st, 7);
    const char *status = (const char *)sqlite3_column_text(st, 8);
    p->status = !status ? SBX_STATUS_NONE : strcmp(status, "weak") == 0 ? SBX_STATUS_WEAK
              : strcmp(status, "watch") == 0 ? SBX_STATUS_WATCH
              : strcmp(status, "ok") == 0 ? SBX_STATUS_OK : SBX_STATUS_STRENGTH;
    l->sum[k] = 0;
    l->ss[k] = 0;
  } else {
    p->status = SBX_STATUS_NONE; /* a pooled point has no published status */
  }
  p->n += n;
  l->sum[k] += (double)n * m;
  l->ss[k] += (double)(n - 1) * (isfinite(sd) ? sd * sd : 0) + (double)n * m * m;
  p->has += 1;
}

/* Pooled points: mean and sd from the parts' n, mean and sd; a t interval. */
static void finish_point(tload *l, sbx_trend_point *p, size_t k, double level) {
  if (l->blocked[k]) {
    memset(p, 0, sizeof *p);
    return;
  }
  if (p->has <= 1) {
    p->has = p->has ? 1 : 0;
    return;
  }
  double N = (double)p->n, M = l->sum[k] / N;
  double var = p->n > 1 ? (l->ss[k] - N * M * M) / (N - 1) : 0;
  p->mean = M;
  p->sd = sqrt(var > 0 ? var : 0);
  double tq = p->n > 1 ? gsl_cdf_tdist_Pinv(0.5 + level / 2, N - 1) : NAN;
  p->lo = M - tq * p->sd / sqrt(N);
  p->hi = M + tq * p->sd / sqrt(N);
  p->fav = NAN;
  p->has = 1;
}

static int load_cells(tload *l, size_t w) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(l->h, &st, "SELECT unit, scale, n, mean, sd, ci_lo, ci_hi, "
                                       "favourable, status FROM cell WHERE wave = ?1", l->ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, l->wid[w]);
  int s = SQLITE_DONE;
  while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
    const char *uid = col_text(l, st, 0, &rc), *scid = col_text(l, st, 1, &rc);
    size_t u = rc ? SBX_NONE : map_find(l, uid);
    size_t sc = scid ? sbx__survey_find_scale(l->s, scid) : SBX_NONE;
    if (u == SBX_NONE || sc == SBX_NONE) continue;
    if (l->t->cmp[w * l->t->nscale + sc] == SBX_CMP_SAME) add_cell(l, w, u, sc, st);
  }
  rc = rows_end(l, rc, s);
  sqlite3_finalize(st);
  if (rc) return rc;
  for (size_t u = 0; u < l->t->nunit; u++)
    for (size_t sc = 0; sc < l->t->nscale; sc++)
      finish_point(l, sbx__trend_pt(l->t, w, u, sc), u * l->t->nscale + sc, 0.95);
  return 0;
}

static int load_goals(tload *l, size_t w) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(l->h, &st, "SELECT id, status FROM goal WHERE wave = ?1", l->ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, l->wid[w]);
  int step = SQLITE_DONE;
  while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
    const char *id = col_text(l, st, 0, &rc), *s = col_text(l, st, 1, &rc);
    size_t g = id && !rc ? sbx__org_find_goal(l->org, id) : SBX_NONE;
    if (g == SBX_NONE || !s) continue;
    size_t k = w * l->t->ngoal + g;
    l->t->goal_has[k] = 1;
    l->t->goal[k] = strcmp(s, "at-risk") == 0 ? SBX_GOAL_AT_RISK
                    : strcmp(s, "watch") == 0 ? SBX_GOAL_WATCH
                    : strcmp(s, "on-track") == 0 ? SBX_GOAL_ON_TRACK : SBX_GOAL_UNKNOWN;
  }
  rc = rows_end(l, rc, step);
  sqlite3_finalize(st);
  return rc;
}

static int alloc_trend(tload *l) {
  sbx_trend *t = l->t;
  size_t cells = t->nunit * t->nscale, nw = t->nwave ? t->nwave : 1;
  t->pt = sbx__calloc(nw * cells + 1, sizeof *t->pt);
  t->cmp = sbx__calloc(nw * t->nscale + 1, sizeof *t->cmp);
  t->goal = sbx__calloc(nw * t->ngoal + 1, sizeof *t->goal);
  t->goal_has = sbx__calloc(nw * t->ngoal + 1, 1);
  l->sum = sbx__calloc(cells + 1, sizeof *l->sum);
  l->ss = sbx__calloc(cells + 1, sizeof *l->ss);
  l->blocked = sbx__calloc(cells + 1, 1);
  return t->pt && t->cmp && t->goal && t->goal_has && l->sum && l->ss && l->blocked ? 0 : nomem(l);
}

/* Newest earlier wave first, so each wave's `continues` extend the lines further back. */
static int load_all(tload *l) {
  int rc = alloc_trend(l);
  if (!rc) rc = map_start(l);
  for (size_t i = l->t->nwave; !rc && i-- > 0;) {
    memset(l->blocked, 0, l->t->nunit * l->t->nscale);
    rc = load_cmp(l, i);
    if (!rc) rc = load_units(l, i);
    if (!rc) rc = load_cells(l, i);
    if (!rc) rc = load_goals(l, i);
  }
  return rc;
}

/* The last earlier wave as a baseline: its points under this wave's unit ids (so a
 * renamed unit compares with its predecessor), its scales' instrument, its goals. */
static int add_base_scales(tload *l, sbx_baseline *b, const char *wave) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(l->h, &st, "SELECT id, fingerprint, items, answer_min, answer_max "
                                       "FROM scale WHERE wave = ?1", l->ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, wave);
  size_t cap = 0;
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    if (sbx__grow(&b->scale, &cap, b->nscale + 1, sizeof *b->scale)) {
      rc = nomem(l);
      break;
    }
    sbx_baseline_scale *x = &b->scale[b->nscale++];
    memset(x, 0, sizeof *x);
    x->id = col_dup(st, 0);
    x->fingerprint = col_dup(st, 1);
    x->items = col_dup(st, 2);
    x->min = sqlite3_column_int(st, 3);
    x->max = sqlite3_column_int(st, 4);
    if (!x->id) rc = nomem(l);
  }
  sqlite3_finalize(st);
  return rc;
}

static int add_base_cells(tload *l, sbx_baseline *b, size_t w) {
  const sbx_trend *t = l->t;
  size_t cap = 0;
  for (size_t u = 0; u < t->nunit; u++)
    for (size_t sc = 0; sc < t->nscale; sc++) {
      const sbx_trend_point *p = sbx__trend_pt(t, w, u, sc);
      if (!p->has) continue;
      if (sbx__grow(&b->cell, &cap, b->ncell + 1, sizeof *b->cell)) return nomem(l);
      sbx_baseline_cell *c = &b->cell[b->ncell++];
      c->unit = sbx__strdup(l->org->unit[u].id);
      c->scale = sbx__strdup(l->s->scale[sc].id);
      c->n = p->n;
      c->mean = p->mean;
      c->sd = p->sd;
      if (!c->unit || !c->scale) return nomem(l);
    }
  size_t gcap = 0;
  for (size_t g = 0; g < t->ngoal; g++) {
    if (!t->goal_has[w * t->ngoal + g]) continue;
    if (sbx__grow(&b->goal, &gcap, b->ngoal + 1, sizeof *b->goal)) return nomem(l);
    b->goal[b->ngoal].status = t->goal[w * t->ngoal + g];
    if (!(b->goal[b->ngoal++].goal = sbx__strdup(l->org->goal[g].id))) return nomem(l);
  }
  return 0;
}

static int make_baseline(tload *l, sbx_baseline **out) {
  size_t w = l->t->nwave - 1;
  const sbx_trend_wave *tw = &l->t->wave[w];
  sbx_baseline *b = sbx__calloc(1, sizeof *b);
  if (!b) return nomem(l);
  b->source = sbx__asprintf("%s (wave %s)", l->h->path, tw->id);
  b->org_id = sbx__strdup(l->org->id);
  b->survey_id = sbx__strdup(tw->survey_id);
  b->survey_version = sbx__strdup(tw->survey_version);
  b->wave_id = sbx__strdup(tw->id);
  b->wave_name = sbx__strdup(tw->name);
  b->wave_date = sbx__strdup(tw->date);
  int rc = b->source && b->wave_id ? 0 : nomem(l);
  if (!rc) rc = add_base_scales(l, b, tw->id);
  if (!rc) rc = add_base_cells(l, b, w);
  if (rc) sbx__baseline_free(b);
  else *out = b;
  return rc;
}

/* The organisation of the earlier waves must be this one (a history per organisation). */
static int check_org(tload *l) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(l->h, &st, "SELECT DISTINCT organisation FROM wave", l->ctx);
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    const char *o = (const char *)sqlite3_column_text(st, 0);
    if (o && l->org->id && strcmp(o, l->org->id) != 0)
      rc = sbx__error(l->ctx, SBX_EDATA, l->h->path, 0, o,
                      "the follow-up database holds waves of organisation '%s', this run is "
                      "of '%s'; keep one database per organisation", o, l->org->id);
  }
  sqlite3_finalize(st);
  return rc;
}

int sbx__history_trend(sbx_history *h, const sbx_survey *s, const sbx_org *org,
                       const sbx__wave_meta *w, sbx_trend **out, sbx_baseline **base,
                       sbx_ctx *ctx) {
  sbx__gsl_init();
  *out = NULL;
  if (base) *base = NULL;
  tload l;
  memset(&l, 0, sizeof l);
  l.h = h;
  l.s = s;
  l.org = org;
  l.ctx = ctx;
  l.t = sbx__calloc(1, sizeof *l.t);
  if (!l.t) return nomem(&l);
  l.t->nunit = org->nunit;
  l.t->nscale = s->nscale;
  l.t->ngoal = org->ngoal;
  l.t->cur.id = sbx__strdup(w->id);
  l.t->cur.name = sbx__strdup(w->name);
  l.t->cur.date = sbx__strdup(w->date);
  int rc = l.t->cur.id ? check_org(&l) : nomem(&l);
  if (!rc) rc = load_waves(&l, w);
  if (!rc) rc = load_all(&l);
  if (!rc && base && l.t->nwave) rc = make_baseline(&l, base);
  for (size_t i = 0; i < l.nmap; i++) sbx__free(l.map[i].id);
  sbx__free(l.map);
  sbx__free(l.wid);
  sbx__free(l.sum);
  sbx__free(l.ss);
  sbx__free(l.blocked);
  if (rc) {
    sbx__trend_free(l.t);
    return rc;
  }
  *out = l.t;
  return 0;
}

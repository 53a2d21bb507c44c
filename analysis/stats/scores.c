/* sbx__score: every unit × scale cell (n, mean, sd, median, t interval, favourable
 * share with its Wilson interval, distributions, status), Weisbord's balance per unit,
 * reliability per scale and per unit of at least 30, rwg(j) per cell and ICC(1)/ICC(2)
 * per scale over the leaf units; all from one pass over the responses (accumulate.c). */
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Units this large get their own reliability figures. */
#define SBX_REL_MIN_N 30

int sbx__item_score(const sbx_survey *s, size_t item, int v) {
  if (item >= s->nitem || s->item[item].answer_scale >= s->nanswer_scale) return SBX_NO_SCORE;
  const sbx_item *it = &s->item[item];
  const sbx_answer_scale *as = &s->answer_scale[it->answer_scale];
  if (v == SBX_MISSING || v < as->min || v > as->max) return SBX_NO_SCORE;
  int valid = 0;
  for (size_t p = 0; p < as->npoint && !valid; p++) valid = as->point[p].value == v;
  if (!valid) return SBX_NO_SCORE;
  return it->reverse ? as->min + as->max - v : v;
}

size_t sbx__min_answered(const sbx_survey *s, size_t nitem) {
  int pct = s->min_item_share_pct < 0 ? 0 : s->min_item_share_pct > 100 ? 100
                                                                       : s->min_item_share_pct;
  size_t m = (nitem * (size_t)pct + 99) / 100;
  return m < 1 ? 1 : m;
}

double sbx__scale_score(const sbx_survey *s, size_t scale, const int8_t *row) {
  if (!s || !row || scale >= s->nscale) return NAN;
  const sbx_scale *k = &s->scale[scale];
  if (!k->nitem) return NAN;
  long sum = 0;
  size_t m = 0;
  for (size_t i = 0; i < k->nitem; i++) {
    int v = k->item[i] < s->nitem ? sbx__item_score(s, k->item[i], row[k->item[i]])
                                  : SBX_NO_SCORE;
    if (v == SBX_NO_SCORE) continue;
    sum += v;
    m++;
  }
  if (m < sbx__min_answered(s, k->nitem)) return NAN;
  return (double)sum / (double)m;
}

/* Is the score on the favourable side of the threshold? */
static int favourable(const sbx_answer_scale *as, double v) {
  return as->direction == SBX_LOW_IS_GOOD ? v <= as->favourable : v >= as->favourable;
}

/* Is the score on the problem side of the cut-off? */
static int unfavourable(const sbx_answer_scale *as, double v) {
  return as->direction == SBX_LOW_IS_GOOD ? v > as->cutoff : v < as->cutoff;
}

static int cell_distributions(sbx_cell *c, const sbx__scale_layout *l, const int64_t *b) {
  size_t np = l->npoint ? l->npoint : 1, J = l->nitem ? l->nitem : 1;
  c->score_hist = sbx__calloc(np, sizeof *c->score_hist);
  c->item_hist = sbx__calloc(J * np, sizeof *c->item_hist);
  c->item_n = sbx__calloc(J, sizeof *c->item_n);
  c->item_mean = sbx__malloc(J * sizeof *c->item_mean);
  c->band_hist = sbx__calloc(np, sizeof *c->band_hist);
  if (!c->score_hist || !c->item_hist || !c->item_n || !c->item_mean || !c->band_hist)
    return SBX_ENOMEM;
  for (size_t bin = 0; bin < l->nbin; bin++) {
    if (!l->npoint || !b[l->o_hist + bin]) continue;
    c->score_hist[l->bin_point[bin]] += (size_t)b[l->o_hist + bin];
    c->band_hist[sbx__score_band(l->as, l->bin_value[bin])] += (size_t)b[l->o_hist + bin];
  }
  for (size_t i = 0; i < l->nitem; i++) {
    int64_t n = 0, sum = 0;
    for (size_t slot = l->ih_off[i]; slot < l->ih_off[i + 1]; slot++) {
      int64_t cnt = b[l->o_ihist + slot];
      n += cnt;
      sum += cnt * l->ih_raw[slot];
      if (l->ih_col[slot] != SBX_NONE) c->item_hist[i * l->npoint + l->ih_col[slot]] += (size_t)cnt;
    }
    c->item_n[i] = (size_t)n;
    c->item_mean[i] = n ? (double)sum / (double)n : NAN; /* as answered, not keyed */
  }
  return 0;
}

static int fill_cell(sbx_cell *c, const sbx__scale_layout *l, const int64_t *b, double level,
                     sbx__moments *mo) {
  sbx__hist_moments(l, b + l->o_hist, mo);
  c->n = mo->n;
  c->n_incomplete = (size_t)(b[l->o_any] - b[l->o_nc]);
  int rc = cell_distributions(c, l, b);
  if (rc) return rc;
  c->rwg_j = sbx__rwg_j(l, b);
  if (!c->n) return 0;
  c->mean = mo->mean;
  c->sd = mo->sd;
  c->median = sbx__hist_median(l, b + l->o_hist, c->n);
  if (c->n >= 2) {
    double q = sbx__t_quantile(1 - (1 - level) / 2, (double)(c->n - 1));
    double half = q * c->sd / sqrt((double)c->n);
    c->ci_lo = c->mean - half;
    c->ci_hi = c->mean + half;
  }
  if (l->as) {
    size_t x = 0, y = 0;
    for (size_t bin = 0; bin < l->nbin; bin++) {
      if (!b[l->o_hist + bin]) continue;
      if (favourable(l->as, l->bin_value[bin])) x += (size_t)b[l->o_hist + bin];
      if (unfavourable(l->as, l->bin_value[bin])) y += (size_t)b[l->o_hist + bin];
    }
    c->fav = (double)x / (double)c->n;
    sbx__wilson(x, c->n, level, &c->fav_lo, &c->fav_hi);
    c->unfav = (double)y / (double)c->n;
    sbx__wilson(y, c->n, level, &c->unfav_lo, &c->unfav_hi);
    c->status = sbx__cell_status(l->as, c, &c->clause);
  }
  return 0;
}

/* Leadership against the mean of the other five boxes, and the spread of the six. */
static void balance(sbx_unit_result *ur, const sbx_survey *s) {
  double box[SBX_BOX_COUNT];
  for (int b = 0; b < SBX_BOX_COUNT; b++) box[b] = NAN;
  for (size_t sc = 0; sc < s->nscale; sc++) {
    const sbx_scale *k = &s->scale[sc];
    if (k->kind != SBX_SCALE_BOX || k->box < 0 || k->box >= SBX_BOX_COUNT) continue;
    if (isnan(box[k->box])) box[k->box] = ur->cell[sc].mean;
  }
  double lo = INFINITY, hi = -INFINITY, other = 0;
  for (int b = 0; b < SBX_BOX_COUNT; b++) {
    if (isnan(box[b])) return;
    if (box[b] < lo) lo = box[b];
    if (box[b] > hi) hi = box[b];
    if (b != SBX_BOX_LEADERSHIP) other += box[b];
  }
  ur->leadership_gap = box[SBX_BOX_LEADERSHIP] - other / (SBX_BOX_COUNT - 1);
  ur->box_spread = hi - lo;
}

static int unit_reliability(sbx_results *res, const sbx__acc *a, size_t u, const int64_t *ub,
                            sbx_ctx *ctx) {
  sbx_unit_result *ur = &res->unit[u];
  if (ur->n < SBX_REL_MIN_N) return 0;
  ur->rel = sbx__calloc(res->nscale ? res->nscale : 1, sizeof *ur->rel);
  if (!ur->rel) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t sc = 0; sc < res->nscale; sc++) {
    const int64_t *b = sbx__acc_block(a, ub, sc);
    sbx__reliability_none(&ur->rel[sc]);
    if (b[a->lay[sc].o_any] < SBX_REL_MIN_N) continue;
    int rc = sbx__reliability(&a->lay[sc], b, res->opts.level, &ur->rel[sc], ctx);
    if (rc) return rc;
  }
  return 0;
}

/* What the pass over the units keeps: the score moments of each scale in each leaf
 * unit (units without children), in unit order, for the ICCs. */
typedef struct score_state {
  sbx_results *res;
  sbx_ctx *ctx;
  size_t *leaf;          /* per unit: its position among the leaves, or SBX_NONE */
  size_t nleaf;
  sbx__moments *g;       /* nscale * nleaf */
} score_state;

static int leaves(score_state *st) {
  sbx_results *res = st->res;
  size_t nu = res->nunit;
  st->leaf = sbx__calloc(nu ? nu : 1, sizeof *st->leaf);
  unsigned char *has_child = sbx__calloc(nu ? nu : 1, 1);
  if (!st->leaf || !has_child) {
    sbx__free(has_child);
    return SBX_ENOMEM;
  }
  for (size_t u = 1; res->org && u < nu; u++)
    if (res->org->unit[u].parent < nu) has_child[res->org->unit[u].parent] = 1;
  for (size_t u = 0; u < nu; u++)
    st->leaf[u] = has_child[u] || (u == 0 && nu > 1) ? SBX_NONE : st->nleaf++;
  sbx__free(has_child);
  st->g = sbx__calloc(res->nscale * st->nleaf + 1, sizeof *st->g);
  return st->g ? 0 : SBX_ENOMEM;
}

/* ICC(1)/ICC(2) of each scale over the leaf units that have scores. */
static void leaf_icc(score_state *st) {
  sbx_results *res = st->res;
  for (size_t sc = 0; sc < res->nscale; sc++) {
    sbx__moments *g = st->g + sc * st->nleaf;
    size_t ng = 0;
    for (size_t i = 0; i < st->nleaf; i++)
      if (g[i].n) g[ng++] = g[i];
    sbx__icc(g, ng, &res->scale[sc]);
  }
}

static int score_unit(void *ud, const sbx__acc *a, size_t u, const int64_t *ub) {
  score_state *st = ud;
  sbx_results *res = st->res;
  sbx_unit_result *ur = &res->unit[u];
  ur->n = a->n[u];
  ur->n_direct = a->n_direct[u];
  for (size_t sc = 0; sc < res->nscale; sc++) {
    sbx__moments mo;
    if (fill_cell(&ur->cell[sc], &a->lay[sc], sbx__acc_block(a, ub, sc), res->opts.level, &mo))
      return sbx__error(st->ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    if (st->leaf[u] != SBX_NONE)
      sbx__hist_moments(&a->lay[sc], sbx__acc_block(a, ub, sc) + a->lay[sc].o_hist,
                        &st->g[sc * st->nleaf + st->leaf[u]]);
  }
  balance(ur, res->survey);
  int rc = unit_reliability(res, a, u, ub, st->ctx);
  for (size_t sc = 0; !rc && u == 0 && sc < res->nscale; sc++) { /* the whole organisation */
    const int64_t *b = sbx__acc_block(a, ub, sc);
    sbx__reliability_none(&res->scale[sc].rel);
    if (b[a->lay[sc].o_any] >= 2)
      rc = sbx__reliability(&a->lay[sc], b, res->opts.level, &res->scale[sc].rel, st->ctx);
  }
  return rc;
}

int sbx__score(sbx_results *res, sbx_ctx *ctx) {
  if (!res || !res->survey || !res->resp || !res->unit)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "scoring needs a survey and responses");
  score_state st = { res, ctx, NULL, 0, NULL };
  int rc = leaves(&st);
  if (rc) rc = sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  sbx__acc a;
  memset(&a, 0, sizeof a);
  if (!rc) rc = sbx__acc_run(&a, res, score_unit, &st, ctx);
  if (!rc) {
    res->unknown_unit = a.unknown;
    leaf_icc(&st);
  }
  sbx__acc_free(&a);
  sbx__free(st.leaf);
  sbx__free(st.g);
  return rc;
}

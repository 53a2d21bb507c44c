/* The status of a unit's box: how far it lies from the cut-off (the answer scale's
 * practical threshold δ) combined with how sure we are (the interval), and at least
 * half favourable for a strength; and the clause that decided it. Also the box-score
 * bands the report's distribution chart draws, binned so that the bands add up to the
 * favourable and unfavourable shares. The rule and its defaults: docs/statistics.md ("How the
 * figures are computed"). */
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <math.h>

/* Tolerance for means that land exactly on c ± δ (sums of integers over n). */
#define SBX_STATUS_EPS 1e-12

const char *sbx__status_clause_id(sbx_status_clause c) {
  switch (c) {
  case SBX_CLAUSE_WEAK: return "weak-sure-and-far";
  case SBX_CLAUSE_WATCH_UNSURE: return "watch-interval-reaches-cutoff";
  case SBX_CLAUSE_WATCH_NEAR: return "watch-mean-within-practical";
  case SBX_CLAUSE_OK_UNSURE: return "ok-interval-not-clear";
  case SBX_CLAUSE_OK_FEW_FAVOURABLE: return "ok-under-half-favourable";
  case SBX_CLAUSE_STRENGTH: return "strength-clear-and-favourable";
  default: return NULL;
  }
}

static sbx_status decide(sbx_status s, sbx_status_clause c, sbx_status_clause *out) {
  if (out) *out = c;
  return s;
}

sbx_status sbx__cell_status(const sbx_answer_scale *as, const sbx_cell *c,
                            sbx_status_clause *clause) {
  if (!as || c->n < 2 || isnan(c->mean) || isnan(c->ci_lo) || isnan(c->ci_hi))
    return decide(SBX_STATUS_NONE, SBX_CLAUSE_NONE, clause);
  /* Distances towards the good side: positive = good side of the cut-off. */
  double sign = as->direction == SBX_LOW_IS_GOOD ? -1.0 : 1.0, cut = as->cutoff;
  double delta = sbx__practical(as) - SBX_STATUS_EPS;
  double m = sign * (c->mean - cut), a = sign * (c->ci_lo - cut), b = sign * (c->ci_hi - cut);
  double near = a < b ? a : b, far = a < b ? b : a; /* problem-side and good-side ends */
  if (far < 0 && -m >= delta) return decide(SBX_STATUS_WEAK, SBX_CLAUSE_WEAK, clause);
  if (m < 0)
    return decide(SBX_STATUS_WATCH, far < 0 ? SBX_CLAUSE_WATCH_NEAR : SBX_CLAUSE_WATCH_UNSURE,
                  clause);
  if (near < delta) return decide(SBX_STATUS_OK, SBX_CLAUSE_OK_UNSURE, clause);
  if (!(c->fav >= 0.5)) return decide(SBX_STATUS_OK, SBX_CLAUSE_OK_FEW_FAVOURABLE, clause);
  return decide(SBX_STATUS_STRENGTH, SBX_CLAUSE_STRENGTH, clause);
}

/* Is x at or beyond t on the good side? */
static int reaches(const sbx_answer_scale *as, double x, double t) {
  return as->direction == SBX_LOW_IS_GOOD ? x <= t : x >= t;
}

/* The point nearest to t on the good side of it or at it (t itself if a point), or
 * SBX_NONE. Points are in ascending value order. */
static size_t first_reaching(const sbx_answer_scale *as, double t) {
  if (as->direction == SBX_LOW_IS_GOOD) {
    for (size_t p = as->npoint; p-- > 0;)
      if (as->point[p].value <= t) return p;
  } else {
    for (size_t p = 0; p < as->npoint; p++)
      if (as->point[p].value >= t) return p;
  }
  return SBX_NONE;
}

size_t sbx__score_band(const sbx_answer_scale *as, double x) {
  if (!as || !as->npoint) return 0;
  int low = as->direction == SBX_LOW_IS_GOOD;
  /* The point at or below x (high-is-good), at or above it (low-is-good). */
  size_t p = low ? as->npoint - 1 : 0;
  for (size_t k = 0; k < as->npoint; k++) {
    if (!low && as->point[k].value <= x) p = k;
    if (low && as->point[as->npoint - 1 - k].value >= x) p = as->npoint - 1 - k;
  }
  double pv = as->point[p].value;
  if (reaches(as, x, as->favourable)) {
    if (!reaches(as, pv, as->favourable)) {
      size_t q = first_reaching(as, as->favourable);
      if (q != SBX_NONE) p = q;
    }
  } else if (reaches(as, x, as->cutoff) && !reaches(as, pv, as->cutoff)) {
    /* A neutral score: to the first point at or beyond the cut-off, if that point is
     * not already favourable (then no point holds neutral scores; keep it below). */
    size_t q = first_reaching(as, as->cutoff);
    if (q != SBX_NONE && !reaches(as, as->point[q].value, as->favourable)) p = q;
  }
  return p;
}

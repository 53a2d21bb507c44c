/* Goal indicators: each goal's indicators (a Kolada KPI or a local id with a target)
 * read from the benchmark, beside the peer group's and the country's value for the same
 * year, and the goal's two kinds of evidence read together: the indicator (on target,
 * off target, no value) and the organisation's condition (the goal's status from its
 * critical boxes). The rule: docs/statistics.md ("Goal indicators"). Runs after sbx__goals. */
#include "analysis/results.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_key(const sbx_bench_row *r, const char *kpi, const char *mun, int period,
                   char gender) {
  int c = strcmp(r->kpi, kpi);
  if (!c) c = strcmp(r->mun, mun);
  if (!c) c = (r->period > period) - (r->period < period);
  if (!c) c = (r->gender > gender) - (r->gender < gender);
  return c;
}

double sbx__bench_value(const sbx_benchmark *b, const char *kpi, const char *mun, int period,
                        char gender) {
  if (!b || !kpi || !mun) return NAN;
  size_t lo = 0, hi = b->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp_key(&b->row[mid], kpi, mun, period, gender);
    if (c == 0) return b->row[mid].value;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return NAN;
}

int sbx__bench_latest(const sbx_benchmark *b, const char *kpi, const char *mun, int max_period) {
  int best = 0;
  for (size_t i = 0; b && kpi && mun && i < b->n; i++) {
    const sbx_bench_row *r = &b->row[i];
    if (r->gender != 'T' || isnan(r->value) || strcmp(r->kpi, kpi) || strcmp(r->mun, mun))
      continue;
    if ((max_period == 0 || r->period <= max_period) && r->period > best) best = r->period;
  }
  return best;
}

void sbx__benchmark_free(sbx_benchmark *b) {
  if (!b) return;
  for (size_t i = 0; i < b->n; i++) {
    sbx__free(b->row[i].kpi);
    sbx__free(b->row[i].mun);
    sbx__free(b->row[i].status);
  }
  sbx__free(b->row);
  sbx__free(b->source);
  sbx__free(b);
}

/* The municipality the indicators are read for: the organisation's Kolada code, else
 * its id (for a benchmark of local indicators written by hand). */
static const char *own_id(const sbx_org *o) { return o->kolada ? o->kolada : o->id; }

static void read_one(const sbx_results *res, const sbx_indicator *x, sbx_ind_result *r) {
  const sbx_org *o = res->org;
  const sbx_benchmark *b = res->bench;
  const char *me = own_id(o), *country = o->kolada_country ? o->kolada_country : "0000";
  r->value = r->peers = r->country = r->from_value = NAN;
  r->year = x->year ? x->year : sbx__bench_latest(b, x->kpi, me, res->year);
  r->from = x->from;
  r->status = SBX_IND_NO_VALUE;
  if (!r->year) return;
  r->value = sbx__bench_value(b, x->kpi, me, r->year, 'T');
  r->peers = sbx__bench_value(b, x->kpi, o->kolada_peers, r->year, 'T');
  r->country = sbx__bench_value(b, x->kpi, country, r->year, 'T');
  if (x->from) r->from_value = sbx__bench_value(b, x->kpi, me, x->from, 'T');
  if (isnan(r->value)) return;
  int met = x->at_most ? r->value <= x->target : r->value >= x->target;
  r->status = met ? SBX_IND_MET : SBX_IND_NOT_MET;
}

/* Off target when any indicator is; on target when every one with a value is. */
static sbx_reading reading_of(const sbx_goal_ind *gi, sbx_goal_status boxes) {
  if (gi->nind == 0) return SBX_READ_NONE;
  int off = 0, on = 0;
  for (size_t i = 0; i < gi->nind; i++) {
    off |= gi->ind[i].status == SBX_IND_NOT_MET;
    on |= gi->ind[i].status == SBX_IND_MET;
  }
  if (!off && !on) return SBX_READ_NO_VALUE;
  if (boxes == SBX_GOAL_UNKNOWN) return SBX_READ_BOXES_UNKNOWN;
  int weak = boxes == SBX_GOAL_AT_RISK || boxes == SBX_GOAL_WATCH;
  if (off) return weak ? SBX_READ_ORG_CAUSE : SBX_READ_ELSEWHERE;
  return weak ? SBX_READ_RISK_AHEAD : SBX_READ_ON_COURSE;
}

int sbx__indicators(sbx_results *res, sbx_ctx *ctx) {
  const sbx_org *o = res->org;
  if (!o || !res->goal || res->ngoal != o->ngoal || res->gind) return 0;
  res->gind = sbx__calloc(res->ngoal ? res->ngoal : 1, sizeof *res->gind);
  if (!res->gind) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t g = 0; g < res->ngoal; g++) {
    const sbx_goal *goal = &o->goal[res->goal[g].goal];
    sbx_goal_ind *gi = &res->gind[g];
    if (goal->nindicator == 0) continue;
    gi->ind = sbx__calloc(goal->nindicator, sizeof *gi->ind);
    if (!gi->ind) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    gi->nind = goal->nindicator;
    for (size_t i = 0; i < gi->nind; i++) {
      gi->ind[i].indicator = i;
      read_one(res, &goal->indicator[i], &gi->ind[i]);
    }
    gi->reading = reading_of(gi, res->goal[g].status);
  }
  return 0;
}

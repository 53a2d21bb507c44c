/* Goal linkage against an independent reading of docs/statistics.md ("Goals at risk"): random
 * organisations (unit trees, goal trees, critical boxes and weights) and random cells
 * (every status, some units and cells suppressed while still holding numbers), and a
 * small oracle written from the rules alone recomputes every status, rule, risk,
 * `via`, and the action plan. Suppressed figures must never reach the evidence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/goals/goals.h"
#include "tests/analysis/goals/fixture.h"

#define CASES 1500

static gsl_rng *rng;
static size_t pick(size_t n) { return (size_t)gsl_rng_uniform_int(rng, n); }

/* A cell with figures that agree with its status (1..5, cut-off 3, high is good). */
static void random_cell(sbx_cell *c) {
  sbx_status st = (sbx_status)pick(5);
  double half = 0.1 + 0.4 * gsl_rng_uniform(rng), m;
  switch (st) {
  case SBX_STATUS_WEAK: m = 3 - half - 0.01 - 1.5 * gsl_rng_uniform(rng); break;
  case SBX_STATUS_WATCH: m = 3 - (half - 0.01) * gsl_rng_uniform(rng) - 0.001; break;
  case SBX_STATUS_OK: m = 3 + (half - 0.01) * gsl_rng_uniform(rng); break;
  case SBX_STATUS_STRENGTH: m = 3 + half + 0.01 + 1.5 * gsl_rng_uniform(rng); break;
  default: m = NAN;
  }
  c->mean = m;
  c->ci_lo = m - half;
  c->ci_hi = m + half;
  c->n = st == SBX_STATUS_NONE ? 0 : 5 + pick(200);
  c->status = st;
  c->suppressed = pick(8) == 0;
}

static sbx_org *random_org(void) {
  sbx_org *o = fx_org();
  size_t nu = 1 + pick(8);
  for (size_t u = 1; u < nu; u++) fx_unit(o, "u", pick(u));
  fx_goal(o, "v", SBX_GOAL_VISION, SBX_NONE, SBX_NONE, 0, NULL, NULL);
  for (size_t s = 0, ns = 1 + pick(3); s < ns; s++) {
    sbx_box box[3];
    double w[3];
    size_t nc = pick(3) == 0 ? 1 + pick(2) : 0;
    for (size_t i = 0; i < nc; i++) box[i] = (sbx_box)(i * 3 + pick(3)), w[i] = 0.5 + pick(3);
    size_t sg = fx_goal(o, "s", SBX_GOAL_STRATEGIC, 0, SBX_NONE, nc, box, w);
    for (size_t k = 0, nk = pick(4); k < nk && o->ngoal < 60; k++) {
      nc = pick(4);
      for (size_t i = 0; i < nc; i++) box[i] = (sbx_box)(i * 2 + pick(2)), w[i] = 0.5 + pick(3);
      size_t og = fx_goal(o, "o", SBX_GOAL_OPERATIVE, sg, pick(nu), nc, box, w);
      for (size_t a = 0, na = pick(3); a < na && o->ngoal < 62; a++)
      {
        /* Activities: in their goal's unit or another, with their own boxes or none. */
        size_t nca = pick(3), au = pick(3) == 0 ? o->goal[og].unit : pick(nu);
        for (size_t i = 0; i < nca; i++) box[i] = (sbx_box)(i * 2 + pick(2)), w[i] = 1;
        fx_goal(o, "a", SBX_GOAL_ACTIVITY, og, au, nca, box, w);
      }
    }
  }
  return o;
}

/* ---- the oracle, from docs/statistics.md ("Goals at risk") alone ---- */

static const sbx_cell *known(const sbx_results *res, size_t u, sbx_box b) {
  const sbx_cell *c = fx_box_cell((sbx_results *)res, u, b);
  if (res->unit[u].suppressed || c->suppressed || c->status == SBX_STATUS_NONE) return NULL;
  return c;
}

static double box_r(const sbx_cell *c) {
  return (fmax(0, 3 - c->mean) + fmax(0, 3 - c->ci_hi)) / (2 * (3 - 1));
}

typedef struct expect {
  sbx_goal_status status;
  sbx_goal_rule rule;
  double risk;
  size_t via;
} expect;

static expect own_boxes(const sbx_results *res, const sbx_goal *g, size_t u, int lead) {
  int weak = 0, watch = 0, all = g->ncritical > 0;
  double ws = 0, rs = 0;
  for (size_t i = 0; i < g->ncritical; i++) {
    const sbx_cell *c = known(res, u, g->critical[i].box);
    if (!c) { all = 0; continue; }
    weak |= c->status == SBX_STATUS_WEAK;
    watch |= c->status == SBX_STATUS_WATCH;
    ws += g->critical[i].weight;
    rs += g->critical[i].weight * box_r(c);
  }
  expect e = { SBX_GOAL_UNKNOWN, SBX_RULE_NO_FIGURES, 0, SBX_NONE };
  if (weak) e = (expect){ SBX_GOAL_AT_RISK, SBX_RULE_CRITICAL_WEAK, rs / ws, SBX_NONE };
  else if (watch) e = (expect){ SBX_GOAL_WATCH, SBX_RULE_CRITICAL_WATCH, rs / ws, SBX_NONE };
  else if (all) e = (expect){ SBX_GOAL_ON_TRACK, SBX_RULE_ALL_OK, rs / ws, SBX_NONE };
  const sbx_cell *l = lead ? known(res, u, SBX_BOX_LEADERSHIP) : NULL;
  if (l && l->status == SBX_STATUS_WEAK && e.status < SBX_GOAL_WATCH) {
    e.status = SBX_GOAL_WATCH;
    e.rule = SBX_RULE_LEADERSHIP;
  }
  return e;
}

static expect oracle(const sbx_results *res, size_t gi) {
  const sbx_org *o = res->org;
  const sbx_goal *g = &o->goal[gi];
  if (g->level == SBX_GOAL_OPERATIVE) return own_boxes(res, g, g->unit, 1);
  if (g->level == SBX_GOAL_ACTIVITY) { /* its own boxes (else its goal's), own unit if shown */
    const sbx_goal *op = &o->goal[g->parent];
    size_t u = res->unit[g->unit].suppressed ? op->unit : g->unit;
    expect e = own_boxes(res, g->ncritical ? g : op, u, 1);
    e.via = g->parent;
    return e;
  }
  expect own = { SBX_GOAL_UNKNOWN, SBX_RULE_NO_FIGURES, 0, SBX_NONE }, best = own;
  if (g->ncritical) own = own_boxes(res, g, 0, 0);
  size_t bi = SBX_NONE;
  for (size_t k = 0; k < o->ngoal; k++) {
    if (o->goal[k].parent != gi || o->goal[k].level == SBX_GOAL_ACTIVITY) continue;
    expect c = oracle(res, k);
    if (bi == SBX_NONE || c.status > best.status || (c.status == best.status && c.risk > best.risk))
      best = c, bi = k;
  }
  if (own.status == SBX_GOAL_UNKNOWN && best.status == SBX_GOAL_UNKNOWN)
    return (expect){ SBX_GOAL_UNKNOWN, SBX_RULE_NO_FIGURES, 0, SBX_NONE };
  if (best.status >= own.status)
    return (expect){ best.status, SBX_RULE_ROLLUP,
                     best.status == own.status ? fmax(best.risk, own.risk) : best.risk, bi };
  return own;
}

static int row_of(const sbx_results *res, size_t end, size_t u, size_t s) {
  for (size_t a = 0; a < end; a++)
    if (res->action[a].unit == u && res->action[a].scale == s) return 1;
  return 0;
}

/* The action plan: the goal-linked rows of non-activities (nact), an activity's only
 * for a cell no row before it has, in reading order; then every other weak box of a
 * shown unit once, with no goal; so every weak box of every shown unit has a row. */
static void check_actions(const sbx_results *res, size_t nact) {
  size_t linked = 0, acts = 0;
  while (linked < res->naction && res->action[linked].goal != SBX_NONE) linked++;
  for (size_t a = 0; a < res->naction; a++) {
    const sbx_action *x = &res->action[a];
    assert_true(known(res, x->unit, res->survey->scale[x->scale].box)->status ==
                SBX_STATUS_WEAK);
    if (a >= linked) { /* unlinked: once, and not a cell a goal-linked row has */
      assert_int_equal(x->goal, SBX_NONE);
      assert_false(row_of(res, a, x->unit, x->scale));
      continue;
    }
    assert_int_equal(res->goal[x->goal].status, SBX_GOAL_AT_RISK);
    if (res->org->goal[x->goal].level == SBX_GOAL_ACTIVITY) {
      assert_false(row_of(res, a, x->unit, x->scale));
      acts++;
    }
    if (a) { /* reading order */
      const sbx_goal_result *p = &res->goal[res->action[a - 1].goal], *q = &res->goal[x->goal];
      assert_true(p->risk > q->risk || (p->risk == q->risk && p->goal <= q->goal));
    }
  }
  assert_int_equal(linked, nact + acts);
  for (size_t u = 0; u < res->nunit; u++)
    for (size_t s = 0; s < res->nscale; s++) {
      const sbx_cell *c = known(res, u, res->survey->scale[s].box);
      if (c && c->status == SBX_STATUS_WEAK) assert_true(row_of(res, res->naction, u, s));
    }
}

static void check_case(const sbx_results *res) {
  const sbx_org *o = res->org;
  size_t nact = 0;
  for (size_t g = 0; g < o->ngoal; g++) {
    expect e = oracle(res, g);
    const sbx_goal_result *r = &res->goal[g];
    assert_int_equal(r->status, e.status);
    assert_int_equal(r->rule, e.rule);
    assert_float_equal(r->risk, e.status == SBX_GOAL_UNKNOWN ? 0 : e.risk, 1e-12);
    assert_int_equal(r->via, e.via);
    assert_true(r->risk >= 0 && r->risk <= 1);
    for (size_t i = 0; i < r->nev; i++) {
      const sbx_evidence *x = &r->ev[i];
      assert_true(x->unit < res->nunit && x->scale < res->nscale);
      const sbx_cell *c = &res->unit[x->unit].cell[x->scale];
      if (res->unit[x->unit].suppressed || c->suppressed) {
        assert_true(isnan(x->mean) && isnan(x->ci_lo) && isnan(x->ci_hi));
        assert_int_equal(x->n, 0);
        assert_int_equal(x->status, SBX_STATUS_NONE);
      }
      if (o->goal[g].level == SBX_GOAL_ACTIVITY)
        assert_int_equal(r->fallback, res->unit[o->goal[g].unit].suppressed);
      if (o->goal[g].level != SBX_GOAL_ACTIVITY && r->status == SBX_GOAL_AT_RISK)
        nact += x->critical && x->status == SBX_STATUS_WEAK;
    }
  }
  check_actions(res, nact);
}

static void test_against_oracle(void **state) {
  (void)state;
  rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 7);
  sbx_survey *s = fx_survey(3, 0, 1, 5, 3.0, SBX_HIGH_IS_GOOD, 0);
  size_t statuses[4] = { 0 };
  for (int k = 0; k < CASES; k++) {
    sbx_org *o = random_org();
    sbx_results *res = fx_results(s, o);
    for (size_t u = 0; u < res->nunit; u++) {
      res->unit[u].suppressed = pick(6) == 0;
      for (size_t c = 0; c < res->nscale; c++) random_cell(&res->unit[u].cell[c]);
    }
    assert_int_equal(sbx__goals(res, NULL), 0);
    check_case(res);
    for (size_t g = 0; g < res->ngoal; g++) statuses[res->goal[g].status]++;
    sbx_results_free(res);
    sbx_org_free(o);
  }
  for (size_t i = 0; i < 4; i++) assert_true(statuses[i] > 100); /* every status occurs */
  sbx_survey_free(s);
  gsl_rng_free(rng);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_against_oracle),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Goal linkage on hand-made cases: one test per rule in docs/statistics.md ("Goals at risk")
 * (critical weak / watch / all ok / no figures, leadership, roll-up, activities),
 * the risk score and ordering, suppression, baseline follow-up, the action plan and
 * the red thread. Cells are set by hand; the answer scale is 1..5, cut-off 3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/goals/goals.h"
#include "tests/analysis/goals/fixture.h"

/* Units and goals of the test organisation (indices). */
enum { ROOT = 0, SOCIAL, SCHOOL, EAST };
enum { VISION = 0, S1, O1, A1, O2, S2, O3, NGOAL };

typedef struct world {
  sbx_survey *s;
  sbx_org *o;
  sbx_results *res;
} world;

static int setup(void **state) {
  world *w = calloc(1, sizeof *w);
  w->s = fx_survey(3, 1, 1, 5, 3.0, SBX_HIGH_IS_GOOD, 0);
  w->o = fx_org();
  fx_unit(w->o, "social", ROOT);
  fx_unit(w->o, "school", ROOT);
  fx_unit(w->o, "school-east", SCHOOL);
  sbx_box o1[] = { SBX_BOX_PURPOSES, SBX_BOX_RELATIONSHIPS };
  double o1w[] = { 2, 1 };
  sbx_box o2[] = { SBX_BOX_STRUCTURE };
  sbx_box s2[] = { SBX_BOX_REWARDS };
  sbx_box o3[] = { SBX_BOX_HELPFUL_MECHANISMS };
  fx_goal(w->o, "vision", SBX_GOAL_VISION, SBX_NONE, SBX_NONE, 0, NULL, NULL);
  fx_goal(w->o, "s1", SBX_GOAL_STRATEGIC, VISION, SBX_NONE, 0, NULL, NULL);
  fx_goal(w->o, "o1", SBX_GOAL_OPERATIVE, S1, SOCIAL, 2, o1, o1w);
  fx_goal(w->o, "a1", SBX_GOAL_ACTIVITY, O1, SOCIAL, 0, NULL, NULL);
  fx_goal(w->o, "o2", SBX_GOAL_OPERATIVE, S1, SCHOOL, 1, o2, NULL);
  fx_goal(w->o, "s2", SBX_GOAL_STRATEGIC, VISION, SBX_NONE, 1, s2, NULL);
  fx_goal(w->o, "o3", SBX_GOAL_OPERATIVE, S2, EAST, 1, o3, NULL);
  w->res = fx_results(w->s, w->o);
  /* Every box in every unit ok to begin with. */
  for (size_t u = 0; u < w->res->nunit; u++)
    for (size_t k = 0; k < w->res->nscale; k++)
      fx_cell(w->res, u, k, 3.6, 3.3, 3.9, 40, SBX_STATUS_OK);
  *state = w;
  return 0;
}

static int teardown(void **state) {
  world *w = *state;
  sbx_results_free(w->res);
  sbx_org_free(w->o);
  sbx_survey_free(w->s);
  free(w);
  return 0;
}

static void set_box(world *w, size_t unit, sbx_box box, double mean, double lo, double hi,
                    sbx_status st) {
  sbx_cell *c = fx_box_cell(w->res, unit, box);
  c->mean = mean;
  c->ci_lo = lo;
  c->ci_hi = hi;
  c->status = st;
}

static void run(world *w) { assert_int_equal(sbx__goals(w->res, NULL), 0); }

static const sbx_goal_result *G(world *w, size_t g) { return &w->res->goal[g]; }

static void test_all_ok_is_on_track(void **state) {
  world *w = *state;
  set_box(w, SOCIAL, SBX_BOX_PURPOSES, 4.4, 4.1, 4.7, SBX_STATUS_STRENGTH);
  run(w);
  assert_int_equal(w->res->ngoal, NGOAL);
  for (size_t g = 0; g < NGOAL; g++) {
    assert_int_equal(G(w, g)->status, SBX_GOAL_ON_TRACK);
    assert_true(G(w, g)->risk == 0);
  }
  assert_int_equal(G(w, O1)->rule, SBX_RULE_ALL_OK);
  assert_int_equal(G(w, O1)->unit, SOCIAL);
  assert_int_equal(G(w, O1)->nev, 2);
  const sbx_evidence *e = &G(w, O1)->ev[0];
  assert_int_equal(e->unit, SOCIAL);
  assert_int_equal(e->scale, sbx__box_scale(w->s, SBX_BOX_PURPOSES));
  assert_true(e->critical);
  assert_true(e->weight == 2);
  assert_true(e->mean == 4.4 && e->ci_lo == 4.1 && e->ci_hi == 4.7);
  assert_int_equal(e->n, 40);
  assert_int_equal(e->status, SBX_STATUS_STRENGTH);
  assert_int_equal(e->rule, SBX_RULE_ALL_OK);
  assert_int_equal(w->res->naction, 0);
}

/* Rule CRITICAL_WEAK and the risk score, recomputed by hand (docs/statistics.md, "Goals at risk"). */
static void test_weak_box_is_at_risk(void **state) {
  world *w = *state;
  set_box(w, SOCIAL, SBX_BOX_PURPOSES, 2.4, 2.1, 2.7, SBX_STATUS_WEAK);
  set_box(w, SOCIAL, SBX_BOX_RELATIONSHIPS, 2.8, 2.5, 3.1, SBX_STATUS_WATCH);
  run(w);
  assert_int_equal(G(w, O1)->status, SBX_GOAL_AT_RISK);
  assert_int_equal(G(w, O1)->rule, SBX_RULE_CRITICAL_WEAK);
  /* purposes: (0.6 + 0.3) / (2 × 2) = 0.225; relationships: (0.2 + 0) / 4 = 0.05;
   * weighted 2 : 1 → 0.5 / 3. */
  assert_float_equal(G(w, O1)->risk, 0.5 / 3, 1e-12);
  assert_int_equal(G(w, O1)->ev[0].rule, SBX_RULE_CRITICAL_WEAK);
  assert_int_equal(G(w, O1)->ev[1].rule, SBX_RULE_CRITICAL_WATCH);
  /* Only the goals that depend on the box there. */
  assert_int_equal(G(w, O2)->status, SBX_GOAL_ON_TRACK);
  assert_int_equal(G(w, O3)->status, SBX_GOAL_ON_TRACK);
}

static void test_watch_box_is_watch(void **state) {
  world *w = *state;
  set_box(w, SCHOOL, SBX_BOX_STRUCTURE, 2.9, 2.6, 3.2, SBX_STATUS_WATCH);
  run(w);
  assert_int_equal(G(w, O2)->status, SBX_GOAL_WATCH);
  assert_int_equal(G(w, O2)->rule, SBX_RULE_CRITICAL_WATCH);
  assert_float_equal(G(w, O2)->risk, 0.1 / 4, 1e-12);
  assert_int_equal(G(w, O1)->status, SBX_GOAL_ON_TRACK);
}

/* A weak box in one unit touches only the goals of that unit that depend on it. */
static void test_weak_elsewhere(void **state) {
  world *w = *state;
  set_box(w, SCHOOL, SBX_BOX_STRUCTURE, 2.9, 2.6, 3.2, SBX_STATUS_WATCH);
  set_box(w, SOCIAL, SBX_BOX_STRUCTURE, 2.0, 1.8, 2.2, SBX_STATUS_WEAK);
  set_box(w, EAST, SBX_BOX_STRUCTURE, 2.0, 1.8, 2.2, SBX_STATUS_WEAK);
  set_box(w, ROOT, SBX_BOX_HELPFUL_MECHANISMS, 2.0, 1.8, 2.2, SBX_STATUS_WEAK);
  run(w);
  assert_int_equal(G(w, O2)->status, SBX_GOAL_WATCH);
  assert_int_equal(G(w, O1)->status, SBX_GOAL_ON_TRACK);
  assert_int_equal(G(w, O3)->status, SBX_GOAL_ON_TRACK);
  /* No goal at risk, but every weak box of a shown unit still gets an action row. */
  assert_int_equal(w->res->naction, 3);
  for (size_t i = 0; i < 3; i++) {
    const sbx_action *a = &w->res->action[i];
    assert_int_equal(a->goal, SBX_NONE);
    assert_int_equal(w->res->unit[a->unit].cell[a->scale].status, SBX_STATUS_WEAK);
  }
}

/* Rule NO_FIGURES: a critical box without figures keeps a goal from on-track, but a
 * weak box with figures still makes it at-risk. */
static void test_missing_figures(void **state) {
  world *w = *state;
  set_box(w, SOCIAL, SBX_BOX_RELATIONSHIPS, NAN, NAN, NAN, SBX_STATUS_NONE);
  run(w);
  assert_int_equal(G(w, O1)->status, SBX_GOAL_UNKNOWN);
  assert_int_equal(G(w, O1)->rule, SBX_RULE_NO_FIGURES);
  assert_true(G(w, O1)->risk == 0);
  assert_int_equal(G(w, O1)->ev[1].rule, SBX_RULE_NO_FIGURES);
  /* An activity of it inherits unknown; the strategic goal rolls up the known sibling. */
  assert_int_equal(G(w, A1)->status, SBX_GOAL_UNKNOWN);
  assert_int_equal(G(w, S1)->status, SBX_GOAL_ON_TRACK);
  assert_int_equal(G(w, S1)->via, O2);
  sbx_results_free(w->res);
  w->res = fx_results(w->s, w->o);
  set_box(w, SOCIAL, SBX_BOX_PURPOSES, 2.0, 1.7, 2.3, SBX_STATUS_WEAK);
  run(w);
  assert_int_equal(G(w, O1)->status, SBX_GOAL_AT_RISK);
  /* purposes only (relationships has no figures): (1.0 + 0.7) / 4. */
  assert_float_equal(G(w, O1)->risk, 1.7 / 4, 1e-12);
}

/* A suppressed unit gives unknown and no figure at all, even if its cells still held
 * numbers (defence in depth); so does a suppressed cell. */
static void test_suppressed_unit_is_unknown(void **state) {
  world *w = *state;
  set_box(w, SOCIAL, SBX_BOX_PURPOSES, 1.5, 1.2, 1.8, SBX_STATUS_WEAK);
  set_box(w, SOCIAL, SBX_BOX_LEADERSHIP, 1.5, 1.2, 1.8, SBX_STATUS_WEAK);
  w->res->unit[SOCIAL].suppressed = 1;
  fx_box_cell(w->res, SCHOOL, SBX_BOX_STRUCTURE)->suppressed = 1;
  fx_box_cell(w->res, SCHOOL, SBX_BOX_STRUCTURE)->status = SBX_STATUS_WEAK;
  run(w);
  for (size_t g = O1; g <= O2; g++) {
    const sbx_goal_result *r = G(w, g);
    assert_int_equal(r->status, SBX_GOAL_UNKNOWN);
    assert_int_equal(r->rule, SBX_RULE_NO_FIGURES);
    assert_true(r->risk == 0);
    for (size_t i = 0; i < r->nev; i++) {
      assert_true(isnan(r->ev[i].mean) && isnan(r->ev[i].ci_lo) && isnan(r->ev[i].ci_hi));
      assert_int_equal(r->ev[i].n, 0);
      assert_int_equal(r->ev[i].status, SBX_STATUS_NONE);
      assert_true(r->ev[i].critical); /* no leadership entry from a hidden unit */
    }
  }
  assert_int_equal(w->res->naction, 0);
  assert_int_equal(G(w, S1)->status, SBX_GOAL_UNKNOWN);
  assert_int_equal(G(w, VISION)->status, SBX_GOAL_ON_TRACK); /* via s2 */
}

/* Rule LEADERSHIP: weak leadership in the owning unit lifts on-track and unknown goals
 * to watch, leaves at-risk alone, and shows the leadership box as evidence. */
static void test_leadership_rule(void **state) {
  world *w = *state;
  set_box(w, SCHOOL, SBX_BOX_LEADERSHIP, 2.2, 1.9, 2.5, SBX_STATUS_WEAK);
  set_box(w, EAST, SBX_BOX_LEADERSHIP, 2.2, 1.9, 2.5, SBX_STATUS_WEAK);
  set_box(w, EAST, SBX_BOX_HELPFUL_MECHANISMS, 2.2, 1.9, 2.5, SBX_STATUS_WEAK);
  set_box(w, SOCIAL, SBX_BOX_LEADERSHIP, 2.2, 1.9, 2.5, SBX_STATUS_WEAK);
  set_box(w, SOCIAL, SBX_BOX_PURPOSES, NAN, NAN, NAN, SBX_STATUS_NONE);
  set_box(w, ROOT, SBX_BOX_LEADERSHIP, 2.2, 1.9, 2.5, SBX_STATUS_WEAK);
  run(w);
  assert_int_equal(G(w, O2)->status, SBX_GOAL_WATCH);
  assert_int_equal(G(w, O2)->rule, SBX_RULE_LEADERSHIP);
  assert_true(G(w, O2)->risk == 0); /* its own critical box is ok */
  assert_int_equal(G(w, O2)->nev, 2);
  const sbx_evidence *e = &G(w, O2)->ev[1];
  assert_false(e->critical);
  assert_int_equal(e->rule, SBX_RULE_LEADERSHIP);
  assert_int_equal(e->scale, sbx__box_scale(w->s, SBX_BOX_LEADERSHIP));
  assert_true(e->mean == 2.2);
  assert_int_equal(G(w, O3)->status, SBX_GOAL_AT_RISK);
  assert_int_equal(G(w, O3)->rule, SBX_RULE_CRITICAL_WEAK);
  assert_int_equal(G(w, O1)->status, SBX_GOAL_WATCH); /* unknown lifted */
  assert_int_equal(G(w, O1)->rule, SBX_RULE_LEADERSHIP);
  /* The action plan: the goal-linked row (a critical box, not the leadership entry)
   * first, then the four weak leadership boxes no goal at risk names. */
  assert_int_equal(w->res->naction, 5);
  assert_int_equal(w->res->action[0].goal, O3);
  for (size_t i = 1; i < 5; i++) {
    assert_int_equal(w->res->action[i].goal, SBX_NONE);
    assert_int_equal(w->res->action[i].scale, sbx__box_scale(w->s, SBX_BOX_LEADERSHIP));
  }
  /* Leadership weak at the whole organisation does not lift strategic goals itself:
   * s1 is on watch through its children. */
  assert_int_equal(G(w, S1)->status, SBX_GOAL_WATCH);
  assert_int_equal(G(w, S1)->rule, SBX_RULE_ROLLUP);
  assert_int_equal(G(w, S1)->nev, 0);
}

static void test_activity_inherits(void **state) {
  world *w = *state;
  set_box(w, SOCIAL, SBX_BOX_RELATIONSHIPS, 2.9, 2.7, 3.1, SBX_STATUS_WATCH);
  run(w);
  const sbx_goal_result *a = G(w, A1), *o = G(w, O1);
  assert_int_equal(a->status, SBX_GOAL_WATCH);
  assert_int_equal(a->rule, o->rule);
  assert_true(a->risk == o->risk);
  assert_int_equal(a->via, O1);
  assert_int_equal(a->unit, SOCIAL);
  assert_int_equal(a->nev, o->nev);
  assert_memory_equal(a->ev, o->ev, o->nev * sizeof *o->ev);
}

/* Rule ROLLUP and a strategic goal's own critical boxes at the whole organisation. */
static void test_rollup(void **state) {
  world *w = *state;
  set_box(w, SOCIAL, SBX_BOX_PURPOSES, 2.6, 2.3, 2.9, SBX_STATUS_WEAK);
  set_box(w, SCHOOL, SBX_BOX_STRUCTURE, 2.9, 2.7, 3.1, SBX_STATUS_WATCH);
  set_box(w, ROOT, SBX_BOX_REWARDS, 2.8, 2.6, 3.0, SBX_STATUS_WATCH);
  run(w);
  assert_int_equal(G(w, S1)->status, SBX_GOAL_AT_RISK);
  assert_int_equal(G(w, S1)->rule, SBX_RULE_ROLLUP);
  assert_int_equal(G(w, S1)->via, O1);
  assert_true(G(w, S1)->risk == G(w, O1)->risk);
  assert_int_equal(G(w, S1)->nev, 0);
  /* s2: o3 on-track, its own box (rewards, whole organisation) on watch. */
  assert_int_equal(G(w, S2)->status, SBX_GOAL_WATCH);
  assert_int_equal(G(w, S2)->rule, SBX_RULE_CRITICAL_WATCH);
  assert_int_equal(G(w, S2)->via, SBX_NONE);
  assert_int_equal(G(w, S2)->unit, ROOT);
  assert_int_equal(G(w, S2)->ev[0].unit, ROOT);
  assert_float_equal(G(w, S2)->risk, 0.2 / 4, 1e-12);
  assert_int_equal(G(w, VISION)->status, SBX_GOAL_AT_RISK);
  assert_int_equal(G(w, VISION)->via, S1);
  assert_int_equal(G(w, VISION)->rule, SBX_RULE_ROLLUP);
}

static void test_all_hidden(void **state) {
  world *w = *state;
  for (size_t u = 0; u < w->res->nunit; u++) w->res->unit[u].suppressed = 1;
  run(w);
  for (size_t g = 0; g < NGOAL; g++) {
    assert_int_equal(G(w, g)->status, SBX_GOAL_UNKNOWN);
    assert_int_equal(G(w, g)->rule, SBX_RULE_NO_FIGURES);
    assert_int_equal(G(w, g)->via, g == A1 ? O1 : SBX_NONE);
  }
}

/* Equal status: risk orders; the strategic goal whose own box and child are both at
 * risk takes the larger risk. */
static void test_risk_order(void **state) {
  world *w = *state;
  set_box(w, SOCIAL, SBX_BOX_PURPOSES, 2.8, 2.6, 2.95, SBX_STATUS_WEAK);      /* small */
  set_box(w, SCHOOL, SBX_BOX_STRUCTURE, 1.6, 1.4, 1.8, SBX_STATUS_WEAK);     /* large */
  set_box(w, EAST, SBX_BOX_HELPFUL_MECHANISMS, 2.9, 2.7, 3.1, SBX_STATUS_WATCH);
  set_box(w, ROOT, SBX_BOX_REWARDS, 2.0, 1.8, 2.2, SBX_STATUS_WEAK);
  run(w);
  /* o1: purposes (0.2 + 0.05) / 4 × 2, relationships 0 × 1 → 0.125 / 3 */
  assert_float_equal(G(w, O1)->risk, 0.125 / 3, 1e-12);
  assert_float_equal(G(w, O2)->risk, (1.4 + 1.2) / 4, 1e-12);
  assert_true(G(w, O2)->risk > G(w, O1)->risk);
  assert_int_equal(G(w, S1)->via, O2);
  /* s2: own rewards at-risk (1.0 + 0.8) / 4 = 0.45, child o3 watch. */
  assert_int_equal(G(w, S2)->status, SBX_GOAL_AT_RISK);
  assert_int_equal(G(w, S2)->rule, SBX_RULE_CRITICAL_WEAK);
  assert_float_equal(G(w, S2)->risk, 0.45, 1e-12);
  size_t order[NGOAL];
  sbx__goal_order(w->res, order);
  /* at-risk by risk: o2 0.65 = s1 0.65 (tie: org order) = vision, then s2 0.45, o1, a1 */
  size_t want[NGOAL] = { VISION, S1, O2, S2, O1, A1, O3 };
  assert_memory_equal(order, want, sizeof want);
  /* Actions: weak critical boxes of goals at risk, in that order; s2's own box too. */
  assert_int_equal(w->res->naction, 3);
  assert_int_equal(w->res->action[0].goal, O2);
  assert_int_equal(w->res->action[0].unit, SCHOOL);
  assert_int_equal(w->res->action[0].scale, sbx__box_scale(w->s, SBX_BOX_STRUCTURE));
  assert_int_equal(w->res->action[1].goal, S2);
  assert_int_equal(w->res->action[1].unit, ROOT);
  assert_int_equal(w->res->action[2].goal, O1);
  assert_int_equal(w->res->action[2].status, SBX_GOAL_AT_RISK);
}

static void test_low_is_good_risk(void **state) {
  (void)state;
  sbx_survey *s = fx_survey(5, 0, 1, 7, 4.0, SBX_LOW_IS_GOOD, 0);
  sbx_cell c = { 0 };
  c.mean = 5.0;
  c.ci_lo = 4.5;
  c.ci_hi = 5.5;
  c.status = SBX_STATUS_WEAK;
  /* room 7 - 4 = 3; (1.0 + 0.5) / 6 */
  assert_float_equal(sbx__box_risk(s, 0, &c), 0.25, 1e-12);
  c.ci_lo = 3.5;
  c.status = SBX_STATUS_WATCH;
  assert_float_equal(sbx__box_risk(s, 0, &c), 1.0 / 6, 1e-12);
  c.mean = 3.0;
  c.status = SBX_STATUS_OK;
  assert_true(sbx__box_risk(s, 0, &c) == 0);
  c.suppressed = 1;
  c.mean = 7;
  assert_true(sbx__box_risk(s, 0, &c) == 0);
  assert_true(sbx__box_risk(s, 0, NULL) == 0);
  sbx_survey_free(s);
}

static void test_baseline_follow_up(void **state) {
  world *w = *state;
  set_box(w, SCHOOL, SBX_BOX_STRUCTURE, 2.0, 1.8, 2.2, SBX_STATUS_WEAK);
  sbx_baseline_goal bg[] = { { "o2", SBX_GOAL_WATCH }, { "o1", SBX_GOAL_AT_RISK },
                             { "gone", SBX_GOAL_AT_RISK }, { NULL, SBX_GOAL_AT_RISK } };
  sbx_baseline b;
  memset(&b, 0, sizeof b);
  b.goal = bg;
  b.ngoal = 4;
  w->res->opts.baseline = &b;
  run(w);
  assert_true(G(w, O2)->has_base);
  assert_int_equal(G(w, O2)->base_status, SBX_GOAL_WATCH);
  assert_true(G(w, O1)->has_base);
  assert_int_equal(G(w, O1)->base_status, SBX_GOAL_AT_RISK);
  assert_int_equal(G(w, O1)->status, SBX_GOAL_ON_TRACK);
  assert_false(G(w, O3)->has_base);
  assert_int_equal(w->res->naction, 1);
  assert_true(w->res->action[0].has_base);
  assert_int_equal(w->res->action[0].base_status, SBX_GOAL_WATCH);
  assert_int_equal(w->res->action[0].status, SBX_GOAL_AT_RISK);
  w->res->opts.baseline = NULL;
}

static void test_red_thread(void **state) {
  world *w = *state;
  size_t chain[NGOAL];
  assert_int_equal(sbx__goal_chain(w->o, A1, chain, NGOAL), 4);
  size_t want[] = { VISION, S1, O1, A1 };
  assert_memory_equal(chain, want, sizeof want);
  assert_int_equal(sbx__goal_chain(w->o, O3, NULL, 0), 3);
  size_t two[2] = { 99, 99 };
  assert_int_equal(sbx__goal_chain(w->o, O3, two, 2), 3);
  assert_int_equal(two[0], VISION);
  assert_int_equal(two[1], S2);
  assert_int_equal(sbx__goal_chain(w->o, NGOAL, chain, NGOAL), 0);
  assert_int_equal(sbx__goal_chain(w->o, VISION, chain, NGOAL), 1);
}

static void test_no_org_no_goals(void **state) {
  (void)state;
  sbx_survey *s = fx_survey(3, 0, 1, 5, 3.0, SBX_HIGH_IS_GOOD, 0);
  sbx_results *res = fx_results(s, NULL);
  assert_int_equal(sbx__goals(res, NULL), 0);
  assert_int_equal(res->ngoal, 0);
  assert_null(res->goal);
  sbx_results_free(res);
  sbx_survey_free(s);
}

/* A goal whose unit is not in the results (a malformed model) stays unknown and
 * points at no unit, so no writer can index past the units. */
static void test_unit_out_of_range(void **state) {
  (void)state;
  sbx_survey *s = fx_survey(3, 0, 1, 5, 3.0, SBX_HIGH_IS_GOOD, 0);
  sbx_org *o = fx_org();
  sbx_box b[] = { SBX_BOX_PURPOSES };
  fx_goal(o, "lost", SBX_GOAL_OPERATIVE, SBX_NONE, 99, 1, b, NULL);
  fx_goal(o, "lost-activity", SBX_GOAL_ACTIVITY, 0, 99, 0, NULL, NULL);
  sbx_results *res = fx_results(s, o);
  fx_cell(res, 0, 0, 2.0, 1.8, 2.2, 40, SBX_STATUS_WEAK);
  assert_int_equal(sbx__goals(res, NULL), 0);
  for (size_t g = 0; g < 2; g++) {
    assert_int_equal(res->goal[g].status, SBX_GOAL_UNKNOWN);
    assert_int_equal(res->goal[g].nev, 0);
  }
  assert_int_equal(res->goal[0].unit, SBX_NONE);
  assert_int_equal(res->naction, 1); /* the weak box, linked to no goal */
  assert_int_equal(res->action[0].goal, SBX_NONE);
  assert_int_equal(res->action[0].unit, 0);
  sbx_results_free(res);
  sbx_org_free(o);
  sbx_survey_free(s);
}

/* Activities are judged on their own critical boxes in their own unit when it is
 * shown ("Gemensamt program för alla chefer" on Ledning in its own enhet, not on its
 * goal's Belöningssystem), fall back to the operative goal's unit only when their own
 * is hidden (fallback set), and use the goal's boxes when they name none. */
static void test_activity_own_unit_and_fallback(void **state) {
  (void)state;
  sbx_survey *s = fx_survey(3, 1, 1, 5, 3.0, SBX_HIGH_IS_GOOD, 0);
  sbx_org *o = fx_org();
  fx_unit(o, "social", ROOT);
  fx_unit(o, "school", ROOT);
  fx_unit(o, "school-east", SCHOOL);
  sbx_box rew[] = { SBX_BOX_REWARDS }, lead[] = { SBX_BOX_LEADERSHIP };
  enum { OP = 0, OWN, HIDDEN, NONE_BOXES };
  fx_goal(o, "op", SBX_GOAL_OPERATIVE, SBX_NONE, SCHOOL, 1, rew, NULL);
  fx_goal(o, "a-own", SBX_GOAL_ACTIVITY, OP, EAST, 1, lead, NULL);
  fx_goal(o, "a-hidden", SBX_GOAL_ACTIVITY, OP, SOCIAL, 1, lead, NULL);
  fx_goal(o, "a-none", SBX_GOAL_ACTIVITY, OP, EAST, 0, NULL, NULL);
  sbx_results *res = fx_results(s, o);
  for (size_t u = 0; u < res->nunit; u++)
    for (size_t k = 0; k < res->nscale; k++) fx_cell(res, u, k, 3.6, 3.3, 3.9, 40, SBX_STATUS_OK);
  size_t r = sbx__box_scale(s, SBX_BOX_REWARDS), l = sbx__box_scale(s, SBX_BOX_LEADERSHIP);
  fx_cell(res, SCHOOL, r, 2.2, 1.9, 2.5, 40, SBX_STATUS_WEAK);
  fx_cell(res, SCHOOL, l, 2.9, 2.6, 3.2, 40, SBX_STATUS_WATCH);
  fx_cell(res, EAST, l, 4.2, 4.0, 4.4, 40, SBX_STATUS_STRENGTH);
  res->unit[SOCIAL].suppressed = 1;
  assert_int_equal(sbx__goals(res, NULL), 0);
  const sbx_goal_result *g = res->goal;
  assert_int_equal(g[OP].status, SBX_GOAL_AT_RISK);
  /* Own unit shown: its own box there, strong, whatever the goal's unit says. */
  assert_int_equal(g[OWN].status, SBX_GOAL_ON_TRACK);
  assert_int_equal(g[OWN].unit, EAST);
  assert_false(g[OWN].fallback);
  assert_int_equal(g[OWN].via, OP);
  assert_int_equal(g[OWN].nev, 1);
  assert_int_equal(g[OWN].ev[0].unit, EAST);
  assert_int_equal(g[OWN].ev[0].scale, l);
  /* Own unit hidden: its own box in the goal's unit, and it says so. */
  assert_int_equal(g[HIDDEN].status, SBX_GOAL_WATCH);
  assert_int_equal(g[HIDDEN].unit, SCHOOL);
  assert_true(g[HIDDEN].fallback);
  assert_int_equal(g[HIDDEN].ev[0].unit, SCHOOL);
  assert_true(g[HIDDEN].ev[0].mean == 2.9);
  /* No boxes of its own: the goal's boxes, in its own unit. */
  assert_int_equal(g[NONE_BOXES].status, SBX_GOAL_ON_TRACK);
  assert_int_equal(g[NONE_BOXES].ev[0].unit, EAST);
  assert_int_equal(g[NONE_BOXES].ev[0].scale, r);
  /* One action: the goal's weak box; the activities are not at risk. */
  assert_int_equal(res->naction, 1);
  assert_int_equal(res->action[0].goal, OP);
  /* Leadership weak in the activity's own unit: the activity is at risk and gets its
   * own action row; the box-less activity there is lifted to watch (rule leadership). */
  for (size_t gi = 0; gi < res->ngoal; gi++) free(res->goal[gi].ev);
  free(res->goal);
  free(res->action);
  res->goal = NULL;
  res->action = NULL;
  res->ngoal = res->naction = 0;
  fx_cell(res, EAST, l, 2.0, 1.8, 2.2, 40, SBX_STATUS_WEAK);
  assert_int_equal(sbx__goals(res, NULL), 0);
  assert_int_equal(res->goal[OWN].status, SBX_GOAL_AT_RISK);
  assert_int_equal(res->goal[NONE_BOXES].status, SBX_GOAL_WATCH);
  assert_int_equal(res->goal[NONE_BOXES].rule, SBX_RULE_LEADERSHIP);
  assert_int_equal(res->naction, 2);
  int seen_own = 0;
  for (size_t i = 0; i < 2; i++)
    seen_own |= res->action[i].goal == OWN && res->action[i].unit == EAST &&
                res->action[i].scale == l;
  assert_true(seen_own);
  sbx_results_free(res);
  sbx_org_free(o);
  sbx_survey_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_all_ok_is_on_track, setup, teardown),
    cmocka_unit_test_setup_teardown(test_weak_box_is_at_risk, setup, teardown),
    cmocka_unit_test_setup_teardown(test_watch_box_is_watch, setup, teardown),
    cmocka_unit_test_setup_teardown(test_weak_elsewhere, setup, teardown),
    cmocka_unit_test_setup_teardown(test_missing_figures, setup, teardown),
    cmocka_unit_test_setup_teardown(test_suppressed_unit_is_unknown, setup, teardown),
    cmocka_unit_test_setup_teardown(test_leadership_rule, setup, teardown),
    cmocka_unit_test_setup_teardown(test_activity_inherits, setup, teardown),
    cmocka_unit_test(test_activity_own_unit_and_fallback),
    cmocka_unit_test_setup_teardown(test_rollup, setup, teardown),
    cmocka_unit_test_setup_teardown(test_all_hidden, setup, teardown),
    cmocka_unit_test_setup_teardown(test_risk_order, setup, teardown),
    cmocka_unit_test(test_low_is_good_risk),
    cmocka_unit_test_setup_teardown(test_baseline_follow_up, setup, teardown),
    cmocka_unit_test_setup_teardown(test_red_thread, setup, teardown),
    cmocka_unit_test(test_no_org_no_goals),
    cmocka_unit_test(test_unit_out_of_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

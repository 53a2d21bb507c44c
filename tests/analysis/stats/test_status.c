/* The status rule (docs/statistics.md, "How the figures are computed"): its clauses on cells
 * built by hand, and its properties on simulated organisations of 20 000 respondents
 * whose true box means are known exactly (status_sim.h): a box within 0.1 of the
 * cut-off is neither weak nor strength; a box 1.5 points beyond it on the problem side
 * is weak in every unit of 30 or more; no cell is a strength with under half
 * favourable; the distribution bands add up to the favourable and unfavourable
 * shares. On 1-7 and on scales that do not start at 1, high- and low-is-good. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "tests/analysis/stats/status_sim.h"
#include "analysis/stats/stats.h"
#include "surveys/model.h"
#include "surveys/util.h"

enum { PUR, STR, REL, REW, LEAD, HELP };

/* ---- the clauses, by hand ---------------------------------------------------------- */

static sbx_cell cell(double mean, double lo, double hi, double fav) {
  sbx_cell c;
  memset(&c, 0, sizeof c);
  c.n = 100;
  c.mean = mean;
  c.ci_lo = lo;
  c.ci_hi = hi;
  c.fav = fav;
  return c;
}

static void expect(const sbx_answer_scale *as, sbx_cell c, sbx_status st, sbx_status_clause cl) {
  sbx_status_clause got = SBX_CLAUSE_NONE;
  sbx_status s = sbx__cell_status(as, &c, &got);
  if (s != st || got != cl)
    fprintf(stderr, "mean %g [%g, %g] fav %g: %s/%s, expected %s/%s\n", c.mean, c.ci_lo,
            c.ci_hi, c.fav, sbx__status_id(s), sbx__status_clause_id(got), sbx__status_id(st),
            sbx__status_clause_id(cl));
  assert_int_equal(s, st);
  assert_int_equal(got, cl);
}

static void test_clauses_high_is_good(void **state) {
  (void)state;
  sbx_answer_scale as = { .min = 1, .max = 7, .cutoff = 4, .favourable = 5 };
  assert_true(fabs(sbx__practical(&as) - 0.25) < 1e-15);
  expect(&as, cell(3.75, 3.6, 3.9, 0.1), SBX_STATUS_WEAK, SBX_CLAUSE_WEAK);
  expect(&as, cell(3.76, 3.6, 3.9, 0.1), SBX_STATUS_WATCH, SBX_CLAUSE_WATCH_NEAR);
  expect(&as, cell(3.5, 3.0, 4.0, 0.1), SBX_STATUS_WATCH, SBX_CLAUSE_WATCH_UNSURE);
  expect(&as, cell(4.0, 3.9, 4.1, 0.6), SBX_STATUS_OK, SBX_CLAUSE_OK_UNSURE);
  expect(&as, cell(4.5, 4.24, 4.76, 0.6), SBX_STATUS_OK, SBX_CLAUSE_OK_UNSURE);
  expect(&as, cell(4.5, 4.25, 4.75, 0.5), SBX_STATUS_STRENGTH, SBX_CLAUSE_STRENGTH);
  expect(&as, cell(4.5, 4.25, 4.75, 0.49), SBX_STATUS_OK, SBX_CLAUSE_OK_FEW_FAVOURABLE);
  expect(&as, cell(4.5, 4.25, 4.75, NAN), SBX_STATUS_OK, SBX_CLAUSE_OK_FEW_FAVOURABLE);
  sbx_cell one = cell(2, NAN, NAN, 0);
  one.n = 1;
  expect(&as, one, SBX_STATUS_NONE, SBX_CLAUSE_NONE);
  /* An explicit δ, 0 included (certainty alone, as before). */
  as.has_practical = 1;
  as.practical = 0;
  expect(&as, cell(3.99, 3.98, 3.995, 0), SBX_STATUS_WEAK, SBX_CLAUSE_WEAK);
  as.practical = 1;
  expect(&as, cell(3.5, 3.4, 3.6, 0), SBX_STATUS_WATCH, SBX_CLAUSE_WATCH_NEAR);
  expect(&as, cell(4.9, 4.8, 5.0, 0.9), SBX_STATUS_OK, SBX_CLAUSE_OK_UNSURE);
  expect(&as, cell(5.1, 5.0, 5.2, 0.9), SBX_STATUS_STRENGTH, SBX_CLAUSE_STRENGTH);
}

static void test_clauses_low_is_good(void **state) {
  (void)state;
  /* 0..4, neutral 2, favourable at or below 1: δ = 4/24. */
  sbx_answer_scale as = { .min = 0, .max = 4, .cutoff = 2, .favourable = 1,
                          .direction = SBX_LOW_IS_GOOD };
  double d = 4.0 / 24;
  expect(&as, cell(2 + d, 2.1, 2.3, 0), SBX_STATUS_WEAK, SBX_CLAUSE_WEAK);
  expect(&as, cell(2 + d - 0.01, 2.1, 2.3, 0), SBX_STATUS_WATCH, SBX_CLAUSE_WATCH_NEAR);
  expect(&as, cell(2.3, 1.9, 2.7, 0), SBX_STATUS_WATCH, SBX_CLAUSE_WATCH_UNSURE);
  expect(&as, cell(1.7, 1.5, 1.9, 0.7), SBX_STATUS_OK, SBX_CLAUSE_OK_UNSURE);
  expect(&as, cell(1.6, 1.4, 2 - d, 0.7), SBX_STATUS_STRENGTH, SBX_CLAUSE_STRENGTH);
  expect(&as, cell(1.6, 1.4, 2 - d, 0.3), SBX_STATUS_OK, SBX_CLAUSE_OK_FEW_FAVOURABLE);
}

/* The bands: a score goes to the point at or below it (high-is-good), at or above it
 * (low-is-good), and across a threshold it has reached. */
static void test_bands(void **state) {
  (void)state;
  sbx_point pt[7];
  for (int i = 0; i < 7; i++) pt[i].value = i + 1;
  sbx_answer_scale as = { .min = 1, .max = 7, .cutoff = 4, .favourable = 5, .point = pt,
                          .npoint = 7 };
  assert_int_equal(sbx__score_band(&as, 4.8), 3);  /* 4.8 -> 4: not favourable */
  assert_int_equal(sbx__score_band(&as, 5.0), 4);
  assert_int_equal(sbx__score_band(&as, 3.8), 2);  /* 3.8 -> 3: problem side */
  assert_int_equal(sbx__score_band(&as, 7.0), 6);
  as.favourable = 4.5; /* not a point: favourable scores go up to 5 */
  assert_int_equal(sbx__score_band(&as, 4.6), 4);
  assert_int_equal(sbx__score_band(&as, 4.4), 3);
  as.cutoff = 3.5;     /* neutral 3.6 goes to 4 (not favourable), 3.4 stays at 3 */
  assert_int_equal(sbx__score_band(&as, 3.6), 3);
  assert_int_equal(sbx__score_band(&as, 3.4), 2);
  sbx_answer_scale low = { .min = 1, .max = 7, .cutoff = 4, .favourable = 3, .point = pt,
                           .npoint = 7, .direction = SBX_LOW_IS_GOOD };
  assert_int_equal(sbx__score_band(&low, 3.2), 3); /* 3.2 -> 4: not favourable */
  assert_int_equal(sbx__score_band(&low, 3.0), 2);
  assert_int_equal(sbx__score_band(&low, 4.2), 4); /* problem side */
  assert_int_equal(sbx__score_band(&low, 1.0), 0);
}

/* ---- properties on 20 000 simulated respondents --------------------------------- */

static int planted(int leaf) { return sim_leaf_id[leaf][0] == 'p'; }

static sim_plan plan(void) {
  sim_plan p;
  for (int l = 0; l < SIM_NLEAF; l++) {
    const double g[SIM_NBOX] = { 0.1, -0.1, 1.0, planted(l) ? -1.5 : 0.6, 0.6, -0.6 };
    memcpy(p.good[l], g, sizeof g);
  }
  const double spread[SIM_NBOX] = { 0.9, 0.9, 0.6, 0.9, 0.3, 0.9 };
  memcpy(p.spread, spread, sizeof spread);
  return p;
}

static size_t box(const sbx_survey *s, int k) {
  static const char *const id[SIM_NBOX] = { "purposes", "structure", "relationships",
                                            "rewards", "leadership", "helpful-mechanisms" };
  size_t i = sbx__survey_find_scale(s, id[k]);
  assert_true(i != SBX_NONE);
  return i;
}

static int is_point_favourable(const sbx_answer_scale *as, int v) {
  return as->direction == SBX_LOW_IS_GOOD ? v <= as->favourable : v >= as->favourable;
}
static int is_point_problem(const sbx_answer_scale *as, int v) {
  return as->direction == SBX_LOW_IS_GOOD ? v > as->cutoff : v < as->cutoff;
}

/* Every shown cell: strength only with at least half favourable; status and clause
 * agree; the bands add up to n, to the favourable and to the unfavourable share. */
static void check_every_cell(const sbx_results *res, size_t *count) {
  const sbx_answer_scale *as = &res->survey->answer_scale[0];
  for (size_t u = 0; u < res->nunit; u++)
    for (size_t sc = 0; sc < res->nscale; sc++) {
      const sbx_cell *c = &res->unit[u].cell[sc];
      assert_false(c->suppressed);
      count[c->status]++;
      if (c->status == SBX_STATUS_STRENGTH) assert_true(c->fav >= 0.5);
      sbx_status_clause cl;
      assert_int_equal(sbx__cell_status(as, c, &cl), c->status);
      assert_int_equal(cl, c->clause);
      size_t all = 0, fav = 0, bad = 0;
      for (size_t p = 0; p < as->npoint; p++) {
        all += c->band_hist[p];
        if (is_point_favourable(as, as->point[p].value)) fav += c->band_hist[p];
        if (is_point_problem(as, as->point[p].value)) bad += c->band_hist[p];
      }
      assert_int_equal(all, c->n);
      assert_int_equal(fav, (size_t)llround(c->fav * (double)c->n));
      assert_int_equal(bad, (size_t)llround(c->unfav * (double)c->n));
    }
}

static void run_properties(const sim_scale *sc, unsigned long seed) {
  sbx_survey *s;
  sbx_org *o;
  sbx_responses *r;
  sim_plan p = plan();
  sbx_results *res = sim_run(sc, &p, seed, &s, &o, &r);
  assert_int_equal(res->unit[0].n, 20000);
  size_t count[5] = { 0 };
  check_every_cell(res, count);
  /* Within 0.1 of the cut-off: neither weak nor strength in any group of 5000 or more
   * (the whole organisation's 20 000 first). */
  for (size_t u = 0; u < res->nunit; u++) {
    if (res->unit[u].n < 5000) continue;
    for (int k = PUR; k <= STR; k++) {
      sbx_status st = res->unit[u].cell[box(s, k)].status;
      assert_true(st == SBX_STATUS_OK || st == SBX_STATUS_WATCH);
    }
  }
  assert_int_equal(res->unit[0].cell[box(s, PUR)].status, SBX_STATUS_OK);
  assert_int_equal(res->unit[0].cell[box(s, STR)].status, SBX_STATUS_WATCH);
  /* Planted 1.5 points beyond the cut-off: weak in every planted unit (all >= 30). */
  for (int l = 0; l < SIM_NLEAF; l++) {
    if (!planted(l)) continue;
    const sbx_unit_result *ur = &res->unit[sbx__org_find_unit(o, sim_leaf_id[l])];
    assert_true(ur->n >= 30);
    assert_int_equal(ur->cell[box(s, REW)].status, SBX_STATUS_WEAK);
    assert_int_equal(ur->cell[box(s, REW)].clause, SBX_CLAUSE_WEAK);
  }
  /* The whole organisation: 0.6 beyond on the problem side is weak; a clear good box
   * is a strength; a good mean with few favourable answers is only ok. */
  assert_int_equal(res->unit[0].cell[box(s, HELP)].status, SBX_STATUS_WEAK);
  assert_int_equal(res->unit[0].cell[box(s, REL)].status, SBX_STATUS_STRENGTH);
  assert_int_equal(res->unit[0].cell[box(s, LEAD)].clause, SBX_CLAUSE_OK_FEW_FAVOURABLE);
  assert_true(count[SBX_STATUS_WEAK] && count[SBX_STATUS_WATCH] && count[SBX_STATUS_OK] &&
              count[SBX_STATUS_STRENGTH]);
  sim_free(res, s, o, r);
}

static void test_property_1_7(void **state) {
  (void)state;
  const sim_scale sc = { 1, 7, 4, 5, 0, -1 };
  run_properties(&sc, 1);
}

static void test_property_1_7_low_is_good(void **state) {
  (void)state;
  const sim_scale sc = { 1, 7, 4, 3, 1, -1 };
  run_properties(&sc, 2);
}

static void test_property_0_10(void **state) {
  (void)state;
  const sim_scale sc = { 0, 10, 5, 6, 0, -1 };
  run_properties(&sc, 3);
}

static void test_property_0_4_low_is_good(void **state) {
  (void)state;
  const sim_scale sc = { 0, 4, 2, 1, 1, -1 };
  run_properties(&sc, 4);
}

static void test_property_5_9(void **state) {
  (void)state;
  const sim_scale sc = { 5, 9, 7, 8, 0, -1 };
  run_properties(&sc, 5);
}

/* An explicit practical threshold in the survey file: with δ = 0.7 on 1-7, a box 0.6
 * beyond the cut-off on the problem side is only on watch. */
static void test_practical_attribute(void **state) {
  (void)state;
  const sim_scale sc = { 1, 7, 4, 5, 0, 0.7 };
  sbx_survey *s;
  sbx_org *o;
  sbx_responses *r;
  sim_plan p = plan();
  sbx_results *res = sim_run(&sc, &p, 6, &s, &o, &r);
  assert_true(s->answer_scale[0].has_practical);
  assert_true(fabs(sbx__practical(&s->answer_scale[0]) - 0.7) < 1e-12);
  assert_int_equal(res->unit[0].cell[box(s, HELP)].status, SBX_STATUS_WATCH);
  assert_int_equal(res->unit[0].cell[box(s, HELP)].clause, SBX_CLAUSE_WATCH_NEAR);
  sim_free(res, s, o, r);
}

/* A practical threshold outside 0..range/2 is refused with the scale named. */
static void test_practical_refused(void **state) {
  (void)state;
  const sim_scale sc = { 1, 7, 4, 5, 0, 3.5 };
  char *xml = sim_survey_xml(&sc);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_not_equal(sbx_survey_load_memory(&s, xml, strlen(xml), "bad.xml", ctx), 0);
  assert_null(s);
  int found = 0;
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++)
    found |= strstr(sbx_ctx_get(ctx, i)->message, "practical 3.5") != NULL;
  assert_true(found);
  sbx_ctx_free(ctx);
  free(xml);
}

int main(void) {
  sbx_global_init();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_clauses_high_is_good),
    cmocka_unit_test(test_clauses_low_is_good),
    cmocka_unit_test(test_bands),
    cmocka_unit_test(test_property_1_7),
    cmocka_unit_test(test_property_1_7_low_is_good),
    cmocka_unit_test(test_property_0_10),
    cmocka_unit_test(test_property_0_4_low_is_good),
    cmocka_unit_test(test_property_5_9),
    cmocka_unit_test(test_practical_attribute),
    cmocka_unit_test(test_practical_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The rules of scoring and the extremes: the 60 % rule, reverse keys, answers off the
 * scale, both directions of status, a unit of 2, identical answers (NaN where a figure
 * is undefined, never garbage), a million respondents (t and F quantiles where GSL
 * 2.7 has NaN holes), Wilson, Benjamini-Hochberg, comparisons that skip hidden cells,
 * and the hard cap on scale length. Reference constants are R 4.2's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats/stats.h"
#include "fixture.h"

#define M SBX_MISSING

static void near(double got, double want, double tol) {
  if (!(fabs(got - want) <= tol)) printf("  got %.17g, want %.17g\n", got, want);
  assert_true(fabs(got - want) <= tol);
}

static void test_scale_score_rules(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 5, 7, 4, 5);
  s->item[1].reverse = 1;
  int8_t all[5] = { 7, 1, 7, 7, 7 };      /* item 2 reversed: 1 -> 7 */
  int8_t three[5] = { 6, M, 4, M, 5 };    /* 3 of 5 = 60 %: scored */
  int8_t two[5] = { 6, M, M, M, 5 };      /* 2 of 5 = 40 %: no score */
  int8_t off[5] = { 6, 9, 0, -3, 5 };     /* answers off the scale count as missing */
  near(sbx__scale_score(s, 0, all), 7, 0);
  near(sbx__scale_score(s, 0, three), 5, 0);
  assert_true(isnan(sbx__scale_score(s, 0, two)));
  assert_true(isnan(sbx__scale_score(s, 0, off)));
  s->min_item_share_pct = 40;
  near(sbx__scale_score(s, 0, two), 5.5, 0);
  assert_true(isnan(sbx__scale_score(s, 1, all))); /* no such scale */
  sbx_survey_free(s);
}

/* The shared rule (sbx__item_score, sbx__min_answered) that scores, cells and drivers
 * all use, on a scale whose points run from -3 to 3: a negative answer is a value, not
 * the "no score" mark. */
static void test_item_score_negative_points(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 5, 7, 0, 1);
  sbx_answer_scale *as = &s->answer_scale[s->item[0].answer_scale];
  as->min = -3;
  as->max = 3;
  for (size_t p = 0; p < as->npoint; p++) as->point[p].value = (int)p - 3;
  s->item[1].reverse = 1;
  assert_int_equal(sbx__item_score(s, 0, -1), -1);
  assert_int_equal(sbx__item_score(s, 1, -1), 1);
  assert_int_equal(sbx__item_score(s, 1, -3), 3);
  assert_int_equal(sbx__item_score(s, 0, 4), SBX_NO_SCORE);
  assert_int_equal(sbx__item_score(s, 0, M), SBX_NO_SCORE);
  assert_int_equal(sbx__item_score(s, 9, 1), SBX_NO_SCORE); /* no such item */
  assert_int_equal(sbx__min_answered(s, 5), 3);
  assert_int_equal(sbx__min_answered(s, 1), 1);
  int8_t row[5] = { -2, -2, M, -1, M }; /* -2, 2 (reversed), -1 over 3 of 5 */
  near(sbx__scale_score(s, 0, row), -1.0 / 3.0, 1e-15);
  sbx_survey_free(s);
}

/* n respondents in unit 1 of a 2-leaf org, one scale of nitem items, answers[i][j]. */
static sbx_results *run(sbx_survey *s, sbx_org *o, sbx_responses **rp, const int8_t *rows,
                        size_t n, const uint32_t *unit) {
  sbx__responses_new(rp, s->nitem);
  uint32_t src;
  sbx__responses_add_source(*rp, "t", "t", &src);
  for (size_t i = 0; i < n; i++)
    sbx__responses_add(*rp, rows + i * s->nitem, unit ? unit[i] : 1, src, (uint32_t)i, NULL);
  sbx_results *res = fx_results_new(s, o, *rp);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(res, ctx), 0);
  assert_int_equal(sbx__compare(res, ctx), 0);
  sbx_ctx_free(ctx);
  return res;
}

static sbx_status status_for(const int8_t *x, size_t n, sbx_direction dir) {
  sbx_survey *s = fx_survey_simple(1, 1, 7, 4, dir == SBX_LOW_IS_GOOD ? 3 : 5);
  s->answer_scale[0].direction = dir;
  sbx_org *o = fx_org_simple(2);
  sbx_responses *r;
  sbx_results *res = run(s, o, &r, x, n, NULL);
  sbx_status st = res->unit[1].cell[0].status;
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
  return st;
}

static void test_status_both_directions(void **state) {
  (void)state;
  const int8_t low[8] = { 2, 3, 2, 3, 2, 3, 2, 3 };   /* mean 2.5, CI below 4 */
  const int8_t high[8] = { 6, 5, 6, 5, 6, 5, 6, 5 };  /* mean 5.5, CI above 4 */
  const int8_t at[8] = { 3, 5, 3, 5, 3, 5, 3, 5 };    /* mean 4 = the cut-off */
  const int8_t below[8] = { 3, 4, 3, 4, 3, 4, 5, 2 }; /* mean 3.5, CI across 4 */
  const int8_t above[8] = { 5, 4, 5, 4, 5, 4, 3, 6 }; /* mean 4.5, CI across 4 */
  assert_int_equal(status_for(low, 8, SBX_HIGH_IS_GOOD), SBX_STATUS_WEAK);
  assert_int_equal(status_for(high, 8, SBX_HIGH_IS_GOOD), SBX_STATUS_STRENGTH);
  assert_int_equal(status_for(at, 8, SBX_HIGH_IS_GOOD), SBX_STATUS_OK);
  assert_int_equal(status_for(below, 8, SBX_HIGH_IS_GOOD), SBX_STATUS_WATCH);
  assert_int_equal(status_for(above, 8, SBX_HIGH_IS_GOOD), SBX_STATUS_OK);
  /* low is good: the problem side is above the cut-off */
  assert_int_equal(status_for(low, 8, SBX_LOW_IS_GOOD), SBX_STATUS_STRENGTH);
  assert_int_equal(status_for(high, 8, SBX_LOW_IS_GOOD), SBX_STATUS_WEAK);
  assert_int_equal(status_for(at, 8, SBX_LOW_IS_GOOD), SBX_STATUS_OK);
  assert_int_equal(status_for(below, 8, SBX_LOW_IS_GOOD), SBX_STATUS_OK);
  assert_int_equal(status_for(above, 8, SBX_LOW_IS_GOOD), SBX_STATUS_WATCH);
  assert_int_equal(status_for(low, 1, SBX_HIGH_IS_GOOD), SBX_STATUS_NONE); /* n < 2 */
}

static void test_favourable_low_is_good(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 1, 7, 4, 3);
  s->answer_scale[0].direction = SBX_LOW_IS_GOOD;
  sbx_org *o = fx_org_simple(2);
  const int8_t x[5] = { 1, 3, 3, 4, 7 }; /* favourable: at or below 3 */
  sbx_responses *r;
  sbx_results *res = run(s, o, &r, x, 5, NULL);
  near(res->unit[1].cell[0].fav, 0.6, 1e-15);
  near(res->unit[1].cell[0].median, 3, 0);
  assert_int_equal(res->unit[1].cell[0].score_hist[2], 2);
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
}

/* A unit of two: t(1) interval, figures defined; reliability needs 30. */
static void test_unit_of_two(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 3, 7, 4, 5);
  sbx_org *o = fx_org_simple(2);
  const int8_t x[4 * 3] = { 3, 4, 5, 5, 6, 7, 4, 4, 4, 2, 3, 3 };
  const uint32_t unit[4] = { 1, 1, 2, 2 };
  sbx_responses *r;
  sbx_results *res = run(s, o, &r, x, 4, unit);
  const sbx_cell *c = &res->unit[1].cell[0];
  assert_int_equal(c->n, 2);
  near(c->mean, 5, 1e-15);
  near(c->sd, sqrt(2), 1e-15);
  near(c->ci_hi - c->mean, 12.706204736174694 * sqrt(2) / sqrt(2), 1e-12); /* R qt(.975, 1) */
  near(c->median, 5, 0);
  assert_int_equal(c->status, SBX_STATUS_OK);
  assert_false(isnan(c->rwg_j));
  assert_null(res->unit[1].rel);
  assert_false(isnan(c->t)); /* against u2 (2 respondents) */
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
}

/* Everyone gives the same answer: no spread, so every figure that divides by it is
 * NaN, and the rest are exact. */
static void test_identical_answers(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 5, 7, 4, 5);
  sbx_org *o = fx_org_simple(2);
  enum { N = 40 };
  int8_t x[N * 5];
  uint32_t unit[N];
  for (size_t i = 0; i < N; i++) {
    unit[i] = 1 + (uint32_t)(i % 2);
    for (size_t j = 0; j < 5; j++) x[i * 5 + j] = 4;
  }
  sbx_responses *r;
  sbx_results *res = run(s, o, &r, x, N, unit);
  const sbx_cell *c = &res->unit[0].cell[0];
  assert_int_equal(c->n, N);
  near(c->mean, 4, 0);
  near(c->sd, 0, 0);
  near(c->ci_lo, 4, 0);
  near(c->ci_hi, 4, 0);
  near(c->rwg_j, 1, 0);
  assert_int_equal(c->status, SBX_STATUS_OK);
  const sbx_reliability *rel = &res->scale[0].rel;
  assert_int_equal(rel->computed, 0);
  assert_true(isnan(rel->alpha) && isnan(rel->omega) && isnan(rel->feldt_lo));
  assert_true(isnan(res->scale[0].icc1) && isnan(res->scale[0].icc2));
  const sbx_cell *u1 = &res->unit[1].cell[0];
  near(u1->diff, 0, 0);
  assert_true(isnan(u1->t) && isnan(u1->p) && isnan(u1->g) && isnan(u1->p_adj));
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
}

static void test_quantiles_at_extremes(void **state) {
  (void)state;
  near(sbx__t_quantile(0.975, 999999), 1.9599663568164789, 1e-12);
  near(sbx__t_quantile(0.975, 1e8), 1.9599640082627663, 1e-12);
  near(sbx__t_quantile(0.995, 1e7), 2.5758297952037479, 1e-12);
  near(sbx__t_quantile(0.975, 1), 12.706204736174694, 1e-11);
  assert_true(isnan(sbx__t_quantile(0.975, 0)));
  /* GSL 2.7's own F quantile is NaN here; R's exact values come from qbeta. */
  near(sbx__f_quantile(0.975, 999999, 999999), 1.003927625146676, 1e-10);
  near(sbx__f_quantile(0.025, 999999, 999999), 0.99608774074116935, 1e-10);
  near(sbx__f_quantile(0.975, 999999, 34.0 * 999999), 1.0028143398494969, 1e-10);
  near(sbx__f_quantile(0.025, 999999, 34.0 * 999999), 0.99718978927258284, 1e-10);
  near(sbx__f_quantile(0.025, 98, 1e6), 0.7397968129995105, 1e-10);
  near(sbx__f_quantile(0.975, 2799, 11196), 1.0597818953238143, 1e-12);
  assert_true(isnan(sbx__f_quantile(1.5, 3, 4)));
}

static void test_wilson_and_bh(void **state) {
  (void)state;
  double lo, hi;
  sbx__wilson(37, 50, 0.95, &lo, &hi); /* prop.test(37, 50, correct = FALSE) */
  near(lo, 0.604468427351512, 1e-12);
  near(hi, 0.841284725064476, 1e-12);
  sbx__wilson(0, 0, 0.95, &lo, &hi);
  assert_true(isnan(lo) && isnan(hi));
  const double p[5] = { 0.01, 0.04, 0.03, NAN, 0.005 };
  const double want[5] = { 0.02, 0.04, 0.04, NAN, 0.02 }; /* p.adjust(p, "BH") */
  double adj[5];
  assert_int_equal(sbx__p_adjust_bh(p, adj, 5), 0);
  for (int i = 0; i < 5; i++)
    if (isnan(want[i])) assert_true(isnan(adj[i]));
    else near(adj[i], want[i], 1e-15);
}

/* A million respondents: intervals and Feldt's F quantiles stay finite and ordered. */
static void test_million_respondents(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 5, 7, 4, 5);
  sbx_org *o = fx_org_simple(3);
  sbx_responses *r;
  sbx__responses_new(&r, 5);
  uint32_t src;
  sbx__responses_add_source(r, "big", "t", &src);
  uint64_t st = 12345;
  for (uint32_t i = 0; i < 1000000; i++) {
    int8_t row[5];
    st = st * 6364136223846793005ull + 1442695040888963407ull;
    int base = 2 + (int)((st >> 33) % 4);
    for (int j = 0; j < 5; j++) row[j] = (int8_t)(base + (int)((st >> (40 + 4 * j)) % 3));
    sbx__responses_add(r, row, 1 + i % 3, src, i, NULL);
  }
  sbx_results *res = fx_results_new(s, o, r);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(res, ctx), 0);
  assert_int_equal(sbx__compare(res, ctx), 0);
  const sbx_cell *c = &res->unit[0].cell[0];
  assert_int_equal(c->n, 1000000);
  near(c->ci_hi - c->mean, 1.9599663568164789 * c->sd / 1000, 1e-12);
  const sbx_reliability *rel = &res->scale[0].rel;
  assert_int_equal(rel->computed, 1);
  assert_true(rel->feldt_lo < rel->alpha && rel->alpha < rel->feldt_hi);
  assert_true(rel->duhachek_lo < rel->alpha && rel->alpha < rel->duhachek_hi);
  assert_true(isfinite(rel->omega));
  assert_true(isfinite(res->unit[1].cell[0].p));
  sbx_ctx_free(ctx);
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
}

static void test_hidden_cells_are_not_compared(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 1, 7, 4, 5);
  sbx_org *o = fx_org_simple(3);
  const int8_t x[9] = { 1, 2, 3, 5, 6, 7, 2, 6, 4 };
  const uint32_t unit[9] = { 1, 1, 1, 2, 2, 2, 3, 3, SBX_NO_UNIT };
  sbx_responses *r;
  sbx__responses_new(&r, 1);
  uint32_t src;
  sbx__responses_add_source(r, "t", "t", &src);
  for (size_t i = 0; i < 9; i++) sbx__responses_add(r, x + i, unit[i], src, (uint32_t)i, NULL);
  sbx_results *res = fx_results_new(s, o, r);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(res, ctx), 0);
  assert_int_equal(res->unknown_unit, 1);
  assert_int_equal(res->unit[0].n, 9);
  assert_int_equal(res->unit[0].n_direct, 0);
  fx_hide_small(res, 3); /* u3 (2 respondents) is hidden */
  assert_int_equal(sbx__compare(res, ctx), 0);
  assert_true(isnan(res->unit[3].cell[0].p) && isnan(res->unit[3].cell[0].p_adj));
  assert_false(isnan(res->unit[1].cell[0].p_adj));
  /* two visible tests: BH multiplies the smaller p by 2 */
  double p1 = res->unit[1].cell[0].p, p2 = res->unit[2].cell[0].p;
  near(fmin(res->unit[1].cell[0].p_adj, res->unit[2].cell[0].p_adj),
       fmin(2 * fmin(p1, p2), fmax(p1, p2)), 1e-15);
  sbx_ctx_free(ctx);
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
}

static void test_scale_too_long(void **state) {
  (void)state;
  sbx_survey *s = fx_survey_simple(1, 65, 7, 4, 5);
  sbx_responses *r;
  sbx__responses_new(&r, s->nitem);
  sbx_results *res = fx_results_new(s, NULL, r);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(res, ctx), SBX_ELIMIT);
  assert_true(sbx_ctx_errors(ctx) >= 1);
  sbx_ctx_free(ctx);
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_survey_free(s);
}

int main(void) {
  sbx_global_init(); /* GSL's abort-on-error handler off, as every program does */
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_scale_score_rules),
    cmocka_unit_test(test_item_score_negative_points),
    cmocka_unit_test(test_status_both_directions),
    cmocka_unit_test(test_favourable_low_is_good),
    cmocka_unit_test(test_unit_of_two),
    cmocka_unit_test(test_identical_answers),
    cmocka_unit_test(test_quantiles_at_extremes),
    cmocka_unit_test(test_wilson_and_bh),
    cmocka_unit_test(test_million_respondents),
    cmocka_unit_test(test_hidden_cells_are_not_compared),
    cmocka_unit_test(test_scale_too_long),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

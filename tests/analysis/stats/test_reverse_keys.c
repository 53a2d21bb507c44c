/* Reverse keying, x' = min + max - x, on every kind of answer scale: one that starts at
 * 1, one that straddles 0 (min + max = 0, where "0 = not reversed" once left the item
 * unflipped), all negative, starting at 0 and starting above 1. The cell figures (from
 * the accumulated pass) must match the per-respondent rule (sbx__scale_score) and a
 * hand computation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/stats/stats.h"
#include "fixture.h"

#define M SBX_MISSING
enum { NRESP = 6, NITEM = 5 };

/* Points 0..npoint-1 of the fixture's 1..npoint scale moved to lo..lo+npoint-1. */
static void shift_scale(sbx_survey *s, int lo) {
  sbx_answer_scale *as = &s->answer_scale[0];
  as->min = lo;
  as->max = lo + (int)as->npoint - 1;
  for (size_t p = 0; p < as->npoint; p++) as->point[p].value = lo + (int)p;
  as->cutoff = (as->min + as->max) / 2.0;
  as->favourable = as->cutoff + 1;
}

/* Answers as offsets 0..4 from the scale's minimum; item 2 is reverse keyed. */
static const int8_t offs[NRESP][NITEM] = {
  { 4, 0, 4, 3, 4 }, { 3, 1, 3, 4, 3 }, { 4, 0, 4, 4, M },
  { 2, 2, 2, 2, 2 }, { 4, 1, M, 3, 4 }, { 3, 0, 4, 4, 3 },
};

/* The pass's visitor: the item sums of unit 1's second item on the first scale. */
static int unit1_item1_sums(void *ud, const sbx__acc *a, size_t unit, const int64_t *block) {
  if (unit == 1) sbx__item_sums(&a->lay[0], sbx__acc_block(a, block, 0), 1, ud);
  return 0;
}

static void check_scale(int lo) {
  sbx_survey *s = fx_survey_simple(1, NITEM, 5, 3, 4);
  shift_scale(s, lo);
  s->item[1].reverse = 1;
  sbx_org *o = fx_org_simple(1);
  sbx_responses *r;
  sbx__responses_new(&r, s->nitem);
  uint32_t src;
  sbx__responses_add_source(r, "t", "t", &src);
  double want = 0;
  for (size_t i = 0; i < NRESP; i++) {
    int8_t row[NITEM];
    double sum = 0;
    size_t m = 0;
    for (size_t j = 0; j < NITEM; j++) {
      row[j] = offs[i][j] == M ? M : (int8_t)(lo + offs[i][j]);
      if (offs[i][j] == M) continue;
      /* by hand: a reversed offset k is 4 - k, so the value is lo + 4 - k */
      sum += j == 1 ? lo + 4 - offs[i][j] : lo + offs[i][j];
      m++;
    }
    double own = sum / (double)m;
    if (fabs(sbx__scale_score(s, 0, row) - own) > 1e-12)
      printf("  scale %d..%d, respondent %zu: score %g, want %g\n", lo, lo + 4, i,
             sbx__scale_score(s, 0, row), own);
    assert_true(fabs(sbx__scale_score(s, 0, row) - own) <= 1e-12);
    want += own;
    sbx__responses_add(r, row, 1, src, (uint32_t)i, NULL);
  }
  want /= NRESP;
  sbx_results *res = fx_results_new(s, o, r);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(res, ctx), 0);
  const sbx_cell *c = &res->unit[1].cell[0];
  if (fabs(c->mean - want) > 1e-12)
    printf("  scale %d..%d: cell mean %.15g, want %.15g\n", lo, lo + 4, c->mean, want);
  assert_int_equal(c->n, NRESP);
  assert_true(fabs(c->mean - want) <= 1e-12);
  /* The reversed item's own mean, from the item sums, is flipped too. */
  sbx__acc a;
  int64_t sums[3] = { 0, 0, 0 };
  assert_int_equal(sbx__acc_run(&a, res, unit1_item1_sums, sums, ctx), 0);
  sbx__acc_free(&a);
  double item_mean = (double)sums[1] / (double)sums[0];
  double hand = 0;
  for (size_t i = 0; i < NRESP; i++) hand += lo + 4 - offs[i][1];
  assert_true(fabs(item_mean - hand / NRESP) <= 1e-12);
  sbx_ctx_free(ctx);
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
}

static void test_starts_at_one(void **state) { (void)state; check_scale(1); }
static void test_straddles_zero(void **state) { (void)state; check_scale(-2); }
static void test_all_negative(void **state) { (void)state; check_scale(-7); }
static void test_starts_at_zero(void **state) { (void)state; check_scale(0); }
static void test_starts_above_one(void **state) { (void)state; check_scale(3); }
static void test_asymmetric_straddle(void **state) { (void)state; check_scale(-1); }

int main(void) {
  sbx_global_init(); /* GSL's abort-on-error handler off, as every program does */
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_starts_at_one),     cmocka_unit_test(test_straddles_zero),
    cmocka_unit_test(test_all_negative),      cmocka_unit_test(test_starts_at_zero),
    cmocka_unit_test(test_starts_above_one),  cmocka_unit_test(test_asymmetric_straddle),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

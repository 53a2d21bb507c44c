/* sbx__rates(): headcounts summed up the tree only where every sub-unit's is known,
 * rates judged (ok, low under 50 %, over 100 % flagged with no figure), nothing for a
 * hidden unit, warnings that name the organisation file and line, and "don't know"
 * counts copied only while the whole organisation is shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/results.h"
#include "surveys/util.h"

/* kommun(-) ─ a(-) ─ a1(40), a2(10) ; b(-) ─ b1(20), b2(-) ; c(30) ─ c1(50) */
enum { NU = 9 };
static const struct { const char *id; size_t parent; long hc; size_t n; } tree[NU] = {
  { "kommun", SBX_NONE, -1, 150 }, { "a", 0, -1, 30 }, { "a1", 1, 40, 25 }, { "a2", 1, 10, 4 },
  { "b", 0, -1, 40 }, { "b1", 4, 20, 22 }, { "b2", 4, -1, 18 }, { "c", 0, 30, 70 },
  { "c1", 7, 50, 25 } };

typedef struct fix {
  sbx_org org;
  sbx_unit unit[NU];
  sbx_survey survey;
  sbx_results res;
  sbx_unit_result ur[NU];
} fix;

static void make(fix *f) {
  memset(f, 0, sizeof *f);
  f->org.source = (char *)"org.xml";
  f->org.unit = f->unit;
  f->org.nunit = NU;
  for (size_t u = 0; u < NU; u++) {
    f->unit[u].id = (char *)tree[u].id;
    f->unit[u].parent = tree[u].parent;
    f->unit[u].headcount = tree[u].hc;
    f->unit[u].line = (long)(10 + u);
    f->ur[u].unit = u;
    f->ur[u].n = tree[u].n;
  }
  f->survey.nitem = 3;
  f->res.survey = &f->survey;
  f->res.org = &f->org;
  f->res.unit = f->ur;
  f->res.nunit = NU;
}

static void test_headcounts_and_flags(void **state) {
  (void)state;
  fix f;
  make(&f);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__rates(&f.res, ctx), 0);
  /* a: 40 + 10; b: b2 unknown, so b and the kommun are unknown; c its own 30. */
  static const long hc[NU] = { -1, 50, 40, 10, -1, 20, -1, 30, 50 };
  for (size_t u = 0; u < NU; u++) assert_int_equal(f.ur[u].headcount, hc[u]);
  assert_int_equal(f.ur[1].rate_flag, SBX_RATE_OK);
  assert_float_equal(f.ur[1].rate, 0.6, 1e-15);
  assert_int_equal(f.ur[3].rate_flag, SBX_RATE_LOW); /* 4 of 10 */
  assert_float_equal(f.ur[3].rate, 0.4, 1e-15);
  assert_int_equal(f.ur[8].rate_flag, SBX_RATE_OK); /* 25 of 50: exactly half is not low */
  assert_int_equal(f.ur[0].rate_flag, SBX_RATE_NONE);
  assert_true(isnan(f.ur[0].rate));
  /* b1: 22 of 20, c: 70 of 30: flagged, no rate, a warning naming file and line. */
  assert_int_equal(f.ur[5].rate_flag, SBX_RATE_OVER);
  assert_true(isnan(f.ur[5].rate));
  assert_int_equal(f.ur[7].rate_flag, SBX_RATE_OVER);
  assert_true(isnan(f.ur[7].rate));
  assert_int_equal(sbx_ctx_errors(ctx), 0);
  assert_int_equal(sbx_ctx_count(ctx), 2);
  const sbx_error *r = sbx_ctx_get(ctx, 0);
  assert_int_equal(r->severity, SBX_SEV_WARNING);
  assert_string_equal(r->source, "org.xml");
  assert_int_equal(r->line, 15);
  assert_string_equal(r->item, "b1");
  sbx_ctx_free(ctx);
}

/* A hidden unit keeps its headcount but gets no rate, no flag and no warning: each
 * would tell its size ("over 100 %" says n > headcount). */
static void test_hidden_unit_has_no_rate(void **state) {
  (void)state;
  fix f;
  make(&f);
  f.ur[5].suppressed = 1; /* b1, 22 of 20 */
  f.ur[5].n = 0;
  f.ur[3].suppressed = 1; /* a2, low */
  f.ur[3].n = 0;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__rates(&f.res, ctx), 0);
  assert_int_equal(f.ur[5].headcount, 20);
  assert_int_equal(f.ur[5].rate_flag, SBX_RATE_NONE);
  assert_true(isnan(f.ur[5].rate));
  assert_int_equal(f.ur[3].rate_flag, SBX_RATE_NONE);
  assert_true(isnan(f.ur[3].rate));
  assert_int_equal(sbx_ctx_count(ctx), 1); /* c only */
  assert_string_equal(sbx_ctx_get(ctx, 0)->item, "c");
  sbx_ctx_free(ctx);
}

/* Without an organisation: one unit, no headcount, no rate. A headcount of 0 gives no
 * rate (no division by zero). */
static void test_no_org_and_zero_headcount(void **state) {
  (void)state;
  fix f;
  make(&f);
  f.unit[2].headcount = 0;
  assert_int_equal(sbx__rates(&f.res, NULL), 0);
  assert_int_equal(f.ur[2].headcount, 0);
  assert_int_equal(f.ur[2].rate_flag, SBX_RATE_NONE);
  assert_int_equal(f.ur[1].headcount, 10); /* 0 + 10 */
  assert_int_equal(f.ur[1].rate_flag, SBX_RATE_OVER);
  f.res.org = NULL;
  f.res.nunit = 1;
  assert_int_equal(sbx__rates(&f.res, NULL), 0);
  assert_int_equal(f.ur[0].headcount, -1);
  assert_int_equal(f.ur[0].rate_flag, SBX_RATE_NONE);
}

/* "Don't know" counts are copied per item while the whole organisation is shown. */
static void test_dont_know(void **state) {
  (void)state;
  fix f;
  make(&f);
  sbx_responses *r = NULL;
  assert_int_equal(sbx__responses_new(&r, 3), 0);
  assert_int_equal(sbx__rates(&f.res, NULL), 0); /* no response set: none */
  assert_null(f.res.dont_know);
  f.res.resp = r;
  assert_int_equal(sbx__rates(&f.res, NULL), 0); /* none counted: none */
  assert_null(f.res.dont_know);
  assert_int_equal(sbx__responses_add_dont_know(r, 2), 0);
  assert_int_equal(sbx__responses_add_dont_know(r, 2), 0);
  assert_int_equal(sbx__responses_add_dont_know(r, 0), 0);
  assert_int_equal(sbx__responses_add_dont_know(r, 3), SBX_EUSAGE);
  assert_int_equal(sbx__rates(&f.res, NULL), 0);
  assert_non_null(f.res.dont_know);
  assert_int_equal(f.res.dont_know[0], 1);
  assert_int_equal(f.res.dont_know[1], 0);
  assert_int_equal(f.res.dont_know[2], 2);
  free(f.res.dont_know);
  f.res.dont_know = NULL;
  f.ur[0].suppressed = 1;
  assert_int_equal(sbx__rates(&f.res, NULL), 0);
  assert_null(f.res.dont_know);
  sbx__responses_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_headcounts_and_flags),
    cmocka_unit_test(test_hidden_unit_has_no_rate),
    cmocka_unit_test(test_no_org_and_zero_headcount),
    cmocka_unit_test(test_dont_know),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

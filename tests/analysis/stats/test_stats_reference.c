/* Every figure of the stats module against R 4.2 / psych 2.2.9 / multilevel 2.7, on
 * psych's bfi (units by education, unknown units), multilevel's bh1996 and our own
 * six-box data set (reference.R writes the values; R is not needed here).
 * Tolerance 1e-6 for everything, omega included (iterated to 1e-12; psych stops its
 * optimiser earlier, the difference stays below 1e-7 on these data). */
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

#define TOL 1e-6

typedef struct set {
  sbx_survey *s;
  sbx_org *org;
  sbx_responses *r;
  sbx_results *res;
} set;

static void load(set *t, const char *name, const char *data, const char *ucol,
                 const char *prefix) {
  char buf[64];
  snprintf(buf, sizeof buf, "%s_survey.csv", name);
  char *p = fx_path(buf);
  t->s = fx_survey_csv(p);
  free(p);
  snprintf(buf, sizeof buf, "%s_units.csv", name);
  p = fx_path(buf);
  t->org = fx_org_csv(p);
  free(p);
  p = fx_path(data);
  t->r = fx_responses_csv(p, t->s, t->org, ucol, prefix);
  free(p);
  t->res = fx_results_new(t->s, t->org, t->r);
}

static void unload(set *t) {
  sbx_results_free(t->res);
  sbx__responses_free(t->r);
  sbx_org_free(t->org);
  sbx_survey_free(t->s);
}

static void check(const sbx_results *res, const char *file, size_t min_values) {
  char *p = fx_path(file);
  size_t n = 0;
  int bad = fx_check_reference(res, p, TOL, &n);
  free(p);
  assert_int_equal(bad, 0);
  assert_true(n >= min_values);
}

static void test_bfi(void **state) {
  (void)state;
  set t;
  load(&t, "bfi", "bfi.csv", "education", "edu");
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(t.res, ctx), 0);
  assert_int_equal(t.res->unknown_unit, 223);
  check(t.res, "bfi_ref.csv", 2400);
  fx_hide_small(t.res, 5);
  assert_int_equal(sbx__compare(t.res, ctx), 0);
  check(t.res, "bfi_cmp.csv", 150);
  sbx_ctx_free(ctx);
  unload(&t);
}

static void test_sixbox(void **state) {
  (void)state;
  set t;
  load(&t, "sixbox", "sixbox.csv", "unit", "");
  char *bp = fx_path("sixbox_baseline.csv");
  sbx_baseline *base = fx_baseline_csv(bp);
  free(bp);
  t.res->opts.baseline = base;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(t.res, ctx), 0);
  assert_int_equal(t.res->unknown_unit, 6);
  check(t.res, "sixbox_ref.csv", 6000);
  fx_hide_small(t.res, 5); /* u8, a unit of 2, is hidden */
  assert_int_equal(sbx__compare(t.res, ctx), 0);
  check(t.res, "sixbox_cmp.csv", 400);
  check(t.res, "sixbox_baseline_ref.csv", 150);
  /* has_change only where the baseline has the cell with n > 0 */
  size_t u3 = sbx__org_find_unit(t.org, "u3"), u5 = sbx__org_find_unit(t.org, "u5");
  size_t pur = sbx__survey_find_scale(t.s, "purposes");
  assert_int_equal(t.res->unit[u3].cell[pur].has_change, 0);
  assert_int_equal(t.res->unit[u5].cell[pur].has_change, 0);
  assert_int_equal(t.res->unit[0].cell[pur].has_change, 1);
  /* u7 has 30 respondents but one answered nothing: reliability is not computed */
  size_t u7 = sbx__org_find_unit(t.org, "u7");
  assert_non_null(t.res->unit[u7].rel);
  assert_int_equal(t.res->unit[u7].rel[pur].computed, 0);
  sbx_ctx_free(ctx);
  sbx__baseline_free(base);
  unload(&t);
}

/* Through sbx_analyse() with every step (suppression, drivers, goals included): the
 * whole organisation's cells and reliability arrive unchanged. (Suppression recomputes
 * the ICCs over the shown leaf units, so those are not R's over all leaves.) */
static void test_sixbox_through_analyse(void **state) {
  (void)state;
  set t;
  load(&t, "sixbox", "sixbox.csv", "unit", "");
  sbx_results *res = NULL;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_analysis_opts opts = SBX_ANALYSIS_OPTS_INIT;
  opts.bootstrap = 50;
  assert_int_equal(sbx_analyse(&res, t.s, t.org, t.r, &opts, ctx), 0);
  char *p = fx_path("sixbox_ref.csv");
  size_t n = 0;
  int bad = fx_check_reference_only(res, p, TOL, "org", &n);
  free(p);
  assert_int_equal(bad, 0);
  assert_true(n >= 600);
  assert_true(res->unit[sbx__org_find_unit(t.org, "u8")].suppressed); /* a unit of 2 */
  sbx_results_free(res);
  sbx_ctx_free(ctx);
  unload(&t);
}

static void test_bh1996_pipeline(void **state) {
  (void)state;
  set t;
  load(&t, "bh1996", "bh1996.csv", "GRP", "");
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__score(t.res, ctx), 0);
  check(t.res, "bh1996_ref.csv", 100);
  sbx_ctx_free(ctx);
  unload(&t);
}

/* ICC from group moments of the continuous bh1996 scales (Welford per group). */
static void test_bh1996_icc(void **state) {
  (void)state;
  char *p = fx_path("bh1996.csv");
  FILE *fp = fopen(p, "r");
  free(p);
  assert_non_null(fp);
  enum { G = 100, V = 4 };
  static sbx__moments m[V][G];
  char line[256];
  assert_non_null(fgets(line, sizeof line, fp));
  int grp;
  double x[V];
  while (fscanf(fp, "%d,%lf,%lf,%lf,%lf", &grp, &x[0], &x[1], &x[2], &x[3]) == 5) {
    assert_true(grp >= 1 && grp < G);
    for (int v = 0; v < V; v++) {
      sbx__moments *g = &m[v][grp];
      if (!g->n) g->mean = g->ss = 0;
      g->n++;
      double d = x[v] - g->mean;
      g->mean += d / (double)g->n;
      g->ss += d * (x[v] - g->mean);
    }
  }
  fclose(fp);
  const char *name[V] = { "HRS", "COHES", "LEAD", "WBEING" };
  p = fx_path("bh1996_icc.csv");
  fp = fopen(p, "r");
  free(p);
  assert_non_null(fp);
  assert_non_null(fgets(line, sizeof line, fp));
  int rows = 0;
  char sc[32], field[32];
  double want;
  while (fscanf(fp, "icc,,%31[^,],%31[^,],0,%lf\n", sc, field, &want) == 3) {
    int v = 0;
    while (v < V && strcmp(name[v], sc)) v++;
    assert_true(v < V);
    sbx_scale_result r;
    sbx__icc(&m[v][1], 99, &r);
    double got = !strcmp(field, "icc1") ? r.icc1 : !strcmp(field, "icc2") ? r.icc2
               : !strcmp(field, "f") ? r.icc_f : r.icc_p;
    double tol = !strcmp(field, "p") ? TOL * want : TOL;
    if (fabs(got - want) > tol) printf("  %s %s: ours %.17g, R %.17g\n", sc, field, got, want);
    assert_true(fabs(got - want) <= tol);
    rows++;
  }
  fclose(fp);
  assert_int_equal(rows, 16);
}

int main(void) {
  sbx_global_init(); /* GSL's abort-on-error handler off, as every program does */
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_bfi),
    cmocka_unit_test(test_sixbox),
    cmocka_unit_test(test_sixbox_through_analyse),
    cmocka_unit_test(test_bh1996_pipeline),
    cmocka_unit_test(test_bh1996_icc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

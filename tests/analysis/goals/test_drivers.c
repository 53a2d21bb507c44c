/* Key drivers against R: relative weights from tests/analysis/goals/relweights.R on
 * correlation matrices of real data (bh1996, bfi) and on a synthetic survey scored
 * from item answers, for the whole organisation and per unit; the bootstrap's
 * determinism, the groups that get drivers, many rows, and the block bootstrap's
 * intervals against a plain row bootstrap written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "analysis/goals/goals.h"
#include "surveys/util.h"
#include "tests/analysis/goals/fixture.h"

#define TOL 1e-6
static double max_diff; /* the largest difference from R seen, for the log */

static void check_close(double got, double want) {
  double d = fabs(got - want);
  if (d > max_diff) max_diff = d;
  assert_float_equal(got, want, TOL);
}

static double *read_matrix(const char *name, size_t *q) {
  char path[512];
  snprintf(path, sizeof path, "%s/goals/corr-%s.csv", SBX_TEST_DATA, name);
  char ***rows;
  size_t *nf, n = fx_read_csv(path, &rows, &nf);
  assert_true(n > 1);
  double *m = calloc(n * n, sizeof *m);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(nf[i], n);
    for (size_t j = 0; j < n; j++) m[i * n + j] = strtod(rows[i][j], NULL);
  }
  fx_free_csv(rows, nf, n);
  *q = n;
  return m;
}

/* Expected values: rows "group,key,value" of one of our CSVs, looked up by key. */
static double expected(const char *file, const char *group, const char *key) {
  char path[512];
  snprintf(path, sizeof path, "%s/goals/%s", SBX_TEST_DATA, file);
  char ***rows;
  size_t *nf, n = fx_read_csv(path, &rows, &nf);
  double v = NAN;
  for (size_t r = 1; r < n; r++)
    if (nf[r] == 3 && !strcmp(rows[r][0], group) && !strcmp(rows[r][1], key))
      v = strtod(rows[r][2], NULL);
  fx_free_csv(rows, nf, n);
  if (isnan(v)) fail_msg("%s: no value for %s/%s", file, group, key);
  return v;
}

static void test_relweights_real_data(void **state) {
  (void)state;
  const char *sets[] = { "bh1996", "bfi" };
  for (size_t k = 0; k < 2; k++) {
    size_t q;
    double *corr = read_matrix(sets[k], &q), eps[16], r2;
    assert_int_equal(sbx__relweights(corr, q - 1, eps, &r2), 0);
    double sum = 0;
    for (size_t j = 0; j + 1 < q; j++) {
      char key[24];
      snprintf(key, sizeof key, "%zu", j);
      check_close(eps[j], expected("corr-expected.csv", sets[k], key));
      sum += eps[j];
    }
    check_close(r2, expected("corr-expected.csv", sets[k], "r2"));
    assert_float_equal(sum, r2, 1e-15);
    free(corr);
  }
  /* Computed independently (relweights.R): bh1996 WBEING ~ COHES + LEAD + HRS. */
  size_t q;
  double *corr = read_matrix("bh1996", &q), eps[3], r2;
  assert_int_equal(sbx__relweights(corr, 3, eps, &r2), 0);
  assert_float_equal(eps[1], 0.14889821907851, 1e-12);
  assert_float_equal(r2, 0.196387514365869, 1e-12);
  /* A singular predictor matrix is refused. */
  double sing[] = { 1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1 };
  assert_int_equal(sbx__relweights(sing, 2, eps, &r2), SBX_EDATA);
  free(corr);
}

/* The synthetic survey of relweights.R: 7 scales × 3 items, the third reversed. */
typedef struct fixture {
  sbx_survey *s;
  sbx_org *o;
  sbx_responses *r;
  sbx_results *res;
  sbx_ctx *ctx;
} fixture;

static void load_items(fixture *f, int extra_unit) {
  char path[512];
  snprintf(path, sizeof path, "%s/goals/drivers-items.csv", SBX_TEST_DATA);
  char ***rows;
  size_t *nf, n = fx_read_csv(path, &rows, &nf);
  assert_true(n > 300);
  assert_int_equal(sbx__responses_new(&f->r, f->s->nitem), 0);
  uint32_t src;
  assert_int_equal(sbx__responses_add_source(f->r, "drivers-items.csv", "test", &src), 0);
  int8_t v[32];
  for (size_t i = 1; i < n; i++) {
    assert_int_equal(nf[i], f->s->nitem + 1);
    for (size_t j = 0; j < f->s->nitem; j++)
      v[j] = rows[i][j + 1][0] ? (int8_t)atoi(rows[i][j + 1]) : SBX_MISSING;
    uint32_t unit = rows[i][0][0] == 'a' ? 1 : 2;
    if (extra_unit && i + 20 >= n) unit = 3; /* the last 19 rows: a small unit */
    assert_int_equal(sbx__responses_add(f->r, v, unit, src, (uint32_t)i, NULL), 0);
  }
  fx_free_csv(rows, nf, n);
}

static fixture *make(int with_outcome, int extra_unit) {
  fixture *f = calloc(1, sizeof *f);
  f->s = fx_survey(3, with_outcome, 1, 5, 3.0, SBX_HIGH_IS_GOOD, 1);
  f->o = fx_org();
  fx_unit(f->o, "a", 0);
  fx_unit(f->o, "b", 0);
  if (extra_unit) fx_unit(f->o, "c", 0);
  if (with_outcome) load_items(f, extra_unit);
  f->res = fx_results(f->s, f->o);
  f->res->resp = f->r;
  f->ctx = sbx_ctx_new();
  return f;
}

static void destroy(fixture *f) {
  sbx_results_free(f->res);
  sbx__responses_free(f->r);
  sbx_org_free(f->o);
  sbx_survey_free(f->s);
  sbx_ctx_free(f->ctx);
  free(f);
}

static void check_group(const sbx_drivers *d, const char *group, const sbx_survey *s) {
  check_close(d->r2, expected("drivers-expected.csv", group, "r2"));
  assert_int_equal(d->n, (size_t)expected("drivers-expected.csv", group, "n"));
  assert_int_equal(d->outcome, 6);
  assert_int_equal(d->nw, 6);
  double share = 0;
  for (size_t j = 0; j < d->nw; j++) {
    const sbx_driver *w = &d->w[j];
    assert_int_equal(w->scale, j);
    check_close(w->weight, expected("drivers-expected.csv", group, s->scale[j].id));
    share += w->share;
    assert_true(w->lo <= w->weight && w->weight <= w->hi);
    assert_true(w->lo >= 0 && w->hi < 1);
  }
  assert_float_equal(share, 1, 1e-12);
  /* 1000 replicates for the whole organisation, 200 per unit; up to 256 blocks. */
  assert_int_equal(d->nboot, d->unit == 0 ? 1000 : 200);
  assert_int_equal(d->boot_rows, d->n);
  assert_int_equal(d->boot_blocks, d->n < 256 ? d->n : 256);
}

static void test_drivers_against_r(void **state) {
  (void)state;
  fixture *f = make(1, 0);
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  assert_int_equal(f->res->ndrivers, 3);
  const char *group[] = { "all", "a", "b" };
  for (size_t k = 0; k < 3; k++) {
    assert_int_equal(f->res->drivers[k].unit, k);
    check_group(&f->res->drivers[k], group[k], f->s);
  }
  /* The declared outcome gives the same; it need not be named attitude-to-change. */
  fixture *g = make(1, 0);
  g->s->outcome = 6;
  free(g->s->scale[6].id);
  g->s->scale[6].id = sbx__strdup("engagement");
  assert_int_equal(sbx__drivers(g->res, g->ctx), 0);
  assert_int_equal(g->res->ndrivers, 3);
  /* Same seed, same bytes. */
  for (size_t k = 0; k < 3; k++)
    assert_memory_equal(f->res->drivers[k].w, g->res->drivers[k].w, 6 * sizeof(sbx_driver));
  destroy(g);
  /* Another seed: the same weights, other intervals. */
  g = make(1, 0);
  g->res->opts.seed = 7;
  assert_int_equal(sbx__drivers(g->res, g->ctx), 0);
  int differ = 0;
  for (size_t j = 0; j < 6; j++) {
    assert_true(g->res->drivers[0].w[j].weight == f->res->drivers[0].w[j].weight);
    differ |= g->res->drivers[0].w[j].lo != f->res->drivers[0].w[j].lo;
  }
  assert_true(differ);
  destroy(g);
  destroy(f);
  print_message("largest difference from R: %.3g\n", max_diff);
}

/* Hidden units and units under 30 complete cases get none; no outcome, none at all. */
static void test_which_groups(void **state) {
  (void)state;
  fixture *f = make(1, 1);
  f->res->unit[2].suppressed = 1;
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  assert_int_equal(f->res->ndrivers, 2);
  assert_int_equal(f->res->drivers[0].unit, 0);
  assert_int_equal(f->res->drivers[1].unit, 1);
  check_group(&f->res->drivers[0], "all", f->s); /* the root keeps every row */
  destroy(f);
  f = make(1, 0);
  f->res->unit[0].suppressed = 1;
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  assert_int_equal(f->res->ndrivers, 0);
  destroy(f);
  f = make(0, 0); /* no outcome scale */
  assert_int_equal(sbx__responses_new(&f->r, f->s->nitem), 0);
  f->res->resp = f->r;
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  assert_int_equal(f->res->ndrivers, 0);
  destroy(f);
  f = make(1, 0);
  f->res->opts.bootstrap = 0; /* no intervals asked for */
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  assert_true(isnan(f->res->drivers[0].w[0].lo));
  check_close(f->res->drivers[0].w[4].weight, expected("drivers-expected.csv", "all", "leadership"));
  destroy(f);
}

/* Collinear boxes: no drivers, and a warning that says why. */
static void test_collinear(void **state) {
  (void)state;
  fixture *f = make(1, 0);
  sbx_responses *r = f->r;
  for (size_t i = 0; i < r->n; i++) /* structure := purposes */
    memcpy(r->value + i * r->nitem + 3, r->value + i * r->nitem, 3);
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  assert_int_equal(f->res->ndrivers, 0);
  assert_true(sbx_ctx_count(f->ctx) >= 1);
  assert_non_null(strstr(sbx_ctx_get(f->ctx, 0)->message, "collinear"));
  destroy(f);
}

/* Many respondents: 256 blocks per replicate, each standing for n / 256 rows. */
static void test_many_rows(void **state) {
  (void)state;
  fixture *f = make(1, 0);
  sbx_responses *big;
  assert_int_equal(sbx__responses_new(&big, f->s->nitem), 0);
  uint32_t src;
  assert_int_equal(sbx__responses_add_source(big, "copies", "test", &src), 0);
  for (size_t k = 0; k < 100; k++) /* 100 copies of the 400 rows: n = 38 700 */
    for (size_t i = 0; i < f->r->n; i++)
      assert_int_equal(sbx__responses_add(big, sbx__responses_row(f->r, i), f->r->unit[i],
                                          src, 0, NULL), 0);
  f->res->resp = big;
  f->res->opts.bootstrap = 200;
  clock_t t0 = clock();
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  const sbx_drivers *d = &f->res->drivers[0];
  assert_int_equal(d->n, 38700);
  assert_int_equal(d->boot_rows, 38700);
  assert_int_equal(d->boot_blocks, 256);
  assert_int_equal(d->nboot, 200);
  /* Copies leave the correlations, so the weights, as they were. */
  check_close(d->w[4].weight, expected("drivers-expected.csv", "all", "leadership"));
  /* The interval is about √(387/38700) = 1/10 as wide as with the original rows. */
  double width = d->w[4].hi - d->w[4].lo;
  assert_true(width > 0.004 && width < 0.04);
  print_message("3 groups, 200 replicates, n = 38700 / 24600 / 14100: %.2f s\n", secs);
  sbx__responses_free(big);
  destroy(f);
}

static double quant(double *v, size_t n, double prob) {
  gsl_sort(v, 1, n);
  return gsl_stats_quantile_from_sorted_data(v, 1, n, prob);
}

/* NROW respondents from a one-factor model: 7 scales × 3 items on 1–5, the third
 * item reversed; the outcome leans on purposes, relationships and leadership. */
#define NROW 3000
static void simulate_rows(fixture *f, gsl_rng *rng) {
  assert_int_equal(sbx__responses_new(&f->r, f->s->nitem), 0);
  uint32_t src;
  assert_int_equal(sbx__responses_add_source(f->r, "simulated", "test", &src), 0);
  static const double load[7] = { 0.3, 0.5, 0.4, 0.6, 0.5, 0.2, 0 };
  for (size_t i = 0; i < NROW; i++) {
    double g = gsl_ran_gaussian(rng, 1), z[7];
    for (size_t k = 0; k < 6; k++) z[k] = load[k] * g + gsl_ran_gaussian(rng, 0.7);
    z[6] = 0.4 * z[0] + 0.3 * z[2] + 0.2 * z[4] + gsl_ran_gaussian(rng, 0.6);
    int8_t v[21];
    for (size_t k = 0; k < 7; k++)
      for (size_t t = 0; t < 3; t++) {
        double a = round(3 + z[k] + gsl_ran_gaussian(rng, 0.7));
        int x = a < 1 ? 1 : a > 5 ? 5 : (int)a;
        v[k * 3 + t] = (int8_t)(t == 2 ? 6 - x : x);
      }
    if (gsl_rng_uniform(rng) < 0.02) v[gsl_rng_uniform_int(rng, 21)] = SBX_MISSING;
    assert_int_equal(sbx__responses_add(f->r, v, 1, src, (uint32_t)i, NULL), 0);
  }
}

/* A plain row bootstrap of the same complete cases, from the formulas of docs/statistics.md ("Goals at risk"):
 * B replicates of n rows drawn with replacement, type-7 percentiles. */
static void row_bootstrap(const fixture *f, size_t B, double *lo, double *hi) {
  const sbx_responses *r = f->r;
  double *x = malloc(r->n * 7 * sizeof *x), *y = malloc(r->n * 7 * sizeof *y);
  double *rep = malloc(6 * B * sizeof *rep), corr[49], eps[6], r2;
  size_t n = 0;
  for (size_t i = 0; i < r->n; i++) {
    size_t j = 0;
    for (; j < 7; j++)
      if (!isfinite(x[n * 7 + j] = sbx__scale_score(f->s, j, sbx__responses_row(r, i)))) break;
    if (j == 7) n++;
  }
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 12345);
  for (size_t b = 0; b < B; b++) {
    for (size_t i = 0; i < n; i++)
      memcpy(y + i * 7, x + gsl_rng_uniform_int(rng, n) * 7, 7 * sizeof *y);
    assert_int_equal(sbx__correlation(y, n, 7, corr), 0);
    assert_int_equal(sbx__relweights(corr, 6, eps, &r2), 0);
    for (size_t j = 0; j < 6; j++) rep[j * B + b] = eps[j];
  }
  for (size_t j = 0; j < 6; j++) {
    lo[j] = quant(rep + j * B, B, 0.025);
    hi[j] = quant(rep + j * B, B, 0.975);
  }
  gsl_rng_free(rng);
  free(x);
  free(y);
  free(rep);
}

/* The block bootstrap (256 blocks of about 12 rows) against the row bootstrap: the
 * interval ends agree within Monte Carlo noise, and the intervals are not trivial. */
static void test_block_vs_row_bootstrap(void **state) {
  (void)state;
  fixture *f = calloc(1, sizeof *f);
  f->s = fx_survey(3, 1, 1, 5, 3.0, SBX_HIGH_IS_GOOD, 1);
  f->o = fx_org();
  fx_unit(f->o, "a", 0);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 2026);
  simulate_rows(f, rng);
  gsl_rng_free(rng);
  f->res = fx_results(f->s, f->o);
  f->res->resp = f->r;
  f->ctx = sbx_ctx_new();
  assert_int_equal(sbx__drivers(f->res, f->ctx), 0);
  const sbx_drivers *d = &f->res->drivers[0];
  assert_true(d->n > NROW * 9 / 10);
  assert_int_equal(d->boot_blocks, 256);
  assert_int_equal(d->nboot, 1000);
  double lo[6], hi[6], worst = 0;
  row_bootstrap(f, 1000, lo, hi);
  for (size_t j = 0; j < 6; j++) {
    const sbx_driver *w = &d->w[j];
    double width = hi[j] - lo[j], dl = fabs(w->lo - lo[j]), dh = fabs(w->hi - hi[j]);
    print_message("%s: weight %.4f  block [%.4f, %.4f]  rows [%.4f, %.4f]\n",
                  f->s->scale[j].id, w->weight, w->lo, w->hi, lo[j], hi[j]);
    assert_true(width > 0.005);
    assert_true(dl < 0.01 && dh < 0.01);
    assert_true(dl < 0.2 * width && dh < 0.2 * width);
    worst = fmax(worst, fmax(dl, dh));
  }
  print_message("largest difference of interval ends, blocks vs rows: %.4f\n", worst);
  destroy(f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_relweights_real_data),
    cmocka_unit_test(test_drivers_against_r),
    cmocka_unit_test(test_which_groups),
    cmocka_unit_test(test_collinear),
    cmocka_unit_test(test_many_rows),
    cmocka_unit_test(test_block_vs_row_bootstrap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

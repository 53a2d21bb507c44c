/* Key drivers: Johnson's (2000) relative weights of the box scales on the outcome
 * scale, for the whole organisation and for every shown unit with at least
 * SBX_DRIVERS_MIN_N complete cases, with percentile bootstrap intervals from a fixed
 * seed. Everything works from correlation matrices (research/stats.md §5); GSL does
 * the eigen decomposition and the random numbers. Rules: RULES.md here. */
#include "analysis/goals/goals.h"
#include "surveys/util.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int sbx__correlation(const double *x, size_t n, size_t q, double *corr) {
  if (n < 2 || q == 0) return SBX_EDATA;
  double *mean = calloc(q, sizeof *mean);
  if (!mean) return SBX_ENOMEM;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < q; j++) mean[j] += x[i * q + j];
  for (size_t j = 0; j < q; j++) mean[j] /= (double)n;
  memset(corr, 0, q * q * sizeof *corr);
  for (size_t i = 0; i < n; i++) {
    const double *row = x + i * q;
    for (size_t j = 0; j < q; j++) {
      double dj = row[j] - mean[j];
      for (size_t k = j; k < q; k++) corr[j * q + k] += dj * (row[k] - mean[k]);
    }
  }
  free(mean);
  for (size_t j = 0; j < q; j++)
    if (!(corr[j * q + j] > 0)) return SBX_EDATA;
  for (size_t j = 0; j < q; j++)
    for (size_t k = j + 1; k < q; k++) {
      double r = corr[j * q + k] / sqrt(corr[j * q + j] * corr[k * q + k]);
      corr[j * q + k] = corr[k * q + j] = r;
    }
  for (size_t j = 0; j < q; j++) corr[j * q + j] = 1;
  return 0;
}

/* Scratch space for relative weights of p predictors, reused across replicates. */
typedef struct rw_work {
  size_t p;
  gsl_matrix *a, *v;
  gsl_vector *lam;
  gsl_eigen_symmv_workspace *w;
  double *half, *beta, *t;
} rw_work;

static void rw_free(rw_work *k) {
  gsl_matrix_free(k->a);
  gsl_matrix_free(k->v);
  gsl_vector_free(k->lam);
  if (k->w) gsl_eigen_symmv_free(k->w);
  free(k->half);
  free(k->beta);
  free(k->t);
  memset(k, 0, sizeof *k);
}

static int rw_alloc(rw_work *k, size_t p) {
  memset(k, 0, sizeof *k);
  k->p = p;
  k->a = gsl_matrix_alloc(p, p);
  k->v = gsl_matrix_alloc(p, p);
  k->lam = gsl_vector_alloc(p);
  k->w = gsl_eigen_symmv_alloc(p);
  k->half = malloc(p * p * sizeof *k->half);
  k->beta = malloc(p * sizeof *k->beta);
  k->t = malloc(p * sizeof *k->t);
  if (!k->a || !k->v || !k->lam || !k->w || !k->half || !k->beta || !k->t) {
    rw_free(k);
    return SBX_ENOMEM;
  }
  return 0;
}

/* R_xx = V Λ V'; Λ½ = V diag(√λ) V'; β* = V diag(1/√λ) V' r_xy;
 * ε_j = Σ_k (Λ½)_jk² β*_k². */
static int rw_compute(rw_work *k, const double *corr, double *eps, double *r2) {
  size_t p = k->p, q = p + 1;
  for (size_t i = 0; i < p; i++)
    for (size_t j = 0; j < p; j++) gsl_matrix_set(k->a, i, j, corr[i * q + j]);
  if (gsl_eigen_symmv(k->a, k->lam, k->v, k->w)) return SBX_EDATA;
  double lmax = gsl_vector_max(k->lam), lmin = gsl_vector_min(k->lam);
  if (!(lmax > 0) || !(lmin > 1e-12 * lmax)) return SBX_EDATA;
  for (size_t l = 0; l < p; l++) {
    double s = 0;
    for (size_t j = 0; j < p; j++) s += gsl_matrix_get(k->v, j, l) * corr[j * q + p];
    k->t[l] = s / sqrt(gsl_vector_get(k->lam, l));
  }
  for (size_t i = 0; i < p; i++) {
    double b = 0;
    for (size_t l = 0; l < p; l++) b += gsl_matrix_get(k->v, i, l) * k->t[l];
    k->beta[i] = b;
    for (size_t j = 0; j < p; j++) {
      double h = 0;
      for (size_t l = 0; l < p; l++)
        h += gsl_matrix_get(k->v, i, l) * sqrt(gsl_vector_get(k->lam, l)) *
             gsl_matrix_get(k->v, j, l);
      k->half[i * p + j] = h;
    }
  }
  double sum = 0;
  for (size_t j = 0; j < p; j++) {
    double e = 0;
    for (size_t i = 0; i < p; i++) e += k->half[j * p + i] * k->half[j * p + i] *
                                        k->beta[i] * k->beta[i];
    eps[j] = e;
    sum += e;
  }
  *r2 = sum;
  return isfinite(sum) ? 0 : SBX_EDATA;
}

int sbx__relweights(const double *corr, size_t p, double *eps, double *r2) {
  if (p == 0) return SBX_EDATA;
  rw_work k;
  if (rw_alloc(&k, p)) return SBX_ENOMEM;
  int rc = rw_compute(&k, corr, eps, r2);
  rw_free(&k);
  return rc;
}

/* The complete cases: scores on the p box scales and the outcome (last), per row. */
typedef struct dwork {
  size_t p, q;
  size_t *col;              /* q scale indices */
  double *x;                /* ncc × q */
  uint32_t *unit;           /* unit per complete case */
  size_t ncc;
} dwork;

static size_t outcome_scale(const sbx_survey *s) {
  if (s->outcome != SBX_NONE && s->outcome < s->nscale) return s->outcome;
  return sbx__survey_find_scale(s, "attitude-to-change");
}

static int collect(const sbx_results *res, dwork *dw) {
  const sbx_survey *s = res->survey;
  const sbx_responses *r = res->resp;
  size_t out = outcome_scale(s);
  if (out == SBX_NONE || !r) return 0;
  dw->col = malloc((s->nscale + 1) * sizeof *dw->col);
  if (!dw->col) return SBX_ENOMEM;
  for (size_t i = 0; i < s->nscale; i++)
    if (s->scale[i].kind == SBX_SCALE_BOX && i != out) dw->col[dw->p++] = i;
  if (dw->p == 0) return 0;
  dw->q = dw->p + 1;
  dw->col[dw->p] = out;
  dw->x = malloc((r->n ? r->n : 1) * dw->q * sizeof *dw->x);
  dw->unit = malloc((r->n ? r->n : 1) * sizeof *dw->unit);
  if (!dw->x || !dw->unit) return SBX_ENOMEM;
  for (size_t i = 0; i < r->n; i++) {
    const int8_t *row = sbx__responses_row(r, i);
    double *dst = dw->x + dw->ncc * dw->q;
    size_t j = 0;
    for (; j < dw->q; j++)
      if (!isfinite(dst[j] = sbx__scale_score(s, dw->col[j], row))) break;
    if (j < dw->q) continue;
    dw->unit[dw->ncc++] = r->unit ? r->unit[i] : SBX_NO_UNIT;
  }
  /* Centre at the means of all complete cases: correlations do not change, and the
   * bootstrap's one-pass sums stay accurate. */
  for (size_t j = 0; j < dw->q && dw->ncc; j++) {
    double mean = 0;
    for (size_t i = 0; i < dw->ncc; i++) mean += dw->x[i * dw->q + j];
    mean /= (double)dw->ncc;
    for (size_t i = 0; i < dw->ncc; i++) dw->x[i * dw->q + j] -= mean;
  }
  return 0;
}

static double quantile(double *v, size_t n, double prob) {
  gsl_sort(v, 1, n);
  return gsl_stats_quantile_from_sorted_data(v, 1, n, prob);
}

/* One replicate's correlation matrix: m rows drawn with replacement, in one pass of
 * sums (the data are centred at the organisation's means by collect(), so the sums
 * lose nothing to cancellation). s holds q + q × q doubles. */
static int resample_corr(const double *x, size_t n, size_t q, size_t m, gsl_rng *rng,
                         uint32_t *idx, double *s, double *corr) {
  double *restrict s1 = s, *restrict s2 = s + q;
  memset(s, 0, (q + q * q) * sizeof *s);
  /* Draw first, then sum: the summing loop runs without the generator's calls. */
  for (size_t i = 0; i < m; i++) idx[i] = (uint32_t)gsl_rng_uniform_int(rng, (unsigned long)n);
  for (size_t i = 0; i < m; i++) {
    const double *restrict row = x + (size_t)idx[i] * q;
    /* The packed upper triangle, row by row: contiguous, so it vectorises. */
    double *restrict t = s2;
    for (size_t j = 0; j < q; j++) {
      double a = row[j];
      s1[j] += a;
      for (size_t k = j; k < q; k++) *t++ += a * row[k];
    }
  }
  /* Unpack: entry (j, k), k >= j, sits at j*q - j*(j-1)/2 + (k - j). */
  for (size_t j = q; j-- > 0;)
    for (size_t k = q; k-- > j;) s2[j * q + k] = s2[j * q - j * (j - 1) / 2 + (k - j)];
  for (size_t j = 0; j < q; j++)
    for (size_t k = j; k < q; k++) s2[j * q + k] -= s1[j] * s1[k] / (double)m;
  for (size_t j = 0; j < q; j++)
    if (!(s2[j * q + j] > 1e-12 * (double)m)) return SBX_EDATA;
  for (size_t j = 0; j < q; j++) {
    corr[j * q + j] = 1;
    for (size_t k = j + 1; k < q; k++)
      corr[j * q + k] = corr[k * q + j] = s2[j * q + k] / sqrt(s2[j * q + j] * s2[k * q + k]);
  }
  return 0;
}

/* Percentile bootstrap of the weights: B replicates of m = min(n, BOOT_ROWS) rows
 * drawn with replacement; for m < n the deviations from the estimate are shrunk by
 * √(m/n) (m-out-of-n bootstrap). Replicates with a singular matrix are left out. */
static int bootstrap(const double *x, size_t n, size_t q, sbx_drivers *d,
                     const sbx_analysis_opts *o, unsigned long seed, rw_work *k) {
  size_t p = q - 1, B = o->bootstrap > 0 ? (size_t)o->bootstrap : 0;
  size_t m = n < SBX_DRIVERS_BOOT_ROWS ? n : SBX_DRIVERS_BOOT_ROWS;
  d->boot_rows = m;
  if (B == 0) return 0;
  double *rep = malloc(B * p * sizeof *rep), *buf = malloc((q + q * q) * sizeof *buf);
  double *corr = malloc(q * q * sizeof *corr), *eps = malloc(p * sizeof *eps);
  uint32_t *idx = malloc(m * sizeof *idx);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int rc = rep && buf && corr && eps && idx && rng ? 0 : SBX_ENOMEM;
  if (!rc) gsl_rng_set(rng, seed);
  size_t nb = 0;
  for (size_t b = 0; !rc && b < B; b++) {
    double r2;
    if (resample_corr(x, n, q, m, rng, idx, buf, corr) || rw_compute(k, corr, eps, &r2))
      continue;
    for (size_t j = 0; j < p; j++) rep[j * B + nb] = eps[j];
    nb++;
  }
  d->nboot = nb;
  double level = o->level > 0 && o->level < 1 ? o->level : 0.95;
  double shrink = sqrt((double)m / (double)n);
  for (size_t j = 0; !rc && nb >= 2 && nb * 2 >= B && j < p; j++) {
    double est = d->w[j].weight;
    d->w[j].lo = est + shrink * (quantile(rep + j * B, nb, (1 - level) / 2) - est);
    d->w[j].hi = est + shrink * (quantile(rep + j * B, nb, (1 + level) / 2) - est);
  }
  free(rep);
  free(buf);
  free(corr);
  free(eps);
  free(idx);
  if (rng) gsl_rng_free(rng);
  return rc;
}

/* One group's drivers from its n complete cases x (n × q) into d (zeroed by the
 * caller; d->w set means the group counts). 1: skipped, with a warning. */
static int group_drivers(const sbx_results *res, const dwork *dw, size_t unit,
                         const double *x, size_t n, sbx_drivers *d, sbx_ctx *ctx) {
  size_t p = dw->p, q = dw->q;
  double *corr = malloc(q * q * sizeof *corr), *eps = malloc(p * sizeof *eps), r2 = 0;
  rw_work k;
  int rc = corr && eps ? rw_alloc(&k, p) : SBX_ENOMEM;
  if (rc) goto done_nowork;
  rc = sbx__correlation(x, n, q, corr);
  if (!rc) rc = rw_compute(&k, corr, eps, &r2);
  if (rc == SBX_EDATA) {
    const char *id = res->org && unit < res->org->nunit ? res->org->unit[unit].id : NULL;
    sbx__warning(ctx, SBX_EDATA, NULL, 0, id,
                 "no key drivers for this group: a box score or the outcome has no "
                 "variance, or the box scores are collinear");
    rc = 1;
  }
  if (!rc && !(d->w = calloc(p, sizeof *d->w))) rc = SBX_ENOMEM;
  if (!rc) {
    d->unit = unit;
    d->outcome = dw->col[p];
    d->n = n;
    d->r2 = r2;
    d->nw = p;
    for (size_t j = 0; j < p; j++)
      d->w[j] = (sbx_driver){ dw->col[j], eps[j], r2 > 0 ? eps[j] / r2 : NAN, NAN, NAN };
    rc = bootstrap(x, n, q, d, &res->opts, res->opts.seed + unit, &k);
  }
  rw_free(&k);
done_nowork:
  free(corr);
  free(eps);
  return rc;
}

/* Complete cases within each unit (the unit and below), counted then gathered. */
static int unit_rows(const sbx_results *res, const dwork *dw, size_t u, double *buf,
                     size_t *n) {
  *n = 0;
  for (size_t i = 0; i < dw->ncc; i++) {
    size_t v = dw->unit[i];
    if (v == SBX_NO_UNIT || !sbx__org_is_within(res->org, v, u)) continue;
    memcpy(buf + *n * dw->q, dw->x + i * dw->q, dw->q * sizeof *buf);
    (*n)++;
  }
  return 0;
}

static size_t *unit_counts(const sbx_results *res, const dwork *dw) {
  size_t *cnt = calloc(res->nunit, sizeof *cnt);
  if (!cnt || !res->org) return cnt;
  const sbx_org *o = res->org;
  for (size_t i = 0; i < dw->ncc; i++) {
    size_t prev = SBX_NONE;
    for (size_t v = dw->unit[i]; v < o->nunit && v < prev; v = o->unit[v].parent) {
      cnt[v]++;
      prev = v;
    }
  }
  return cnt;
}

static int all_groups(sbx_results *res, const dwork *dw, sbx_ctx *ctx) {
  size_t *cnt = unit_counts(res, dw);
  double *buf = malloc((dw->ncc ? dw->ncc : 1) * dw->q * sizeof *buf);
  res->drivers = calloc(res->nunit, sizeof *res->drivers);
  int rc = cnt && buf && res->drivers ? 0 : SBX_ENOMEM;
  for (size_t u = 0; !rc && u < res->nunit; u++) {
    if (res->unit[u].suppressed) continue;
    size_t n = dw->ncc;
    const double *x = dw->x;
    if (u > 0) {
      if (cnt[u] < SBX_DRIVERS_MIN_N) continue;
      unit_rows(res, dw, u, buf, &n);
      x = buf;
    }
    if (n < SBX_DRIVERS_MIN_N) continue;
    rc = group_drivers(res, dw, u, x, n, &res->drivers[res->ndrivers], ctx);
    if (rc == 1) rc = 0;
    if (res->drivers[res->ndrivers].w) res->ndrivers++;
  }
  free(cnt);
  free(buf);
  return rc;
}

int sbx__drivers(sbx_results *res, sbx_ctx *ctx) {
  if (!res || !res->survey || !res->resp || !res->unit || res->nunit == 0) return 0;
  if (res->unit[0].suppressed) return 0;
  dwork dw = { 0 };
  int rc = collect(res, &dw);
  if (!rc && dw.p > 0 && dw.ncc >= SBX_DRIVERS_MIN_N) rc = all_groups(res, &dw, ctx);
  free(dw.col);
  free(dw.x);
  free(dw.unit);
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory in the driver analysis");
  return 0;
}

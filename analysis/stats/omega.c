/* McDonald's omega total as psych::omega(x, nfactors = 1) reports it (omega.tot), on
 * the one-factor minres solution, and the squared multiple correlations psych::smc
 * computes with its SVD pseudo-inverse (Pinv). docs/statistics.md, "How the figures are computed".
 *
 * minres minimises the off-diagonal residuals; its optimum is the fixed point of
 * iterated principal-axis factoring, which we iterate to 1e-12 in the communalities.
 * psych stops its L-BFGS-B search earlier, so omega differs from psych's by up to
 * 6.1e-7 on the test data (bfi whole scales: 4e-8); the tests hold it to 1e-6, not
 * the looser 1e-3 an iterative fit might need. */
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <float.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>

#define SBX_PAF_MAX_ITER 10000
#define SBX_PAF_TOL 1e-12

/* Eigenvalues (descending) and eigenvectors (columns of V) of the symmetric A. */
static int eigen_desc(const double *A, size_t k, gsl_vector *eval, gsl_matrix *evec,
                      gsl_matrix *work, gsl_eigen_symmv_workspace *ws) {
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++) gsl_matrix_set(work, i, j, A[i * k + j]);
  if (gsl_eigen_symmv(work, eval, evec, ws) != GSL_SUCCESS) return SBX_EDATA;
  if (gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC) != GSL_SUCCESS) return SBX_EDATA;
  return 0;
}

typedef struct eig {
  gsl_vector *eval;
  gsl_matrix *evec, *work;
  gsl_eigen_symmv_workspace *ws;
  double *A;
} eig;

static int eig_alloc(eig *e, size_t k) {
  e->eval = gsl_vector_alloc(k);
  e->evec = gsl_matrix_alloc(k, k);
  e->work = gsl_matrix_alloc(k, k);
  e->ws = gsl_eigen_symmv_alloc(k);
  e->A = sbx__malloc(k * k * sizeof *e->A);
  return e->eval && e->evec && e->work && e->ws && e->A ? 0 : SBX_ENOMEM;
}

static void eig_free(eig *e) {
  if (e->eval) gsl_vector_free(e->eval);
  if (e->evec) gsl_matrix_free(e->evec);
  if (e->work) gsl_matrix_free(e->work);
  if (e->ws) gsl_eigen_symmv_free(e->ws);
  sbx__free(e->A);
}

/* psych's Pinv on the eigen decomposition: R is symmetric, so its singular values are
 * the absolute eigenvalues; those below sqrt(eps) times the largest are dropped. */
static int smc_pinv(const double *R, size_t k, double *dinv) {
  eig e = { 0 };
  int rc = eig_alloc(&e, k);
  if (!rc) rc = eigen_desc(R, k, e.eval, e.evec, e.work, e.ws);
  if (!rc) {
    double dmax = 0;
    for (size_t h = 0; h < k; h++) dmax = fmax(dmax, fabs(gsl_vector_get(e.eval, h)));
    double tol = sqrt(DBL_EPSILON) * dmax;
    for (size_t i = 0; i < k; i++) {
      double d = 0;
      for (size_t h = 0; h < k; h++) {
        double lam = gsl_vector_get(e.eval, h), v = gsl_matrix_get(e.evec, i, h);
        if (fabs(lam) > tol) d += v * v / lam;
      }
      dinv[i] = d;
    }
  }
  eig_free(&e);
  return rc;
}

/* The diagonal of R's inverse by Cholesky when R is positive definite and well
 * conditioned (then it equals Pinv's to rounding); 1 when it is not. */
static int smc_cholesky(const double *R, size_t k, double *dinv) {
  gsl_matrix *A = gsl_matrix_alloc(k, k);
  gsl_vector *work = gsl_vector_alloc(3 * k);
  if (!A || !work) {
    if (A) gsl_matrix_free(A);
    if (work) gsl_vector_free(work);
    return SBX_ENOMEM;
  }
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++) gsl_matrix_set(A, i, j, R[i * k + j]);
  double rcond = 0;
  int rc = gsl_linalg_cholesky_decomp1(A) == GSL_SUCCESS &&
           gsl_linalg_cholesky_rcond(A, &rcond, work) == GSL_SUCCESS && rcond > 1e-6 &&
           gsl_linalg_cholesky_invert(A) == GSL_SUCCESS ? 0 : 1;
  for (size_t i = 0; !rc && i < k; i++) dinv[i] = gsl_matrix_get(A, i, i);
  gsl_matrix_free(A);
  gsl_vector_free(work);
  return rc;
}

int sbx__smc(const double *R, size_t k, double *smc) {
  if (!k) return 0;
  int rc = smc_cholesky(R, k, smc);
  if (rc == 1) rc = smc_pinv(R, k, smc);
  if (rc) return rc;
  for (size_t i = 0; i < k; i++) {
    double s = 1 - 1 / smc[i];
    smc[i] = s > 1 ? 1 : s < 0 ? 0 : s;
  }
  return 0;
}

/* The top eigenpair of R with h2 on its diagonal, by power iteration from v (unit
 * length, updated in place). Returns the eigenvalue, or NaN when it does not settle. */
static double top_eigen(const double *R, const double *h2, size_t k, double *v, double *w) {
  for (int it = 0; it < 2000; it++) {
    double norm = 0, change = 0, e = 0;
    for (size_t i = 0; i < k; i++) {
      double s = h2[i] * v[i];
      for (size_t j = 0; j < k; j++)
        if (j != i) s += R[i * k + j] * v[j];
      w[i] = s;
      e += v[i] * s; /* Rayleigh quotient */
      norm += s * s;
    }
    norm = sqrt(norm);
    if (!(norm > 0)) return NAN;
    for (size_t i = 0; i < k; i++) {
      double nv = w[i] / norm;
      change = fmax(change, fabs(nv - v[i]));
      v[i] = nv;
    }
    if (change < 1e-15) return e;
  }
  return NAN;
}

/* Iterated principal axes with the top eigenpair by warm-started power iteration.
 * Returns 0, 1 when it does not settle, or SBX_ENOMEM. */
static int paf_power(const double *R, size_t k, double *lambda, double *h2, double *e1) {
  double *v = sbx__malloc(2 * k * sizeof *v);
  if (!v) return SBX_ENOMEM;
  double *w = v + k;
  for (size_t i = 0; i < k; i++) v[i] = 1 / sqrt((double)k);
  int rc = 1;
  for (int it = 0; it < SBX_PAF_MAX_ITER && rc; it++) {
    double e = top_eigen(R, h2, k, v, w), delta = 0;
    if (isnan(e)) break;
    double root = sqrt(fmax(e, 0));
    for (size_t i = 0; i < k; i++) {
      lambda[i] = v[i] * root;
      /* psych bounds the uniquenesses at 0.005 (L-BFGS-B lower = 0.005) */
      double nh = fmin(lambda[i] * lambda[i], 0.995);
      delta = fmax(delta, fabs(nh - h2[i]));
      h2[i] = nh;
    }
    *e1 = e;
    if (delta < SBX_PAF_TOL) rc = 0;
  }
  sbx__free(v);
  return rc;
}

/* Is e1 the largest eigenvalue of R with h2 on its diagonal? Power iteration finds
 * the largest in absolute value; one full solve at the end rules out the rest. */
static int is_top(const double *R, const double *h2, size_t k, double e1, eig *e) {
  for (size_t i = 0; i < k * k; i++) e->A[i] = R[i];
  for (size_t i = 0; i < k; i++) e->A[i * k + i] = h2[i];
  if (eigen_desc(e->A, k, e->eval, e->evec, e->work, e->ws)) return 0;
  return fabs(gsl_vector_get(e->eval, 0) - e1) <= 1e-9 * fmax(1, fabs(e1));
}

/* The same iteration with the full eigen solver: the fallback. */
static int paf_full(const double *R, size_t k, double *lambda, double *h2, eig *e) {
  for (int it = 0; it < SBX_PAF_MAX_ITER; it++) {
    for (size_t i = 0; i < k * k; i++) e->A[i] = R[i];
    for (size_t i = 0; i < k; i++) e->A[i * k + i] = h2[i];
    int rc = eigen_desc(e->A, k, e->eval, e->evec, e->work, e->ws);
    if (rc) return rc;
    double root = sqrt(fmax(gsl_vector_get(e->eval, 0), 0)), delta = 0;
    for (size_t i = 0; i < k; i++) {
      lambda[i] = gsl_matrix_get(e->evec, i, 0) * root;
      double nh = fmin(lambda[i] * lambda[i], 0.995);
      delta = fmax(delta, fabs(nh - h2[i]));
      h2[i] = nh;
    }
    if (delta < SBX_PAF_TOL) return 0;
  }
  return SBX_EDATA;
}

/* One-factor loadings by iterated principal axes, started at the smc as psych is. */
static int paf_one(const double *R, size_t k, double *lambda, eig *e) {
  double *h2 = sbx__malloc(k * sizeof *h2), e1 = NAN;
  if (!h2) return SBX_ENOMEM;
  int rc = sbx__smc(R, k, h2);
  if (!rc) rc = paf_power(R, k, lambda, h2, &e1);
  if (!rc && !is_top(R, h2, k, e1, e)) rc = 1;
  if (rc == 1) {
    rc = sbx__smc(R, k, h2);
    if (!rc) rc = paf_full(R, k, lambda, h2, e);
  }
  sbx__free(h2);
  if (rc) return rc;
  double s = 0;
  for (size_t i = 0; i < k; i++) s += lambda[i];
  if (s < 0)
    for (size_t i = 0; i < k; i++) lambda[i] = -lambda[i];
  return 0;
}

int sbx__omega_total(const double *R, size_t k, double *omega, double *loadings) {
  *omega = NAN;
  if (k < 3) return SBX_EDATA; /* one factor is not identified with two items */
  eig e = { 0 };
  double *lambda = sbx__malloc(k * sizeof *lambda);
  int rc = lambda ? eig_alloc(&e, k) : SBX_ENOMEM;
  if (!rc) rc = paf_one(R, k, lambda, &e);
  if (!rc) {
    double vt = 0, u2 = 0;
    for (size_t i = 0; i < k * k; i++) vt += R[i];
    for (size_t i = 0; i < k; i++) u2 += 1 - lambda[i] * lambda[i];
    *omega = (vt - u2) / vt;
    for (size_t i = 0; loadings && i < k; i++) loadings[i] = lambda[i];
  }
  eig_free(&e);
  sbx__free(lambda);
  return rc;
}

/* McDonald's omega total as psych::omega(x, nfactors = 1) reports it (omega.tot), on
 * the one-factor minres solution, and the squared multiple correlations psych::smc
 * computes with its SVD pseudo-inverse (Pinv). stats.md §1.2 and §2.
 *
 * minres minimises the off-diagonal residuals; its optimum is the fixed point of
 * iterated principal-axis factoring, which we iterate to 1e-12 in the communalities.
 * psych stops its L-BFGS-B search earlier, so omega agrees with psych to about 1e-7
 * (bfi: <= 5e-8); the tests hold it to 1e-6, not the looser 1e-3. */
#include "analysis/stats/stats.h"

#include <float.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
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
  e->A = malloc(k * k * sizeof *e->A);
  return e->eval && e->evec && e->work && e->ws && e->A ? 0 : SBX_ENOMEM;
}

static void eig_free(eig *e) {
  if (e->eval) gsl_vector_free(e->eval);
  if (e->evec) gsl_matrix_free(e->evec);
  if (e->work) gsl_matrix_free(e->work);
  if (e->ws) gsl_eigen_symmv_free(e->ws);
  free(e->A);
}

int sbx__smc(const double *R, size_t k, double *smc) {
  if (!k) return 0;
  eig e = { 0 };
  int rc = eig_alloc(&e, k);
  if (!rc) rc = eigen_desc(R, k, e.eval, e.evec, e.work, e.ws);
  if (!rc) {
    /* Pinv keeps the singular values above sqrt(eps) times the largest one. */
    double dmax = 0;
    for (size_t h = 0; h < k; h++) dmax = fmax(dmax, fabs(gsl_vector_get(e.eval, h)));
    double tol = sqrt(DBL_EPSILON) * dmax;
    for (size_t i = 0; i < k; i++) {
      double d = 0;
      for (size_t h = 0; h < k; h++) {
        double lam = gsl_vector_get(e.eval, h), v = gsl_matrix_get(e.evec, i, h);
        if (fabs(lam) > tol) d += v * v / lam;
      }
      double s = 1 - 1 / d;
      smc[i] = s > 1 ? 1 : s < 0 ? 0 : s;
    }
  }
  eig_free(&e);
  return rc;
}

/* One-factor loadings by iterated principal axes, started at the smc as psych is. */
static int paf_one(const double *R, size_t k, double *lambda, eig *e) {
  double *h2 = malloc(k * sizeof *h2);
  if (!h2) return SBX_ENOMEM;
  int rc = sbx__smc(R, k, h2);
  int converged = 0;
  for (int it = 0; !rc && it < SBX_PAF_MAX_ITER && !converged; it++) {
    for (size_t i = 0; i < k * k; i++) e->A[i] = R[i];
    for (size_t i = 0; i < k; i++) e->A[i * k + i] = h2[i];
    rc = eigen_desc(e->A, k, e->eval, e->evec, e->work, e->ws);
    if (rc) break;
    double root = sqrt(fmax(gsl_vector_get(e->eval, 0), 0)), delta = 0;
    for (size_t i = 0; i < k; i++) {
      lambda[i] = gsl_matrix_get(e->evec, i, 0) * root;
      /* psych bounds the uniquenesses at 0.005 (L-BFGS-B lower = 0.005) */
      double nh = fmin(lambda[i] * lambda[i], 0.995);
      delta = fmax(delta, fabs(nh - h2[i]));
      h2[i] = nh;
    }
    converged = delta < SBX_PAF_TOL;
  }
  free(h2);
  if (!rc && !converged) rc = SBX_EDATA;
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
  double *lambda = malloc(k * sizeof *lambda);
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
  free(lambda);
  return rc;
}

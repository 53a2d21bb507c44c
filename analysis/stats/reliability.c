/* Reliability of a scale as psych::alpha (2.2.9) computes it with its defaults:
 * pairwise covariances, raw and standardised alpha, average r, Guttman's lambda 6
 * (smc), Duhachek's asymptotic interval, Feldt's F interval, item-rest correlations
 * (r.drop) and alpha if an item is dropped; and omega total (omega.c).
 * Formulas: docs/statistics.md, "How the figures are computed". Two choices where psych's defaults are
 * arbitrary: N (for ase and Feldt) is the number of respondents who answered at least
 * one item of the scale, not every row passed in; and reverse keys use the answer
 * scale's own min + max, not the observed extremes (alpha, r and C do not depend on
 * it). The Duhachek interval uses the exact normal quantile of the level (psych's
 * print rounds it to 1.96). The tests give psych the same respondents. */
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Exact integer sums in, one rounding out: n Sxy - Sx Sy is exact in long double as
 * long as it stays below 2^64 (x86-64), i.e. for up to ~10^8 respondents. */
static double cov_from_sums(int64_t n, int64_t sx, int64_t sy, int64_t sxy) {
  if (n < 2) return NAN;
  long double num = (long double)n * sxy - (long double)sx * sy;
  return (double)(num / ((long double)n * (long double)(n - 1)));
}

static double cor_from_sums(int64_t n, int64_t sx, int64_t sy, int64_t qx, int64_t qy,
                            int64_t sxy) {
  if (n < 2) return NAN;
  long double vx = (long double)n * qx - (long double)sx * sx;
  long double vy = (long double)n * qy - (long double)sy * sy;
  long double c = (long double)n * sxy - (long double)sx * sy;
  if (!(vx > 0) || !(vy > 0)) return NAN;
  return (double)(c / sqrtl(vx * vy));
}

int sbx__pairwise_from_block(const sbx__scale_layout *l, const int64_t *b, sbx__pairwise *pw) {
  size_t k = l->nitem;
  memset(pw, 0, sizeof *pw);
  pw->k = k;
  pw->n_any = (size_t)b[l->o_any];
  pw->C = sbx__malloc((k ? k * k : 1) * sizeof *pw->C);
  pw->R = sbx__malloc((k ? k * k : 1) * sizeof *pw->R);
  pw->Rp = sbx__malloc((k ? k * k : 1) * sizeof *pw->Rp);
  if (!pw->C || !pw->R || !pw->Rp) return SBX_ENOMEM;
  const int64_t *nc = b + l->o_nc, *cs = b + l->o_csum, *cx = b + l->o_cross;
  for (size_t i = 0; i < k; i++) {
    int64_t it[3];
    sbx__item_sums(l, b, i, it);
    pw->C[i * k + i] = cov_from_sums(it[0], it[1], it[1], it[2]);
    pw->Rp[i * k + i] = 1;
    for (size_t j = i + 1; j < k; j++) {
      const int64_t *p = b + l->o_pair + 6 * sbx__pair(i, j, k);
      int64_t n = *nc + p[0], sx = cs[i] + p[1], sy = cs[j] + p[2];
      int64_t qx = cx[sbx__tri(i, i, k)] + p[3], qy = cx[sbx__tri(j, j, k)] + p[4];
      int64_t sxy = cx[sbx__tri(i, j, k)] + p[5];
      pw->C[i * k + j] = pw->C[j * k + i] = cov_from_sums(n, sx, sy, sxy);
      pw->Rp[i * k + j] = pw->Rp[j * k + i] = cor_from_sums(n, sx, sy, qx, qy, sxy);
    }
  }
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++)
      pw->R[i * k + j] = pw->C[i * k + j] / sqrt(pw->C[i * k + i] * pw->C[j * k + j]);
  return 0;
}

void sbx__pairwise_free(sbx__pairwise *pw) {
  sbx__free(pw->C);
  sbx__free(pw->R);
  sbx__free(pw->Rp);
  memset(pw, 0, sizeof *pw);
}

/* Copies the rows and columns of keep[] out of the k x k matrix A. */
static void submatrix(const double *A, size_t k, const size_t *keep, size_t m, double *out) {
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < m; j++) out[i * m + j] = A[keep[i] * k + keep[j]];
}

/* psych's alpha.1 on a covariance matrix C and its correlation matrix R (m x m). */
typedef struct alpha1 {
  double raw, std, avr, g6, q;
} alpha1;

static int alpha_1(const double *C, const double *R, size_t m, alpha1 *a) {
  double tC = 0, sC = 0, sR = 0, tCC = 0, sCC = 0;
  for (size_t i = 0; i < m; i++) {
    tC += C[i * m + i];
    for (size_t j = 0; j < m; j++) {
      sC += C[i * m + j];
      sR += R[i * m + j];
      double cc = 0; /* (C C)_ij */
      for (size_t h = 0; h < m; h++) cc += C[i * m + h] * C[h * m + j];
      sCC += cc;
      if (i == j) tCC += cc;
    }
  }
  double k = (double)m;
  a->raw = k / (k - 1) * (1 - tC / sC);
  a->std = k / (k - 1) * (1 - k / sR);
  a->avr = (sR - k) / (k * (k - 1));
  a->q = 2 * k * k / ((k - 1) * (k - 1) * sC * sC * sC) *
         (sC * (tCC + tC * tC) - 2 * tC * sCC);
  double *smc = sbx__malloc(m * sizeof *smc);
  if (!smc) return SBX_ENOMEM;
  int rc = sbx__smc(R, m, smc);
  double ssmc = 0;
  for (size_t i = 0; i < m; i++) ssmc += smc[i];
  a->g6 = rc ? NAN : 1 - (k - ssmc) / sR;
  sbx__free(smc);
  return rc == SBX_ENOMEM ? rc : 0;
}

/* psych drops items without variance (delete = TRUE) before anything else. */
static size_t usable_items(const sbx__pairwise *pw, size_t *keep) {
  size_t m = 0;
  for (size_t i = 0; i < pw->k; i++)
    if (pw->C[i * pw->k + i] > 0) keep[m++] = i;
  return m;
}

static int all_finite(const double *A, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isfinite(A[i])) return 0;
  return 1;
}

static void intervals(sbx_reliability *rel, size_t m, double level) {
  double N = (double)rel->n, z = gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
  rel->duhachek_lo = rel->alpha - z * rel->ase;
  rel->duhachek_hi = rel->alpha + z * rel->ase;
  double df1 = N - 1, df2 = (N - 1) * ((double)m - 1);
  double fl = sbx__f_quantile(1 - (1 - level) / 2, df1, df2);
  double fh = sbx__f_quantile((1 - level) / 2, df1, df2);
  rel->feldt_lo = 1 - (1 - rel->alpha) * fl;
  rel->feldt_hi = 1 - (1 - rel->alpha) * fh;
}

/* Item-rest correlation and alpha without the item, for each kept item. */
static int item_figures(sbx_reliability *rel, const double *C, const double *R,
                        const size_t *keep, size_t m) {
  double *Cs = sbx__malloc(m * m * sizeof *Cs), *Rs = sbx__malloc(m * m * sizeof *Rs);
  size_t *sub = sbx__malloc(m * sizeof *sub);
  int rc = (!Cs || !Rs || !sub) ? SBX_ENOMEM : 0;
  for (size_t d = 0; !rc && d < m; d++) {
    double row = 0, rest = 0;
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < m; j++)
        if (i != d && j != d) rest += C[i * m + j];
        else if (i == d) row += C[i * m + j];
    double cii = C[d * m + d];
    rel->r_drop[keep[d]] = (row - cii) / sqrt(cii * rest);
    if (m < 3) continue; /* psych's k = 2 values are slopes, not alphas */
    for (size_t i = 0, h = 0; i < m; i++)
      if (i != d) sub[h++] = i;
    submatrix(C, m, sub, m - 1, Cs);
    submatrix(R, m, sub, m - 1, Rs);
    alpha1 a;
    rc = alpha_1(Cs, Rs, m - 1, &a);
    rel->alpha_if_deleted[keep[d]] = a.raw;
  }
  sbx__free(Cs);
  sbx__free(Rs);
  sbx__free(sub);
  return rc;
}

void sbx__reliability_none(sbx_reliability *rel) {
  rel->computed = 0; /* the counts and item arrays stay */
#define NAN_FIELD(name) rel->name = NAN;
  SBX_REL_STATS(NAN_FIELD)
#undef NAN_FIELD
}

static int rel_alloc(sbx_reliability *rel, size_t k) {
  rel->nitem = k;
  rel->r_drop = sbx__malloc((k ? k : 1) * sizeof *rel->r_drop);
  rel->alpha_if_deleted = sbx__malloc((k ? k : 1) * sizeof *rel->alpha_if_deleted);
  if (!rel->r_drop || !rel->alpha_if_deleted) return SBX_ENOMEM;
  for (size_t i = 0; i < k; i++) rel->r_drop[i] = rel->alpha_if_deleted[i] = NAN;
  sbx__reliability_none(rel);
  return 0;
}

static int compute(sbx_reliability *rel, const sbx__pairwise *pw, double level) {
  size_t k = pw->k, *keep = sbx__malloc((k ? k : 1) * sizeof *keep);
  double *C = sbx__malloc((k ? k * k : 1) * sizeof *C);
  double *R = sbx__malloc((k ? k * k : 1) * sizeof *R);
  double *Rp = sbx__malloc((k ? k * k : 1) * sizeof *Rp);
  int rc = (!keep || !C || !R || !Rp) ? SBX_ENOMEM : 0;
  size_t m = rc ? 0 : usable_items(pw, keep);
  if (!rc && m >= 2) {
    submatrix(pw->C, k, keep, m, C);
    submatrix(pw->R, k, keep, m, R);
    submatrix(pw->Rp, k, keep, m, Rp);
  }
  if (!rc && m >= 2 && all_finite(C, m * m) && all_finite(R, m * m)) {
    alpha1 a;
    rc = alpha_1(C, R, m, &a);
    rel->computed = !rc;
    rel->items_used = m;
    rel->alpha = a.raw;
    rel->alpha_std = a.std;
    rel->average_r = a.avr;
    rel->lambda6 = a.g6;
    rel->ase = sqrt(a.q / (double)rel->n);
    if (!rc) intervals(rel, m, level);
    if (!rc) rc = item_figures(rel, C, R, keep, m);
    if (!rc && m >= 3 && all_finite(Rp, m * m)) {
      double om;
      int orc = sbx__omega_total(Rp, m, &om, NULL);
      if (orc == SBX_ENOMEM) rc = orc;
      else if (!orc) rel->omega = om;
    }
  }
  sbx__free(keep);
  sbx__free(C);
  sbx__free(R);
  sbx__free(Rp);
  return rc;
}

int sbx__reliability(const sbx__scale_layout *l, const int64_t *b, double level,
                     sbx_reliability *rel, sbx_ctx *ctx) {
  sbx__pairwise pw;
  memset(&pw, 0, sizeof pw);
  int rc = rel_alloc(rel, l->nitem);
  if (!rc) rc = sbx__pairwise_from_block(l, b, &pw);
  if (!rc) {
    rel->n = pw.n_any;
    rc = compute(rel, &pw, level);
  }
  sbx__pairwise_free(&pw);
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  return 0;
}

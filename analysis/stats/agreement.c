/* Agreement within units and the case for aggregating: multilevel 2.7's rwg.j (James,
 * Demaree & Wolf) with the uniform null for the scale's number of points, and ICC1 /
 * ICC2 of a one-way ANOVA of respondent scores on the leaf units. */
#include "analysis/stats/stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

/* rwg.j drops every respondent with a missing item (na.exclude), so it uses the
 * complete rows only; item variances have the n - 1 denominator. */
double sbx__rwg_j(const sbx__scale_layout *l, const int64_t *b) {
  int64_t n = b[l->o_nc];
  size_t J = l->nitem;
  if (n < 2 || !J || l->npoint < 2) return NAN;
  long double s = 0;
  for (size_t i = 0; i < J; i++) {
    int64_t sx = b[l->o_csum + i], qx = b[l->o_cross + sbx__tri(i, i, J)];
    s += ((long double)n * qx - (long double)sx * sx) / ((long double)n * (n - 1));
  }
  double A = (double)l->npoint, ranvar = (A * A - 1) / 12;
  double S = (double)(s / J);
  if (S > ranvar) S = ranvar; /* multilevel's truncation: rwg.j becomes 0 */
  double r = S / ranvar, j = (double)J;
  return j * (1 - r) / (j * (1 - r) + r);
}

void sbx__icc(const sbx__moments *g, size_t ng, sbx_scale_result *sr) {
  sr->icc1 = sr->icc2 = sr->icc_f = sr->icc_p = sr->icc_k = NAN;
  sr->icc_groups = ng;
  long double N = 0, sum = 0, ssw = 0;
  for (size_t i = 0; i < ng; i++) {
    N += (long double)g[i].n;
    sum += (long double)g[i].n * g[i].mean;
    if (g[i].n > 1) ssw += g[i].ss;
  }
  sr->icc_n = (size_t)N;
  if (ng < 2 || N <= (long double)ng) return;
  double grand = (double)(sum / N);
  long double ssb = 0;
  for (size_t i = 0; i < ng; i++) {
    double d = g[i].mean - grand;
    ssb += (long double)g[i].n * d * d;
  }
  double dfb = (double)ng - 1, dfw = (double)(N - ng);
  double msb = (double)(ssb / dfb), msw = (double)(ssw / dfw);
  double k = (double)(N / ng);
  sr->icc_k = k;
  if (!(msb > 0)) return;
  sr->icc1 = (msb - msw) / (msb + (k - 1) * msw);
  sr->icc2 = (msb - msw) / msb;
  if (msw > 0) {
    sr->icc_f = msb / msw;
    double p = gsl_cdf_fdist_Q(sr->icc_f, dfb, dfw);
    sr->icc_p = isfinite(p) ? p : NAN;
  }
}

/* Descriptive statistics from score histograms, and the distribution pieces every
 * test and interval uses: t and F quantiles guarded against GSL 2.7's NaN holes and
 * hangs at large degrees of freedom, Wilson, Welch, Hedges' g and the
 * Benjamini-Hochberg adjustment (p.adjust "BH"). */
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>

/* Two passes over the bins: the mean first, then squared deviations from it, so the
 * sum of squares never cancels (scores take few distinct values). */
void sbx__hist_moments(const sbx__scale_layout *l, const int64_t *hist, sbx__moments *m) {
  long double n = 0, s = 0;
  for (size_t b = 0; b < l->nbin; b++) {
    if (!hist[b]) continue;
    n += (long double)hist[b];
    s += (long double)hist[b] * l->bin_value[b];
  }
  m->n = (size_t)n;
  if (!m->n) {
    m->mean = m->sd = m->ss = NAN;
    return;
  }
  double mean = (double)(s / n);
  long double ss = 0;
  for (size_t b = 0; b < l->nbin; b++) {
    if (!hist[b]) continue;
    long double d = (long double)l->bin_value[b] - mean;
    ss += (long double)hist[b] * d * d;
  }
  m->mean = mean;
  m->ss = (double)ss;
  m->sd = m->n > 1 ? sqrt((double)(ss / (n - 1))) : NAN;
}

/* R's median: the middle score, or the mean of the two middle ones. */
double sbx__hist_median(const sbx__scale_layout *l, const int64_t *hist, size_t n) {
  if (!n) return NAN;
  size_t lo = (n + 1) / 2, hi = n / 2 + 1; /* 1-based ranks */
  double vlo = NAN, vhi = NAN;
  size_t cum = 0;
  for (size_t k = 0; k < l->nbin; k++) {
    size_t b = l->bin_order[k];
    if (!hist[b]) continue;
    cum += (size_t)hist[b];
    if (isnan(vlo) && cum >= lo) vlo = l->bin_value[b];
    if (cum >= hi) {
      vhi = l->bin_value[b];
      break;
    }
  }
  return n % 2 ? vlo : (vlo + vhi) / 2;
}

double sbx__t_quantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df > 0)) return NAN;
  if (df > 1e7) {
    /* Beyond the range checked against R: the first Cornish-Fisher term of t around
     * the normal quantile; the error is of order 1/df^2 (< 1e-14 here). */
    double z = gsl_cdf_ugaussian_Pinv(p);
    return z + (z * z * z + z) / (4 * df);
  }
  double q = gsl_cdf_tdist_Pinv(p, df);
  return isfinite(q) ? q : NAN;
}

double sbx__t_p2(double t, double df) {
  if (isnan(t) || !(df > 0)) return NAN;
  double q = gsl_cdf_tdist_Q(fabs(t), df);
  if (!isfinite(q)) return NAN;
  double p = 2 * q;
  return p > 1 ? 1 : p;
}

/* Paulson's (Wilson-Hilferty) normal approximation of the F quantile: excellent when
 * both degrees of freedom are large, where GSL's CDF has NaN holes. */
static double f_paulson(double p, double df1, double df2) {
  double z = gsl_cdf_ugaussian_Pinv(p);
  double a = 2 / (9 * df1), b = 2 / (9 * df2);
  double A = (1 - b) * (1 - b) - z * z * b, B = -2 * (1 - a) * (1 - b);
  double C = (1 - a) * (1 - a) - z * z * a;
  double disc = B * B - 4 * A * C;
  if (!(A > 0) || disc < 0) return NAN;
  double u = (-B + (z < 0 ? -1 : 1) * sqrt(disc)) / (2 * A);
  return u * u * u;
}

/* F CDF distance from p: lower tail below the median, upper tail above it, so the
 * small probabilities are never computed as 1 - (something close to 1). */
static double f_side(double x, double p, double df1, double df2) {
  if (p < 0.5) return gsl_cdf_fdist_P(x, df1, df2) - p;
  return (1 - p) - gsl_cdf_fdist_Q(x, df1, df2);
}

typedef struct f_args { double p, df1, df2; } f_args;
static double f_root(double x, void *v) {
  const f_args *q = v;
  return f_side(x, q->p, q->df1, q->df2);
}

/* Brent's method on the CDF inside [lo, hi]; NaN when GSL meets a NaN hole. */
static double f_brent(double p, double df1, double df2, double lo, double hi) {
  f_args q = { p, df1, df2 };
  gsl_function fn = { f_root, &q };
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) return NAN;
  double x = NAN;
  if (gsl_root_fsolver_set(s, &fn, lo, hi) == GSL_SUCCESS) {
    for (int it = 0; it < 200; it++) {
      if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
      double xl = gsl_root_fsolver_x_lower(s), xu = gsl_root_fsolver_x_upper(s);
      if (gsl_root_test_interval(xl, xu, 0, 1e-15) == GSL_SUCCESS) {
        x = gsl_root_fsolver_root(s);
        break;
      }
    }
  }
  gsl_root_fsolver_free(s);
  return x;
}

/* GSL's own quantile where it is reliable (right whenever it returns a
 * number, NaN in places from df ~ 1e4, a hang at 1e7); beyond that Brent's method on
 * the CDF, and Paulson's approximation where the CDF itself has NaN holes (both df
 * ~ 1e6 and more, where that approximation is accurate to 1e-11). */
double sbx__f_quantile(double p, double df1, double df2) {
  if (!(p > 0 && p < 1) || !(df1 > 0) || !(df2 > 0)) return NAN;
  if (df1 < 1e5 && df2 < 1e5) {
    double q = gsl_cdf_fdist_Pinv(p, df1, df2);
    if (isfinite(q)) return q;
  }
  double lo = 0, hi = 1, g;
  int it = 0;
  while ((g = f_side(hi, p, df1, df2)) < 0 && it++ < 2000) {
    lo = hi;
    hi *= 2;
  }
  double x = isnan(g) || it >= 2000 ? NAN : f_brent(p, df1, df2, lo, hi);
  if (isnan(x) && df1 > 1e3 && df2 > 1e3) x = f_paulson(p, df1, df2);
  return x;
}

void sbx__wilson(size_t x, size_t n, double level, double *lo, double *hi) {
  *lo = *hi = NAN;
  if (!n || x > n) return;
  double z = gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
  double nn = (double)n, ph = (double)x / nn, z2 = z * z;
  double mid = ph + z2 / (2 * nn);
  double half = z * sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn));
  double den = 1 + z2 / nn;
  *lo = (mid - half) / den;
  *hi = (mid + half) / den;
  if (*lo < 0) *lo = 0;
  if (*hi > 1) *hi = 1;
}

void sbx__welch_test(size_t n1, double m1, double s1, size_t n2, double m2, double s2,
                     double level, sbx__welch *w) {
  w->diff = m1 - m2;
  w->se = w->t = w->df = w->p = w->lo = w->hi = NAN;
  if (n1 < 2 || n2 < 2 || isnan(w->diff) || isnan(s1) || isnan(s2)) return;
  double v1 = s1 * s1 / (double)n1, v2 = s2 * s2 / (double)n2;
  double se2 = v1 + v2;
  if (!(se2 > 0)) return; /* both groups without spread: no test */
  w->se = sqrt(se2);
  w->t = w->diff / w->se;
  w->df = se2 * se2 / (v1 * v1 / (double)(n1 - 1) + v2 * v2 / (double)(n2 - 1));
  w->p = sbx__t_p2(w->t, w->df);
  double q = sbx__t_quantile(1 - (1 - level) / 2, w->df);
  w->lo = w->diff - q * w->se;
  w->hi = w->diff + q * w->se;
}

double sbx__hedges_g(size_t n1, double m1, double s1, size_t n2, double m2, double s2) {
  if (n1 < 2 || n2 < 2) return NAN;
  double nu = (double)(n1 + n2 - 2);
  double sp2 = ((double)(n1 - 1) * s1 * s1 + (double)(n2 - 1) * s2 * s2) / nu;
  if (!(sp2 > 0)) return NAN;
  /* J = Gamma(nu/2) / (sqrt(nu/2) Gamma((nu-1)/2)); lnpoch keeps the ratio exact
   * where the two log-gammas are huge. */
  gsl_sf_result lp;
  if (gsl_sf_lnpoch_e((nu - 1) / 2, 0.5, &lp) != GSL_SUCCESS) return NAN;
  double J = exp(lp.val) / sqrt(nu / 2);
  return J * (m1 - m2) / sqrt(sp2);
}

typedef struct { double p; size_t i; } p_key;
static int p_cmp(const void *a, const void *b) {
  const p_key *x = a, *y = b;
  if (x->p != y->p) return (x->p > y->p) - (x->p < y->p);
  return (x->i > y->i) - (x->i < y->i);
}

int sbx__p_adjust_bh(const double *p, double *adj, size_t n) {
  p_key *k = sbx__malloc((n ? n : 1) * sizeof *k);
  if (!k) return SBX_ENOMEM;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    adj[i] = NAN;
    if (!isnan(p[i])) k[m].p = p[i], k[m].i = i, m++;
  }
  qsort(k, m, sizeof *k, p_cmp);
  double run = 1;
  for (size_t j = m; j-- > 0;) {
    double v = (double)m / (double)(j + 1) * k[j].p;
    if (v < run) run = v;
    adj[k[j].i] = run;
  }
  sbx__free(k);
  return 0;
}

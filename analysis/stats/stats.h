/* Internal interface of analysis/stats: the one-pass accumulators over the response
 * set (integer sums and score histograms per unit, rolled up the tree), and the
 * statistics computed from them (descriptives, reliability, omega, agreement).
 * Formulas: docs/statistics.md, "How the figures are computed" (psych 2.2.9, multilevel 2.7). */
#ifndef SBX_STATS_H
#define SBX_STATS_H

#include <stddef.h>
#include <stdint.h>
#include "analysis/results.h"

/* ---- Layout of one scale's block of accumulators -------------------------------
 * Every answer is an integer, so all sums are kept exact in 64-bit integers and
 * turned into moments once, at the end: no rounding error accumulates, and rolling a
 * unit up into its parent is an exact integer addition. A score is sum/m for m
 * answered items, so the score histogram is indexed by (m, sum): bin_off[m] + sum -
 * m * vmin. Values in the sums are reverse keyed (min + max - x). */
typedef struct sbx__scale_layout {
  size_t nitem;          /* J */
  const size_t *item;    /* survey item indices (borrowed) */
  int *flip, *shift;     /* J: keyed x = flip * x + shift: -1 and min + max for a reverse-
                            keyed item (min + max may be 0), 1 and 0 otherwise */
  size_t *lut_off;       /* J: the item's answer scale * 256, into sbx__acc.lut */
  size_t *ih_off;        /* J + 1: start of each item's answer counts */
  int *ih_raw;           /* per answer-count slot: the answer value it counts */
  size_t *ih_col;        /* per slot: column in the cell's item_hist, or SBX_NONE */
  size_t min_m;          /* answered items needed for a score */
  int vmin, vmax;        /* range of (keyed) item values */
  size_t nbin;           /* score bins */
  size_t *bin_off;       /* J + 1 entries */
  double *bin_value;     /* nbin: the score of the bin */
  size_t *bin_order;     /* nbin: bins by ascending score */
  size_t *bin_point;     /* nbin: point index of the score rounded half-up */
  size_t npoint;         /* points of the scale's answer scale */
  const sbx_answer_scale *as; /* the scale's answer scale (of its first item) */
  /* Word offsets inside the scale's block (int64 words). */
  size_t o_hist;         /* nbin score counts */
  size_t o_ihist;        /* answer counts, item i's at ih_off[i] (its own points) */
  size_t o_any;          /* 1: respondents with any answer on the scale */
  size_t o_nc;           /* 1: complete rows */
  size_t o_csum;         /* J: sums over complete rows */
  size_t o_cross;        /* J (J + 1) / 2: cross products over complete rows */
  size_t o_pair;         /* 6 per pair i < j over incomplete rows: n, sx, sy, qx, qy, sxy */
  size_t words;          /* size of the block */
  size_t base;           /* offset of the block within a unit's block */
} sbx__scale_layout;

typedef struct sbx__acc {
  size_t nscale;
  sbx__scale_layout *lay;
  size_t words;          /* per unit */
  size_t nunit;
  size_t *n, *n_direct;  /* per unit: respondents in the unit and below (complete for a
                          * unit once it is visited); attached */
  size_t unknown;
  int16_t *lut;          /* per answer scale, 256 entries: value + 128 -> point or -1 */
} sbx__acc;

/* Called once per unit, sub-units before their parent, with the unit's block (words
 * int64, its own rows and its sub-units'), valid only during the call. A non-zero
 * return stops the pass and is returned. */
typedef int (*sbx__acc_visit)(void *ud, const sbx__acc *a, size_t unit, const int64_t *block);
/* Lays out the blocks and makes the pass over res->resp, visiting every unit; the
 * layout and the counts stay in *a until sbx__acc_free. */
int sbx__acc_run(sbx__acc *a, const sbx_results *res, sbx__acc_visit visit, void *ud,
                 sbx_ctx *ctx);
void sbx__acc_free(sbx__acc *a);
/* n, sum and sum of squares of item i's keyed answers, from its answer counts. */
void sbx__item_sums(const sbx__scale_layout *l, const int64_t *b, size_t i, int64_t out[3]);
/* Item i's answer v as scored: x' = min + max - x where reverse keyed. */
static inline int64_t sbx__keyed(const sbx__scale_layout *l, size_t i, int64_t v) {
  return l->flip[i] * v + l->shift[i];
}
/* The scale's part of a unit's block. */
static inline const int64_t *sbx__acc_block(const sbx__acc *a, const int64_t *unit_block,
                                            size_t scale) {
  return unit_block + a->lay[scale].base;
}
static inline size_t sbx__tri(size_t i, size_t j, size_t n) { /* i <= j < n */
  return i * n - i * (i + 1) / 2 + j;
}
static inline size_t sbx__pair(size_t i, size_t j, size_t n) { /* i < j < n */
  return i * n - i * (i + 1) / 2 + (j - i - 1);
}

/* ---- Moments and intervals (describe.c) ----------------------------------------- */
/* Mean, sd, median, counts from a score histogram (two passes over the bins). */
typedef struct sbx__moments {
  size_t n;
  double mean, sd, ss;   /* ss: sum of squared deviations */
} sbx__moments;

void sbx__hist_moments(const sbx__scale_layout *l, const int64_t *hist, sbx__moments *m);
double sbx__hist_median(const sbx__scale_layout *l, const int64_t *hist, size_t n);
/* Quantile of Student's t; NaN on failure (df <= 0, or GSL returned no number). */
double sbx__t_quantile(double p, double df);
/* Two-sided p of t on df; NaN on failure. */
double sbx__t_p2(double t, double df);
/* Quantile of F(df1, df2), robust at large df; NaN on failure. */
double sbx__f_quantile(double p, double df1, double df2);
/* Wilson interval for x of n at the given level. */
void sbx__wilson(size_t x, size_t n, double level, double *lo, double *hi);
/* The band (point index) of box score x for the distribution chart (status.c). */
size_t sbx__score_band(const sbx_answer_scale *as, double x);
/* Welch t test of two groups given n, mean, sd. */
typedef struct sbx__welch {
  double diff, se, t, df, p, lo, hi; /* lo/hi: interval of diff at the level */
} sbx__welch;
void sbx__welch_test(size_t n1, double m1, double s1, size_t n2, double m2, double s2,
                     double level, sbx__welch *w);
/* Hedges' g with the exact small-sample factor J (Gamma functions). */
double sbx__hedges_g(size_t n1, double m1, double s1, size_t n2, double m2, double s2);
/* Benjamini-Hochberg adjustment of p[0..n) into adj; NaN entries stay NaN and do not
 * count. Returns 0 or SBX_ENOMEM. */
int sbx__p_adjust_bh(const double *p, double *adj, size_t n);

/* ---- Reliability (reliability.c, omega.c) -------------------------------------- */
/* Pairwise covariance (C: cov(use = "pairwise")), its cov2cor (R) and the
 * pair-specific correlation of cor(use = "pairwise") (Rp), from a scale block. */
typedef struct sbx__pairwise {
  size_t k;
  double *C, *R, *Rp;    /* k * k each */
  size_t n_any;          /* respondents with any answer */
} sbx__pairwise;

int sbx__pairwise_from_block(const sbx__scale_layout *l, const int64_t *b, sbx__pairwise *pw);
void sbx__pairwise_free(sbx__pairwise *pw);
/* Fills rel (alpha, intervals, item figures, omega) for one scale in one group. */
int sbx__reliability(const sbx__scale_layout *l, const int64_t *b, double level,
                     sbx_reliability *rel, sbx_ctx *ctx);
/* Marks rel as not computed, every figure NaN (no arrays are allocated). */
void sbx__reliability_none(sbx_reliability *rel);
/* SMC of each variable of the correlation matrix R (k x k), psych::smc with Pinv. */
int sbx__smc(const double *R, size_t k, double *smc);
/* McDonald's omega total (psych::omega, one factor, minres) of a correlation matrix;
 * loadings (k) may be NULL. Returns 0, or SBX_EDATA when it does not converge. */
int sbx__omega_total(const double *R, size_t k, double *omega, double *loadings);

/* ---- Agreement (agreement.c) ---------------------------------------------------- */
/* multilevel::rwg.j over the complete rows of a scale block; NaN if undefined. */
double sbx__rwg_j(const sbx__scale_layout *l, const int64_t *b);
/* multilevel::ICC1/ICC2 of a one-way ANOVA of the leaf units' score moments; fills
 * icc1, icc2, icc_groups, icc_f, icc_p, icc_k, icc_n (NaN where undefined). */
void sbx__icc(const sbx__moments *g, size_t ng, sbx_scale_result *sr);

#endif

/* Key drivers: Johnson's (2000) relative weights of the box scales on the outcome
 * scale, for the whole organisation and for every shown unit with at least
 * SBX_DRIVERS_MIN_N complete cases, with percentile bootstrap intervals from a fixed
 * seed (a bootstrap of per-group block sums of the moments, two threads over groups).
 * Everything works from correlation matrices; GSL does the
 * eigen decomposition and the random numbers. Rules: docs/statistics.md, "Goals at risk". */
#include "analysis/goals/goals.h"
#include "surveys/util.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int sbx__correlation(const double *x, size_t n, size_t q, double *corr) {
  if (n < 2 || q == 0) return SBX_EDATA;
  double *mean = sbx__calloc(q, sizeof *mean);
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
  sbx__free(mean);
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
  sbx__free(k->half);
  sbx__free(k->beta);
  sbx__free(k->t);
  memset(k, 0, sizeof *k);
}

static int rw_alloc(rw_work *k, size_t p) {
  memset(k, 0, sizeof *k);
  k->p = p;
  k->a = gsl_matrix_alloc(p, p);
  k->v = gsl_matrix_alloc(p, p);
  k->lam = gsl_vector_alloc(p);
  k->w = gsl_eigen_symmv_alloc(p);
  k->half = sbx__malloc(p * p * sizeof *k->half);
  k->beta = sbx__malloc(p * sizeof *k->beta);
  k->t = sbx__malloc(p * sizeof *k->t);
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

/* sbx__scale_score (analysis/stats/scores.c) for the q columns, with sbx__item_score
 * tabulated per item: map[v + 128] is the scored value of answer v, or SBX_NO_SCORE.
 * Same results, bit for bit (the same integer sum over the same divisor); scored 7
 * million times at 1M rows. */
typedef struct scorer {
  size_t q, *need, *nit, *item; /* per column: answers needed, the usable items */
  int16_t *map;                 /* per usable item, 256 entries */
} scorer;

static void scorer_free(scorer *sc) {
  sbx__free(sc->need);
  sbx__free(sc->nit);
  sbx__free(sc->item);
  sbx__free(sc->map);
}

static void scorer_map(const sbx_survey *s, size_t item, int16_t *map) {
  for (int v = -128; v < 128; v++) map[v + 128] = (int16_t)sbx__item_score(s, item, v);
}

static int scorer_make(const sbx_survey *s, const size_t *col, size_t q, scorer *sc) {
  size_t tot = 0;
  for (size_t j = 0; j < q; j++) tot += s->scale[col[j]].nitem;
  sc->q = q;
  sc->need = sbx__calloc(q, sizeof *sc->need);
  sc->nit = sbx__calloc(q, sizeof *sc->nit);
  sc->item = sbx__malloc((tot + 1) * sizeof *sc->item);
  sc->map = sbx__malloc((tot + 1) * 256 * sizeof *sc->map);
  if (!sc->need || !sc->nit || !sc->item || !sc->map) return SBX_ENOMEM;
  size_t t = 0;
  for (size_t j = 0; j < q; j++) {
    const sbx_scale *k = &s->scale[col[j]];
    sc->need[j] = sbx__min_answered(s, k->nitem);
    for (size_t i = 0; i < k->nitem; i++) {
      size_t it = k->item[i];
      if (it >= s->nitem || s->item[it].answer_scale >= s->nanswer_scale) continue;
      sc->item[t] = it;
      scorer_map(s, it, sc->map + t * 256);
      t++;
      sc->nit[j]++;
    }
  }
  return 0;
}

/* The row's q scores into x; 0 when one of them is missing. */
static int scorer_row(const scorer *sc, const int8_t *row, double *x) {
  const size_t *item = sc->item;
  const int16_t *map = sc->map;
  for (size_t j = 0; j < sc->q; j++) {
    long sum = 0;
    size_t m = 0;
    for (size_t i = 0; i < sc->nit[j]; i++) {
      int v = map[i * 256 + (size_t)((int)row[item[i]] + 128)];
      if (v != SBX_NO_SCORE) {
        sum += v;
        m++;
      }
    }
    item += sc->nit[j];
    map += sc->nit[j] * 256;
    if (m < sc->need[j]) return 0;
    x[j] = (double)sum / (double)m;
  }
  return 1;
}

/* Scores every row, writing the complete cases grouped by unit (a stable counting
 * sort, rows without a known unit last): the block pass then keeps one unit's blocks
 * in cache instead of jumping across every group's blocks at each row. */
static int score_rows(const sbx_results *res, const scorer *sc, dwork *dw) {
  const sbx_responses *r = res->resp;
  size_t nu = res->org ? res->org->nunit : 0, q = dw->q;
  size_t *start = sbx__calloc(nu + 2, sizeof *start), *cur = sbx__malloc((nu + 2) * sizeof *cur);
  if (!start || !cur) {
    sbx__free(start);
    sbx__free(cur);
    return SBX_ENOMEM;
  }
  for (size_t i = 0; i < r->n; i++) {
    size_t u = r->unit ? r->unit[i] : SBX_NO_UNIT;
    start[(u < nu ? u : nu) + 1]++;
  }
  for (size_t b = 0; b <= nu; b++) start[b + 1] += start[b];
  memcpy(cur, start, (nu + 2) * sizeof *cur);
  for (size_t i = 0; i < r->n; i++) {
    size_t u = r->unit ? r->unit[i] : SBX_NO_UNIT, b = u < nu ? u : nu;
    if (!scorer_row(sc, sbx__responses_row(r, i), dw->x + cur[b] * q)) continue;
    dw->unit[cur[b]++] = (uint32_t)u;
  }
  for (size_t b = 0; b <= nu; b++) /* close the gaps left by incomplete rows */
    for (size_t k = start[b]; k < cur[b]; k++, dw->ncc++) {
      memmove(dw->x + dw->ncc * q, dw->x + k * q, q * sizeof *dw->x);
      dw->unit[dw->ncc] = dw->unit[k];
    }
  sbx__free(start);
  sbx__free(cur);
  return 0;
}

static int collect(const sbx_results *res, dwork *dw) {
  const sbx_survey *s = res->survey;
  const sbx_responses *r = res->resp;
  size_t out = outcome_scale(s);
  if (out == SBX_NONE || !r) return 0;
  dw->col = sbx__malloc((s->nscale + 1) * sizeof *dw->col);
  if (!dw->col) return SBX_ENOMEM;
  for (size_t i = 0; i < s->nscale; i++)
    if (s->scale[i].kind == SBX_SCALE_BOX && i != out) dw->col[dw->p++] = i;
  if (dw->p == 0) return 0;
  dw->q = dw->p + 1;
  dw->col[dw->p] = out;
  dw->x = sbx__malloc((r->n ? r->n : 1) * dw->q * sizeof *dw->x);
  dw->unit = sbx__malloc((r->n ? r->n : 1) * sizeof *dw->unit);
  if (!dw->x || !dw->unit) return SBX_ENOMEM;
  scorer sc = { 0 };
  int rc = scorer_make(s, dw->col, dw->q, &sc);
  if (!rc) rc = score_rows(res, &sc, dw);
  scorer_free(&sc);
  return rc;
}

/* The bootstrap works on sufficient statistics, not rows (docs/statistics.md ("Goals at risk"), "Intervals"). One
 * pass gives each group its mean; a second adds each complete case's deviations from
 * its group's mean (count, q sums, q(q+1)/2 packed cross-products) into one of
 * nb = min(n, BOOT_BLOCKS) blocks: its own block when n <= BOOT_BLOCKS (then block
 * resampling IS the row bootstrap), else a block picked by a hash of seed, unit and
 * row. Rows are independent and blocks are random, so the block sums are i.i.d. and
 * resampling nb of them with replacement reproduces the sampling distribution of the
 * moments that the weights are smooth functions of, at a cost independent of n. The
 * point estimate sums every row in unit order: exact (two-pass, centred at the group
 * mean) and independent of the seed. */
#define BOOT_BLOCKS 256
#define UNIT_BOOT 200 /* replicates per unit; the whole organisation gets them all */

typedef struct group {
  size_t unit, n, nb, fill;
  double *mean; /* q */
  double *tot;  /* ns: statistics of every row, in row order (the point estimate) */
  int rc;       /* group_drivers' answer */
  double *blk;  /* nb × ns block statistics */
} group;

static size_t nstat(size_t q) { return 1 + q + q * (q + 1) / 2; }

static uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15u;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

/* The groups a complete case belongs to: the whole organisation, then its unit and
 * each ancestor that gets drivers (slot[v] != SBX_NONE). Returns the count. */
static size_t row_groups(const sbx_org *o, const size_t *slot, size_t nslot, size_t unit,
                         size_t *out) {
  size_t k = 0, prev = SBX_NONE;
  out[k++] = 0;
  for (size_t v = unit; o && v < o->nunit && v < prev; v = o->unit[v].parent) {
    if (v > 0 && v < nslot && slot[v] != SBX_NONE) out[k++] = slot[v];
    prev = v;
  }
  return k;
}

/* acc += the deviations d (q values) of one row, packed upper triangle. */
static void add_row(double *restrict acc, const double *restrict d, size_t q) {
  acc[0] += 1;
  double *restrict s1 = acc + 1, *restrict t = acc + 1 + q;
  for (size_t j = 0; j < q; j++) {
    double a = d[j];
    s1[j] += a;
    for (size_t k = j; k < q; k++) *t++ += a * d[k];
  }
}

/* Correlations from summed statistics (count, sums, packed cross-products). */
static int stats_corr(const double *acc, size_t q, double *corr) {
  double m = acc[0];
  const double *s1 = acc + 1, *t = acc + 1 + q;
  if (!(m >= 2)) return SBX_EDATA;
  for (size_t j = 0; j < q; j++)
    for (size_t k = j; k < q; k++) corr[j * q + k] = *t++ - s1[j] * s1[k] / m;
  for (size_t j = 0; j < q; j++)
    if (!(corr[j * q + j] > 1e-12 * m)) return SBX_EDATA;
  for (size_t j = 0; j < q; j++)
    for (size_t k = j + 1; k < q; k++)
      corr[j * q + k] = corr[k * q + j] = corr[j * q + k] /
                                          sqrt(corr[j * q + j] * corr[k * q + k]);
  for (size_t j = 0; j < q; j++) corr[j * q + j] = 1;
  return 0;
}

static double quantile(double *v, size_t n, double prob) {
  gsl_sort(v, 1, n);
  return gsl_stats_quantile_from_sorted_data(v, 1, n, prob);
}

/* Percentile bootstrap of the weights over the group's blocks: each replicate draws
 * nb blocks with replacement and recomputes the weights from their summed statistics.
 * Replicates with a singular matrix are left out. */
static int bootstrap(const group *g, size_t q, size_t B, double level, unsigned long seed,
                     rw_work *k, sbx_drivers *d) {
  size_t p = q - 1, ns = nstat(q);
  d->boot_rows = g->n;
  d->boot_blocks = g->nb;
  if (B == 0) return 0;
  double *rep = sbx__malloc(B * p * sizeof *rep), *acc = sbx__malloc(ns * sizeof *acc);
  double *corr = sbx__malloc(q * q * sizeof *corr), *eps = sbx__malloc(p * sizeof *eps);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int rc = rep && acc && corr && eps && rng ? 0 : SBX_ENOMEM;
  if (!rc) gsl_rng_set(rng, seed);
  size_t nb = 0;
  for (size_t b = 0; !rc && b < B; b++) {
    memset(acc, 0, ns * sizeof *acc);
    for (size_t i = 0; i < g->nb; i++) {
      const double *restrict s = g->blk + gsl_rng_uniform_int(rng, g->nb) * ns;
      for (size_t j = 0; j < ns; j++) acc[j] += s[j];
    }
    double r2;
    if (stats_corr(acc, q, corr) || rw_compute(k, corr, eps, &r2)) continue;
    for (size_t j = 0; j < p; j++) rep[j * B + nb] = eps[j];
    nb++;
  }
  d->nboot = nb;
  for (size_t j = 0; !rc && nb >= 2 && nb * 2 >= B && j < p; j++) {
    d->w[j].lo = quantile(rep + j * B, nb, (1 - level) / 2);
    d->w[j].hi = quantile(rep + j * B, nb, (1 + level) / 2);
  }
  sbx__free(rep);
  sbx__free(acc);
  sbx__free(corr);
  sbx__free(eps);
  if (rng) gsl_rng_free(rng);
  return rc;
}

/* One group's drivers from its block statistics into d (zeroed by the caller; d->w
 * set means the group counts). 1: singular, skipped (the caller warns). Reads only
 * its own group and writes only d, so groups may run on two threads. */
static int group_drivers(const sbx_results *res, const dwork *dw, const group *g,
                         sbx_drivers *d) {
  size_t p = dw->p, q = dw->q;
  double *corr = sbx__malloc(q * q * sizeof *corr), *eps = sbx__malloc(p * sizeof *eps), r2 = 0;
  rw_work k;
  int rc = corr && eps ? rw_alloc(&k, p) : SBX_ENOMEM;
  if (rc) goto done_nowork;
  rc = stats_corr(g->tot, q, corr);
  if (!rc) rc = rw_compute(&k, corr, eps, &r2);
  if (rc == SBX_EDATA) rc = 1;
  if (!rc && !(d->w = sbx__calloc(p, sizeof *d->w))) rc = SBX_ENOMEM;
  if (!rc) {
    const sbx_analysis_opts *o = &res->opts;
    d->unit = g->unit;
    d->outcome = dw->col[p];
    d->n = g->n;
    d->r2 = r2;
    d->nw = p;
    for (size_t j = 0; j < p; j++)
      d->w[j] = (sbx_driver){ dw->col[j], eps[j], r2 > 0 ? eps[j] / r2 : NAN, NAN, NAN };
    size_t B = o->bootstrap > 0 ? (size_t)o->bootstrap : 0;
    if (g->unit > 0 && B > UNIT_BOOT) B = UNIT_BOOT;
    double level = o->level > 0 && o->level < 1 ? o->level : 0.95;
    rc = bootstrap(g, q, B, level, o->seed + g->unit, &k, d);
  }
  rw_free(&k);
done_nowork:
  sbx__free(corr);
  sbx__free(eps);
  return rc;
}

static size_t *unit_counts(const sbx_results *res, const dwork *dw) {
  size_t *cnt = sbx__calloc(res->nunit, sizeof *cnt);
  if (!cnt || !res->org) return cnt;
  const sbx_org *o = res->org;
  for (size_t i = 0; i < dw->ncc; i++) {
    size_t prev = SBX_NONE;
    for (size_t v = dw->unit[i]; v < o->nunit && v < res->nunit && v < prev;
         v = o->unit[v].parent) {
      cnt[v]++;
      prev = v;
    }
  }
  return cnt;
}

/* The groups that may get drivers, in organisation order: slot[u] is u's index. */
static group *make_groups(const sbx_results *res, const dwork *dw, size_t *slot,
                          size_t *ng) {
  size_t *cnt = unit_counts(res, dw);
  group *g = sbx__calloc(res->nunit, sizeof *g);
  if (!cnt || !g) {
    sbx__free(cnt);
    sbx__free(g);
    return NULL;
  }
  *ng = 0;
  for (size_t u = 0; u < res->nunit; u++) {
    slot[u] = SBX_NONE;
    size_t n = u == 0 ? dw->ncc : cnt[u];
    if (res->unit[u].suppressed || n < SBX_DRIVERS_MIN_N) continue;
    slot[u] = *ng;
    g[(*ng)++] = (group){ u, n, n < BOOT_BLOCKS ? n : BOOT_BLOCKS, 0, NULL, NULL, 0, NULL };
  }
  sbx__free(cnt);
  return g;
}

/* The two passes over the complete cases (group means, then block statistics). */
static int fill_groups(const sbx_results *res, const dwork *dw, group *g, size_t ng,
                       const size_t *slot) {
  size_t nu = res->org && res->org->nunit > res->nunit ? res->org->nunit : res->nunit;
  size_t q = dw->q, ns = nstat(q), *in = sbx__malloc((nu + 1) * sizeof *in);
  double *d = sbx__malloc(q * sizeof *d);
  int rc = in && d ? 0 : SBX_ENOMEM;
  for (size_t k = 0; !rc && k < ng; k++) {
    g[k].mean = sbx__calloc(q, sizeof *g[k].mean);
    g[k].tot = sbx__calloc(ns, sizeof *g[k].tot);
    g[k].blk = sbx__calloc(g[k].nb * ns, sizeof *g[k].blk);
    if (!g[k].mean || !g[k].tot || !g[k].blk) rc = SBX_ENOMEM;
  }
  for (size_t i = 0; !rc && i < dw->ncc; i++) {
    size_t m = row_groups(res->org, slot, res->nunit, dw->unit[i], in);
    for (size_t k = 0; k < m; k++)
      for (size_t j = 0; j < q; j++) g[in[k]].mean[j] += dw->x[i * q + j];
  }
  for (size_t k = 0; !rc && k < ng; k++)
    for (size_t j = 0; j < q; j++) g[k].mean[j] /= (double)g[k].n;
  uint64_t seed = mix64((uint64_t)res->opts.seed);
  for (size_t i = 0; !rc && i < dw->ncc; i++) {
    size_t m = row_groups(res->org, slot, res->nunit, dw->unit[i], in);
    for (size_t k = 0; k < m; k++) {
      group *h = &g[in[k]];
      size_t b = h->n <= BOOT_BLOCKS
                     ? h->fill++
                     : (size_t)(mix64(seed ^ mix64(((uint64_t)h->unit << 40) ^ i)) % h->nb);
      for (size_t j = 0; j < q; j++) d[j] = dw->x[i * q + j] - h->mean[j];
      add_row(h->blk + b * ns, d, q);
      add_row(h->tot, d, q);
    }
  }
  sbx__free(in);
  sbx__free(d);
  return rc;
}

/* The groups shared out between two threads, one group at a time; each group's
 * result depends only on its own seed, so the scheduling never shows in the output. */
typedef struct pool {
  const sbx_results *res;
  const dwork *dw;
  group *g;
  sbx_drivers *out;
  size_t ng, next;
  pthread_mutex_t mu;
} pool;

static void *worker(void *arg) {
  pool *pl = arg;
  for (;;) {
    pthread_mutex_lock(&pl->mu);
    size_t k = pl->next++;
    pthread_mutex_unlock(&pl->mu);
    if (k >= pl->ng) return NULL;
    pl->g[k].rc = group_drivers(pl->res, pl->dw, &pl->g[k], &pl->out[k]);
  }
}

static int run_groups(const sbx_results *res, const dwork *dw, group *g, size_t ng,
                      sbx_drivers *out) {
  pool pl = { res, dw, g, out, ng, 0, PTHREAD_MUTEX_INITIALIZER };
  pthread_t t;
  int other = ng > 1 && pthread_create(&t, NULL, worker, &pl) == 0;
  worker(&pl);
  if (other) pthread_join(t, NULL);
  pthread_mutex_destroy(&pl.mu);
  int rc = 0;
  for (size_t k = 0; k < ng; k++)
    if (g[k].rc < 0 && !rc) rc = g[k].rc;
  return rc;
}

static int all_groups(sbx_results *res, const dwork *dw, sbx_ctx *ctx) {
  size_t *slot = sbx__malloc(res->nunit * sizeof *slot), ng = 0;
  group *g = slot ? make_groups(res, dw, slot, &ng) : NULL;
  res->drivers = sbx__calloc(res->nunit, sizeof *res->drivers);
  sbx_drivers *out = sbx__calloc(ng ? ng : 1, sizeof *out);
  int rc = g && res->drivers && out ? 0 : SBX_ENOMEM;
  if (!rc) rc = fill_groups(res, dw, g, ng, slot);
  if (!rc) rc = run_groups(res, dw, g, ng, out);
  for (size_t k = 0; out && k < ng; k++) { /* in organisation order */
    if (!rc && g[k].rc == 1) {
      const sbx_org *o = res->org;
      const char *id = o && g[k].unit < o->nunit ? o->unit[g[k].unit].id : NULL;
      sbx__warning(ctx, SBX_EDATA, NULL, 0, id,
                   "no key drivers for this group: a box score or the outcome has no "
                   "variance, or the box scores are collinear");
    }
    if (out[k].w) res->drivers[res->ndrivers++] = out[k];
  }
  for (size_t k = 0; g && k < ng; k++) {
    sbx__free(g[k].mean);
    sbx__free(g[k].tot);
    sbx__free(g[k].blk);
  }
  sbx__free(out);
  sbx__free(g);
  sbx__free(slot);
  return rc;
}

int sbx__drivers(sbx_results *res, sbx_ctx *ctx) {
  if (!res || !res->survey || !res->resp || !res->unit || res->nunit == 0) return 0;
  if (res->unit[0].suppressed) return 0;
  dwork dw = { 0 };
  int rc = collect(res, &dw);
  if (!rc && dw.p > 0 && dw.ncc >= SBX_DRIVERS_MIN_N) rc = all_groups(res, &dw, ctx);
  sbx__free(dw.col);
  sbx__free(dw.x);
  sbx__free(dw.unit);
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory in the driver analysis");
  return 0;
}

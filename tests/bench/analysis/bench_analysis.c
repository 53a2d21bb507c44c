/* Benchmark (not a test): 1 000 000 respondents × 35 items (7 scales × 5, 7 points,
 * reverse keys, 3 % missing) in 300 leaf units under 40 förvaltningar, generated in
 * memory; times the stats steps (scores, reliability, agreement, comparisons) and the
 * whole sbx_analyse(). With --csv PATH it also writes the data for bench.R.
 * Usage: bench_analysis [--respondents N] [--csv PATH] [--repeat R] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sixbox/analysis.h>
#include "analysis/results.h"
#include "surveys/util.h"

#define NSCALE 7
#define NITEM 5
#define NFORV 40
#define NLEAF 300

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void) { /* xorshift64*: fixed seed, same data every run */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}
static double unif(void) { return (double)(rng() >> 11) / 9007199254740992.0; }
static double gauss(void) {
  double u = unif(), v = unif();
  return sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

static const char *scale_id[NSCALE] = { "purposes", "structure", "relationships", "rewards",
                                        "leadership", "helpful-mechanisms", "change" };

static sbx_survey *make_survey(void) {
  sbx_survey *s = calloc(1, sizeof *s);
  s->id = sbx__strdup("bench");
  s->min_item_share_pct = 60;
  s->outcome = SBX_NONE;
  s->nscale = s->nanswer_scale = NSCALE;
  s->nitem = NSCALE * NITEM;
  s->scale = calloc(NSCALE, sizeof *s->scale);
  s->answer_scale = calloc(NSCALE, sizeof *s->answer_scale);
  s->item = calloc(s->nitem, sizeof *s->item);
  for (size_t k = 0; k < NSCALE; k++) {
    sbx_answer_scale *as = &s->answer_scale[k];
    as->id = sbx__strdup(scale_id[k]);
    as->min = 1, as->max = 7, as->cutoff = 4;
    as->favourable = k == 6 ? 3 : 5;
    as->direction = k == 6 ? SBX_LOW_IS_GOOD : SBX_HIGH_IS_GOOD;
    as->npoint = 7;
    as->point = calloc(7, sizeof *as->point);
    for (int p = 0; p < 7; p++) as->point[p].value = p + 1;
    sbx_scale *sc = &s->scale[k];
    sc->id = sbx__strdup(scale_id[k]);
    sc->kind = k == 6 ? SBX_SCALE_EXTRA : SBX_SCALE_BOX;
    sc->box = k == 6 ? SBX_BOX_NONE : (sbx_box)k;
    sc->nitem = NITEM;
    sc->item = calloc(NITEM, sizeof *sc->item);
    for (size_t i = 0; i < NITEM; i++) {
      size_t it = k * NITEM + i;
      sc->item[i] = it;
      s->item[it].id = sbx__asprintf("%.3s%zu", scale_id[k], i + 1);
      s->item[it].scale = s->item[it].answer_scale = k;
      s->item[it].reverse = i == 2 || i == 4;
    }
  }
  return s;
}

static sbx_org *make_org(void) {
  sbx_org *o = calloc(1, sizeof *o);
  o->id = sbx__strdup("bench-kommun");
  o->nunit = 1 + NFORV + NLEAF;
  o->unit = calloc(o->nunit, sizeof *o->unit);
  o->unit[0].id = sbx__strdup("kommun");
  o->unit[0].parent = SBX_NONE;
  size_t u = 1;
  for (size_t f = 0; f < NFORV; f++) { /* pre-order: each förvaltning, then its leaves */
    size_t fu = u++;
    o->unit[fu].id = sbx__asprintf("forv-%zu", f);
    o->unit[fu].parent = 0;
    o->unit[fu].depth = 1;
    size_t nleaf = NLEAF / NFORV + (f < NLEAF % NFORV);
    for (size_t l = 0; l < nleaf; l++, u++) {
      o->unit[u].id = sbx__asprintf("enhet-%zu-%zu", f, l);
      o->unit[u].parent = fu;
      o->unit[u].depth = 2;
    }
  }
  return o;
}

static sbx_responses *make_responses(const sbx_org *o, size_t n) {
  sbx_responses *r;
  uint32_t src;
  if (sbx__responses_new(&r, NSCALE * NITEM) ||
      sbx__responses_add_source(r, "generated", "bench", &src))
    return NULL;
  uint32_t leaf[NLEAF];
  double shift[NLEAF][NSCALE];
  for (size_t u = 1, l = 0; u < o->nunit; u++)
    if (o->unit[u].depth == 2) leaf[l++] = (uint32_t)u;
  for (size_t l = 0; l < NLEAF; l++)
    for (size_t k = 0; k < NSCALE; k++) shift[l][k] = 0.5 * gauss();
  int8_t row[NSCALE * NITEM];
  for (size_t i = 0; i < n; i++) {
    size_t l = rng() % NLEAF;
    for (size_t k = 0; k < NSCALE; k++) {
      double f = gauss();
      for (size_t j = 0; j < NITEM; j++) {
        double x = floor(4.3 + shift[l][k] + 0.9 * f + 0.9 * gauss() + 0.5);
        x = x < 1 ? 1 : x > 7 ? 7 : x;
        if (j == 2 || j == 4) x = 8 - x;
        row[k * NITEM + j] = unif() < 0.03 ? SBX_MISSING : (int8_t)x;
      }
    }
    if (sbx__responses_add(r, row, leaf[l], src, (uint32_t)(i + 2), NULL)) return NULL;
  }
  return r;
}

static int write_csv(const char *path, const sbx_survey *s, const sbx_org *o,
                     const sbx_responses *r) {
  FILE *fp = fopen(path, "w");
  if (!fp) return -1;
  fputs("unit,forv", fp);
  for (size_t i = 0; i < s->nitem; i++) fprintf(fp, ",%s", s->item[i].id);
  fputc('\n', fp);
  for (size_t i = 0; i < r->n; i++) {
    const sbx_unit *u = &o->unit[r->unit[i]];
    fprintf(fp, "%s,%s", u->id, o->unit[u->parent].id);
    const int8_t *v = sbx__responses_row(r, i);
    for (size_t j = 0; j < s->nitem; j++)
      v[j] == SBX_MISSING ? fputs(",", fp) : fprintf(fp, ",%d", v[j]);
    fputc('\n', fp);
  }
  return fclose(fp);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
/* CPU time of the process: the machine is shared, so wall time alone can mislead. */
static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The stats steps alone, on a results structure laid out as sbx_analyse() does. */
static double time_stats(const sbx_survey *s, const sbx_org *o, const sbx_responses *r,
                         sbx_ctx *ctx, sbx_results **keep, double *cpu_s) {
  sbx_results *res = calloc(1, sizeof *res);
  sbx_analysis_opts opts = SBX_ANALYSIS_OPTS_INIT;
  sbx__analysis_opts_resolve(&opts);
  res->survey = s, res->org = o, res->resp = r, res->opts = opts;
  res->nscale = s->nscale, res->nunit = o->nunit;
  res->scale = calloc(res->nscale, sizeof *res->scale);
  res->unit = calloc(res->nunit, sizeof *res->unit);
  for (size_t u = 0; u < res->nunit; u++) {
    res->unit[u].cell = calloc(res->nscale, sizeof *res->unit[u].cell);
    for (size_t k = 0; k < res->nscale; k++) {
      sbx_cell *c = &res->unit[u].cell[k];
      c->p = c->p_adj = c->t = c->df = c->g = c->rest_mean = c->diff = NAN;
    }
  }
  double t0 = now(), c0 = cpu();
  int rc = sbx__score(res, ctx);
  if (!rc) rc = sbx__compare(res, ctx);
  double t = now() - t0;
  *cpu_s = cpu() - c0;
  if (rc) {
    fprintf(stderr, "stats failed: %d\n", rc);
    exit(1);
  }
  *keep = res;
  return t;
}

int main(int argc, char **argv) {
  size_t n = 1000000;
  int reps = 3;
  const char *csv = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--respondents") && i + 1 < argc) n = strtoul(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--csv") && i + 1 < argc) csv = argv[++i];
    else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) reps = atoi(argv[++i]);
    else {
      fprintf(stderr, "usage: %s [--respondents N] [--csv PATH] [--repeat R]\n", argv[0]);
      return 64;
    }
  }
  sbx_global_init();
  sbx_survey *s = make_survey();
  sbx_org *o = make_org();
  double t0 = now();
  sbx_responses *r = make_responses(o, n);
  if (!r) return 1;
  printf("generated %zu respondents x %zu items, %zu units in %.2f s\n", r->n, s->nitem,
         o->nunit, now() - t0);
  if (csv && write_csv(csv, s, o, r)) {
    perror(csv);
    return 1;
  }
  sbx_ctx *ctx = sbx_ctx_new();
  double best = INFINITY, best_cpu = INFINITY;
  for (int k = 0; k < reps; k++) {
    sbx_results *res;
    double c;
    double t = time_stats(s, o, r, ctx, &res, &c);
    if (t < best) best = t;
    if (c < best_cpu) best_cpu = c;
    printf("stats (score + reliability + agreement + compare): %.3f s wall, %.3f s CPU\n", t, c);
    for (size_t sc = 0; k == reps - 1 && sc < res->nscale; sc++)
      printf("  %-20s mean %.6f alpha %.6f omega %.6f icc1 %.6f icc2 %.6f\n", scale_id[sc],
             res->unit[0].cell[sc].mean, res->scale[sc].rel.alpha, res->scale[sc].rel.omega,
             res->scale[sc].icc1, res->scale[sc].icc2);
    sbx_results_free(res);
  }
  printf("best stats time: %.3f s wall, %.3f s CPU\n", best, best_cpu);
  sbx_analysis_opts opts = SBX_ANALYSIS_OPTS_INIT;
  sbx_results *all;
  t0 = now();
  double c0 = cpu();
  int rc = sbx_analyse(&all, s, o, r, &opts, ctx);
  printf("whole sbx_analyse (with suppression, drivers, goals): %.3f s wall, %.3f s CPU "
         "(rc %d)\n", now() - t0, cpu() - c0, rc);
  sbx_results_free(all);
  sbx_ctx_free(ctx);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
  return 0;
}

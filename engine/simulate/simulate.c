/* Drawing synthetic responses. Each respondent's true score on a scale is an
 * organisation effect + the effects of the units above them + a general and a
 * scale-specific person effect (+ a planted shift); each answer adds an item offset and
 * noise, is rounded to the answer scale and reversed for reverse-keyed items. Works in
 * good-is-high points; GSL's Mersenne Twister makes it deterministic for a seed. */
#include "engine/simulate/sim.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_HEADCOUNT 20
#define SURVEY_START_DAY 20514 /* 2026-03-02, days since 1970-01-01 */

typedef struct draw {
  const sbx_survey *s;
  const sbx_org *o;
  const sbx_simulate_opts *opts;
  gsl_rng *rng;
  size_t *leaf, nleaf;
  double *base;       /* per scale: organisation level, good-is-high points */
  double *leaf_eff;   /* nleaf × nscale: unit effects + planted shifts */
  double *item_off;   /* per item */
  sbx__lang *msgs;    /* the survey's first language: the comments' language */
} draw;

static double span(const sbx_answer_scale *a) { return (a->max - a->min) / 6.0; }

static const sbx_answer_scale *scale_answers(const sbx_survey *s, size_t sc) {
  if (s->scale[sc].nitem == 0) return NULL;
  return &s->answer_scale[s->item[s->scale[sc].item[0]].answer_scale];
}

/* The cut-off in good-is-high points. */
static double gh_cutoff(const sbx_answer_scale *a) {
  return a->direction == SBX_HIGH_IS_GOOD ? a->cutoff : a->min + a->max - a->cutoff;
}

int sbx_sim_weak_parse(sbx_sim_weak *w, char *buf, size_t size, const char *spec,
                       sbx_ctx *ctx) {
  size_t len = strlen(spec);
  if (len + 1 > size)
    return sbx__error(ctx, SBX_EUSAGE, "--weak", 0, spec, "specification too long");
  memcpy(buf, spec, len + 1);
  char *c1 = strchr(buf, ':');
  if (!c1 || c1 == buf || !c1[1])
    return sbx__error(ctx, SBX_EUSAGE, "--weak", 0, spec,
                      "expected UNIT:BOX or UNIT:BOX:SHIFT, e.g. soc:leadership:-1.5");
  *c1 = '\0';
  w->unit = buf;
  w->scale = c1 + 1;
  w->shift = SBX_SIM_DEFAULT_SHIFT;
  char *c2 = strchr(c1 + 1, ':');
  if (c2) {
    *c2 = '\0';
    char *end;
    w->shift = strtod(c2 + 1, &end);
    if (end == c2 + 1 || *end || !isfinite(w->shift) || fabs(w->shift) > 100)
      return sbx__error(ctx, SBX_EUSAGE, "--weak", 0, spec,
                        "SHIFT must be a number of points, e.g. -1.5");
  }
  if (!w->scale[0])
    return sbx__error(ctx, SBX_EUSAGE, "--weak", 0, spec, "the box is missing");
  return 0;
}

static int check_weak(const sbx_survey *s, const sbx_org *o, const sbx_simulate_opts *opts,
                      sbx_ctx *ctx) {
  for (size_t k = 0; k < opts->nweak; k++) {
    const sbx_sim_weak *w = &opts->weak[k];
    if (!w->unit || sbx__org_find_unit(o, w->unit) == SBX_NONE)
      return sbx__error(ctx, SBX_EUSAGE, "--weak", 0, w->unit,
                        "no such unit in %s; 'sixbox show' lists the unit ids",
                        o->source ? o->source : "the organisation");
    if (!w->scale || sbx__survey_find_scale(s, w->scale) == SBX_NONE)
      return sbx__error(ctx, SBX_EUSAGE, "--weak", 0, w->scale,
                        "no such box or scale in %s; use a box id such as leadership",
                        s->source ? s->source : "the survey");
  }
  return 0;
}

/* Organisation levels, unit effects (summed down the tree), shifts, item offsets. */
static int draw_effects(draw *d) {
  const sbx_survey *s = d->s;
  const sbx_org *o = d->o;
  size_t ns = s->nscale;
  double *unit_eff = sbx__calloc(o->nunit * (ns ? ns : 1), sizeof *unit_eff);
  d->base = sbx__calloc(ns ? ns : 1, sizeof *d->base);
  d->leaf_eff = sbx__calloc(d->nleaf * (ns ? ns : 1), sizeof *d->leaf_eff);
  d->item_off = sbx__calloc(s->nitem ? s->nitem : 1, sizeof *d->item_off);
  if (!unit_eff || !d->base || !d->leaf_eff || !d->item_off) {
    sbx__free(unit_eff);
    return SBX_ENOMEM;
  }
  for (size_t sc = 0; sc < ns; sc++) {
    const sbx_answer_scale *a = scale_answers(s, sc);
    if (!a) continue;
    d->base[sc] = gh_cutoff(a) + (0.6 + gsl_ran_gaussian(d->rng, 0.3)) * span(a);
  }
  for (size_t u = 0; u < o->nunit; u++)
    for (size_t sc = 0; sc < ns; sc++) {
      const sbx_answer_scale *a = scale_answers(s, sc);
      unit_eff[u * ns + sc] = a && o->unit[u].depth > 0
                                  ? gsl_ran_gaussian(d->rng, 0.22) * span(a) : 0.0;
    }
  for (size_t l = 0; l < d->nleaf; l++)
    for (size_t u = d->leaf[l]; u != SBX_NONE && u < o->nunit; u = o->unit[u].parent) {
      for (size_t sc = 0; sc < ns; sc++) d->leaf_eff[l * ns + sc] += unit_eff[u * ns + sc];
      for (size_t k = 0; k < d->opts->nweak; k++) {
        const sbx_sim_weak *w = &d->opts->weak[k];
        if (strcmp(o->unit[u].id, w->unit) != 0) continue;
        size_t sc = sbx__survey_find_scale(s, w->scale);
        const sbx_answer_scale *a = scale_answers(s, sc);
        if (a) d->leaf_eff[l * ns + sc] += w->shift;
      }
    }
  sbx__free(unit_eff);
  for (size_t j = 0; j < s->nitem; j++)
    d->item_off[j] = gsl_ran_gaussian(d->rng, 0.25) * span(&s->answer_scale[s->item[j].answer_scale]);
  return 0;
}

/* How many respond in each leaf: a response rate of 70–85 % of the headcount, or the
 * requested total spread in proportion to headcount × rate. */
static int draw_counts(draw *d, unsigned int *count) {
  double *p = sbx__malloc(d->nleaf * sizeof *p);
  if (!p) return SBX_ENOMEM;
  for (size_t l = 0; l < d->nleaf; l++) {
    long hc = d->o->unit[d->leaf[l]].headcount;
    if (hc < 0) hc = DEFAULT_HEADCOUNT;
    double rate = 0.70 + 0.15 * gsl_rng_uniform(d->rng);
    p[l] = (double)hc * rate;
    if (d->opts->respondents <= 0)
      count[l] = hc > 0 ? gsl_ran_binomial(d->rng, rate, (unsigned int)hc) : 0;
  }
  if (d->opts->respondents > 0) {
    double sum = 0;
    for (size_t l = 0; l < d->nleaf; l++) sum += p[l];
    if (sum <= 0)
      for (size_t l = 0; l < d->nleaf; l++) p[l] = 1.0;
    gsl_ran_multinomial(d->rng, d->nleaf, (unsigned int)d->opts->respondents, p, count);
  }
  sbx__free(p);
  return 0;
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* Start times over two weeks of working days, 07:00–17:00, in ascending order. */
static void draw_times(draw *d, sbx_simulation *sim, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned long day = gsl_rng_uniform_int(d->rng, 10);
    day += 2 * (day / 5); /* skip the weekend */
    int64_t t = ((int64_t)SURVEY_START_DAY + (int64_t)day) * 86400 + 7 * 3600 +
                (int64_t)gsl_rng_uniform_int(d->rng, 10 * 3600);
    sim->start[i] = t;
  }
  qsort(sim->start, n, sizeof *sim->start, cmp_i64);
  for (size_t i = 0; i < n; i++) {
    sim->duration[i] = 240 + (int32_t)gsl_rng_uniform_int(d->rng, 1200);
    sim->token[i] = ((uint64_t)gsl_rng_get(d->rng) << 32) ^ gsl_rng_get(d->rng);
  }
}

/* The point of a nearest to x (good-is-high points), as the value chosen. */
static int to_point(const sbx_answer_scale *a, double gh) {
  double raw = a->direction == SBX_HIGH_IS_GOOD ? gh : a->min + a->max - gh;
  int best = a->npoint ? a->point[0].value : a->min;
  double bd = INFINITY;
  for (size_t k = 0; k < a->npoint; k++) {
    double dist = fabs(raw - a->point[k].value);
    if (dist < bd) {
      bd = dist;
      best = a->point[k].value;
    }
  }
  return best;
}

/* A share option: 0 = the default, SBX_OPT_NONE (any negative) = none. */
static double share(double v, double dflt) { return v == 0 ? dflt : v < 0 ? 0 : v; }

/* One respondent in leaf l: values (before reverse keying), don't-know flags; returns
 * the respondent's mean true score relative to the cut-off (for the comments' tone). */
static double draw_person(draw *d, size_t l, int8_t *val, uint8_t *dk) {
  const sbx_survey *s = d->s;
  size_t ns = s->nscale;
  double general = gsl_ran_gaussian(d->rng, 0.5), tone = 0;
  double miss = share(d->opts->missing, 0.015);
  double dkr = share(d->opts->dont_know, 0.01);
  for (size_t sc = 0; sc < ns; sc++) {
    const sbx_answer_scale *a = scale_answers(s, sc);
    if (!a) continue;
    double theta = d->base[sc] + d->leaf_eff[l * ns + sc] +
                   (general + gsl_ran_gaussian(d->rng, 0.45)) * span(a);
    tone += (theta - gh_cutoff(a)) / (double)ns;
    for (size_t k = 0; k < s->scale[sc].nitem; k++) {
      size_t j = s->scale[sc].item[k];
      const sbx_answer_scale *ia = &s->answer_scale[s->item[j].answer_scale];
      double x = theta + d->item_off[j] + gsl_ran_gaussian(d->rng, 0.75) * span(ia);
      double u = gsl_rng_uniform(d->rng);
      int v = to_point(ia, x);
      if (s->item[j].reverse) v = ia->min + ia->max - v;
      if (u < miss) {
        val[j] = SBX_MISSING;
      } else if (ia->has_dont_know && u < miss + dkr) {
        val[j] = SBX_MISSING;
        dk[j] = 1;
      } else {
        val[j] = (int8_t)v;
      }
    }
  }
  return tone;
}

static int draw_comments(draw *d, sbx_simulation *sim, size_t row, double tone) {
  const sbx_survey *s = d->s;
  double rate = share(d->opts->comment_rate, 0.25);
  for (size_t q = 0; q < s->nfree_text; q++) {
    if (gsl_rng_uniform(d->rng) >= rate) continue;
    int critical = tone + gsl_ran_gaussian(d->rng, 0.5) < 0;
    size_t n = sbx__sim_comment_count(d->msgs, critical);
    if (n == 0) continue;
    const char *text = sbx__sim_comment(d->msgs, critical, gsl_rng_uniform_int(d->rng, n));
    int rc = sbx__responses_add_comment(sim->r, (uint32_t)row, (uint32_t)q, text);
    if (rc) return rc;
  }
  return 0;
}

/* The gender question, where the survey has one: about as in municipal staff (mostly
 * women), a few giving another option. Drawn only for such surveys, so the others'
 * random streams are unchanged. */
static int8_t draw_gender(draw *d) {
  const sbx_survey *s = d->s;
  const sbx_answer_scale *a = &s->answer_scale[s->item[s->gender_item].answer_scale];
  double u = gsl_rng_uniform(d->rng);
  int other = s->gender_k;
  for (size_t k = 0; k < a->npoint; k++)
    if (a->point[k].value != s->gender_k && a->point[k].value != s->gender_m)
      other = a->point[k].value;
  return (int8_t)(u < 0.70 ? s->gender_k : u < 0.97 ? s->gender_m : other);
}

/* Respondents in leaf order, then shuffled so that units interleave over time. */
static int draw_rows(draw *d, sbx_simulation *sim, const unsigned int *count, size_t n) {
  const sbx_survey *s = d->s;
  size_t *who = sbx__malloc((n ? n : 1) * sizeof *who);
  int8_t *val = sbx__malloc(s->nitem ? s->nitem : 1);
  if (!who || !val) {
    sbx__free(who);
    sbx__free(val);
    return SBX_ENOMEM;
  }
  size_t k = 0;
  for (size_t l = 0; l < d->nleaf; l++)
    for (unsigned int c = 0; c < count[l]; c++) who[k++] = l;
  if (n > 1) gsl_ran_shuffle(d->rng, who, n, sizeof *who);
  draw_times(d, sim, n);
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    memset(val, (unsigned char)SBX_MISSING, s->nitem);
    double tone = draw_person(d, who[i], val, sim->dk + i * s->nitem);
    if (s->has_gender) val[s->gender_item] = draw_gender(d);
    rc = sbx__responses_add(sim->r, val, (uint32_t)d->leaf[who[i]], 0, (uint32_t)(i + 2),
                            NULL);
    if (rc == 0) rc = draw_comments(d, sim, i, tone);
  }
  sbx__free(who);
  sbx__free(val);
  return rc;
}

static int sim_alloc(sbx_simulation *sim, size_t n, size_t nitem) {
  size_t m = n ? n : 1;
  sim->dk = sbx__calloc(m * (nitem ? nitem : 1), 1);
  sim->start = sbx__calloc(m, sizeof *sim->start);
  sim->duration = sbx__calloc(m, sizeof *sim->duration);
  sim->token = sbx__calloc(m, sizeof *sim->token);
  if (!sim->dk || !sim->start || !sim->duration || !sim->token) return SBX_ENOMEM;
  uint32_t src;
  int rc = sbx__responses_new(&sim->r, nitem);
  if (rc == 0) rc = sbx__responses_add_source(sim->r, "simulate", "simulate", &src);
  return rc;
}

int sbx_simulate_opts_init(sbx_simulate_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_SIMULATE_OPTS_VERSION);
}

int sbx_simulate(sbx_simulation **out, const sbx_survey *s, const sbx_org *org,
                 const sbx_simulate_opts *opts, sbx_ctx *ctx) {
  sbx__gsl_init();
  sbx_simulate_opts defaults = SBX_SIMULATE_OPTS_INIT;
  if (!opts) opts = &defaults;
  *out = NULL;
  if (sbx__opts_check(opts, SBX_SIMULATE_OPTS_VERSION, "sbx_simulate_opts", ctx))
    return SBX_EUSAGE;
  if (!s || !org)
    return sbx__error(ctx, SBX_EUSAGE, "simulate", 0, NULL,
                      "a survey and an organisation are both needed");
  if (opts->respondents > 1000000L)
    return sbx__error(ctx, SBX_ELIMIT, "simulate", 0, NULL,
                      "at most 1000000 respondents, %ld asked", opts->respondents);
  int rc = check_weak(s, org, opts, ctx);
  if (rc) return rc;
  draw d = { s, org, opts, NULL, NULL, 0, NULL, NULL, NULL, NULL };
  sbx_simulation *sim = sbx__calloc(1, sizeof *sim);
  unsigned int *count = NULL;
  d.rng = gsl_rng_alloc(gsl_rng_mt19937);
  rc = sim && d.rng ? sbx__qn_leaf_units(org, &d.leaf, &d.nleaf) : SBX_ENOMEM;
  if (rc == 0) rc = sbx__lang_load_or_fallback(&d.msgs, sbx__qn_lang(s, NULL), ctx);
  if (rc) goto cleanup;
  sim->seed = opts->seed ? opts->seed : 1;
  gsl_rng_set(d.rng, sim->seed);
  sim->s = s;
  sim->org = org;
  count = sbx__calloc(d.nleaf ? d.nleaf : 1, sizeof *count);
  rc = count ? draw_effects(&d) : SBX_ENOMEM;
  if (rc == 0) rc = draw_counts(&d, count);
  if (rc) goto cleanup;
  size_t n = 0;
  for (size_t l = 0; l < d.nleaf; l++) n += count[l];
  rc = sim_alloc(sim, n, s->nitem);
  if (rc == 0) rc = draw_rows(&d, sim, count, n);
cleanup:
  if (rc == SBX_ENOMEM) sbx__error(ctx, rc, "simulate", 0, NULL, "out of memory");
  if (rc) sbx_simulation_free(sim);
  else *out = sim;
  gsl_rng_free(d.rng);
  sbx__free(d.leaf);
  sbx__free(d.base);
  sbx__free(d.leaf_eff);
  sbx__free(d.item_off);
  sbx__lang_free(d.msgs);
  sbx__free(count);
  return rc;
}

void sbx_simulation_free(sbx_simulation *sim) {
  if (!sim) return;
  sbx__responses_free(sim->r);
  sbx__free(sim->dk);
  sbx__free(sim->start);
  sbx__free(sim->duration);
  sbx__free(sim->token);
  sbx__free(sim);
}

const sbx_responses *sbx_simulation_responses(const sbx_simulation *sim) {
  return sim ? sim->r : NULL;
}

const char *sbx__sim_answer_label(const sbx_simulation *sim, size_t i, size_t j,
                                  const char *lang, char *buf, size_t size) {
  const sbx_survey *s = sim->s;
  const sbx_answer_scale *a = &s->answer_scale[s->item[j].answer_scale];
  if (sim->dk[i * s->nitem + j]) return sbx__qn_dont_know_label(a, lang, sim->msgs);
  int v = sbx__responses_row(sim->r, i)[j];
  if (v == SBX_MISSING) return "";
  for (size_t k = 0; k < a->npoint; k++)
    if (a->point[k].value == v) return sbx__qn_point_label(a, k, lang, buf, size);
  snprintf(buf, size, "%d", v);
  return buf;
}

/* Comments are added in row order, so a binary search finds a row's first one. */
const char *sbx__sim_comment_of(const sbx_simulation *sim, size_t row, size_t q) {
  const sbx_responses *r = sim->r;
  size_t lo = 0, hi = r->ncomment;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (r->comment[mid].row < row) lo = mid + 1;
    else hi = mid;
  }
  for (size_t k = lo; k < r->ncomment && r->comment[k].row == row; k++)
    if (r->comment[k].question == q) return r->arena + r->comment[k].text;
  return NULL;
}

/* sbx_analyse(): allocates the result structure and runs the steps in their order:
 * scoring, suppression, comparisons, drivers, goal linkage. Suppression runs before
 * anything that could carry a small group's figures further. */
#include "analysis/results.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *sbx__status_id(sbx_status s) {
  switch (s) {
  case SBX_STATUS_WEAK: return "weak";
  case SBX_STATUS_WATCH: return "watch";
  case SBX_STATUS_OK: return "ok";
  case SBX_STATUS_STRENGTH: return "strength";
  default: return NULL;
  }
}

const char *sbx__goal_status_id(sbx_goal_status s) {
  switch (s) {
  case SBX_GOAL_ON_TRACK: return "on-track";
  case SBX_GOAL_WATCH: return "watch";
  case SBX_GOAL_AT_RISK: return "at-risk";
  default: return "unknown";
  }
}

int sbx_analysis_opts_init(sbx_analysis_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_ANALYSIS_OPTS_VERSION);
}

void sbx__analysis_opts_resolve(sbx_analysis_opts *o) {
  if (o->min_group == 0) o->min_group = SBX_MIN_GROUP_DEFAULT;
  if (o->min_comment_group == 0) o->min_comment_group = SBX_MIN_COMMENT_GROUP_DEFAULT;
  if (o->min_comment_group < o->min_group) o->min_comment_group = o->min_group;
  if (o->level == 0) o->level = SBX_LEVEL_DEFAULT;
  if (o->seed == 0) o->seed = SBX_SEED_DEFAULT;
  if (o->bootstrap == 0) o->bootstrap = SBX_BOOTSTRAP_DEFAULT;
  if (o->bootstrap < 0) o->bootstrap = 0;
}

void sbx__results_sum_sources(sbx_results *res, const sbx_responses *r) {
  for (size_t i = 0; i < r->nsrc; i++) {
    res->read += r->src[i].read;
    res->accepted += r->src[i].accepted;
    res->rejected += r->src[i].rejected;
    res->duplicates += r->src[i].duplicates;
  }
}

static void rel_free(sbx_reliability *r) {
  sbx__free(r->r_drop);
  sbx__free(r->alpha_if_deleted);
  r->r_drop = r->alpha_if_deleted = NULL;
}

void sbx__cell_clear(sbx_cell *c) {
  sbx__free(c->score_hist);
  sbx__free(c->item_hist);
  sbx__free(c->item_n);
  sbx__free(c->item_mean);
  sbx__free(c->band_hist);
  c->score_hist = c->item_hist = c->item_n = c->band_hist = NULL;
  c->item_mean = NULL;
}

void sbx__cell_reset(sbx_cell *c) {
  memset(c, 0, sizeof *c);
#define SBX__NAN_FIELD(name) c->name = NAN;
  SBX_CELL_STATS(SBX__NAN_FIELD)
#undef SBX__NAN_FIELD
}

void sbx__rel_reset(sbx_reliability *r) {
  memset(r, 0, sizeof *r);
#define SBX__NAN_FIELD(name) r->name = NAN;
  SBX_REL_STATS(SBX__NAN_FIELD)
#undef SBX__NAN_FIELD
}

void sbx__unit_reset(sbx_unit_result *ur, size_t u) {
  memset(ur, 0, sizeof *ur);
  ur->unit = u;
  ur->headcount = -1;
  sbx__unit_hide_stats(ur, 0);
}

void sbx__unit_hide_stats(sbx_unit_result *ur, int box_only) {
#define SBX__NAN_FIELD(name) ur->name = NAN;
  if (box_only) {
    SBX_UNIT_BOX_STATS(SBX__NAN_FIELD)
  } else {
    SBX_UNIT_STATS(SBX__NAN_FIELD)
  }
#undef SBX__NAN_FIELD
}

void sbx_results_free(sbx_results *res) {
  if (!res) return;
  for (size_t s = 0; s < res->nscale && res->scale; s++) rel_free(&res->scale[s].rel);
  sbx__free(res->scale);
  for (size_t u = 0; u < res->nunit && res->unit; u++) {
    sbx_unit_result *ur = &res->unit[u];
    for (size_t s = 0; ur->cell && s < res->nscale; s++) sbx__cell_clear(&ur->cell[s]);
    sbx__free(ur->cell);
    for (size_t s = 0; ur->rel && s < res->nscale; s++) rel_free(&ur->rel[s]);
    sbx__free(ur->rel);
  }
  sbx__free(res->unit);
  sbx__free(res->supp);
  for (size_t g = 0; g < res->ngoal && res->goal; g++) sbx__free(res->goal[g].ev);
  sbx__free(res->goal);
  for (size_t d = 0; d < res->ndrivers && res->drivers; d++) sbx__free(res->drivers[d].w);
  sbx__free(res->drivers);
  sbx__free(res->action);
  for (size_t c = 0; c < res->ncomment && res->comment; c++) sbx__free(res->comment[c].text);
  sbx__free(res->comment);
  sbx__free(res->base_cmp);
  sbx__free(res->dont_know);
  sbx__hme_free(res->hme);
  for (size_t g = 0; res->gind && g < res->ngoal; g++) sbx__free(res->gind[g].ind);
  sbx__free(res->gind);
  sbx__free(res);
}

void sbx__baseline_free(sbx_baseline *b) {
  if (!b) return;
  for (size_t i = 0; i < b->ncell; i++) {
    sbx__free(b->cell[i].unit);
    sbx__free(b->cell[i].scale);
  }
  sbx__free(b->cell);
  for (size_t i = 0; i < b->ngoal; i++) sbx__free(b->goal[i].goal);
  sbx__free(b->goal);
  for (size_t i = 0; i < b->nscale; i++) {
    sbx__free(b->scale[i].id);
    sbx__free(b->scale[i].fingerprint);
    sbx__free(b->scale[i].items);
  }
  sbx__free(b->scale);
  char *str[] = { b->source, b->org_id, b->survey_id, b->survey_version,
                  b->wave_id, b->wave_name, b->wave_date };
  for (size_t i = 0; i < sizeof str / sizeof str[0]; i++) sbx__free(str[i]);
  sbx__free(b);
}

static void trend_wave_free(sbx_trend_wave *w) {
  sbx__free(w->id);
  sbx__free(w->name);
  sbx__free(w->date);
  sbx__free(w->survey_id);
  sbx__free(w->survey_version);
}

void sbx__trend_free(sbx_trend *t) {
  if (!t) return;
  trend_wave_free(&t->cur);
  for (size_t i = 0; i < t->nwave && t->wave; i++) trend_wave_free(&t->wave[i]);
  sbx__free(t->wave);
  sbx__free(t->pt);
  sbx__free(t->cmp);
  sbx__free(t->goal);
  sbx__free(t->goal_has);
  for (size_t i = 0; i < t->nfu && t->fu; i++) {
    sbx__free(t->fu[i].goal);
    sbx__free(t->fu[i].step);
    sbx__free(t->fu[i].owner);
    sbx__free(t->fu[i].deadline);
  }
  sbx__free(t->fu);
  sbx__free(t->plan_source);
  sbx__free(t);
}

static int results_alloc(sbx_results *res, sbx_ctx *ctx) {
  const sbx_survey *s = res->survey;
  res->nscale = s->nscale;
  res->nunit = res->org ? res->org->nunit : 1;
  res->scale = sbx__calloc(res->nscale ? res->nscale : 1, sizeof *res->scale);
  res->unit = sbx__calloc(res->nunit, sizeof *res->unit);
  if (!res->scale || !res->unit) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t i = 0; i < res->nscale; i++) {
    res->scale[i].scale = i;
    res->scale[i].icc1 = res->scale[i].icc2 = NAN;
  }
  for (size_t u = 0; u < res->nunit; u++) {
    sbx_unit_result *ur = &res->unit[u];
    sbx__unit_reset(ur, u);
    ur->cell = sbx__calloc(res->nscale ? res->nscale : 1, sizeof *ur->cell);
    if (!ur->cell) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    for (size_t k = 0; k < res->nscale; k++) sbx__cell_reset(&ur->cell[k]);
  }
  return 0;
}

int sbx_analyse(sbx_results **out, const sbx_survey *s, const sbx_org *org,
                const sbx_responses *r, const sbx_analysis_opts *opts, sbx_ctx *ctx) {
  *out = NULL;
  sbx__gsl_init();
  if (!s || !r || r->nitem != s->nitem)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "the responses do not belong to this survey");
  int rc = sbx__opts_check(opts, SBX_ANALYSIS_OPTS_VERSION, "sbx_analysis_opts", ctx);
  if (rc) return rc;
  sbx_analysis_opts o = SBX_ANALYSIS_OPTS_INIT;
  if (opts) o = *opts;
  if (sbx__check_min_group(o.min_group, NULL, ctx)) return SBX_EUSAGE;
  if (o.level != 0 && !(o.level > 0 && o.level < 1))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "the confidence level is %g; it must lie between 0 and 1", o.level);
  sbx__analysis_opts_resolve(&o);
  sbx_results *res = sbx__calloc(1, sizeof *res);
  if (!res) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  res->survey = s;
  res->org = org;
  res->resp = r;
  res->opts = o;
  sbx__results_sum_sources(res, r);
  rc = results_alloc(res, ctx);
  if (!rc) rc = sbx__score(res, ctx);
  if (!rc) rc = sbx__suppress(res, ctx);
  if (!rc) rc = sbx__hme(res, ctx);
  if (!rc) rc = sbx__rates(res, ctx);
  if (!rc) rc = sbx__compare(res, ctx);
  if (!rc) rc = sbx__drivers(res, ctx);
  if (!rc) rc = sbx__goals(res, ctx);
  res->resp = NULL;
  if (rc) {
    sbx_results_free(res);
    return rc;
  }
  *out = res;
  return 0;
}

/* Hand-built results for the suppression tests: a unit tree (pre-order, ids u0, u1,
 * ...), per-unit respondent counts and per-cell counts and means, as sbx__score would
 * leave them, so that each rule can be tested without a survey file. */
#ifndef TEST_SUPPRESS_FIXTURE_H
#define TEST_SUPPRESS_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/results.h"
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

typedef struct fx {
  sbx_org *org;
  sbx_results *res;
} fx;

static inline void fx_fill_cell(sbx_cell *c, size_t n, double mean) {
  c->n = n;
  c->mean = n ? mean : NAN;
  c->sd = c->median = c->ci_lo = c->ci_hi = n ? mean : NAN;
  c->fav = c->fav_lo = c->fav_hi = c->rwg_j = n ? 0.5 : NAN;
  c->rest_mean = c->diff = c->t = c->df = c->p = c->p_adj = c->g = NAN;
  c->base_mean = c->change = c->change_lo = c->change_hi = c->change_p = NAN;
  c->status = n ? SBX_STATUS_OK : SBX_STATUS_NONE;
  c->has_change = n ? 1 : 0;
  free(c->score_hist);
  c->score_hist = n ? calloc(5, sizeof *c->score_hist) : NULL;
  if (c->score_hist) c->score_hist[2] = n;
}

/* A tree of nunit units (parent[0] = SBX_NONE) with nscale scales, minimum group k. */
static inline fx fx_new(size_t nunit, const size_t *parent, size_t nscale, int k) {
  fx f;
  f.org = calloc(1, sizeof *f.org);
  f.org->id = sbx__strdup("fx");
  f.org->nunit = nunit;
  f.org->unit = calloc(nunit, sizeof *f.org->unit);
  for (size_t u = 0; u < nunit; u++) {
    char id[32];
    snprintf(id, sizeof id, "u%zu", u);
    f.org->unit[u].id = sbx__strdup(id);
    f.org->unit[u].parent = parent[u];
    f.org->unit[u].headcount = -1;
    f.org->unit[u].depth = parent[u] == SBX_NONE ? 0 : f.org->unit[parent[u]].depth + 1;
  }
  sbx_results *r = calloc(1, sizeof *r);
  sbx_analysis_opts o = SBX_ANALYSIS_OPTS_INIT;
  sbx__analysis_opts_resolve(&o);
  o.min_group = k;
  if (o.min_comment_group < k) o.min_comment_group = k;
  r->opts = o;
  r->org = f.org;
  r->nunit = nunit;
  r->nscale = nscale;
  r->scale = calloc(nscale ? nscale : 1, sizeof *r->scale);
  r->unit = calloc(nunit, sizeof *r->unit);
  for (size_t u = 0; u < nunit; u++) {
    r->unit[u].unit = u;
    r->unit[u].cell = calloc(nscale ? nscale : 1, sizeof *r->unit[u].cell);
#define FX_SET_UNIT(name) r->unit[u].name = 0.25;
    SBX_UNIT_STATS(FX_SET_UNIT)
#undef FX_SET_UNIT
    for (size_t s = 0; s < nscale; s++) fx_fill_cell(&r->unit[u].cell[s], 0, NAN);
  }
  f.res = r;
  return f;
}

/* Sets a unit's respondents (n in it and below, n_direct attached to it) and every
 * cell to n with mean `mean`. */
static inline void fx_unit(fx *f, size_t u, size_t n, size_t n_direct, double mean) {
  f->res->unit[u].n = n;
  f->res->unit[u].n_direct = n_direct;
  for (size_t s = 0; s < f->res->nscale; s++) fx_fill_cell(&f->res->unit[u].cell[s], n, mean);
}

/* A bare survey for f: every scale a box scale of J items on one answer scale of np
 * points (enough for the item details; ids s0, s1, ...). */
static inline void fx_survey(fx *f, size_t J, size_t np) {
  sbx_survey *sv = calloc(1, sizeof *sv);
  size_t ns = f->res->nscale;
  sv->nanswer_scale = 1;
  sv->answer_scale = calloc(1, sizeof *sv->answer_scale);
  sv->answer_scale[0].npoint = np;
  sv->answer_scale[0].point = calloc(np, sizeof *sv->answer_scale[0].point);
  sv->nfree_text = 1;
  sv->free_text = calloc(1, sizeof *sv->free_text);
  sv->free_text[0].id = sbx__strdup("other");
  sv->nscale = ns;
  sv->scale = calloc(ns, sizeof *sv->scale);
  sv->nitem = ns * J;
  sv->item = calloc(ns * J, sizeof *sv->item);
  for (size_t s = 0; s < ns; s++) {
    char id[64]; /* room for two full size_t under -Wformat-truncation */
    snprintf(id, sizeof id, "s%zu", s);
    sv->scale[s].id = sbx__strdup(id);
    sv->scale[s].kind = SBX_SCALE_BOX;
    sv->scale[s].nitem = J;
    sv->scale[s].item = calloc(J, sizeof *sv->scale[s].item);
    for (size_t i = 0; i < J; i++) {
      snprintf(id, sizeof id, "s%zu-%zu", s, i + 1);
      sv->scale[s].item[i] = s * J + i;
      sv->item[s * J + i].scale = s;
      sv->item[s * J + i].id = sbx__strdup(id);
    }
  }
  f->res->survey = sv;
}

/* Item details for cell (u, s): item_n from n[], each item's answers all on point 1. */
static inline void fx_items(fx *f, size_t u, size_t s, const size_t *n, size_t J, size_t np) {
  sbx_cell *c = &f->res->unit[u].cell[s];
  c->item_n = calloc(J, sizeof *c->item_n);
  c->item_mean = calloc(J, sizeof *c->item_mean);
  c->item_hist = calloc(J * np, sizeof *c->item_hist);
  for (size_t i = 0; i < J; i++) {
    c->item_n[i] = n[i];
    c->item_mean[i] = n[i] ? 2.0 : NAN;
    c->item_hist[i * np + 1] = n[i];
  }
}

static inline void fx_free(fx *f) {
  sbx_survey *sv = (sbx_survey *)f->res->survey;
  sbx_results_free(f->res);
  sbx_org_free(f->org);
  sbx_survey_free(sv);
}

/* The log entry for (unit, scale), or NULL. */
static inline const sbx_supp_entry *fx_log(const sbx_results *r, size_t u, size_t s) {
  for (size_t i = 0; i < r->nsupp; i++)
    if (r->supp[i].unit == u && r->supp[i].scale == s) return &r->supp[i];
  return NULL;
}

/* Does this unit carry no figure at all? */
/* The name of the first statistic of c (SBX_CELL_STATS, the list the cell's fields are
 * declared from) that holds a figure, NULL when every one is NaN. */
static inline const char *fx_finite_stat(const sbx_cell *c) {
#define FX_FINITE(name) \
  if (!isnan(c->name)) return #name;
  SBX_CELL_STATS(FX_FINITE)
#undef FX_FINITE
  return NULL;
}

static inline int fx_wiped(const sbx_results *r, size_t u) {
  const sbx_unit_result *ur = &r->unit[u];
  if (!ur->suppressed || ur->n || ur->n_direct || ur->rel) return 0;
#define FX_UNIT_FINITE(name) \
  if (!isnan(ur->name)) return 0;
  SBX_UNIT_STATS(FX_UNIT_FINITE)
#undef FX_UNIT_FINITE
  for (size_t s = 0; s < r->nscale; s++) {
    const sbx_cell *c = &ur->cell[s];
    if (!c->suppressed || c->n || c->status != SBX_STATUS_NONE || c->has_change) return 0;
    if (c->score_hist || c->item_hist || c->item_n || c->item_mean || c->band_hist) return 0;
    if (fx_finite_stat(c)) return 0;
  }
  return 1;
}

#endif

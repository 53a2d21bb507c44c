/* Test fixtures, part two: a results structure laid out as sbx_analyse() lays it out,
 * a stand-in for suppression, and the comparison of every row of a reference CSV
 * (kind, unit, scale, field, idx, value) with the figure the stats module computed. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cell_nan(sbx_cell *c) {
  memset(c, 0, sizeof *c);
  double *f[] = { &c->mean, &c->sd, &c->median, &c->ci_lo, &c->ci_hi, &c->fav, &c->fav_lo,
                  &c->fav_hi, &c->rwg_j, &c->rest_mean, &c->diff, &c->t, &c->df, &c->p,
                  &c->p_adj, &c->g, &c->base_mean, &c->change, &c->change_lo,
                  &c->change_hi, &c->change_p };
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) *f[i] = NAN;
}

sbx_results *fx_results_new(const sbx_survey *s, const sbx_org *org, const sbx_responses *r) {
  sbx_results *res = calloc(1, sizeof *res);
  sbx_analysis_opts o = SBX_ANALYSIS_OPTS_INIT;
  sbx__analysis_opts_resolve(&o);
  res->survey = s;
  res->org = org;
  res->resp = r;
  res->opts = o;
  res->nscale = s->nscale;
  res->nunit = org ? org->nunit : 1;
  res->scale = calloc(res->nscale ? res->nscale : 1, sizeof *res->scale);
  res->unit = calloc(res->nunit, sizeof *res->unit);
  for (size_t i = 0; i < res->nscale; i++) {
    res->scale[i].scale = i;
    res->scale[i].icc1 = res->scale[i].icc2 = NAN;
  }
  for (size_t u = 0; u < res->nunit; u++) {
    res->unit[u].unit = u;
    res->unit[u].leadership_gap = res->unit[u].box_spread = NAN;
    res->unit[u].cell = calloc(res->nscale ? res->nscale : 1, sizeof *res->unit[u].cell);
    for (size_t k = 0; k < res->nscale; k++) cell_nan(&res->unit[u].cell[k]);
  }
  return res;
}

void fx_hide_small(sbx_results *res, size_t k) {
  for (size_t u = 0; u < res->nunit; u++) {
    sbx_unit_result *ur = &res->unit[u];
    if (ur->n >= k) continue;
    ur->suppressed = 1;
    ur->reason = SBX_SUPP_OWN_SIZE;
    for (size_t sc = 0; sc < res->nscale; sc++) {
      sbx__cell_clear(&ur->cell[sc]);
      cell_nan(&ur->cell[sc]);
      ur->cell[sc].suppressed = 1;
    }
  }
}

/* ---- the value a reference row names --------------------------------------- */
static double sz(size_t v) { return (double)v; }

static int cell_value(const sbx_cell *c, const char *f, size_t idx, double *v) {
  struct { const char *name; const double *p; } d[] = {
    { "mean", &c->mean }, { "sd", &c->sd }, { "median", &c->median }, { "ci_lo", &c->ci_lo },
    { "ci_hi", &c->ci_hi }, { "fav", &c->fav }, { "fav_lo", &c->fav_lo },
    { "fav_hi", &c->fav_hi }, { "rwg_j", &c->rwg_j }, { "rest_mean", &c->rest_mean },
    { "diff", &c->diff }, { "t", &c->t }, { "df", &c->df }, { "p", &c->p },
    { "p_adj", &c->p_adj }, { "g", &c->g }, { "change", &c->change },
    { "change_lo", &c->change_lo }, { "change_hi", &c->change_hi },
    { "change_p", &c->change_p } };
  for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
    if (!strcmp(f, d[i].name)) return *v = *d[i].p, 0;
  if (!strcmp(f, "n")) return *v = sz(c->n), 0;
  if (!strcmp(f, "status")) return *v = c->status, 0;
  if (!strcmp(f, "score_hist") && c->score_hist) return *v = sz(c->score_hist[idx]), 0;
  if (!strcmp(f, "item_hist") && c->item_hist) return *v = sz(c->item_hist[idx]), 0;
  if (!strcmp(f, "item_n") && c->item_n) return *v = sz(c->item_n[idx]), 0;
  if (!strcmp(f, "item_mean") && c->item_mean) return *v = c->item_mean[idx], 0;
  return -1;
}

static int rel_value(const sbx_reliability *r, const char *f, size_t idx, double *v) {
  if (!r->computed) return -1;
  struct { const char *name; double x; } d[] = {
    { "n", sz(r->n) }, { "alpha", r->alpha }, { "alpha_std", r->alpha_std },
    { "average_r", r->average_r }, { "lambda6", r->lambda6 }, { "ase", r->ase },
    { "feldt_lo", r->feldt_lo }, { "feldt_hi", r->feldt_hi },
    { "duhachek_lo", r->duhachek_lo }, { "duhachek_hi", r->duhachek_hi },
    { "omega", r->omega } };
  for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
    if (!strcmp(f, d[i].name)) return *v = d[i].x, 0;
  if (idx >= r->nitem) return -1;
  if (!strcmp(f, "r_drop")) return *v = r->r_drop[idx], 0;
  if (!strcmp(f, "alpha_if_deleted")) return *v = r->alpha_if_deleted[idx], 0;
  return -1;
}

static int value_of(const sbx_results *res, char **f, double *v) {
  const char *kind = f[0], *field = f[3];
  size_t idx = (size_t)atol(f[4]);
  size_t u = *f[1] ? (res->org ? sbx__org_find_unit(res->org, f[1]) : 0) : 0;
  size_t sc = *f[2] ? sbx__survey_find_scale(res->survey, f[2]) : 0;
  if (u == SBX_NONE || sc == SBX_NONE) return -1;
  const sbx_unit_result *ur = &res->unit[u];
  if (!strcmp(kind, "cell") || !strcmp(kind, "cmp") || !strcmp(kind, "chg"))
    return cell_value(&ur->cell[sc], field, idx, v);
  if (!strcmp(kind, "rel")) return rel_value(&res->scale[sc].rel, field, idx, v);
  if (!strcmp(kind, "urel")) return ur->rel ? rel_value(&ur->rel[sc], field, idx, v) : -1;
  if (!strcmp(kind, "unit")) {
    if (!strcmp(field, "n")) return *v = sz(ur->n), 0;
    if (!strcmp(field, "n_direct")) return *v = sz(ur->n_direct), 0;
    if (!strcmp(field, "leadership_gap")) return *v = ur->leadership_gap, 0;
    if (!strcmp(field, "box_spread")) return *v = ur->box_spread, 0;
  }
  if (!strcmp(kind, "icc")) {
    const sbx_scale_result *s = &res->scale[sc];
    if (!strcmp(field, "icc1")) return *v = s->icc1, 0;
    if (!strcmp(field, "icc2")) return *v = s->icc2, 0;
    if (!strcmp(field, "groups")) return *v = sz(s->icc_groups), 0;
    if (!strcmp(field, "f")) return *v = s->icc_f, 0;
    if (!strcmp(field, "p")) return *v = s->icc_p, 0;
  }
  return -1;
}

/* ---- the comparison, with the largest difference per field ------------------ */
typedef struct worst { char field[40]; double abs, rel; size_t n; } worst;

static void note(worst *w, size_t *nw, const char *kind, const char *field, double d, double r) {
  char key[40];
  snprintf(key, sizeof key, "%s.%s", kind, field);
  size_t i = 0;
  while (i < *nw && strcmp(w[i].field, key)) i++;
  if (i == *nw) {
    if (*nw >= 64) return;
    memset(&w[i], 0, sizeof w[i]);
    snprintf(w[i].field, sizeof w[i].field, "%s", key);
    (*nw)++;
  }
  w[i].n++;
  if (d > w[i].abs) w[i].abs = d;
  if (r > w[i].rel) w[i].rel = r;
}

static int compare_row(const sbx_results *res, char **f, double tol, worst *w, size_t *nw) {
  double want = strcmp(f[5], "NA") ? strtod(f[5], NULL) : NAN, got;
  if (value_of(res, f, &got)) {
    printf("  no figure for %s %s %s %s[%s] (R: %s)\n", f[0], f[1], f[2], f[3], f[4], f[5]);
    return 1;
  }
  if (isnan(want) || isnan(got)) {
    if (isnan(want) && isnan(got)) return 0;
    printf("  %s %s %s %s[%s]: ours %.17g, R %s\n", f[0], f[1], f[2], f[3], f[4], got, f[5]);
    return 1;
  }
  double d = fabs(got - want), r = want != 0 ? d / fabs(want) : d;
  note(w, nw, f[0], f[3], d, r);
  /* p-values are held to a relative tolerance (they reach 1e-176); the rest to an
   * absolute one, relative above 1. */
  int is_p = !strcmp(f[3], "p") || !strcmp(f[3], "p_adj") || !strcmp(f[3], "change_p");
  int ok = is_p ? r <= tol || d <= 1e-300 : d <= tol * fmax(1, fabs(want));
  if (!ok)
    printf("  %s %s %s %s[%s]: ours %.17g, R %.17g (diff %.3g)\n", f[0], f[1], f[2], f[3],
           f[4], got, want, d);
  return !ok;
}

int fx_check_reference(const sbx_results *res, const char *path, double tol, size_t *compared) {
  return fx_check_reference_only(res, path, tol, NULL, compared);
}

int fx_check_reference_only(const sbx_results *res, const char *path, double tol,
                            const char *only_unit, size_t *compared) {
  FILE *fp = fopen(path, "r");
  if (!fp) {
    printf("  cannot open %s\n", path);
    return 1;
  }
  char *line = NULL, *f[8];
  size_t cap = 0, nw = 0;
  worst w[64];
  int bad = 0;
  *compared = 0;
  for (int first = 1; getline(&line, &cap, fp) > 0; first = 0) {
    if (first) continue;
    line[strcspn(line, "\r\n")] = 0;
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < 8; p++)
      if (*p == ',') *p = 0, f[n++] = p + 1;
    if (n != 6) {
      printf("  malformed row in %s\n", path);
      bad++;
      continue;
    }
    /* only_unit: that unit's rows and the whole organisation's reliability (not the
     * ICCs: suppression recomputes them over the shown leaf units) */
    if (only_unit && (strcmp(f[1], only_unit) || !strcmp(f[0], "icc")) && strcmp(f[0], "rel"))
      continue;
    bad += compare_row(res, f, tol, w, &nw);
    (*compared)++;
  }
  free(line);
  fclose(fp);
  printf("  %s: %zu values, largest differences:\n", strrchr(path, '/') + 1, *compared);
  for (size_t i = 0; i < nw; i++)
    printf("    %-26s n=%-5zu abs %.2e  rel %.2e\n", w[i].field, w[i].n, w[i].abs, w[i].rel);
  return bad;
}

/* sbx__compare, after suppression: each visible unit × scale against the rest of the
 * organisation (Welch t, its df and two-sided p, Hedges' g with the exact J), p-values
 * adjusted with Benjamini-Hochberg over the whole visible table, and the change since
 * the baseline wave with its Welch interval, only for scales whose items and answer
 * scale are the same in both waves (docs/statistics.md, "Comparable or not"); a baseline figure
 * that cannot come from such a scale is refused. Suppressed cells are never touched. The
 * rest of the organisation is the root (all respondents) minus the unit; its moments
 * come from the root's and the unit's, combined exactly as pooled sums of squares. */
#include "analysis/stats/stats.h"
#include "surveys/fingerprint.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int visible(const sbx_results *res, size_t u, size_t sc) {
  const sbx_unit_result *ur = &res->unit[u];
  return !ur->suppressed && !ur->cell[sc].suppressed;
}

/* The rest: n_r = N - n, mean from the sums, and SS_r from
 * SS = SS_u + SS_r + n (m - M)^2 + n_r (m_r - M)^2. */
static void rest_of(const sbx_cell *root, const sbx_cell *c, size_t *nr, double *mr,
                    double *sr) {
  *nr = root->n > c->n ? root->n - c->n : 0;
  *mr = *sr = NAN;
  if (!*nr) return;
  double N = (double)root->n, n = (double)c->n, r = (double)*nr;
  *mr = (N * root->mean - n * c->mean) / r;
  if (*nr < 2 || root->n < 2) return;
  double ss = (N - 1) * root->sd * root->sd;
  double ssu = c->n > 1 ? (n - 1) * c->sd * c->sd : 0;
  double dm = c->mean - root->mean, dr = *mr - root->mean;
  double ssr = ss - ssu - n * dm * dm - r * dr * dr;
  *sr = sqrt(ssr > 0 ? ssr / (r - 1) : 0);
}

static void against_rest(sbx_results *res, size_t u, size_t sc) {
  const sbx_cell *root = &res->unit[0].cell[sc];
  sbx_cell *c = &res->unit[u].cell[sc];
  if (!c->n || !root->n) return;
  size_t nr;
  double mr, sr;
  rest_of(root, c, &nr, &mr, &sr);
  c->rest_mean = mr;
  c->diff = c->mean - mr;
  sbx__welch w;
  sbx__welch_test(c->n, c->mean, c->sd, nr, mr, sr, res->opts.level, &w);
  c->t = w.t;
  c->df = w.df;
  c->p = w.p;
  c->g = sbx__hedges_g(c->n, c->mean, c->sd, nr, mr, sr);
}

static int adjust_all(sbx_results *res, sbx_ctx *ctx) {
  size_t m = (res->nunit ? res->nunit - 1 : 0) * res->nscale;
  double *p = sbx__malloc((m ? m : 1) * sizeof *p), *adj = sbx__malloc((m ? m : 1) * sizeof *adj);
  int rc = p && adj ? 0 : SBX_ENOMEM;
  for (size_t u = 1, k = 0; !rc && u < res->nunit; u++)
    for (size_t sc = 0; sc < res->nscale; sc++, k++)
      p[k] = visible(res, u, sc) ? res->unit[u].cell[sc].p : NAN;
  if (!rc) rc = sbx__p_adjust_bh(p, adj, m);
  for (size_t u = 1, k = 0; !rc && u < res->nunit; u++)
    for (size_t sc = 0; sc < res->nscale; sc++, k++)
      if (visible(res, u, sc)) res->unit[u].cell[sc].p_adj = adj[k];
  sbx__free(p);
  sbx__free(adj);
  return rc ? sbx__error(ctx, rc, NULL, 0, NULL, "out of memory") : 0;
}

/* Index of each unit × scale's baseline cell (first match), SBX_NONE where none. */
static int baseline_index(const sbx_results *res, size_t **out, sbx_ctx *ctx) {
  const sbx_baseline *b = res->opts.baseline;
  size_t cells = res->nunit * res->nscale;
  size_t *ix = sbx__malloc((cells ? cells : 1) * sizeof *ix);
  if (!ix) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t i = 0; i < cells; i++) ix[i] = SBX_NONE;
  for (size_t i = 0; res->org && i < b->ncell; i++) {
    const sbx_baseline_cell *bc = &b->cell[i];
    if (!bc->unit || !bc->scale) continue;
    size_t u = sbx__org_find_unit(res->org, bc->unit);
    size_t sc = sbx__survey_find_scale(res->survey, bc->scale);
    if (u == SBX_NONE || sc == SBX_NONE || u >= res->nunit) continue;
    if (ix[u * res->nscale + sc] == SBX_NONE) ix[u * res->nscale + sc] = i;
  }
  *out = ix;
  return 0;
}

static void change(sbx_cell *c, const sbx_baseline_cell *bc, double level) {
  if (!bc->n || isnan(bc->mean) || !c->n) return;
  c->has_change = 1;
  c->base_mean = bc->mean;
  sbx__welch w;
  sbx__welch_test(c->n, c->mean, c->sd, bc->n, bc->mean, bc->sd, level, &w);
  c->change = w.diff;
  c->change_lo = w.lo;
  c->change_hi = w.hi;
  c->change_p = w.p;
}

const char *sbx__comparability_id(sbx_comparability c) {
  switch (c) {
  case SBX_CMP_SAME: return "same";
  case SBX_CMP_ITEMS: return "items";
  case SBX_CMP_ANSWER_SCALE: return "answer-scale";
  case SBX_CMP_ABSENT: return "absent";
  default: return NULL;
  }
}

static const sbx_baseline_scale *base_scale(const sbx_baseline *b, const char *id) {
  for (size_t i = 0; i < b->nscale; i++)
    if (b->scale[i].id && strcmp(b->scale[i].id, id) == 0) return &b->scale[i];
  return NULL;
}

static int has_cells(const sbx_baseline *b, const char *id) {
  for (size_t i = 0; i < b->ncell; i++)
    if (b->cell[i].scale && strcmp(b->cell[i].scale, id) == 0) return 1;
  return 0;
}

/* Same fingerprint: same. Otherwise the items decide first, then the answer scale. A
 * baseline that names no instrument for the scale (no "scales" entry) is compared
 * only when it has figures for it; its values are checked against the range below. */
static sbx_comparability comparability(const sbx_results *res, size_t sc, sbx_ctx *ctx) {
  const sbx_baseline *b = res->opts.baseline;
  const char *id = res->survey->scale[sc].id;
  const sbx_baseline_scale *bs = base_scale(b, id);
  if (!bs) return has_cells(b, id) && b->nscale == 0 ? SBX_CMP_SAME : SBX_CMP_ABSENT;
  char fp[32];
  char *items = sbx__scale_items(res->survey, sc);
  const sbx_answer_scale *a = sbx__scale_answers(res->survey, sc);
  sbx_comparability c = SBX_CMP_SAME;
  if (!items || sbx__scale_fingerprint(res->survey, sc, fp, sizeof fp)) {
    sbx__free(items);
    sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    return SBX_CMP_NONE;
  }
  if (bs->fingerprint && strcmp(bs->fingerprint, fp) == 0) c = SBX_CMP_SAME;
  else if (bs->items && strcmp(bs->items, items) != 0) c = SBX_CMP_ITEMS;
  else if (bs->fingerprint || (bs->max && a && (bs->min != a->min || bs->max != a->max)))
    c = SBX_CMP_ANSWER_SCALE;
  sbx__free(items);
  return c;
}

/* A baseline figure must be one this scale can give: a mean inside the answer scale's
 * range, an sd no wider than the range. Anything else is a damaged or foreign file. */
static int check_cell(const sbx_results *res, size_t sc, const sbx_baseline_cell *bc,
                      sbx_ctx *ctx) {
  const sbx_answer_scale *a = sbx__scale_answers(res->survey, sc);
  if (!a) return 0;
  double span = (double)(a->max - a->min);
  int ok = isfinite(bc->mean) && bc->mean >= a->min && bc->mean <= a->max &&
           (isnan(bc->sd) || (bc->sd >= 0 && bc->sd <= span)) && bc->n <= 100000000u;
  if (ok) return 0;
  const char *src = res->opts.baseline->source;
  return sbx__error(ctx, SBX_EDATA, src, 0, bc->unit,
                    "the baseline's %s figure for unit %s (mean %g, sd %g, n %zu) cannot come "
                    "from this scale (%d to %d); the file is damaged or not a sixbox result: "
                    "give the results.json of the earlier wave as it was written",
                    bc->scale, bc->unit, bc->mean, bc->sd, bc->n, a->min, a->max);
}

static int same_org(const sbx_results *res, sbx_ctx *ctx) {
  const sbx_baseline *b = res->opts.baseline;
  if (!b->org_id || !res->org || !res->org->id || strcmp(b->org_id, res->org->id) == 0) return 0;
  return sbx__error(ctx, SBX_EDATA, b->source, 0, b->org_id,
                    "the baseline is a diagnosis of organisation '%s', this one of '%s'; "
                    "give the earlier wave of the same organisation", b->org_id, res->org->id);
}

static int baseline_changes(sbx_results *res, sbx_ctx *ctx) {
  size_t *ix = NULL;
  if (same_org(res, ctx)) return SBX_EDATA;
  res->base_cmp = sbx__calloc(res->nscale ? res->nscale : 1, sizeof *res->base_cmp);
  if (!res->base_cmp) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t sc = 0; sc < res->nscale; sc++) {
    res->base_cmp[sc] = comparability(res, sc, ctx);
    if (res->base_cmp[sc] == SBX_CMP_NONE) return SBX_ENOMEM;
  }
  int rc = baseline_index(res, &ix, ctx);
  for (size_t u = 0; !rc && u < res->nunit; u++)
    for (size_t sc = 0; !rc && sc < res->nscale; sc++) {
      size_t i = ix[u * res->nscale + sc];
      if (i == SBX_NONE || res->base_cmp[sc] != SBX_CMP_SAME) continue;
      rc = check_cell(res, sc, &res->opts.baseline->cell[i], ctx);
      if (!rc && visible(res, u, sc))
        change(&res->unit[u].cell[sc], &res->opts.baseline->cell[i], res->opts.level);
    }
  sbx__free(ix);
  return rc;
}

int sbx__compare(sbx_results *res, sbx_ctx *ctx) {
  if (!res || !res->unit || !res->nunit) return 0;
  for (size_t sc = 0; sc < res->nscale; sc++) {
    if (!visible(res, 0, sc)) continue; /* a hidden root hides every unit too */
    for (size_t u = 1; u < res->nunit; u++)
      if (visible(res, u, sc)) against_rest(res, u, sc);
  }
  int rc = adjust_all(res, ctx);
  if (!rc && res->opts.baseline) rc = baseline_changes(res, ctx);
  return rc;
}

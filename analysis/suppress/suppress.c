/* sbx__suppress(): minimum group size and complementary suppression over the unit tree,
 * then the same for each scale's cells (item non-response), free-text comments, the
 * agreement indices over shown units, and last the item details of the cells left.
 * Every decision is taken on local copies of the counts; hidden units and cells are
 * wiped afterwards so that nothing downstream can print their figures. The rules: docs/confidentiality.md. */
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *unit_name(const sbx_results *res, size_t u) {
  if (res->org && u < res->org->nunit && res->org->unit[u].id) return res->org->unit[u].id;
  return u == 0 ? "(the whole organisation)" : "(unit)";
}

/* The unit tree as a parent array; checks that parents come first. */
static int unit_parents(const sbx_results *res, size_t *parent, sbx_ctx *ctx) {
  if (res->nunit == 0) return 0;
  if (!res->org) {
    if (res->nunit != 1)
      return sbx__error(ctx, SBX_EINTERNAL, NULL, 0, NULL,
                        "suppression: %zu unit results but no organisation", res->nunit);
    parent[0] = SBX_NONE;
    return 0;
  }
  if (res->org->nunit != res->nunit)
    return sbx__error(ctx, SBX_EINTERNAL, NULL, 0, NULL,
                      "suppression: the results do not match the organisation's units");
  for (size_t u = 0; u < res->nunit; u++) {
    parent[u] = res->org->unit[u].parent;
    if ((u == 0) != (parent[u] == SBX_NONE) || (u > 0 && parent[u] >= u))
      return sbx__error(ctx, SBX_EINTERNAL, NULL, 0, unit_name(res, u),
                        "suppression: the unit tree is not in pre-order");
  }
  return 0;
}

static int inconsistent(const sbx_results *res, size_t u, const char *what, sbx_ctx *ctx) {
  return sbx__error(ctx, SBX_EINTERNAL, NULL, 0, unit_name(res, u),
                    "suppression: the units below this one have more %s than the unit "
                    "itself; the scores are inconsistent, nothing is published", what);
}

static void wipe_cell(sbx_cell *c, sbx_supp_reason why) {
  sbx__cell_clear(c);
  sbx__cell_reset(c); /* every statistic NaN, status none, no change */
  c->suppressed = 1;
  c->reason = why;
}

static void wipe_rel(sbx_reliability *r) {
  sbx__free(r->r_drop);
  sbx__free(r->alpha_if_deleted);
  sbx__rel_reset(r); /* every statistic NaN, not computed */
}

static void wipe_unit(sbx_results *res, sbx_unit_result *ur, sbx_supp_reason why) {
  for (size_t s = 0; ur->cell && s < res->nscale; s++) wipe_cell(&ur->cell[s], why);
  for (size_t s = 0; ur->rel && s < res->nscale; s++) wipe_rel(&ur->rel[s]);
  sbx__free(ur->rel);
  ur->rel = NULL;
  ur->n = ur->n_direct = 0;
  sbx__unit_hide_stats(ur, 0);
  ur->suppressed = 1;
  ur->reason = why;
}

/* Does a hidden cell of this scale make the unit's box balance derivable? Only box
 * scales enter it; without a survey every scale is taken as one. */
static int is_box(const sbx_results *res, size_t s) {
  if (!res->survey || res->survey->nscale != res->nscale) return 1;
  return res->survey->scale[s].kind == SBX_SCALE_BOX;
}

static int log_add(sbx_results *res, size_t *cap, size_t u, size_t s, sbx_supp_reason why) {
  if (sbx__grow(&res->supp, cap, res->nsupp + 1, sizeof *res->supp)) return SBX_ENOMEM;
  res->supp[res->nsupp].unit = u;
  res->supp[res->nsupp].scale = s;
  res->supp[res->nsupp].reason = why;
  res->nsupp++;
  return 0;
}

/* Per scale: the visible units' cells, with the scale's own n (item non-response). */
static int protect_cells(sbx_results *res, const size_t *parent, const sbx_supp_reason *uhid,
                         size_t *count, sbx_supp_reason *chid, sbx_ctx *ctx) {
  size_t k = (size_t)res->opts.min_group, bad;
  for (size_t s = 0; s < res->nscale; s++) {
    sbx_supp_reason *h = chid + s * res->nunit;
    for (size_t u = 0; u < res->nunit; u++) {
      count[u] = res->unit[u].cell ? res->unit[u].cell[s].n : 0;
      h[u] = uhid[u];
    }
    int rc = sbx__protect(parent, res->nunit, count, h, k, &bad);
    if (rc == SBX_EINTERNAL) return inconsistent(res, bad, "scores on a scale", ctx);
    if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  }
  return 0;
}

/* Applies the decisions: wipes hidden units and cells, clears what a hidden cell would
 * let one derive (the balance figures, per-unit reliability), writes the log. */
static int apply(sbx_results *res, const sbx_supp_reason *uhid, const sbx_supp_reason *chid,
                 sbx_ctx *ctx) {
  size_t cap = 0;
  for (size_t u = 0; u < res->nunit; u++) {
    sbx_unit_result *ur = &res->unit[u];
    if (uhid[u] != SBX_SUPP_NONE) {
      wipe_unit(res, ur, uhid[u]);
      if (log_add(res, &cap, u, SBX_NONE, uhid[u])) goto nomem;
      continue;
    }
    ur->suppressed = 0;
    ur->reason = SBX_SUPP_NONE;
    for (size_t s = 0; s < res->nscale; s++) {
      sbx_supp_reason why = chid[s * res->nunit + u];
      if (why == SBX_SUPP_NONE) continue;
      wipe_cell(&ur->cell[s], why);
      if (ur->rel) wipe_rel(&ur->rel[s]);
      if (is_box(res, s)) sbx__unit_hide_stats(ur, 1);
      if (log_add(res, &cap, u, s, why)) goto nomem;
    }
  }
  /* Whole-organisation scale figures go with the root's cell. */
  for (size_t s = 0; res->nunit && s < res->nscale && res->scale; s++) {
    if (chid[s * res->nunit] == SBX_SUPP_NONE) continue;
    sbx_scale_result *sr = &res->scale[s];
    wipe_rel(&sr->rel);
    sr->icc1 = sr->icc2 = sr->icc_f = sr->icc_p = sr->icc_k = NAN;
    sr->icc_groups = sr->icc_n = 0;
  }
  return 0;
nomem:
  return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
}

static int check_opts(const sbx_results *res, sbx_ctx *ctx) {
  if (res->opts.min_group < SBX_MIN_GROUP_FLOOR)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "the minimum group size is %d; it must be at least %d",
                      res->opts.min_group, SBX_MIN_GROUP_FLOOR);
  for (size_t u = 0; u < res->nunit; u++)
    if (!res->unit[u].cell && res->nscale)
      return sbx__error(ctx, SBX_EINTERNAL, NULL, 0, unit_name(res, u),
                        "suppression: a unit has no cells");
  return 0;
}

int sbx__suppress(sbx_results *res, sbx_ctx *ctx) {
  int rc = check_opts(res, ctx);
  if (rc) return rc;
  size_t n = res->nunit ? res->nunit : 1, bad;
  size_t *parent = sbx__malloc(n * sizeof *parent), *count = sbx__malloc(n * sizeof *count);
  size_t *ucount = sbx__malloc(n * sizeof *ucount);
  sbx_supp_reason *uhid = sbx__calloc(n, sizeof *uhid);
  sbx_supp_reason *chid = sbx__calloc(n * (res->nscale ? res->nscale : 1), sizeof *chid);
  if (!parent || !count || !ucount || !uhid || !chid) {
    rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    goto done;
  }
  if ((rc = unit_parents(res, parent, ctx))) goto done;
  for (size_t u = 0; u < res->nunit; u++) ucount[u] = res->unit[u].n;
  rc = sbx__protect(parent, res->nunit, ucount, uhid, (size_t)res->opts.min_group, &bad);
  if (rc == SBX_EINTERNAL) rc = inconsistent(res, bad, "respondents", ctx);
  else if (rc) rc = sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  if (!rc) rc = protect_cells(res, parent, uhid, count, chid, ctx);
  if (!rc) rc = sbx__comments(res, parent, ucount, uhid, ctx);
  if (!rc) rc = sbx__agreement_visible(res, parent, uhid, chid, ctx);
  if (!rc) rc = apply(res, uhid, chid, ctx);
  if (!rc) rc = sbx__protect_items(res, parent, ctx);
  if (!rc) sbx__protect_counts(res);
done:
  sbx__free(parent);
  sbx__free(count);
  sbx__free(ucount);
  sbx__free(uhid);
  sbx__free(chid);
  return rc;
}

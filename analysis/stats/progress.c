/* sbx__progress_results(): the figures of `sixbox progress` while a survey is open:
 * respondents per unit (the unit and everything below it, as in a report) against the
 * organisation file's headcount. Nothing is scored. The confidentiality is a report's,
 * by the same code: the unit tree rule of analysis/suppress (minimum group size, no
 * recovery by subtraction; a hidden unit's count is wiped before anything can print it)
 * and rates.c (no rate for a hidden unit; more respondents than the headcount is an
 * error in the organisation file, never a rate over 100 %). */
#include "analysis/results.h"
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rows per unit of attachment (unknown units go to the root, as in accumulate.c),
 * then summed up the tree: units are in pre-order, so a backward walk sees every
 * child before its parent. */
static void count_rows(sbx_results *res, const sbx_responses *r) {
  for (size_t i = 0; i < r->n; i++) {
    uint32_t u = r->unit ? r->unit[i] : SBX_NO_UNIT;
    size_t unit = u == SBX_NO_UNIT || (size_t)u >= res->nunit ? 0 : u;
    if (unit == 0 && u != 0) res->unknown_unit++;
    else res->unit[unit].n_direct++;
    res->unit[unit].n++;
  }
  for (size_t u = res->nunit; u-- > 1;) {
    size_t p = res->org->unit[u].parent;
    if (p != SBX_NONE && p < u) res->unit[p].n += res->unit[u].n;
  }
}

static int alloc_units(sbx_results *res, sbx_ctx *ctx) {
  res->nunit = res->org->nunit;
  res->scale = sbx__calloc(1, sizeof *res->scale);
  res->unit = sbx__calloc(res->nunit ? res->nunit : 1, sizeof *res->unit);
  if (!res->scale || !res->unit) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t u = 0; u < res->nunit; u++) {
    sbx_unit_result *ur = &res->unit[u];
    sbx__unit_reset(ur, u);
    if (!(ur->cell = sbx__calloc(1, sizeof *ur->cell)))
      return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  return 0;
}

int sbx__progress_results(sbx_results **out, const sbx_survey *s, const sbx_org *org,
                          const sbx_responses *r, int min_group, sbx_ctx *ctx) {
  *out = NULL;
  if (!s || !org || !r || org->nunit == 0)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "progress needs a survey, an "
                      "organisation with units and the responses");
  if (sbx__check_min_group(min_group, NULL, ctx)) return SBX_EUSAGE;
  sbx_results *res = sbx__calloc(1, sizeof *res);
  if (!res) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  sbx_analysis_opts o = SBX_ANALYSIS_OPTS_INIT;
  o.min_group = min_group;
  sbx__analysis_opts_resolve(&o);
  res->survey = s;
  res->org = org;
  res->opts = o;
  sbx__results_sum_sources(res, r);
  int rc = alloc_units(res, ctx);
  if (!rc) count_rows(res, r);
  /* No scales (nscale 0): suppression decides the unit tree alone and wipes the hidden
   * units' counts; without responses it leaves the comments alone. The per-source
   * decision needs the rows, so it is taken again with them. */
  if (!rc) rc = sbx__suppress(res, ctx);
  if (!rc) {
    res->resp = r;
    sbx__protect_counts(res);
    res->resp = NULL;
    rc = sbx__rates(res, ctx);
  }
  if (rc) {
    sbx_results_free(res);
    return rc;
  }
  *out = res;
  return 0;
}

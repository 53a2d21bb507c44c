/* ICC(1)/ICC(2) after suppression. Scoring computes them over every leaf unit, hidden
 * ones included, and the pair gives their mean group size away (k = N / groups, and
 * k = 1 + (ICC2/ICC1 - 1) / (1 - ICC2)): with the shown leaf units' n, that is the
 * number of respondents in the hidden ones. Where a leaf unit with answers on a scale
 * is hidden, the ICC of that scale is recomputed over the shown leaf units only, from
 * their shown n, mean and sd, so it says nothing the shown figures do not. */
#include "analysis/suppress/suppress.h"
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>

static int shown_leaf(const unsigned char *has_child, const sbx_supp_reason *uhid,
                      const sbx_supp_reason *chid, size_t u) {
  return !has_child[u] && uhid[u] == SBX_SUPP_NONE && chid[u] == SBX_SUPP_NONE;
}

/* Recomputes scale s over the shown leaf units; g has room for every unit. */
static void recompute(sbx_results *res, size_t s, const unsigned char *has_child,
                      const sbx_supp_reason *uhid, const sbx_supp_reason *chid,
                      sbx__moments *g) {
  size_t ng = 0;
  for (size_t u = 0; u < res->nunit; u++) {
    const sbx_cell *c = &res->unit[u].cell[s];
    if (!shown_leaf(has_child, uhid, chid, u) || c->n == 0) continue;
    g[ng].n = c->n;
    g[ng].mean = c->mean;
    g[ng].sd = c->sd;
    g[ng].ss = c->n > 1 && isfinite(c->sd) ? c->sd * c->sd * (double)(c->n - 1) : 0;
    ng++;
  }
  sbx__icc(g, ng, &res->scale[s]);
}

int sbx__agreement_visible(sbx_results *res, const size_t *parent, const sbx_supp_reason *uhid,
                           const sbx_supp_reason *chid, sbx_ctx *ctx) {
  if (!res->scale || res->nunit == 0) return 0;
  unsigned char *has_child = sbx__calloc(res->nunit, 1);
  sbx__moments *g = sbx__calloc(res->nunit, sizeof *g);
  if (!has_child || !g) {
    sbx__free(has_child);
    sbx__free(g);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  for (size_t u = 1; u < res->nunit; u++)
    if (parent[u] < res->nunit) has_child[parent[u]] = 1;
  if (res->nunit > 1) has_child[0] = 1; /* the root is a leaf only when it is alone */
  for (size_t s = 0; s < res->nscale; s++) {
    const sbx_supp_reason *cs = chid + s * res->nunit;
    int hidden_answers = 0;
    for (size_t u = 0; u < res->nunit && !hidden_answers; u++)
      hidden_answers = !has_child[u] && res->unit[u].cell[s].n > 0 &&
                       (uhid[u] != SBX_SUPP_NONE || cs[u] != SBX_SUPP_NONE);
    if (hidden_answers) recompute(res, s, has_child, uhid, cs, g);
  }
  sbx__free(has_child);
  sbx__free(g);
  return 0;
}

/* Item details of the shown cells (answers per item, the per-item answer counts and
 * means behind the charts): item non-response can leave an item with fewer answers
 * than its scale, so the tree rule runs once more per item. A hidden item detail keeps
 * no figure: item_n 0, item_mean NaN, its row of item_hist zero. */
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Points of the scale's answer scale (its first item's), as the scorer lays them out. */
static size_t npoint_of(const sbx_survey *s, size_t sc) {
  const sbx_scale *k = &s->scale[sc];
  if (!k->nitem || k->item[0] >= s->nitem) return 0;
  size_t a = s->item[k->item[0]].answer_scale;
  return a < s->nanswer_scale ? s->answer_scale[a].npoint : 0;
}

static int shown(const sbx_results *res, size_t u, size_t s) {
  const sbx_unit_result *ur = &res->unit[u];
  return !ur->suppressed && !ur->cell[s].suppressed && ur->cell[s].item_n;
}

static void hide_item(sbx_cell *c, size_t i, size_t np) {
  c->item_n[i] = 0;
  if (c->item_mean) c->item_mean[i] = NAN;
  if (c->item_hist && np) memset(c->item_hist + i * np, 0, np * sizeof *c->item_hist);
}

static int one_item(sbx_results *res, const size_t *parent, size_t s, size_t i, size_t np,
                    size_t *count, sbx_supp_reason *hid, sbx_ctx *ctx) {
  size_t bad;
  for (size_t u = 0; u < res->nunit; u++) {
    int on = shown(res, u, s);
    count[u] = on ? res->unit[u].cell[s].item_n[i] : 0;
    hid[u] = on ? SBX_SUPP_NONE : SBX_SUPP_OWN_SIZE;
  }
  int rc = sbx__protect(parent, res->nunit, count, hid, (size_t)res->opts.min_group, &bad);
  if (rc == SBX_EINTERNAL)
    return sbx__error(ctx, rc, NULL, 0, res->survey->scale[s].id,
                      "suppression: the units below one unit have more answers to an item "
                      "than the unit itself; the scores are inconsistent");
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  for (size_t u = 0; u < res->nunit; u++)
    if (shown(res, u, s) && hid[u] != SBX_SUPP_NONE) hide_item(&res->unit[u].cell[s], i, np);
  return 0;
}

int sbx__protect_items(sbx_results *res, const size_t *parent, sbx_ctx *ctx) {
  const sbx_survey *sv = res->survey;
  if (!sv || sv->nscale != res->nscale || res->nunit == 0) return 0;
  size_t *count = malloc(res->nunit * sizeof *count);
  sbx_supp_reason *hid = malloc(res->nunit * sizeof *hid);
  int rc = count && hid ? 0 : sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t s = 0; !rc && s < res->nscale; s++) {
    size_t np = npoint_of(sv, s);
    for (size_t i = 0; !rc && i < sv->scale[s].nitem; i++)
      rc = one_item(res, parent, s, i, np, count, hid, ctx);
  }
  free(count);
  free(hid);
  return rc;
}

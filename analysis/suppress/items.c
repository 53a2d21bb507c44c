/* Item details of the shown cells (answers per item, the per-item answer counts and
 * means behind the charts): item non-response can leave an item with fewer answers
 * than its scale, so the tree rule runs once more per item, and a unit's item details
 * of one scale are shown or hidden together. A hidden item detail keeps no figure:
 * item_n 0, item_mean NaN, its row of item_hist zero. */
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

/* One pass of the tree rule over item i of scale s (i = nitem: the people who skipped
 * some items), among the units whose item block is still shown (block[u]); units the
 * rule hides lose their whole block. Returns 0 or an error; *changed is set when a
 * block was hidden. */
static int one_item(sbx_results *res, const size_t *parent, size_t s, size_t i,
                    unsigned char *block, size_t *count, sbx_supp_reason *hid, int *changed,
                    sbx_ctx *ctx) {
  size_t bad, nitem = res->survey->scale[s].nitem;
  for (size_t u = 0; u < res->nunit; u++) {
    const sbx_cell *c = &res->unit[u].cell[s];
    count[u] = !block[u] ? 0 : i < nitem ? c->item_n[i] : c->n_incomplete;
    hid[u] = block[u] ? SBX_SUPP_NONE : SBX_SUPP_OWN_SIZE;
  }
  int rc = sbx__protect(parent, res->nunit, count, hid, (size_t)res->opts.min_group, &bad);
  if (rc == SBX_EINTERNAL)
    return sbx__error(ctx, rc, NULL, 0, res->survey->scale[s].id,
                      "suppression: the units below one unit have more answers to an item "
                      "than the unit itself; the scores are inconsistent");
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  /* Nobody in a layer (no answer to the item, nobody skipping): nothing to hide, and
   * it adds nothing to any remainder whether shown or not. */
  for (size_t u = 0; u < res->nunit; u++)
    if (block[u] && hid[u] != SBX_SUPP_NONE && count[u] > 0) {
      block[u] = 0;
      *changed = 1;
    }
  return 0;
}

/* The item details of one scale, shown or hidden per unit as one block: a box's sum is
 * a known combination of its item sums, so one hidden item beside shown ones and the
 * box mean would give it away (box sum minus the other items). For the same reason the
 * people who skipped some of the items form a layer of their own: the item sums minus
 * J x the box sum leave only their answers, so their number in every remainder must be
 * 0 or at least k as well (pass i = nitem). The rule runs item by item until no block
 * changes (hiding a block changes the remainders above it). */
static int one_scale(sbx_results *res, const size_t *parent, size_t s, unsigned char *block,
                     size_t *count, sbx_supp_reason *hid, sbx_ctx *ctx) {
  const sbx_survey *sv = res->survey;
  size_t np = npoint_of(sv, s);
  for (size_t u = 0; u < res->nunit; u++) block[u] = (unsigned char)shown(res, u, s);
  int changed = 1, rc = 0;
  while (changed && !rc) {
    changed = 0;
    for (size_t i = 0; !rc && i <= sv->scale[s].nitem; i++)
      rc = one_item(res, parent, s, i, block, count, hid, &changed, ctx);
  }
  for (size_t u = 0; !rc && u < res->nunit; u++)
    if (!block[u] && shown(res, u, s))
      for (size_t i = 0; i < sv->scale[s].nitem; i++) hide_item(&res->unit[u].cell[s], i, np);
  return rc;
}

int sbx__protect_items(sbx_results *res, const size_t *parent, sbx_ctx *ctx) {
  const sbx_survey *sv = res->survey;
  if (!sv || sv->nscale != res->nscale || res->nunit == 0) return 0;
  size_t *count = sbx__malloc(res->nunit * sizeof *count);
  sbx_supp_reason *hid = sbx__malloc(res->nunit * sizeof *hid);
  unsigned char *block = sbx__malloc(res->nunit);
  int rc = count && hid && block ? 0 : sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t s = 0; !rc && s < res->nscale; s++)
    rc = one_scale(res, parent, s, block, count, hid, ctx);
  sbx__free(count);
  sbx__free(hid);
  sbx__free(block);
  return rc;
}

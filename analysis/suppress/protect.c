/* The one rule behind every suppression: primary suppression of groups below k, then
 * complementary suppression so that no shown total minus the shown groups below it
 * leaves between 1 and k-1 people. Works on any tree whose parents come before their
 * children (the organisation is stored in pre-order). The rules: docs/confidentiality.md. */
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

#include <stdlib.h>

/* For every group, its nearest shown proper ancestor (nva), and for every shown group
 * the summed counts of the nearest shown groups below it (sub). */
static void nearest(const size_t *parent, size_t n, const size_t *count,
                    const sbx_supp_reason *hid, size_t *nva, size_t *sub) {
  for (size_t u = 0; u < n; u++) {
    sub[u] = 0;
    size_t p = parent[u];
    if (p == SBX_NONE || p >= u) nva[u] = SBX_NONE;
    else nva[u] = hid[p] == SBX_SUPP_NONE ? p : nva[p];
  }
  for (size_t u = 0; u < n; u++)
    if (hid[u] == SBX_SUPP_NONE && nva[u] != SBX_NONE) sub[nva[u]] += count[u];
}

void sbx__protect_residuals(const size_t *parent, size_t n, const size_t *count,
                            const sbx_supp_reason *hid, size_t *res_out) {
  size_t *nva = sbx__malloc((n ? n : 1) * sizeof *nva);
  if (!nva) {
    for (size_t u = 0; u < n; u++) res_out[u] = SBX_NONE;
    return;
  }
  nearest(parent, n, count, hid, nva, res_out);
  for (size_t u = 0; u < n; u++) {
    if (hid[u] != SBX_SUPP_NONE || res_out[u] > count[u]) res_out[u] = SBX_NONE;
    else res_out[u] = count[u] - res_out[u];
  }
  sbx__free(nva);
}

static int residual_bad(size_t r, size_t k) { return r > 0 && r < k; }

/* last[u]: the largest index in u's subtree. Descendants come after u, so scanning
 * u+1..last[u] sees all of them (in pre-order exactly them), which keeps the work per
 * hidden group to the size of the subtree involved rather than the whole tree. */
static void subtree_ends(const size_t *parent, size_t n, size_t *last) {
  for (size_t u = 0; u < n; u++) last[u] = u;
  for (size_t u = n; u-- > 1;) {
    size_t p = parent[u];
    if (p != SBX_NONE && p < u && last[u] > last[p]) last[p] = last[u];
  }
}

/* Which group below p to hide next: among the nearest shown groups below p, the
 * smallest one whose hiding adds people to p's residual (its own residual > 0);
 * if every one is fully covered by shown groups below it, the smallest of them (its
 * children then become candidates). Ties go to the earlier group. SBX_NONE if p has
 * no shown group below it. */
static size_t pick(size_t p, const size_t *last, const size_t *count,
                   const sbx_supp_reason *hid, const size_t *nva, const size_t *sub) {
  size_t best = SBX_NONE, any = SBX_NONE;
  for (size_t v = p + 1; v <= last[p]; v++) {
    if (hid[v] != SBX_SUPP_NONE || nva[v] != p) continue;
    if (any == SBX_NONE || count[v] < count[any]) any = v;
    if (count[v] > sub[v] && (best == SBX_NONE || count[v] < count[best])) best = v;
  }
  return best != SBX_NONE ? best : any;
}

/* Hides v (as a complement) and hands the groups whose nearest shown ancestor was v to
 * v's own nearest shown ancestor, keeping nva and sub exact. */
static void hide(size_t v, const size_t *last, const size_t *count, sbx_supp_reason *hid,
                 size_t *nva, size_t *sub) {
  hid[v] = SBX_SUPP_COMPLEMENT;
  size_t up = nva[v];
  for (size_t w = v + 1; w <= last[v]; w++)
    if (nva[w] == v) nva[w] = up;
  if (up != SBX_NONE) sub[up] = sub[up] - count[v] + sub[v];
}

/* One sweep from the last group to the first: when group i is reached, every group
 * below it already satisfies the rule, and hiding a group below i changes no residual
 * but i's, so one hide per problem usually suffices. */
static int sweep(const size_t *parent, size_t n, const size_t *count, sbx_supp_reason *hid,
                 size_t k, const size_t *last, size_t *nva, size_t *sub, size_t *bad) {
  nearest(parent, n, count, hid, nva, sub);
  for (size_t i = n; i-- > 0;) {
    if (hid[i] != SBX_SUPP_NONE) continue;
    if (sub[i] > count[i]) {
      *bad = i;
      return SBX_EINTERNAL;
    }
    while (hid[i] == SBX_SUPP_NONE && residual_bad(count[i] - sub[i], k)) {
      size_t v = pick(i, last, count, hid, nva, sub);
      /* No group below to hide only when i has nothing shown below it, and then its
       * residual is its own count, at least k: kept as a safeguard (hide i itself). */
      hide(v != SBX_NONE ? v : i, last, count, hid, nva, sub);
      if (v != SBX_NONE && sub[i] > count[i]) {
        *bad = i;
        return SBX_EINTERNAL;
      }
    }
  }
  return 0;
}

int sbx__protect(const size_t *parent, size_t n, const size_t *count, sbx_supp_reason *hid,
                 size_t k, size_t *bad) {
  *bad = SBX_NONE;
  for (size_t u = 0; u < n; u++)
    if (hid[u] == SBX_SUPP_NONE && count[u] < k) hid[u] = SBX_SUPP_OWN_SIZE;
  size_t *nva = sbx__malloc((n ? n : 1) * sizeof *nva);
  size_t *sub = sbx__malloc((n ? n : 1) * sizeof *sub);
  size_t *last = sbx__malloc((n ? n : 1) * sizeof *last);
  int rc = nva && sub && last ? 0 : SBX_ENOMEM, clean = 0;
  if (!rc) subtree_ends(parent, n, last);
  /* The sweep reaches the fixed point in one pass; the check pass proves it, and the
   * loop bound (every pass but the last hides a group) keeps it finite regardless. */
  for (size_t pass = 0; !rc && !clean && pass <= n; pass++) {
    rc = sweep(parent, n, count, hid, k, last, nva, sub, bad);
    if (rc) break;
    nearest(parent, n, count, hid, nva, sub);
    clean = 1;
    for (size_t u = 0; u < n && clean; u++)
      if (hid[u] == SBX_SUPP_NONE && (sub[u] > count[u] || residual_bad(count[u] - sub[u], k)))
        clean = 0;
  }
  if (!rc && !clean) rc = SBX_EINTERNAL;
  sbx__free(nva);
  sbx__free(sub);
  sbx__free(last);
  return rc;
}

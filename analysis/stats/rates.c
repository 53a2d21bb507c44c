/* sbx__rates(): each unit's headcount and response rate, after suppression. The
 * headcount is the organisation file's (its own, else the sum of its sub-units' when
 * every one is known). A hidden unit keeps its headcount (organisation data) but gets no
 * rate, since n / headcount would tell its size. A rate over 100 % means the file's
 * headcount is wrong: flagged and warned about, never kept as a figure. Also copies the
 * import's "don't know" counts per item while the whole organisation is shown. */
#include "analysis/results.h"
#include "surveys/util.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this share a unit's figures carry a caution. */
#define SBX_RATE_LOW_SHARE 0.5

const char *sbx__rate_flag_id(sbx_rate_flag f) {
  switch (f) {
  case SBX_RATE_OK: return "ok";
  case SBX_RATE_LOW: return "low";
  case SBX_RATE_OVER: return "over-100";
  default: return NULL;
  }
}

/* Headcounts bottom-up: units are in pre-order, so walking backwards sees every child
 * before its parent. sum[u] is -1 as soon as one child's headcount is unknown. */
static void headcounts(sbx_results *res, long *sum, int *kids) {
  const sbx_org *o = res->org;
  for (size_t u = 0; u < res->nunit; u++) sum[u] = 0, kids[u] = 0;
  for (size_t k = res->nunit; k-- > 0;) {
    long own = o->unit[k].headcount;
    long hc = own >= 0 ? own : kids[k] ? sum[k] : -1;
    res->unit[k].headcount = hc;
    size_t p = o->unit[k].parent;
    if (p == SBX_NONE || p >= res->nunit) continue;
    kids[p] = 1;
    if (hc < 0 || sum[p] < 0 || sum[p] > LONG_MAX - hc)
      sum[p] = -1;
    else
      sum[p] += hc;
  }
}

static void judge(sbx_results *res, size_t u, sbx_ctx *ctx) {
  sbx_unit_result *ur = &res->unit[u];
  ur->rate = NAN;
  ur->rate_flag = SBX_RATE_NONE;
  if (ur->suppressed || ur->headcount <= 0) return;
  double rate = (double)ur->n / (double)ur->headcount;
  if (rate > 1.0) {
    ur->rate_flag = SBX_RATE_OVER;
    const sbx_unit *un = &res->org->unit[u];
    sbx__warning(ctx, SBX_EDATA, res->org->source, un->line, un->id,
                 "more respondents (%zu) than the headcount (%ld) the organisation file "
                 "gives this unit%s; correct the headcount: the report shows no response "
                 "rate for it", ur->n, ur->headcount,
                 un->headcount >= 0 ? "" : " (the sum of its sub-units')");
    return;
  }
  ur->rate = rate;
  ur->rate_flag = rate < SBX_RATE_LOW_SHARE ? SBX_RATE_LOW : SBX_RATE_OK;
}

static int dont_know(sbx_results *res, sbx_ctx *ctx) {
  const sbx_responses *r = res->resp;
  if (!r || !r->dont_know || res->nunit == 0 || res->unit[0].suppressed) return 0;
  size_t n = res->survey->nitem;
  res->dont_know = sbx__calloc(n ? n : 1, sizeof *res->dont_know);
  if (!res->dont_know) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  memcpy(res->dont_know, r->dont_know, (n < r->nitem ? n : r->nitem) * sizeof *r->dont_know);
  return 0;
}

int sbx__rates(sbx_results *res, sbx_ctx *ctx) {
  for (size_t u = 0; u < res->nunit; u++) {
    res->unit[u].headcount = -1;
    res->unit[u].rate = NAN;
    res->unit[u].rate_flag = SBX_RATE_NONE;
  }
  if (res->org && res->org->nunit == res->nunit && res->nunit > 0) {
    long *sum = sbx__malloc(res->nunit * sizeof *sum);
    int *kids = sbx__malloc(res->nunit * sizeof *kids);
    if (!sum || !kids) {
      sbx__free(sum);
      sbx__free(kids);
      return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    headcounts(res, sum, kids);
    sbx__free(sum);
    sbx__free(kids);
    for (size_t u = 0; u < res->nunit; u++) judge(res, u, ctx);
  }
  return dont_know(res, ctx);
}

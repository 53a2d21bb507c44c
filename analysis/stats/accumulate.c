/* The one pass over the response set: per unit, exact integer sums (score histograms
 * by answered count and sum, answer counts, item and pairwise cross products for
 * reliability and agreement) of its own respondents and, rolled up, of its sub-units'.
 * The rows are sorted by unit once; the units are then visited children first (the org
 * is in pre-order, so from the last to the first), each block handed to the caller and
 * then added into its parent's. Only the blocks of the units on the path from the root
 * are held at a time, so memory grows with the tree's depth, not its number of units. */
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A unit's block bigger than this (in int64 words) is refused: it would need a survey
 * with very long scales and many points, which no questionnaire has. */
#define SBX_ACC_MAX_WORDS ((size_t)1 << 22) /* 32 MiB */

static int lut_build(sbx__acc *a, const sbx_survey *s, sbx_ctx *ctx) {
  a->lut = sbx__malloc((s->nanswer_scale ? s->nanswer_scale : 1) * 256 * sizeof *a->lut);
  if (!a->lut) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  for (size_t i = 0; i < s->nanswer_scale; i++) {
    int16_t *t = a->lut + i * 256;
    for (int v = 0; v < 256; v++) t[v] = -1;
    const sbx_answer_scale *as = &s->answer_scale[i];
    for (size_t p = 0; p < as->npoint && p < INT16_MAX; p++) {
      int v = as->point[p].value;
      if (v >= -127 && v <= 127 && v >= as->min && v <= as->max) t[v + 128] = (int16_t)p;
    }
  }
  return 0;
}

/* Point index of a rounded score: the point with that value, else the nearest one
 * (the higher on a tie). */
static size_t nearest_point(const sbx_answer_scale *as, double v) {
  double r = floor(v + 0.5);
  size_t best = 0;
  double bd = INFINITY;
  for (size_t p = 0; p < as->npoint; p++) {
    double d = fabs(as->point[p].value - r);
    if (d <= bd) {
      bd = d;
      best = p;
    }
  }
  return best;
}

static const sbx_answer_scale *scale_as(const sbx_survey *s, size_t sc) {
  const sbx_scale *k = &s->scale[sc];
  if (!k->nitem || k->item[0] >= s->nitem) return NULL;
  size_t a = s->item[k->item[0]].answer_scale;
  return a < s->nanswer_scale ? &s->answer_scale[a] : NULL;
}

typedef struct { double v; size_t b; } bin_key;
static int bin_cmp(const void *pa, const void *pb) {
  const bin_key *a = pa, *b = pb;
  if (a->v != b->v) return (a->v > b->v) - (a->v < b->v);
  return (a->b > b->b) - (a->b < b->b);
}

static int layout_bins(sbx__scale_layout *l) {
  size_t J = l->nitem, span = (size_t)(l->vmax - l->vmin);
  l->bin_off = sbx__calloc(J + 2, sizeof *l->bin_off);
  if (!l->bin_off) return SBX_ENOMEM;
  size_t nb = 0;
  for (size_t m = 0; m <= J; m++) {
    l->bin_off[m] = nb;
    if (m >= l->min_m && m > 0) nb += m * span + 1;
  }
  l->bin_off[J + 1] = nb;
  l->nbin = nb;
  l->bin_value = sbx__malloc((nb ? nb : 1) * sizeof *l->bin_value);
  l->bin_order = sbx__malloc((nb ? nb : 1) * sizeof *l->bin_order);
  l->bin_point = sbx__malloc((nb ? nb : 1) * sizeof *l->bin_point);
  if (!l->bin_value || !l->bin_order || !l->bin_point) return SBX_ENOMEM;
  bin_key *key = sbx__malloc((nb ? nb : 1) * sizeof *key);
  if (!key) return SBX_ENOMEM;
  for (size_t m = l->min_m; m <= J; m++)
    for (size_t k = 0; k <= m * span; k++) {
      size_t b = l->bin_off[m] + k;
      l->bin_value[b] = (double)((long)m * l->vmin + (long)k) / (double)m;
      l->bin_point[b] = l->as ? nearest_point(l->as, l->bin_value[b]) : 0;
      key[b].v = l->bin_value[b];
      key[b].b = b;
    }
  /* Ties (2/2 and 3/3) are ordered by bin, so the order never depends on qsort. */
  qsort(key, nb, sizeof *key, bin_cmp);
  for (size_t b = 0; b < nb; b++) l->bin_order[b] = key[b].b;
  sbx__free(key);
  return 0;
}

/* Answer counts per item on the item's own points; ih_col maps each slot to the
 * column of the same value in the scale's answer scale (for the cell's item_hist). */
static int layout_answers(sbx__scale_layout *l, const sbx_survey *s, const sbx_scale *k) {
  size_t J = l->nitem, slots = 0;
  l->ih_off = sbx__calloc(J + 1, sizeof *l->ih_off);
  if (!l->ih_off) return SBX_ENOMEM;
  for (size_t i = 0; i < J; i++) {
    l->ih_off[i] = slots;
    slots += s->answer_scale[s->item[k->item[i]].answer_scale].npoint;
  }
  l->ih_off[J] = slots;
  l->ih_raw = sbx__malloc((slots ? slots : 1) * sizeof *l->ih_raw);
  l->ih_col = sbx__malloc((slots ? slots : 1) * sizeof *l->ih_col);
  if (!l->ih_raw || !l->ih_col) return SBX_ENOMEM;
  for (size_t i = 0; i < J; i++) {
    const sbx_answer_scale *as = &s->answer_scale[s->item[k->item[i]].answer_scale];
    for (size_t p = 0; p < as->npoint; p++) {
      size_t slot = l->ih_off[i] + p;
      l->ih_raw[slot] = as->point[p].value;
      l->ih_col[slot] = SBX_NONE;
      for (size_t q = 0; l->as && q < l->as->npoint; q++)
        if (l->as->point[q].value == as->point[p].value) l->ih_col[slot] = q;
    }
  }
  return 0;
}

void sbx__item_sums(const sbx__scale_layout *l, const int64_t *b, size_t i, int64_t out[3]) {
  out[0] = out[1] = out[2] = 0;
  for (size_t slot = l->ih_off[i]; slot < l->ih_off[i + 1]; slot++) {
    int64_t c = b[l->o_ihist + slot];
    int64_t x = sbx__keyed(l, i, l->ih_raw[slot]);
    out[0] += c;
    out[1] += c * x;
    out[2] += c * x * x;
  }
}

static int layout_scale(sbx__scale_layout *l, const sbx_survey *s, size_t sc) {
  const sbx_scale *k = &s->scale[sc];
  size_t J = k->nitem;
  l->nitem = J;
  l->item = k->item;
  l->as = scale_as(s, sc);
  l->npoint = l->as ? l->as->npoint : 0;
  l->min_m = sbx__min_answered(s, J);
  l->vmin = 127;
  l->vmax = -127;
  l->flip = sbx__calloc(J ? J : 1, sizeof *l->flip);
  l->shift = sbx__calloc(J ? J : 1, sizeof *l->shift);
  l->lut_off = sbx__calloc(J ? J : 1, sizeof *l->lut_off);
  if (!l->flip || !l->shift || !l->lut_off) return SBX_ENOMEM;
  for (size_t i = 0; i < J; i++) {
    if (k->item[i] >= s->nitem || s->item[k->item[i]].answer_scale >= s->nanswer_scale)
      return SBX_EINTERNAL;
    const sbx_item *it = &s->item[k->item[i]];
    const sbx_answer_scale *as = &s->answer_scale[it->answer_scale];
    if (as->min < l->vmin) l->vmin = as->min;
    if (as->max > l->vmax) l->vmax = as->max;
    l->flip[i] = it->reverse ? -1 : 1; /* never 0 for "not reversed": min + max can be 0 */
    l->shift[i] = it->reverse ? as->min + as->max : 0;
    l->lut_off[i] = it->answer_scale * 256;
  }
  if (l->vmin > l->vmax) l->vmin = l->vmax = 0;
  if (l->vmin < -127) l->vmin = -127;
  if (l->vmax > 127) l->vmax = 127;
  int rc = layout_bins(l);
  if (!rc) rc = layout_answers(l, s, k);
  if (rc) return rc;
  size_t o = 0;
  l->o_hist = o, o += l->nbin;
  l->o_ihist = o, o += l->ih_off[J];
  l->o_any = o, o += 1;
  l->o_nc = o, o += 1;
  l->o_csum = o, o += J;
  l->o_cross = o, o += J * (J + 1) / 2;
  l->o_pair = o, o += 6 * (J * (J ? J - 1 : 0) / 2);
  l->words = o;
  return 0;
}

static int layout(sbx__acc *a, const sbx_results *res, sbx_ctx *ctx) {
  const sbx_survey *s = res->survey;
  a->nscale = s->nscale;
  a->nunit = res->nunit;
  a->lay = sbx__calloc(s->nscale ? s->nscale : 1, sizeof *a->lay);
  if (!a->lay) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  size_t words = 0;
  for (size_t sc = 0; sc < s->nscale; sc++) {
    int rc = layout_scale(&a->lay[sc], s, sc);
    if (rc == SBX_ENOMEM) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
    if (rc)
      return sbx__error(ctx, rc, s->source, s->scale[sc].line, s->scale[sc].id,
                        "the scale refers to an item that does not exist");
    a->lay[sc].base = words;
    words += a->lay[sc].words;
  }
  a->words = words ? words : 1;
  if (a->words > SBX_ACC_MAX_WORDS)
    return sbx__error(ctx, SBX_ELIMIT, s->source, 0, NULL,
                      "the survey's scales are too long for the analysis (%zu words per "
                      "unit); shorten the scales or use fewer answer points", a->words);
  a->n = sbx__calloc(a->nunit, sizeof *a->n);
  a->n_direct = sbx__calloc(a->nunit, sizeof *a->n_direct);
  if (!a->n || !a->n_direct) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  return 0;
}

/* Adds one respondent's answers on one scale into the scale's block. */
static void add_scale(const sbx__scale_layout *l, const int16_t *lut, const int8_t *row,
                      int64_t *b) {
  enum { MAXJ = 64 };
  int64_t x[MAXJ];
  unsigned char ok[MAXJ];
  size_t J = l->nitem, m = 0;
  int64_t sum = 0;
  for (size_t i = 0; i < J; i++) {
    int v = row[l->item[i]];
    int p = lut[l->lut_off[i] + (size_t)(v + 128)];
    ok[i] = p >= 0;
    if (!ok[i]) continue;
    b[l->o_ihist + l->ih_off[i] + (size_t)p]++;
    int64_t xv = sbx__keyed(l, i, v);
    x[i] = xv;
    m++;
    sum += xv;
  }
  if (!m) return;
  b[l->o_any]++;
  if (m >= l->min_m) b[l->o_hist + l->bin_off[m] + (size_t)(sum - (int64_t)m * l->vmin)]++;
  if (m == J) {
    b[l->o_nc]++;
    int64_t *cross = b + l->o_cross;
    for (size_t i = 0; i < J; i++) {
      b[l->o_csum + i] += x[i];
      for (size_t j = i; j < J; j++) *cross++ += x[i] * x[j];
    }
    return;
  }
  for (size_t i = 0; i < J; i++) {
    if (!ok[i]) continue;
    for (size_t j = i + 1; j < J; j++) {
      if (!ok[j]) continue;
      int64_t *p = b + l->o_pair + 6 * sbx__pair(i, j, J);
      p[0]++;
      p[1] += x[i];
      p[2] += x[j];
      p[3] += x[i] * x[i];
      p[4] += x[j] * x[j];
      p[5] += x[i] * x[j];
    }
  }
}

/* Scales of more than 64 items are scored but their pairwise sums would overflow the
 * stack buffers above; refuse them up front. */
static int check_lengths(const sbx_survey *s, sbx_ctx *ctx) {
  for (size_t sc = 0; sc < s->nscale; sc++)
    if (s->scale[sc].nitem > 64)
      return sbx__error(ctx, SBX_ELIMIT, s->source, s->scale[sc].line, s->scale[sc].id,
                        "a scale has %zu items; the analysis takes at most 64 per scale",
                        s->scale[sc].nitem);
  return 0;
}

static size_t unit_of(const sbx__acc *a, uint32_t u) {
  return u == SBX_NO_UNIT || (size_t)u >= a->nunit ? 0 : u;
}

/* Rows by unit of attachment (a stable counting sort; unknown units go to the root):
 * unit u's rows are order[start[u] .. start[u + 1]). */
static int sort_rows(sbx__acc *a, const sbx_responses *r, uint32_t **order, size_t **start) {
  size_t nu = a->nunit;
  *order = sbx__malloc((r->n ? r->n : 1) * sizeof **order);
  *start = sbx__calloc(2 * (nu + 1), sizeof **start);
  if (!*order || !*start) return SBX_ENOMEM;
  size_t *st = *start, *cursor = st + nu + 1;
  for (size_t i = 0; i < r->n; i++) {
    uint32_t u = r->unit[i];
    size_t unit = unit_of(a, u);
    if (unit == 0 && u != 0) a->unknown++;
    else a->n_direct[unit]++;
    a->n[unit]++;
    st[unit + 1]++;
  }
  for (size_t u = 0; u < nu; u++) st[u + 1] += st[u];
  memcpy(cursor, st, nu * sizeof *cursor);
  for (size_t i = 0; i < r->n; i++) (*order)[cursor[unit_of(a, r->unit[i])]++] = (uint32_t)i;
  return 0;
}

/* Blocks in use (one per unit on the current path) and spare ones, all zeroed. */
typedef struct block_pool {
  int64_t **spare;
  size_t nspare, cap, words;
} block_pool;

static int64_t *block_take(block_pool *p) {
  if (p->nspare) return p->spare[--p->nspare];
  return sbx__calloc(p->words, sizeof(int64_t));
}

static int block_give(block_pool *p, int64_t *b) {
  memset(b, 0, p->words * sizeof *b);
  if (p->nspare == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 16;
    int64_t **n = sbx__realloc(p->spare, cap * sizeof *n);
    if (!n) {
      sbx__free(b);
      return SBX_ENOMEM;
    }
    p->spare = n;
    p->cap = cap;
  }
  p->spare[p->nspare++] = b;
  return 0;
}

/* Unit u's block: its own rows added to what its sub-units rolled up into it. */
static void add_rows(const sbx__acc *a, const sbx_responses *r, const uint32_t *order,
                     const size_t *start, size_t u, int64_t *ub) {
  for (size_t k = start[u]; k < start[u + 1]; k++) {
    const int8_t *row = sbx__responses_row(r, order[k]);
#if defined(__GNUC__)
    if (k + 4 < start[u + 1]) __builtin_prefetch(sbx__responses_row(r, order[k + 4]));
#endif
    for (size_t sc = 0; sc < a->nscale; sc++)
      add_scale(&a->lay[sc], a->lut, row, ub + a->lay[sc].base);
  }
}

static int visit_all(sbx__acc *a, const sbx_results *res, const uint32_t *order,
                     const size_t *start, int64_t **blk, block_pool *pool,
                     sbx__acc_visit visit, void *ud) {
  const sbx_org *org = res->org;
  for (size_t u = a->nunit; u-- > 0;) {
    if (!blk[u] && !(blk[u] = block_take(pool))) return SBX_ENOMEM;
    add_rows(a, res->resp, order, start, u, blk[u]);
    int rc = visit(ud, a, u, blk[u]);
    if (rc) return rc;
    size_t p = org && u > 0 ? org->unit[u].parent : SBX_NONE;
    if (p < u) { /* pre-order: parents come first */
      if (!blk[p] && !(blk[p] = block_take(pool))) return SBX_ENOMEM;
      for (size_t k = 0; k < a->words; k++) blk[p][k] += blk[u][k];
      a->n[p] += a->n[u];
    }
    rc = block_give(pool, blk[u]);
    blk[u] = NULL;
    if (rc) return rc;
  }
  return 0;
}

int sbx__acc_run(sbx__acc *a, const sbx_results *res, sbx__acc_visit visit, void *ud,
                 sbx_ctx *ctx) {
  memset(a, 0, sizeof *a);
  const sbx_survey *s = res->survey;
  int rc = check_lengths(s, ctx);
  if (!rc) rc = layout(a, res, ctx);
  if (!rc) rc = lut_build(a, s, ctx);
  if (rc) return rc;
  uint32_t *order = NULL;
  size_t *start = NULL;
  int64_t **blk = sbx__calloc(a->nunit ? a->nunit : 1, sizeof *blk);
  block_pool pool = { NULL, 0, 0, a->words };
  rc = blk ? sort_rows(a, res->resp, &order, &start) : SBX_ENOMEM;
  if (!rc) rc = visit_all(a, res, order, start, blk, &pool, visit, ud);
  for (size_t u = 0; blk && u < a->nunit; u++) sbx__free(blk[u]);
  for (size_t i = 0; i < pool.nspare; i++) sbx__free(pool.spare[i]);
  sbx__free(pool.spare);
  sbx__free(blk);
  sbx__free(order);
  sbx__free(start);
  if (rc == SBX_ENOMEM) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory");
  return rc;
}

void sbx__acc_free(sbx__acc *a) {
  for (size_t sc = 0; a->lay && sc < a->nscale; sc++) {
    sbx__free(a->lay[sc].bin_off);
    sbx__free(a->lay[sc].bin_value);
    sbx__free(a->lay[sc].bin_order);
    sbx__free(a->lay[sc].bin_point);
    sbx__free(a->lay[sc].flip);
    sbx__free(a->lay[sc].shift);
    sbx__free(a->lay[sc].lut_off);
    sbx__free(a->lay[sc].ih_off);
    sbx__free(a->lay[sc].ih_raw);
    sbx__free(a->lay[sc].ih_col);
  }
  sbx__free(a->lay);
  sbx__free(a->n);
  sbx__free(a->n_direct);
  sbx__free(a->lut);
  memset(a, 0, sizeof *a);
}

/* The suppression rules one by one, on hand-built unit trees: own size, complementary
 * siblings, chains below a fully covered sibling, the parent fallback, the root with
 * respondents of no known unit, per-scale cells, change across waves, and the log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "analysis/stats/stats.h"

#define N SBX_NONE

/* A root of 20 with three sub-units: 12 respondents, then two of 4 (under k = 5). */
static fx root_and_three(void) {
  const size_t parent[] = { N, 0, 0, 0 };
  fx f = fx_new(4, parent, 2, 5);
  fx_unit(&f, 0, 20, 0, 3.0);
  fx_unit(&f, 1, 12, 12, 3.5);
  fx_unit(&f, 2, 4, 4, 1.0);
  fx_unit(&f, 3, 4, 4, 4.5);
  return f;
}

static void test_own_size_wipes_everything(void **state) {
  (void)state;
  fx f = root_and_three();
  f.res->unit[2].rel = calloc(2, sizeof *f.res->unit[2].rel);
  f.res->unit[2].rel[0].r_drop = calloc(3, sizeof(double));
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__suppress(f.res, ctx), 0);
  assert_true(fx_wiped(f.res, 2));
  assert_true(fx_wiped(f.res, 3));
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(f.res->unit[3].reason, SBX_SUPP_OWN_SIZE);
  /* The hidden remainder under the root is 8 >= 5: nothing else needs hiding. */
  assert_false(f.res->unit[0].suppressed);
  assert_false(f.res->unit[1].suppressed);
  assert_int_equal(f.res->unit[1].n, 12);
  assert_int_equal(f.res->unit[1].cell[1].n, 12);
  assert_float_equal(f.res->unit[1].cell[0].mean, 3.5, 1e-12);
  assert_non_null(f.res->unit[1].cell[0].score_hist);
  assert_float_equal(f.res->unit[1].leadership_gap, 0.25, 1e-12);
  assert_int_equal(f.res->nsupp, 2);
  assert_int_equal(sbx_ctx_errors(ctx), 0);
  sbx_ctx_free(ctx);
  fx_free(&f);
}

static void set_stats(sbx_cell *c, double v) {
#define SET_STAT(name) c->name = v;
  SBX_CELL_STATS(SET_STAT)
#undef SET_STAT
}

/* The name of the first statistic of r (SBX_REL_STATS) that holds a figure, or NULL. */
static const char *finite_rel_stat(const sbx_reliability *r) {
#define REL_FINITE(name) \
  if (!isnan(r->name)) return #name;
  SBX_REL_STATS(REL_FINITE)
#undef REL_FINITE
  return NULL;
}

/* The name of the first statistic of ur (SBX_UNIT_STATS, or only the box ones) that
 * holds a figure, or NULL. */
static const char *finite_unit_stat(const sbx_unit_result *ur, int box_only) {
#define UNIT_FINITE(name) \
  if (!isnan(ur->name)) return #name;
  if (box_only) {
    SBX_UNIT_BOX_STATS(UNIT_FINITE)
  } else {
    SBX_UNIT_STATS(UNIT_FINITE)
  }
#undef UNIT_FINITE
  return NULL;
}

/* A suppressed cell keeps no statistic, whether its whole unit goes (own size) or only
 * the cell of a shown unit, nor does the scale's reliability in that unit: every
 * statistic is filled with a figure first and checked afterwards through
 * SBX_CELL_STATS and SBX_REL_STATS, the lists the fields are declared from, so a
 * statistic added to a list is checked with no change here. The check is checked too:
 * a figure planted in each statistic in turn is found and named. */
static void test_wiped_cell_keeps_no_statistic(void **state) {
  (void)state;
  fx f = root_and_three();
  fx_fill_cell(&f.res->unit[1].cell[1], 4, 2.0);
  for (size_t u = 0; u < 4; u++) {
    for (size_t s = 0; s < 2; s++) set_stats(&f.res->unit[u].cell[s], 1.0);
#define SET_UNIT(name) f.res->unit[u].name = 0.5;
    SBX_UNIT_STATS(SET_UNIT)
#undef SET_UNIT
  }
  sbx_reliability *rel = calloc(2, sizeof *rel);
  for (size_t s = 0; s < 2; s++) {
    rel[s].computed = 1;
#define SET_REL(name) rel[s].name = 0.8;
    SBX_REL_STATS(SET_REL)
#undef SET_REL
  }
  f.res->unit[1].rel = rel;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  const char *left_rel = finite_rel_stat(&rel[1]);
  if (left_rel) fail_msg("the reliability of a suppressed cell keeps %s", left_rel);
  assert_false(rel[1].computed);
  assert_non_null(finite_rel_stat(&rel[0])); /* the shown cell's stays */
  assert_true(f.res->unit[3].suppressed);                                /* the unit */
  assert_true(!f.res->unit[1].suppressed && f.res->unit[1].cell[1].suppressed); /* a cell */
  size_t wiped = 0;
  for (size_t u = 0; u < 4; u++)
    for (size_t s = 0; s < 2; s++) {
      const sbx_cell *c = &f.res->unit[u].cell[s];
      const char *left = fx_finite_stat(c);
      if (c->suppressed && left) fail_msg("u%zu scale %zu is suppressed but keeps %s", u, s, left);
      if (!c->suppressed) assert_non_null(left);
      wiped += c->suppressed ? 1 : 0;
    }
  assert_int_equal(wiped, 5);
  /* The hidden unit keeps no unit statistic; the shown unit with a hidden box cell keeps
   * none of the box ones (its balance would tell the hidden box's mean). */
  const char *left_unit = finite_unit_stat(&f.res->unit[3], 0);
  if (left_unit) fail_msg("the hidden unit 3 keeps %s", left_unit);
  left_unit = finite_unit_stat(&f.res->unit[1], 1); /* no survey: every scale is a box */
  if (left_unit) fail_msg("unit 1 with a hidden box cell keeps %s", left_unit);
  assert_float_equal(f.res->unit[1].rate, 0.5, 0); /* not a box statistic: stays */
  sbx_unit_result ur = f.res->unit[3];
#define PLANT_UNIT(name)                                                          \
  ur.name = 2.0;                                                                  \
  assert_string_equal(finite_unit_stat(&ur, 0) ? finite_unit_stat(&ur, 0) : "", #name); \
  ur.name = NAN;
  SBX_UNIT_STATS(PLANT_UNIT)
#undef PLANT_UNIT
  assert_null(finite_unit_stat(&ur, 0));
  sbx_cell c = f.res->unit[3].cell[0];
#define PLANT(name)                                 \
  c.name = 2.0;                                     \
  assert_string_equal(fx_finite_stat(&c) ? fx_finite_stat(&c) : "", #name); \
  c.name = NAN;
  SBX_CELL_STATS(PLANT)
#undef PLANT
  assert_null(fx_finite_stat(&c));
  sbx_reliability r = rel[1];
#define PLANT_REL(name)                                                     \
  r.name = 2.0;                                                             \
  assert_string_equal(finite_rel_stat(&r) ? finite_rel_stat(&r) : "", #name); \
  r.name = NAN;
  SBX_REL_STATS(PLANT_REL)
#undef PLANT_REL
  assert_null(finite_rel_stat(&r));
  fx_free(&f);
}

/* A unit with nobody is hidden too: showing 0 but "fewer than 5" for 1..4 would tell
 * them apart. */
static void test_empty_unit_is_hidden(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 0 };
  fx f = fx_new(3, parent, 1, 5);
  fx_unit(&f, 0, 10, 0, 3.0);
  fx_unit(&f, 1, 10, 10, 3.0);
  fx_unit(&f, 2, 0, 0, NAN);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_true(fx_wiped(f.res, 2));
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_OWN_SIZE);
  assert_false(f.res->unit[1].suppressed);
  fx_free(&f);
}

/* Dialog's example: X = 9 with A = 3 (hidden) and B = 6: B is hidden as well, or
 * X - B would give A. */
static void test_complement_sibling(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 1, 0 };
  fx f = fx_new(5, parent, 1, 5);
  fx_unit(&f, 0, 29, 0, 3.0);
  fx_unit(&f, 1, 9, 0, 3.0);
  fx_unit(&f, 2, 3, 3, 2.0);
  fx_unit(&f, 3, 6, 6, 3.5);
  fx_unit(&f, 4, 20, 20, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(f.res->unit[3].reason, SBX_SUPP_COMPLEMENT);
  assert_true(fx_wiped(f.res, 3));
  assert_false(f.res->unit[1].suppressed);
  assert_false(f.res->unit[4].suppressed);
  assert_int_equal(f.res->unit[1].n, 9);
  fx_free(&f);
}

/* The smallest visible sibling goes, not the first or the largest. */
static void test_complement_picks_smallest(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 0, 0, 0 };
  fx f = fx_new(5, parent, 1, 5);
  fx_unit(&f, 0, 26, 0, 3.0);
  fx_unit(&f, 1, 10, 10, 3.0);
  fx_unit(&f, 2, 3, 3, 3.0);
  fx_unit(&f, 3, 7, 7, 3.0);
  fx_unit(&f, 4, 6, 6, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(f.res->unit[4].reason, SBX_SUPP_COMPLEMENT);
  assert_false(f.res->unit[1].suppressed);
  assert_false(f.res->unit[3].suppressed);
  fx_free(&f);
}

/* Respondents directly in the parent count as hidden: P = 12 with 2 directly and one
 * child of 10 gives the 2 away unless the child is hidden. */
static void test_direct_respondents(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 0 };
  fx f = fx_new(4, parent, 1, 5);
  fx_unit(&f, 0, 32, 0, 3.0);
  fx_unit(&f, 1, 12, 2, 3.0);
  fx_unit(&f, 2, 10, 10, 3.0);
  fx_unit(&f, 3, 20, 20, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_COMPLEMENT);
  assert_false(f.res->unit[1].suppressed);
  assert_false(f.res->unit[0].suppressed);
  fx_free(&f);
}

/* The root with 3 respondents of no known unit over a fully covered child A (A1, A2
 * shown): hiding A alone changes nothing (its remainder is 0), so A1 goes too. */
static void test_root_unknown_and_chain(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 1 };
  fx f = fx_new(4, parent, 1, 5);
  f.res->unknown_unit = 3;
  fx_unit(&f, 0, 23, 0, 3.0);
  fx_unit(&f, 1, 20, 0, 3.0);
  fx_unit(&f, 2, 10, 10, 3.0);
  fx_unit(&f, 3, 10, 10, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_false(f.res->unit[0].suppressed);
  assert_int_equal(f.res->unit[1].reason, SBX_SUPP_COMPLEMENT);
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_COMPLEMENT);
  assert_false(f.res->unit[3].suppressed);
  /* What one can now subtract at the root: 23 - 10 = 13. */
  assert_int_equal(f.res->unit[0].n - f.res->unit[3].n, 13);
  fx_free(&f);
}

/* Without respondents of unknown unit the same tree shows everything. */
static void test_root_fully_covered(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 1 };
  fx f = fx_new(4, parent, 1, 5);
  fx_unit(&f, 0, 20, 0, 3.0);
  fx_unit(&f, 1, 20, 0, 3.0);
  fx_unit(&f, 2, 10, 10, 3.0);
  fx_unit(&f, 3, 10, 10, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  for (size_t u = 0; u < 4; u++) assert_false(f.res->unit[u].suppressed);
  assert_int_equal(f.res->nsupp, 0);
  fx_free(&f);
}

/* A parent whose only child is hidden keeps its figure: what one can subtract is its
 * own n, at least k. The fallback (hide the parent) is therefore never needed with
 * consistent counts; inconsistent counts fail closed instead. */
static void test_parent_fallback_and_inconsistency(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1 };
  fx f = fx_new(3, parent, 1, 5);
  fx_unit(&f, 0, 7, 0, 3.0);
  fx_unit(&f, 1, 7, 3, 3.0);
  fx_unit(&f, 2, 4, 4, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_false(f.res->unit[0].suppressed);
  assert_false(f.res->unit[1].suppressed);
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_OWN_SIZE);
  fx_free(&f);

  fx g = fx_new(3, parent, 1, 5);
  fx_unit(&g, 0, 9, 0, 3.0);
  fx_unit(&g, 1, 9, 0, 3.0);
  fx_unit(&g, 2, 12, 12, 3.0); /* more than its parent */
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__suppress(g.res, ctx), SBX_EINTERNAL);
  assert_int_equal(sbx_ctx_errors(ctx), 1);
  char buf[512];
  sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, 0));
  assert_non_null(strstr(buf, "inconsistent"));
  assert_null(strstr(buf, "12"));
  sbx_ctx_free(ctx);
  fx_free(&g);
}

/* The tree rule on its own: hiding the only candidate of a parent whose remainder is
 * still too small goes one level down, and a broken order is refused. */
static void test_protect_directly(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 2, 2 };
  const size_t count[] = { 22, 20, 20, 10, 10 };
  sbx_supp_reason hid[5] = { 0 };
  size_t bad, r[5];
  assert_int_equal(sbx__protect(parent, 5, count, hid, 5, &bad), 0);
  assert_int_equal(hid[0], SBX_SUPP_NONE);
  assert_int_equal(hid[1], SBX_SUPP_COMPLEMENT);
  assert_int_equal(hid[2], SBX_SUPP_COMPLEMENT);
  assert_int_equal(hid[3], SBX_SUPP_COMPLEMENT);
  assert_int_equal(hid[4], SBX_SUPP_NONE);
  sbx__protect_residuals(parent, 5, count, hid, r);
  assert_int_equal(r[0], 12);
  assert_int_equal(r[4], 10);
  assert_int_equal(r[1], SBX_NONE);
  /* Already hidden groups stay hidden with their reason. */
  sbx_supp_reason pre[5] = { 0, 0, 0, SBX_SUPP_COMPLEMENT, 0 };
  const size_t c2[] = { 20, 20, 20, 10, 10 };
  assert_int_equal(sbx__protect(parent, 5, c2, pre, 5, &bad), 0);
  assert_int_equal(pre[3], SBX_SUPP_COMPLEMENT);
  assert_int_equal(pre[4], SBX_SUPP_NONE);
  const size_t c3[] = { 20, 20, 20, 30, 10 };
  sbx_supp_reason h3[5] = { 0 };
  assert_int_equal(sbx__protect(parent, 5, c3, h3, 5, &bad), SBX_EINTERNAL);
  assert_int_equal(bad, 2);
}

/* Item non-response: a visible unit of 10 where only 4 have a score on scale 1. */
static void test_cell_own_size(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 0 };
  fx f = fx_new(3, parent, 2, 5);
  fx_unit(&f, 0, 20, 0, 3.0);
  fx_unit(&f, 1, 10, 10, 3.0);
  fx_unit(&f, 2, 10, 10, 3.0);
  fx_fill_cell(&f.res->unit[0].cell[1], 14, 3.0);
  fx_fill_cell(&f.res->unit[1].cell[1], 4, 2.0);
  fx_fill_cell(&f.res->unit[2].cell[1], 10, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  const sbx_cell *c = &f.res->unit[1].cell[1];
  assert_true(c->suppressed);
  assert_int_equal(c->reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(c->n, 0);
  assert_true(isnan(c->mean));
  assert_null(c->score_hist);
  assert_false(c->has_change);
  /* 14 - 10 = 4 would give the hidden cell away: the sibling's cell goes too. */
  assert_int_equal(f.res->unit[2].cell[1].reason, SBX_SUPP_COMPLEMENT);
  assert_true(isnan(f.res->unit[2].cell[1].mean));
  /* Scale 0 and the units themselves stay. */
  assert_false(f.res->unit[1].suppressed);
  assert_false(f.res->unit[1].cell[0].suppressed);
  assert_int_equal(f.res->unit[1].n, 10);
  assert_false(f.res->unit[0].cell[1].suppressed);
  /* A hidden box makes the balance figures derivable: gone. */
  assert_true(isnan(f.res->unit[1].leadership_gap));
  assert_true(isnan(f.res->unit[2].box_spread));
  assert_float_equal(f.res->unit[0].leadership_gap, 0.25, 1e-12);
  assert_non_null(fx_log(f.res, 1, 1));
  assert_int_equal(fx_log(f.res, 1, 1)->reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(fx_log(f.res, 2, 1)->reason, SBX_SUPP_COMPLEMENT);
  assert_null(fx_log(f.res, 1, 0));
  assert_int_equal(f.res->nsupp, 2);
  fx_free(&f);
}

/* The whole organisation's scale figures go with its cell. */
static void test_root_cell_hides_scale_figures(void **state) {
  (void)state;
  const size_t parent[] = { N };
  fx f = fx_new(1, parent, 2, 5);
  fx_unit(&f, 0, 8, 8, 3.0);
  fx_fill_cell(&f.res->unit[0].cell[1], 3, 3.0);
  f.res->scale[1].rel.computed = 1;
  f.res->scale[1].rel.alpha = 0.8;
  f.res->scale[1].rel.r_drop = calloc(4, sizeof(double));
  f.res->scale[1].icc1 = 0.1;
  f.res->scale[0].icc1 = 0.2;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_true(f.res->unit[0].cell[1].suppressed);
  assert_false(f.res->scale[1].rel.computed);
  assert_null(f.res->scale[1].rel.r_drop);
  assert_true(isnan(f.res->scale[1].rel.alpha));
  assert_true(isnan(f.res->scale[1].icc1));
  assert_float_equal(f.res->scale[0].icc1, 0.2, 1e-12);
  fx_free(&f);
}

/* Without an organisation there is only the root; below k it shows nothing. */
static void test_no_org(void **state) {
  (void)state;
  const size_t parent[] = { N };
  fx f = fx_new(1, parent, 1, 5);
  fx_unit(&f, 0, 4, 4, 3.0);
  f.res->org = NULL;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_true(fx_wiped(f.res, 0));
  assert_int_equal(f.res->nsupp, 1);
  assert_int_equal(f.res->supp[0].scale, SBX_NONE);
  fx_free(&f);
}

/* Log: one entry per hidden unit (scale SBX_NONE) and per hidden cell of a shown
 * unit, in unit order, with a reason and nothing else. */
static void test_log_reasons(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 1, 0 };
  fx f = fx_new(5, parent, 2, 5);
  fx_unit(&f, 0, 29, 0, 3.0);
  fx_unit(&f, 1, 9, 0, 3.0);
  fx_unit(&f, 2, 3, 3, 2.0);
  fx_unit(&f, 3, 6, 6, 3.5);
  fx_unit(&f, 4, 20, 20, 3.0);
  fx_fill_cell(&f.res->unit[0].cell[1], 27, 3.0);
  fx_fill_cell(&f.res->unit[4].cell[1], 18, 3.0);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_int_equal(f.res->nsupp, 2);
  assert_int_equal(f.res->supp[0].unit, 2);
  assert_int_equal(f.res->supp[0].scale, SBX_NONE);
  assert_int_equal(f.res->supp[0].reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(f.res->supp[1].unit, 3);
  assert_int_equal(f.res->supp[1].reason, SBX_SUPP_COMPLEMENT);
  /* Scale 1: 27 - 9 - 18 = 0 at the root, nothing more to hide. */
  assert_false(f.res->unit[1].cell[1].suppressed);
  fx_free(&f);
}

/* Item details: in a shown cell of 10, an item answered by 3 shows no figure, and
 * nor do the cell's other items (its box mean and their means would give it back);
 * its sibling's item details go too when the parent would give it away. */
static void test_item_details(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 0 };
  fx f = fx_new(3, parent, 1, 5);
  fx_survey(&f, 2, 5);
  fx_unit(&f, 0, 20, 0, 3.0);
  fx_unit(&f, 1, 10, 10, 3.0);
  fx_unit(&f, 2, 10, 10, 3.0);
  fx_items(&f, 0, 0, (const size_t[]){ 20, 13 }, 2, 5);
  fx_items(&f, 1, 0, (const size_t[]){ 10, 3 }, 2, 5);
  fx_items(&f, 2, 0, (const size_t[]){ 10, 10 }, 2, 5);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  const sbx_cell *a = &f.res->unit[1].cell[0], *b = &f.res->unit[2].cell[0];
  const sbx_cell *r = &f.res->unit[0].cell[0];
  assert_false(a->suppressed);
  assert_int_equal(a->item_n[0], 0);
  assert_int_equal(a->item_n[1], 0);
  assert_true(isnan(a->item_mean[0]) && isnan(a->item_mean[1]));
  assert_int_equal(a->item_hist[5 + 1], 0);
  assert_int_equal(a->item_hist[1], 0);
  /* 13 - 10 = 3 at the root: the other unit's item details are hidden as well. */
  assert_int_equal(b->item_n[1], 0);
  assert_int_equal(b->item_hist[5 + 1], 0);
  assert_int_equal(b->item_n[0], 0);
  assert_int_equal(r->item_n[1], 13);
  assert_float_equal(r->item_mean[1], 2.0, 1e-12);
  /* Item details do not hide the cells or the units. */
  assert_int_equal(f.res->nsupp, 0);
  fx_free(&f);
}

/* The people who skipped some items are a layer of their own: with 2 of them in a
 * shown cell of 10 (every item answered by at least 8), the item sums minus twice the
 * box sum would leave the two people's answers, so the item details go; 0 skippers or
 * at least k are fine. */
static void test_item_skippers(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 0 };
  fx f = fx_new(3, parent, 1, 5);
  fx_survey(&f, 2, 5);
  fx_unit(&f, 0, 30, 0, 3.0);
  fx_unit(&f, 1, 10, 10, 3.0);
  fx_unit(&f, 2, 20, 20, 3.0);
  fx_items(&f, 0, 0, (const size_t[]){ 29, 29 }, 2, 5);
  fx_items(&f, 1, 0, (const size_t[]){ 9, 9 }, 2, 5);
  fx_items(&f, 2, 0, (const size_t[]){ 20, 20 }, 2, 5);
  f.res->unit[0].cell[0].n_incomplete = 2;
  f.res->unit[1].cell[0].n_incomplete = 2;
  f.res->unit[2].cell[0].n_incomplete = 0;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  /* Unit 1: 2 skippers, hidden; the root: 2 - 0 (unit 2 has none) = 2, hidden too. */
  assert_int_equal(f.res->unit[1].cell[0].item_n[0], 0);
  assert_int_equal(f.res->unit[0].cell[0].item_n[0], 0);
  assert_int_equal(f.res->unit[2].cell[0].item_n[0], 20);
  assert_int_equal(f.res->unit[2].cell[0].item_n[1], 20);
  fx_free(&f);
}

/* ICC over leaf units: with hidden leaves it would give their respondents away (it
 * implies N / groups), so it is recomputed over the shown leaves; untouched when no
 * leaf with answers is hidden. */
static void icc_leaves(fx *f, const size_t *leaf, size_t n, sbx_scale_result *out) {
  sbx__moments g[8];
  for (size_t i = 0; i < n; i++) {
    const sbx_cell *c = &f->res->unit[leaf[i]].cell[0];
    g[i].n = c->n;
    g[i].mean = c->mean;
    g[i].sd = c->sd;
    g[i].ss = c->sd * c->sd * (double)(c->n - 1);
  }
  sbx__icc(g, n, out);
}

static void test_icc_over_shown_leaves(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 0, 0, 0 };
  fx f = fx_new(5, parent, 1, 5);
  fx_unit(&f, 0, 28, 0, 3.0);
  fx_unit(&f, 1, 10, 10, 2.5);
  fx_unit(&f, 2, 3, 3, 4.5);
  fx_unit(&f, 3, 12, 12, 3.25);
  fx_unit(&f, 4, 3, 3, 1.5);
  for (size_t u = 1; u < 5; u++) f.res->unit[u].cell[0].sd = 0.5 + 0.1 * (double)u;
  icc_leaves(&f, (const size_t[]){ 1, 2, 3, 4 }, 4, &f.res->scale[0]);
  assert_int_equal(f.res->scale[0].icc_n, 28);
  sbx_scale_result want;
  icc_leaves(&f, (const size_t[]){ 1, 3 }, 2, &want);
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_true(f.res->unit[2].suppressed && f.res->unit[4].suppressed);
  const sbx_scale_result *got = &f.res->scale[0];
  assert_int_equal(got->icc_groups, 2);
  assert_int_equal(got->icc_n, 22);
  assert_float_equal(got->icc1, want.icc1, 1e-12);
  assert_float_equal(got->icc2, want.icc2, 1e-12);
  assert_float_equal(got->icc_k, 11.0, 1e-12);
  fx_free(&f);

  fx g = fx_new(3, parent, 1, 5);
  fx_unit(&g, 0, 22, 0, 3.0);
  fx_unit(&g, 1, 10, 10, 2.5);
  fx_unit(&g, 2, 12, 12, 3.5);
  g.res->scale[0].icc1 = 0.125;
  g.res->scale[0].icc_groups = 2;
  assert_int_equal(sbx__suppress(g.res, NULL), 0);
  assert_float_equal(g.res->scale[0].icc1, 0.125, 0);
  fx_free(&g);
}

static void test_min_group_floor(void **state) {
  (void)state;
  const size_t parent[] = { N };
  fx f = fx_new(1, parent, 1, 5);
  f.res->opts.min_group = 2;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__suppress(f.res, ctx), SBX_EUSAGE);
  sbx_ctx_free(ctx);
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_own_size_wipes_everything),
    cmocka_unit_test(test_wiped_cell_keeps_no_statistic),
    cmocka_unit_test(test_empty_unit_is_hidden),
    cmocka_unit_test(test_complement_sibling),
    cmocka_unit_test(test_complement_picks_smallest),
    cmocka_unit_test(test_direct_respondents),
    cmocka_unit_test(test_root_unknown_and_chain),
    cmocka_unit_test(test_root_fully_covered),
    cmocka_unit_test(test_parent_fallback_and_inconsistency),
    cmocka_unit_test(test_protect_directly),
    cmocka_unit_test(test_cell_own_size),
    cmocka_unit_test(test_root_cell_hides_scale_figures),
    cmocka_unit_test(test_no_org),
    cmocka_unit_test(test_log_reasons),
    cmocka_unit_test(test_item_details),
    cmocka_unit_test(test_item_skippers),
    cmocka_unit_test(test_icc_over_shown_leaves),
    cmocka_unit_test(test_min_group_floor),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The rules through the whole analysis (sbx_analyse: scoring, suppression, comparisons,
 * drivers, goals) on a small municipality (tests/data/suppress): hidden units and cells
 * carry no figure after every later step, changes only where both waves are visible,
 * goal evidence on hidden cells has no figures, comments go up and are masked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

typedef struct world {
  sbx_survey *survey;
  sbx_org *org;
  sbx_responses *resp;
  sbx_baseline *base;
} world;

static size_t unit_ix(const world *w, const char *id) {
  size_t u = sbx__org_find_unit(w->org, id);
  assert_true(u != SBX_NONE);
  return u;
}

/* n respondents in unit id; `skip` of them leave leadership-2 blank (no leadership
 * score then); the first writes `comment`. Answers vary deterministically. */
static void people(world *w, const char *id, size_t n, size_t skip, const char *comment) {
  uint32_t unit = id ? (uint32_t)unit_ix(w, id) : SBX_NO_UNIT;
  size_t lead2 = sbx__survey_find_item(w->survey, "leadership-2");
  for (size_t i = 0; i < n; i++) {
    int8_t v[64];
    for (size_t j = 0; j < w->survey->nitem; j++) v[j] = (int8_t)(1 + (i * 7 + j * 3 + n) % 5);
    if (i < skip) v[lead2] = SBX_MISSING;
    assert_int_equal(sbx__responses_add(w->resp, v, unit, 0, (uint32_t)(w->resp->n + 2), NULL), 0);
    if (i == 0 && comment)
      assert_int_equal(sbx__responses_add_comment(w->resp, (uint32_t)w->resp->n - 1, 0, comment), 0);
  }
}

static void baseline_cell(sbx_baseline *b, const char *unit, const char *scale) {
  b->cell = realloc(b->cell, (b->ncell + 1) * sizeof *b->cell);
  sbx_baseline_cell *c = &b->cell[b->ncell++];
  c->unit = sbx__strdup(unit);
  c->scale = sbx__strdup(scale);
  c->n = 12;
  c->mean = 3.1;
  c->sd = 0.9;
}

static int setup(void **state) {
  world *w = calloc(1, sizeof *w);
  sbx_ctx *ctx = sbx_ctx_new();
  if (sbx_survey_load(&w->survey, SBX_TEST_DATA "/suppress/survey.xml", ctx) ||
      sbx_org_load(&w->org, SBX_TEST_DATA "/suppress/org.xml", ctx)) {
    char buf[512];
    for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
      sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, i));
      print_error("%s\n", buf);
    }
    sbx_ctx_free(ctx);
    return -1;
  }
  sbx_ctx_free(ctx);
  sbx__responses_new(&w->resp, w->survey->nitem);
  uint32_t src;
  sbx__responses_add_source(w->resp, "test.csv", "generic", &src);
  people(w, "skola-a", 3, 0, "Ring mig på 070-123 45 67, jag är ensam om det här");
  people(w, "skola-b", 6, 0, "Skola B");
  people(w, "hemtjanst", 20, 17, "Mejla chefen@provkommun.se");
  people(w, "boende", 12, 0, NULL);
  people(w, "bolaget", 15, 0, "Bolaget");
  people(w, NULL, 5, 0, "Utan enhet 19850709-9805");
  w->base = calloc(1, sizeof *w->base);
  baseline_cell(w->base, "skola-b", "leadership");
  baseline_cell(w->base, "boende", "leadership");
  baseline_cell(w->base, "boende", "purposes");
  baseline_cell(w->base, "bolaget", "leadership");
  *state = w;
  return 0;
}

static int teardown(void **state) {
  world *w = *state;
  sbx__responses_free(w->resp);
  sbx_org_free(w->org);
  sbx_survey_free(w->survey);
  sbx__baseline_free(w->base);
  free(w);
  return 0;
}

static sbx_results *analyse(world *w) {
  sbx_analysis_opts o = SBX_ANALYSIS_OPTS_INIT;
  o.baseline = w->base;
  o.bootstrap = 50;
  sbx_results *res = NULL;
  sbx_ctx *ctx = sbx_ctx_new();
  int rc = sbx_analyse(&res, w->survey, w->org, w->resp, &o, ctx);
  if (rc) {
    char buf[512];
    for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
      sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, i));
      print_error("%s\n", buf);
    }
  }
  assert_int_equal(rc, 0);
  sbx_ctx_free(ctx);
  return res;
}

static void test_units_and_cells(void **state) {
  world *w = *state;
  sbx_results *res = analyse(w);
  size_t a = unit_ix(w, "skola-a"), b = unit_ix(w, "skola-b"), bou = unit_ix(w, "bou");
  size_t hem = unit_ix(w, "hemtjanst"), boe = unit_ix(w, "boende");
  size_t oms = unit_ix(w, "omsorg"), bol = unit_ix(w, "bolaget");
  size_t lead = sbx__survey_find_scale(w->survey, "leadership");
  size_t purp = sbx__survey_find_scale(w->survey, "purposes");
  assert_int_equal(res->unit[0].n, 61);
  assert_int_equal(res->unknown_unit, 5);
  assert_int_equal(res->unit[a].reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(res->unit[b].reason, SBX_SUPP_COMPLEMENT);
  assert_true(fx_wiped(res, a));
  assert_true(fx_wiped(res, b));
  /* The förvaltning keeps its 9: what can be subtracted under it is all 9. */
  assert_false(res->unit[bou].suppressed);
  assert_int_equal(res->unit[bou].n, 9);
  /* Hemtjänst: 3 leadership scores of 20; the boende's leadership goes with it. */
  assert_false(res->unit[hem].suppressed);
  assert_int_equal(res->unit[hem].cell[lead].reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(res->unit[boe].cell[lead].reason, SBX_SUPP_COMPLEMENT);
  assert_false(res->unit[oms].cell[lead].suppressed);
  assert_int_equal(res->unit[oms].cell[lead].n, 15);
  assert_true(isnan(res->unit[hem].leadership_gap));
  /* Comparisons ran after suppression: hidden cells have none, visible ones do. */
  const sbx_cell *hl = &res->unit[hem].cell[lead];
  assert_true(isnan(hl->rest_mean) && isnan(hl->p) && isnan(hl->p_adj) && isnan(hl->g));
  assert_false(isnan(res->unit[bol].cell[lead].rest_mean));
  /* Change only where both waves are visible. */
  assert_false(res->unit[boe].cell[lead].has_change);
  assert_true(isnan(res->unit[boe].cell[lead].change));
  assert_false(res->unit[b].cell[lead].has_change);
  assert_true(res->unit[boe].cell[purp].has_change);
  assert_true(res->unit[bol].cell[lead].has_change);
  /* The log. */
  assert_int_equal(fx_log(res, a, SBX_NONE)->reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(fx_log(res, b, SBX_NONE)->reason, SBX_SUPP_COMPLEMENT);
  assert_int_equal(fx_log(res, hem, lead)->reason, SBX_SUPP_OWN_SIZE);
  assert_int_equal(fx_log(res, boe, lead)->reason, SBX_SUPP_COMPLEMENT);
  assert_int_equal(res->nsupp, 4);
  sbx_results_free(res);
}

static void test_goals_and_drivers(void **state) {
  world *w = *state;
  sbx_results *res = analyse(w);
  size_t b = unit_ix(w, "skola-b"), hem = unit_ix(w, "hemtjanst");
  size_t lead = sbx__survey_find_scale(w->survey, "leadership");
  for (size_t g = 0; g < res->ngoal; g++) {
    const sbx_goal_result *gr = &res->goal[g];
    for (size_t e = 0; e < gr->nev; e++) {
      /* Evidence may name a hidden cell (the goal's critical box), never its figures. */
      const sbx_evidence *ev = &gr->ev[e];
      int hidden = res->unit[ev->unit].suppressed ||
                   res->unit[ev->unit].cell[ev->scale].suppressed;
      if (ev->unit == hem && ev->scale == lead) assert_true(hidden);
      if (hidden) {
        assert_true(isnan(ev->mean) && isnan(ev->ci_lo) && isnan(ev->ci_hi));
        assert_int_equal(ev->n, 0);
        assert_int_equal(ev->status, SBX_STATUS_NONE);
      } else {
        assert_true(ev->n >= 5);
      }
    }
    const char *id = w->org->goal[gr->goal].id;
    if (strcmp(id, "o-skola-b") == 0 || strcmp(id, "o-hemtjanst") == 0)
      assert_int_equal(gr->status, SBX_GOAL_UNKNOWN);
  }
  for (size_t d = 0; d < res->ndrivers; d++) {
    assert_false(res->unit[res->drivers[d].unit].suppressed);
    assert_true(res->drivers[d].unit != b);
  }
  sbx_results_free(res);
}

static void test_comments_through_pipeline(void **state) {
  world *w = *state;
  sbx_results *res = analyse(w);
  size_t hem = unit_ix(w, "hemtjanst"), bol = unit_ix(w, "bolaget");
  int seen[4] = { 0 };
  for (size_t i = 0; i < res->ncomment; i++) {
    const sbx_comment_out *c = &res->comment[i];
    if (strstr(c->text, "ensam om")) {
      assert_string_equal(c->text, "Ring mig på [telefonnummer], jag är ensam om det här");
      assert_int_equal(c->unit, 0);
      seen[0] = 1;
    } else if (strstr(c->text, "Mejla")) {
      assert_string_equal(c->text, "Mejla [e-post]");
      assert_int_equal(c->unit, hem);
      seen[1] = 1;
    } else if (strcmp(c->text, "Bolaget") == 0) {
      assert_int_equal(c->unit, bol);
      seen[2] = 1;
    } else if (strstr(c->text, "Utan enhet")) {
      assert_string_equal(c->text, "Utan enhet [personnummer]");
      assert_int_equal(c->unit, 0);
      seen[3] = 1;
    } else {
      assert_string_equal(c->text, "Skola B");
      assert_int_equal(c->unit, 0);
    }
  }
  assert_int_equal(res->ncomment, 5);
  for (int i = 0; i < 4; i++) assert_true(seen[i]);
  /* Same input, same order. */
  sbx_results *again = analyse(w);
  for (size_t i = 0; i < res->ncomment; i++)
    assert_string_equal(res->comment[i].text, again->comment[i].text);
  sbx_results_free(again);
  sbx_results_free(res);
}

/* n people of unit id (NULL: unknown unit) through source src of r. */
static void from_source(world *w, sbx_responses *r, uint32_t src, const char *id, size_t n) {
  uint32_t unit = id ? (uint32_t)unit_ix(w, id) : SBX_NO_UNIT;
  for (size_t i = 0; i < n; i++) {
    int8_t v[64];
    for (size_t j = 0; j < w->survey->nitem; j++) v[j] = (int8_t)(1 + (i + j) % 5);
    assert_int_equal(sbx__responses_add(r, v, unit, src, (uint32_t)(i + 2), NULL), 0);
    r->src[src].read++;
    r->src[src].accepted++;
  }
}

static sbx_results *analyse_resp(world *w, sbx_responses *r) {
  sbx_responses *keep = w->resp;
  w->resp = r;
  w->base = NULL;
  sbx_results *res = analyse(w);
  w->resp = keep;
  return res;
}

/* Counts that would give a hidden group's size away are not for publication: per-source
 * counts when a file brought people of a hidden unit (each enhet its own link), and
 * every count when the whole organisation is below k. */
static void test_counts_shown(void **state) {
  world *w = *state;
  sbx_baseline *base = w->base;
  sbx_responses *r;
  uint32_t a, b;
  /* Skola A (3, hidden) answered through its own file. */
  sbx__responses_new(&r, w->survey->nitem);
  sbx__responses_add_source(r, "skola-a.csv", "generic", &a);
  sbx__responses_add_source(r, "alla.csv", "generic", &b);
  from_source(w, r, a, "skola-a", 3);
  from_source(w, r, b, "skola-b", 6);
  from_source(w, r, b, "bolaget", 15);
  sbx_results *res = analyse_resp(w, r);
  assert_true(res->unit[unit_ix(w, "skola-a")].suppressed);
  assert_int_equal(res->counts_shown, 1);
  assert_int_equal(res->sources_shown, 0);
  sbx_results_free(res);
  sbx__responses_free(r);
  /* Two files, each of shown units only: their counts are sums of shown units. */
  sbx__responses_new(&r, w->survey->nitem);
  sbx__responses_add_source(r, "bolaget.csv", "generic", &a);
  sbx__responses_add_source(r, "boende.csv", "generic", &b);
  from_source(w, r, a, "bolaget", 15);
  from_source(w, r, b, "boende", 12);
  res = analyse_resp(w, r);
  assert_int_equal(res->counts_shown, 1);
  assert_int_equal(res->sources_shown, 1);
  sbx_results_free(res);
  /* Two people of unknown unit in a file of their own: fewer than k, so no counts. */
  from_source(w, r, b, NULL, 0);
  uint32_t c;
  sbx__responses_add_source(r, "okand.csv", "generic", &c);
  from_source(w, r, c, NULL, 2);
  res = analyse_resp(w, r);
  assert_int_equal(res->sources_shown, 0);
  sbx_results_free(res);
  sbx__responses_free(r);
  /* The whole organisation below k: no count at all. */
  sbx__responses_new(&r, w->survey->nitem);
  sbx__responses_add_source(r, "liten.csv", "generic", &a);
  from_source(w, r, a, "bolaget", 4);
  res = analyse_resp(w, r);
  assert_true(res->unit[0].suppressed);
  assert_int_equal(res->counts_shown, 0);
  assert_int_equal(res->sources_shown, 0);
  sbx_results_free(res);
  sbx__responses_free(r);
  w->base = base;
}

int main(void) {
  sbx_global_init();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_units_and_cells),
    cmocka_unit_test(test_goals_and_drivers),
    cmocka_unit_test(test_comments_through_pipeline),
    cmocka_unit_test(test_counts_shown),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

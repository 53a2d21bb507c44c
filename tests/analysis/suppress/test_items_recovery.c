/* No hidden item figure can be worked out from the published ones by linear algebra.
 *
 * The attack this guards against: a box's score is the mean of the items a person
 * answered, so a unit's box sum is a known linear combination of its item sums (for
 * people who answered every item: box sum = item sums / number of items). With the
 * box mean and all but one item mean of a unit shown, the last item's mean follows
 * (5 x box mean - the four others); with the parent's item means shown as well, the
 * hidden sibling's item follows by subtraction.
 *
 * The test runs the whole analysis (sbx_analyse) on random unit trees with item
 * non-response, then writes every published sum as a row over the unknowns: each
 * person's answer to each item (the attacker is even granted who answered what). The
 * rows are n x mean of every shown item detail and (1/items answered) x answers for
 * every shown box cell, over the people in the unit and below. A hidden item detail
 * (its unit's sum over the item) is recoverable exactly when its row lies in the span
 * of the published rows; the test checks that it never does (via the SVD of the
 * published rows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/results.h"
#include "surveys/model.h"
#include "surveys/util.h"

#define MAXU 9
#define NIT 4 /* items of the box under test (purposes) */
#define MAXP 120
#define TRIALS 1000

#include "rng.h"
#define SEED 0x17e45eedULL

typedef struct world {
  sbx_survey *survey;
  size_t item[NIT];           /* survey item index of purposes-1..4 */
  size_t scale;               /* purposes */
  size_t nunit, parent[MAXU];
  sbx_org *org;
  sbx_responses *resp;
  size_t np;                  /* people */
  size_t home[MAXP];          /* unit index (0 for unknown unit) */
  int answered[MAXP][NIT];
} world;

/* The unit tree as an organisation file: unit u's parent is below(u) (pre-order). */
static void random_org(world *w) {
  w->nunit = 1 + below(MAXU);
  w->parent[0] = SBX_NONE;
  for (size_t u = 1; u < w->nunit; u++) w->parent[u] = below(u);
  /* Pre-order needs children after their parent and subtrees contiguous: build it by
   * writing the XML depth first, which relabels the units; keep the relabelling. */
  char xml[8192];
  size_t len = 0, order[MAXU], next = 0, stack[MAXU], top = 0, open[MAXU];
  size_t depth[MAXU];
  stack[top++] = 0;
  depth[0] = 0;
  len += (size_t)snprintf(xml + len, sizeof xml - len,
                          "<organisation id=\"t\"><languages>sv en</languages>"
                          "<name lang=\"sv\">T</name><name lang=\"en\">T</name>");
  size_t nopen = 0;
  while (top) {
    size_t u = stack[--top];
    while (nopen && depth[open[nopen - 1]] >= depth[u]) {
      len += (size_t)snprintf(xml + len, sizeof xml - len, "</unit>");
      nopen--;
    }
    order[next++] = u;
    len += (size_t)snprintf(xml + len, sizeof xml - len,
                            "<unit id=\"u%zu\"><name lang=\"sv\">U%zu</name>"
                            "<name lang=\"en\">U%zu</name>", u, u, u);
    open[nopen++] = u;
    for (size_t c = w->nunit; c-- > u + 1;)
      if (w->parent[c] == u) {
        depth[c] = depth[u] + 1;
        stack[top++] = c;
      }
  }
  while (nopen--) len += (size_t)snprintf(xml + len, sizeof xml - len, "</unit>");
  len += (size_t)snprintf(xml + len, sizeof xml - len, "</organisation>");
  assert_true(len < sizeof xml);
  sbx_ctx *ctx = sbx_ctx_new();
  int rc = sbx_org_load_memory(&w->org, xml, len, "random.xml", ctx);
  if (rc) {
    char buf[512];
    sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, 0));
    print_error("%s\n%s\n", buf, xml);
  }
  assert_int_equal(rc, 0);
  sbx_ctx_free(ctx);
  assert_int_equal(w->org->nunit, w->nunit);
  (void)order;
  for (size_t u = 0; u < w->nunit; u++) w->parent[u] = w->org->unit[u].parent;
}

/* People unit by unit: most answer every item, some skip one or two. */
static void random_people(world *w, size_t k, int skip_one) {
  sbx__responses_new(&w->resp, w->survey->nitem);
  uint32_t src;
  sbx__responses_add_source(w->resp, "t.csv", "generic", &src);
  w->np = 0;
  int skippy = (int)below(3);
  for (size_t u = 0; u <= w->nunit; u++) {
    size_t many = below(3) ? k + below(2 * k) : below(k);
    if (u == w->nunit) many = below(3);
    for (size_t i = 0; i < many && w->np < MAXP; i++) {
      int8_t v[64];
      for (size_t j = 0; j < w->survey->nitem; j++) v[j] = (int8_t)(1 + below(5));
      size_t p = w->np++;
      w->home[p] = u == w->nunit ? 0 : u;
      /* Everyone answers every item, or (a share of 0, 5 or 20 %) skips: in odd
       * trials one item (a box score of three answers), in even ones so many that they
       * have no box score but count in the items they answered. */
      int partial = below(20) < (size_t)(skippy * skippy);
      size_t r1 = below(NIT), r2 = below(NIT);
      for (size_t j = 0; j < NIT; j++) {
        w->answered[p][j] = !partial || j == r1 || j == r2;
        if (skip_one && partial) w->answered[p][j] = j != r1;
        if (!w->answered[p][j]) v[w->item[j]] = SBX_MISSING;
      }
      uint32_t unit = u == w->nunit ? SBX_NO_UNIT : (uint32_t)u;
      assert_int_equal(sbx__responses_add(w->resp, v, unit, 0, (uint32_t)(p + 2), NULL), 0);
    }
  }
}

static int within(const world *w, size_t p, size_t u) {
  return sbx__org_is_within(w->org, w->home[p], u);
}

/* Column of person p, item j among the unknowns. */
static size_t var(size_t p, size_t j) { return p * NIT + j; }

static void item_row(const world *w, size_t u, size_t j, double *row) {
  memset(row, 0, w->np * NIT * sizeof *row);
  for (size_t p = 0; p < w->np; p++)
    if (within(w, p, u) && w->answered[p][j]) row[var(p, j)] = 1;
}

static void box_row(const world *w, size_t u, double *row) {
  memset(row, 0, w->np * NIT * sizeof *row);
  for (size_t p = 0; p < w->np; p++) {
    size_t m = 0;
    for (size_t j = 0; j < NIT; j++) m += (size_t)w->answered[p][j];
    if (!within(w, p, u) || m < sbx__min_answered(w->survey, NIT)) continue;
    for (size_t j = 0; j < NIT; j++)
      if (w->answered[p][j]) row[var(p, j)] = 1.0 / (double)m;
  }
}

/* Orthonormal basis of the published rows' span: the columns of U with a non-zero
 * singular value, from the SVD of the (variables x rows) matrix. */
static gsl_matrix *published_basis(const world *w, const sbx_results *res, size_t *rank) {
  size_t nv = w->np * NIT, nr = 0;
  double *rows = calloc((w->nunit * (NIT + 1)) * (nv ? nv : 1), sizeof *rows);
  for (size_t u = 0; u < w->nunit; u++) {
    const sbx_unit_result *ur = &res->unit[u];
    const sbx_cell *c = &ur->cell[w->scale];
    if (ur->suppressed || c->suppressed) continue;
    box_row(w, u, rows + nr++ * nv);
    for (size_t j = 0; j < NIT; j++)
      if (c->item_n && c->item_n[j]) item_row(w, u, j, rows + nr++ * nv);
  }
  *rank = 0;
  if (!nr || !nv) {
    free(rows);
    return NULL;
  }
  size_t m = nv > nr ? nv : nr;
  gsl_matrix *a = gsl_matrix_calloc(m, nr), *v = gsl_matrix_alloc(nr, nr);
  gsl_vector *s = gsl_vector_alloc(nr), *work = gsl_vector_alloc(nr);
  for (size_t r = 0; r < nr; r++)
    for (size_t i = 0; i < nv; i++) gsl_matrix_set(a, i, r, rows[r * nv + i]);
  free(rows);
  assert_int_equal(gsl_linalg_SV_decomp(a, v, s, work), 0);
  for (size_t r = 0; r < nr; r++)
    if (gsl_vector_get(s, r) > 1e-9 * gsl_vector_get(s, 0)) (*rank)++;
  gsl_matrix_free(v);
  gsl_vector_free(s);
  gsl_vector_free(work);
  return a; /* the first *rank columns span the published rows */
}

/* Distance of row from the published span, relative to its length. */
static double off_span(const gsl_matrix *basis, size_t rank, const double *row, size_t nv) {
  double norm = 0, res = 0;
  double *proj = calloc(nv, sizeof *proj);
  for (size_t r = 0; r < rank; r++) {
    double dot = 0;
    for (size_t i = 0; i < nv; i++) dot += gsl_matrix_get(basis, i, r) * row[i];
    for (size_t i = 0; i < nv; i++) proj[i] += dot * gsl_matrix_get(basis, i, r);
  }
  for (size_t i = 0; i < nv; i++) {
    norm += row[i] * row[i];
    res += (row[i] - proj[i]) * (row[i] - proj[i]);
  }
  free(proj);
  return norm > 0 ? sqrt(res / norm) : 1;
}

static void dump(const world *w, const sbx_results *res) {
  for (size_t u = 0; u < w->nunit; u++) {
    const sbx_cell *c = &res->unit[u].cell[w->scale];
    size_t tn[NIT] = { 0 }, nbox = 0;
    for (size_t p = 0; p < w->np; p++) {
      if (!within(w, p, u)) continue;
      size_t m = 0;
      for (size_t j = 0; j < NIT; j++) {
        tn[j] += (size_t)w->answered[p][j];
        m += (size_t)w->answered[p][j];
      }
      nbox += m >= sbx__min_answered(w->survey, NIT);
    }
    print_error("%s parent %s unit %s box %s n %zu items", w->org->unit[u].id,
                u ? w->org->unit[w->parent[u]].id : "-", res->unit[u].suppressed ? "hid" : "shown",
                c->suppressed ? "hid" : "shown", nbox);
    for (size_t j = 0; j < NIT; j++)
      print_error(" %zu/%zu", c->item_n ? c->item_n[j] : 0, tn[j]);
    print_error("\n");
  }
}

/* Rows of a group of people: the unit u and below (direct 0), or only the people
 * attached to u itself (direct 1; u = 0 also takes those of unknown unit); item j, or
 * the box (j = NIT). *count gets the answers (or box scores) in it. */
static void group_row(const world *w, size_t u, int direct, size_t j, double *row,
                      size_t *count) {
  size_t nv = w->np * NIT;
  double *all = calloc(nv ? nv : 1, sizeof *all);
  memset(row, 0, nv * sizeof *row);
  if (j == NIT) box_row(w, u, all);
  else item_row(w, u, j, all);
  *count = 0;
  for (size_t p = 0; p < w->np; p++) {
    if (direct && w->home[p] != u) continue;
    int any = 0;
    for (size_t i = 0; i < NIT; i++) {
      row[var(p, i)] = all[var(p, i)];
      any |= all[var(p, i)] != 0;
    }
    *count += (size_t)any;
  }
  free(all);
}

/* Every group of 1 to k - 1 answers (a unit with what is below it, or the people
 * attached directly to a unit) must stay out of the published span, for each item and
 * for the box. */
static void check_trial(world *w, size_t k, size_t *small_seen, size_t *blocks_seen) {
  sbx_analysis_opts o = SBX_ANALYSIS_OPTS_INIT;
  o.min_group = (int)k;
  o.min_comment_group = (int)k;
  o.bootstrap = 0;
  sbx_results *res = NULL;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx_analyse(&res, w->survey, w->org, w->resp, &o, ctx), 0);
  sbx_ctx_free(ctx);
  size_t rank, nv = w->np * NIT;
  gsl_matrix *basis = published_basis(w, res, &rank);
  double *row = calloc(nv ? nv : 1, sizeof *row);
  for (size_t u = 1; u < w->nunit; u++) {
    const sbx_cell *c = &res->unit[u].cell[w->scale];
    *blocks_seen += !c->suppressed && c->item_n && c->item_n[0];
  }
  for (size_t u = 0; basis && u < w->nunit; u++)
    for (int direct = 0; direct < 2; direct++)
      for (size_t j = 0; j <= NIT; j++) {
        size_t count;
        group_row(w, u, direct, j, row, &count);
        if (count == 0 || count >= k) continue;
        ++*small_seen;
        if (off_span(basis, rank, row, nv) < 1e-7) {
          print_error("%s %s of unit %s (%zu people, k %zu) is recoverable\n",
                      j == NIT ? "the box" : "an item", direct ? "sum of those directly"
                      : "sum", w->org->unit[u].id, count, k);
          dump(w, res);
          fail();
        }
      }
  free(row);
  if (basis) gsl_matrix_free(basis);
  sbx_results_free(res);
}

static void test_no_item_recoverable(void **state) {
  (void)state;
  rng_seed(SEED);
  size_t small_seen = 0, blocks_seen = 0;
  for (size_t t = 0; t < TRIALS; t++) {
    world w;
    memset(&w, 0, sizeof w);
    sbx_ctx *ctx = sbx_ctx_new();
    assert_int_equal(sbx_survey_load(&w.survey, SBX_TEST_DATA "/suppress/survey-items.xml", ctx), 0);
    sbx_ctx_free(ctx);
    w.scale = sbx__survey_find_scale(w.survey, "purposes");
    for (size_t j = 0; j < NIT; j++) {
      char id[32];
      snprintf(id, sizeof id, "purposes-%zu", j + 1);
      w.item[j] = sbx__survey_find_item(w.survey, id);
      assert_true(w.item[j] != SBX_NONE);
    }
    size_t k = 3 + below(3);
    random_org(&w);
    random_people(&w, k, (int)(t % 2));
    check_trial(&w, k, &small_seen, &blocks_seen);
    sbx__responses_free(w.resp);
    sbx_org_free(w.org);
    sbx_survey_free(w.survey);
  }
  /* The trials must exercise the rule: many small groups under shown figures. */
  assert_true(small_seen > 2 * TRIALS);
  /* ... and not by hiding everything: item details of units below the top are shown. */
  print_message("%zu small groups checked, %zu item blocks shown below the top\n",
                small_seen, blocks_seen);
  assert_true(blocks_seen > TRIALS);
}

int main(void) {
  sbx_global_init();
  const struct CMUnitTest tests[] = { cmocka_unit_test(test_no_item_recoverable) };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

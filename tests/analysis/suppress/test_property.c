/* Property test of the confidentiality rules over thousands of random unit trees,
 * group sizes, item non-response and minimum group sizes (fixed seed). After
 * sbx__suppress(), from the published figures alone:
 *  - no unit or cell of fewer than k people shows any figure;
 *  - every shown figure is the true one;
 *  - along the tree, for every shown unit (and every shown cell of every scale),
 *    its n minus the n of the nearest shown units below it is 0 or at least k, and the
 *    same subtraction on sums (n x mean) gives the true sum of that remainder;
 *  - the same for the answers to each item behind the item charts (item_n, item_hist);
 *  - the agreement index (ICC) counts only shown leaf units, whose n are shown anyway.
 * Why that suffices: the published counts are sums of these remainders (each shown n is
 * its own remainder plus the shown n's below it), so any count or sum derivable by
 * adding and subtracting published figures is a sum of remainders; a hidden group of
 * fewer than k people contains no whole remainder of k or more, so it is not derivable.
 * The same checks run on results.json and results.csv as written by the report writers
 * for every tenth tree, reading only the files.
 * Comments: each under a shown unit of at least min_comment_group people that contains
 * the writer, and the people it may come from (that unit minus the units below it that
 * show comments of their own) number at least min_comment_group. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "fixture.h"
#include "analysis/stats/stats.h"

#define MAXU 40
#define MAXS 3
#define NITEM 2
#define NPOINT 5
#define TRIALS 4000

#include "rng.h"
#define SEED 0x5eed5b0c5eedULL

typedef struct truth {
  size_t nunit, nscale, k, m;
  size_t parent[MAXU];
  size_t n[MAXU], direct[MAXU], unknown;
  size_t cn[MAXU][MAXS];
  double sum[MAXU][MAXS];
  size_t in[MAXU][MAXS][NITEM]; /* answers per item */
} truth;

#include "outputs.h"

/* A random tree relabelled in pre-order (children in creation order). */
static void random_tree(truth *t) {
  size_t raw[MAXU], order[MAXU], label[MAXU], stack[MAXU], top = 0, next = 0;
  t->nunit = 1 + below(MAXU);
  raw[0] = SBX_NONE;
  for (size_t u = 1; u < t->nunit; u++) raw[u] = below(u);
  stack[top++] = 0;
  while (top) {
    size_t u = stack[--top];
    order[next] = u;
    label[u] = next++;
    for (size_t c = t->nunit; c-- > u + 1;)
      if (raw[c] == u) stack[top++] = c;
  }
  for (size_t i = 0; i < t->nunit; i++) {
    size_t u = order[i];
    t->parent[i] = raw[u] == SBX_NONE ? SBX_NONE : label[raw[u]];
  }
}

static size_t group_size(size_t k) {
  size_t r = below(10);
  if (r < 3) return 0;
  if (r < 7) return 1 + below(k + 1);
  return below(3 * k + 1);
}

/* Respondents unit by unit (and some of no known unit); the rows, and a comment from
 * about a quarter of them, go into resp. */
static void respondents(truth *t, sbx_responses *resp) {
  t->k = 3 + below(6);
  t->m = t->k + below(8);
  t->nscale = 1 + below(MAXS);
  t->unknown = below(2) ? 0 : below(t->k + 2);
  memset(t->n, 0, sizeof t->n);
  int8_t v[1] = { 3 };
  for (size_t u = 0; u <= t->nunit; u++) {
    size_t home = u < t->nunit ? u : 0, many = u < t->nunit ? group_size(t->k) : t->unknown;
    if (u < t->nunit) t->direct[u] = many;
    for (size_t i = 0; i < many; i++) {
      uint32_t unit = u < t->nunit ? (uint32_t)u : SBX_NO_UNIT;
      assert_int_equal(sbx__responses_add(resp, v, unit, 0, 0, NULL), 0);
      if (below(4) == 0) {
        char text[48];
        snprintf(text, sizeof text, "row %zu", resp->n - 1);
        assert_int_equal(sbx__responses_add_comment(resp, (uint32_t)resp->n - 1, 0, text), 0);
      }
      for (size_t a = home; a != SBX_NONE; a = t->parent[a]) t->n[a]++;
    }
  }
}

/* Each person's score on each scale, missing with a probability of 0 to 30 % (item
 * non-response), summed into every unit above them. */
static void scales(truth *t, const sbx_responses *resp) {
  memset(t->cn, 0, sizeof t->cn);
  memset(t->sum, 0, sizeof t->sum);
  memset(t->in, 0, sizeof t->in);
  double pmiss = 0.1 * (double)below(4);
  for (size_t row = 0; row < resp->n; row++) {
    size_t home = resp->unit[row] == SBX_NO_UNIT ? 0 : resp->unit[row];
    for (size_t s = 0; s < t->nscale; s++) {
      for (size_t j = 0; j < NITEM; j++) {
        if ((double)below(1000) < 2 * pmiss * 1000) continue;
        for (size_t a = home; a != SBX_NONE; a = t->parent[a]) t->in[a][s][j]++;
      }
      if ((double)below(1000) < pmiss * 1000) continue;
      double score = 1.0 + (double)below(5) + 0.25 * (double)below(4);
      for (size_t a = home; a != SBX_NONE; a = t->parent[a]) {
        t->cn[a][s]++;
        t->sum[a][s] += score;
      }
    }
  }
}

static int is_leaf(const truth *t, size_t u) {
  if (u == 0) return t->nunit == 1;
  for (size_t c = u + 1; c < t->nunit; c++)
    if (t->parent[c] == u) return 0;
  return 1;
}

/* The ICC as scoring leaves it: over every leaf unit with answers. */
static void icc_all_leaves(const truth *t, sbx_results *r) {
  sbx__moments g[MAXU];
  for (size_t s = 0; s < t->nscale; s++) {
    size_t ng = 0;
    for (size_t u = 0; u < t->nunit; u++) {
      const sbx_cell *c = &r->unit[u].cell[s];
      if (!is_leaf(t, u) || c->n == 0) continue;
      g[ng].n = c->n;
      g[ng].mean = c->mean;
      g[ng].sd = 0.5 + 0.01 * (double)u;
      g[ng].ss = g[ng].sd * g[ng].sd * (double)(c->n - 1);
      ng++;
    }
    sbx__icc(g, ng, &r->scale[s]);
  }
}

static fx build(const truth *t) {
  fx f = fx_new(t->nunit, t->parent, t->nscale, (int)t->k);
  fx_survey(&f, NITEM, NPOINT);
  f.res->opts.min_comment_group = (int)t->m;
  f.res->unknown_unit = t->unknown;
  for (size_t u = 0; u < t->nunit; u++) {
    f.res->unit[u].n = t->n[u];
    f.res->unit[u].n_direct = t->direct[u];
    for (size_t s = 0; s < t->nscale; s++) {
      fx_fill_cell(&f.res->unit[u].cell[s], t->cn[u][s],
                   t->cn[u][s] ? t->sum[u][s] / (double)t->cn[u][s] : NAN);
      fx_items(&f, u, s, t->in[u][s], NITEM, NPOINT);
    }
  }
  icc_all_leaves(t, f.res);
  return f;
}

static int shown_unit(const sbx_results *r, size_t u) { return !r->unit[u].suppressed; }
static int shown_cell(const sbx_results *r, size_t u, size_t s) {
  return !r->unit[u].suppressed && !r->unit[u].cell[s].suppressed;
}

/* Adds the published n and sum of the nearest shown groups below u (scale SBX_NONE:
 * units) into *n and *sum. */
static void nearest_shown(const truth *t, const sbx_results *r, size_t u, size_t s,
                          size_t *n, double *sum) {
  for (size_t c = u + 1; c < t->nunit; c++) {
    if (t->parent[c] != u) continue;
    int shown = s == SBX_NONE ? shown_unit(r, c) : shown_cell(r, c, s);
    if (!shown) {
      nearest_shown(t, r, c, s, n, sum);
    } else if (s == SBX_NONE) {
      *n += r->unit[c].n;
    } else {
      *n += r->unit[c].cell[s].n;
      *sum += (double)r->unit[c].cell[s].n * r->unit[c].cell[s].mean;
    }
  }
}

/* The true sum of scale s over the same remainder. */
static double true_remainder_sum(const truth *t, const sbx_results *r, size_t u, size_t s) {
  double sum = t->sum[u][s];
  for (size_t c = u + 1; c < t->nunit; c++) {
    if (t->parent[c] != u) continue;
    if (shown_cell(r, c, s)) sum -= t->sum[c][s];
    else sum -= t->sum[c][s] - true_remainder_sum(t, r, c, s);
  }
  return sum;
}

static void check_units(const truth *t, const sbx_results *r, size_t *own, size_t *comp) {
  for (size_t u = 0; u < t->nunit; u++) {
    if (!shown_unit(r, u)) {
      assert_true(fx_wiped(r, u));
      assert_true(r->unit[u].reason == SBX_SUPP_OWN_SIZE ||
                  r->unit[u].reason == SBX_SUPP_COMPLEMENT);
      assert_true((t->n[u] < t->k) == (r->unit[u].reason == SBX_SUPP_OWN_SIZE));
      *(r->unit[u].reason == SBX_SUPP_OWN_SIZE ? own : comp) += 1;
      continue;
    }
    assert_true(t->n[u] >= t->k);
    assert_int_equal(r->unit[u].n, t->n[u]);
    size_t sub = 0;
    double unused = 0;
    nearest_shown(t, r, u, SBX_NONE, &sub, &unused);
    assert_true(sub <= r->unit[u].n);
    size_t rest = r->unit[u].n - sub;
    assert_true(rest == 0 || rest >= t->k);
  }
}

static void check_cells(const truth *t, const sbx_results *r) {
  for (size_t u = 0; u < t->nunit; u++) {
    for (size_t s = 0; s < t->nscale; s++) {
      const sbx_cell *c = &r->unit[u].cell[s];
      if (!shown_cell(r, u, s)) {
        assert_true(c->suppressed && c->n == 0 && isnan(c->mean) && !c->score_hist);
        assert_false(c->has_change);
        continue;
      }
      assert_true(t->cn[u][s] >= t->k);
      assert_int_equal(c->n, t->cn[u][s]);
      size_t sub = 0;
      double subsum = 0;
      nearest_shown(t, r, u, s, &sub, &subsum);
      assert_true(sub <= c->n);
      size_t rest = c->n - sub;
      assert_true(rest == 0 || rest >= t->k);
      double restsum = (double)c->n * c->mean - subsum;
      assert_float_equal(restsum, true_remainder_sum(t, r, u, s), 1e-6 * (1 + fabs(restsum)));
      if (rest == 0) assert_float_equal(restsum, 0.0, 1e-6 * (1 + fabs(subsum)));
    }
  }
}

/* Published answers to item j of scale s in the nearest units below u that show
 * any (a hidden item detail shows 0, so a reader looks further down). */
static size_t nearest_items(const truth *t, const sbx_results *r, size_t u, size_t s,
                            size_t j) {
  size_t n = 0;
  for (size_t c = u + 1; c < t->nunit; c++) {
    if (t->parent[c] != u) continue;
    size_t here = shown_cell(r, c, s) ? r->unit[c].cell[s].item_n[j] : 0;
    n += here ? here : nearest_items(t, r, c, s, j);
  }
  return n;
}

static void check_items(const truth *t, const sbx_results *r) {
  for (size_t u = 0; u < t->nunit; u++) {
    for (size_t s = 0; s < t->nscale; s++) {
      if (!shown_cell(r, u, s)) continue;
      const sbx_cell *c = &r->unit[u].cell[s];
      /* A cell's item details are shown together or not at all (items with no answer
       * aside): one hidden item beside shown ones and the box would give it away. */
      size_t shown_items = 0, answered = 0;
      for (size_t j = 0; j < NITEM; j++) {
        shown_items += c->item_n[j] != 0;
        answered += t->in[u][s][j] != 0;
      }
      assert_true(shown_items == 0 || shown_items == answered);
      for (size_t j = 0; j < NITEM; j++) {
        size_t pub = c->item_n[j], hist = 0;
        for (size_t p = 0; p < NPOINT; p++) hist += c->item_hist[j * NPOINT + p];
        assert_int_equal(hist, pub);
        assert_true(pub == 0 ? isnan(c->item_mean[j]) || t->in[u][s][j] == 0
                             : pub == t->in[u][s][j] && pub >= t->k);
        if (!pub) continue;
        size_t sub = nearest_items(t, r, u, s, j);
        assert_true(sub <= pub);
        assert_true(pub - sub == 0 || pub - sub >= t->k);
      }
    }
  }
}

/* The ICC's group count and respondents are those of the shown leaf cells. */
static void check_icc(const truth *t, const sbx_results *r) {
  for (size_t s = 0; s < t->nscale; s++) {
    if (!shown_cell(r, 0, s)) continue;
    size_t groups = 0, n = 0;
    for (size_t u = 0; u < t->nunit; u++) {
      if (!is_leaf(t, u) || !shown_cell(r, u, s) || r->unit[u].cell[s].n == 0) continue;
      groups++;
      n += r->unit[u].cell[s].n;
    }
    assert_int_equal(r->scale[s].icc_groups, groups);
    assert_int_equal(r->scale[s].icc_n, n);
  }
}

/* The log lists exactly the hidden units and the hidden cells of shown units. */
static void check_log(const truth *t, const sbx_results *r) {
  size_t want = 0;
  for (size_t u = 0; u < t->nunit; u++) {
    if (!shown_unit(r, u)) {
      const sbx_supp_entry *e = fx_log(r, u, SBX_NONE);
      assert_non_null(e);
      assert_int_equal(e->reason, r->unit[u].reason);
      want++;
      continue;
    }
    for (size_t s = 0; s < t->nscale; s++) {
      if (shown_cell(r, u, s)) continue;
      const sbx_supp_entry *e = fx_log(r, u, s);
      assert_non_null(e);
      assert_int_equal(e->reason, r->unit[u].cell[s].reason);
      want++;
    }
  }
  assert_int_equal(r->nsupp, want);
}

static int within(const truth *t, size_t a, size_t b) {
  for (; a != SBX_NONE; a = t->parent[a])
    if (a == b) return 1;
  return 0;
}

static void check_comments(const truth *t, const sbx_results *r, const sbx_responses *resp) {
  int has[MAXU] = { 0 };
  for (size_t i = 0; i < r->ncomment; i++) has[r->comment[i].unit] = 1;
  for (size_t i = 0; i < r->ncomment; i++) {
    size_t row, c = r->comment[i].unit;
    assert_int_equal(sscanf(r->comment[i].text, "row %zu", &row), 1);
    assert_true(shown_unit(r, c));
    assert_true(t->n[c] >= t->m);
    size_t home = resp->unit[row] == SBX_NO_UNIT ? 0 : resp->unit[row];
    assert_true(within(t, home, c));
  }
  /* Whom a reader can narrow a comment down to: its unit minus the units below it
   * that show comments themselves. */
  for (size_t c = 0; c < t->nunit; c++) {
    if (!has[c]) continue;
    size_t pool = t->n[c];
    for (size_t d = c + 1; d < t->nunit; d++) {
      if (!has[d] || !within(t, d, c)) continue;
      int nested = 0;
      for (size_t a = t->parent[d]; a != c; a = t->parent[a]) nested |= has[a];
      if (!nested) pool -= t->n[d];
    }
    assert_true(pool >= t->m);
  }
  assert_int_equal(r->ncomment + r->ncomment_dropped, resp->ncomment);
}

static void test_random_trees(void **state) {
  (void)state;
  rng_seed(SEED);
  clock_t start = clock();
  size_t own = 0, comp = 0, units = 0, files = 0;
  for (int trial = 0; trial < TRIALS; trial++) {
    truth t;
    random_tree(&t);
    sbx_responses *resp;
    assert_int_equal(sbx__responses_new(&resp, 1), 0);
    respondents(&t, resp);
    scales(&t, resp);
    fx f = build(&t);
    f.res->resp = resp;
    sbx_ctx *ctx = sbx_ctx_new();
    assert_int_equal(sbx__suppress(f.res, ctx), 0);
    check_units(&t, f.res, &own, &comp);
    check_cells(&t, f.res);
    check_items(&t, f.res);
    check_icc(&t, f.res);
    check_log(&t, f.res);
    check_comments(&t, f.res, resp);
    if (trial % 10 == 0) {
      check_json(&t, f.res);
      check_csv(&t, f.res);
      files++;
    }
    units += t.nunit;
    sbx_ctx_free(ctx);
    sbx__responses_free(resp);
    fx_free(&f);
  }
  double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
  print_message("%d trees, %zu units: %zu hidden for their own size, %zu as complements; "
                "results.json and results.csv checked for %zu trees; %.2f s\n", TRIALS, units,
                own, comp, files, secs);
  assert_true(comp > 0 && own > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_random_trees),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

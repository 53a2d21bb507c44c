/* The property test's check of the written files: results.json (parsed with jansson)
 * and results.csv (split by hand; the fixture's ids need no quoting). From the file
 * alone: hidden units and cells carry no figure, shown ones carry the true n (at least
 * k), and along the tree every shown n minus the shown n's nearest below it is 0 or at
 * least k, with the sums (n x mean) consistent with the true remainder. */
#ifndef TEST_SUPPRESS_OUTPUTS_H
#define TEST_SUPPRESS_OUTPUTS_H

#include <jansson.h>
#include <sixbox/report.h>

/* What a file shows: per unit (scale SBX_NONE) or cell, shown or not, n and sum. */
typedef struct shown_t {
  int on[MAXU];
  size_t n[MAXU];
  double sum[MAXU];
} shown_t;

typedef int (*writer_fn)(FILE *, const sbx_results *, const sbx_report_opts *, sbx_ctx *);

static char *write_mem(writer_fn fn, const sbx_results *r) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(fn(f, r, NULL, ctx), 0);
  assert_int_equal(fclose(f), 0);
  sbx_ctx_free(ctx);
  return buf;
}

static void pub_nearest(const truth *t, const shown_t *p, size_t u, size_t *n, double *sum) {
  for (size_t c = u + 1; c < t->nunit; c++) {
    if (t->parent[c] != u) continue;
    if (p->on[c]) {
      *n += p->n[c];
      *sum += p->sum[c];
    } else {
      pub_nearest(t, p, c, n, sum);
    }
  }
}

/* The true sum of scale s over the remainder of u, given what the file shows. */
static double pub_true_sum(const truth *t, const shown_t *p, size_t u, size_t s) {
  double sum = t->sum[u][s];
  for (size_t c = u + 1; c < t->nunit; c++) {
    if (t->parent[c] != u) continue;
    sum -= p->on[c] ? t->sum[c][s] : t->sum[c][s] - pub_true_sum(t, p, c, s);
  }
  return sum;
}

/* The subtraction check over what one file shows; s == SBX_NONE: units (no sums). */
static void check_shown(const truth *t, const shown_t *p, size_t s) {
  for (size_t u = 0; u < t->nunit; u++) {
    if (!p->on[u]) continue;
    size_t sub = 0;
    double subsum = 0;
    pub_nearest(t, p, u, &sub, &subsum);
    assert_true(sub <= p->n[u]);
    size_t rest = p->n[u] - sub;
    assert_true(rest == 0 || rest >= t->k);
    if (s == SBX_NONE) continue;
    double restsum = p->sum[u] - subsum, want = pub_true_sum(t, p, u, s);
    assert_float_equal(restsum, want, 1e-6 * (1 + fabs(p->sum[u])));
  }
}

static int only_keys(json_t *o, const char *const *keys) {
  const char *k;
  json_t *v;
  json_object_foreach(o, k, v) {
    int ok = 0;
    for (size_t i = 0; keys[i]; i++) ok |= strcmp(k, keys[i]) == 0;
    if (!ok) return 0;
  }
  return 1;
}

/* A hidden unit: no figure, and one reason whether it had fewer than k respondents or
 * was hidden to protect another (telling them apart gives counts away beside the
 * headcount), so nothing in it depends on its count. */
static void json_hidden_unit(const truth *t, json_t *o, size_t u) {
  static const char *const keys[] = { "id", "name", "kind", "parent", "n", "suppressed",
                                      "reason", NULL };
  (void)t;
  (void)u;
  assert_true(only_keys(o, keys));
  assert_true(json_is_null(json_object_get(o, "n")));
  assert_string_equal(json_string_value(json_object_get(o, "reason")), "min-group-or-complement");
}

static void json_cell(const truth *t, json_t *c, size_t u, size_t s, shown_t *cells) {
  static const char *const hidden_keys[] = { "id", "suppressed", NULL };
  if (json_is_true(json_object_get(c, "suppressed"))) {
    assert_true(only_keys(c, hidden_keys));
    return;
  }
  size_t n = (size_t)json_integer_value(json_object_get(c, "n"));
  assert_int_equal(n, t->cn[u][s]);
  assert_true(n >= t->k);
  cells[s].on[u] = 1;
  cells[s].n[u] = n;
  cells[s].sum[u] = (double)n * json_real_value(json_object_get(c, "mean"));
  json_t *items = json_object_get(c, "items");
  for (size_t j = 0; j < json_array_size(items); j++) {
    size_t in = (size_t)json_integer_value(json_object_get(json_array_get(items, j), "n"));
    assert_true(in == 0 || (in >= t->k && in == t->in[u][s][j]));
  }
}

static void check_json(const truth *t, const sbx_results *r) {
  char *text = write_mem(sbx_report_write_json, r);
  json_error_t err;
  json_t *root = json_loads(text, 0, &err);
  assert_non_null(root);
  json_t *units = json_object_get(root, "units");
  assert_int_equal(json_array_size(units), t->nunit);
  shown_t un, cells[MAXS];
  memset(&un, 0, sizeof un);
  memset(cells, 0, sizeof cells);
  for (size_t u = 0; u < t->nunit; u++) {
    json_t *o = json_array_get(units, u);
    size_t id;
    assert_int_equal(sscanf(json_string_value(json_object_get(o, "id")), "u%zu", &id), 1);
    assert_int_equal(id, u);
    if (json_is_true(json_object_get(o, "suppressed"))) {
      json_hidden_unit(t, o, u);
      continue;
    }
    un.on[u] = 1;
    un.n[u] = (size_t)json_integer_value(json_object_get(o, "n"));
    assert_int_equal(un.n[u], t->n[u]);
    assert_true(un.n[u] >= t->k);
    json_t *sc = json_object_get(o, "scales");
    assert_int_equal(json_array_size(sc), t->nscale);
    for (size_t s = 0; s < t->nscale; s++) json_cell(t, json_array_get(sc, s), u, s, cells);
  }
  check_shown(t, &un, SBX_NONE);
  for (size_t s = 0; s < t->nscale; s++) check_shown(t, &cells[s], s);
  static const char *const log_keys[] = { "unit", "scale", "reason", NULL };
  json_t *log = json_object_get(root, "suppression");
  for (size_t i = 0; i < json_array_size(log); i++) {
    assert_true(only_keys(json_array_get(log, i), log_keys));
    assert_string_equal(json_string_value(json_object_get(json_array_get(log, i), "reason")),
                        "min-group-or-complement");
  }
  json_t *com = json_object_get(root, "comments");
  for (size_t i = 0; i < json_array_size(com); i++) {
    size_t cu;
    const char *uid = json_string_value(json_object_get(json_array_get(com, i), "unit"));
    assert_int_equal(sscanf(uid, "u%zu", &cu), 1);
    assert_true(un.on[cu] && t->n[cu] >= t->m);
  }
  json_decref(root);
  free(text);
}

/* results.csv: unit,unit_name,parent,scale,scale_kind,suppressed,reason,n,mean,... */
static void check_csv(const truth *t, const sbx_results *r) {
  char *text = write_mem(sbx_report_write_csv, r);
  shown_t cells[MAXS];
  memset(cells, 0, sizeof cells);
  size_t rows = 0;
  char *save = NULL;
  for (char *line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
    if (rows++ == 0) continue; /* header */
    char *f[40];
    size_t nf = 0;
    for (char *p = line; nf < 40;) {
      f[nf++] = p;
      char *comma = strchr(p, ',');
      if (!comma) break;
      *comma = '\0';
      p = comma + 1;
    }
    assert_int_equal(nf, 33); /* 26 figures + headcount, rate, rate flag + clause, unfavourable */
    size_t u, s;
    assert_int_equal(sscanf(f[0], "u%zu", &u), 1);
    assert_int_equal(sscanf(f[3], "s%zu", &s), 1);
    if (strcmp(f[5], "true") == 0) {
      assert_string_equal(f[6], "min-group-or-complement");
      for (size_t i = 7; i < nf; i++) assert_string_equal(f[i], "");
      continue;
    }
    assert_string_equal(f[5], "false");
    size_t n = (size_t)strtoul(f[7], NULL, 10);
    assert_int_equal(n, t->cn[u][s]);
    assert_true(n >= t->k);
    cells[s].on[u] = 1;
    cells[s].n[u] = n;
    cells[s].sum[u] = (double)n * strtod(f[8], NULL);
  }
  assert_int_equal(rows, 1 + t->nunit * t->nscale);
  for (size_t s = 0; s < t->nscale; s++) check_shown(t, &cells[s], s);
  free(text);
}

#endif

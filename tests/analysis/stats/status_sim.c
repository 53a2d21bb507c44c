/* Simulated surveys with exactly known true box means (status_sim.h). */
#include "tests/analysis/stats/status_sim.h"
#include "surveys/model.h"
#include "surveys/util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

const char *const sim_leaf_id[SIM_NLEAF] = { "p1", "p2", "p3", "p4", "n1", "n2",
                                             "p5", "n3", "n4", "p6", "n5", "n6" };
const size_t sim_leaf_n[SIM_NLEAF] = { 30, 30, 31, 45, 30, 30, 400, 2000, 3000, 3000, 5000,
                                       6404 };
static const int leaf_parent[SIM_NLEAF] = { 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3 };
static const char *const box_id[SIM_NBOX] = { "purposes", "structure", "relationships",
                                              "rewards", "leadership", "helpful-mechanisms" };

typedef struct buf {
  char *p;
  size_t len, cap;
} buf;

static void put(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  assert_true(n >= 0 && (size_t)n < sizeof tmp);
  if (b->len + (size_t)n + 1 > b->cap) {
    b->cap = (b->cap + (size_t)n + 1) * 2;
    b->p = realloc(b->p, b->cap);
    assert_non_null(b->p);
  }
  memcpy(b->p + b->len, tmp, (size_t)n + 1);
  b->len += (size_t)n;
}

char *sim_survey_xml(const sim_scale *sc) {
  buf b = { 0 };
  put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<survey id=\"sim\" version=\"1\">\n"
          "<languages>sv en</languages>\n<title><text lang=\"sv\">Sim</text>"
          "<text lang=\"en\">Sim</text></title>\n");
  put(&b, "<answer-scale id=\"a\" min=\"%d\" max=\"%d\" cutoff=\"%g\" favourable=\"%g\" "
          "direction=\"%s\"", sc->min, sc->max, sc->cutoff, sc->favourable,
      sc->low_is_good ? "low-is-good" : "high-is-good");
  if (sc->practical >= 0) put(&b, " practical=\"%g\"", sc->practical);
  put(&b, ">\n");
  for (int v = sc->min; v <= sc->max; v++)
    put(&b, "<point value=\"%d\"><label lang=\"sv\">%d</label><label lang=\"en\">%d</label>"
            "</point>\n", v, v, v);
  put(&b, "</answer-scale>\n");
  for (int k = 0; k < SIM_NBOX; k++)
    put(&b, "<scale id=\"%s\" kind=\"box\"><name lang=\"sv\">%s</name><name lang=\"en\">%s"
            "</name></scale>\n", box_id[k], box_id[k], box_id[k]);
  put(&b, "<unit-question id=\"unit\"><text lang=\"sv\">Enhet?</text><text lang=\"en\">Unit?"
          "</text></unit-question>\n");
  for (int k = 0; k < SIM_NBOX; k++)
    for (int i = 0; i < 5; i++)
      put(&b, "<item id=\"%s%d\" scale=\"%s\" answer-scale=\"a\"%s><text lang=\"sv\">P</text>"
              "<text lang=\"en\">S</text></item>\n", box_id[k], i, box_id[k],
          i == 2 ? " reverse=\"true\"" : "");
  put(&b, "</survey>\n");
  return b.p;
}

static char *org_xml(void) {
  buf b = { 0 };
  put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<organisation id=\"sim\">\n"
          "<languages>sv en</languages>\n<name lang=\"sv\">Sim</name><name lang=\"en\">Sim"
          "</name>\n<unit id=\"k\" kind=\"kommun\"><name lang=\"sv\">K</name>"
          "<name lang=\"en\">K</name>\n");
  for (int f = 1; f <= 3; f++) {
    put(&b, "<unit id=\"f%d\" kind=\"förvaltning\"><name lang=\"sv\">F%d</name>"
            "<name lang=\"en\">F%d</name>\n", f, f, f);
    for (int l = 0; l < SIM_NLEAF; l++)
      if (leaf_parent[l] == f)
        put(&b, "<unit id=\"%s\" kind=\"enhet\"><name lang=\"sv\">%s</name>"
                "<name lang=\"en\">%s</name></unit>\n", sim_leaf_id[l], sim_leaf_id[l],
            sim_leaf_id[l]);
    put(&b, "</unit>\n");
  }
  put(&b, "</unit>\n</organisation>\n");
  return b.p;
}

/* xorshift64*: a small deterministic generator, enough for test data. */
static double uniform(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return (double)((*s * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/* Symmetric on [-1, 1]: 2 × (the median of three uniforms, Beta(2,2)) - 1. */
static double symmetric(uint64_t *s) {
  double a = uniform(s), b = uniform(s), c = uniform(s);
  double med = a > b ? (b > c ? b : (a > c ? c : a)) : (a > c ? a : (b > c ? c : b));
  return 2 * med - 1;
}

/* One answer with expectation mu: randomised rounding of a symmetric draw. */
static int answer(const sim_scale *sc, double mu, double spread, double person, uint64_t *s) {
  double room = fmin(mu - sc->min, sc->max - mu);
  double x = mu + spread * room * (0.6 * person + 0.4 * symmetric(s));
  double fl = floor(x);
  int v = (int)fl + (uniform(s) < x - fl);
  return v < sc->min ? sc->min : v > sc->max ? sc->max : v;
}

static void draw_row(const sim_scale *sc, const sim_plan *plan, int leaf, int8_t *row,
                     uint64_t *s) {
  double sign = sc->low_is_good ? -1 : 1;
  for (int k = 0; k < SIM_NBOX; k++) {
    double mu = sc->cutoff + sign * plan->good[leaf][k];
    double person = symmetric(s);
    for (int i = 0; i < 5; i++) {
      int v = answer(sc, mu, plan->spread[k], person, s);
      if (i == 2) v = sc->min + sc->max - v; /* reverse keyed: the raw answer */
      row[k * 5 + i] = uniform(s) < 0.02 ? SBX_MISSING : (int8_t)v;
    }
  }
}

static void print_ctx(const sbx_ctx *ctx) {
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    char line[512];
    sbx_error_format(line, sizeof line, sbx_ctx_get(ctx, i));
    fprintf(stderr, "%s\n", line);
  }
}

sbx_results *sim_run(const sim_scale *sc, const sim_plan *plan, unsigned long seed,
                     sbx_survey **s, sbx_org **o, sbx_responses **r) {
  sbx_ctx *ctx = sbx_ctx_new();
  assert_non_null(ctx);
  char *sx = sim_survey_xml(sc), *ox = org_xml();
  int rc = sbx_survey_load_memory(s, sx, strlen(sx), "sim-survey.xml", ctx);
  if (rc) print_ctx(ctx);
  assert_int_equal(rc, 0);
  rc = sbx_org_load_memory(o, ox, strlen(ox), "sim-org.xml", ctx);
  if (rc) print_ctx(ctx);
  assert_int_equal(rc, 0);
  free(sx);
  free(ox);
  assert_int_equal(sbx__responses_new(r, SIM_NBOX * 5), 0);
  uint64_t st = 0x9E3779B97F4A7C15ULL ^ (uint64_t)seed;
  int8_t row[SIM_NBOX * 5];
  for (int l = 0; l < SIM_NLEAF; l++) {
    uint32_t unit = (uint32_t)sbx__org_find_unit(*o, sim_leaf_id[l]);
    for (size_t i = 0; i < sim_leaf_n[l]; i++) {
      draw_row(sc, plan, l, row, &st);
      assert_int_equal(sbx__responses_add(*r, row, unit, 0, (uint32_t)i, NULL), 0);
    }
  }
  sbx_results *res = NULL;
  sbx_analysis_opts opts = SBX_ANALYSIS_OPTS_INIT;
  rc = sbx_analyse(&res, *s, *o, *r, &opts, ctx);
  if (rc) print_ctx(ctx);
  assert_int_equal(rc, 0);
  sbx_ctx_free(ctx);
  return res;
}

void sim_free(sbx_results *res, sbx_survey *s, sbx_org *o, sbx_responses *r) {
  sbx_results_free(res);
  sbx__responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
}

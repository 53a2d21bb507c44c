/* results.json, results.csv, the baseline reader and the message catalogue, on a
 * hand-made diagnosis (fixture.c): contract keys, hidden units without figures,
 * formula-safe CSV, same bytes twice, a baseline read back from our own JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sixbox/report.h>
#include "reports/catalog/catalog.h"
#include "reports/tables/tables.h"
#include "tests/reports/fixture.h"

typedef int (*writer)(FILE *, const sbx_results *, const sbx_report_opts *, sbx_ctx *);

static char *write_mem(writer w, const sbx_results *res, const char *lang, size_t *len) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_report_opts o = SBX_REPORT_OPTS_INIT;
  o.lang = lang;
  assert_int_equal(w(f, res, &o, ctx), 0);
  fclose(f);
  sbx_ctx_free(ctx);
  if (len) *len = n;
  return buf;
}

static json_t *unit_by_id(json_t *root, const char *id) {
  size_t i;
  json_t *u;
  json_array_foreach(json_object_get(root, "units"), i, u) {
    if (strcmp(json_string_value(json_object_get(u, "id")), id) == 0) return u;
  }
  return NULL;
}

static void test_json_contract(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  char *text = write_mem(sbx_report_write_json, f.res, "sv", NULL);
  json_error_t err;
  json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
  assert_non_null(root);
  assert_string_equal(json_string_value(json_object_get(root, "schema")), "sixbox-results/2");
  assert_string_equal(json_string_value(json_object_get(json_object_get(root, "survey"), "id")),
                      "odq-test");
  assert_int_equal(json_integer_value(json_object_get(root, "min_group")), 5);
  json_t *resp = json_object_get(root, "respondents");
  assert_int_equal(json_integer_value(json_object_get(resp, "read")), 210);
  assert_int_equal(json_integer_value(json_object_get(resp, "rejected")), 8);
  json_t *sc = json_array_get(json_object_get(root, "scales"), 0);
  assert_string_equal(json_string_value(json_object_get(sc, "kind")), "box");
  json_t *rel = json_object_get(sc, "reliability");
  assert_float_equal(json_real_value(json_object_get(rel, "alpha")), 0.83, 1e-12);
  assert_int_equal(json_array_size(json_object_get(rel, "alpha_ci")), 2);
  assert_int_equal(json_array_size(json_object_get(rel, "items")), 3);
  assert_non_null(json_object_get(json_object_get(sc, "agreement"), "icc2"));
  /* NaN is null, never a made-up number. */
  json_t *sc1 = json_array_get(json_object_get(root, "scales"), 1);
  assert_true(json_is_null(json_object_get(json_object_get(sc1, "reliability"), "alpha")));
  json_t *top = unit_by_id(root, "kommun");
  assert_true(json_is_null(json_object_get(top, "parent")));
  assert_true(json_is_false(json_object_get(top, "suppressed")));
  json_t *cell = json_array_get(json_object_get(top, "scales"), 0);
  const char *keys[] = { "id", "n", "mean", "sd", "ci", "favourable", "favourable_ci",
                         "rwg_j", "status" };
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    assert_non_null(json_object_get(cell, keys[i]));
  assert_string_equal(json_string_value(json_object_get(cell, "status")), "weak");
  assert_non_null(json_object_get(cell, "change"));
  json_t *soc = unit_by_id(root, "soc");
  assert_string_equal(json_string_value(json_object_get(soc, "parent")), "kommun");
  json_t *goal = json_array_get(json_object_get(root, "goals"), 2);
  assert_string_equal(json_string_value(json_object_get(goal, "status")), "at-risk");
  assert_string_equal(json_string_value(json_object_get(goal, "baseline_status")), "watch");
  json_t *ev = json_object_get(goal, "evidence");
  assert_int_equal(json_array_size(ev), 2);
  assert_true(json_is_true(json_object_get(json_array_get(ev, 1), "suppressed")));
  assert_null(json_object_get(json_array_get(ev, 1), "mean"));
  json_t *drv = json_object_get(root, "drivers");
  assert_string_equal(json_string_value(json_object_get(drv, "outcome")), "attitude");
  assert_int_equal(json_array_size(json_object_get(drv, "weights")), 6);
  json_t *boot = json_object_get(drv, "bootstrap");
  assert_int_equal(json_integer_value(json_object_get(boot, "replicates")), 1000);
  assert_int_equal(json_integer_value(json_object_get(boot, "blocks")), 180);
  assert_int_equal(json_array_size(json_object_get(root, "actions")), 1);
  json_decref(root);
  free(text);
  fixture_free(&f);
}

static void test_json_hidden_unit_has_no_figures(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  char *text = write_mem(sbx_report_write_json, f.res, "en", NULL);
  assert_null(strstr(text, FIX_SECRET_TEXT));
  json_t *root = json_loads(text, 0, NULL);
  json_t *small = unit_by_id(root, "soc-b");
  assert_true(json_is_true(json_object_get(small, "suppressed")));
  assert_true(json_is_null(json_object_get(small, "n")));
  assert_null(json_object_get(small, "fewer_than")); /* one reason for every hidden unit */
  assert_null(json_object_get(small, "scales"));
  assert_null(json_object_get(small, "headcount"));
  assert_string_equal(json_string_value(json_object_get(small, "reason")), "min-group-or-complement");
  json_decref(root);
  free(text);
  fixture_free(&f);
}

/* Headcount and response rate for every level: the kommun and the förvaltning from
 * their own headcount, an over-100 % rate flagged with no figure, a unit without a
 * headcount null, a hidden unit nothing; and a low rate flagged "low". */
static void test_json_csv_response_rates(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  char *text = write_mem(sbx_report_write_json, f.res, "en", NULL);
  json_t *root = json_loads(text, 0, NULL);
  assert_non_null(root);
  static const struct { const char *id; long hc; double rate; const char *flag; } want[] = {
    { "kommun", 400, 0.5, "ok" }, { "soc", 120, 1.0, "ok" }, { "soc-a", 40, -1, "over-100" },
    { "bolag", -1, -1, NULL } };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    json_t *u = unit_by_id(root, want[i].id);
    json_t *hc = json_object_get(u, "headcount"), *r = json_object_get(u, "response_rate");
    json_t *fl = json_object_get(u, "response_rate_flag");
    assert_non_null(hc);
    assert_non_null(r);
    assert_non_null(fl);
    if (want[i].hc < 0) assert_true(json_is_null(hc));
    else assert_int_equal(json_integer_value(hc), want[i].hc);
    if (want[i].rate < 0) assert_true(json_is_null(r));
    else assert_float_equal(json_number_value(r), want[i].rate, 1e-12);
    if (!want[i].flag) assert_true(json_is_null(fl));
    else assert_string_equal(json_string_value(fl), want[i].flag);
  }
  json_t *small = unit_by_id(root, "soc-b");
  assert_null(json_object_get(small, "response_rate"));
  assert_null(json_object_get(small, "response_rate_flag"));
  json_decref(root);
  free(text);
  text = write_mem(sbx_report_write_csv, f.res, "en", NULL);
  assert_non_null(strstr(text, ",change_hi,headcount,response_rate,response_rate_flag,status_clause,"));
  assert_non_null(strstr(text, ",400,0.5,ok,"));
  assert_non_null(strstr(text, ",120,1,ok,"));
  assert_non_null(strstr(text, ",40,,over-100,"));
  assert_null(strstr(text, ",40,1.5,"));
  free(text);
  /* A kommun of 500 with 200 answers: 40 %, low. */
  f.org->unit[0].headcount = 500;
  assert_int_equal(sbx__rates(f.res, NULL), 0);
  text = write_mem(sbx_report_write_csv, f.res, "en", NULL);
  assert_non_null(strstr(text, ",500,0.4,low,"));
  free(text);
  fixture_free(&f);
}

static void test_same_bytes_twice(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  writer ws[] = { sbx_report_write_json, sbx_report_write_csv, sbx_report_write_html };
  for (size_t i = 0; i < 3; i++) {
    size_t n1, n2;
    char *a = write_mem(ws[i], f.res, "sv", &n1);
    char *b = write_mem(ws[i], f.res, "sv", &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
  }
  fixture_free(&f);
}

static size_t count(const char *s, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

static void test_csv_tidy_and_formula_safe(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  char *text = write_mem(sbx_report_write_csv, f.res, "sv", NULL);
  assert_true(strncmp(text, "unit,unit_name,parent,scale,scale_kind,suppressed,reason,n,mean",
                      62) == 0);
  /* One row per unit × scale plus the header, each ended by CRLF. */
  assert_int_equal(count(text, "\r\n"), 1 + 5 * 7);
  assert_int_equal(count(text, "\n"), 1 + 5 * 7);
  /* The hostile name is quoted and defused; our own negative numbers are not. */
  assert_non_null(strstr(text, "\"'=HYPERLINK(\"\"http://x\"\")"));
  assert_non_null(strstr(text, ",-0.25,"));
  assert_null(strstr(text, FIX_SECRET_TEXT));
  /* A hidden unit's rows: flagged, with every figure empty. */
  const char *row = strstr(text, "\r\nsoc-b,");
  assert_non_null(row);
  assert_true(strncmp(row + 2, "soc-b,Liten enhet,soc,purposes,box,true,min-group-or-complement,,,", 66) == 0);
  /* Every row has the header's number of fields (no commas inside these cells). */
  const char *p = strstr(text, "\r\nsoc-a,") + 2;
  size_t fields = 1;
  for (; *p != '\r'; p++) fields += *p == ',';
  assert_int_equal(fields, 33);
  free(text);
  fixture_free(&f);
}

static void test_baseline_round_trip(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  char path[] = "/tmp/sbx-baseline-XXXXXX";
  int fd = mkstemp(path);
  FILE *out = fdopen(fd, "w");
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx_report_write_json(out, f.res, NULL, ctx), 0);
  fclose(out);
  sbx_baseline *b = NULL;
  assert_int_equal(sbx_baseline_load(&b, path, ctx), 0);
  /* Four visible units × seven scales; the hidden unit gives nothing. */
  assert_int_equal(b->ncell, 4 * 7);
  for (size_t i = 0; i < b->ncell; i++) assert_string_not_equal(b->cell[i].unit, "soc-b");
  assert_string_equal(b->cell[0].unit, "kommun");
  assert_string_equal(b->cell[0].scale, "purposes");
  assert_int_equal(b->cell[0].n, 200);
  assert_float_equal(b->cell[0].mean, 3.3, 1e-9);
  assert_int_equal(b->ngoal, 4);
  assert_string_equal(b->goal[2].goal, "o1");
  assert_int_equal(b->goal[2].status, SBX_GOAL_AT_RISK);
  sbx_baseline_free(b);
  /* Not JSON, the wrong schema, a missing file. */
  out = fopen(path, "w");
  fputs("{\"schema\": \"other/2\", \"units\": []}", out);
  fclose(out);
  assert_int_equal(sbx_baseline_load(&b, path, ctx), SBX_EDATA);
  assert_null(b);
  out = fopen(path, "w");
  fputs("{\"schema\": ", out);
  fclose(out);
  assert_int_equal(sbx_baseline_load(&b, path, ctx), SBX_EDATA);
  unlink(path);
  assert_int_equal(sbx_baseline_load(&b, path, ctx), SBX_ENOENT);
  assert_true(sbx_ctx_errors(ctx) >= 3);
  sbx_ctx_free(ctx);
  fixture_free(&f);
}

static void test_catalogue(void **state) {
  (void)state;
  sbx__lang *sv = NULL, *en = NULL;
  assert_int_equal(sbx__lang_load(&sv, "sv", NULL), 0);
  assert_int_equal(sbx__lang_load(&en, "en", NULL), 0);
  assert_string_equal(sbx__msg(sv, "box.helpful-mechanisms"), "Hjälpmedel och metoder");
  assert_string_equal(sbx__msg(en, "box.helpful-mechanisms"), "Helpful mechanisms");
  assert_string_equal(sbx__msg(en, "no.such.key"), "no.such.key");
  char *s = sbx__msg_fill(sv, "supp.fewer", (const char *const[]){ "k", "5", NULL });
  assert_string_equal(s, "färre än 5");
  free(s);
  s = sbx__msg_fill(en, "supp.fewer", (const char *const[]){ "other", "x", NULL });
  assert_string_equal(s, "fewer than {k}");
  free(s);
  sbx__lang_free(sv);
  sbx__lang_free(en);
}

/* Every catalogue key the HTML sources name exists (in both languages). */
static void test_catalogue_covers_sources(void **state) {
  (void)state;
  static const char *const files[] = { "doc.c", "util.c", "names.c", "svg.c", "sec_lead.c",
                                       "sec_thread.c", "sec_heatmap.c", "sec_boxes.c",
                                       "sec_units.c", "sec_drivers.c", "sec_actions.c",
                                       "sec_method.c" };
  static const char *const prefixes[] = { "sec.", "col.", "lead.", "msg.", "status.", "goal.",
                                          "level.", "supp.", "boxes.", "units.", "drivers.",
                                          "actions.", "method.", "thread.", "heatmap.",
                                          "report.", "sixbox.", "nav.", "unit." };
  size_t checked = 0;
  sbx__lang *en = NULL;
  assert_int_equal(sbx__lang_load(&en, "en", NULL), 0);
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/reports/html/%s", SBX_SOURCE_DIR, files[i]);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
      for (char *p = strchr(line, '"'); p; p = strchr(p + 1, '"')) {
        char *q = strchr(p + 1, '"');
        if (!q) break;
        char key[128];
        size_t n = (size_t)(q - p - 1);
        if (n >= sizeof key) break;
        memcpy(key, p + 1, n);
        key[n] = '\0';
        for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
          if (strncmp(key, prefixes[k], strlen(prefixes[k])) == 0 && !strchr(key, ' ') &&
              !strchr(key, '%') && key[n - 1] != '.') {
            if (!sbx__msg_has(en, key)) fail_msg("%s names the missing key %s", files[i], key);
            checked++;
          }
        }
        p = q;
      }
    }
    fclose(f);
  }
  assert_true(checked > 100);
  for (int b = 0; b < SBX_BOX_COUNT; b++) {
    char key[64];
    snprintf(key, sizeof key, "box.%s", sbx_box_id((sbx_box)b));
    assert_true(sbx__msg_has(en, key));
    snprintf(key, sizeof key, "focus.%s", sbx_box_id((sbx_box)b));
    assert_true(sbx__msg_has(en, key));
  }
  sbx__lang_free(en);
}


static json_t *goal_by_id(json_t *root, const char *id) {
  size_t i;
  json_t *g;
  json_array_foreach(json_object_get(root, "goals"), i, g) {
    if (strcmp(json_string_value(json_object_get(g, "id")), id) == 0) return g;
  }
  return NULL;
}

/* An operative goal's status from its evidence alone, by docs/statistics.md ("Goals at risk"). */
static const char *recompute(json_t *ev) {
  int weak = 0, watch = 0, all = json_array_size(ev) > 0, lead = 0;
  size_t i;
  json_t *e;
  json_array_foreach(ev, i, e) {
    const char *st = json_string_value(json_object_get(e, "status"));
    if (!json_is_true(json_object_get(e, "critical"))) {
      lead |= st && strcmp(st, "weak") == 0;
      continue;
    }
    if (!st) all = 0;
    else if (strcmp(st, "weak") == 0) weak = 1;
    else if (strcmp(st, "watch") == 0) watch = 1;
  }
  if (weak) return "at-risk";
  if (watch || lead) return "watch";
  return all ? "on-track" : "unknown";
}

/* The red thread in results.json: via, and per evidence entry rule, critical, weight
 * and n only as a band; a reader can recompute the operative status. */
static void test_json_goal_thread(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  char *text = write_mem(sbx_report_write_json, f.res, "sv", NULL);
  json_t *root = json_loads(text, 0, NULL);
  assert_non_null(root);
  json_t *s1 = goal_by_id(root, "s1"), *o1 = goal_by_id(root, "o1");
  assert_string_equal(json_string_value(json_object_get(s1, "via")), "o1");
  assert_string_equal(json_string_value(json_object_get(s1, "rule")), "rollup");
  assert_true(json_is_null(json_object_get(o1, "via")));
  assert_true(json_is_null(json_object_get(goal_by_id(root, "vision"), "via")));
  json_t *ev = json_object_get(o1, "evidence");
  json_t *e0 = json_array_get(ev, 0), *e1 = json_array_get(ev, 1);
  assert_string_equal(json_string_value(json_object_get(e0, "rule")), "critical-weak");
  assert_true(json_is_true(json_object_get(e0, "critical")));
  assert_float_equal(json_real_value(json_object_get(e0, "weight")), 1.0, 0);
  assert_string_equal(json_string_value(json_object_get(e0, "n_band")), "50-99");
  assert_null(json_object_get(e0, "n")); /* never an exact n */
  assert_string_equal(json_string_value(json_object_get(e1, "rule")), "no-figures");
  assert_true(json_is_true(json_object_get(e1, "suppressed")));
  assert_null(json_object_get(e1, "n_band"));
  assert_string_equal(recompute(ev), json_string_value(json_object_get(o1, "status")));
  json_decref(root);
  free(text);
  fixture_free(&f);
}

static void test_n_bands(void **state) {
  (void)state;
  assert_null(sbx__n_band(0));
  assert_string_equal(sbx__n_band(3), "1-4");
  assert_string_equal(sbx__n_band(5), "5-9");
  assert_string_equal(sbx__n_band(19), "10-19");
  assert_string_equal(sbx__n_band(20), "20-49");
  assert_string_equal(sbx__n_band(99), "50-99");
  assert_string_equal(sbx__n_band(100000), "100+");
}

/* Respondents of unknown unit: exact from k on, {"fewer_than": k} from 1 to k-1;
 * comments dropped for want of a large enough group are counted. */
static void test_json_unknown_unit_and_dropped(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  static const size_t unk[] = { 0, 3, 4, 5, 17 };
  for (size_t i = 0; i < sizeof unk / sizeof unk[0]; i++) {
    f.res->unknown_unit = unk[i];
    f.res->ncomment_dropped = 4;
    char *text = write_mem(sbx_report_write_json, f.res, "en", NULL);
    json_t *root = json_loads(text, 0, NULL);
    json_t *u = json_object_get(json_object_get(root, "respondents"), "unknown_unit");
    if (unk[i] == 0 || unk[i] >= 5) {
      assert_int_equal(json_integer_value(u), unk[i]);
    } else {
      assert_true(json_is_object(u));
      assert_int_equal(json_integer_value(json_object_get(u, "fewer_than")), 5);
      assert_int_equal(json_object_size(u), 1);
    }
    assert_int_equal(json_integer_value(json_object_get(root, "comments_dropped")), 4);
    json_decref(root);
    free(text);
  }
  fixture_free(&f);
}

/* The whole organisation below k (suppression leaves counts_shown 0): no count of rows
 * or respondents at all, only "fewer than k". */
static void test_json_counts_hidden(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  f.res->counts_shown = f.res->sources_shown = 0;
  f.res->unknown_unit = 2;
  f.res->ncomment_dropped = 3;
  char *text = write_mem(sbx_report_write_json, f.res, "en", NULL);
  json_t *root = json_loads(text, 0, NULL);
  json_t *r = json_object_get(root, "respondents");
  assert_true(json_is_null(json_object_get(r, "read")));
  assert_true(json_is_null(json_object_get(r, "rejected")));
  assert_true(json_is_null(json_object_get(r, "duplicates")));
  assert_true(json_is_null(json_object_get(r, "unknown_unit")));
  assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "accepted"),
                                                      "fewer_than")), 5);
  assert_true(json_is_true(json_object_get(r, "sources_counts_hidden")));
  assert_true(json_is_null(json_object_get(root, "comments_dropped")));
  json_decref(root);
  free(text);
  fixture_free(&f);
}

/* goals.csv: one row per goal × evidence entry, every row with the header's fields,
 * via and the evidence's rule, critical, weight and n band; a hidden cell no figure. */
static void test_goals_csv(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  char *text = write_mem(sbx__report_write_goals_csv, f.res, "sv", NULL);
  assert_true(strncmp(text, "goal,level,parent,goal_unit,status,rule,risk,via,baseline_status,"
                            "unit,scale,critical,weight,evidence_rule,suppressed,n_band,mean,"
                            "ci_lo,ci_hi,box_status,reading,indicator,target,direction,"
                            "indicator_status,indicator_year,indicator_value,peers_value,"
                            "country_value\r\n", 262) == 0);
  /* vision, s1 and o2 without evidence: one row each; o1 two rows. */
  assert_int_equal(count(text, "\r\n"), 1 + 5);
  for (const char *p = text; *p; p = strstr(p, "\r\n") + 2) {
    size_t fields = 1;
    for (const char *q = p; *q != '\r'; q++) fields += *q == ',';
    assert_int_equal(fields, 29);
  }
  assert_non_null(strstr(text, "\r\ns1,strategic,vision,,at-risk,rollup,1,o1,,"));
  assert_non_null(strstr(text, ",rewards,true,1,critical-weak,false,50-99,"));
  assert_non_null(strstr(text, ",rewards,true,1,no-figures,true,,,,,,,,,,,,,,\r\n"));
  assert_null(strstr(text, FIX_SECRET_TEXT));
  free(text);
  fixture_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_json_contract),
    cmocka_unit_test(test_json_counts_hidden),
    cmocka_unit_test(test_json_hidden_unit_has_no_figures),
    cmocka_unit_test(test_json_csv_response_rates),
    cmocka_unit_test(test_same_bytes_twice),
    cmocka_unit_test(test_csv_tidy_and_formula_safe),
    cmocka_unit_test(test_baseline_round_trip),
    cmocka_unit_test(test_catalogue),
    cmocka_unit_test(test_catalogue_covers_sources),
    cmocka_unit_test(test_json_goal_thread),
    cmocka_unit_test(test_n_bands),
    cmocka_unit_test(test_json_unknown_unit_and_dropped),
    cmocka_unit_test(test_goals_csv),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

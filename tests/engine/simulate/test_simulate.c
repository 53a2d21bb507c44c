/* simulate: respondents per unit, determinism (same seed, same bytes, the XLSX too),
 * planted weaknesses, reverse keying, missing answers and "don't know", comments, and
 * the structure of each export format. Uses the in-memory fixture survey. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include <sixbox/simulate.h>
#include <sixbox/tools.h>
#include "engine/simulate/sim_fixture.h"
#include "surveys/model.h"

typedef struct fx { sbx_survey *s; sbx_org *o; sbx_ctx *ctx; } fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  f->s = fixture_survey();
  f->o = fixture_org();
  f->ctx = sbx_ctx_new();
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  sbx_survey_free(f->s);
  sbx_org_free(f->o);
  sbx_ctx_free(f->ctx);
  free(f);
  return 0;
}

static sbx_simulation *run(fx *f, unsigned long seed, long n, const sbx_sim_weak *w,
                           size_t nw) {
  sbx_simulate_opts o = SBX_SIMULATE_OPTS_INIT;
  o.seed = seed;
  o.respondents = n;
  o.weak = w;
  o.nweak = nw;
  sbx_simulation *sim = NULL;
  assert_int_equal(sbx_simulate(&sim, f->s, f->o, &o, f->ctx), 0);
  assert_non_null(sim);
  return sim;
}

/* The export in memory. */
static char *render(const sbx_simulation *sim, const char *format, const char *lang,
                    size_t *len) {
  char *buf = NULL;
  FILE *m = open_memstream(&buf, len);
  assert_non_null(m);
  assert_int_equal(sbx_simulate_write(m, sim, format, lang, NULL), 0);
  fclose(m);
  return buf;
}

/* Every format simulate writes, from the table of tools (sixbox/tools.h), and csv: a
 * tool whose export is marked there is tested with no change here. */
#define MAX_FORMATS 32
static size_t sim_formats(const char *out[MAX_FORMATS]) {
  size_t n = 0;
  const sbx_tool *t;
  for (size_t i = 0; (t = sbx_tool_at(i)) != NULL && n + 1 < MAX_FORMATS; i++)
    if (t->simulate) out[n++] = t->id;
  out[n++] = "csv";
  assert_true(n >= 7);
  return n;
}

static void test_same_seed_same_bytes(void **state) {
  fx *f = *state;
  sbx_simulation *a = run(f, 42, 0, NULL, 0), *b = run(f, 42, 0, NULL, 0);
  sbx_simulation *c = run(f, 43, 0, NULL, 0);
  const char *formats[MAX_FORMATS];
  size_t nformat = sim_formats(formats);
  for (size_t k = 0; k < nformat; k++) {
    size_t la, lb, lc;
    char *x = render(a, formats[k], "sv", &la), *y = render(b, formats[k], "sv", &lb);
    char *z = render(c, formats[k], "sv", &lc);
    assert_true(la > 100);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, la);
    assert_false(la == lc && memcmp(x, z, la) == 0);
    free(x);
    free(y);
    free(z);
  }
  sbx_simulation_free(a);
  sbx_simulation_free(b);
  sbx_simulation_free(c);
}

static size_t leaf_count(const sbx_responses *r, uint32_t unit) {
  size_t n = 0;
  for (size_t i = 0; i < r->n; i++) n += r->unit[i] == unit;
  return n;
}

static void test_respondents_follow_headcount(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 7, 0, NULL, 0);
  const sbx_responses *r = sbx_simulation_responses(sim);
  long hc_total = 0;
  for (uint32_t u = 0; u < f->o->nunit; u++) {
    if (f->o->unit[u].headcount < 0) {
      assert_int_equal(leaf_count(r, u), 0); /* not a leaf */
      continue;
    }
    hc_total += f->o->unit[u].headcount;
    assert_true(leaf_count(r, u) <= (size_t)f->o->unit[u].headcount);
  }
  assert_true(r->n >= (size_t)(0.6 * hc_total) && r->n <= (size_t)(0.92 * hc_total));
  assert_true(leaf_count(r, 4) < 5); /* soc-lss has four staff */
  sbx_simulation_free(sim);
  sim = run(f, 7, 1000, NULL, 0);
  r = sbx_simulation_responses(sim);
  assert_int_equal(r->n, 1000);
  /* in proportion to headcount: hemtjänst (60) has more than förskolan (25) */
  assert_true(leaf_count(r, 2) > leaf_count(r, 7) * 3 / 2);
  sbx_simulation_free(sim);
}

/* Mean box score (reverse-keyed items flipped) of unit u (SBX_NONE = all). */
static double box_mean(const sbx_survey *s, const sbx_responses *r, size_t sc, uint32_t u) {
  double sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < r->n; i++) {
    if (u != SBX_NO_UNIT && r->unit[i] != u) continue;
    const int8_t *row = sbx__responses_row(r, i);
    for (size_t k = 0; k < s->scale[sc].nitem; k++) {
      size_t j = s->scale[sc].item[k];
      if (row[j] == SBX_MISSING) continue;
      sum += s->item[j].reverse ? 8 - row[j] : row[j];
      n++;
    }
  }
  return n ? sum / (double)n : NAN;
}

static void test_planted_weakness_lowers_the_box(void **state) {
  fx *f = *state;
  sbx_sim_weak w[2] = { { "soc-ifo", "leadership", SBX_SIM_DEFAULT_SHIFT },
                        { "bun", "rewards", -2.0 } };
  sbx_simulation *plain = run(f, 11, 3000, NULL, 0), *weak = run(f, 11, 3000, w, 2);
  const sbx_responses *rp = sbx_simulation_responses(plain);
  const sbx_responses *rw = sbx_simulation_responses(weak);
  double before = box_mean(f->s, rp, 4, 3), after = box_mean(f->s, rw, 4, 3);
  assert_true(before - after > 1.0);
  assert_true(after < 4.0);                         /* on the problem side */
  assert_true(box_mean(f->s, rw, 4, 2) - box_mean(f->s, rp, 4, 2) > -0.2);
  for (uint32_t leaf = 6; leaf <= 7; leaf++)       /* every leaf of bun */
    assert_true(box_mean(f->s, rp, 3, leaf) - box_mean(f->s, rw, 3, leaf) > 1.3);
  assert_true(fabs(box_mean(f->s, rw, 3, 2) - box_mean(f->s, rp, 3, 2)) < 0.2);
  sbx_simulation_free(plain);
  sbx_simulation_free(weak);
}

static void test_reverse_keyed_items_answered_reversed(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 5, 2000, NULL, 0);
  const sbx_responses *r = sbx_simulation_responses(sim);
  /* item 0 (straight) and 2 (reverse) of purposes: negatively correlated */
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  size_t n = 0, missing = 0, cells = 0;
  for (size_t i = 0; i < r->n; i++) {
    const int8_t *row = sbx__responses_row(r, i);
    for (size_t j = 0; j < r->nitem; j++) {
      cells++;
      if (row[j] == SBX_MISSING) missing++;
      else assert_true(row[j] >= 1 && row[j] <= 7);
    }
    if (row[0] == SBX_MISSING || row[2] == SBX_MISSING) continue;
    sx += row[0]; sy += row[2]; sxx += row[0] * row[0]; syy += row[2] * row[2];
    sxy += row[0] * row[2];
    n++;
  }
  double cov = sxy / n - (sx / n) * (sy / n);
  double rho = cov / sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
  assert_true(rho < -0.2);
  /* a little missingness: 1.5 % empty + 1 % don't know */
  assert_true(missing > cells / 100 && missing < cells / 15);
  sbx_simulation_free(sim);
}

static void test_comments_exercise_masking(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 3, 600, NULL, 0);
  const sbx_responses *r = sbx_simulation_responses(sim);
  size_t mail = 0, phone = 0;
  assert_true(r->ncomment > 600 * 2 / 10 && r->ncomment < 600 * 2 * 3 / 10);
  for (size_t k = 0; k < r->ncomment; k++) {
    const char *t = r->arena + r->comment[k].text;
    mail += strchr(t, '@') != NULL;
    phone += strstr(t, "070-") != NULL;
    if (k) assert_true(r->comment[k].row >= r->comment[k - 1].row);
  }
  assert_true(mail > 0 && phone > 0);
  sbx_simulation_free(sim);
}

static void test_weak_spec_parsing(void **state) {
  fx *f = *state;
  sbx_sim_weak w;
  char buf[64];
  assert_int_equal(sbx_sim_weak_parse(&w, buf, sizeof buf, "soc:leadership", f->ctx), 0);
  assert_string_equal(w.unit, "soc");
  assert_string_equal(w.scale, "leadership");
  assert_true(w.shift == SBX_SIM_DEFAULT_SHIFT);
  assert_int_equal(sbx_sim_weak_parse(&w, buf, sizeof buf, "soc-ifo:rewards:-2.5", f->ctx), 0);
  assert_true(w.shift == -2.5);
  assert_int_equal(sbx_sim_weak_parse(&w, buf, sizeof buf, "soc", f->ctx), SBX_EUSAGE);
  assert_int_equal(sbx_sim_weak_parse(&w, buf, sizeof buf, "soc:x:abc", f->ctx), SBX_EUSAGE);
  assert_int_equal(sbx_sim_weak_parse(&w, buf, sizeof buf, ":x", f->ctx), SBX_EUSAGE);
  /* unknown unit or box: refused with a record */
  sbx_sim_weak bad[1] = { { "nowhere", "leadership", -1 } };
  sbx_simulate_opts o = SBX_SIMULATE_OPTS_INIT;
  o.weak = bad;
  o.nweak = 1;
  sbx_simulation *sim = NULL;
  sbx_ctx_clear(f->ctx);
  assert_int_equal(sbx_simulate(&sim, f->s, f->o, &o, f->ctx), SBX_EUSAGE);
  assert_null(sim);
  assert_int_equal(sbx_ctx_errors(f->ctx), 1);
  bad[0].unit = "soc";
  bad[0].scale = "nosuchbox";
  assert_int_equal(sbx_simulate(&sim, f->s, f->o, &o, f->ctx), SBX_EUSAGE);
  sbx_ctx_clear(f->ctx);
}

/* The first line (up to CR or LF) of a text. */
static char *first_line(const char *s) {
  size_t n = strcspn(s, "\r\n");
  char *l = malloc(n + 1);
  memcpy(l, s, n);
  l[n] = '\0';
  return l;
}

static size_t count_lines(const char *s, const char *eol) {
  size_t n = 0;
  for (const char *p = strstr(s, eol); p; p = strstr(p + strlen(eol), eol)) n++;
  return n;
}

static void test_google_forms_layout(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 9, 40, NULL, 0);
  size_t len;
  char *sv = render(sim, "google-forms", "sv", &len);
  char *h = first_line(sv);
  assert_true(strncmp(h, "Tidstämpel,Var arbetar du?,", 28) == 0);
  assert_non_null(strstr(h, "\"Uppgift och mål [Påstående 1 om Uppgift och mål, \"\"purposes\"\" & <mer>]\""));
  assert_non_null(strstr(h, ",Vad fungerar bra?,Vad bör förbättras?"));
  assert_int_equal(count_lines(sv, "\r\n"), 40); /* no line end after the last record */
  assert_true(sv[len - 1] != '\n');
  assert_non_null(strstr(sv, "\r\n2026-03-"));
  assert_non_null(strstr(sv, ",Instämmer helt,") || strstr(sv, ",Instämmer inte alls,"));
  free(h);
  char *en = render(sim, "google-forms", "en", &len);
  h = first_line(en);
  assert_true(strncmp(h, "Timestamp,Where do you work?,", 29) == 0);
  assert_non_null(strstr(en, "\r\n3/"));
  free(h);
  free(sv);
  free(en);
  sbx_simulation_free(sim);
}

static void test_header_rows_of_the_other_tools(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 9, 30, NULL, 0);
  size_t len;
  char *sm = render(sim, "surveymonkey", "sv", &len);
  assert_true(strncmp(sm, "Respondent ID,Collector ID,Start Date,End Date,", 47) == 0);
  assert_non_null(strstr(sm, "\r\n,,,,,,,,,Response,"));
  assert_non_null(strstr(sm, ",Open-Ended Response\r\n"));
  assert_int_equal(count_lines(sm, "\r\n"), 32);
  char *q = render(sim, "qualtrics", "en", &len);
  assert_true(strncmp(q, "StartDate,EndDate,Status,", 25) == 0);
  assert_non_null(strstr(q, ",Q1,Q2_1,Q2_2,Q2_3,Q3_1,"));
  assert_non_null(strstr(q, "\"{\"\"ImportId\"\":\"\"QID2_1\"\"}\""));
  assert_non_null(strstr(q, "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"Europe/Stockholm\"\"}\""));
  assert_non_null(strstr(q, ",Where do you work?,\"Purposes - Statement 1 on Purposes"));
  assert_non_null(strstr(q, ",R_"));
  char *ls = render(sim, "limesurvey", "sv", &len);
  assert_memory_equal(ls, "\xEF\xBB\xBF\"id\";\"submitdate\";\"lastpage\";", 32);
  assert_non_null(strstr(ls, ";\"unit\";\"purposes[purposes1]\";"));
  assert_non_null(strstr(ls, ";\"helpfulmechanisms[helpfulmechanisms3]\";"));
  assert_true(len > 4 && memcmp(ls + len - 4, "\r\n\r\n", 4) == 0);
  char *kb = render(sim, "kobotoolbox", "sv", &len);
  assert_true(strncmp(kb, "\"start\";\"end\";\"unit\";\"purposes/purposes-1\";", 43) == 0);
  assert_non_null(strstr(kb, "\"_id\";\"_uuid\";\"_submission_time\";\"_validation_status\""));
  assert_non_null(strstr(kb, "\"submitted_via_web\""));
  free(sm);
  free(q);
  free(ls);
  free(kb);
  sbx_simulation_free(sim);
}

/* An entry of a zip archive in memory, NUL-terminated. */
static char *zip_entry(const char *data, size_t len, const char *name, size_t *n) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
  assert_non_null(za);
  zip_stat_t st;
  assert_int_equal(zip_stat(za, name, 0, &st), 0);
  char *buf = malloc(st.size + 1);
  zip_file_t *zf = zip_fopen(za, name, 0);
  assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
  buf[st.size] = '\0';
  zip_fclose(zf);
  zip_close(za);
  zip_error_fini(&ze);
  *n = st.size;
  return buf;
}

static void test_microsoft_forms_xlsx(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 13, 25, NULL, 0);
  size_t len, n;
  char *x = render(sim, "microsoft-forms", "sv", &len);
  assert_memory_equal(x, "PK\x03\x04", 4);
  static const char *const parts[] = { "[Content_Types].xml", "_rels/.rels",
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
    "xl/worksheets/sheet1.xml" };
  for (size_t k = 0; k < 6; k++) {
    char *p = zip_entry(x, len, parts[k], &n);
    xmlDocPtr d = xmlReadMemory(p, (int)n, parts[k], NULL, XML_PARSE_NONET);
    assert_non_null(d);
    xmlFreeDoc(d);
    free(p);
  }
  char *sheet = zip_entry(x, len, "xl/worksheets/sheet1.xml", &n);
  assert_non_null(strstr(sheet, "<c r=\"A1\" t=\"inlineStr\"><is><t>ID</t></is></c>"
                                "<c r=\"B1\" t=\"inlineStr\"><is><t>Start time</t></is></c>"
                                "<c r=\"C1\" t=\"inlineStr\"><is><t>Completion time</t></is></c>"
                                "<c r=\"D1\" t=\"inlineStr\"><is><t>Email</t></is></c>"
                                "<c r=\"E1\" t=\"inlineStr\"><is><t>Name</t></is></c>"
                                "<c r=\"F1\" t=\"inlineStr\"><is><t>Var arbetar du?</t>"));
  assert_non_null(strstr(sheet, "<t>Påstående 1 om Uppgift och mål, &quot;purposes&quot; &amp; &lt;mer&gt;</t>"));
  assert_non_null(strstr(sheet, "<row r=\"26\">"));
  assert_null(strstr(sheet, "<row r=\"27\">"));
  assert_non_null(strstr(sheet, "<c r=\"A26\"><v>25</v></c><c r=\"B26\" s=\"1\"><v>"));
  free(sheet);
  free(x);
  sbx_simulation_free(sim);
}

static void test_plain_csv_is_the_truth(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 21, 12, NULL, 0);
  const sbx_responses *r = sbx_simulation_responses(sim);
  size_t len;
  char *c = render(sim, "csv", NULL, &len);
  char *h = first_line(c);
  assert_string_equal(h, "response_id,source,unit,purposes-1,purposes-2,purposes-3,"
                         "structure-1,structure-2,structure-3,relationships-1,"
                         "relationships-2,relationships-3,rewards-1,rewards-2,rewards-3,"
                         "leadership-1,leadership-2,leadership-3,helpful-mechanisms-1,"
                         "helpful-mechanisms-2,helpful-mechanisms-3,change-1,change-2");
  /* row 1 carries the first respondent's unit and values */
  char expect[256];
  int k = snprintf(expect, sizeof expect, "\n1,simulate,%s,", f->o->unit[r->unit[0]].id);
  const int8_t *row = sbx__responses_row(r, 0);
  for (size_t j = 0; j < r->nitem; j++) {
    if (row[j] != SBX_MISSING) k += snprintf(expect + k, sizeof expect - (size_t)k, "%d", row[j]);
    if (j + 1 < r->nitem) k += snprintf(expect + k, sizeof expect - (size_t)k, ",");
  }
  snprintf(expect + k, sizeof expect - (size_t)k, "\n");
  assert_non_null(strstr(c, expect));
  assert_int_equal(count_lines(c, "\n"), 13);
  free(h);
  free(c);
  sbx_simulation_free(sim);
}

static void test_unknown_format_refused(void **state) {
  fx *f = *state;
  sbx_simulation *sim = run(f, 1, 5, NULL, 0);
  assert_false(sbx_simulate_format_known("typeform"));
  assert_int_equal(sbx_simulate_write(stdout, sim, "typeform", "sv", f->ctx), SBX_EUSAGE);
  sbx_ctx_clear(f->ctx);
  sbx_simulation_free(sim);
}

/* On a low-is-good scale (the ODQ's own direction) a planted weakness raises the
 * answers: the shift follows the scale's direction. Uses the shipped files. */
static void test_weakness_follows_the_direction(void **state) {
  fx *f = *state;
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  assert_int_equal(sbx_survey_load(&s, SBX_SOURCE_DIR "/surveys/definitions/sixbox-odq-style.xml",
                                   f->ctx), 0);
  assert_int_equal(sbx_org_load(&o, SBX_SOURCE_DIR "/surveys/examples/exempelstad/org.xml",
                                f->ctx), 0);
  assert_int_equal(s->answer_scale[0].direction, SBX_LOW_IS_GOOD);
  sbx_sim_weak w[1] = { { "ifo", "leadership", SBX_SIM_DEFAULT_SHIFT } };
  sbx_simulate_opts opt = SBX_SIMULATE_OPTS_INIT;
  opt.seed = 17;
  opt.respondents = 4000;
  sbx_simulation *plain = NULL, *weak = NULL;
  assert_int_equal(sbx_simulate(&plain, s, o, &opt, f->ctx), 0);
  opt.weak = w;
  opt.nweak = 1;
  assert_int_equal(sbx_simulate(&weak, s, o, &opt, f->ctx), 0);
  size_t sc = sbx__survey_find_scale(s, "leadership");
  uint32_t ifo = (uint32_t)sbx__org_find_unit(o, "ifo");
  double before = box_mean(s, sbx_simulation_responses(plain), sc, ifo);
  double after = box_mean(s, sbx_simulation_responses(weak), sc, ifo);
  assert_true(after - before > 1.0); /* higher = worse here */
  assert_true(after > 4.0);          /* on the problem side of the cut-off */
  sbx_simulation_free(plain);
  sbx_simulation_free(weak);
  sbx_survey_free(s);
  sbx_org_free(o);
}

/* A 3000-character statement survives as a header in every format. */
static void test_long_texts(void **state) {
  fx *f = *state;
  char *longtext = malloc(3001);
  for (int k = 0; k < 3000; k++) longtext[k] = (char)('a' + k % 26);
  longtext[3000] = '\0';
  assert_int_equal(sbx__text_set(&f->s->item[0].text, "sv", longtext), 0);
  sbx_simulation *sim = run(f, 2, 20, NULL, 0);
  const char *formats[MAX_FORMATS];
  size_t nformat = sim_formats(formats);
  for (size_t k = 0; k < nformat; k++) {
    size_t len;
    char *x = render(sim, formats[k], "sv", &len);
    if (strcmp(formats[k], "microsoft-forms") != 0 && strcmp(formats[k], "csv") != 0 &&
        strcmp(formats[k], "limesurvey") != 0 && strcmp(formats[k], "kobotoolbox") != 0)
      assert_non_null(strstr(x, longtext));
    free(x);
  }
  sbx_simulation_free(sim);
  free(longtext);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_same_seed_same_bytes, setup, teardown),
    cmocka_unit_test_setup_teardown(test_respondents_follow_headcount, setup, teardown),
    cmocka_unit_test_setup_teardown(test_planted_weakness_lowers_the_box, setup, teardown),
    cmocka_unit_test_setup_teardown(test_reverse_keyed_items_answered_reversed, setup, teardown),
    cmocka_unit_test_setup_teardown(test_comments_exercise_masking, setup, teardown),
    cmocka_unit_test_setup_teardown(test_weak_spec_parsing, setup, teardown),
    cmocka_unit_test_setup_teardown(test_google_forms_layout, setup, teardown),
    cmocka_unit_test_setup_teardown(test_header_rows_of_the_other_tools, setup, teardown),
    cmocka_unit_test_setup_teardown(test_microsoft_forms_xlsx, setup, teardown),
    cmocka_unit_test_setup_teardown(test_plain_csv_is_the_truth, setup, teardown),
    cmocka_unit_test_setup_teardown(test_unknown_format_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(test_weakness_follows_the_direction, setup, teardown),
    cmocka_unit_test_setup_teardown(test_long_texts, setup, teardown),
  };
  return cmocka_run_group_tests_name("simulate", tests, NULL, NULL);
}

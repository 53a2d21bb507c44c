/* One small export per tool, written to its documented quirks (tests/data/import/),
 * read by the real readers and imported into the test survey: tool detected, header
 * rows, rows accepted / rejected (with the tool's reasons) / duplicate, values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sixbox/import.h>
#include "fixture.h"
#include "surveys/import_log.h"

typedef struct got {
  sbx_survey *s;
  sbx_org *o;
  sbx_ctx *ctx;
  sbx_responses *r;
  sbx_import_log *log;
  char path[512];
} got;

static void import_one(got *g, const char *name, const char *tool) {
  memset(g, 0, sizeof *g);
  g->s = tfx_survey();
  g->o = tfx_org();
  g->ctx = sbx_ctx_new();
  snprintf(g->path, sizeof g->path, "%s/import/%s", SBX_TEST_DATA, name);
  const char *paths[] = { g->path };
  sbx_import_opts opts = SBX_IMPORT_OPTS_INIT;
  opts.tool = tool;
  int rc = sbx_import(&g->r, &g->log, g->s, g->o, paths, 1, &opts, g->ctx);
  if (rc) {
    char buf[1024];
    for (size_t i = 0; i < sbx_ctx_count(g->ctx); i++) {
      sbx_error_format(buf, sizeof buf, sbx_ctx_get(g->ctx, i));
      print_message("%s\n", buf);
    }
  }
  assert_int_equal(rc, 0);
}

static void release(got *g) {
  sbx_responses_free(g->r);
  sbx_import_log_free(g->log);
  sbx_survey_free(g->s);
  sbx_org_free(g->o);
  sbx_ctx_free(g->ctx);
}

static void expect_file(const got *g, const char *tool, size_t header_rows, size_t read,
                        size_t accepted, size_t rejected, size_t duplicates) {
  const sbx_log_file *f = &g->log->file[0];
  assert_string_equal(f->tool, tool);
  assert_int_equal(f->header_rows, header_rows);
  assert_int_equal(f->read, read);
  assert_int_equal(f->accepted, accepted);
  assert_int_equal(f->rejected, rejected);
  assert_int_equal(f->duplicates, duplicates);
  assert_int_equal(g->r->n, accepted);
  assert_int_equal(g->r->src[0].read, read);
  assert_string_equal(g->r->src[0].tool, tool);
  /* The public totals, out-parameters first, in the order read, accepted, rejected,
   * duplicates (one file: its own counts). */
  size_t t[4] = { 99, 99, 99, 99 };
  sbx_import_log_totals(&t[0], &t[1], &t[2], &t[3], g->log);
  assert_int_equal(t[0], read);
  assert_int_equal(t[1], accepted);
  assert_int_equal(t[2], rejected);
  assert_int_equal(t[3], duplicates);
  sbx_import_log_totals(&t[0], &t[1], &t[2], &t[3], NULL);
  assert_true(t[0] == 0 && t[1] == 0 && t[2] == 0 && t[3] == 0);
}

/* want: 0 = missing */
static void expect_row(const got *g, size_t row, const int *want, uint32_t unit) {
  const int8_t *v = sbx__responses_row(g->r, row);
  for (size_t i = 0; i < 4; i++) {
    if (want[i] == 0) assert_int_equal(v[i], SBX_MISSING);
    else assert_int_equal(v[i], want[i]);
  }
  assert_int_equal(g->r->unit[row], unit);
}

static const char *reason(const got *g, size_t i) { return g->log->rejected[i].reason; }

static void test_google_forms(void **state) {
  (void)state;
  got g;
  import_one(&g, "google_forms_en.csv", NULL);
  expect_file(&g, "google-forms", 1, 4, 4, 0, 0);
  expect_row(&g, 0, (int[]){ 5, 4, 4, 0 }, 1);
  expect_row(&g, 1, (int[]){ 2, 3, 1, 5 }, 2);
  expect_row(&g, 2, (int[]){ 4, 4, 4, 4 }, SBX_NO_UNIT);
  expect_row(&g, 3, (int[]){ 4, 4, 4, 4 }, 1); /* the same answers, no id: kept */
  assert_int_equal(g.log->file[0].dont_know, 1);
  assert_int_equal(g.log->nunit, 1);
  assert_string_equal(g.log->unit[0].value, "Marketing");
  assert_int_equal(g.log->file[0].column[8].target, SBX_TARGET_NONE);
  assert_int_equal(g.r->ncomment, 1);
  release(&g);
}

static void test_surveymonkey(void **state) {
  (void)state;
  got g;
  import_one(&g, "surveymonkey.csv", NULL);
  expect_file(&g, "surveymonkey", 2, 4, 3, 0, 1);
  expect_row(&g, 0, (int[]){ 5, 4, 4, 2 }, 1);
  expect_row(&g, 2, (int[]){ 1, 2, 2, 2 }, 1);
  assert_string_equal(sbx__responses_id(g.r, 1), "119025914437");
  assert_int_equal(g.log->duplicate[0].line, 5);
  release(&g);
}

static void test_qualtrics(void **state) {
  (void)state;
  got g;
  import_one(&g, "qualtrics.csv", NULL);
  expect_file(&g, "qualtrics", 3, 5, 2, 3, 0);
  expect_row(&g, 0, (int[]){ 5, 4, 0, 0 }, 1);
  expect_row(&g, 1, (int[]){ 0, 2, 1, 0 }, 2);
  assert_string_equal(reason(&g, 0), "survey preview");
  assert_string_equal(reason(&g, 1), "survey test");
  assert_string_equal(reason(&g, 2), "unfinished (Finished = False)");
  assert_string_equal(g.log->rejected[2].id, "FS_4ddd");
  assert_int_equal(g.log->file[0].seen_unanswered, 2);
  assert_int_equal(g.log->file[0].out_of_range, 0);
  assert_int_equal(g.r->ncomment, 1);
  assert_string_equal(g.r->arena + g.r->comment[0].text, "Bra, men\nstressigt");
  assert_int_equal(g.log->file[0].column[15].role, 2); /* display order: other */
  release(&g);
}

static void test_qualtrics_legacy(void **state) {
  (void)state;
  got g;
  import_one(&g, "qualtrics_legacy.csv", NULL);
  expect_file(&g, "qualtrics-legacy", 2, 3, 1, 2, 0);
  assert_string_equal(g.log->file[0].encoding, "utf-8-bom");
  expect_row(&g, 0, (int[]){ 5, 4, 3, 0 }, 1);
  assert_string_equal(reason(&g, 0), "survey preview");
  assert_string_equal(reason(&g, 1), "unfinished (Finished = False)");
  release(&g);
}

static void test_limesurvey(void **state) {
  (void)state;
  got g;
  import_one(&g, "limesurvey.csv", NULL);
  expect_file(&g, "limesurvey", 1, 3, 2, 1, 0);
  assert_int_equal(g.log->file[0].delimiter, ';');
  expect_row(&g, 0, (int[]){ 5, 4, 3, 2 }, 2);
  expect_row(&g, 1, (int[]){ 1, 2, 0, 0 }, 1);
  assert_string_equal(reason(&g, 0), "incomplete (empty submitdate)");
  assert_int_equal(g.log->rejected[0].line, 3);
  assert_int_equal(g.log->file[0].unknown_labels, 1);
  assert_int_equal(g.log->file[0].out_of_range, 1);
  assert_string_equal(g.r->arena + g.r->comment[0].text, "Bra \"stämning\"");
  release(&g);
}

static void test_kobotoolbox(void **state) {
  (void)state;
  got g;
  import_one(&g, "kobotoolbox.csv", NULL);
  expect_file(&g, "kobotoolbox", 1, 3, 2, 1, 0);
  expect_row(&g, 0, (int[]){ 5, 4, 3, 2 }, 1);
  expect_row(&g, 1, (int[]){ 2, 2, 2, 2 }, 2);
  assert_string_equal(reason(&g, 0), "not approved in validation");
  assert_string_equal(sbx__responses_id(g.r, 0), "6b0f8a2e-1111-4c1a-9d55-0a1b2c3d4e01");
  release(&g);
}

static void test_odk_central(void **state) {
  (void)state;
  got g;
  import_one(&g, "odk_central.csv", NULL);
  expect_file(&g, "odk-central", 1, 4, 2, 1, 1);
  expect_row(&g, 0, (int[]){ 5, 5, 4, 4 }, 1);
  expect_row(&g, 1, (int[]){ 3, 3, 3, 0 }, 2);
  assert_string_equal(reason(&g, 0), "rejected in review (ReviewState)");
  assert_int_equal(g.log->file[0].column[7].target, SBX_TARGET_FREE_TEXT);
  release(&g);
}

static void test_odk_odata_json(void **state) {
  (void)state;
  got g;
  import_one(&g, "odk_odata.json", NULL);
  expect_file(&g, "odk-central", 1, 3, 2, 1, 0);
  assert_string_equal(g.log->file[0].format, "json");
  expect_row(&g, 0, (int[]){ 5, 4, 0, 2 }, 1); /* JSON numbers, null, a string */
  expect_row(&g, 1, (int[]){ 3, 3, 3, 3 }, 2);
  assert_string_equal(reason(&g, 0), "rejected in review (ReviewState)");
  assert_string_equal(g.log->rejected[0].id, "a2"); /* the id without "uuid:" (importer.c) */
  release(&g);
}

static void test_microsoft_forms(void **state) {
  (void)state;
  got g;
  import_one(&g, "microsoft_forms.csv", NULL);
  expect_file(&g, "microsoft-forms", 1, 2, 2, 0, 0);
  expect_row(&g, 0, (int[]){ 5, 4, 4, 4 }, 1);
  expect_row(&g, 1, (int[]){ 2, 2, 2, 0 }, 2);
  const sbx_log_column *dup = &g.log->file[0].column[11];
  assert_int_equal(dup->target, SBX_TARGET_NONE);
  assert_non_null(dup->note);
  release(&g);
}

static void test_microsoft_forms_xlsx(void **state) {
  (void)state;
  got g;
  import_one(&g, "microsoft_forms.xlsx", NULL);
  expect_file(&g, "microsoft-forms", 1, 3, 3, 0, 0);
  assert_string_equal(g.log->file[0].format, "xlsx");
  expect_row(&g, 0, (int[]){ 5, 4, 4, 4 }, 1);
  expect_row(&g, 1, (int[]){ 2, 2, 2, 0 }, 2);
  expect_row(&g, 2, (int[]){ 4, 5, 0, 1 }, 2); /* numbers as numbers, "Don't know" */
  assert_string_equal(sbx__responses_id(g.r, 2), "3");
  release(&g);
}

static void test_generic(void **state) {
  (void)state;
  got g;
  import_one(&g, "generic_sv.csv", NULL);
  expect_file(&g, "generic", 1, 5, 4, 0, 1);
  assert_int_equal(g.log->file[0].blank, 1);
  expect_row(&g, 0, (int[]){ 5, 4, 3, 2 }, 1);
  expect_row(&g, 1, (int[]){ 5, 0, 0, 0 }, 2);
  expect_row(&g, 3, (int[]){ 4, 0, 0, 0 }, SBX_NO_UNIT);
  assert_int_equal(g.log->file[0].dont_know, 2);
  assert_int_equal(g.log->file[0].out_of_range, 2);
  assert_int_equal(g.log->nlabel, 2); /* "Kanske" in two columns: one entry each */
  assert_int_equal(g.log->label[1].count, 1);
  assert_int_equal(g.log->label[1].column, 4);
  release(&g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_google_forms),
    cmocka_unit_test(test_surveymonkey),
    cmocka_unit_test(test_qualtrics),
    cmocka_unit_test(test_qualtrics_legacy),
    cmocka_unit_test(test_limesurvey),
    cmocka_unit_test(test_kobotoolbox),
    cmocka_unit_test(test_odk_central),
    cmocka_unit_test(test_odk_odata_json),
    cmocka_unit_test(test_microsoft_forms),
    cmocka_unit_test(test_microsoft_forms_xlsx),
    cmocka_unit_test(test_generic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

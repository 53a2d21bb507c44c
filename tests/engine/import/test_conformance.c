/* Conformance on the real exports in the fixtures folder (exports/ under SIXBOX_FIXTURES_DIR): inspect each response
 * export and compare tool, header rows, number of responses and columns with what we
 * read in the files by hand. Skips, saying so, where the fixtures folder is absent, and
 * (per file) where this build's readers do not read that container yet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sixbox/import.h>
#include "surveys/import_log.h"
#include "surveys/model.h"

/* A column we checked by reading the file: its position, name and role. */
typedef struct col_check { size_t index; const char *name; int role; } col_check;

typedef struct expect {
  const char *path;        /* under fixtures/exports */
  const char *tool;
  size_t header_rows, responses;
  size_t ncolumn;          /* 0 = not checked (JSON flattening is the reader's choice) */
  size_t roles[3];         /* question, metadata, other; checked when ncolumn is */
  const char *encoding;    /* NULL = not checked */
  char delimiter;
  col_check cols[6];
} expect;

enum { Q = 0, M = 1, O = 2 };

static const expect expected[] = {
  { "qualtrics/qualtRics_sample.csv", "qualtrics", 3, 1, 20, { 3, 17, 0 }, "utf-8", ',',
    { { 0, "StartDate", M }, { 8, "ResponseId", M }, { 17, "Q1", Q }, { 19, "Q2 - Topics", Q },
      { 0, NULL, 0 } } },
  { "qualtrics/qualtRics_sample_legacy.csv", "qualtrics-legacy", 2, 1, 16, { 2, 13, 1 },
    "utf-8-bom", ',', { { 0, "ResponseID", M }, { 10, "Q1", Q }, { 11, "Q2", Q },
                        { 15, "", O }, { 0, NULL, 0 } } },
  { "qualtrics/qualtRics_api_export_custom_limit15.csv", "qualtrics", 3, 15, 6, { 2, 3, 1 },
    "utf-8", ',', { { 2, "ResponseId", M }, { 3, "Q16", Q }, { 4, "Q17", Q },
                    { 5, "SolutionRevision", O }, { 0, NULL, 0 } } },
  { "qualtrics/qualtRics_api_export_BeskarArmor.csv", "qualtrics", 3, 44, 24, { 6, 17, 1 },
    "utf-8", ',', { { 2, "Status", M }, { 17, "Q63", Q }, { 22, "Q22", Q },
                    { 23, "SolutionRevision", O }, { 0, NULL, 0 } } },
  { "qualtrics/qualtRics_api_inprogress_matrix_recode999.csv", "qualtrics", 3, 15, 636,
    { 365, 10, 261 }, "utf-8", ',',
    { { 7, "ResponseId", M }, { 10, "PII_1", Q }, { 16, "demAgeTeen_DO", O },
      { 24, "Q20_Browser", O }, { 28, "TIMING_1_First Click", O }, { 0, NULL, 0 } } },
  { "limesurvey/pulsemanager_rc2_export_responses_decoded.csv", "limesurvey", 1, 1, 79,
    { 74, 5, 0 }, "utf-8-bom", ';',
    { { 0, "id", M }, { 1, "submitdate", M }, { 4, "seed", M }, { 9, "q1[vis1]", Q },
      { 78, "q10[wor7]", Q }, { 0, NULL, 0 } } },
  { "limesurvey/pulsemanager_rc2_export_responses_base64.txt", "limesurvey", 1, 1, 79,
    { 74, 5, 0 }, NULL, ';', { { 9, "q1[vis1]", Q }, { 0, NULL, 0 } } },
  { "limesurvey/limonaid_survey_998192_R_data_file.csv", "limesurvey", 1, 7, 71,
    { 44, 27, 0 }, "utf-8-bom", ',',
    { { 0, "Response ID", M }, { 1, "Date submitted", M }, { 9, "How do you identify?", Q },
      { 51, "Total time", M }, { 52, "Group time: The very first question group", M },
      { 0, NULL, 0 } } },
  { "odk/ruODK_central_csv_build_Flora-Quadrat-0-4_1564384341.csv", "odk-central", 1, 2, 31,
    { 25, 6, 0 }, "utf-8", ',',
    { { 0, "SubmissionDate", M }, { 1, "meta-instanceID", M }, { 3, "reporter", Q },
      { 27, "KEY", M }, { 30, "Status", M }, { 0, NULL, 0 } } },
  /* Record formats: tool and count (the records, by reading the JSON / XML). */
  { "kobotoolbox/robotoolbox_kobo_data_group_names_1.json", "kobotoolbox", 1, 6, 0, { 0 },
    NULL, 0, { { 0, NULL, 0 } } },
  { "kobotoolbox/robotoolbox_kobo_data_sm_sep_1.json", "kobotoolbox", 1, 5, 0, { 0 }, NULL,
    0, { { 0, NULL, 0 } } },
  { "kobotoolbox/robotoolbox_kobo_data_validation_1.json", "kobotoolbox", 1, 3, 0, { 0 },
    NULL, 0, { { 0, NULL, 0 } } },
  { "kobotoolbox/robotoolbox_kobo_data_2_datajson_raw.json", "kobotoolbox", 1, 5, 0, { 0 },
    NULL, 0, { { 0, NULL, 0 } } },
  { "odk/ruODK_odata_Submissions_Flora-Quadrat-04.json", "odk-central", 1, 1, 0, { 0 }, NULL,
    0, { { 0, NULL, 0 } } },
  { "surveymonkey/smR_api_v3_responses_bulk.json", "surveymonkey", 1, 2, 0, { 0 }, NULL, 0,
    { { 0, NULL, 0 } } },
  { "limesurvey/limesurveyrc2api_survey_293446_extracted/survey_293446_responses.lsr",
    "limesurvey", 1, 4, 65, { 61, 4, 0 }, NULL, 0,
    { { 0, "id", M }, { 1, "submitdate", M }, { 0, NULL, 0 } } },
  { "limesurvey/limesurveyrc2api_survey_293446_no_tokens.lsa", "limesurvey", 1, 4, 65,
    { 61, 4, 0 }, NULL, 0, { { 0, "id", M }, { 0, NULL, 0 } } },
};

static int not_yet_supported(const sbx_ctx *ctx) {
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++)
    if (strstr(sbx_ctx_get(ctx, i)->message, "not supported by this build")) return 1;
  return 0;
}

static void check_one(const char *dir, const expect *e, size_t *checked) {
  char path[1024], details[1024];
  snprintf(path, sizeof path, "%s/%s", dir, e->path);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_inspection *insp;
  assert_int_equal(sbx_inspection_new(&insp), 0);
  sbx_import_opts opts = SBX_IMPORT_OPTS_INIT;
  if (strstr(e->path, "responses_bulk")) { /* SurveyMonkey: the details name the questions */
    snprintf(details, sizeof details, "%s/surveymonkey/smR_api_v3_survey_details.json", dir);
    opts.details = details;
  }
  int rc = sbx_inspect(insp, path, &opts, ctx);
  if (rc && not_yet_supported(ctx)) {
    print_message("SKIP %s: this build's readers do not read it yet\n", e->path);
  } else {
    if (rc) print_message("FAIL %s: %s\n", e->path, sbx_ctx_get(ctx, 0)->message);
    assert_int_equal(rc, 0);
    const sbx_inspect_file *f = &insp->file[0];
    print_message("%s: %s, %zu responses\n", e->path, f->tool, f->responses);
    assert_string_equal(f->tool, e->tool);
    assert_int_equal(f->header_rows, e->header_rows);
    assert_int_equal(f->responses, e->responses);
    if (e->encoding) assert_string_equal(f->encoding, e->encoding);
    if (e->delimiter) assert_int_equal(f->delimiter, e->delimiter);
    if (e->ncolumn) {
      assert_int_equal(f->ncolumn, e->ncolumn);
      size_t n[3] = { 0, 0, 0 };
      for (size_t i = 0; i < f->ncolumn; i++) n[f->column[i].role]++;
      for (int r = 0; r < 3; r++) assert_int_equal(n[r], e->roles[r]);
    }
    for (const col_check *c = e->cols; c->name; c++) {
      assert_true(c->index < f->ncolumn);
      assert_string_equal(f->column[c->index].name, c->name);
      assert_int_equal(f->column[c->index].role, c->role);
    }
    (*checked)++;
  }
  sbx_inspection_free(insp);
  sbx_ctx_free(ctx);
}

static void test_shared_exports(void **state) {
  (void)state;
  const char *root = getenv("SBX_FIXTURES_DIR");
  if (!root || !*root) root = SBX_FIXTURES_DIR;
  char dir[900];
  snprintf(dir, sizeof dir, "%s/exports", root);
  struct stat st;
  if (stat(dir, &st) != 0) {
    print_message("SKIP: %s is absent (set SIXBOX_FIXTURES_DIR); the real exports are not here\n", dir);
    skip();
  }
  size_t checked = 0;
  for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
    check_one(dir, &expected[i], &checked);
  assert_true(checked >= 9); /* at least every CSV export */
}

/* A one-item survey in the words of the Beskar Armor survey (Qualtrics label export). */
static sbx_survey *beskar_survey(void) {
  static const char *const labels[] = { "Extremely dissatisfied", "Somewhat dissatisfied",
                                        "Neither satisfied nor dissatisfied",
                                        "Somewhat satisfied", "Extremely satisfied" };
  sbx_survey *s = calloc(1, sizeof *s);
  s->id = strdup("beskar");
  s->nanswer_scale = 1;
  s->answer_scale = calloc(1, sizeof *s->answer_scale);
  sbx_answer_scale *a = &s->answer_scale[0];
  a->id = strdup("sat5");
  a->min = 1;
  a->max = 5;
  a->npoint = 5;
  a->point = calloc(5, sizeof *a->point);
  for (int i = 0; i < 5; i++) {
    a->point[i].value = i + 1;
    sbx__text_set(&a->point[i].label, "en", labels[i]);
  }
  s->nitem = 1;
  s->item = calloc(1, sizeof *s->item);
  s->item[0].id = strdup("sat");
  sbx__text_set(&s->item[0].text, "en", "Overall, how satisfied are you with your beskar armor?");
  s->outcome = SBX_NONE;
  return s;
}

/* Importing the real Qualtrics API export: 44 records, of which 15 tests, 2 previews and
 * 4 unfinished (counted by hand from Status and Finished); 23 accepted, and their
 * answers as in the file (7 x 5, 3 x 4, 7 x 3, 3 x 2, 3 x 1). */
static void test_import_qualtrics_real(void **state) {
  (void)state;
  const char *root = getenv("SBX_FIXTURES_DIR");
  if (!root || !*root) root = SBX_FIXTURES_DIR;
  char path[1024];
  snprintf(path, sizeof path, "%s/exports/qualtrics/qualtRics_api_export_BeskarArmor.csv", root);
  struct stat st;
  if (stat(path, &st) != 0) {
    print_message("SKIP: %s is absent\n", path);
    skip();
  }
  sbx_survey *s = beskar_survey();
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_responses *r;
  sbx_import_log *log;
  const char *paths[] = { path };
  assert_int_equal(sbx_import(&r, &log, s, NULL, paths, 1, NULL, ctx), 0);
  const sbx_log_file *f = &log->file[0];
  assert_string_equal(f->tool, "qualtrics");
  assert_int_equal(f->read, 44);
  assert_int_equal(f->accepted, 23);
  assert_int_equal(f->rejected, 21);
  assert_int_equal(f->duplicates, 0);
  size_t why[3] = { 0, 0, 0 }, count[6] = { 0 };
  for (size_t i = 0; i < log->nrejected; i++) {
    const char *reason = log->rejected[i].reason;
    why[strcmp(reason, "survey test") == 0 ? 0 : strcmp(reason, "survey preview") == 0 ? 1 : 2]++;
  }
  assert_int_equal(why[0], 15);
  assert_int_equal(why[1], 2);
  assert_int_equal(why[2], 4);
  for (size_t i = 0; i < r->n; i++) count[sbx__responses_row(r, i)[0]]++;
  assert_int_equal(count[5], 7);
  assert_int_equal(count[4], 3);
  assert_int_equal(count[3], 7);
  assert_int_equal(count[2], 3);
  assert_int_equal(count[1], 3);
  assert_int_equal(strncmp(sbx__responses_id(r, 22), "R_", 2), 0); /* ids kept */
  sbx_responses_free(r);
  sbx_import_log_free(log);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(test_shared_exports),
                                      cmocka_unit_test(test_import_qualtrics_real) };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

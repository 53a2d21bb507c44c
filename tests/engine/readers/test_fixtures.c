/* Every real export in the fixtures folder (SIXBOX_FIXTURES_DIR, CONTRIBUTING.md) that the readers
 * support, with the row counts, formats and encodings established by reading them
 * (CSV counts agree with Python's csv module); files that are not response exports
 * (survey structures, form assets) must be refused with a reason. Skips, saying so,
 * when the fixtures folder is absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rows.h"

typedef struct fixture {
  const char *path;      /* under fixtures/exports/ */
  const char *companion; /* idem, or NULL */
  int rc;
  size_t nrows;          /* header rows included */
  const char *format, *encoding;
  char delim;
  const char *kind;
  const char *last;      /* the last row's "line:first cell", or NULL */
} fixture;

static const fixture FIXTURES[] = {
    {"qualtrics/qualtRics_api_export_BeskarArmor.csv", NULL, 0, 47, "csv", "utf-8", ',', "",
     "85:2024-05-08 13:41:04"},
    {"qualtrics/qualtRics_api_export_custom_limit15.csv", NULL, 0, 18, "csv", "utf-8", ',', "", NULL},
    {"qualtrics/qualtRics_api_inprogress_matrix_recode999.csv", NULL, 0, 18, "csv", "utf-8", ',', "", NULL},
    {"qualtrics/qualtRics_sample.csv", NULL, 0, 4, "csv", "utf-8", ',', "", NULL},
    {"qualtrics/qualtRics_sample_legacy.csv", NULL, 0, 3, "csv", "utf-8-bom", ',', "", NULL},
    {"surveymonkey/smR_api_v3_responses_bulk.json", "surveymonkey/smR_api_v3_survey_details.json",
     0, 3, "json", "utf-8", 0, "surveymonkey", "3:13376299051"},
    {"surveymonkey/smR_api_v3_responses_bulk.json", NULL, SBX_EUSAGE, 0, NULL, NULL, 0, NULL, NULL},
    {"surveymonkey/smR_api_v3_survey_details.json", NULL, SBX_EDATA, 0, NULL, NULL, 0, NULL, NULL},
    {"limesurvey/pulsemanager_rc2_export_responses_decoded.csv", NULL, 0, 2, "csv", "utf-8-bom", ';', "", NULL},
    {"limesurvey/pulsemanager_rc2_export_responses_base64.txt", NULL, 0, 2, "csv", "utf-8-bom", ';',
     "limesurvey-rc", NULL},
    {"limesurvey/limonaid_survey_998192_R_data_file.csv", NULL, 0, 8, "csv", "utf-8-bom", ',', "", NULL},
    {"limesurvey/limonaid_export-of-survey-with-one-multi-choice-question-as-tsv.txt", NULL, 0, 73,
     "csv", "utf-8", '\t', "", NULL},
    {"limesurvey/limesurveyrc2api_survey_293446_extracted/survey_293446_responses.lsr", NULL, 0, 5,
     "lsr", "utf-8", 0, "", NULL},
    {"limesurvey/limesurveyrc2api_survey_293446_no_tokens.lsa", NULL, 0, 5, "lsa", "utf-8", 0, "", NULL},
    {"limesurvey/limesurveyrc2api_survey_293446_extracted/survey_293446.lss", NULL, SBX_EDATA, 0,
     NULL, NULL, 0, NULL, NULL},
    {"limesurvey/limesurveyrc2api_survey_293446_extracted/survey_293446_timings.lsi", NULL, SBX_EDATA,
     0, NULL, NULL, 0, NULL, NULL},
    {"limesurvey/limesurveyrc2api_a_rather_interesting_questionnaire.lss", NULL, SBX_EDATA, 0, NULL,
     NULL, 0, NULL, NULL},
    {"kobotoolbox/robotoolbox_kobo_data_2_datajson_raw.json", NULL, 0, 6, "json", "utf-8", 0,
     "kobotoolbox", NULL},
    {"kobotoolbox/robotoolbox_kobo_data_group_names_1.json", NULL, 0, 7, "json", "utf-8", 0,
     "kobotoolbox", NULL},
    {"kobotoolbox/robotoolbox_kobo_data_sm_sep_1.json", NULL, 0, 6, "json", "utf-8", 0, "kobotoolbox", NULL},
    {"kobotoolbox/robotoolbox_kobo_data_validation_1.json", NULL, 0, 4, "json", "utf-8", 0,
     "kobotoolbox", NULL},
    {"kobotoolbox/robotoolbox_kobo_data_1.json", NULL, SBX_EDATA, 0, NULL, NULL, 0, NULL, NULL},
    {"kobotoolbox/robotoolbox_kobo_data_group_names_0.json", NULL, SBX_EDATA, 0, NULL, NULL, 0, NULL, NULL},
    {"odk/ruODK_central_csv_build_Flora-Quadrat-0-4_1564384341.csv", NULL, 0, 3, "csv", "utf-8", ',', "", NULL},
    {"odk/ruODK_odata_Submissions_Flora-Quadrat-04.json", NULL, 0, 2, "json", "utf-8", 0, "odk-odata",
     "2:uuid:469f71d3-d7aa-4c74-8aaa-af5f667a2f28"},
    {"odk/ruODK_xform_FloraQuadrat04.xml", NULL, SBX_EDATA, 0, NULL, NULL, 0, NULL, NULL},
};

static char base[1024];

static void one(const fixture *f) {
  char path[1200], comp[1200], msg[512];
  snprintf(path, sizeof path, "%s/%s", base, f->path);
  if (f->companion) snprintf(comp, sizeof comp, "%s/%s", base, f->companion);
  rows r = {0};
  sbx_file_info info;
  int rc = read_path(path, f->companion ? comp : NULL, &r, &info, msg, sizeof msg);
  if (rc != f->rc) print_message("%s: rc %d, %s\n", f->path, rc, msg);
  assert_int_equal(rc, f->rc);
  if (rc) {
    assert_true(msg[0] != '\0');
    rows_free(&r);
    return;
  }
  if (r.nrows != f->nrows) print_message("%s: %zu rows\n", f->path, r.nrows);
  assert_int_equal(r.nrows, f->nrows);
  assert_string_equal(info.format, f->format);
  assert_string_equal(info.encoding, f->encoding);
  assert_int_equal(info.delimiter, f->delim);
  assert_string_equal(info.json_kind, f->kind);
  if (f->last) {
    char *lastrow = r.text + r.len - 1;
    while (lastrow > r.text && lastrow[-1] != '\n') lastrow--;
    assert_memory_equal(lastrow, f->last, strlen(f->last));
  }
  rows_free(&r);
}

static void shared_exports(void **s) {
  (void)s;
  struct stat st;
  const char *dir = getenv("SBX_FIXTURES_DIR") ? getenv("SBX_FIXTURES_DIR") : SBX_FIXTURES_DIR;
  snprintf(base, sizeof base, "%s/exports", dir);
  if (stat(base, &st) != 0) {
    print_message("SKIP: %s is absent (set SIXBOX_FIXTURES_DIR); the real exports are not checked\n", base);
    skip();
  }
  for (size_t i = 0; i < sizeof FIXTURES / sizeof FIXTURES[0]; i++) one(&FIXTURES[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(shared_exports)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}

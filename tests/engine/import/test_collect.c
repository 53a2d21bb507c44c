/* Issue #15: exports as the real tools write them, built here from the documented
 * formats (docs/formats.md, "Import"): Qualtrics 2016 (single-quoted ImportIds), one-header
 * files read with --tool, LimeSurvey "code. text" headings in CSV and XLSX,
 * SurveyMonkey RespondentID, don't-know respondents, out-of-range answers, the same
 * Google Forms responses as CSV and XLSX without ids, old .xls files, SurveyMonkey
 * responses without details, ODK form metadata and LimeSurvey unit codes. Every file's
 * log must account for every row: read = accepted + rejected + duplicates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sixbox/import.h>
#include "engine/import/importer.h"
#include "fixture.h"
#include "surveys/import_log.h"
#include "surveys/questionnaire/xlsx.h"

static char dir[] = "/tmp/sbx-collect-XXXXXX";

typedef struct run {
  sbx_survey *s;
  sbx_org *o;
  sbx_ctx *ctx;
  sbx_responses *r;
  sbx_import_log *log;
  int rc;
} run;

static void accounting(const sbx_import_log *log) {
  for (size_t f = 0; f < log->nfile; f++) {
    const sbx_log_file *lf = &log->file[f];
    assert_int_equal(lf->read, lf->accepted + lf->rejected + lf->duplicates);
  }
}

/* Imports files (paths under dir) with tool; keeps the context for the messages. */
static void import(run *x, const char *const *names, size_t n, const char *tool) {
  memset(x, 0, sizeof *x);
  x->s = tfx_survey();
  x->o = tfx_org();
  x->ctx = sbx_ctx_new();
  char path[8][512];
  const char *paths[8];
  for (size_t i = 0; i < n; i++) {
    snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
    paths[i] = path[i];
  }
  sbx_import_opts opts = SBX_IMPORT_OPTS_INIT;
  opts.tool = tool;
  x->rc = sbx_import(&x->r, &x->log, x->s, x->o, paths, n, &opts, x->ctx);
  if (x->rc == 0) accounting(x->log);
}

static void done(run *x) {
  sbx_responses_free(x->r);
  sbx_import_log_free(x->log);
  sbx_survey_free(x->s);
  sbx_org_free(x->o);
  sbx_ctx_free(x->ctx);
}

/* Does any record in ctx contain text? */
static int said(const sbx_ctx *ctx, const char *text) {
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++)
    if (strstr(sbx_ctx_get(ctx, i)->message, text)) return 1;
  return 0;
}

static void put(const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static void expect(const run *x, size_t file, const char *tool, size_t header_rows,
                   size_t read, size_t accepted, size_t rejected, size_t duplicates) {
  assert_int_equal(x->rc, 0);
  const sbx_log_file *lf = &x->log->file[file];
  assert_string_equal(lf->tool, tool);
  assert_int_equal(lf->header_rows, header_rows);
  assert_int_equal(lf->read, read);
  assert_int_equal(lf->accepted, accepted);
  assert_int_equal(lf->rejected, rejected);
  assert_int_equal(lf->duplicates, duplicates);
}

static const char *reason(const run *x, size_t i) { return x->log->rejected[i].reason; }

/* ---- Qualtrics ---- */

/* The 2016 export: the third header row holds Python-style objects, single quotes. */
static const char qx2016[] =
  "ResponseID,ResponseSet,StartDate,EndDate,Status,Finished,DistributionChannel,Q1,Q2,"
  "Q3,Q4\r\n"
  "Response ID,Response Set,Start Date,End Date,Response Type,Finished,Distribution "
  "Channel,Jag vet vad som förväntas av mig.,Min chef stöttar mig.,Vi hjälper "
  "varandra.,Jag har verktygen jag behöver.\r\n"
  "{'ImportId': 'responseId'},{'ImportId': 'responseSet'},{'ImportId': 'startDate'},"
  "{'ImportId': 'endDate'},{'ImportId': 'status'},{'ImportId': 'finished'},"
  "{'ImportId': 'distributionChannel'},{'ImportId': 'QID1'},{'ImportId': 'QID2'},"
  "{'ImportId': 'QID3'},{'ImportId': 'QID4'}\r\n"
  "R_1a,Default,2016-05-02 10:00:00,2016-05-02 10:05:00,0,1,anonymous,4,5,3,2\r\n"
  "R_1b,Default,2016-05-02 10:01:00,2016-05-02 10:06:00,1,1,preview,1,1,1,1\r\n"
  "R_1c,Default,2016-05-02 10:02:00,2016-05-02 10:07:00,0,1,test,2,2,2,2\r\n"
  "R_1d,Default,2016-05-02 10:03:00,2016-05-02 10:08:00,0,1,anonymous,5,4,4,4\r\n"
  "R_1a,Default,2016-05-02 10:00:00,2016-05-02 10:05:00,0,1,anonymous,4,5,3,2\r\n";

static void test_qualtrics_2016(void **state) {
  (void)state;
  put("qx2016.csv", qx2016);
  run x;
  const char *f[] = { "qx2016.csv" };
  for (int with_tool = 0; with_tool < 2; with_tool++) {
    import(&x, f, 1, with_tool ? "qualtrics" : NULL);
    /* two extra header rows are not responses; preview and test rejected; R_1a twice */
    expect(&x, 0, "qualtrics", 3, 5, 2, 2, 1);
    assert_string_equal(reason(&x, 0), "survey preview");
    assert_string_equal(reason(&x, 1), "survey test");
    assert_string_equal(x.log->rejected[1].id, "R_1c");
    assert_string_equal(x.log->duplicate[0].id, "R_1a");
    assert_string_equal(sbx__responses_id(x.r, 0), "R_1a");
    assert_int_equal(sbx__responses_row(x.r, 1)[0], 5);
    done(&x);
  }
}

/* --tool qualtrics on files saved with one or two header rows: answers stay answers. */
static void test_qualtrics_tool_short_headers(void **state) {
  (void)state;
  put("qx1.csv",
      "StartDate,Status,ResponseId,DistributionChannel,Q1,Q2,Q3,Q4\n"
      "2024-03-01 09:00:00,IP Address,R_a1,anonymous,4,4,4,4\n"
      "2024-03-01 09:01:00,Survey Preview,R_a2,preview,3,3,3,3\n"
      "2024-03-01 09:02:00,IP Address,R_a3,anonymous,2,2,2,2\n");
  put("qx2.csv",
      "StartDate,Status,ResponseId,Q1,Q2,Q3,Q4\n"
      "Anfangsdatum,Antworttyp,Antwort-ID,Frage 1,Frage 2,Frage 3,Frage 4\n"
      "2024-03-01 09:00:00,IP Address,R_b1,4,4,4,4\n");
  run x;
  const char *one[] = { "qx1.csv" }, *two[] = { "qx2.csv" };
  import(&x, one, 1, "qualtrics");
  expect(&x, 0, "qualtrics", 1, 3, 2, 1, 0);
  assert_string_equal(reason(&x, 0), "survey preview");
  assert_string_equal(sbx__responses_id(x.r, 1), "R_a3");
  assert_int_equal(x.log->file[0].column[2].role, 1); /* ResponseId: metadata */
  done(&x);
  import(&x, two, 1, "qualtrics");
  expect(&x, 0, "qualtrics", 2, 1, 1, 0, 0);
  assert_string_equal(sbx__responses_id(x.r, 0), "R_b1");
  done(&x);
}

/* ---- LimeSurvey ---- */

static const char *const ls_head[] = {
  "id. Response ID", "submitdate. Date submitted", "lastpage. Last page",
  "startlanguage. Start language", "unit. Vilken enhet arbetar du på?",
  "purposes[q1]. Uppgift [Jag vet vad som förväntas av mig.]",
  "purposes[q2]. Uppgift [Min chef stöttar mig.]", "purposes[q3]. Uppgift [Vi hjälper varandra.]",
  "purposes[q4]. Uppgift [Jag har verktygen jag behöver.]"
};
static const char *const ls_rows[][9] = {
  { "1", "2024-03-01 10:00:00", "3", "sv", "U001", "4", "4", "3", "5" },
  { "2", "", "1", "sv", "U002", "2", "", "", "" },
  { "3", "2024-03-01 11:00:00", "3", "sv", "U002", "5", "4", "4", "4" },
};

/* Writes w to name in the test folder and frees it. */
static void write_xlsx(sbx__xlsxw *w, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(sbx__xlsxw_write(w, f), 0);
  fclose(f);
  sbx__xlsxw_free(w);
}

static void write_ls_xlsx(const char *name) {
  sbx__xlsxw *w;
  assert_int_equal(sbx__xlsxw_new(&w), 0);
  sbx__xlsxw_sheet(w, "results");
  sbx__xlsxw_row(w);
  for (size_t c = 0; c < 9; c++) sbx__xlsxw_str(w, ls_head[c]);
  for (size_t r = 0; r < 3; r++) {
    sbx__xlsxw_row(w);
    for (size_t c = 0; c < 9; c++) sbx__xlsxw_str(w, ls_rows[r][c]);
  }
  write_xlsx(w, name);
}

static void write_ls_csv(const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs("\xEF\xBB\xBF", f);
  for (size_t c = 0; c < 9; c++) fprintf(f, "%s\"%s\"", c ? ";" : "", ls_head[c]);
  fputs("\r\n", f);
  for (size_t r = 0; r < 3; r++) {
    for (size_t c = 0; c < 9; c++) fprintf(f, "%s\"%s\"", c ? ";" : "", ls_rows[r][c]);
    fputs("\r\n", f);
  }
  fclose(f);
}

/* "code. text" headings: ids read, units from the answer codes, CSV + XLSX duplicates. */
static void test_limesurvey_code_text(void **state) {
  (void)state;
  write_ls_csv("ls.csv");
  write_ls_xlsx("ls.xlsx");
  run x;
  const char *f[] = { "ls.csv", "ls.xlsx" };
  import(&x, f, 2, NULL);
  expect(&x, 0, "limesurvey", 1, 3, 2, 1, 0);
  expect(&x, 1, "limesurvey", 1, 3, 0, 1, 2);
  assert_string_equal(reason(&x, 0), "incomplete (empty submitdate)");
  assert_string_equal(sbx__responses_id(x.r, 0), "1");
  assert_non_null(strstr(x.log->duplicate[0].reason, "response id '1'"));
  assert_int_equal(x.r->unit[0], 1); /* U001: the first leaf unit, hr */
  assert_int_equal(x.r->unit[1], 2); /* U002: ekonomi */
  assert_int_equal(sbx__responses_row(x.r, 0)[3], 5);
  assert_int_equal(x.log->file[0].column[0].role, 1);
  assert_int_equal(x.log->file[0].column[4].target, SBX_TARGET_UNIT);
  assert_int_equal(x.log->nunit, 0);
  done(&x);
}

/* ---- SurveyMonkey ---- */

static void test_surveymonkey_respondentid(void **state) {
  (void)state;
  put("sm2.csv",
      "RespondentID,CollectorID,StartDate,EndDate,Hur väl stämmer det?,,,\r\n"
      ",,,,Jag vet vad som förväntas av mig.,Min chef stöttar mig.,Vi hjälper varandra.,"
      "Jag har verktygen jag behöver.\r\n"
      "114000001,5001,03/01/2024 09:00:00 AM,03/01/2024 09:10:00 AM,4,4,3,2\r\n"
      "114000002,5001,03/01/2024 09:05:00 AM,03/01/2024 09:12:00 AM,5,5,5,5\r\n"
      "114000001,5001,03/01/2024 09:00:00 AM,03/01/2024 09:10:00 AM,4,4,3,2\r\n");
  put("sm1.csv",
      "RespondentID,Jag vet vad som förväntas av mig.,Min chef stöttar mig.\r\n"
      "114000007,4,4\r\n114000007,4,4\r\n");
  put("smhint.csv", "RespondentID,Fråga A,Fråga B\r\n114000009,4,4\r\n");
  run x;
  const char *two[] = { "sm2.csv" }, *one[] = { "sm1.csv" }, *hint[] = { "smhint.csv" };
  import(&x, two, 1, NULL);
  expect(&x, 0, "surveymonkey", 2, 3, 2, 0, 1);
  assert_string_equal(sbx__responses_id(x.r, 1), "114000002");
  assert_int_equal(x.log->file[0].column[0].role, 1);
  done(&x);
  import(&x, one, 1, "surveymonkey");
  expect(&x, 0, "surveymonkey", 1, 2, 1, 0, 1);
  assert_int_equal(x.log->file[0].column[0].role, 1); /* not a question */
  done(&x);
  import(&x, hint, 1, NULL);
  assert_int_equal(x.rc, SBX_EDATA);
  assert_true(said(x.ctx, "--tool surveymonkey"));
  done(&x);
}

/* ---- answers: don't know, out of range ---- */

static void test_dont_know_and_out_of_range(void **state) {
  (void)state;
  put("dk.csv",
      "response_id,unit,q1,q2,q3,q4\n"
      "r1,hr,Vet ej,Vet ej,Don't know,99\n"
      "r2,hr,9,12,0,7\n"
      "r3,ekonomi,4,9,4,4\n"
      "r4,hr,,,,\n");
  run x;
  const char *f[] = { "dk.csv" };
  import(&x, f, 1, NULL);
  expect(&x, 0, "generic", 1, 4, 2, 2, 0);
  /* r1 answered every item "don't know": a respondent of hr with no value */
  assert_string_equal(sbx__responses_id(x.r, 0), "r1");
  assert_int_equal(x.r->unit[0], 1);
  for (size_t i = 0; i < 4; i++) assert_int_equal(sbx__responses_row(x.r, 0)[i], SBX_MISSING);
  assert_int_equal(x.log->file[0].dont_know, 4);
  /* r2: out of range, said so; r4: nothing */
  assert_string_equal(x.log->rejected[0].id, "r2");
  assert_non_null(strstr(reason(&x, 0), "out of the answer scale's range"));
  assert_string_equal(reason(&x, 1), "no answer to any item of the survey");
  assert_int_equal(x.log->file[0].out_of_range, 5);
  assert_int_equal(x.log->nrange, 5);
  assert_string_equal(x.log->range[4].value, "9"); /* r3's q2: logged, row accepted */
  assert_int_equal(sbx__responses_row(x.r, 1)[1], SBX_MISSING);
  done(&x);
}

/* A Google Forms export of three responses (two the same apart from the time format, in
 * the XLSX tests) and its column heads. */
#define GOOGLE_CSV                                                                          \
  "Timestamp,Vilken enhet arbetar du på?,Jag vet vad som förväntas av mig.,"               \
  "Min chef stöttar mig.,Vi hjälper varandra.,Jag har verktygen jag behöver.\n"           \
  "3/5/2024 10:15:32,HR-enheten,Instämmer,Instämmer helt,Varken eller,Instämmer\n"        \
  "3/5/2024 1:20:07 PM,Ekonomienheten,Instämmer,Instämmer,Instämmer,Instämmer\n"          \
  "3/5/2024 13:21:00,Ekonomienheten,Instämmer,Instämmer,Instämmer,Instämmer\n"
static const char *const GOOGLE_HEAD[6] = {
  "Timestamp", "Vilken enhet arbetar du på?", "Jag vet vad som förväntas av mig.",
  "Min chef stöttar mig.", "Vi hjälper varandra.", "Jag har verktygen jag behöver."
};

/* ---- the same responses twice without ids: Google Forms CSV and XLSX ---- */

static void test_google_csv_and_xlsx(void **state) {
  (void)state;
  put("g.csv", GOOGLE_CSV);
  sbx__xlsxw *w;
  assert_int_equal(sbx__xlsxw_new(&w), 0);
  sbx__xlsxw_sheet(w, "Formulärsvar 1");
  const char *rows[][6] = {
    { "2024-03-05 10:15:32", "HR-enheten", "Instämmer", "Instämmer helt", "Varken eller",
      "Instämmer" },
    { "2024-03-05 13:20:07", "Ekonomienheten", "Instämmer", "Instämmer", "Instämmer",
      "Instämmer" },
    { "2024-03-05 13:22:00", "Ekonomienheten", "Instämmer", "Instämmer", "Instämmer",
      "Instämmer" },
  };
  sbx__xlsxw_row(w);
  for (size_t c = 0; c < 6; c++) sbx__xlsxw_str(w, GOOGLE_HEAD[c]);
  for (size_t r = 0; r < 3; r++) {
    sbx__xlsxw_row(w);
    for (size_t c = 0; c < 6; c++) sbx__xlsxw_str(w, rows[r][c]);
  }
  write_xlsx(w, "g.xlsx");
  run x;
  const char *names[] = { "g.csv", "g.xlsx" };
  import(&x, names, 2, NULL);
  expect(&x, 0, "google-forms", 1, 3, 3, 0, 0);
  /* the first two repeat the CSV (other time format); the third differs in time */
  expect(&x, 1, "google-forms", 1, 3, 1, 0, 2);
  assert_non_null(strstr(x.log->duplicate[0].reason, "g.csv line 2"));
  assert_non_null(strstr(x.log->duplicate[1].reason, "no response id"));
  assert_int_equal(x.log->duplicate[1].line, 3);
  done(&x);
}

/* The same, with the XLSX timestamps as Excel stores them: numbers (day serials) in a
 * date format, counted from 1900 or, in a workbook marked date1904, from 1904. */
static void test_google_xlsx_date_cells(void **state) {
  (void)state;
  put("gd.csv", GOOGLE_CSV);
  /* 2024-03-05 is day 45356 of the 1900 system, day 43894 of the 1904 system */
  const double day[2] = { 45356, 45356 - 1462 };
  const double secs[3] = { 10 * 3600 + 15 * 60 + 32, 13 * 3600 + 20 * 60 + 7, 13 * 3600 + 22 * 60 };
  const char *rows[][5] = {
    { "HR-enheten", "Instämmer", "Instämmer helt", "Varken eller", "Instämmer" },
    { "Ekonomienheten", "Instämmer", "Instämmer", "Instämmer", "Instämmer" },
    { "Ekonomienheten", "Instämmer", "Instämmer", "Instämmer", "Instämmer" },
  };
  for (int sys1904 = 0; sys1904 < 2; sys1904++) {
    sbx__xlsxw *w;
    assert_int_equal(sbx__xlsxw_new(&w), 0);
    if (sys1904) sbx__xlsxw_date1904(w);
    sbx__xlsxw_sheet(w, "Formulärsvar 1");
    sbx__xlsxw_row(w);
    sbx__xlsxw_str(w, "Tidstämpel");
    for (size_t c = 1; c < 6; c++) sbx__xlsxw_str(w, GOOGLE_HEAD[c]);
    for (size_t r = 0; r < 3; r++) {
      sbx__xlsxw_row(w);
      sbx__xlsxw_date(w, day[sys1904] + secs[r] / 86400.0);
      for (size_t c = 0; c < 5; c++) sbx__xlsxw_str(w, rows[r][c]);
    }
    write_xlsx(w, "gd.xlsx");
    run x;
    const char *names[] = { "gd.csv", "gd.xlsx" };
    import(&x, names, 2, NULL);
    expect(&x, 0, "google-forms", 1, 3, 3, 0, 0);
    expect(&x, 1, "google-forms", 1, 3, 1, 0, 2); /* 13:22 is not 13:21: a response */
    assert_non_null(strstr(x.log->duplicate[0].reason, "gd.csv line 2"));
    assert_non_null(strstr(x.log->duplicate[1].reason, "gd.csv line 3"));
    assert_int_equal(x.log->duplicate[1].line, 3);
    done(&x);
  }
}

/* ---- files that are not what they seem ---- */

static void test_old_xls(void **state) {
  (void)state;
  char path[512];
  snprintf(path, sizeof path, "%s/old.xls", dir);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0,
                                       0, 0, 0, 0, 0, 0, 0, 0x3E, 0, 3, 0, 0xFE, 0xFF };
  fwrite(ole, 1, sizeof ole, f);
  for (int i = 0; i < 600; i++) fputc(0, f);
  fclose(f);
  run x;
  const char *names[] = { "old.xls" };
  import(&x, names, 1, NULL);
  assert_int_equal(x.rc, SBX_EDATA);
  assert_true(said(x.ctx, "old Excel workbook (.xls"));
  assert_true(said(x.ctx, "(.xlsx) or as CSV"));
  assert_false(said(x.ctx, "NUL byte"));
  done(&x);
}

static void test_inspect_surveymonkey_without_details(void **state) {
  (void)state;
  put("smbulk.json",
      "{\"data\": [{\"id\": \"1001\", \"collector_id\": \"77\", \"survey_id\": \"55\","
      " \"response_status\": \"completed\", \"date_modified\": \"2024-03-01T10:00:00+00:00\","
      " \"pages\": [{\"id\": \"p1\", \"questions\": [{\"id\": \"q100\", \"answers\":"
      " [{\"choice_id\": \"c4\", \"row_id\": \"r1\"}]}]}]},"
      " {\"id\": \"1002\", \"collector_id\": \"77\", \"survey_id\": \"55\","
      " \"response_status\": \"completed\", \"pages\": [{\"id\": \"p1\", \"questions\":"
      " [{\"id\": \"q100\", \"answers\": [{\"choice_id\": \"c5\", \"row_id\": \"r1\"}]},"
      " {\"id\": \"q101\", \"answers\": [{\"text\": \"bra\"}]}]}]}],"
      " \"per_page\": 50, \"page\": 1, \"total\": 2, \"links\": {}}");
  char path[512];
  snprintf(path, sizeof path, "%s/smbulk.json", dir);
  sbx_inspection *insp;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx_inspection_new(&insp), 0);
  assert_int_equal(sbx_inspect(insp, path, NULL, ctx), 0);
  assert_int_equal(insp->nfile, 1);
  assert_string_equal(insp->file[0].tool, "surveymonkey");
  assert_int_equal(insp->file[0].responses, 2);
  assert_int_equal(insp->file[0].ncolumn, 10); /* 8 metadata + q100, q101 */
  assert_string_equal(insp->file[0].column[9].name, "question q101");
  assert_int_equal(sbx_ctx_errors(ctx), 0);
  assert_true(said(ctx, "--details FILE"));
  sbx_inspection_free(insp);
  sbx_ctx_free(ctx);
}

/* ---- ODK Central: the form's own metadata is not an unmapped question ---- */

static void test_odk_form_metadata(void **state) {
  (void)state;
  put("odk.csv",
      "SubmissionDate,start,end,today,deviceid,unit,purposes-q1,purposes-q2,purposes-q3,"
      "purposes-q4,meta-instanceID,KEY,SubmitterID,SubmitterName,ReviewState\n"
      "2024-03-01T10:00:00.000Z,2024-03-01T09:50:00.000+01:00,2024-03-01T09:58:00.000+01:00,"
      "2024-03-01,collect:abc,hr,4,4,4,4,uuid:1,uuid:1,5,anna,\n");
  run x;
  const char *f[] = { "odk.csv" };
  import(&x, f, 1, NULL);
  expect(&x, 0, "odk-central", 1, 1, 1, 0, 0);
  const sbx_log_file *lf = &x.log->file[0];
  for (size_t i = 0; i < lf->ncolumn; i++)
    if (lf->column[i].target == SBX_TARGET_NONE)
      assert_int_not_equal(lf->column[i].role, 0); /* no unmapped question */
  assert_int_equal(lf->column[1].role, 1);
  assert_int_equal(lf->column[4].role, 1);
  assert_int_equal(x.r->unit[0], 1);
  done(&x);
}

/* One ODK submission exported twice: ODK Central writes its instance id as KEY
 * "uuid:0a1b...", KoboToolbox as _uuid "0a1b..."; imported together they are one
 * respondent (the id normalised at import, a leading "uuid:" in any case dropped). */
static void test_odk_central_and_kobo_same_submission(void **state) {
  (void)state;
  put("central.csv",
      "SubmissionDate,unit,purposes-q1,purposes-q2,purposes-q3,purposes-q4,meta-instanceID,KEY,"
      "SubmitterID,SubmitterName,ReviewState\n"
      "2024-03-01T10:00:00.000Z,hr,4,4,4,4,uuid:6f1c2d3e-aaaa-4bbb-8ccc-000000000001,"
      "uuid:6f1c2d3e-aaaa-4bbb-8ccc-000000000001,5,anna,\n"
      "2024-03-01T10:05:00.000Z,hr,2,2,2,2,uuid:6f1c2d3e-aaaa-4bbb-8ccc-000000000002,"
      "uuid:6f1c2d3e-aaaa-4bbb-8ccc-000000000002,5,anna,\n");
  put("kobo.csv",
      "\"start\";\"end\";\"unit\";\"purposes/q1\";\"purposes/q2\";\"purposes/q3\";\"purposes/q4\";"
      "\"meta/instanceID\";\"_id\";\"_uuid\";\"_submission_time\";\"_validation_status\";\"_index\"\n"
      "\"2024-03-01T09:50:00.000+01:00\";\"2024-03-01T09:58:00.000+01:00\";\"hr\";\"4\";\"4\";\"4\";\"4\";"
      "\"uuid:6f1c2d3e-aaaa-4bbb-8ccc-000000000001\";\"101\";\"6f1c2d3e-aaaa-4bbb-8ccc-000000000001\";"
      "\"2024-03-01T09:00:00\";\"\";\"1\"\n"
      "\"2024-03-01T09:51:00.000+01:00\";\"2024-03-01T09:59:00.000+01:00\";\"hr\";\"3\";\"3\";\"3\";\"3\";"
      "\"uuid:6f1c2d3e-aaaa-4bbb-8ccc-000000000003\";\"102\";\"6f1c2d3e-aaaa-4bbb-8ccc-000000000003\";"
      "\"2024-03-01T09:01:00\";\"\";\"2\"\n");
  /* The same id in capitals, as a hand-made file may have it. */
  put("generic.csv", "response_id,unit,q1,q2,q3,q4\nUUID:6f1c2d3e-aaaa-4bbb-8ccc-000000000002,hr,1,1,1,1\n");
  run x;
  const char *f[] = { "kobo.csv", "central.csv", "generic.csv" };
  import(&x, f, 3, NULL); /* checks read = accepted + rejected + duplicates per file */
  expect(&x, 0, "kobotoolbox", 1, 2, 2, 0, 0);
  expect(&x, 1, "odk-central", 1, 2, 1, 0, 1);
  expect(&x, 2, "generic", 1, 1, 0, 0, 1);
  assert_int_equal(x.r->n, 3);
  assert_int_equal(x.log->nduplicate, 2);
  const char *why = x.log->duplicate[0].reason;
  if (!strstr(why, "'6f1c2d3e-aaaa-4bbb-8ccc-000000000001' first seen in ") || !strstr(why, "kobo.csv line 2"))
    fail_msg("duplicate: %s", why);
  why = x.log->duplicate[1].reason;
  if (!strstr(why, "'6f1c2d3e-aaaa-4bbb-8ccc-000000000002' first seen in ") || !strstr(why, "central.csv line 3"))
    fail_msg("duplicate: %s", why);
  done(&x);
  /* The other way round: Central first, its id kept without "uuid:". */
  const char *g[] = { "central.csv", "kobo.csv" };
  import(&x, g, 2, NULL);
  expect(&x, 0, "odk-central", 1, 2, 2, 0, 0);
  expect(&x, 1, "kobotoolbox", 1, 2, 1, 0, 1);
  assert_string_equal(sbx__responses_id(x.r, 0), "6f1c2d3e-aaaa-4bbb-8ccc-000000000001");
  done(&x);
}

/* ---- units: the answer codes come back; most rows without a unit are loud ---- */

static void test_units_missing_warned(void **state) {
  (void)state;
  put("u.csv",
      "response_id,unit,q1,q2,q3,q4\n"
      "a,U001,4,4,4,4\nb,Z9,4,4,4,4\nc,Z9,3,3,3,3\nd,Z8,2,2,2,2\n");
  put("nounit.csv", "response_id,q1,q2,q3,q4\na,4,4,4,4\n");
  run x;
  const char *f[] = { "u.csv" }, *g[] = { "nounit.csv" };
  import(&x, f, 1, NULL);
  expect(&x, 0, "generic", 1, 4, 4, 0, 0);
  assert_int_equal(x.r->unit[0], 1);
  assert_true(said(x.ctx, "3 of 4 responses (75 %) have no unit"));
  assert_int_equal(sbx_ctx_errors(x.ctx), 0);
  done(&x);
  import(&x, g, 1, NULL);
  assert_true(said(x.ctx, "no column of the export is the unit question 'unit'"));
  done(&x);
}

static int setup(void **state) {
  (void)state;
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_qualtrics_2016),
    cmocka_unit_test(test_qualtrics_tool_short_headers),
    cmocka_unit_test(test_limesurvey_code_text),
    cmocka_unit_test(test_surveymonkey_respondentid),
    cmocka_unit_test(test_dont_know_and_out_of_range),
    cmocka_unit_test(test_google_csv_and_xlsx),
    cmocka_unit_test(test_google_xlsx_date_cells),
    cmocka_unit_test(test_old_xls),
    cmocka_unit_test(test_inspect_surveymonkey_without_details),
    cmocka_unit_test(test_odk_form_metadata),
    cmocka_unit_test(test_odk_central_and_kobo_same_submission),
    cmocka_unit_test(test_units_missing_warned),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/* Mapping, fed rows directly: columns by id, alias, text in sv and en (case, NBSP,
 * HTML, punctuation), grid columns, the mapping file; answers by number, label, alias,
 * "5 - Instämmer helt", don't know; out of range and unknown labels logged; units by
 * id, name, alias, unknown ones logged; duplicates; every row accounted for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "engine/import/importer.h"
#include "surveys/util.h"
#include "fixture.h"
#include "surveys/import_log.h"

typedef struct run {
  sbx_survey *s;
  sbx_org *o;
  sbx_ctx *ctx;
  sbx__importer *im;
  sbx_responses *r;
  sbx_import_log *log;
} run;

static void start(run *x, int org, const char *tool) {
  memset(x, 0, sizeof *x);
  x->s = tfx_survey();
  x->o = org ? tfx_org() : NULL;
  x->ctx = sbx_ctx_new();
  sbx_import_opts opts = SBX_IMPORT_OPTS_INIT;
  opts.tool = tool;
  assert_int_equal(sbx__importer_new(&x->im, x->s, x->o, &opts, x->ctx), 0);
}

static int file(run *x, const char *name, const char *const *rows, size_t n) {
  assert_int_equal(sbx__importer_begin(x->im, name, NULL), 0);
  tfx_feed(sbx__importer_row, x->im, rows, n);
  return sbx__importer_end(x->im);
}

static void finish(run *x) {
  assert_int_equal(sbx__importer_finish(x->im, &x->r, &x->log), 0);
}

static void done(run *x) {
  sbx__importer_free(x->im);
  sbx__responses_free(x->r);
  sbx_import_log_free(x->log);
  sbx_survey_free(x->s);
  sbx_org_free(x->o);
  sbx_ctx_free(x->ctx);
}

static void expect_row(const sbx_responses *r, size_t row, const int *want) {
  const int8_t *v = sbx__responses_row(r, row);
  for (size_t i = 0; i < r->nitem; i++) {
    if (want[i] == 0) assert_int_equal(v[i], SBX_MISSING);
    else assert_int_equal(v[i], want[i]);
  }
}

/* Every file: read = accepted + rejected + duplicates, and the response set agrees. */
static void expect_accounting(const run *x) {
  size_t accepted = 0;
  for (size_t f = 0; f < x->log->nfile; f++) {
    const sbx_log_file *lf = &x->log->file[f];
    assert_int_equal(lf->read, lf->accepted + lf->rejected + lf->duplicates);
    assert_int_equal(x->r->src[f].read, lf->read);
    assert_int_equal(x->r->src[f].accepted, lf->accepted);
    assert_int_equal(x->r->src[f].rejected, lf->rejected);
    assert_int_equal(x->r->src[f].duplicates, lf->duplicates);
    accepted += lf->accepted;
  }
  assert_int_equal(accepted, x->r->n);
  size_t rej = 0, dup = 0;
  for (size_t f = 0; f < x->log->nfile; f++) {
    rej += x->log->file[f].rejected;
    dup += x->log->file[f].duplicates;
  }
  assert_int_equal(rej, x->log->nrejected);
  assert_int_equal(dup, x->log->nduplicate);
}

static void test_columns_by_text_alias_id(void **state) {
  (void)state;
  run x;
  start(&x, 1, NULL);
  const char *rows[] = {
    "response_id|Enhet|jag vet VAD som förväntas av mig|MY MANAGER SUPPORTS ME!|"
    "Vi\xC2\xA0hjälper <i>varandra</i>|tools|Other comments|Unrelated",
    "r1|hr|Instämmer helt|agree|3|Vet ej|Bra|x",
    "r2|Finance Unit|5 - Instämmer helt|Strongly disagree|Varken\xC2\xA0" "eller|A4||",
  };
  assert_int_equal(file(&x, "t.csv", rows, 3), 0);
  finish(&x);
  assert_int_equal(x.r->n, 2);
  expect_row(x.r, 0, (int[]){ 5, 4, 3, 0 });
  expect_row(x.r, 1, (int[]){ 5, 1, 3, 4 });
  assert_int_equal(x.r->unit[0], 1);
  assert_int_equal(x.r->unit[1], 2);
  assert_string_equal(sbx__responses_id(x.r, 1), "r2");
  const sbx_log_file *lf = &x.log->file[0];
  assert_string_equal(lf->tool, "generic");
  assert_int_equal(lf->column[1].target, SBX_TARGET_UNIT);
  assert_string_equal(lf->column[1].how, "alias");
  assert_string_equal(lf->column[2].target_id, "q1");
  assert_string_equal(lf->column[2].how, "text");
  assert_string_equal(lf->column[4].target_id, "q3");
  assert_string_equal(lf->column[5].how, "alias");
  assert_int_equal(lf->column[6].target, SBX_TARGET_FREE_TEXT);
  assert_int_equal(lf->column[7].target, SBX_TARGET_NONE);
  assert_int_equal(lf->dont_know, 1);
  assert_int_equal(x.r->ncomment, 1);
  assert_string_equal(x.r->arena + x.r->comment[0].text, "Bra");
  expect_accounting(&x);
  done(&x);
}

static void test_grid_columns(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  const char *rows[] = {
    "Tidstämpel|Hur väl stämmer det? [Jag vet vad som förväntas av mig.]|"
    "Hur väl stämmer det? [Min chef stöttar mig.]|How much? [We help each other.]|"
    "Hur väl stämmer det? [Något annat]",
    "2026-03-02 09:00|Instämmer|Instämmer inte alls|2|5",
  };
  assert_int_equal(file(&x, "g.csv", rows, 2), 0);
  finish(&x);
  assert_string_equal(x.log->file[0].tool, "google-forms");
  assert_int_equal(x.r->n, 1);
  expect_row(x.r, 0, (int[]){ 4, 1, 2, 0 });
  assert_int_equal(x.log->file[0].column[4].target, SBX_TARGET_NONE);
  assert_int_equal(x.r->unit[0], SBX_NO_UNIT);
  done(&x);
}

static void test_answers_missing_and_logged(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  const char *rows[] = {
    "id|q1|q2|q3|q4",
    "a|6|0|4.5|Kanske",
    "b|99|N/A|Don't know|kanske",
    "c| 4 |4.0|4,00|+4",
  };
  assert_int_equal(file(&x, "v.csv", rows, 4), 0);
  finish(&x);
  const sbx_log_file *lf = &x.log->file[0];
  /* a: out of range and an unknown label -> rejected, saying so; b: don't-knows (and a
   * label) -> a respondent with no value (#15) */
  assert_int_equal(lf->read, 3);
  assert_int_equal(lf->accepted, 2);
  assert_int_equal(lf->rejected, 1);
  expect_row(x.r, 0, (int[]){ 0, 0, 0, 0 });
  expect_row(x.r, 1, (int[]){ 4, 4, 4, 4 });
  assert_int_equal(lf->out_of_range, 3);
  assert_int_equal(x.log->nrange, 3);
  assert_int_equal(x.log->range[0].line, 2);
  assert_int_equal(x.log->range[0].column, 1);
  assert_string_equal(x.log->range[0].value, "6");
  assert_string_equal(x.log->range[2].value, "4.5");
  assert_int_equal(lf->dont_know, 3);
  assert_int_equal(lf->unknown_labels, 2);
  assert_int_equal(x.log->nlabel, 2); /* "Kanske" and "kanske" are kept apart as written */
  assert_non_null(strstr(x.log->rejected[0].reason, "out of the answer scale's range"));
  assert_int_equal(x.log->rejected[0].line, 2);
  assert_string_equal(x.log->rejected[0].id, "a");
  expect_accounting(&x);
  done(&x);
}

static void test_units(void **state) {
  (void)state;
  run x;
  start(&x, 1, NULL);
  const char *rows[] = {
    "Which unit do you work in?|q1",
    "hr|1", "EKONOMIENHETEN|2", "e01|3", "Okänd enhet|4", "|5", "Okänd enhet|1",
    "Teststads kommun|2",
  };
  assert_int_equal(file(&x, "u.csv", rows, 8), 0);
  finish(&x);
  assert_int_equal(x.r->n, 7);
  const uint32_t want[] = { 1, 2, 2, SBX_NO_UNIT, SBX_NO_UNIT, SBX_NO_UNIT, 0 };
  for (size_t i = 0; i < 7; i++) assert_int_equal(x.r->unit[i], want[i]);
  assert_int_equal(x.log->file[0].unknown_units, 3);
  assert_int_equal(x.log->nunit, 2);
  assert_string_equal(x.log->unit[0].value, "Okänd enhet");
  assert_int_equal(x.log->unit[0].count, 2);
  assert_int_equal(x.log->unit[0].first_line, 5);
  done(&x);
  /* without an organisation units stay unknown and nothing is logged */
  start(&x, 0, NULL);
  assert_int_equal(file(&x, "u.csv", rows, 8), 0);
  finish(&x);
  assert_int_equal(x.r->unit[0], SBX_NO_UNIT);
  assert_int_equal(x.log->nunit, 0);
  done(&x);
}

/* A label two units could match after the import's normalisation (an organisation
 * built without validation, which refuses it): the answer goes to neither unit, never
 * to one picked of the two, and the message names both. */
static void test_ambiguous_unit_label(void **state) {
  (void)state;
  run x;
  memset(&x, 0, sizeof x);
  x.s = tfx_survey();
  x.o = tfx_org();
  sbx__free(x.o->unit[2].alias[0]); /* "ekonomi" answers to "HR-ENHETEN" too, */
  x.o->unit[2].alias[0] = sbx__strdup("HR-ENHETEN"); /* "hr"'s name but for case */
  x.ctx = sbx_ctx_new();
  sbx_import_opts opts = SBX_IMPORT_OPTS_INIT;
  assert_int_equal(sbx__importer_new(&x.im, x.s, x.o, &opts, x.ctx), 0);
  const char *rows[] = { "Which unit do you work in?|q1", "hr-enheten|1", "hr|2", "hr-enheten|3" };
  assert_int_equal(file(&x, "u.csv", rows, 4), 0);
  finish(&x);
  assert_int_equal(x.r->n, 3);
  assert_int_equal(x.r->unit[0], SBX_NO_UNIT);
  assert_int_equal(x.r->unit[1], 1);
  assert_int_equal(x.r->unit[2], SBX_NO_UNIT);
  assert_int_equal(x.log->file[0].unknown_units, 2);
  size_t said = 0;
  for (size_t i = 0; i < sbx_ctx_count(x.ctx); i++) {
    const sbx_error *e = sbx_ctx_get(x.ctx, i);
    if (!strstr(e->message, "'hr'") || !strstr(e->message, "'ekonomi'")) continue;
    assert_non_null(strstr(e->message, "hr-enheten"));
    assert_string_equal(e->source, "u.csv");
    assert_int_equal(e->line, 2);
    said++;
  }
  assert_int_equal(said, 1); /* once per label as written, not per row */
  done(&x);
}

static void test_mapping_file(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  assert_int_equal(sbx__importer_mapping(x.im, "Fråga A", "q2", "map.csv", 2), 0);
  assert_int_equal(sbx__importer_mapping(x.im, "Q1_expect", "-", "map.csv", 3), 0);
  assert_int_equal(sbx__importer_mapping(x.im, "fråga  b", "q3", "map.csv", 4), 0);
  assert_int_equal(sbx__importer_mapping(x.im, "X", "nosuch", "map.csv", 5), SBX_EDATA);
  const sbx_error *e = sbx_ctx_get(x.ctx, sbx_ctx_count(x.ctx) - 1);
  assert_int_equal(e->line, 5);
  assert_non_null(strstr(e->message, "nosuch"));
  const char *rows[] = { "Q1_expect|Fråga A|FRÅGA B|q4", "1|2|3|4" };
  assert_int_equal(file(&x, "m.csv", rows, 2), 0);
  finish(&x);
  expect_row(x.r, 0, (int[]){ 0, 2, 3, 4 });
  const sbx_log_file *lf = &x.log->file[0];
  assert_int_equal(lf->column[0].target, SBX_TARGET_IGNORED);
  assert_string_equal(lf->column[1].how, "mapping file");
  assert_string_equal(lf->column[2].how, "mapping file");
  assert_string_equal(lf->column[3].how, "id");
  done(&x);
}

static void test_duplicates_across_files(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  const char *a[] = { "response_id|q1|q2", "r1|1|1", "r2|2|2", "r1|5|5", "|3|3", "|3|3" };
  const char *b[] = { "response_id|q1|q2", "r2|4|4", "r3|4|4" };
  assert_int_equal(file(&x, "a.csv", a, 6), 0);
  assert_int_equal(file(&x, "b.csv", b, 3), 0);
  finish(&x);
  assert_int_equal(x.r->n, 5); /* r1, r2, two identical rows without ids, r3 */
  assert_int_equal(x.log->file[0].duplicates, 1);
  assert_int_equal(x.log->file[1].duplicates, 1);
  expect_row(x.r, 0, (int[]){ 1, 1, 0, 0 }); /* the first r1 wins */
  assert_int_equal(x.log->duplicate[0].line, 4);
  assert_non_null(strstr(x.log->duplicate[0].reason, "a.csv line 2"));
  assert_int_equal(x.log->duplicate[1].file, 1);
  assert_non_null(strstr(x.log->duplicate[1].reason, "'r2' first seen in a.csv line 3"));
  assert_int_equal(x.r->source[4], 1);
  expect_accounting(&x);
  done(&x);
}

static void test_many_ids(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  assert_int_equal(sbx__importer_begin(x.im, "big.csv", NULL), 0);
  const char *hdr[] = { "id", "q1" };
  assert_int_equal(sbx__importer_row(x.im, 0, 1, hdr, 2), 0);
  char id[32];
  for (int i = 0; i < 20000; i++) {
    snprintf(id, sizeof id, "R_%d", i % 15000);
    const char *cells[] = { id, "3" };
    assert_int_equal(sbx__importer_row(x.im, (size_t)i + 1, (uint32_t)i + 2, cells, 2), 0);
  }
  assert_int_equal(sbx__importer_end(x.im), 0);
  finish(&x);
  assert_int_equal(x.r->n, 15000);
  assert_int_equal(x.log->file[0].duplicates, 5000);
  expect_accounting(&x);
  done(&x);
}

static void test_unusable_files(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  assert_int_equal(file(&x, "empty.csv", NULL, 0), SBX_EDATA);
  const char *nothing[] = { "a|b|c", "1|2|3" };
  assert_int_equal(file(&x, "other.csv", nothing, 2), SBX_EDATA);
  const sbx_error *e = sbx_ctx_get(x.ctx, sbx_ctx_count(x.ctx) - 1);
  assert_string_equal(e->source, "other.csv");
  assert_non_null(strstr(e->message, "--mapping"));
  const char *header_only[] = { "q1|q2" };
  assert_int_equal(file(&x, "h.csv", header_only, 1), 0);
  finish(&x);
  assert_int_equal(x.r->n, 0);
  assert_int_equal(x.log->file[2].read, 0);
  done(&x);
}

static void test_tool_override(void **state) {
  (void)state;
  run x;
  start(&x, 0, "surveymonkey");
  const char *rows[] = { "Respondent ID|How much?||", "|I know what is expected of me.|"
                         "My manager supports me.|x", "77|Agree|Disagree|1" };
  assert_int_equal(file(&x, "sm.csv", rows, 3), 0);
  finish(&x);
  assert_string_equal(x.log->file[0].tool, "surveymonkey");
  assert_int_equal(x.log->file[0].header_rows, 2);
  expect_row(x.r, 0, (int[]){ 4, 2, 0, 0 });
  assert_string_equal(sbx__responses_id(x.r, 0), "77");
  done(&x);
}

static void test_wide_and_duplicate_headers(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  assert_int_equal(sbx__importer_begin(x.im, "wide.csv", NULL), 0);
  enum { N = 10000 };
  char **names = calloc(N, sizeof *names);
  const char **cells = calloc(N, sizeof *cells);
  for (int i = 0; i < N; i++) {
    names[i] = calloc(16, 1);
    snprintf(names[i], 16, i == 5000 ? "q1" : i == 7000 ? "Q1" : "col%d", i);
    cells[i] = names[i];
  }
  assert_int_equal(sbx__importer_row(x.im, 0, 1, cells, N), 0);
  for (int i = 0; i < N; i++) cells[i] = i == 5000 ? "2" : i == 7000 ? "5" : "x";
  /* two columns of one name (after normalisation) for one item: refused, naming both
   * positions, never one of them dropped (issue #18) */
  assert_int_equal(sbx__importer_row(x.im, 1, 2, cells, N), 0);
  assert_int_equal(sbx__importer_end(x.im), SBX_EDATA);
  char msg[512];
  sbx_error_format(msg, sizeof msg, sbx_ctx_get(x.ctx, sbx_ctx_count(x.ctx) - 1));
  assert_non_null(strstr(msg, "columns 5001 and 7001 are both called 'Q1'"));
  finish(&x);
  for (int i = 0; i < N; i++) free(names[i]);
  free(names);
  free(cells);
  done(&x);
}

static void test_log_json(void **state) {
  (void)state;
  run x;
  start(&x, 1, NULL);
  const char *rows[] = { "id|Enhet|q1|q2", "a|hr|4|Kanske\xFF", "b|nowhere|4|9", "a|hr|1|1",
                         "c|hr|-|" };
  assert_int_equal(file(&x, "j.csv", rows, 5), 0);
  finish(&x);
  FILE *f = tmpfile();
  assert_int_equal(sbx_import_log_write_json(f, x.log, x.ctx), 0);
  rewind(f);
  json_error_t err;
  json_t *j = json_loadf(f, 0, &err);
  fclose(f);
  assert_non_null(j);
  json_t *file0 = json_array_get(json_object_get(j, "files"), 0);
  assert_int_equal(json_integer_value(json_object_get(file0, "read")), 4);
  assert_int_equal(json_integer_value(json_object_get(file0, "accepted")), 2);
  assert_int_equal(json_integer_value(json_object_get(file0, "rejected")), 1);
  assert_int_equal(json_integer_value(json_object_get(file0, "duplicates")), 1);
  json_t *label = json_array_get(json_object_get(j, "unknown_labels"), 0);
  assert_string_equal(json_string_value(json_object_get(label, "label")), "Kanske\xEF\xBF\xBD");
  json_t *unit = json_array_get(json_object_get(j, "unknown_units"), 0);
  assert_string_equal(json_string_value(json_object_get(unit, "unit")), "nowhere");
  assert_string_equal(json_string_value(json_object_get(unit, "column")), "Enhet");
  json_t *range = json_array_get(json_object_get(j, "out_of_range"), 0);
  assert_int_equal(json_integer_value(json_object_get(range, "line")), 3);
  assert_int_equal(json_integer_value(json_object_get(range, "column_number")), 4);
  json_t *rej = json_array_get(json_object_get(j, "rejected"), 0);
  assert_int_equal(json_integer_value(json_object_get(rej, "line")), 5);
  assert_string_equal(json_string_value(json_object_get(rej, "file")), "j.csv");
  json_decref(j);
  /* responses.csv: header, unit ids, missing as empty */
  f = tmpfile();
  assert_int_equal(sbx_responses_write_csv(f, x.r, x.s, x.o, x.ctx), 0);
  rewind(f);
  char buf[512];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  assert_string_equal(buf, "response_id,source,unit,q1,q2,q3,q4\r\n"
                           "a,j.csv,hr,4,,,\r\nb,j.csv,,4,,,\r\n");
  done(&x);
}

static void test_limesurvey_sgqa(void **state) {
  (void)state;
  run x;
  start(&x, 0, NULL);
  const char *rows[] = {
    "id|submitdate|lastpage|startlanguage|293446X20X245q1|293446X20X245q2|12X3X4|12X3Xq3",
    "1|2026-01-01 10:00:00|1|sv|4|5|1|2",
  };
  assert_int_equal(file(&x, "lsr", rows, 2), 0);
  finish(&x);
  assert_string_equal(x.log->file[0].tool, "limesurvey");
  expect_row(x.r, 0, (int[]){ 4, 5, 0, 0 });
  assert_int_equal(x.log->file[0].column[6].target, SBX_TARGET_NONE);
  assert_int_equal(x.log->file[0].column[7].target, SBX_TARGET_NONE);
  done(&x);
}

static void progress(void *ud, const char *source, size_t rows) {
  (void)source;
  *(size_t *)ud = rows;
}

static void test_kobo_hxl_and_progress(void **state) {
  (void)state;
  run x;
  size_t seen = 0;
  memset(&x, 0, sizeof x);
  x.s = tfx_survey();
  x.ctx = sbx_ctx_new();
  sbx_import_opts opts = SBX_IMPORT_OPTS_INIT;
  opts.progress = progress;
  opts.progress_ud = &seen;
  assert_int_equal(sbx__importer_new(&x.im, x.s, NULL, &opts, x.ctx), 0);
  assert_int_equal(sbx__importer_begin(x.im, "kobo.csv", NULL), 0);
  const char *rows[] = { "g/q1|g/q2|_uuid|_submission_time", "#indicator|#indicator||#date",
                         "4|5|u1|2026-03-02T08:00:00" };
  tfx_feed(sbx__importer_row, x.im, rows, 3);
  char id[16];
  for (int i = 0; i < 70000; i++) {
    snprintf(id, sizeof id, "v%d", i);
    const char *cells[] = { "1", "2", id, "" };
    assert_int_equal(sbx__importer_row(x.im, (size_t)i + 3, (uint32_t)i + 4, cells, 4), 0);
  }
  assert_int_equal(sbx__importer_end(x.im), 0);
  finish(&x);
  assert_string_equal(x.log->file[0].tool, "kobotoolbox");
  assert_int_equal(x.log->file[0].header_rows, 2);
  assert_int_equal(x.r->n, 70001);
  expect_row(x.r, 0, (int[]){ 4, 5, 0, 0 });
  assert_int_equal(seen, 65536);
  done(&x);
}

/* Random rows of random bytes (invalid UTF-8, HTML, entities, long cells, ragged
 * rows) through every dialect's header: never a crash, every row accounted for. */
static void test_random_rows(void **state) {
  (void)state;
  static const char *const headers[] = {
    "Timestamp|q1|q2|Enhet|Other comments",
    "response_id|q1|Fråga [q2]|q3|Enhet",
    "_uuid|_submission_time|likert/q1|likert/q2|_validation_status",
    "SubmissionDate|KEY|SubmitterID|q1|q2|ReviewState",
    "id|submitdate|lastpage|startlanguage|q1|q2",
  };
  static const char alphabet[] = "0123456789 -&;#<>/abcxyzÅÄÖåäö\xC2\xA0\xFF\xC3,.\"'";
  unsigned long long seed = 12345;
  char *big = malloc(1 << 20);
  memset(big, 'a', (1 << 20) - 1);
  big[(1 << 20) - 1] = '\0';
  for (size_t h = 0; h < sizeof headers / sizeof headers[0]; h++) {
    run x;
    start(&x, 1, NULL);
    assert_int_equal(sbx__importer_begin(x.im, "rand.csv", NULL), 0);
    const char *hdr[] = { headers[h] };
    tfx_feed(sbx__importer_row, x.im, hdr, 1);
    char cellbuf[8][24];
    const char *cells[8];
    for (int r = 0; r < 3000; r++) {
      size_t n = (size_t)(seed % 9);
      for (size_t c = 0; c < n && c < 8; c++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t len = (size_t)(seed >> 59) % 20;
        for (size_t k = 0; k < len; k++)
          cellbuf[c][k] = alphabet[(seed >> (k % 48)) % (sizeof alphabet - 1)];
        cellbuf[c][len] = '\0';
        cells[c] = (seed & 0xFF) == 7 ? big : cellbuf[c];
      }
      int rc = sbx__importer_row(x.im, (size_t)r + 1, (uint32_t)r + 2, cells, n > 8 ? 8 : n);
      if (rc) print_message("%zu: %s\n", h, sbx_ctx_get(x.ctx, 0)->message);
      assert_int_equal(rc, 0);
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    }
    assert_int_equal(sbx__importer_end(x.im), 0);
    finish(&x);
    const sbx_log_file *lf = &x.log->file[0];
    assert_int_equal(lf->read + lf->blank, 3000);
    expect_accounting(&x);
    FILE *f = tmpfile();
    assert_int_equal(sbx_import_log_write_json(f, x.log, x.ctx), 0);
    fclose(f);
    done(&x);
  }
  free(big);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_columns_by_text_alias_id),
    cmocka_unit_test(test_grid_columns),
    cmocka_unit_test(test_answers_missing_and_logged),
    cmocka_unit_test(test_units),
    cmocka_unit_test(test_ambiguous_unit_label),
    cmocka_unit_test(test_mapping_file),
    cmocka_unit_test(test_duplicates_across_files),
    cmocka_unit_test(test_many_ids),
    cmocka_unit_test(test_unusable_files),
    cmocka_unit_test(test_tool_override),
    cmocka_unit_test(test_wide_and_duplicate_headers),
    cmocka_unit_test(test_log_json),
    cmocka_unit_test(test_kobo_hxl_and_progress),
    cmocka_unit_test(test_random_rows),
    cmocka_unit_test(test_limesurvey_sgqa),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

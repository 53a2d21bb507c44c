/* The round trip: for every tool, the export simulate writes (with the codes and texts
 * the questionnaire set) imports through sbx_import with every item mapped, no unmapped
 * question column, no unknown label or unit, and gives back exactly the values, units
 * and comments simulate drew. On the shipped full survey and the example organisation,
 * in Swedish and in English. */
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

#include <sixbox/import.h>
#include <sixbox/simulate.h>
#include "surveys/model.h"

typedef struct fx {
  sbx_survey *s;
  sbx_org *o;
  char dir[512];
} fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  sbx_ctx *ctx = sbx_ctx_new();
  if (sbx_survey_load(&f->s, SBX_SOURCE_DIR "/surveys/definitions/sixbox-full.xml", ctx) ||
      sbx_org_load(&f->o, SBX_SOURCE_DIR "/surveys/examples/exempelstad/org.xml", ctx))
    return -1;
  sbx_ctx_free(ctx);
  snprintf(f->dir, sizeof f->dir, "%s/roundtrip-XXXXXX", SBX_BINARY_DIR);
  if (!mkdtemp(f->dir)) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  sbx_survey_free(f->s);
  sbx_org_free(f->o);
  rmdir(f->dir);
  free(f);
  return 0;
}

/* The log as JSON, parsed. */
static json_t *log_json(const sbx_import_log *log) {
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  assert_int_equal(sbx_import_log_write_json(m, log, NULL), 0);
  fclose(m);
  json_error_t err;
  json_t *j = json_loadb(buf, len, 0, &err);
  free(buf);
  assert_non_null(j);
  return j;
}

/* Every column of the file is metadata or mapped; nothing unknown. */
static void check_log(const sbx_import_log *log, const char *tool, size_t n) {
  json_t *j = log_json(log);
  json_t *file = json_array_get(json_object_get(j, "files"), 0);
  assert_non_null(file);
  assert_string_equal(json_string_value(json_object_get(file, "tool")), tool);
  assert_int_equal(json_array_size(json_object_get(file, "unmapped_columns")), 0);
  assert_int_equal(json_integer_value(json_object_get(file, "unknown_labels")), 0);
  assert_int_equal(json_integer_value(json_object_get(file, "unknown_units")), 0);
  assert_int_equal(json_integer_value(json_object_get(file, "accepted")), (json_int_t)n);
  size_t items = 0, i;
  json_t *c;
  json_array_foreach(json_object_get(file, "columns"), i, c) {
    const char *role = json_string_value(json_object_get(c, "role"));
    json_t *to = json_object_get(c, "mapped_to");
    if (strcmp(role, "question") == 0) assert_true(json_is_string(to));
    if (json_is_string(to) && strcmp(json_string_value(to), "item") == 0) items++;
  }
  assert_int_equal(items, 35);
  json_decref(j);
}

static void compare(const sbx_responses *want, const sbx_responses *got, int comments) {
  assert_int_equal(got->n, want->n);
  assert_int_equal(got->nitem, want->nitem);
  for (size_t i = 0; i < want->n; i++) {
    assert_int_equal(got->unit[i], want->unit[i]);
    assert_memory_equal(sbx__responses_row(got, i), sbx__responses_row(want, i), want->nitem);
  }
  if (!comments) return; /* responses.csv carries no free text */
  assert_int_equal(got->ncomment, want->ncomment);
  for (size_t k = 0; k < want->ncomment; k++) {
    assert_int_equal(got->comment[k].row, want->comment[k].row);
    assert_int_equal(got->comment[k].question, want->comment[k].question);
    assert_string_equal(got->arena + got->comment[k].text,
                        want->arena + want->comment[k].text);
  }
}

static void round_trip(fx *f, const char *tool, const char *lang, unsigned long seed) {
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_simulate_opts o = SBX_SIMULATE_OPTS_INIT;
  o.seed = seed;
  o.respondents = 300;
  sbx_simulation *sim = NULL;
  assert_int_equal(sbx_simulate(&sim, f->s, f->o, &o, ctx), 0);
  char path[600];
  snprintf(path, sizeof path, "%s/%s-%s.%s", f->dir, tool, lang,
           strcmp(tool, "microsoft-forms") == 0 ? "xlsx" : "csv");
  assert_int_equal(sbx_simulate_write_path(path, sim, tool, lang, ctx), 0);
  sbx_responses *r = NULL;
  sbx_import_log *log = NULL;
  const char *paths[1] = { path };
  int rc = sbx_import(&r, &log, f->s, f->o, paths, 1, NULL, ctx);
  if (rc) {
    char buf[1024];
    for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
      sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, i));
      print_message("%s\n", buf);
    }
  }
  assert_int_equal(rc, 0);
  /* the plain responses.csv form is what the importer calls "generic" */
  check_log(log, strcmp(tool, "csv") == 0 ? "generic" : tool, 300);
  compare(sbx_simulation_responses(sim), r, strcmp(tool, "csv") != 0);
  sbx_responses_free(r);
  sbx_import_log_free(log);
  sbx_simulation_free(sim);
  unlink(path);
  sbx_ctx_free(ctx);
}

static const char *const tools[] = { "google-forms", "microsoft-forms", "surveymonkey",
  "qualtrics", "limesurvey", "kobotoolbox", "csv" };

static void test_every_tool_in_swedish(void **state) {
  for (size_t k = 0; k < sizeof tools / sizeof tools[0]; k++) round_trip(*state, tools[k], "sv", 100 + k);
}

static void test_every_tool_in_english(void **state) {
  for (size_t k = 0; k < sizeof tools / sizeof tools[0]; k++) round_trip(*state, tools[k], "en", 200 + k);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_every_tool_in_swedish),
    cmocka_unit_test(test_every_tool_in_english),
  };
  return cmocka_run_group_tests_name("simulate round trip", tests, setup, teardown);
}

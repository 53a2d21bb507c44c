/* The options-struct convention (sixbox/common.h): every sbx_<name>_opts_init() sets the
 * version and zeroes the rest, refuses versions it does not know, and every call that
 * takes an options struct refuses one whose version was never set; sbx_version(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <sixbox/analysis.h>
#include <sixbox/diagnose.h>
#include <sixbox/fetch.h>
#include <sixbox/import.h>
#include <sixbox/questionnaire.h>
#include <sixbox/report.h>
#include <sixbox/simulate.h>
#include "analysis/results.h"
#include "surveys/model.h"

#define SURVEY SBX_SOURCE_DIR "/surveys/definitions/sixbox-full.xml"
#define ORG SBX_SOURCE_DIR "/surveys/examples/exempelstad/org.xml"

/* Is every byte after the version field zero? */
static int zero_after_version(const void *p, size_t size) {
  const unsigned char *b = p;
  for (size_t i = sizeof(unsigned int); i < size; i++)
    if (b[i]) return 0;
  return 1;
}

/* init(version): 0 and the current version + 1 are refused, the current one sets it. */
#define CHECK_INIT(type, init, current)                                  \
  do {                                                                   \
    type o;                                                              \
    memset(&o, 0xAB, sizeof o);                                          \
    assert_int_equal(init(&o, 0), SBX_EUSAGE);                           \
    assert_int_equal(init(&o, (current) + 1), SBX_EUSAGE);               \
    assert_int_equal(init(NULL, (current)), SBX_EUSAGE);                 \
    assert_int_equal(init(&o, (current)), 0);                            \
    assert_int_equal(o.version, (current));                              \
    assert_true(zero_after_version(&o, sizeof o));                       \
    type s = { .version = (current) };                                   \
    assert_memory_equal(&o, &s, sizeof o);                               \
  } while (0)

static void test_init_functions(void **state) {
  (void)state;
  CHECK_INIT(sbx_diagnose_opts, sbx_diagnose_opts_init, SBX_DIAGNOSE_OPTS_VERSION);
  CHECK_INIT(sbx_analysis_opts, sbx_analysis_opts_init, SBX_ANALYSIS_OPTS_VERSION);
  CHECK_INIT(sbx_import_opts, sbx_import_opts_init, SBX_IMPORT_OPTS_VERSION);
  CHECK_INIT(sbx_simulate_opts, sbx_simulate_opts_init, SBX_SIMULATE_OPTS_VERSION);
  CHECK_INIT(sbx_questionnaire_opts, sbx_questionnaire_opts_init,
             SBX_QUESTIONNAIRE_OPTS_VERSION);
  CHECK_INIT(sbx_fetch_opts, sbx_fetch_opts_init, SBX_FETCH_OPTS_VERSION);
  CHECK_INIT(sbx_report_opts, sbx_report_opts_init, SBX_REPORT_OPTS_VERSION);
}

static void test_version(void **state) {
  (void)state;
  assert_string_equal(sbx_version(), SBX_VERSION_STRING);
  char want[32];
  snprintf(want, sizeof want, "%d.%d.%d", SBX_VERSION_MAJOR, SBX_VERSION_MINOR,
           SBX_VERSION_PATCH);
  assert_string_equal(sbx_version(), want);
}

/* The last record names the init function to call. */
static void assert_told_to_init(sbx_ctx *ctx, const char *init) {
  size_t n = sbx_ctx_count(ctx);
  assert_true(n > 0);
  const sbx_error *e = sbx_ctx_get(ctx, n - 1);
  assert_int_equal(e->code, SBX_EUSAGE);
  assert_non_null(strstr(e->message, init));
  sbx_ctx_clear(ctx);
}

typedef struct world {
  sbx_survey *s;
  sbx_org *org;
  sbx_responses *r;
  sbx_results *res;
  sbx_ctx *ctx;
} world;

static int setup(void **state) {
  static world w;
  memset(&w, 0, sizeof w);
  w.ctx = sbx_ctx_new();
  if (sbx_survey_load(&w.s, SURVEY, w.ctx) || sbx_org_load(&w.org, ORG, w.ctx) ||
      sbx__responses_new(&w.r, w.s->nitem))
    return -1;
  sbx_analysis_opts ao = { .version = SBX_ANALYSIS_OPTS_VERSION };
  if (sbx_analyse(&w.res, w.s, w.org, w.r, &ao, w.ctx)) return -1;
  *state = &w;
  return 0;
}

static int teardown(void **state) {
  world *w = *state;
  sbx_results_free(w->res);
  sbx_responses_free(w->r);
  sbx_org_free(w->org);
  sbx_survey_free(w->s);
  sbx_ctx_free(w->ctx);
  return 0;
}

/* A struct whose version was never set (all zero) is refused by every call. */
static void test_unset_version_refused(void **state) {
  world *w = *state;
  sbx_ctx *ctx = w->ctx;
  sbx_analysis_opts ao;
  memset(&ao, 0, sizeof ao);
  sbx_results *res = NULL;
  assert_int_equal(sbx_analyse(&res, w->s, w->org, w->r, &ao, ctx), SBX_EUSAGE);
  assert_null(res);
  assert_told_to_init(ctx, "sbx_analysis_opts_init");

  sbx_report_opts ro = { .version = SBX_REPORT_OPTS_VERSION + 1 };
  FILE *f = tmpfile();
  assert_int_equal(sbx_report_write_json(f, w->res, &ro, ctx), SBX_EUSAGE);
  assert_told_to_init(ctx, "sbx_report_opts_init");
  assert_int_equal(sbx_report_write_csv(f, w->res, &ro, ctx), SBX_EUSAGE);
  assert_told_to_init(ctx, "sbx_report_opts_init");
  assert_int_equal(sbx_report_write_html(f, w->res, &ro, ctx), SBX_EUSAGE);
  assert_told_to_init(ctx, "sbx_report_opts_init");

  sbx_questionnaire_opts qo = { 0 };
  assert_int_equal(sbx_questionnaire_write(f, w->s, w->org, SBX_QN_PRINT, &qo, ctx),
                   SBX_EUSAGE);
  assert_told_to_init(ctx, "sbx_questionnaire_opts_init");
  assert_int_equal(ftell(f), 0);
  fclose(f);

  sbx_simulate_opts so = { 0 };
  sbx_simulation *sim = NULL;
  assert_int_equal(sbx_simulate(&sim, w->s, w->org, &so, ctx), SBX_EUSAGE);
  assert_null(sim);
  assert_told_to_init(ctx, "sbx_simulate_opts_init");
}

static void test_unset_version_refused_engine(void **state) {
  world *w = *state;
  sbx_ctx *ctx = w->ctx;
  const char *paths[] = { SBX_SOURCE_DIR "/surveys/examples/exempelstad/google-forms-sv.csv" };
  sbx_import_opts io = { 0 };
  sbx_responses *r = NULL;
  sbx_import_log *log = NULL;
  assert_int_equal(sbx_import(&r, &log, w->s, w->org, paths, 1, &io, ctx), SBX_EUSAGE);
  assert_null(r);
  assert_null(log);
  assert_told_to_init(ctx, "sbx_import_opts_init");
  sbx_inspection *insp;
  assert_int_equal(sbx_inspection_new(&insp), 0);
  assert_int_equal(sbx_inspect(insp, paths[0], &io, ctx), SBX_EUSAGE);
  assert_told_to_init(ctx, "sbx_import_opts_init");
  sbx_inspection_free(insp);

  sbx_fetch_opts fo = { .version = 99 };
  assert_int_equal(sbx_fetch("https://example.invalid/x", "/nonexistent/x", &fo, ctx),
                   SBX_EUSAGE);
  assert_told_to_init(ctx, "sbx_fetch_opts_init");

  sbx_diagnose_opts d = { .survey = SURVEY, .org = ORG, .exports = paths, .nexports = 1,
                          .outdir = "/nonexistent/out" };
  assert_int_equal(sbx_diagnose(&d, ctx), SBX_EUSAGE);
  assert_told_to_init(ctx, "sbx_diagnose_opts_init");
}

/* 0 means the default: a zeroed struct (with its version) and NULL give the same
 * results, and the defaults are the documented ones. */
static void test_zero_is_default(void **state) {
  world *w = *state;
  sbx_results *a = NULL;
  sbx_analysis_opts ao = { .version = SBX_ANALYSIS_OPTS_VERSION };
  assert_int_equal(sbx_analyse(&a, w->s, w->org, w->r, NULL, w->ctx), 0);
  assert_int_equal(w->res->opts.min_group, SBX_MIN_GROUP_DEFAULT);
  assert_int_equal(w->res->opts.min_comment_group, SBX_MIN_COMMENT_GROUP_DEFAULT);
  assert_true(w->res->opts.level == SBX_LEVEL_DEFAULT);
  assert_true(w->res->opts.seed == SBX_SEED_DEFAULT);
  assert_int_equal(w->res->opts.bootstrap, SBX_BOOTSTRAP_DEFAULT);
  assert_memory_equal(&a->opts, &w->res->opts, sizeof ao);
  sbx_results_free(a);
  /* SBX_OPT_NONE asks for no bootstrap; a floor below 3 is refused. */
  ao.bootstrap = SBX_OPT_NONE;
  assert_int_equal(sbx_analyse(&a, w->s, w->org, w->r, &ao, w->ctx), 0);
  assert_int_equal(a->opts.bootstrap, 0);
  sbx_results_free(a);
  ao.min_group = SBX_MIN_GROUP_FLOOR - 1;
  assert_int_equal(sbx_analyse(&a, w->s, w->org, w->r, &ao, w->ctx), SBX_EUSAGE);
  sbx_ctx_clear(w->ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_init_functions),
    cmocka_unit_test(test_version),
    cmocka_unit_test(test_unset_version_refused),
    cmocka_unit_test(test_unset_version_refused_engine),
    cmocka_unit_test(test_zero_is_default),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

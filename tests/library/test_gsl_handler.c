/* A program that never calls sbx_global_init() and feeds the analysis data on which GSL
 * fails must get results, not an abort(): GSL's default error handler aborts the
 * process, and the library turns it off on first use (pthread_once), not only in
 * sbx_global_init().
 * The data: a box of three items answered in pairs, so that the pairwise correlations
 * are +1 (first and second), +1 (second and third) and -1 (first and third). No
 * respondent holds that matrix, which is not positive definite: GSL's Cholesky
 * decomposition for the reliability (Guttman's lambda 6) fails there and calls the
 * error handler. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sixbox/analysis.h>
#include <sixbox/import.h>
#include <sixbox/survey.h>

static char dir[64];

/* The mini survey with two more items (i1b, i1c) on the first item's box. */
static void write_survey(const char *path) {
  FILE *in = fopen(SBX_TEST_DATA "/surveys/mini-survey.xml", "r"), *out = fopen(path, "w");
  assert_non_null(in);
  assert_non_null(out);
  char line[1024];
  while (fgets(line, sizeof line, in)) {
    fputs(line, out);
    if (strstr(line, "<item id=\"i1\""))
      fputs("  <item id=\"i1b\" scale=\"purposes\" answer-scale=\"a5\"><text lang=\"sv\">Ett b</text>"
            "<text lang=\"en\">One b</text></item>\n"
            "  <item id=\"i1c\" scale=\"purposes\" answer-scale=\"a5\"><text lang=\"sv\">Ett c</text>"
            "<text lang=\"en\">One c</text></item>\n", out);
  }
  fclose(in);
  assert_int_equal(fclose(out), 0);
}

/* Three groups of five: (i1, i1b) equal, (i1b, i1c) equal, (i1, i1c) mirrored. */
static void write_answers(const char *path) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("response_id,Enhet,i1,i1b,i1c,i2,i3,i4,i5,i6,i7\n", f);
  int id = 0;
  for (int g = 0; g < 3; g++)
    for (int v = 1; v <= 5; v++) {
      int a = g == 1 ? 0 : v, b = g == 2 ? 0 : v, c = g == 0 ? 0 : g == 1 ? v : 6 - v;
      char ca[4] = "", cb[4] = "", cc[4] = "";
      if (a) snprintf(ca, sizeof ca, "%d", a);
      if (b) snprintf(cb, sizeof cb, "%d", b);
      if (c) snprintf(cc, sizeof cc, "%d", c);
      fprintf(f, "r%d,E1,%s,%s,%s,3,4,2,%d,3,4\n", ++id, ca, cb, cc, 1 + v % 5);
    }
  assert_int_equal(fclose(f), 0);
}

static void gsl_failure_is_no_abort(void **state) {
  (void)state;
  char sp[128], cp[128];
  snprintf(sp, sizeof sp, "%s/survey.xml", dir);
  snprintf(cp, sizeof cp, "%s/answers.csv", dir);
  write_survey(sp);
  write_answers(cp);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  sbx_responses *r = NULL;
  sbx_import_log *log = NULL;
  sbx_results *res = NULL;
  const char *paths[] = { cp };
  sbx_import_opts io = { .version = SBX_IMPORT_OPTS_VERSION };
  sbx_analysis_opts ao = { .version = SBX_ANALYSIS_OPTS_VERSION, .bootstrap = SBX_OPT_NONE };
  assert_int_equal(sbx_survey_load(&s, sp, ctx), 0);
  assert_int_equal(sbx_org_load(&o, SBX_TEST_DATA "/surveys/mini-org.xml", ctx), 0);
  assert_int_equal(sbx_import(&r, &log, s, o, paths, 1, &io, ctx), 0);
  /* Without the library's handler this aborts inside gsl_linalg_cholesky_decomp1. */
  assert_int_equal(sbx_analyse(&res, s, o, r, &ao, ctx), 0);
  assert_non_null(res);
  sbx_results_free(res);
  sbx_import_log_free(log);
  sbx_responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
}

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/sbx-gsl-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
  /* Deliberately no sbx_global_init(): a program that forgot it. */
  const struct CMUnitTest tests[] = { cmocka_unit_test(gsl_failure_is_no_abort) };
  return cmocka_run_group_tests(tests, setup, teardown);
}

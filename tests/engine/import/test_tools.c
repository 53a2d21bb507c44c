/* The table of survey tools (sixbox/tools.h) is the one list: each tool is an import
 * dialect and each dialect a tool; simulate writes exactly the tools that say so, plus
 * csv; each questionnaire format and API a tool names exists; and the lists the
 * messages print from it are the ones the commands have always printed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include <sixbox/fetch.h>
#include <sixbox/questionnaire.h>
#include <sixbox/simulate.h>
#include <sixbox/tools.h>
#include "engine/import/dialect.h"

static void test_tools_are_the_dialects(void **state) {
  (void)state;
  size_t n = 0;
  for (const sbx_tool *t; (t = sbx_tool_at(n)) != NULL; n++) {
    assert_non_null(t->id);
    assert_true(t->name && *t->name);
    if (!sbx__dialect_by_name(t->id)) fail_msg("tool %s has no import dialect", t->id);
    assert_ptr_equal(sbx_tool_by_id(t->id), t);
  }
  size_t nd = 0;
  for (const sbx__dialect *d; (d = sbx__dialect_at(nd)) != NULL; nd++)
    if (!sbx_tool_by_id(d->name)) fail_msg("dialect %s is not in the tools' table", d->name);
  assert_int_equal(nd, n);
  assert_null(sbx_tool_by_id("typeform"));
  assert_null(sbx_tool_by_id(NULL));
}

static void test_what_each_tool_names_exists(void **state) {
  (void)state;
  const sbx_tool *t;
  for (size_t i = 0; (t = sbx_tool_at(i)) != NULL; i++) {
    assert_int_equal(sbx_simulate_format_known(t->id), t->simulate != NULL);
    if (t->simulate) assert_true(strcmp(t->simulate, "csv") == 0 || strcmp(t->simulate, "xlsx") == 0);
    sbx_qn_format f;
    if (t->questionnaire && sbx_questionnaire_format(&f, t->questionnaire) != 0)
      fail_msg("tool %s: no questionnaire format %s", t->id, t->questionnaire);
    sbx_api a;
    if (t->api && sbx_api_from_name(&a, t->api) != 0) fail_msg("tool %s: no API %s", t->id, t->api);
  }
  assert_true(sbx_simulate_format_known("csv"));
  assert_false(sbx_simulate_format_known("typeform"));
  assert_false(sbx_simulate_format_known(NULL));
}

/* The lists in the messages, as they read when they were kept by hand. */
static void test_lists(void **state) {
  (void)state;
  char buf[SBX__TOOL_LIST_MAX];
  assert_string_equal(sbx__tool_list(buf, sizeof buf, 0, NULL),
                      "google-forms, microsoft-forms, surveymonkey, qualtrics, qualtrics-legacy, "
                      "limesurvey, kobotoolbox, odk-central, generic");
  assert_string_equal(sbx__tool_list(buf, sizeof buf, 1, "csv"),
                      "google-forms, microsoft-forms, surveymonkey, qualtrics, limesurvey, "
                      "kobotoolbox or csv");
  char small[20];
  assert_string_equal(sbx__tool_list(small, sizeof small, 0, NULL), "google-forms");
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_tools_are_the_dialects),
    cmocka_unit_test(test_what_each_tool_names_exists),
    cmocka_unit_test(test_lists),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

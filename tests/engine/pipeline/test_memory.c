/* The memory `diagnose` needs and its warning: over half of the machine's memory it
 * warns (a warning, not an error), naming the organisation file, the figures and what
 * to do; at or under half, or with the machine's memory unknown, it says nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "engine/pipeline/pipeline.h"

static void test_estimate(void **state) {
  (void)state;
  assert_true(sbx__diagnose_memory(0, 7) == SBX_MEM_BASE);
  assert_true(sbx__diagnose_memory(100000, 7) == SBX_MEM_BASE + 700000ULL * SBX_MEM_PER_CELL);
  assert_true(sbx__diagnose_memory(10, 0) == SBX_MEM_BASE + 10ULL * SBX_MEM_PER_CELL);
}

static void test_warns_over_half(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  unsigned long long need = sbx__diagnose_memory(100000, 7); /* about 6 GB */
  assert_int_equal(sbx__diagnose_memory_check(100000, 7, 2 * need, "org.xml", ctx), 0);
  assert_int_equal(sbx__diagnose_memory_check(100000, 7, 0, "org.xml", ctx), 0);
  assert_int_equal(sbx__diagnose_memory_check(1000, 7, 8ULL << 30, "org.xml", ctx), 0);
  assert_int_equal(sbx_ctx_count(ctx), 0);
  assert_int_equal(sbx__diagnose_memory_check(100000, 7, 8ULL << 30, "org.xml", ctx), 1);
  assert_int_equal(sbx_ctx_count(ctx), 1);
  assert_int_equal(sbx_ctx_errors(ctx), 0);
  const sbx_error *e = sbx_ctx_get(ctx, 0);
  assert_int_equal(e->severity, SBX_SEV_WARNING);
  assert_string_equal(e->source, "org.xml");
  assert_non_null(strstr(e->message, "100000 units x 7 scales"));
  assert_non_null(strstr(e->message, "about 6.1 GB"));
  assert_non_null(strstr(e->message, "9 KB per unit and scale"));
  assert_non_null(strstr(e->message, "this machine's 8.0 GB"));
  assert_non_null(strstr(e->message, "organisation file of its own"));
  sbx_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_estimate),
    cmocka_unit_test(test_warns_over_half),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

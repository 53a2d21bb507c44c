/* The model's plumbing: error context, texts, box ids, the response store, atomic
 * output files, CSV cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sixbox/csvout.h>
#include <sixbox/output.h>
#include "surveys/model.h"
#include "surveys/util.h"

static void test_ctx_records_every_problem(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__error(ctx, SBX_EDATA, "a.xml", 3, "q1", "duplicate id"), SBX_EDATA);
  sbx__warning(ctx, SBX_EDATA, "a.xml", 9, NULL, "odd");
  assert_int_equal(sbx_ctx_count(ctx), 2);
  assert_int_equal(sbx_ctx_errors(ctx), 1);
  char buf[256];
  sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, 0));
  assert_string_equal(buf, "a.xml:3: duplicate id (q1)");
  sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, 1));
  assert_string_equal(buf, "a.xml:9: warning: odd");
  sbx_ctx_set_limit(ctx, 2);
  sbx__error(ctx, SBX_EDATA, "a.xml", 10, NULL, "third");
  assert_int_equal(sbx_ctx_count(ctx), 2);
  assert_int_equal(sbx_ctx_dropped(ctx), 1);
  sbx_ctx_free(ctx);
  sbx_ctx_free(NULL);
}

static void test_exit_codes(void **state) {
  (void)state;
  assert_int_equal(sbx_exit_code(SBX_OK), 0);
  assert_int_equal(sbx_exit_code(SBX_EUSAGE), 64);
  assert_int_equal(sbx_exit_code(SBX_EDATA), 65);
  assert_int_equal(sbx_exit_code(SBX_ENOENT), 66);
  assert_int_equal(sbx_exit_code(SBX_EUNAVAIL), 69);
  assert_int_equal(sbx_exit_code(SBX_EINTERNAL), 70);
  assert_int_equal(sbx_exit_code(SBX_ECREATE), 73);
  assert_int_equal(sbx_exit_code(SBX_EIO), 74);
  assert_int_equal(sbx_exit_code(SBX_ETEMP), 75);
  assert_int_equal(sbx_exit_code(SBX_EPROTO), 76);
  assert_int_equal(sbx_exit_code(SBX_EPERM), 77);
}

static void test_text_and_boxes(void **state) {
  (void)state;
  sbx_text t = { 0 };
  assert_string_equal(sbx__text_get(&t, "sv"), "");
  assert_int_equal(sbx__text_set(&t, "sv", "Ledning"), 0);
  assert_int_equal(sbx__text_set(&t, "en", "Leadership"), 0);
  assert_int_equal(sbx__text_set(&t, "sv", "Ledarskap och ledning"), 0);
  assert_string_equal(sbx__text_get(&t, "en"), "Leadership");
  assert_string_equal(sbx__text_get(&t, "sv"), "Ledarskap och ledning");
  /* The one fallback (surveys/lang/lang.h): English, then the first language. */
  assert_string_equal(sbx__text_get(&t, "de"), "Leadership");
  sbx__text_free(&t);
  assert_int_equal(sbx__text_set(&t, "sv", "Ledning"), 0);
  assert_int_equal(sbx__text_set(&t, "fi", "Johtajuus"), 0);
  assert_string_equal(sbx__text_get(&t, "de"), "Ledning");
  sbx__text_free(&t);
  for (int b = 0; b < SBX_BOX_COUNT; b++)
    assert_int_equal(sbx_box_from_id(sbx_box_id((sbx_box)b)), b);
  assert_string_equal(sbx_box_id(SBX_BOX_HELPFUL_MECHANISMS), "helpful-mechanisms");
  assert_int_equal(sbx_box_from_id("attitude"), SBX_BOX_NONE);
  assert_null(sbx_box_id(SBX_BOX_COUNT));
}

static void test_responses_store(void **state) {
  (void)state;
  sbx_responses *r;
  assert_int_equal(sbx__responses_new(&r, 3), 0);
  uint32_t src;
  assert_int_equal(sbx__responses_add_source(r, "x.csv", "google-forms", &src), 0);
  for (int i = 0; i < 5000; i++) {
    int8_t v[3] = { (int8_t)(i % 7 + 1), SBX_MISSING, 4 };
    char id[32];
    snprintf(id, sizeof id, "R%d", i);
    assert_int_equal(sbx__responses_add(r, v, (uint32_t)(i % 4), src, (uint32_t)i + 2,
                                        i % 2 ? id : NULL), 0);
  }
  assert_int_equal(sbx_responses_count(r), 5000);
  assert_int_equal(sbx__responses_row(r, 4999)[0], 4999 % 7 + 1);
  assert_int_equal(sbx__responses_row(r, 4999)[1], SBX_MISSING);
  assert_null(sbx__responses_id(r, 4998));
  assert_string_equal(sbx__responses_id(r, 4999), "R4999");
  assert_int_equal(sbx__responses_add_comment(r, 3, 0, "Bra chef, dålig lön"), 0);
  assert_string_equal(r->arena + r->comment[0].text, "Bra chef, dålig lön");
  sbx__responses_free(r);
}

static void test_utf8(void **state) {
  (void)state;
  const char *ok = "åäö Ångström";
  assert_true(sbx__utf8_valid(ok, strlen(ok), NULL));
  size_t bad = 0;
  assert_false(sbx__utf8_valid("ab\xC3", 3, &bad));
  assert_int_equal(bad, 2);
  assert_false(sbx__utf8_valid("\xC0\xAF", 2, &bad));         /* overlong */
  assert_false(sbx__utf8_valid("\xED\xA0\x80", 3, &bad));     /* surrogate */
  assert_false(sbx__utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
  assert_true(sbx__utf8_valid("\xF0\x9F\x98\x80", 4, NULL));
}

static void test_outfile_atomic(void **state) {
  (void)state;
  char dir[] = "/tmp/sbx_out_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/a.txt", dir);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_outfile *o;
  assert_int_equal(sbx_outfile_open(&o, path, ctx), 0);
  fputs("first", sbx_outfile_stream(o));
  assert_int_equal(access(path, F_OK), -1); /* not there before the commit */
  assert_int_equal(sbx_outfile_commit(o, ctx), 0);
  assert_int_equal(sbx_outfile_open(&o, path, ctx), 0);
  fputs("second", sbx_outfile_stream(o));
  sbx_outfile_abort(o);
  char *data;
  size_t len;
  assert_int_equal(sbx__read_file(path, 100, &data, &len, ctx), 0);
  assert_string_equal(data, "first");
  free(data);
  assert_int_equal(sbx__read_file(path, 2, &data, &len, ctx), SBX_ELIMIT);
  snprintf(path, sizeof path, "%s/missing/a.txt", dir);
  assert_int_not_equal(sbx_outfile_open(&o, path, ctx), 0);
  snprintf(path, sizeof path, "%s/a.txt", dir);
  unlink(path);
  rmdir(dir);
  sbx_ctx_free(ctx);
}

static void test_csv_cells(void **state) {
  (void)state;
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  sbx_csv_cell(f, "plain");
  fputc('|', f);
  sbx_csv_cell(f, "a,b");
  fputc('|', f);
  sbx_csv_cell(f, "say \"hi\"");
  fputc('|', f);
  sbx_csv_cell(f, "=HYPERLINK(\"x\")");
  fputc('|', f);
  sbx_csv_number(f, NAN);
  fputc('|', f);
  sbx_csv_number(f, 3.25);
  fclose(f);
  assert_string_equal(buf, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"'=HYPERLINK(\"\"x\"\")\"||3.25");
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_ctx_records_every_problem),
    cmocka_unit_test(test_exit_codes),
    cmocka_unit_test(test_text_and_boxes),
    cmocka_unit_test(test_responses_store),
    cmocka_unit_test(test_utf8),
    cmocka_unit_test(test_outfile_atomic),
    cmocka_unit_test(test_csv_cells),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

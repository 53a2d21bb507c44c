/* Normalised texts for matching (case incl. å ä ö é ü, white space incl. NBSP,
 * punctuation, HTML tags and entities, NFD marks) and the string map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "surveys/norm.h"

static void check(const char *in, const char *want) {
  char *out = sbx__norm_dup(in);
  assert_non_null(out);
  assert_string_equal(out, want);
  assert_true(strlen(out) <= strlen(in));
  free(out);
}

static void test_case_and_space(void **state) {
  (void)state;
  check("  Jag VET vad som förväntas   av mig. ", "jag vet vad som förväntas av mig");
  check("ÅÄÖ ÉÜ åäö", "åäö éü åäö");
  check("Tidstämpel", "tidstämpel");
  check("Instämmer\xC2\xA0helt", "instämmer helt");          /* NBSP */
  check("a\xE2\x80\xAF" "b\xE2\x80\x83" "c", "a b c");        /* narrow NBSP, em space */
  check("\xEF\xBB\xBFid", "id");                              /* BOM */
  check("ŁÓDŹ Ćma", "łódź ćma");
  check("ПРИВЕТ", "привет");
  check("", "");
  check("...", "");
}

static void test_punctuation_html(void **state) {
  (void)state;
  check("Don't know", "don t know");
  check("N/A", "n a");
  check("\xE2\x80\x9C" "Citat" "\xE2\x80\x9D \xE2\x80\x93 slut", "citat slut");
  check("Jag får <b>uppskattning</b> när jag gör ett bra&nbsp;jobb.",
        "jag får uppskattning när jag gör ett bra jobb");
  check("<p>Hej&amp;d&aring;</p>", "hej då");
  check("&#229;&#xE4;&ouml;", "åäö");
  check("a < b > c", "a b c");               /* not a tag: just punctuation */
  check("x &bogus; y", "x bogus y");
}

static void test_nfd_and_invalid(void **state) {
  (void)state;
  check("a\xCC\x8A" "a\xCC\x88" "o\xCC\x88", "åäö"); /* decomposed */
  check("E\xCC\x81" "tude", "étude");
  char *out = sbx__norm_dup("ab\xFF\xC3");              /* invalid bytes kept as they are */
  assert_int_equal(strlen(out), 4);
  assert_memory_equal(out, "ab\xFF\xC3", 4);
  free(out);
}

static void test_smap(void **state) {
  (void)state;
  sbx__smap m = { 0 };
  char key[32];
  for (int i = 0; i < 1000; i++) {
    int n = snprintf(key, sizeof key, "key%d", i);
    assert_int_equal(sbx__smap_put(&m, key, (size_t)n, i, NULL), 1);
  }
  int32_t old = -5;
  assert_int_equal(sbx__smap_put(&m, "key7", 4, 99, &old), 0);
  assert_int_equal(old, 7);
  assert_int_equal(sbx__smap_get(&m, "key999", 6), 999);
  assert_int_equal(sbx__smap_get(&m, "nope", 4), SBX__SMAP_ABSENT);
  assert_int_equal(sbx__smap_set(&m, "key3", 4, 42), 0);
  assert_int_equal(sbx__smap_get(&m, "key3", 4), 42);
  assert_int_equal(sbx__smap_set(&m, "zzz", 3, 1), SBX__SMAP_ABSENT);
  sbx__smap_free(&m);
  assert_int_equal(sbx__smap_get(&m, "key1", 4), SBX__SMAP_ABSENT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_case_and_space),
    cmocka_unit_test(test_punctuation_html),
    cmocka_unit_test(test_nfd_and_invalid),
    cmocka_unit_test(test_smap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

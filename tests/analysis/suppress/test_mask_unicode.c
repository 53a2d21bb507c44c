/* Masking identifiers written with Unicode separators: every dash (U+2010-2015, U+2212,
 * U+FE58, U+FE63, U+FF0D, the soft hyphen), every space variant (no-break, narrow
 * no-break, thin, figure, ideographic, en/em spaces...), zero-width characters, and
 * full-width digits and @: personnummer, phone numbers and e-mail addresses are masked
 * as when written in ASCII, and the rest of the text is kept byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/suppress/suppress.h"

static void expect_mask(const char *in, const char *out, size_t nmasked) {
  size_t n = 99;
  char *m = sbx__mask_text(in, &n);
  assert_non_null(m);
  if (strcmp(m, out) != 0) print_error("mask(\"%s\") = \"%s\", want \"%s\"\n", in, m, out);
  assert_string_equal(m, out);
  assert_int_equal(n, nmasked);
  free(m);
}

static const char *const DASHES[] = {
    "\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92", "\xE2\x80\x93", "\xE2\x80\x94",
    "\xE2\x80\x95", "\xE2\x88\x92", "\xEF\xB9\x98", "\xEF\xB9\xA3", "\xEF\xBC\x8D",
    "\xC2\xAD"};
static const char *const SPACES[] = {
    "\xC2\xA0",     "\xE2\x80\xAF", "\xE2\x80\x89", "\xE2\x80\x87", "\xE2\x80\x80",
    "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86",
    "\xE2\x80\x88", "\xE2\x80\x8A", "\xE2\x81\x9F", "\xE3\x80\x80", "\xE1\x9A\x80",
    "\t"};

static void test_dashes(void **state) {
  (void)state;
  char in[128];
  for (size_t i = 0; i < sizeof DASHES / sizeof *DASHES; i++) {
    const char *d = DASHES[i];
    snprintf(in, sizeof in, "pnr 850412%s1234 och 070%s123 45 67 samt 08%s123 456 78.", d, d, d);
    expect_mask(in, "pnr [personnummer] och [telefonnummer] samt [telefonnummer].", 3);
    snprintf(in, sizeof in, "19850709%s9805", d);
    expect_mask(in, "[personnummer]", 1);
  }
}

static void test_spaces(void **state) {
  (void)state;
  char in[160];
  for (size_t i = 0; i < sizeof SPACES / sizeof *SPACES; i++) {
    const char *s = SPACES[i];
    snprintf(in, sizeof in, "Ring 070-123%s45%s67 eller +46%s70%s123%s45%s67, pnr 850709%s9805.",
             s, s, s, s, s, s, s);
    expect_mask(in, "Ring [telefonnummer] eller [telefonnummer], pnr [personnummer].", 3);
  }
  /* the issue's own examples */
  expect_mask("070\xE2\x80\x93" "123 45 67", "[telefonnummer]", 1);
  expect_mask("850412\xE2\x80\x91" "1234", "[personnummer]", 1);
  /* mixed: an en dash and no-break spaces in one number */
  expect_mask("Tel: 070\xE2\x80\x93" "123\xC2\xA0" "45\xE2\x80\xAF" "67!", "Tel: [telefonnummer]!", 1);
}

static void test_invisible_and_fullwidth(void **state) {
  (void)state;
  /* zero-width space, word joiner, BOM used to split digits */
  expect_mask("8507\xE2\x80\x8B" "09-98\xE2\x81\xA0" "05", "[personnummer]", 1);
  expect_mask("070\xEF\xBB\xBF" "1234567", "[telefonnummer]", 1);
  /* full-width digits, hyphen and at sign */
  expect_mask("\xEF\xBC\x90\xEF\xBC\x97\xEF\xBC\x90\xEF\xBC\x8D\xEF\xBC\x91\xEF\xBC\x92"
              "\xEF\xBC\x93 45 67",
              "[telefonnummer]", 1);
  expect_mask("anna\xEF\xBC\xA0kommun.se skrev", "[e-post] skrev", 1);
  expect_mask("anna.svensson@v\xC3\xA4xj\xC3\xB6\xE2\x80\x90kommun.se",
              "[e-post]", 1);
}

static void test_text_kept(void **state) {
  (void)state;
  /* no identifier: the Unicode separators stay as they were written */
  expect_mask("Mötet 2024\xE2\x80\x93" "05\xE2\x80\x93" "12 kl.\xC2\xA0" "08.30\xE2\x80\x93" "09.00",
              "Mötet 2024\xE2\x80\x93" "05\xE2\x80\x93" "12 kl.\xC2\xA0" "08.30\xE2\x80\x93" "09.00", 0);
  expect_mask("12\xC2\xA0" "000\xC2\xA0kr \xE2\x80\x94 bra", "12\xC2\xA0" "000\xC2\xA0kr \xE2\x80\x94 bra", 0);
  expect_mask("\xE2\x80\x93\xE2\x80\x93 pnr 850709\xE2\x80\x93" "9805 \xE2\x80\x94 slut",
              "\xE2\x80\x93\xE2\x80\x93 pnr [personnummer] \xE2\x80\x94 slut", 1);
  /* a cut sequence at the end is kept as it is */
  expect_mask("070-123 45 67 \xE2\x80", "[telefonnummer] \xE2\x80", 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dashes),
      cmocka_unit_test(test_spaces),
      cmocka_unit_test(test_invisible_and_fullwidth),
      cmocka_unit_test(test_text_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

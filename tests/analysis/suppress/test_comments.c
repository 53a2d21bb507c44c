/* Free-text comments: the comment threshold, attachment to the smallest unit large
 * enough, the remainder rule for comment groups, dropping, masking of e-mail
 * addresses, phone numbers and personal identity numbers, and the shuffled order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

#define N SBX_NONE

/* Adds `n` respondents to unit u (SBX_NO_UNIT: unknown) to r; the first of them
 * writes `text` (if not NULL) as an answer to question 0. */
static void add_rows(sbx_responses *r, uint32_t u, size_t n, const char *text) {
  int8_t v[1] = { 3 };
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(sbx__responses_add(r, v, u, 0, (uint32_t)r->n + 2, NULL), 0);
    if (i == 0 && text)
      assert_int_equal(sbx__responses_add_comment(r, (uint32_t)r->n - 1, 0, text), 0);
  }
}

static const char *comment_of(const sbx_results *res, const char *text, size_t *unit) {
  for (size_t i = 0; i < res->ncomment; i++)
    if (strcmp(res->comment[i].text, text) == 0) {
      *unit = res->comment[i].unit;
      return res->comment[i].text;
    }
  return NULL;
}

/* root 50 (10 of them of no known unit) > A 25 > {A1 12, A2 8}; root > B 15 (k 5,
 * comments 10). A2 is shown (8 >= 5) but too small for comments: its comment goes to
 * A; comments of no known unit go to the whole organisation. */
static void test_attach_to_smallest_large_unit(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 1, 0 };
  fx f = fx_new(5, parent, 1, 5);
  fx_unit(&f, 0, 50, 0, 3.0);
  fx_unit(&f, 1, 25, 5, 3.0);
  fx_unit(&f, 2, 12, 12, 3.0);
  fx_unit(&f, 3, 8, 8, 3.0);
  fx_unit(&f, 4, 15, 15, 3.0);
  f.res->unknown_unit = 10;
  sbx_responses *r;
  assert_int_equal(sbx__responses_new(&r, 1), 0);
  add_rows(r, 1, 5, "from A itself");
  add_rows(r, 2, 12, "from A1");
  add_rows(r, 3, 8, "from A2");
  add_rows(r, 4, 15, "from B");
  add_rows(r, SBX_NO_UNIT, 10, "from nowhere");
  f.res->resp = r;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_false(f.res->unit[3].suppressed);
  size_t u;
  assert_non_null(comment_of(f.res, "from A1", &u));
  assert_int_equal(u, 2);
  assert_non_null(comment_of(f.res, "from A2", &u));
  assert_int_equal(u, 1);
  assert_non_null(comment_of(f.res, "from A itself", &u));
  assert_int_equal(u, 1);
  assert_non_null(comment_of(f.res, "from B", &u));
  assert_int_equal(u, 4);
  assert_non_null(comment_of(f.res, "from nowhere", &u));
  assert_int_equal(u, 0);
  assert_int_equal(f.res->ncomment, 5);
  assert_int_equal(f.res->ncomment_dropped, 0);
  /* Grouped by unit, then question. */
  for (size_t i = 1; i < f.res->ncomment; i++)
    assert_true(f.res->comment[i - 1].unit <= f.res->comment[i].unit);
  sbx__responses_free(r);
  fx_free(&f);
}

/* A = 12 with A1 = 10: A1 is large enough, but a comment shown under A and not under
 * A1 would come from the other 2. So A1's comments are shown under A. */
static void test_comment_remainder(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 1, 0 };
  fx f = fx_new(4, parent, 1, 5);
  fx_unit(&f, 0, 32, 0, 3.0);
  fx_unit(&f, 1, 12, 2, 3.0);
  fx_unit(&f, 2, 10, 10, 3.0);
  fx_unit(&f, 3, 20, 20, 3.0);
  sbx_responses *r;
  assert_int_equal(sbx__responses_new(&r, 1), 0);
  add_rows(r, 1, 2, "one of the two");
  add_rows(r, 2, 10, "one of the ten");
  add_rows(r, 3, 20, NULL);
  f.res->resp = r;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  /* The unit figures: 12 - 10 = 2, so A1 is hidden as a complement already. */
  assert_int_equal(f.res->unit[2].reason, SBX_SUPP_COMPLEMENT);
  size_t u;
  assert_non_null(comment_of(f.res, "one of the ten", &u));
  assert_int_equal(u, 1);
  sbx__responses_free(r);
  fx_free(&f);

  /* k = 3 and A = 13 with 3 directly: every unit is shown (13 - 10 = 3 >= 3), but
   * a comment group needs 10, so A1's comments still go to A. */
  fx g = fx_new(4, parent, 1, 3);
  fx_unit(&g, 0, 33, 0, 3.0);
  fx_unit(&g, 1, 13, 3, 3.0);
  fx_unit(&g, 2, 10, 10, 3.0);
  fx_unit(&g, 3, 20, 20, 3.0);
  assert_int_equal(sbx__responses_new(&r, 1), 0);
  add_rows(r, 1, 3, "one of the three");
  add_rows(r, 2, 10, "one of the ten");
  add_rows(r, 3, 20, "one of the twenty");
  g.res->resp = r;
  assert_int_equal(sbx__suppress(g.res, NULL), 0);
  for (size_t i = 0; i < 4; i++) assert_false(g.res->unit[i].suppressed);
  assert_non_null(comment_of(g.res, "one of the ten", &u));
  assert_int_equal(u, 1);
  assert_non_null(comment_of(g.res, "one of the three", &u));
  assert_int_equal(u, 1);
  assert_non_null(comment_of(g.res, "one of the twenty", &u));
  assert_int_equal(u, 3);
  sbx__responses_free(r);
  fx_free(&g);
}

/* An organisation of 8 has no group large enough: comments are dropped and counted. */
static void test_comments_dropped(void **state) {
  (void)state;
  const size_t parent[] = { N, 0 };
  fx f = fx_new(2, parent, 1, 5);
  fx_unit(&f, 0, 8, 0, 3.0);
  fx_unit(&f, 1, 8, 8, 3.0);
  sbx_responses *r;
  assert_int_equal(sbx__responses_new(&r, 1), 0);
  add_rows(r, 1, 4, "first");
  add_rows(r, 1, 4, "second");
  assert_int_equal(sbx__responses_add_comment(r, 2, 0, "  \n "), 0);
  f.res->resp = r;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_int_equal(f.res->ncomment, 0);
  assert_null(f.res->comment);
  assert_int_equal(f.res->ncomment_dropped, 2);
  sbx__responses_free(r);
  fx_free(&f);
}

/* min_comment_group below k is raised to k: with k = 6 and comments asked for groups
 * of 3, comments appear for every shown unit (6 and up), never under the hidden 4. */
static void test_comment_threshold_never_below_k(void **state) {
  (void)state;
  const size_t parent[] = { N, 0, 0, 0 };
  fx f = fx_new(4, parent, 1, 6);
  fx_unit(&f, 0, 22, 2, 3.0);
  fx_unit(&f, 1, 4, 4, 3.0);
  fx_unit(&f, 2, 10, 10, 3.0);
  fx_unit(&f, 3, 6, 6, 3.0);
  f.res->opts.min_comment_group = 3;
  sbx_responses *r;
  assert_int_equal(sbx__responses_new(&r, 1), 0);
  add_rows(r, 0, 2, NULL);
  add_rows(r, 1, 4, "small unit");
  add_rows(r, 2, 10, "large unit");
  add_rows(r, 3, 6, "unit of six");
  f.res->resp = r;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_true(f.res->unit[1].suppressed);
  assert_false(f.res->unit[3].suppressed);
  size_t u;
  assert_non_null(comment_of(f.res, "small unit", &u));
  assert_int_equal(u, 0);
  assert_non_null(comment_of(f.res, "large unit", &u));
  assert_int_equal(u, 2);
  assert_non_null(comment_of(f.res, "unit of six", &u));
  assert_int_equal(u, 3);
  sbx__responses_free(r);
  fx_free(&f);
}

static void expect_mask(const char *in, const char *out, size_t nmasked) {
  size_t n = 99;
  char *m = sbx__mask_text(in, &n);
  assert_non_null(m);
  if (strcmp(m, out) != 0) print_error("mask(\"%s\") = \"%s\", want \"%s\"\n", in, m, out);
  assert_string_equal(m, out);
  assert_int_equal(n, nmasked);
  free(m);
}

static void test_masking(void **state) {
  (void)state;
  expect_mask("Mejla anna.svensson@kommun.se.", "Mejla [e-post].", 1);
  expect_mask("Kontakt: åsa_ö+hr@förvaltning.växjö.se, tack",
              "Kontakt: [e-post], tack", 1);
  expect_mask("a@b.se/c@d.se", "[e-post]/[e-post]", 2);
  expect_mask("skriv till @kommun eller x@y", "skriv till @kommun eller x@y", 0);
  expect_mask("Ring 070-123 45 67 eller 08-123 456 78!",
              "Ring [telefonnummer] eller [telefonnummer]!", 2);
  expect_mask("Mobil +46 70 123 45 67.", "Mobil [telefonnummer].", 1);
  expect_mask("tel 0701234567, 031-12 34 56 och (08) 12 34 56",
              "tel [telefonnummer], [telefonnummer] och [telefonnummer]", 3);
  expect_mask("från utlandet 0046 8 123 456 78", "från utlandet [telefonnummer]", 1);
  expect_mask("+46 (0)70-123 45 67", "[telefonnummer]", 1);
  expect_mask("Mitt personnummer är 850709-9805.", "Mitt personnummer är [personnummer].", 1);
  expect_mask("19850709-9805 och 198507099805 och 850709+9805",
              "[personnummer] och [personnummer] och [personnummer]", 3);
  expect_mask("samordningsnummer 701063-2391", "samordningsnummer [personnummer]", 1);
  expect_mask("pnr 850709 - 9805, 850709 9805", "pnr [personnummer], [personnummer]", 2);
  expect_mask("8507099805", "[personnummer]", 1);
  /* Not identifiers: dates, times, amounts, years, versions. */
  expect_mask("Mötet 2024-05-12 kl. 08.30-09.00 kostade 12 000 kr.",
              "Mötet 2024-05-12 kl. 08.30-09.00 kostade 12 000 kr.", 0);
  expect_mask("01-02-2024 och 0-5 år, 2019 till 2023, v. 1.2.3",
              "01-02-2024 och 0-5 år, 2019 till 2023, v. 1.2.3", 0);
  expect_mask("851399-1234 är inget datum", "851399-1234 är inget datum", 0);
  expect_mask("", "", 0);
  expect_mask("ärende 12345678901234", "ärende 12345678901234", 0);
}

/* Random text from an alphabet rich in digits and separators: the scanner never reads
 * out of bounds (run under ASan), masking twice changes nothing, and text without
 * digits or '@' comes back unchanged. */
static void test_masking_random(void **state) {
  (void)state;
  static const char alpha[] = "0123456789012345678901234567890 -+()@.a_\xc3\xa5";
  uint64_t x = 12345;
  char buf[80];
  for (int round = 0; round < 20000; round++) {
    size_t len = 0, want = 0;
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t n = (size_t)(x >> 58);
    for (size_t i = 0; i < n; i++) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      buf[len++] = alpha[(x >> 33) % (sizeof alpha - 1)];
    }
    buf[len] = '\0';
    char *once = sbx__mask_text(buf, &want);
    assert_non_null(once);
    size_t again_n = 99;
    char *twice = sbx__mask_text(once, &again_n);
    assert_string_equal(once, twice);
    assert_int_equal(again_n, 0);
    if (!strpbrk(buf, "0123456789@")) assert_string_equal(once, buf);
    free(once);
    free(twice);
  }
}

/* The order: the same whatever the input order, not the input order, and it moves
 * with the seed. Masked texts are what is hashed. */
static void shuffled(const char *const *texts, const size_t *perm, size_t n,
                     unsigned long seed, char ***out) {
  const size_t parent[] = { N };
  fx f = fx_new(1, parent, 1, 5);
  fx_unit(&f, 0, 3 * n, 3 * n, 3.0);
  f.res->opts.seed = seed;
  sbx_responses *r;
  assert_int_equal(sbx__responses_new(&r, 1), 0);
  for (size_t i = 0; i < n; i++) add_rows(r, 0, 3, texts[perm[i]]);
  f.res->resp = r;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_int_equal(f.res->ncomment, n);
  *out = calloc(n, sizeof **out);
  for (size_t i = 0; i < n; i++) (*out)[i] = sbx__strdup(f.res->comment[i].text);
  sbx__responses_free(r);
  fx_free(&f);
}

static void test_shuffle_deterministic(void **state) {
  (void)state;
  enum { NT = 24 };
  char buf[NT][32];
  const char *texts[NT];
  size_t fwd[NT], rev[NT];
  for (size_t i = 0; i < NT; i++) {
    snprintf(buf[i], sizeof buf[i], "kommentar %02zu", i);
    texts[i] = buf[i];
    fwd[i] = i;
    rev[i] = NT - 1 - i;
  }
  char **a, **b, **c;
  shuffled(texts, fwd, NT, 20261128UL, &a);
  shuffled(texts, rev, NT, 20261128UL, &b);
  shuffled(texts, fwd, NT, 7UL, &c);
  size_t same_as_input = 0, same_as_other_seed = 0;
  for (size_t i = 0; i < NT; i++) {
    assert_string_equal(a[i], b[i]);
    same_as_input += strcmp(a[i], texts[i]) == 0;
    same_as_other_seed += strcmp(a[i], c[i]) == 0;
  }
  assert_true(same_as_input < NT / 2);
  assert_true(same_as_other_seed < NT / 2);
  for (size_t i = 0; i < NT; i++) {
    free(a[i]);
    free(b[i]);
    free(c[i]);
  }
  free(a);
  free(b);
  free(c);
}

/* Comments are masked when attached. */
static void test_comments_masked(void **state) {
  (void)state;
  const size_t parent[] = { N };
  fx f = fx_new(1, parent, 1, 5);
  fx_unit(&f, 0, 12, 12, 3.0);
  sbx_responses *r;
  assert_int_equal(sbx__responses_new(&r, 1), 0);
  add_rows(r, 0, 12, "Hör av dig: 070-987 65 43 / per@exempel.se");
  f.res->resp = r;
  assert_int_equal(sbx__suppress(f.res, NULL), 0);
  assert_int_equal(f.res->ncomment, 1);
  assert_string_equal(f.res->comment[0].text, "Hör av dig: [telefonnummer] / [e-post]");
  sbx__responses_free(r);
  fx_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_attach_to_smallest_large_unit),
    cmocka_unit_test(test_comment_remainder),
    cmocka_unit_test(test_comments_dropped),
    cmocka_unit_test(test_comment_threshold_never_below_k),
    cmocka_unit_test(test_masking),
    cmocka_unit_test(test_masking_random),
    cmocka_unit_test(test_shuffle_deterministic),
    cmocka_unit_test(test_comments_masked),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

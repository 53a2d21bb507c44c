/* The focus-area catalogue (reports/actions): the built-in file gives every box a
 * question and 4-6 areas in Swedish and English with å, ä, ö intact and equal to the
 * file on disk; the loader refuses DTDs, entities, and every rule break with a line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/actions/actions.h"
#include "surveys/util.h"

static void test_builtin_every_box(void **state) {
  (void)state;
  int seen_aa = 0, seen_ae = 0, seen_oe = 0;
  for (int b = 0; b < SBX_BOX_COUNT; b++) {
    const char **sv, **en;
    size_t nsv, nen;
    assert_int_equal(sbx__focus_areas((sbx_box)b, "sv", &sv, &nsv), 0);
    assert_int_equal(sbx__focus_areas((sbx_box)b, "en", &en, &nen), 0);
    assert_int_equal(nsv, nen);
    assert_in_range(nsv, 4, 6);
    for (size_t i = 0; i < nsv; i++) {
      assert_true(strlen(sv[i]) > 20 && strlen(en[i]) > 20);
      assert_string_not_equal(sv[i], en[i]);
      size_t bad;
      assert_true(sbx__utf8_valid(sv[i], strlen(sv[i]), &bad));
      assert_null(strchr(sv[i], '\n')); /* white space folded */
      seen_aa |= strstr(sv[i], "å") != NULL;
      seen_ae |= strstr(sv[i], "ä") != NULL;
      seen_oe |= strstr(sv[i], "ö") != NULL;
    }
    const char *qsv = sbx__focus_question((sbx_box)b, "sv");
    const char *qen = sbx__focus_question((sbx_box)b, "en");
    assert_non_null(qsv);
    assert_non_null(qen);
    assert_string_not_equal(qsv, qen);
    /* An unknown or missing language falls back to the first one, Swedish. */
    const char **de;
    size_t nde;
    assert_int_equal(sbx__focus_areas((sbx_box)b, "de", &de, &nde), 0);
    assert_ptr_equal(de, sv);
    assert_ptr_equal(sbx__focus_question((sbx_box)b, NULL), qsv);
  }
  assert_true(seen_aa && seen_ae && seen_oe);
  const char **x;
  size_t n;
  assert_int_equal(sbx__focus_areas(SBX_BOX_NONE, "sv", &x, &n), SBX_EUSAGE);
  assert_null(x);
  assert_int_equal(n, 0);
  assert_null(sbx__focus_question(SBX_BOX_COUNT, "sv"));
  assert_string_equal(sbx__focus_question(SBX_BOX_LEADERSHIP, "sv"),
                      "Håller någon de andra fem rutorna i balans?");
}

/* The embedded bytes are the file in the source tree. */
static void test_builtin_is_the_file(void **state) {
  (void)state;
  char *data;
  size_t len;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__read_file(SBX_SOURCE_DIR "/reports/actions/focus-areas.xml",
                                  SBX_FOCUS_MAX_BYTES, &data, &len, ctx), 0);
  sbx_focus_catalogue *c;
  assert_int_equal(sbx__focus_catalogue_parse(&c, data, len, "focus-areas.xml", ctx), 0);
  for (int b = 0; b < SBX_BOX_COUNT; b++) {
    const char **mine, **built;
    size_t n1, n2;
    assert_int_equal(sbx__focus_catalogue_areas(c, (sbx_box)b, "en", &mine, &n1), 0);
    assert_int_equal(sbx__focus_areas((sbx_box)b, "en", &built, &n2), 0);
    assert_int_equal(n1, n2);
    for (size_t i = 0; i < n1; i++) assert_string_equal(mine[i], built[i]);
  }
  sbx__focus_catalogue_free(c);
  free(data);
  sbx_ctx_free(ctx);
}

/* A catalogue of n areas per box, with a hook to break it. */
static char *catalogue(int areas, const char *extra_box, const char *dtd, int skip_en) {
  static const char *ids[] = { "purposes", "structure", "relationships", "rewards",
                               "leadership", "helpful-mechanisms" };
  size_t cap = 64 * 1024, len = 0;
  char *s = malloc(cap);
  len += (size_t)snprintf(s + len, cap - len, "<?xml version=\"1.0\"?>\n%s"
                          "<focus-areas languages=\"sv en\">\n", dtd ? dtd : "");
  for (int b = 0; b < 6; b++) {
    len += (size_t)snprintf(s + len, cap - len, "<box id=\"%s\"><question><text lang=\"sv\">"
                            "Fråga?</text><text lang=\"en\">Question?</text></question>\n",
                            ids[b]);
    for (int a = 0; a < areas; a++)
      len += (size_t)snprintf(s + len, cap - len, "<area><text lang=\"sv\">Område %d</text>%s"
                              "</area>\n", a, skip_en && b == 2 && a == 1 ? "" :
                              "<text lang=\"en\">Area</text>");
    len += (size_t)snprintf(s + len, cap - len, "</box>\n");
  }
  len += (size_t)snprintf(s + len, cap - len, "%s</focus-areas>\n", extra_box ? extra_box : "");
  return s;
}

static int parse_fails(const char *xml, sbx_ctx *ctx, const char *needle) {
  sbx_focus_catalogue *c = (sbx_focus_catalogue *)1;
  int rc = sbx__focus_catalogue_parse(&c, xml, strlen(xml), "bad.xml", ctx);
  assert_null(c);
  int found = 0;
  char buf[512];
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    sbx_error_format(sbx_ctx_get(ctx, i), buf, sizeof buf);
    found |= strstr(buf, needle) != NULL;
  }
  if (!found) fail_msg("no error mentions \"%s\"", needle);
  sbx_ctx_clear(ctx);
  return rc;
}

static void test_loader_rules(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  char *ok = catalogue(4, NULL, NULL, 0);
  sbx_focus_catalogue *c;
  assert_int_equal(sbx__focus_catalogue_parse(&c, ok, strlen(ok), "ok.xml", ctx), 0);
  const char **a;
  size_t n;
  assert_int_equal(sbx__focus_catalogue_areas(c, SBX_BOX_REWARDS, "sv", &a, &n), 0);
  assert_int_equal(n, 4);
  assert_string_equal(a[3], "Område 3");
  sbx__focus_catalogue_free(c);
  free(ok);
  char *s = catalogue(3, NULL, NULL, 0);
  assert_int_equal(parse_fails(s, ctx, "at least 4"), SBX_EDATA);
  free(s);
  s = catalogue(7, NULL, NULL, 0);
  assert_int_equal(parse_fails(s, ctx, "at most 6"), SBX_EDATA);
  free(s);
  s = catalogue(4, NULL, NULL, 1);
  assert_int_equal(parse_fails(s, ctx, "is missing; fix the focus-area catalogue (en)"), SBX_EDATA);
  free(s);
  s = catalogue(4, "<box id=\"rewards\"/>", NULL, 0);
  assert_int_equal(parse_fails(s, ctx, "twice; fix the focus-area catalogue (rewards)"), SBX_EDATA);
  free(s);
  s = catalogue(4, "<box id=\"culture\"/>", NULL, 0);
  assert_int_equal(parse_fails(s, ctx, "six box ids; fix the focus-area catalogue (culture)"), SBX_EDATA);
  free(s);
  sbx_ctx_free(ctx);
}

static void test_loader_refuses_dtd_and_entities(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  char *s = catalogue(4, NULL, "<!DOCTYPE focus-areas [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n", 0);
  assert_int_equal(parse_fails(s, ctx, "DTD is not allowed"), SBX_EDATA);
  free(s);
  s = catalogue(4, NULL, "<!DOCTYPE focus-areas [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
                "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n", 0);
  assert_int_equal(parse_fails(s, ctx, "DTD"), SBX_EDATA);
  free(s);
  const char *undeclared = "<focus-areas languages=\"sv\">&secret;</focus-areas>";
  assert_int_equal(parse_fails(undeclared, ctx, "bad.xml:1: not well-formed"), SBX_EDATA);
  const char *broken = "<focus-areas languages=\"sv en\">\n<box id=\"purposes\">\n</focus-areas>";
  assert_int_equal(parse_fails(broken, ctx, "not well-formed"), SBX_EDATA);
  assert_int_equal(parse_fails("<catalogue/>", ctx, "<focus-areas>"), SBX_EDATA);
  assert_int_equal(parse_fails("<focus-areas/>", ctx, "languages"), SBX_EDATA);
  /* Every missing box is named, not only the first. */
  const char *empty = "<focus-areas languages=\"sv en\">stray text</focus-areas>";
  sbx_focus_catalogue *c;
  assert_int_equal(sbx__focus_catalogue_parse(&c, empty, strlen(empty), "e.xml", ctx),
                   SBX_EDATA);
  assert_int_equal(sbx_ctx_count(ctx), 7); /* the stray text and six missing boxes */
  sbx_ctx_clear(ctx);
  char *big = calloc(SBX_FOCUS_MAX_BYTES + 2, 1);
  memset(big, ' ', SBX_FOCUS_MAX_BYTES + 1);
  assert_int_equal(sbx__focus_catalogue_parse(&c, big, SBX_FOCUS_MAX_BYTES + 1, "big.xml", ctx),
                   SBX_ELIMIT);
  free(big);
  sbx_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_builtin_every_box),
    cmocka_unit_test(test_builtin_is_the_file),
    cmocka_unit_test(test_loader_rules),
    cmocka_unit_test(test_loader_refuses_dtd_and_entities),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The hardened XML parse (surveys/xml/parse.c) tells libxml2's outcomes apart by libxml2's
 * public calls and xmlError's code, not by the parser context's fields or the message text
 * (docs/architecture.md, "Dependencies' internals we rely on"). Each case that once needed
 * those internals gives the same code and the same records, word for word, as it did:
 * too deep nesting (libxml2's limit, at its edge), a DOCTYPE (with its line), malformed
 * XML, a namespace error in a document libxml2 still builds, warnings that do not fail,
 * a declared encoding that is not the bytes' (ignored) or unknown, bytes not UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "surveys/xml/xmldoc.h"

#define MEM(s) (s), sizeof(s) - 1

/* Every record as "code message-as-formatted\n". */
static char *records(const sbx_ctx *ctx) {
  size_t cap = 8192, len = 0;
  char *all = malloc(cap);
  assert_non_null(all);
  all[0] = '\0';
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    char buf[1024];
    const sbx_error *e = sbx_ctx_get(ctx, i);
    sbx_error_format(buf, sizeof buf, e);
    int n = snprintf(all + len, cap - len, "%d %s\n", e->code, buf);
    assert_true(n > 0 && (size_t)n < cap - len);
    len += (size_t)n;
  }
  return all;
}

/* Parses data as "t.xml"; the code and every record must be as given. Returns the
 * document when the parse succeeded (the caller frees it). */
static xmlDocPtr expect(const char *data, size_t len, int code, const char *want) {
  sbx_ctx *ctx = sbx_ctx_new();
  xmlDocPtr d = (xmlDocPtr)1;
  int rc = sbx__xml_parse(&d, data, len, "t.xml", ctx);
  char *got = records(ctx);
  if (rc != code || strcmp(got, want) != 0)
    print_message("rc %d (want %d)\nrecords:\n%s\nwanted:\n%s\n", rc, code, got, want);
  assert_int_equal(rc, code);
  assert_string_equal(got, want);
  if (code) assert_null(d);
  else assert_non_null(d);
  free(got);
  sbx_ctx_free(ctx);
  return d;
}

/* <survey> and `depth` nested <a>, a hundred to a line: element depth+1 is on line
 * depth/100 + 2. */
static char *nested(size_t depth, size_t *len) {
  char *b = malloc(depth * 8 + 64);
  assert_non_null(b);
  size_t n = (size_t)sprintf(b, "<survey>\n");
  for (size_t i = 0; i < depth; i++) {
    memcpy(b + n, "<a>", 3);
    n += 3;
    if (i % 100 == 99) b[n++] = '\n';
  }
  for (size_t i = 0; i < depth; i++) memcpy(b + n + 4 * i, "</a>", 4);
  n += 4 * depth;
  n += (size_t)sprintf(b + n, "</survey>");
  *len = n;
  return b;
}

#define DEEP "-2 t.xml:4: elements are nested more than 256 levels deep; the file is refused\n"

static void too_deep_at_the_edge(void **state) {
  (void)state;
  size_t len;
  char *b = nested(256, &len); /* 257 levels with <survey>: libxml2 takes it */
  xmlFreeDoc(expect(b, len, 0, ""));
  free(b);
  b = nested(257, &len); /* one more: refused where libxml2 stops, on line 4 */
  expect(b, len, SBX_EDATA, DEEP);
  free(b);
  b = nested(100000, &len);
  expect(b, len, SBX_EDATA, DEEP);
  free(b);
}

/* libxml2 goes on reading after a first error (building nothing more): its depth
 * refusal further on is still told as such. */
static void deep_after_other_error(void **state) {
  (void)state;
  size_t n = 0;
  char *b = malloc(300 * 8 + 64);
  assert_non_null(b);
  n += (size_t)sprintf(b, "<survey>\n");
  for (int i = 0; i < 300; i++) {
    if (i == 200) n += (size_t)sprintf(b + n, "\n\x01"); /* an invalid character, line 3 */
    n += (size_t)sprintf(b + n, "%s<a>", i == 250 ? "\n" : "");
  }
  for (int i = 0; i < 300; i++) n += (size_t)sprintf(b + n, "</a>");
  n += (size_t)sprintf(b + n, "</survey>");
  expect(b, n, SBX_EDATA,
         "-2 t.xml:3: not well-formed XML: PCDATA invalid Char value 1\n"
         "-2 t.xml:4: elements are nested more than 256 levels deep; the file is refused\n");
  free(b);
}

#define DOCTYPE_MSG "a DOCTYPE declaration is not allowed (DTDs and entities are refused " \
                    "for safety); remove it\n"

static void doctype_line(void **state) {
  (void)state;
  expect(MEM("<?xml version=\"1.0\"?>\n\n<!DOCTYPE survey\n  SYSTEM \"x.dtd\">\n<survey/>"),
         SBX_EDATA, "-2 t.xml:4: " DOCTYPE_MSG);
  expect(MEM("<?xml version=\"1.0\"?>\n<!DOCTYPE survey [\n<!ENTITY x \"y\">]>\n<survey/>"),
         SBX_EDATA, "-2 t.xml:2: " DOCTYPE_MSG);
}

static void malformed(void **state) {
  (void)state;
  expect(MEM("<survey id=\"a\">\n<languages>sv</survey>"), SBX_EDATA,
         "-2 t.xml:2: not well-formed XML: Opening and ending tag mismatch: languages line 2 "
         "and survey\n"
         "-2 t.xml:2: not well-formed XML: Premature end of data in tag survey line 1\n");
  expect(MEM("<survey>\n<a b='1' b='2'/>\n</survey>"), SBX_EDATA,
         "-2 t.xml:2: not well-formed XML: Attribute b redefined\n");
  expect(MEM("<survey>&undefined;</survey>"), SBX_EDATA,
         "-2 t.xml:1: not well-formed XML: Entity 'undefined' not defined\n");
  expect(MEM("<?xml version=\"1.0\"?>\n"), SBX_EDATA,
         "-2 t.xml:2: not well-formed XML: Start tag expected, '<' not found\n");
  expect(MEM("<survey/>\n<survey/>"), SBX_EDATA,
         "-2 t.xml:2: not well-formed XML: Extra content at the end of the document\n");
  expect(MEM("<survey>\x01</survey>"), SBX_EDATA,
         "-2 t.xml:1: not well-formed XML: PCDATA invalid Char value 1\n");
}

/* libxml2 builds a document for an undeclared prefix and reports an error (not a
 * fatal one): the parse still fails. */
static void namespace_error_fails(void **state) {
  (void)state;
  expect(MEM("<survey>\n<x:a/></survey>"), SBX_EDATA,
         "-2 t.xml:2: not well-formed XML: Namespace prefix x on a is not defined\n");
}

/* Warnings are recorded and do not fail the parse. */
static void warnings_pass(void **state) {
  (void)state;
  xmlFreeDoc(expect(MEM("<?xml version=\"1.1\"?>\n<survey/>"), 0,
                    "-2 t.xml:1: warning: Unsupported version '1.1'\n"));
  xmlFreeDoc(expect(MEM("<survey xmlns=\"rel\">\n</survey>"), 0,
                    "-2 t.xml:1: warning: xmlns: URI rel is not absolute\n"));
}

/* The bytes are UTF-8 (checked before libxml2 sees them): a declaration saying
 * otherwise is ignored, so å stays å instead of turning into Ã¥. */
static void declared_encoding_ignored(void **state) {
  (void)state;
  xmlDocPtr d = expect(MEM("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                           "<survey id=\"\xc3\xa5\"/>"), 0, "");
  xmlChar *id = xmlGetProp(xmlDocGetRootElement(d), (const xmlChar *)"id");
  assert_string_equal((const char *)id, "\xc3\xa5");
  xmlFree(id);
  xmlFreeDoc(d);
  xmlFreeDoc(expect(MEM("<?xml version=\"1.0\" encoding=\"bogus-enc\"?>\n<survey/>"), 0, ""));
}

static void bytes_not_utf8(void **state) {
  (void)state;
  expect(MEM("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<survey id=\"\xe5\"/>"), SBX_EDATA,
         "-2 t.xml:2: invalid UTF-8 (byte 0xE5 at offset 56); save the file as UTF-8\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(too_deep_at_the_edge),
    cmocka_unit_test(deep_after_other_error),
    cmocka_unit_test(doctype_line),
    cmocka_unit_test(malformed),
    cmocka_unit_test(namespace_error_fails),
    cmocka_unit_test(warnings_pass),
    cmocka_unit_test(declared_encoding_ignored),
    cmocka_unit_test(bytes_not_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

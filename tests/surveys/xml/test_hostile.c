/* Hostile XML (docs/formats.md, "Untrusted input"): external entities of every kind, entity
 * expansion bombs, gzip, XInclude, network entities, deep nesting, bad encodings.
 * Each is refused with a clear message; a secret file named by the payload is never
 * read into a message or a model; a loopback listener named by it gets no
 * connection; nothing takes more than a moment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "surveys/model.h"
#include "surveys/xml/fixture.h"

static char secret_path[256];
static const char secret[] = "SIXBOX-SECRET-7f3a9c";
static int listener = -1, port;
static char stderr_path[256];
static int saved_stderr = -1;

static int setup(void **state) {
  (void)state;
  snprintf(secret_path, sizeof secret_path, "%s/sbx-secret-XXXXXX", SBX_BINARY_DIR);
  int fd = mkstemp(secret_path);
  if (fd < 0) return -1;
  if (write(fd, secret, sizeof secret - 1) != (ssize_t)(sizeof secret - 1)) return -1;
  close(fd);
  listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (listener < 0 || bind(listener, (struct sockaddr *)&a, sizeof a) ||
      listen(listener, 4) || getsockname(listener, (struct sockaddr *)&a, &len))
    return -1;
  port = ntohs(a.sin_port);
  fcntl(listener, F_SETFL, O_NONBLOCK);
  /* libxml2 must not print: catch whatever reaches stderr. */
  snprintf(stderr_path, sizeof stderr_path, "%s/sbx-stderr-XXXXXX", SBX_BINARY_DIR);
  int err = mkstemp(stderr_path);
  saved_stderr = dup(2);
  if (err < 0 || saved_stderr < 0 || dup2(err, 2) < 0) return -1;
  close(err);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  unlink(secret_path);
  unlink(stderr_path);
  if (listener >= 0) close(listener);
  if (saved_stderr >= 0) dup2(saved_stderr, 2);
  return 0;
}

/* No record and no model text may hold the secret; nobody connected to us. */
static void assert_nothing_leaked(const sbx_ctx *ctx) {
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++)
    assert_null(strstr(sbx_ctx_get(ctx, i)->message, secret));
  int c = accept(listener, NULL, NULL);
  if (c >= 0) close(c);
  assert_true(c < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

/* Expands %s (the secret's path) and %d (the listener's port) in a template. */
static char *payload(const char *tmpl) {
  size_t n = strlen(tmpl) + 4 * sizeof secret_path + 64;
  char *s = malloc(n);
  assert_non_null(s);
  char *o = s;
  for (const char *p = tmpl; *p; p++) {
    if (p[0] == '%' && p[1] == 's') o += sprintf(o, "%s", secret_path), p++;
    else if (p[0] == '%' && p[1] == 'd') o += sprintf(o, "%d", port), p++;
    else *o++ = *p;
  }
  *o = '\0';
  return s;
}

/* Loads data as a survey and as an organisation; both must fail with `msg`. */
static void refused(const char *data, size_t len, const char *msg) {
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  assert_int_not_equal(sbx_survey_load_memory(&s, data, len, "evil.xml", ctx), 0);
  assert_null(s);
  assert_problem(ctx, 0, msg);
  assert_nothing_leaked(ctx);
  sbx_ctx_clear(ctx);
  assert_int_not_equal(sbx_org_load_memory(&o, data, len, "evil.xml", ctx), 0);
  assert_null(o);
  assert_problem(ctx, 0, msg);
  assert_nothing_leaked(ctx);
  sbx_ctx_free(ctx);
}

static void refused_tmpl(const char *tmpl, const char *msg) {
  char *p = payload(tmpl);
  refused(p, strlen(p), msg);
  free(p);
}

#define DOCTYPE_MSG "a DOCTYPE declaration is not allowed"

static void test_xxe_general(void **state) {
  (void)state;
  refused_tmpl("<?xml version=\"1.0\"?>\n<!DOCTYPE survey [<!ENTITY x SYSTEM \"file://%s\">]>\n"
               "<survey id=\"a\" version=\"1\"><languages>sv</languages>"
               "<title><text lang=\"sv\">&x;</text></title></survey>", DOCTYPE_MSG);
}

static void test_xxe_parameter(void **state) {
  (void)state;
  refused_tmpl("<!DOCTYPE survey [<!ENTITY % p SYSTEM \"file://%s\"> %p;]>\n<survey/>",
               DOCTYPE_MSG);
}

static void test_xxe_attribute_value(void **state) {
  (void)state;
  refused_tmpl("<!DOCTYPE survey [<!ENTITY x SYSTEM \"file://%s\">\n"
               "<!ATTLIST survey id CDATA \"&x;\">]>\n<survey version=\"1\"/>", DOCTYPE_MSG);
}

static void test_external_subset(void **state) {
  (void)state;
  refused_tmpl("<!DOCTYPE survey SYSTEM \"file://%s\">\n<survey/>", DOCTYPE_MSG);
}

static void test_url_entity(void **state) {
  (void)state;
  refused_tmpl("<!DOCTYPE survey [<!ENTITY x SYSTEM \"http://127.0.0.1:%d/x\">]>\n"
               "<survey>&x;</survey>", DOCTYPE_MSG);
  refused_tmpl("<!DOCTYPE survey SYSTEM \"http://127.0.0.1:%d/x.dtd\">\n<survey/>",
               DOCTYPE_MSG);
}

static void test_billion_laughs(void **state) {
  (void)state;
  char buf[4096];
  int n = sprintf(buf, "<!DOCTYPE survey [<!ENTITY l0 \"lol\">");
  for (int i = 1; i < 10; i++)
    n += sprintf(buf + n, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;\">",
                 i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  sprintf(buf + n, "]>\n<survey>&l9;</survey>");
  refused(buf, strlen(buf), DOCTYPE_MSG);
}

static void test_quadratic_blowup(void **state) {
  (void)state;
  size_t ent = 100000, refs = 20000, n = 0;
  char *buf = malloc(ent + refs * 3 + 200);
  assert_non_null(buf);
  n += (size_t)sprintf(buf, "<!DOCTYPE survey [<!ENTITY a \"");
  memset(buf + n, 'a', ent);
  n += ent;
  n += (size_t)sprintf(buf + n, "\">]>\n<survey>");
  for (size_t i = 0; i < refs; i++) memcpy(buf + n + 3 * i, "&a;", 3);
  n += 3 * refs;
  n += (size_t)sprintf(buf + n, "</survey>");
  refused(buf, n, DOCTYPE_MSG);
  free(buf);
}

static void test_gzip(void **state) {
  (void)state;
  /* A gzip header and deflate bytes: refused on sight, never inflated. */
  static const unsigned char gz[] = { 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                      0x03, 0xed, 0xc1, 0x01, 0x0d, 0x00, 0x00, 0x00, 0xc2 };
  refused((const char *)gz, sizeof gz, "gzip-compressed");
}

static void test_xinclude(void **state) {
  (void)state;
  refused_tmpl("<survey xmlns:xi=\"http://www.w3.org/2001/XInclude\" id=\"a\" version=\"1\">"
               "<languages>sv</languages><title><text lang=\"sv\">"
               "<xi:include href=\"file://%s\" parse=\"text\"/></text></title></survey>",
               "");
}

static void test_schema_location_ignored(void **state) {
  (void)state;
  char *base = fx_read(SBX_TEST_DATA "/surveys/mini-survey.xml");
  char *t = payload("<survey xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                    "xsi:noNamespaceSchemaLocation=\"file://%s\" id=\"mini\"");
  char *x = fx_replace(base, "<survey id=\"mini\"", t);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  sbx_survey_load_memory(&s, x, strlen(x), "evil.xml", ctx);
  assert_nothing_leaked(ctx);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
  free(base);
  free(t);
  free(x);
}

static void test_deep_nesting(void **state) {
  (void)state;
  size_t depth = 100000, n = 0;
  char *buf = malloc(depth * 7 + 64);
  assert_non_null(buf);
  n += (size_t)sprintf(buf, "<survey>");
  for (size_t i = 0; i < depth; i++) memcpy(buf + n + 3 * i, "<a>", 3);
  n += 3 * depth;
  for (size_t i = 0; i < depth; i++) memcpy(buf + n + 4 * i, "</a>", 4);
  n += 4 * depth;
  n += (size_t)sprintf(buf + n, "</survey>");
  refused(buf, n, "nested more than");
  free(buf);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  const char x[] = "<survey id=\"a\" version=\"1\">\n<languages>sv\xc3\x28</languages></survey>";
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load_memory(&s, x, sizeof x - 1, "evil.xml", ctx), SBX_EDATA);
  assert_problem(ctx, 2, "invalid UTF-8");
  assert_problem(ctx, 2, "save the file as UTF-8");
  sbx_ctx_free(ctx);
  refused("\xed\xa0\x80<survey/>", 12, "invalid UTF-8"); /* a surrogate */
}

static void test_utf16(void **state) {
  (void)state;
  static const char le_bom[] = "\xff\xfe<\0s\0/\0>\0";
  static const char be[] = "\0<\0s\0/\0>";
  refused(le_bom, sizeof le_bom - 1, "save the file as UTF-8");
  refused(be, sizeof be - 1, "save the file as UTF-8");
}

static void test_too_big(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load_memory(&s, "<survey/>", SBX_XML_MAX_BYTES + 1u, "big.xml", ctx),
                   SBX_ELIMIT);
  assert_problem(ctx, 0, "larger than the limit");
  sbx_ctx_free(ctx);
}

static void test_not_well_formed(void **state) {
  (void)state;
  refused_tmpl("<survey id=\"a\">\n<languages>sv</survey>", "not well-formed XML");
  refused_tmpl("", "file is empty");
  refused_tmpl("<survey>&undefined;</survey>", "not well-formed XML");
}

/* Nothing above reached stderr, and the process stayed small: no payload was
 * expanded or inflated. */
static void test_silent_and_bounded(void **state) {
  (void)state;
  fflush(stderr);
  FILE *f = fopen(stderr_path, "r");
  assert_non_null(f);
  char buf[256] = "";
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  if (n) print_message("stderr: %s\n", buf);
  assert_int_equal(n, 0);
  struct rusage ru;
  assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
  assert_true(ru.ru_maxrss < 512 * 1024); /* KiB */
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_xxe_general),
    cmocka_unit_test(test_xxe_parameter),
    cmocka_unit_test(test_xxe_attribute_value),
    cmocka_unit_test(test_external_subset),
    cmocka_unit_test(test_url_entity),
    cmocka_unit_test(test_billion_laughs),
    cmocka_unit_test(test_quadratic_blowup),
    cmocka_unit_test(test_gzip),
    cmocka_unit_test(test_xinclude),
    cmocka_unit_test(test_schema_location_ignored),
    cmocka_unit_test(test_deep_nesting),
    cmocka_unit_test(test_invalid_utf8),
    cmocka_unit_test(test_utf16),
    cmocka_unit_test(test_too_big),
    cmocka_unit_test(test_not_well_formed),
    cmocka_unit_test(test_silent_and_bounded),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

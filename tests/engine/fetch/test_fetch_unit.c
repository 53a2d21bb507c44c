/* The policy pieces of fetch: which URLs are allowed, when credentials may follow,
 * token files and variables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sixbox/fetch.h>
#include "engine/fetch/http.h"

static void test_url_policy(void **state) {
  (void)state;
  char why[256];
  assert_true(sbx__url_allowed("https://kf.kobotoolbox.org/api/v2/assets/a/data.json", why, sizeof why));
  assert_true(sbx__url_allowed("http://127.0.0.1:8080/x", why, sizeof why));
  assert_true(sbx__url_allowed("http://localhost/x", why, sizeof why));
  assert_true(sbx__url_allowed("http://[::1]:99/x", why, sizeof why));
  assert_false(sbx__url_allowed("http://example.org/x", why, sizeof why));
  assert_non_null(strstr(why, "https"));
  assert_false(sbx__url_allowed("file:///etc/passwd", why, sizeof why));
  assert_false(sbx__url_allowed("ftp://127.0.0.1/x", why, sizeof why));
  assert_false(sbx__url_allowed("not a url", why, sizeof why));
  /* Credentials in the URL: refused, pointing at --token-env / --token-file. */
  assert_false(sbx__url_allowed("https://hr:secret@kf.kobotoolbox.org/x", why, sizeof why));
  assert_non_null(strstr(why, "--token-env"));
  assert_false(sbx__url_allowed("https://hr@kf.kobotoolbox.org/x", why, sizeof why));
  assert_false(sbx__url_allowed("https://:secret@kf.kobotoolbox.org/x", why, sizeof why));
  assert_false(sbx__url_allowed("http://a:b@127.0.0.1/x", why, sizeof why));
}

static void test_same_origin(void **state) {
  (void)state;
  assert_true(sbx__same_origin("https://a.example/x", "https://a.example:443/y?z"));
  assert_false(sbx__same_origin("https://a.example/x", "https://b.example/x"));
  assert_false(sbx__same_origin("https://a.example/x", "https://a.example:8443/x"));
  assert_false(sbx__same_origin("https://a.example/x", "http://a.example/x"));
  assert_false(sbx__same_origin("http://127.0.0.1:5/x", "http://localhost:5/x"));
}

static void test_token_file(void **state) {
  (void)state;
  char path[] = "/tmp/sbx_tok_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, "abc123\r\n", 8), 8);
  close(fd);
  sbx_ctx *ctx = sbx_ctx_new();
  char *t;
  chmod(path, 0600);
  assert_int_equal(sbx_token_from_file(&t, path, ctx), 0);
  assert_string_equal(t, "abc123");
  sbx_token_free(t);
  chmod(path, 0640);
  assert_int_equal(sbx_token_from_file(&t, path, ctx), SBX_EPERM);
  assert_null(t);
  char link[64];
  snprintf(link, sizeof link, "%s.lnk", path);
  assert_int_equal(symlink(path, link), 0);
  chmod(path, 0600);
  assert_int_equal(sbx_token_from_file(&t, link, ctx), SBX_EPERM);
  unlink(link);
  FILE *f = fopen(path, "w");
  fputs("ab\ncd\n", f);
  fclose(f);
  assert_int_equal(sbx_token_from_file(&t, path, ctx), SBX_EDATA);
  unlink(path);
  assert_int_equal(sbx_token_from_file(&t, path, ctx), SBX_ENOENT);
  sbx_ctx_free(ctx);
}

static void test_token_env(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  char *t;
  setenv("SBX_UNIT_TOKEN", "xyz", 1);
  assert_int_equal(sbx_token_from_env(&t, "SBX_UNIT_TOKEN", ctx), 0);
  assert_string_equal(t, "xyz");
  assert_null(getenv("SBX_UNIT_TOKEN")); /* unset once read */
  sbx_token_free(t);
  assert_int_equal(sbx_token_from_env(&t, "SBX_UNIT_TOKEN", ctx), SBX_ENOENT);
  sbx_ctx_free(ctx);
}

static void test_api_names(void **state) {
  (void)state;
  sbx_api a;
  const char *names[] = { "auto", "generic", "google-sheets", "qualtrics", "limesurvey",
                          "kobotoolbox", "surveymonkey", "odk-central", "kolada" };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    assert_int_equal(sbx_api_from_name(&a, names[i]), 0);
    assert_string_equal(sbx_api_name(a), names[i]);
  }
  a = SBX_API_KOLADA;
  assert_int_equal(sbx_api_from_name(&a, "typeform"), SBX_EUSAGE);
  assert_int_equal(sbx_api_from_name(&a, NULL), SBX_EUSAGE);
  assert_int_equal(a, SBX_API_KOLADA); /* unchanged */
}

static void test_refuses_before_any_traffic(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_fetch_opts o = SBX_FETCH_OPTS_INIT;
  assert_int_equal(sbx_fetch("http://sixbox-test.invalid/x", "/tmp/sbx_never.csv", &o, ctx),
                   SBX_EUSAGE);
  assert_int_equal(access("/tmp/sbx_never.csv", F_OK), -1);
  sbx_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_url_policy), cmocka_unit_test(test_same_origin),
    cmocka_unit_test(test_token_file),
    cmocka_unit_test(test_token_env), cmocka_unit_test(test_api_names),
    cmocka_unit_test(test_refuses_before_any_traffic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

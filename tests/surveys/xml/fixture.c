/* Helpers for the XML loader tests (see fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "surveys/xml/fixture.h"

char *fx_read(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) fail_msg("cannot open %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  assert_non_null(s);
  assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
  s[n] = '\0';
  fclose(f);
  return s;
}

char *fx_replace(const char *s, const char *from, const char *to) {
  const char *p = strstr(s, from);
  if (!p) fail_msg("fixture lacks '%s'", from);
  size_t a = (size_t)(p - s), fl = strlen(from), tl = strlen(to), n = strlen(s);
  char *r = malloc(n - fl + tl + 1);
  assert_non_null(r);
  memcpy(r, s, a);
  memcpy(r + a, to, tl);
  memcpy(r + a + tl, p + fl, n - a - fl + 1);
  return r;
}

int fx_has(const sbx_ctx *ctx, long line, const char *needle) {
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    const sbx_error *e = sbx_ctx_get(ctx, i);
    if (e->severity != SBX_SEV_ERROR) continue;
    if (line && e->line != line) continue;
    if (strstr(e->message, needle)) return 1;
  }
  return 0;
}

void fx_dump(const sbx_ctx *ctx) {
  char buf[4096];
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, i));
    print_message("  record: %s\n", buf);
  }
}

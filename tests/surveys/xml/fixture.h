/* Helpers for the XML loader tests: fixture files, string surgery on them, and
 * assertions on the problems a load recorded. */
#ifndef SBX_TEST_XML_FIXTURE_H
#define SBX_TEST_XML_FIXTURE_H

#include <stddef.h>
#include <sixbox/error.h>

/* The whole of a file (NUL-terminated); fails the test when unreadable. */
char *fx_read(const char *path);
/* A copy of s with the first `from` replaced by `to`; fails when from is absent. */
char *fx_replace(const char *s, const char *from, const char *to);
/* Is there an error record at `line` (0: any line) whose message contains `needle`? */
int fx_has(const sbx_ctx *ctx, long line, const char *needle);
/* Prints every record (for a failing test's log). */
void fx_dump(const sbx_ctx *ctx);

#define assert_problem(ctx, line, needle)                                              \
  do {                                                                                 \
    if (!fx_has((ctx), (line), (needle))) fx_dump(ctx);                                \
    assert_true(fx_has((ctx), (line), (needle)));                                      \
  } while (0)

#endif

/* The CSV record parser (engine/import/readers/csvparse.c) asks libcsv only through its
 * public calls (docs/architecture.md, "Dependencies' internals we rely on"). The cases
 * that once read libcsv's parser state give the same code and the same records, word for
 * word: a quoted field left open at the end (and what libcsv counts as open), a cell at
 * the cap, past it, or an unbalanced quote running on; and a cell's buffer that cannot
 * grow for want of memory, told apart from one past the cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sixbox/alloc.h>
#include "rows.h"

#define MEM(s) (s), sizeof(s) - 1
#define CAP ((size_t)SBX_IMPORT_MAX_FIELD)

/* Reads data as "t.csv": the code, every record ("code message\n"), the number of rows
 * and their text (as rows.h writes it; of the first row only for a long input; NULL: not
 * compared) must be as given. */
static void expect(const char *data, size_t len, int code, const char *want, size_t nrows,
                   const char *text) {
  rows r = {0};
  r.keep = len > 4096 ? 1 : 0;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_file_info info;
  int rc = sbx__read_export_memory(data, len, "t.csv", NULL, rows_cb, &r, &info, ctx);
  char got[2048] = "";
  size_t n = 0;
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    char buf[512];
    const sbx_error *e = sbx_ctx_get(ctx, i);
    sbx_error_format(buf, sizeof buf, e);
    n += (size_t)snprintf(got + n, sizeof got - n, "%d %s\n", e->code, buf);
  }
  if (rc != code || strcmp(got, want) != 0)
    print_message("rc %d (want %d)\nrecords:\n%swanted:\n%s", rc, code, got, want);
  assert_int_equal(rc, code);
  assert_string_equal(got, want);
  assert_int_equal(r.nrows, nrows);
  if (text) assert_string_equal(r.text ? r.text : "", text);
  rows_free(&r);
  sbx_ctx_free(ctx);
}

/* "a,b\n1," and then a cell of n x's, quoted or not, and then `tail`. */
static char *big_cell(size_t n, int quoted, const char *tail, size_t *len) {
  size_t tl = strlen(tail);
  char *d = malloc(n + tl + 16);
  assert_non_null(d);
  size_t k = (size_t)sprintf(d, "a,b\n1,%s", quoted ? "\"" : "");
  memset(d + k, 'x', n);
  k += n;
  if (quoted) d[k++] = '"';
  memcpy(d + k, tail, tl);
  *len = k + tl;
  return d;
}

static void open_quote_at_the_end(void **s) {
  (void)s;
  expect(MEM("a,b\n1,2\n\"x\ny\",\"open\n3,4\n5,6\n"), SBX_EDATA,
         "-2 t.csv:4: unterminated quoted field starting at line 4: a quote is missing\n", 2,
         "1:a|b\n2:1|2\n");
  expect(MEM("a,\"b"), SBX_EDATA,
         "-2 t.csv:1: unterminated quoted field starting at line 1: a quote is missing\n", 0,
         "");
  /* libcsv reads a quote followed by anything but a delimiter or a line end as part of
   * the cell, so the cell stays open */
  expect(MEM("a,b\n1,\"b\"  "), SBX_EDATA,
         "-2 t.csv:2: unterminated quoted field starting at line 2: a quote is missing\n", 1,
         "1:a|b\n");
  expect(MEM("a,b\n1,\"x\"y\n"), SBX_EDATA,
         "-2 t.csv:2: unterminated quoted field starting at line 2: a quote is missing\n", 1,
         "1:a|b\n");
}

static void closed_quotes_pass(void **s) {
  (void)s;
  expect(MEM("a,b\n1,\"b\""), 0, "", 2, "1:a|b\n2:1|b\n");
  expect(MEM("a,b\n1,x\"y\n"), 0, "", 2, "1:a|b\n2:1|x\"y\n");
  expect(MEM("a,b\n\"1\",\"2\"\n\"3\",\"\"\"\"\n"), 0, "", 3, "1:a|b\n2:1|2\n3:3|\"\n");
}

#define TOO_LONG "-12 t.csv:2: a cell is longer than the limit of 16777216 bytes (an " \
                 "unbalanced quote?); the file is refused\n"

static void cell_at_and_past_the_cap(void **s) {
  (void)s;
  size_t len;
  char *d = big_cell(CAP - 2, 1, "\n", &len); /* the longest quoted cell taken */
  expect(d, len, 0, "", 2, "1:a|b\n");
  free(d);
  d = big_cell(CAP - 1, 1, "\n", &len);
  expect(d, len, SBX_ELIMIT, TOO_LONG, 1, NULL);
  free(d);
  d = big_cell(CAP - 1, 0, "\n", &len); /* the longest unquoted cell taken */
  expect(d, len, 0, "", 2, "1:a|b\n");
  free(d);
  d = big_cell(CAP, 0, "\n", &len);
  expect(d, len, SBX_ELIMIT, TOO_LONG, 1, NULL);
  free(d);
  d = big_cell(CAP + 1, 0, "", &len);
  expect(d, len, SBX_ELIMIT, TOO_LONG, 1, NULL);
  free(d);
  d = big_cell(2 * CAP, 0, "", &len); /* "1,"xxx... : a quote that never closes */
  d[6] = '"';
  expect(d, len, SBX_ELIMIT, TOO_LONG, 1, NULL);
  free(d);
}

/* An allocator that refuses to grow a block to 1 MiB or more: libcsv cannot grow a long
 * cell's buffer, far below the cap, and that is memory, not a cell too long. */
#define SMALL_LIMIT ((size_t)1 << 20)

static void *m_malloc(void *ud, size_t n) {
  (void)ud;
  return malloc(n);
}

static void *m_realloc(void *ud, void *p, size_t n) {
  (void)ud;
  return n >= SMALL_LIMIT ? NULL : realloc(p, n);
}

static void m_free(void *ud, void *p) {
  (void)ud;
  free(p);
}

static void memory_is_not_the_cap(void **s) {
  (void)s;
  static const sbx_allocator small = { NULL, m_malloc, m_realloc, NULL, m_free };
  size_t len;
  char *d = big_cell(2 * SMALL_LIMIT, 1, "\n", &len);
  assert_int_equal(sbx_set_allocator(&small), 0);
  expect(d, len, SBX_ENOMEM,
         "-1 t.csv:2: out of memory while parsing: memory exhausted while increasing buffer "
         "size\n", 1, NULL);
  assert_int_equal(sbx_set_allocator(NULL), 0);
  free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(open_quote_at_the_end),
    cmocka_unit_test(closed_quotes_pass),
    cmocka_unit_test(cell_at_and_past_the_cap),
    cmocka_unit_test(memory_is_not_the_cap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The CSV reader on small fixtures written to the documented quirks: BOMs, UTF-16,
 * Windows-1252, delimiters, CRLF, quoted newlines, trailing delimiters, and broken
 * inputs (unbalanced quotes, NUL, bad UTF-8, caps). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rows.h"

#define MEM(s) (s), sizeof(s) - 1

static void expect_rows(const char *data, size_t len, const char *want,
                        const char *format, const char *enc, char delim) {
  rows r = {0};
  sbx_file_info info;
  char msg[512];
  int rc = read_mem(data, len, NULL, &r, &info, msg, sizeof msg);
  if (rc) print_message("error: %s\n", msg);
  assert_int_equal(rc, 0);
  assert_string_equal(r.text ? r.text : "", want);
  if (format) assert_string_equal(info.format, format);
  if (enc) assert_string_equal(info.encoding, enc);
  if (delim) assert_int_equal(info.delimiter, delim);
  rows_free(&r);
}

static void expect_error(const char *data, size_t len, int code, const char *needle) {
  rows r = {0};
  char msg[512];
  int rc = read_mem(data, len, NULL, &r, NULL, msg, sizeof msg);
  assert_int_equal(rc, code);
  if (!strstr(msg, needle)) print_message("message: %s\n", msg);
  assert_non_null(strstr(msg, needle));
  rows_free(&r);
}

static void comma_lf(void **s) {
  (void)s;
  expect_rows(MEM("a,b,c\n1,2,3\n"), "1:a|b|c\n2:1|2|3\n", "csv", "utf-8", ',');
}

static void limesurvey_bom_semicolon_crlf(void **s) {
  (void)s;
  expect_rows(MEM("\xEF\xBB\xBF\"id\";\"q1\";\"q2\"\r\n\"1\";\"Inst\xC3\xA4mmer\";\r\n"
                  "\"2\";\"Vet ej\";\"\"\r\n\r\n"),
              "1:id|q1|q2\n2:1|Inst\xC3\xA4mmer|\n3:2|Vet ej|\n", "csv", "utf-8-bom", ';');
}

static void tab_delimited(void **s) {
  (void)s;
  expect_rows(MEM("id\tq, with comma\tq2\n1\t4\t5\n"), "1:id|q, with comma|q2\n2:1|4|5\n",
              NULL, NULL, '\t');
}

static void semicolon_with_unquoted_commas(void **s) {
  (void)s; /* Swedish Excel: ; delimits, commas are decimal marks */
  expect_rows(MEM("id;v\xC3\xA4rde;x\n1;3,5;2\n2;4,0;1\n"),
              "1:id|v\xC3\xA4rde|x\n2:1|3,5|2\n3:2|4,0|1\n", NULL, NULL, ';');
}

static void quoted_newlines_keep_start_line(void **s) {
  (void)s;
  expect_rows(MEM("id,text\n1,\"line one\nline two\"\n2,x\n3,\"a\n\nb\",\"c\nd\"\n4,y"),
              "1:id|text\n2:1|line one\nline two\n4:2|x\n5:3|a\n\nb|c\nd\n9:4|y\n", NULL,
              NULL, ',');
}

static void crlf_records_lf_inside(void **s) {
  (void)s; /* Qualtrics API: CRLF records, bare LF inside cells */
  expect_rows(MEM("a,b\r\n1,\"x\ny\"\r\n2,\"z\r\nw\"\r\n3,q\r\n"),
              "1:a|b\n2:1|x\ny\n4:2|z\r\nw\n6:3|q\n", NULL, NULL, ',');
}

static void cr_only_and_blank_lines(void **s) {
  (void)s;
  expect_rows(MEM("a,b\r1,2\r\r3,4\r"), "1:a|b\n2:1|2\n4:3|4\n", NULL, NULL, ',');
  expect_rows(MEM("a\n\n\nb\n"), "1:a\n4:b\n", NULL, NULL, 0);
}

static void trailing_delimiters_and_spaces(void **s) {
  (void)s; /* Qualtrics legacy: every line ends with a comma */
  expect_rows(MEM("V1,V2,\n R1 ,x,\n"), "1:V1|V2|\n2: R1 |x|\n", NULL, NULL, ',');
}

static void bracketed_first_header(void **s) {
  (void)s; /* starts like a JSON array, but is a CSV */
  expect_rows(MEM("[Q1] Hur trivs du?,[Q2] Varf\xC3\xB6r?\n4,Bra\n"),
              "1:[Q1] Hur trivs du?|[Q2] Varf\xC3\xB6r?\n2:4|Bra\n", "csv", NULL, ',');
}

static void quotes_escaped(void **s) {
  (void)s;
  expect_rows(MEM("a,b\n\"say \"\"hej\"\"\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n"),
              "1:a|b\n2:say \"hej\"|{\"ImportId\":\"QID1\"}\n", NULL, NULL, ',');
}

static void windows_1252(void **s) {
  (void)s;
  expect_rows(MEM("Fr\xE5ga;Svar\n1;Vet ej\n2;Inst\xE4mmer\n3;\x80 \x96\n"),
              "1:Fr\xC3\xA5ga|Svar\n2:1|Vet ej\n3:2|Inst\xC3\xA4mmer\n4:3|\xE2\x82\xAC \xE2\x80\x93\n",
              "csv", "windows-1252", ';');
}

/* UTF-8 text to UTF-16 with a BOM, as Excel's "Unicode text" writes it. */
static char *to_utf16(const char *utf8, int be, size_t *outlen) {
  iconv_t cd = iconv_open(be ? "UTF-16BE" : "UTF-16LE", "UTF-8");
  assert_true(cd != (iconv_t)-1);
  size_t il = strlen(utf8), ol = il * 4 + 4;
  char *out = malloc(ol), *op = out + 2;
  char *ip = (char *)utf8;
  memcpy(out, be ? "\xFE\xFF" : "\xFF\xFE", 2);
  ol -= 2;
  size_t cap = ol;
  assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
  iconv_close(cd);
  *outlen = cap - ol + 2;
  return out;
}

static void utf16_both_orders(void **s) {
  (void)s;
  const char *text = "id\tfr\xC3\xA5ga\r\n1\tInst\xC3\xA4mmer helt\r\n2\t\"a\r\nb\"\r\n";
  for (int be = 0; be <= 1; be++) {
    size_t n;
    char *d = to_utf16(text, be, &n);
    expect_rows(d, n, "1:id|fr\xC3\xA5ga\n2:1|Inst\xC3\xA4mmer helt\n3:2|a\r\nb\n", "csv",
                be ? "utf-16be" : "utf-16le", '\t');
    free(d);
  }
}

static void excel_sep_line(void **s) {
  (void)s;
  expect_rows(MEM("sep=;\r\na;b,c\r\n1;2,3\r\n"), "2:a|b,c\n3:1|2,3\n", NULL, NULL, ';');
}

static void options_override(void **s) {
  (void)s;
  rows r = {0};
  sbx_file_info info;
  sbx_read_opts o = SBX_READ_OPTS_INIT;
  o.delimiter = '|';
  o.encoding = "iso-8859-1";
  assert_int_equal(read_mem(MEM("a|b\n\xE5|2\n"), &o, &r, &info, NULL, 0), 0);
  assert_string_equal(r.text, "1:a|b\n2:\xC3\xA5|2\n");
  assert_int_equal(info.delimiter, '|');
  assert_string_equal(info.encoding, "iso-8859-1");
  rows_free(&r);
  o.encoding = "UTF-16"; /* given, with a BOM: the BOM is not part of the first cell */
  o.delimiter = 0;
  size_t n16;
  char *d16 = to_utf16("id;q\n1;2\n", 0, &n16);
  assert_int_equal(read_mem(d16, n16, &o, &r, &info, NULL, 0), 0);
  assert_string_equal(r.text, "1:id|q\n2:1|2\n");
  rows_free(&r);
  free(d16);
  o.encoding = "utf-8";
  assert_int_equal(read_mem(MEM("\xEF\xBB\xBFid\n1\n"), &o, &r, &info, NULL, 0), 0);
  assert_string_equal(r.text, "1:id\n2:1\n");
  rows_free(&r);
  o.encoding = "utf-16le"; /* a lone surrogate: refused before any row (fuzz finding) */
  assert_int_equal(read_mem("\xff\xdf\x00", 3, &o, &r, NULL, NULL, 0), SBX_EDATA);
  rows_free(&r);
  o.encoding = "no-such-encoding";
  char msg[256];
  assert_int_equal(read_mem(MEM("a\n"), &o, &r, NULL, msg, sizeof msg), SBX_EUSAGE);
  rows_free(&r);
}

static void header_only_and_empty(void **s) {
  (void)s;
  expect_rows(MEM("id;q1;q2\r\n"), "1:id|q1|q2\n", NULL, NULL, ';');
  expect_error(MEM(""), SBX_EDATA, "empty");
  expect_error(MEM("\xEF\xBB\xBF"), SBX_EDATA, "no records");
  expect_error(MEM("\n\r\n\n"), SBX_EDATA, "no records");
}

static void unbalanced_quote(void **s) {
  (void)s;
  expect_error(MEM("a,b\n1,2\n\"x\ny\",\"open\n3,4\n5,6\n"), SBX_EDATA,
               "unterminated quoted field starting at line 4");
  expect_error(MEM("a,\"b"), SBX_EDATA, "test.csv:1:");
}

static void nul_byte(void **s) {
  (void)s;
  expect_error(MEM("a,b\n1,2\n3,\0\n"), SBX_EDATA, "test.csv:3: the file holds a NUL");
}

static void invalid_utf8_late(void **s) {
  (void)s; /* valid UTF-8 for the first 64 KB, then one stray byte: an error with
              its line, not a silent switch to Windows-1252 */
  size_t nrow = 5000, len = 0;
  char *d = malloc(nrow * 20 + 64);
  len += (size_t)sprintf(d, "id,svar\n");
  for (size_t i = 0; i < nrow; i++) len += (size_t)sprintf(d + len, "%zu,Inst\xC3\xA4mmer\n", i);
  len += (size_t)sprintf(d + len, "x,Inst\xE4mmer\n");
  char want[64];
  snprintf(want, sizeof want, "test.csv:%zu: the file mixes encodings", nrow + 2);
  expect_error(d, len, SBX_EDATA, want);
  free(d);
}

static void bad_windows_1252_byte(void **s) {
  (void)s; /* 0x81 is undefined in Windows-1252 */
  expect_error(MEM("a;b\n\xE5;1\n\x81;2\n"), SBX_EDATA, "test.csv:3: byte 0x81");
}

static char *wide_row(size_t ncol, size_t *len) {
  char *d = malloc(ncol * 8 + 16);
  size_t n = 0;
  for (size_t i = 0; i < ncol; i++) n += (size_t)sprintf(d + n, i ? ",c%zu" : "c%zu", i);
  d[n++] = '\n';
  for (size_t i = 0; i < ncol; i++) d[n++] = i ? ',' : '1';
  d[n++] = '\n';
  *len = n;
  return d;
}

static void columns_cap(void **s) {
  (void)s;
  size_t len;
  char *d = wide_row(10000, &len);
  rows r = {0};
  assert_int_equal(read_mem(d, len, NULL, &r, NULL, NULL, 0), 0);
  assert_int_equal(r.nrows, 2);
  assert_int_equal(r.max_ncell, 10000);
  rows_free(&r);
  free(d);
  d = wide_row(30000, &len);
  expect_error(d, len, SBX_ELIMIT, "more than 20000 columns");
  free(d);
}

static void huge_field_refused(void **s) {
  (void)s;
  size_t len = 100u * 1024u * 1024u;
  char *d = malloc(len);
  memcpy(d, "a,b\n1,\"", 7);
  memset(d + 7, 'x', len - 7);
  expect_error(d, len, SBX_ELIMIT, "test.csv:2: a cell is longer than the limit");
  memcpy(d, "a,b\n1,x", 7); /* unquoted, no newline at all */
  expect_error(d, len, SBX_ELIMIT, "longer than the limit");
  free(d);
}

static void callback_stops(void **s) {
  (void)s;
  rows r = {0};
  r.stop_after = 2;
  assert_int_equal(read_mem(MEM("a\nb\nc\nd\n"), NULL, &r, NULL, NULL, 0), 0);
  assert_int_equal(r.nrows, 2);
  rows_free(&r);
}

/* A file larger than a chunk, read from disk: CRLF pairs and quoted cells cross the
 * chunk boundaries, and every record's line must still be right. */
static void streamed_file_lines(void **s) {
  (void)s;
  size_t nrow = 40000, len = 0;
  char *d = malloc(nrow * 32 + 64);
  len += (size_t)sprintf(d, "\xEF\xBB\xBF\"id\";\"text\"\r\n");
  for (size_t i = 0; i < nrow; i++)
    len += (size_t)sprintf(d + len, "\"%zu\";\"r\xC3\xA4""d\r\n%zu\"\r\n", i, i);
  char path[64];
  write_temp(path, d, len);
  rows r = {0};
  sbx_file_info info;
  char msg[256];
  int rc = read_path(path, NULL, &r, &info, msg, sizeof msg);
  unlink(path);
  assert_int_equal(rc, 0);
  assert_int_equal(r.nrows, nrow + 1);
  char want[64];
  snprintf(want, sizeof want, "\n%zu:%zu|r\xC3\xA4""d\r\n%zu\n", 2 * nrow, nrow - 1, nrow - 1);
  assert_non_null(strstr(r.text, want));
  assert_string_equal(info.encoding, "utf-8-bom");
  assert_int_equal(info.delimiter, ';');
  rows_free(&r);
  free(d);
}

/* UTF-16 over many chunks: characters (surrogate pairs too) cut by chunk ends are
 * carried over, not lost or refused. */
static void streamed_utf16_file(void **s) {
  (void)s;
  size_t nrow = 20000, len = 0;
  char *text = malloc(nrow * 40 + 64);
  len += (size_t)sprintf(text, "id\tsvar\r\n");
  for (size_t i = 0; i < nrow; i++)
    len += (size_t)sprintf(text + len, "%zu\tInst\xC3\xA4mmer \xF0\x9F\x98\x80 %zu\r\n", i, i);
  size_t n;
  char *d = to_utf16(text, 0, &n);
  assert_true(n > 3 * 256 * 1024);
  char path[64], msg[256];
  write_temp(path, d, n);
  rows r = {0};
  sbx_file_info info;
  int rc = read_path(path, NULL, &r, &info, msg, sizeof msg);
  unlink(path);
  if (rc) print_message("%s\n", msg);
  assert_int_equal(rc, 0);
  assert_int_equal(r.nrows, nrow + 1);
  assert_string_equal(info.encoding, "utf-16le");
  char want[80];
  snprintf(want, sizeof want, "\n%zu:%zu|Inst\xC3\xA4mmer \xF0\x9F\x98\x80 %zu\n", nrow + 1,
           nrow - 1, nrow - 1);
  assert_non_null(strstr(r.text, want));
  rows_free(&r);
  free(d);
  free(text);
}

static void missing_file(void **s) {
  (void)s;
  rows r = {0};
  char msg[256];
  assert_int_equal(read_path("/nonexistent/x.csv", NULL, &r, NULL, msg, sizeof msg),
                   SBX_ENOENT);
  assert_int_equal(read_path("/tmp", NULL, &r, NULL, msg, sizeof msg), SBX_EDATA);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(comma_lf),
      cmocka_unit_test(limesurvey_bom_semicolon_crlf),
      cmocka_unit_test(tab_delimited),
      cmocka_unit_test(semicolon_with_unquoted_commas),
      cmocka_unit_test(quoted_newlines_keep_start_line),
      cmocka_unit_test(crlf_records_lf_inside),
      cmocka_unit_test(cr_only_and_blank_lines),
      cmocka_unit_test(trailing_delimiters_and_spaces),
      cmocka_unit_test(quotes_escaped),
      cmocka_unit_test(bracketed_first_header),
      cmocka_unit_test(windows_1252),
      cmocka_unit_test(utf16_both_orders),
      cmocka_unit_test(excel_sep_line),
      cmocka_unit_test(options_override),
      cmocka_unit_test(header_only_and_empty),
      cmocka_unit_test(unbalanced_quote),
      cmocka_unit_test(nul_byte),
      cmocka_unit_test(invalid_utf8_late),
      cmocka_unit_test(bad_windows_1252_byte),
      cmocka_unit_test(columns_cap),
      cmocka_unit_test(huge_field_refused),
      cmocka_unit_test(callback_stops),
      cmocka_unit_test(streamed_file_lines),
      cmocka_unit_test(streamed_utf16_file),
      cmocka_unit_test(missing_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The readers against the hostile inputs of issue #18, each a class: text that only
 * uses the base64 alphabet (a column of digits) is not taken for base64; zip bombs with
 * a lying size header, a high ratio or many entries stop at their cap while inflating
 * (the bytes inflated are counted, not timed); JSON records whose flattened names
 * collide, with duplicate keys, or with a number too large for an integer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"

#define MEM(s) (s), sizeof(s) - 1

static int read_text(const char *data, size_t len, rows *r, sbx_file_info *info, char *msg) {
  return read_mem(data, len, NULL, r, info, msg, 512);
}

/* ---- base64: only where LimeSurvey RemoteControl delivers it ---------------------- */

static void expect_csv(const char *data, size_t len, const char *want) {
  rows r = {0};
  sbx_file_info info;
  char msg[512];
  int rc = read_text(data, len, &r, &info, msg);
  if (rc) print_message("error: %s\n", msg);
  assert_int_equal(rc, 0);
  assert_string_equal(info.format, "csv");
  assert_string_equal(info.json_kind, "");
  if (want) assert_string_equal(r.text, want);
  rows_free(&r);
}

static void digits_are_not_base64(void **s) {
  (void)s;
  /* one column of ids, a header of letters: every byte is in the base64 alphabet */
  char buf[4096] = "respondent\n";
  for (int i = 0; i < 40; i++) sprintf(buf + strlen(buf), "%d\n", 100000 + i * 7919);
  expect_csv(buf, strlen(buf), NULL);
  rows r = {0};
  char msg[512];
  assert_int_equal(read_text(buf, strlen(buf), &r, NULL, msg), 0);
  assert_int_equal(r.nrows, 41);
  assert_non_null(strstr(r.text, "1:respondent\n2:100000\n3:107919\n"));
  rows_free(&r);
  /* one line of 100 digits, and one quoted as a JSON string would be */
  char line[128];
  for (int i = 0; i < 100; i++) line[i] = (char)('0' + i % 10);
  line[100] = '\0';
  expect_csv(line, 100, NULL);
  char q[160];
  snprintf(q, sizeof q, "\"%s\"\n", line);
  expect_csv(q, strlen(q), NULL);
  /* letters and digits only, 64 and more, decoding to bytes that are no text */
  expect_csv(MEM("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
                 "AAAA\n"),
             "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n2:AAAA\n");
  expect_csv(MEM("Kod\n12+34/56\n7890+123\n45678901/2345\n67890123456\n7890123456789\n"
                 "0123456789012345\n"),
             NULL);
}

static void limesurvey_base64_still_read(void **s) {
  (void)s;
  /* "\xEF\xBB\xBF\"id\";\"q1\"\r\n\"1\";\"A1\"\r\n\"2\";\"A2\"\r\n" in base64, as
   * RemoteControl hands it out (no line breaks), then wrapped at 76 as base64(1) does */
  static const char enc[] = "77u/ImlkIjsicTEiDQoiMSI7IkExIg0KIjIiOyJBMiINCiIzIjsiQTMiDQoi"
                            "NCI7IkE0Ig0K";
  const char *want = "1:id|q1\n2:1|A1\n3:2|A2\n4:3|A3\n5:4|A4\n";
  rows r = {0};
  sbx_file_info info;
  char msg[512];
  assert_int_equal(read_text(enc, strlen(enc), &r, &info, msg), 0);
  assert_string_equal(r.text, want);
  assert_string_equal(info.json_kind, "limesurvey-rc");
  rows_free(&r);
  char wrapped[256];
  snprintf(wrapped, sizeof wrapped, "%.40s\n%s\n", enc, enc + 40);
  assert_int_equal(read_text(wrapped, strlen(wrapped), &r, &info, msg), 0);
  assert_string_equal(r.text, want);
  rows_free(&r);
  char quoted[256];
  snprintf(quoted, sizeof quoted, "\"%s\"", enc);
  assert_int_equal(read_text(quoted, strlen(quoted), &r, &info, msg), 0);
  assert_string_equal(r.text, want);
  assert_string_equal(info.json_kind, "limesurvey-rc");
  rows_free(&r);
}

/* ---- zip bombs: the cap holds while inflating ------------------------------------- */

/* Sets the declared uncompressed size of every entry to `size` in both headers. */
static void lie_about_size(char *d, size_t len, uint32_t size) {
  for (size_t i = 0; i + 46 < len; i++) {
    unsigned char *u = (unsigned char *)d + i;
    size_t at = memcmp(u, "PK\3\4", 4) == 0 ? 22 : memcmp(u, "PK\1\2", 4) == 0 ? 24 : 0;
    if (!at) continue;
    for (int k = 0; k < 4; k++) u[at + k] = (unsigned char)(size >> (8 * k));
  }
}

/* 16 MB of one CSV row repeated: deflates about 1000:1. */
static char *repeated_csv(size_t big) {
  char *d = malloc(big);
  memcpy(d, "id,p01\n", 7);
  for (size_t i = 7; i + 4 <= big; i += 4) memcpy(d + i, "1,1\n", 4);
  for (size_t i = big - big % 4; i < big; i++) d[i] = '\n';
  return d;
}

static int read_zip(const char *d, size_t len, sbx_file_info *info, char *msg) {
  rows r = {0};
  int rc = read_text(d, len, &r, info, msg);
  rows_free(&r);
  return rc;
}

static void zip_lying_header(void **s) {
  (void)s;
  size_t big = 16u * 1024u * 1024u, len;
  char *csv = repeated_csv(big);
  const char *names[] = {"responses.csv"};
  const char *datas[] = {csv};
  size_t lens[] = {big};
  char *d = make_zip(names, datas, lens, 1, &len);
  lie_about_size(d, len, 1000);
  sbx_file_info info;
  char msg[512];
  int rc = read_zip(d, len, &info, msg);
  assert_int_equal(rc, SBX_ELIMIT);
  if (!strstr(msg, "declares")) print_message("message: %s\n", msg);
  assert_non_null(strstr(msg, "declares"));
  assert_non_null(strstr(msg, "responses.csv"));
  /* stopped at the declared size, not at the ratio cap (16 KB x 200 + 1 MB) */
  assert_true(info.inflated <= 1001);
  free(d);
  /* the same in a workbook's sheet */
  const char *xn[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"};
  const char *xd[] = {
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
      csv};
  size_t xl[] = {strlen(xd[0]), strlen(xd[1]), big};
  d = make_zip(xn, xd, xl, 3, &len);
  lie_about_size(d, len, 1000);
  rc = read_zip(d, len, &info, msg);
  assert_true(rc == SBX_ELIMIT || rc == SBX_EDATA);
  assert_true(info.inflated <= 3 * 1001);
  free(d);
  free(csv);
}

static void zip_high_ratio_and_nested(void **s) {
  (void)s;
  size_t big = 16u * 1024u * 1024u, len, inner_len;
  char *csv = repeated_csv(big);
  const char *names[] = {"responses.csv"};
  const char *datas[] = {csv};
  size_t lens[] = {big};
  char *inner = make_zip(names, datas, lens, 1, &inner_len);
  sbx_file_info info;
  char msg[512];
  /* honest header, ratio about 1000:1: refused before a byte is inflated */
  assert_int_equal(read_zip(inner, inner_len, &info, msg), SBX_ELIMIT);
  assert_non_null(strstr(msg, "zip bomb"));
  assert_true(info.inflated == 0);
  /* the bomb inside another zip, lying: the inner cap holds too */
  lie_about_size(inner, inner_len, 1000);
  const char *on[] = {"export.csv.zip.csv"};
  const char *od[] = {inner};
  size_t ol[] = {inner_len};
  char *outer = make_zip(on, od, ol, 1, &len);
  int rc = read_zip(outer, len, &info, msg);
  assert_true(rc == SBX_ELIMIT || rc == SBX_EDATA);
  assert_true(info.inflated <= inner_len + 1001);
  free(outer);
  free(inner);
  free(csv);
}

static void zip_many_lying_entries(void **s) {
  (void)s;
  enum { N = 200 };
  size_t big = 256u * 1024u, len;
  char *csv = repeated_csv(big);
  const char *names[N], *datas[N];
  size_t lens[N];
  char nb[N][16];
  for (size_t i = 0; i < N; i++) {
    snprintf(nb[i], sizeof nb[i], "part%03zu.csv", i);
    names[i] = nb[i];
    datas[i] = csv;
    lens[i] = big;
  }
  char *d = make_zip(names, datas, lens, N, &len);
  lie_about_size(d, len, 10);
  sbx_file_info info;
  char msg[512];
  assert_int_equal(read_zip(d, len, &info, msg), SBX_ELIMIT);
  assert_true(info.inflated <= 11); /* one entry is read, and only to its cap */
  free(d);
  free(csv);
}

/* ---- JSON: say what happened, per record ---------------------------------------- */

/* Reads data; rows into *r, every message (warnings too) joined by "\n" into msgs. */
static int read_json(const char *data, size_t len, rows *r, char *msgs, size_t size) {
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_file_info info;
  int rc = sbx__read_export_memory(data, len, "t.json", NULL, rows_cb, r, &info, ctx);
  msgs[0] = '\0';
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    char m[512];
    sbx_error_format(m, sizeof m, sbx_ctx_get(ctx, i));
    snprintf(msgs + strlen(msgs), size - strlen(msgs), "%s\n", m);
  }
  sbx_ctx_free(ctx);
  return rc;
}

static void expect_json(const char *data, const char *want_rows, const char *needle) {
  rows r = {0};
  char msgs[2048];
  int rc = read_json(data, strlen(data), &r, msgs, sizeof msgs);
  if (rc || (needle && !strstr(msgs, needle)) || strcmp(r.text ? r.text : "", want_rows))
    print_message("rc %d\nrows:\n%s\nmessages:\n%s\n", rc, r.text ? r.text : "", msgs);
  assert_int_equal(rc, 0);
  assert_string_equal(r.text ? r.text : "", want_rows);
  if (needle) assert_non_null(strstr(msgs, needle));
  else assert_string_equal(msgs, "");
  rows_free(&r);
}

static void json_flattened_names_collide(void **s) {
  (void)s;
  expect_json("[{\"id\":\"1\",\"g/i1\":\"3\",\"g\":{\"i1\":\"4\"}},{\"id\":\"2\",\"g\":{\"i1\":\"5\"}}]",
              "1:id|g/i1\n2:1|3\n3:2|5\n",
              "t.json:2: warning: record 1 has the field 'g/i1' twice (a name with '/' and a "
              "nested object); the first value is kept (g/i1)");
  /* the nested one first, deeper, in a Kobo export */
  expect_json("{\"results\":[{\"_id\":1,\"a\":{\"b\":{\"c\":\"x\"}},\"a/b/c\":\"y\"}]}",
              "1:_id|a/b/c\n2:1|x\n", "record 1 has the field 'a/b/c' twice");
}

static void json_duplicate_keys(void **s) {
  (void)s;
  expect_json("{\"results\":[{\"_id\":1,\"q\":\"1\"},\n{\"_id\":2,\"q\":\"2\",\"q\":\"3\"}]}",
              "1:_id|q\n2:1|1\n3:2|3\n",
              "t.json:2: warning: record 2 of 'results' has the key 'q' twice; the last value "
              "is kept (q)");
  /* written with an escape, in a bare array, nested */
  expect_json("[{\"q\":\"1\",\"\\u0071\":\"2\"},{\"g\":{\"x\":1,\"y\":2,\"x\":3}}]",
              "1:q|g/x|g/y\n2:2||\n3:|3|2\n", "record 1 has the key 'q' twice");
  rows r = {0};
  char msgs[2048];
  const char *d = "[{\"q\":\"1\",\"q\":\"2\"},{\"g\":{\"x\":1,\"y\":2,\"x\":3}}]";
  assert_int_equal(read_json(d, strlen(d), &r, msgs, sizeof msgs), 0);
  assert_non_null(strstr(msgs, "record 2 has the key 'x' twice"));
  rows_free(&r);
}

static void json_numbers_too_large(void **s) {
  (void)s;
  expect_json("[{\"id\":\"1\",\"unused\":123456789012345678901234567890,\"q\":4},"
              "{\"id\":\"2\",\"unused\":-1e999,\"q\":5},"
              "{\"id\":\"3\",\"unused\":[99999999999999999999],\"q\":\"12345678901234567890\"}]",
              "1:id|unused|q\n2:1|123456789012345678901234567890|4\n3:2|-1e999|5\n"
              "4:3|[\"99999999999999999999\"]|12345678901234567890\n",
              NULL);
  /* a damaged file is still refused */
  rows r = {0};
  char msgs[2048];
  const char *d = "[{\"id\":\"1\",\"unused\":123456789012345678901234567890,]";
  assert_int_equal(read_json(d, strlen(d), &r, msgs, sizeof msgs), SBX_EDATA);
  assert_non_null(strstr(msgs, "not valid JSON"));
  rows_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(digits_are_not_base64),
      cmocka_unit_test(limesurvey_base64_still_read),
      cmocka_unit_test(zip_lying_header),
      cmocka_unit_test(zip_high_ratio_and_nested),
      cmocka_unit_test(zip_many_lying_entries),
      cmocka_unit_test(json_flattened_names_collide),
      cmocka_unit_test(json_duplicate_keys),
      cmocka_unit_test(json_numbers_too_large),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

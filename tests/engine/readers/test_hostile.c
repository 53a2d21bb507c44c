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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(digits_are_not_base64),
      cmocka_unit_test(limesurvey_base64_still_read),
      cmocka_unit_test(zip_lying_header),
      cmocka_unit_test(zip_high_ratio_and_nested),
      cmocka_unit_test(zip_many_lying_entries),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

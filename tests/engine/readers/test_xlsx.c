/* The XLSX and zip readers on workbooks and archives made here with libzip: shared and
 * inline strings, rich text, numbers, booleans, dates, gaps, named sheets; .lsa,
 * Qualtrics and ODK zips; and damaged input: corrupt and truncated archives, zip
 * bombs (honest and lying headers), too many entries, DOCTYPEs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char *WORKBOOK =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook " NS "><workbookPr/><sheets><sheet name=\"Svar\" sheetId=\"1\" r:id=\"rId3\"/>"
    "<sheet name=\"Andra\" sheetId=\"2\" r:id=\"rId4\"/></sheets></workbook>";
static const char *RELS =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId4\" Type=\"x\" Target=\"/xl/worksheets/other.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char *SHARED =
    "<sst " NS " count=\"4\"><si><t>ID</t></si><si><t>Start time</t></si>"
    "<si><r><t xml:space=\"preserve\">Jag </t></r><r><rPr><b/></rPr><t>trivs</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>PHON</t></rPh></si><si><t>Inst\xC3\xA4mmer</t></si></sst>";
static const char *STYLES =
    "<styleSheet " NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
    "formatCode=\"yyyy\\-mm\\-dd\\ hh:mm\"/></numFmts><cellStyleXfs count=\"1\"><xf "
    "numFmtId=\"14\"/></cellStyleXfs><cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf "
    "numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"2\"/></cellXfs></styleSheet>";
static const char *SHEET =
    "<worksheet " NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"E1\" t=\"inlineStr\"><is><t>Fritext</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" s=\"2\"><v>45366.5</v></c>"
    "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"b\"><v>1</v></c>"
    "<c r=\"E2\" t=\"str\"><f>A2&amp;\"x\"</f><v>1x</v></c></row>"
    "<row r=\"3\"/>"
    "<row r=\"4\"><c r=\"A4\" s=\"3\"><v>3.25</v></c><c r=\"B4\" s=\"1\"><v>1</v></c>"
    "<c r=\"C4\" t=\"e\"><v>#N/A</v></c><c r=\"D4\" s=\"1\"><v>61.75</v></c></row>"
    "</sheetData></worksheet>";
static const char *OTHER =
    "<worksheet " NS "><sheetData><row r=\"7\"><c r=\"B7\" t=\"b\"><v>0</v></c></row>"
    "</sheetData></worksheet>";

static char *workbook(const char *sheet, const char *shared, const char *wb, size_t *len) {
  const char *names[] = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                         "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml",
                         "xl/worksheets/other.xml"};
  const char *datas[] = {"<Types/>", wb ? wb : WORKBOOK, RELS, shared ? shared : SHARED, STYLES,
                         sheet ? sheet : SHEET, OTHER};
  return make_zip(names, datas, NULL, 7, len);
}

static int read_bytes(const char *d, size_t len, const sbx_read_opts *o, rows *r,
                      sbx_file_info *info, char *msg) {
  return read_mem(d, len, o, r, info, msg, 512);
}

static void xlsx_cells(void **s) {
  (void)s;
  size_t len;
  char *d = workbook(NULL, NULL, NULL, &len);
  rows r = {0};
  sbx_file_info info;
  char msg[512];
  assert_int_equal(read_bytes(d, len, NULL, &r, &info, msg), 0);
  assert_string_equal(r.text, "1:ID|Start time|Jag trivs||Fritext\n"
                              "2:1|2024-03-15 12:00:00|Inst\xC3\xA4mmer|TRUE|1x\n"
                              "4:3.25|1900-01-01 00:00:00|#N/A|1900-03-01 18:00:00\n");
  assert_string_equal(info.format, "xlsx");
  rows_free(&r);
  sbx_read_opts o = SBX_READ_OPTS_INIT;
  o.sheet = "Andra";
  assert_int_equal(read_bytes(d, len, &o, &r, NULL, msg), 0);
  assert_string_equal(r.text, "7:|FALSE\n");
  rows_free(&r);
  o.sheet = "Saknas";
  assert_int_equal(read_bytes(d, len, &o, &r, NULL, msg), SBX_EDATA);
  assert_non_null(strstr(msg, "no sheet of this name"));
  rows_free(&r);
  free(d);
}

static void xlsx_from_file_and_1904(void **s) {
  (void)s;
  size_t len;
  const char *wb1904 =
      "<workbook " NS "><workbookPr date1904=\"1\"/><sheets><sheet name=\"S\" sheetId=\"1\" "
      "r:id=\"rId3\"/></sheets></workbook>";
  const char *sheet = "<worksheet><sheetData><row><c s=\"1\"><v>0</v></c><c><v>7</v></c>"
                      "</row><row><c s=\"1\"><v>x</v></c></row></sheetData></worksheet>";
  char *d = workbook(sheet, NULL, wb1904, &len);
  free(d);
  sheet = "<worksheet><sheetData><row><c s=\"1\"><v>0</v></c><c><v>7</v></c><c t=\"s\"/>"
          "<c s=\"1\"/></row><row><c s=\"1\"><v>x</v></c></row></sheetData></worksheet>";
  d = workbook(sheet, NULL, wb1904, &len);
  char path[64];
  write_temp(path, d, len);
  rows r = {0};
  sbx_file_info info;
  char msg[512];
  int rc = read_path(path, NULL, &r, &info, msg, sizeof msg);
  remove(path);
  assert_int_equal(rc, 0);
  assert_string_equal(r.text, "1:1904-01-01 00:00:00|7||\n2:x\n");
  assert_string_equal(info.format, "xlsx");
  rows_free(&r);
  free(d);
}

static void xlsx_damaged(void **s) {
  (void)s;
  size_t len;
  rows r = {0};
  char msg[512];
  char *d = workbook(NULL, "<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                           "<sst><si><t>&x;</t></si></sst>", NULL, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_EDATA);
  assert_non_null(strstr(msg, "DOCTYPE"));
  assert_null(strstr(msg, "root:"));
  free(d);
  d = workbook("<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>99</v></c></row>"
               "</sheetData></worksheet>", NULL, NULL, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_EDATA);
  assert_non_null(strstr(msg, "shared string \"99\""));
  free(d);
  d = workbook("<worksheet><sheetData><row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\">"
               "<v>2</v></c></row></sheetData></worksheet>", NULL, NULL, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_EDATA);
  free(d);
  d = workbook("<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>", NULL, NULL, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_EDATA);
  assert_non_null(strstr(msg, "xl/worksheets/sheet1.xml"));
  free(d);
  d = workbook("<worksheet><sheetData/></worksheet>", NULL, NULL, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_EDATA);
  assert_non_null(strstr(msg, "empty"));
  free(d);
  d = workbook(NULL, NULL, NULL, &len); /* truncated halfway: the central directory is lost */
  assert_int_equal(read_bytes(d, len / 2, NULL, &r, NULL, msg), SBX_EDATA);
  assert_non_null(strstr(msg, "not a readable zip"));
  free(d);
  rows_free(&r);
}

static void wide_sheet(void **s) {
  (void)s; /* XFD is Excel's last column (16384); a made-up column past our cap is refused */
  size_t len;
  rows r = {0};
  char msg[512];
  char *d = workbook("<worksheet><sheetData><row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>"
                     "</sheetData></worksheet>", NULL, NULL, &len);
  int rc = read_bytes(d, len, NULL, &r, NULL, msg);
  if (rc) print_message("%s\n", msg);
  assert_int_equal(rc, 0);
  assert_int_equal(r.max_ncell, 16384);
  rows_free(&r);
  free(d);
  size_t n = 20001, k = 0;
  char *sheet = malloc(n * 16 + 100);
  k += (size_t)sprintf(sheet, "<worksheet><sheetData><row>");
  for (size_t i = 0; i < n; i++) k += (size_t)sprintf(sheet + k, "<c><v>1</v></c>");
  sprintf(sheet + k, "</row></sheetData></worksheet>");
  d = workbook(sheet, NULL, NULL, &len);
  free(sheet);
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_ELIMIT);
  assert_non_null(strstr(msg, "more than 20000 columns"));
  rows_free(&r);
  free(d);
}

static void plain_zips(void **s) {
  (void)s;
  size_t len;
  rows r = {0};
  sbx_file_info info;
  char msg[512];
  const char *qn[] = {"Beskar Armor.csv"};
  const char *qd[] = {"StartDate,ResponseId\r\n2020-02-19 18:16:42,R_1\r\n"};
  char *d = make_zip(qn, qd, NULL, 1, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, &info, msg), 0);
  assert_string_equal(r.text, "1:StartDate|ResponseId\n2:2020-02-19 18:16:42|R_1\n");
  assert_string_equal(info.format, "zip");
  assert_int_equal(info.delimiter, ',');
  rows_free(&r);
  free(d);
  const char *on[] = {"media/photo.jpg", "form-repeat.csv", "form.csv"};
  const char *od[] = {"\xFF\xD8", "PARENT_KEY,x\nuuid:1,2\n", "SubmissionDate,KEY\nd,uuid:1\n"};
  d = make_zip(on, od, NULL, 3, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, &info, msg), 0);
  assert_string_equal(r.text, "1:SubmissionDate|KEY\n2:d|uuid:1\n");
  rows_free(&r);
  free(d);
  const char *ln[] = {"survey_1.lss", "survey_1_responses.lsr"};
  const char *ld[] = {"<document/>",
                      "<document><LimeSurveyDocType>Responses</LimeSurveyDocType><responses>"
                      "<fields><fieldname>id</fieldname></fields><rows><row><id>5</id></row>"
                      "</rows></responses></document>"};
  d = make_zip(ln, ld, NULL, 2, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, &info, msg), 0);
  assert_string_equal(r.text, "1:id\n2:5\n");
  assert_string_equal(info.format, "lsa");
  rows_free(&r);
  free(d);
  const char *nn[] = {"readme.md"};
  const char *nd[] = {"hej"};
  d = make_zip(nn, nd, NULL, 1, &len);
  assert_int_equal(read_bytes(d, len, NULL, &r, &info, msg), SBX_EDATA);
  assert_non_null(strstr(msg, "holds no workbook"));
  free(d);
  assert_int_equal(read_bytes("PK\3\4garbage that is no archive", 31, NULL, &r, NULL, msg),
                   SBX_EDATA);
  assert_non_null(strstr(msg, "not a readable zip"));
  rows_free(&r);
}

/* Sets the declared uncompressed size of every entry to `size` in both headers. */
static void lie_about_size(char *d, size_t len, unsigned size) {
  for (size_t i = 0; i + 46 < len; i++) {
    unsigned char *u = (unsigned char *)d + i;
    size_t at = memcmp(u, "PK\3\4", 4) == 0 ? 22 : memcmp(u, "PK\1\2", 4) == 0 ? 24 : 0;
    if (!at) continue;
    for (int k = 0; k < 4; k++) u[at + k] = (unsigned char)(size >> (8 * k));
  }
}

static void zip_bombs(void **s) {
  (void)s;
  size_t big = 24u * 1024u * 1024u, len;
  char *zeros = calloc(1, big);
  memcpy(zeros, "a,b\n", 4);
  const char *names[] = {"bomb.csv"};
  const char *datas[] = {zeros};
  size_t lens[] = {big};
  char *d = make_zip(names, datas, lens, 1, &len);
  assert_true(len < big / 200);
  rows r = {0};
  char msg[512];
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_ELIMIT);
  assert_non_null(strstr(msg, "zip bomb"));
  lie_about_size(d, len, 1000); /* the headers now claim 1000 bytes */
  /* libzip then inflates no more than the declared size: the read fails on what it got */
  int rc = read_bytes(d, len, NULL, &r, NULL, msg);
  assert_true(rc == SBX_ELIMIT || rc == SBX_EDATA);
  rows_free(&r);
  free(d);
  free(zeros);
}

static void too_many_entries(void **s) {
  (void)s;
  size_t n = 10001, len;
  const char **names = malloc(n * sizeof *names), **datas = malloc(n * sizeof *datas);
  char (*buf)[16] = malloc(n * sizeof *buf);
  for (size_t i = 0; i < n; i++) {
    snprintf(buf[i], sizeof buf[i], "f%zu.csv", i);
    names[i] = buf[i];
    datas[i] = "a\n";
  }
  char *d = make_zip(names, datas, NULL, n, &len);
  rows r = {0};
  char msg[512];
  assert_int_equal(read_bytes(d, len, NULL, &r, NULL, msg), SBX_ELIMIT);
  assert_non_null(strstr(msg, "more than 10000 entries"));
  rows_free(&r);
  free(d);
  free(names);
  free(datas);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(xlsx_cells),       cmocka_unit_test(xlsx_from_file_and_1904),
      cmocka_unit_test(xlsx_damaged),     cmocka_unit_test(wide_sheet),
      cmocka_unit_test(plain_zips),       cmocka_unit_test(zip_bombs),
      cmocka_unit_test(too_many_entries),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

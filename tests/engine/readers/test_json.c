/* The JSON and LimeSurvey XML readers on small samples written to the documented
 * shapes: KoboToolbox data.json, ODK Central OData, SurveyMonkey v3 bulk responses with
 * their survey details, LimeSurvey RemoteControl results (base64 CSV and JSON), .lsr;
 * and broken input: truncated, unknown, deeply nested, DOCTYPE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rows.h"

#define MEM(s) (s), sizeof(s) - 1

static void expect(const char *data, size_t len, const char *want, const char *kind,
                   const char *format) {
  rows r = {0};
  sbx_file_info info;
  char msg[512];
  int rc = read_mem(data, len, NULL, &r, &info, msg, sizeof msg);
  if (rc) print_message("error: %s\n", msg);
  assert_int_equal(rc, 0);
  assert_string_equal(r.text, want);
  if (kind) assert_string_equal(info.json_kind, kind);
  if (format) assert_string_equal(info.format, format);
  rows_free(&r);
}

static void expect_error(const char *data, size_t len, int code, const char *needle) {
  rows r = {0};
  char msg[512];
  assert_int_equal(read_mem(data, len, NULL, &r, NULL, msg, sizeof msg), code);
  if (!strstr(msg, needle)) print_message("message: %s\n", msg);
  assert_non_null(strstr(msg, needle));
  rows_free(&r);
}

static void kobo(void **s) {
  (void)s;
  expect(MEM("{\"count\":2,\"next\":null,\"previous\":null,\"results\":["
             "{\"_id\":1,\"grp/q1\":\"3\",\"_geolocation\":[null,null],"
             "\"_validation_status\":{\"uid\":\"validation_status_approved\"},\"_tags\":[]},"
             "{\"_id\":2,\"grp/q2\":\"Inst\\u00e4mmer\",\"n\":2.5,\"b\":true,\"z\":null,"
             "\"rep\":[{\"rep/a\":\"1\"}],\"_id\":3}]}"),
         "1:_id|grp/q1|_geolocation|_validation_status/uid|_tags|grp/q2|n|b|z|rep\n"
         "2:1|3|[null,null]|validation_status_approved|[]|||||\n"
         "3:3|||||Inst\xC3\xA4mmer|2.5|true||[{\"rep/a\":\"1\"}]\n",
         "kobotoolbox", "json");
}

static void odk_odata(void **s) {
  (void)s;
  expect(MEM("\xEF\xBB\xBF{\"@odata.context\":\"x\",\"value\":[{\"__id\":\"uuid:1\",\"__system\":"
             "{\"submissionDate\":\"2024-01-02T03:04:05.000Z\",\"reviewState\":null},"
             "\"g\":{\"q\":4,\"h\":{\"r\":\"x y\"}}}]}"),
         "1:__id|__system/submissionDate|__system/reviewState|g/q|g/h/r\n"
         "2:uuid:1|2024-01-02T03:04:05.000Z||4|x y\n",
         "odk-odata", "json");
}

static char *b64(const char *in) {
  static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t n = strlen(in), k = 0;
  char *out = malloc(n / 3 * 4 + 8);
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned char)in[i] << 16;
    if (i + 1 < n) v |= (unsigned char)in[i + 1] << 8;
    if (i + 2 < n) v |= (unsigned char)in[i + 2];
    out[k++] = al[v >> 18 & 63];
    out[k++] = al[v >> 12 & 63];
    out[k++] = i + 1 < n ? al[v >> 6 & 63] : '=';
    out[k++] = i + 2 < n ? al[v & 63] : '=';
  }
  out[k] = '\0';
  return out;
}

static void limesurvey_rc(void **s) {
  (void)s;
  char *enc = b64("\xEF\xBB\xBF\"id\";\"submitdate\";\"q1[SQ001]\"\r\n"
                  "\"1\";\"1980-01-01 00:00:00\";\"A1\"\r\n\r\n");
  char *doc = malloc(strlen(enc) + 64);
  sprintf(doc, "{\"id\":1,\"result\":\"%s\",\"error\":null}", enc);
  const char *want = "1:id|submitdate|q1[SQ001]\n2:1|1980-01-01 00:00:00|A1\n";
  expect(doc, strlen(doc), want, "limesurvey-rc", "json");
  sprintf(doc, "\"%s\"", enc); /* the result alone */
  expect(doc, strlen(doc), want, "limesurvey-rc", NULL);
  expect(enc, strlen(enc), want, "limesurvey-rc", NULL); /* the base64 saved to a file */
  free(enc);
  enc = b64("{\"responses\":[{\"1\":{\"id\":\"1\",\"Q1\":\"A2\"}},{\"2\":{\"id\":\"2\",\"Q1\":null}}]}");
  sprintf(doc, "{\"id\":1,\"result\":\"%s\",\"error\":null}", enc);
  expect(doc, strlen(doc), "1:id|Q1\n2:1|A2\n3:2|\n", "limesurvey-rc", "json");
  free(enc);
  free(doc);
  expect_error(MEM("{\"id\":1,\"result\":{\"status\":\"No Data, could not get max id.\"},"
                   "\"error\":null}"),
               SBX_EDATA, "No Data, could not get max id.");
  expect_error(MEM("{\"id\":1,\"result\":\"not*base64\",\"error\":null}"), SBX_EDATA,
               "not valid base64");
}

static const char *SM_DETAILS =
    "{\"id\":\"9\",\"pages\":[{\"id\":\"p1\",\"questions\":["
    "{\"id\":\"q1\",\"family\":\"single_choice\",\"headings\":[{\"heading\":\"Hur trivs du?\"}],"
    "\"answers\":{\"choices\":[{\"id\":\"c1\",\"text\":\"Bra\"},{\"id\":\"c2\",\"text\":\"D\\u00e5ligt\"}],"
    "\"other\":{\"id\":\"o1\",\"text\":\"Annat\"}}},"
    "{\"id\":\"q2\",\"family\":\"matrix\",\"headings\":[{\"heading\":\"P\\u00e5st\\u00e5enden\"}],"
    "\"answers\":{\"rows\":[{\"id\":\"r1\",\"text\":\"Jag vet v\\u00e5ra m\\u00e5l\"},"
    "{\"id\":\"r2\",\"text\":\"Jag f\\u00e5r st\\u00f6d\"}],"
    "\"choices\":[{\"id\":\"k1\",\"text\":\"Inst\\u00e4mmer\"},{\"id\":\"k2\",\"text\":\"Vet ej\"}]}},"
    "{\"id\":\"q3\",\"family\":\"multiple_choice\",\"headings\":[{\"heading\":\"Hur trivs du?\"}],"
    "\"answers\":{\"choices\":[{\"id\":\"m1\",\"text\":\"A\"},{\"id\":\"m2\",\"text\":\"B\"}]}},"
    "{\"id\":\"q4\",\"family\":\"open_ended\",\"headings\":[{\"heading\":\"Kommentar\"}]}]}]}";
static const char *SM_BULK =
    "{\"data\":[{\"id\":\"111\",\"collector_id\":\"7\",\"survey_id\":\"9\",\"response_status\":"
    "\"completed\",\"date_created\":\"2024-03-01T10:00:00+00:00\",\"total_time\":42,"
    "\"custom_variables\":{\"enhet\":\"E12\"},\"pages\":[{\"id\":\"p1\",\"questions\":["
    "{\"id\":\"q1\",\"answers\":[{\"choice_id\":\"c2\"},{\"other_id\":\"o1\",\"text\":\"Ok\"}]},"
    "{\"id\":\"q2\",\"answers\":[{\"row_id\":\"r2\",\"choice_id\":\"k1\"},{\"row_id\":\"r1\","
    "\"choice_id\":\"k2\"}]},{\"id\":\"q3\",\"answers\":[{\"choice_id\":\"m1\"},"
    "{\"choice_id\":\"m2\"}]},{\"id\":\"q4\",\"answers\":[{\"text\":\"Bra \\\"ledning\\\"\"}]}]}]},"
    "{\"id\":\"112\",\"pages\":[]}],\"per_page\":50,\"page\":1,\"total\":2,\"links\":{}}";

static void surveymonkey(void **s) {
  (void)s;
  char bulk[64], details[64], msg[512];
  write_temp(bulk, SM_BULK, strlen(SM_BULK));
  write_temp(details, SM_DETAILS, strlen(SM_DETAILS));
  rows r = {0};
  sbx_file_info info;
  int rc = read_path(bulk, details, &r, &info, msg, sizeof msg);
  if (rc) print_message("%s\n", msg);
  assert_int_equal(rc, 0);
  assert_string_equal(
      r.text,
      "1:id|collector_id|survey_id|response_status|date_created|date_modified|total_time|"
      "ip_address|email_address|first_name|last_name|custom_value|custom_variables/enhet|"
      "Hur trivs du?|Hur trivs du? [Annat]|P\xC3\xA5st\xC3\xA5""enden [Jag vet v\xC3\xA5ra "
      "m\xC3\xA5l]|P\xC3\xA5st\xC3\xA5""enden [Jag f\xC3\xA5r st\xC3\xB6""d]|Hur trivs du? (q3)|"
      "Kommentar\n"
      "2:111|7|9|completed|2024-03-01T10:00:00+00:00||42||||||E12|D\xC3\xA5ligt|Ok|Vet ej|"
      "Inst\xC3\xA4mmer|A; B|Bra \"ledning\"\n"
      "3:112||||||||||||||||||\n");
  assert_string_equal(info.json_kind, "surveymonkey");
  rows_free(&r);
  assert_int_equal(read_path(bulk, NULL, &r, NULL, msg, sizeof msg), SBX_EUSAGE);
  assert_non_null(strstr(msg, "survey details"));
  assert_int_equal(read_path(bulk, bulk, &r, NULL, msg, sizeof msg), SBX_EDATA);
  assert_non_null(strstr(msg, "not SurveyMonkey survey details"));
  unlink(bulk);
  unlink(details);
  rows_free(&r);
}

static void broken_json(void **s) {
  (void)s;
  expect_error(MEM("{\"results\":[{\"a\":1},\n{\"a\":"), SBX_EDATA, "test.csv:2: not valid JSON");
  expect_error(MEM("{\"url\":\"https://kf.kobotoolbox.org/api/v2/assets/x/\"}"), SBX_EDATA,
               "not a known response export");
  expect_error(MEM("{\"results\":[]}"), SBX_EDATA, "no records");
  expect_error(MEM("\xFF\xFE{\0}\0"), SBX_EDATA, "JSON in UTF-16");
  expect_error(MEM("{\"results\":[1,2]}"), SBX_EDATA, "record 1 is not a JSON object");
  size_t n = 100000;
  char *deep = malloc(n + 1);
  memset(deep, '[', n);
  deep[n] = '\0';
  expect_error(deep, n, SBX_EDATA, "not valid JSON");
  free(deep);
  /* duplicate keys are tolerated (the last one wins), as exports sometimes have them */
  expect(MEM("{\"value\":[{\"a\":1,\"a\":2}]}"), "1:a\n2:2\n", "odk-odata", NULL);
}

static const char *LSR =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document><LimeSurveyDocType>Responses"
    "</LimeSurveyDocType><DBVersion>261</DBVersion><responses><fields><fieldname>id</fieldname>"
    "<fieldname>submitdate</fieldname><fieldname>293446X20X245q</fieldname>"
    "<fieldname>293446X21X248SQ001</fieldname></fields><rows>\n<row><id><![CDATA[1]]></id>"
    "<submitdate><![CDATA[1980-01-01 00:00:00]]></submitdate><_293446X20X245q>"
    "<![CDATA[Inst\xC3\xA4mmer <helt>]]></_293446X20X245q><_293446X21X248SQ001/></row>\n"
    "<row><id>2</id><_293446X21X248SQ001>voll</_293446X21X248SQ001></row>\n"
    "</rows></responses></document>";

static void lsr(void **s) {
  (void)s;
  expect(LSR, strlen(LSR),
         "1:id|submitdate|293446X20X245q|293446X21X248SQ001\n"
         "2:1|1980-01-01 00:00:00|Inst\xC3\xA4mmer <helt>|\n3:2|||voll\n",
         NULL, "lsr");
  expect_error(MEM("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
                   "]><document><LimeSurveyDocType>Responses</LimeSurveyDocType><responses>"
                   "<rows><row><id>&x;</id></row></rows></responses></document>"),
               SBX_EDATA, "DOCTYPE");
  expect_error(MEM("<document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>"),
               SBX_EDATA, "holds \"Survey\", not responses");
  expect_error(MEM("<document><LimeSurveyDocType>Responses</LimeSurveyDocType><responses>"
                   "<fields><fieldname>id</fieldname></fields><rows><row><id>1</id></ro"),
               SBX_EDATA, "not well-formed");
  expect_error(MEM("<h:html xmlns:h=\"x\"/>"), SBX_EDATA, "not a LimeSurvey response export");
  /* a second field list after the rows (found by fuzzing: it overran the row) */
  expect_error(MEM("<document><LimeSurveyDocType>Responses</LimeSurveyDocType><responses>"
                   "<fields><fieldname>id</fieldname></fields><rows><row><id>1</id></row>"
                   "</rows></responses><responses><fields><fieldname>id</fieldname>"
                   "<fieldname>q</fieldname></fields><rows><row><q>2</q></row></rows>"
                   "</responses></document>"),
               SBX_EDATA, "a field is listed after the responses");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(kobo),         cmocka_unit_test(odk_odata),
      cmocka_unit_test(limesurvey_rc), cmocka_unit_test(surveymonkey),
      cmocka_unit_test(broken_json),  cmocka_unit_test(lsr),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Questionnaire builders: golden files for every format on the shipped full survey with
 * the example organisation (SBX_UPDATE_GOLDEN=1 rewrites them), same input → same
 * bytes, the print HTML parsed (one row per statement, the promise, CSP, no script),
 * the Apps Script's data a valid JSON literal, codes and names made from ids, and the
 * unit question without an organisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/simulate/sim_fixture.h"
#include "qn_common.h"
#include "surveys/model.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#define GOLDEN SBX_SOURCE_DIR "/tests/data/questionnaire/golden/"

static const struct { sbx_qn_format fmt; const char *lang; const char *file; } goldens[] = {
  { SBX_QN_PRINT, "sv", "full-print-sv.html" },
  { SBX_QN_PRINT, "en", "full-print-en.html" },
  { SBX_QN_LIMESURVEY, "sv", "full-limesurvey.lss" },
  { SBX_QN_XFORM, "sv", "full-xform.xml" },
  { SBX_QN_GOOGLE_APPS_SCRIPT, "sv", "full-google-form-sv.gs" },
  { SBX_QN_GOOGLE_APPS_SCRIPT, "en", "full-google-form-en.gs" },
  { SBX_QN_XLSFORM, "sv", "full-xlsform.xlsx" },
};

static void test_golden_files(void **state) {
  qn_fx *f = *state;
  int update = getenv("SBX_UPDATE_GOLDEN") && strcmp(getenv("SBX_UPDATE_GOLDEN"), "1") == 0;
  for (size_t k = 0; k < sizeof goldens / sizeof goldens[0]; k++) {
    size_t len, len2, glen;
    char *a = qn_render(f->s, f->o, goldens[k].fmt, goldens[k].lang, &len);
    char *b = qn_render(f->s, f->o, goldens[k].fmt, goldens[k].lang, &len2);
    assert_int_equal(len, len2); /* same input, same bytes */
    assert_memory_equal(a, b, len);
    char path[512];
    snprintf(path, sizeof path, "%s%s", GOLDEN, goldens[k].file);
    if (update) {
      FILE *out = fopen(path, "wb");
      assert_non_null(out);
      assert_int_equal(fwrite(a, 1, len, out), len);
      fclose(out);
    }
    char *g = qn_slurp(path, &glen);
    if (!g) fail_msg("%s is missing; run with SBX_UPDATE_GOLDEN=1 to create it", path);
    if (glen != len || memcmp(a, g, len) != 0)
      fail_msg("%s differs from the output; if the change is meant, run the test with "
               "SBX_UPDATE_GOLDEN=1 and review the diff", path);
    free(a);
    free(b);
    free(g);
  }
}

static int xpath_count(xmlDocPtr doc, const char *expr) {
  xmlXPathContextPtr c = xmlXPathNewContext(doc);
  xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c);
  assert_non_null(o);
  int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
  xmlXPathFreeObject(o);
  xmlXPathFreeContext(c);
  return n;
}

static char *xpath_text(xmlDocPtr doc, const char *expr) {
  xmlXPathContextPtr c = xmlXPathNewContext(doc);
  xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c);
  assert_non_null(o);
  assert_true(o->nodesetval && o->nodesetval->nodeNr > 0);
  char *t = (char *)xmlNodeGetContent(o->nodesetval->nodeTab[0]);
  xmlXPathFreeObject(o);
  xmlXPathFreeContext(c);
  return t;
}

/* The organisation's leaf units (29 in the example). */
static int leaf_count(const sbx_org *o) {
  size_t *leaf = NULL, n = 0;
  assert_int_equal(sbx__qn_leaf_units(o, &leaf, &n), 0);
  free(leaf);
  assert_true(n > 20);
  return (int)n;
}

static void test_print_html(void **state) {
  qn_fx *f = *state;
  size_t len;
  char *html = qn_render(f->s, f->o, SBX_QN_PRINT, "sv", &len);
  assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"sv\">", 32) == 0);
  htmlDocPtr doc = htmlReadMemory(html, (int)len, "print.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  assert_non_null(doc);
  assert_int_equal(xpath_count(doc, "//table[@class='likert']/tbody/tr"), 35);
  assert_int_equal(xpath_count(doc, "//table[@class='likert']"), 5); /* the parts */
  assert_int_equal(xpath_count(doc, "(//table[@class='likert'])[1]/thead/tr/th[@class='point']"),
                   8);
  assert_int_equal(xpath_count(doc, "//section[@class='statements']/h2"), 5);
  /* item codes for keying, comment boxes whole on a page */
  assert_int_equal(xpath_count(doc, "//td[@class='no']/span[@class='code']"), 35);
  assert_int_equal(xpath_count(doc, "//div[@class='comment']/div[@class='write']"), 2);
  assert_non_null(strstr(html, ".comment { break-inside: avoid; page-break-inside: avoid; }"));
  assert_int_equal(xpath_count(doc, "//td[@class='answer']"), 35 * 8);
  assert_int_equal(xpath_count(doc, "//script"), 0);
  assert_int_equal(xpath_count(doc, "//meta[@http-equiv='Content-Security-Policy']"
                                    "[contains(@content, \"default-src 'none'\")]"), 1);
  assert_int_equal(xpath_count(doc, "//ul[@class='units']/li"), leaf_count(f->o));
  assert_int_equal(xpath_count(doc, "//div[@class='write']"), 2);
  char *promise = xpath_text(doc, "//p[@class='promise']");
  assert_non_null(strstr(promise, "färre än 5 svarande"));
  xmlFree(promise);
  char *first = xpath_text(doc, "//tbody/tr[1]/td[@class='text']");
  assert_string_equal(first, "Jag vet vilka mål min arbetsplats ska nå i år.");
  xmlFree(first);
  assert_non_null(strstr(html, "@page { size: A4;"));
  xmlFreeDoc(doc);
  free(html);
  html = qn_render(f->s, f->o, SBX_QN_PRINT, "en", &len);
  assert_non_null(strstr(html, "<html lang=\"en\">"));
  assert_non_null(strstr(html, "fewer than 5 respondents"));
  assert_non_null(strstr(html, "Strongly agree"));
  free(html);
}

/* The JSON literal the script starts with. */
static json_t *script_data(const char *gs) {
  const char *start = strstr(gs, "var SIXBOX_FORM = ");
  const char *end = strstr(gs, "};\n\nfunction createSixboxForm()");
  assert_non_null(start);
  assert_non_null(end);
  start += strlen("var SIXBOX_FORM = ");
  json_error_t err;
  json_t *j = json_loadb(start, (size_t)(end + 1 - start), 0, &err);
  if (!j) fail_msg("line %d: %s", err.line, err.text);
  return j;
}

static void test_google_apps_script(void **state) {
  qn_fx *f = *state;
  char *gs = qn_render(f->s, f->o, SBX_QN_GOOGLE_APPS_SCRIPT, "sv", NULL);
  json_t *j = script_data(gs);
  json_t *scales = json_object_get(j, "scales");
  assert_int_equal(json_array_size(scales), 5); /* the parts, in the survey's order */
  size_t rows = 0, i;
  json_t *s;
  json_array_foreach(scales, i, s) {
    rows += json_array_size(json_object_get(s, "rows"));
    json_t *cols = json_object_get(s, "columns");
    assert_int_equal(json_array_size(cols), 8);
    assert_string_equal(json_string_value(json_array_get(cols, 7)), "Vet ej");
  }
  assert_int_equal(rows, 35);
  assert_int_equal(json_array_size(json_object_get(j, "units")), leaf_count(f->o));
  assert_int_equal(json_array_size(json_object_get(j, "freeText")), 2);
  assert_non_null(strstr(gs, "form.addGridItem().setTitle(s.title).setRows(s.rows)"));
  assert_non_null(strstr(gs, "form.addListItem().setTitle(d.unitQuestion)"));
  json_decref(j);
  free(gs);
}

/* Texts with quotes, <, > and & (the in-memory fixture) come out escaped in every
 * format, and without an organisation the unit question is a free answer. */
static void test_escaping_and_no_org(void **state) {
  (void)state;
  sbx_survey *s = fixture_survey();
  sbx_org *o = fixture_org();
  size_t len;
  char *html = qn_render(s, o, SBX_QN_PRINT, "sv", &len);
  assert_non_null(strstr(html, "Skolan &lt;Norr&gt;"));
  assert_non_null(strstr(html, "\"purposes\" &amp; &lt;mer&gt;"));
  assert_null(strstr(html, "<mer>"));
  free(html);
  html = qn_render(s, NULL, SBX_QN_PRINT, "sv", &len);
  assert_non_null(strstr(html, "<div class=\"line\"></div>"));
  assert_null(strstr(html, "class=\"units\""));
  free(html);
  char *x = qn_render(s, o, SBX_QN_XFORM, "en", &len);
  xmlDocPtr d = xmlReadMemory(x, (int)len, "x.xml", NULL, XML_PARSE_NONET);
  assert_non_null(d);
  xmlFreeDoc(d);
  assert_non_null(strstr(x, "<value>School &lt;North&gt;</value>"));
  assert_non_null(strstr(x, "<translation lang=\"English (en)\" default=\"true()\">"));
  free(x);
  x = qn_render(s, NULL, SBX_QN_XFORM, "sv", &len);
  assert_non_null(strstr(x, "<bind nodeset=\"/data/unit\" type=\"string\" required=\"true()\"/>"));
  assert_non_null(strstr(x, "<input ref=\"/data/unit\">"));
  free(x);
  char *l = qn_render(s, NULL, SBX_QN_LIMESURVEY, "sv", &len);
  d = xmlReadMemory(l, (int)len, "l.lss", NULL, XML_PARSE_NONET);
  assert_non_null(d);
  xmlFreeDoc(d);
  assert_non_null(strstr(l, "<type><![CDATA[S]]></type>"));
  free(l);
  char *gs = qn_render(s, o, SBX_QN_GOOGLE_APPS_SCRIPT, "sv", NULL);
  json_t *j = script_data(gs);
  assert_string_equal(json_string_value(json_array_get(json_object_get(j, "units"), 4)),
                      "Förskolan \"Solen\"");
  json_decref(j);
  free(gs);
  sbx_survey_free(s);
  sbx_org_free(o);
}

static void test_codes_from_ids(void **state) {
  (void)state;
  char b[SBX_QN_CODE_SIZE];
  sbx__qn_ls_code("helpful-mechanisms", b, sizeof b);
  assert_string_equal(b, "helpfulmechanisms");
  sbx__qn_ls_code("1st-item", b, sizeof b);
  assert_string_equal(b, "Q1stitem");
  sbx__qn_ls_code("a-very-long-identifier-indeed", b, sizeof b);
  assert_string_equal(b, "averylongidentifieri"); /* 20 characters */
  sbx__qn_ls_code("åäö", b, sizeof b);
  assert_string_equal(b, "Q");
  sbx__qn_xml_name("2nd item", b, sizeof b);
  assert_string_equal(b, "_2nd_item");
  sbx__qn_xml_name("helpful-mechanisms", b, sizeof b);
  assert_string_equal(b, "helpful-mechanisms");
  /* items whose codes would clash get a suffix */
  sbx_survey *s = fixture_survey();
  free(s->item[1].id);
  s->item[1].id = sbx__strdup("purposes_1");
  sbx__qn_ls_item_code(s, 0, b, sizeof b);
  assert_string_equal(b, "purposes1");
  sbx__qn_ls_item_code(s, 1, b, sizeof b);
  assert_string_equal(b, "purposes12");
  sbx_survey_free(s);
  sbx_qn_format fmt;
  assert_int_equal(sbx_questionnaire_format(&fmt, "xform"), 0);
  assert_int_equal(fmt, SBX_QN_XFORM);
  assert_int_equal(sbx_questionnaire_format(&fmt, "word"), SBX_EUSAGE);
}

/* The promise names a group size the report keeps to: one below the floor diagnose
 * refuses is refused here too, naming both numbers; the floor itself and 0 (the
 * default) are written. */
static void test_min_group_floor(void **state) {
  (void)state;
  sbx_survey *s = fixture_survey();
  const int sizes[] = { SBX_MIN_GROUP_FLOOR - 1, 1, -1, SBX_MIN_GROUP_FLOOR, 0 };
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    assert_non_null(m);
    sbx_questionnaire_opts opts = SBX_QUESTIONNAIRE_OPTS_INIT;
    opts.min_group = sizes[i];
    sbx_ctx *ctx = sbx_ctx_new();
    int rc = sbx_questionnaire_write(m, s, NULL, SBX_QN_PRINT, &opts, ctx);
    fclose(m);
    char want[96];
    snprintf(want, sizeof want, "the minimum group size is %d; it must be at least %d", sizes[i],
             SBX_MIN_GROUP_FLOOR);
    if (sizes[i] != 0 && sizes[i] < SBX_MIN_GROUP_FLOOR) {
      assert_int_equal(rc, SBX_EUSAGE);
      char msg[256];
      sbx_error_format(msg, sizeof msg, sbx_ctx_get(ctx, 0));
      assert_non_null(strstr(msg, want));
    } else {
      assert_int_equal(rc, 0);
      assert_true(n > 0);
    }
    sbx_ctx_free(ctx);
    free(buf);
  }
  sbx_survey_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_golden_files),
    cmocka_unit_test(test_print_html),
    cmocka_unit_test(test_google_apps_script),
    cmocka_unit_test(test_escaping_and_no_org),
    cmocka_unit_test(test_codes_from_ids),
    cmocka_unit_test(test_min_group_floor),
  };
  return cmocka_run_group_tests_name("questionnaire", tests, qn_setup, qn_teardown);
}

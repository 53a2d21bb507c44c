/* report.html on the hand-made diagnosis: it parses, the CSP comes first in <head>,
 * the eight sections are there with headings in order, no script, every chart has a
 * text alternative, hostile names come back as text, no figure of a hidden unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sixbox/report.h>
#include "tests/reports/fixture.h"

static char *render(const sbx_results *res, const char *lang, size_t *len) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_report_opts o = SBX_REPORT_OPTS_INIT;
  o.lang = lang;
  o.generated = "2026-11-28T07:00:00Z";
  assert_int_equal(sbx_report_write_html(f, res, &o, ctx), 0);
  fclose(f);
  sbx_ctx_free(ctx);
  *len = n;
  return buf;
}

static double xcount(xmlDocPtr doc, const char *expr) {
  xmlXPathContextPtr x = xmlXPathNewContext(doc);
  char full[512];
  snprintf(full, sizeof full, "count(%s)", expr);
  xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)full, x);
  assert_non_null(r);
  double v = r->floatval;
  xmlXPathFreeObject(r);
  xmlXPathFreeContext(x);
  return v;
}

static xmlDocPtr parse(const char *buf, size_t len) {
  xmlDocPtr doc = htmlReadMemory(buf, (int)len, "report.html", "UTF-8",
                                 HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  assert_non_null(doc);
  return doc;
}

static void test_structure(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  size_t len;
  char *buf = render(f.res, "sv", &len);
  assert_true(strncmp(buf, "<!DOCTYPE html>", 15) == 0);
  xmlDocPtr doc = parse(buf, len);
  assert_int_equal(xcount(doc, "/html[@lang='sv']"), 1);
  /* The charset, then the policy, before anything that could load. */
  assert_int_equal(xcount(doc, "/html/head/*[1][self::meta][@charset='utf-8']"), 1);
  assert_int_equal(xcount(doc, "/html/head/*[2][self::meta][@http-equiv='Content-Security-Policy']"
                               "[contains(@content, \"default-src 'none'\")]"), 1);
  assert_int_equal(xcount(doc, "//script"), 0);
  assert_int_equal(xcount(doc, "//*[@src or @href[not(starts-with(., '#'))]]"), 0);
  static const char *const ids[] = { "lead", "thread", "heatmap", "boxes", "units", "drivers",
                                     "actions", "method" };
  for (size_t i = 0; i < 8; i++) {
    char e[128];
    snprintf(e, sizeof e, "//main/section[@id='%s']/h2", ids[i]);
    assert_int_equal(xcount(doc, e), 1);
  }
  assert_int_equal(xcount(doc, "//h1"), 1);
  assert_int_equal(xcount(doc, "//th[not(@scope)]"), 0);
  assert_true(xcount(doc, "//svg") >= 4);
  assert_int_equal(xcount(doc, "//svg[not(@role='img') or not(@aria-label) or not(title)]"), 0);
  /* Headings never skip a level. */
  xmlXPathContextPtr x = xmlXPathNewContext(doc);
  xmlXPathObjectPtr hs = xmlXPathEvalExpression((const xmlChar *)"//h1|//h2|//h3|//h4", x);
  int prev = 0;
  for (int i = 0; i < hs->nodesetval->nodeNr; i++) {
    int lvl = hs->nodesetval->nodeTab[i]->name[1] - '0';
    assert_true(lvl <= prev + 1);
    prev = lvl;
  }
  xmlXPathFreeObject(hs);
  xmlXPathFreeContext(x);
  xmlFreeDoc(doc);
  free(buf);
  fixture_free(&f);
}

/* The table of contents and the sections come from one list (reports/html/doc.c): each
 * link of the contents leads to one section of <main> and names its page-number box,
 * and each section has its link. */
static void check_contents(const sbx_results *res, size_t want) {
  size_t len;
  char *buf = render(res, "sv", &len);
  xmlDocPtr doc = parse(buf, len);
  xmlXPathContextPtr x = xmlXPathNewContext(doc);
  xmlXPathObjectPtr links = xmlXPathEvalExpression((const xmlChar *)"//nav[@class='toc']//a", x);
  assert_non_null(links);
  int n = links->nodesetval ? links->nodesetval->nodeNr : 0;
  assert_int_equal(n, want);
  for (int i = 0; i < n; i++) {
    xmlChar *href = xmlGetProp(links->nodesetval->nodeTab[i], (const xmlChar *)"href");
    assert_non_null(href);
    assert_int_equal(href[0], '#');
    char e[160];
    snprintf(e, sizeof e, "//main/section[@id='%s']/h2", (const char *)href + 1);
    if (xcount(doc, e) != 1) fail_msg("the contents link to %s, which is no section", (char *)href);
    snprintf(e, sizeof e, "//nav//span[@class='toc-page'][@data-section='%s']", (const char *)href + 1);
    assert_int_equal(xcount(doc, e), 1);
    xmlFree(href);
  }
  assert_int_equal(xcount(doc, "//main/section"), n);
  xmlXPathFreeObject(links);
  xmlXPathFreeContext(x);
  xmlFreeDoc(doc);
  free(buf);
}

static void test_contents_match_sections(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  check_contents(f.res, 9); /* no trend section without a baseline or history */
  fixture_free(&f);
}

static void test_escaping_and_hidden_units(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  size_t len;
  char *buf = render(f.res, "sv", &len);
  assert_null(strstr(buf, "<script"));
  assert_null(strstr(buf, "<b>chef"));
  assert_null(strstr(buf, FIX_SECRET_TEXT));
  assert_null(strstr(buf, "6,54")); /* the secret with a Swedish decimal comma */
  assert_non_null(strstr(buf, "färre än 5"));
  assert_non_null(strstr(buf, "Hjälpmedel och metoder"));
  assert_non_null(strstr(buf, "Framställd 2026-11-28T07:00:00Z"));
  xmlDocPtr doc = parse(buf, len);
  /* The hostile name and the comment come back as the very text they were. */
  assert_true(xcount(doc, "//h3[. = '=HYPERLINK(\"http://x\")<script>alert(1)</script>&amp;']") == 1);
  assert_int_equal(xcount(doc, "//blockquote[normalize-space(text()[1]) = 'Bra <b>chef</b> & team']"), 1);
  /* ... tagged by keyword ("team", "chef") */
  assert_int_equal(xcount(doc, "//blockquote/span[. = '(teman: Människor och relationer, Ledning)']"), 1);
  /* A hidden row says so once, in one cell across the row (both heatmaps: the whole
   * organisation's and Socialförvaltningen's sub-units). */
  assert_int_equal(xcount(doc, "//table[@class='heatmap']//tr[th[. = 'Liten enhet']]/td"), 2);
  assert_int_equal(xcount(doc, "//table[@class='heatmap']//td[@class='hidden-cell' and @colspan='9']"), 2);
  xmlFreeDoc(doc);
  free(buf);
  fixture_free(&f);
}

/* Response rates: judged by the analysis, never printed over 100 %, never for a hidden
 * unit; a low rate carries a caution beside the figures it affects. */
static void test_response_rates(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  f.org->unit[1].headcount = 300; /* Socialförvaltningen: 120 of 300, 40 % */
  assert_int_equal(sbx__rates(f.res, NULL), 0);
  size_t len;
  char *buf = render(f.res, "sv", &len);
  /* Åsen: 60 answered, the file says 40 employees. */
  assert_null(strstr(buf, "150\xc2\xa0%"));
  assert_null(strstr(buf, "150 %"));
  assert_null(strstr(buf, "150%"));
  xmlDocPtr doc = parse(buf, len);
  assert_int_equal(xcount(doc, "//table[@class='heatmap']/thead//th[. = 'Svarsfrekvens']"), 2);
  assert_true(xcount(doc, "//td[contains(@class,'rate-over')][contains(., 'fel i antal anställda')]") >= 1);
  assert_true(xcount(doc, "//td[contains(@class,'rate-low')][contains(., '40\xc2\xa0%')]") >= 1);
  assert_true(xcount(doc, "//p[@class='table-note'][starts-with(., '! vid svarsfrekvensen')]") >= 1);
  /* The förvaltning page: the rate sentence, then the caution before the figures. */
  const char *page = "//div[@class='unit-page'][h3 = 'Socialförvaltningen']";
  char q[256];
  snprintf(q, sizeof q, "%s/p[contains(., '120 svarande av 300 anställda')]", page);
  assert_int_equal(xcount(doc, q), 1);
  snprintf(q, sizeof q, "%s/p[@class='caution-note']/following-sibling::figure", page);
  assert_true(xcount(doc, q) >= 1);
  /* The whole organisation: 50 % is not low. */
  assert_int_equal(xcount(doc, "//td[contains(@class,'rate-low')][contains(., '50\xc2\xa0%')]"), 0);
  xmlFreeDoc(doc);
  free(buf);
  fixture_free(&f);
}

/* Comments: grouped by question with its text, identical ones (case, spacing, a final
 * full stop aside) once with a count, placeholder-only ones left out, grammatical
 * counts, at most six per question with the rest in the appendix, which holds all. */
static void add_comment(sbx_results *res, size_t unit, size_t q, const char *text) {
  res->comment = realloc(res->comment, (res->ncomment + 1) * sizeof *res->comment);
  res->comment[res->ncomment++] = (sbx_comment_out){ .unit = unit, .question = q,
                                                     .text = strdup(text) };
}

static char *render_comments(const sbx_results *res, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  sbx_report_opts o = SBX_REPORT_OPTS_INIT;
  o.lang = "sv";
  assert_int_equal(sbx_report_write_comments_html(f, res, &o, NULL), 0);
  fclose(f);
  return buf;
}

static void test_comments(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  sbx_survey *s = f.survey;
  s->free_text = realloc(s->free_text, 2 * sizeof *s->free_text);
  memset(&s->free_text[1], 0, sizeof s->free_text[1]);
  s->free_text[1].id = strdup("change");
  sbx__text_set(&s->free_text[1].text, "sv", "Vad vill du ändra?");
  s->nfree_text = 2;
  add_comment(f.res, 1, 1, "Mer tid för planering.");
  add_comment(f.res, 2, 1, "mer tid  för planering");
  add_comment(f.res, 1, 1, "Mer tid för planering!");
  add_comment(f.res, 1, 1, "[e-post] [telefonnummer].");
  for (int i = 0; i < 8; i++) {
    char t[64];
    snprintf(t, sizeof t, "Förslag nummer %d om lönen.", i);
    add_comment(f.res, 1, 1, t);
  }
  add_comment(f.res, 3, 1, "Från den dolda enheten."); /* a hidden unit: never shown */
  size_t len;
  char *buf = render(f.res, "sv", &len);
  xmlDocPtr doc = parse(buf, len);
  const char *page = "//div[@class='unit-page'][h3 = 'Socialförvaltningen']//div[@class='comments']";
  char q[400];
  snprintf(q, sizeof q, "%s/h5", page);
  assert_int_equal(xcount(doc, q), 2); /* one heading per question */
  snprintf(q, sizeof q, "%s/h5[starts-with(., 'Kommentar')]/span[. = '1 kommentar']", page);
  assert_int_equal(xcount(doc, q), 1);
  snprintf(q, sizeof q, "%s/h5[starts-with(., 'Vad vill du ändra?')]/span[. = '11 kommentarer']", page);
  assert_int_equal(xcount(doc, q), 1);
  snprintf(q, sizeof q, "%s/blockquote[starts-with(., 'Mer tid för planering.')]/span[@class='count']", page);
  assert_int_equal(xcount(doc, q), 1);
  assert_non_null(strstr(buf, "– skriven av 3 personer"));
  assert_null(strstr(buf, "[e-post] [telefonnummer]"));
  assert_null(strstr(buf, "den dolda enheten"));
  snprintf(q, sizeof q, "%s/blockquote", page);
  assert_int_equal(xcount(doc, q), 1 + 6); /* question 1: one; question 2: six shown */
  assert_non_null(strstr(buf, "Ytterligare 3 kommentarer finns i bilagan comments.html."));
  assert_null(strstr(buf, "Ytterligare 1 kommentarer"));
  /* Themes per förvaltning, by keywords: "lönen" is Belöningssystem, "planering"
   * Hjälpmedel och metoder. */
  const char *row = "//table[caption = 'Kommentarer per tema, efter nyckelord']"
                    "//tr[th = 'Socialförvaltningen']";
  char qrow[256];
  assert_true(xcount(doc, row) == 1);
  snprintf(qrow, sizeof qrow, "%s/td[4][. = '8']", row);
  assert_true(xcount(doc, qrow) == 1);
  xmlFreeDoc(doc);
  free(buf);
  /* The appendix: every comment the rules allow, none hidden. */
  buf = render_comments(f.res, &len);
  doc = parse(buf, len);
  assert_int_equal(xcount(doc, "//section[h2 = 'Socialförvaltningen']/blockquote"), 1 + 9);
  assert_null(strstr(buf, "den dolda enheten"));
  assert_null(strstr(buf, "[e-post] [telefonnummer]"));
  assert_non_null(strstr(buf, "Content-Security-Policy"));
  xmlFreeDoc(doc);
  free(buf);
  /* Seven distinct comments: the seventh is "en kommentar", never "1 kommentarer". */
  size_t all = f.res->ncomment;
  f.res->ncomment = all - 3; /* drops the last two proposals and the hidden unit's */
  buf = render(f.res, "sv", &len);
  assert_non_null(strstr(buf, "Ytterligare en kommentar finns i bilagan comments.html."));
  free(buf);
  f.res->ncomment = all;
  fixture_free(&f);
}

/* "Vet ej" per box and item in the data section, only while the whole organisation is
 * shown. */
static void test_dont_know(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  f.res->dont_know = calloc(f.survey->nitem, sizeof *f.res->dont_know);
  f.res->dont_know[0] = 7;
  f.res->dont_know[1] = 3;
  size_t len;
  char *buf = render(f.res, "sv", &len);
  xmlDocPtr doc = parse(buf, len);
  const char *t = "//table[caption = '”Vet ej” per box och påstående, hela organisationen']";
  char q[300];
  snprintf(q, sizeof q, "%s//tr[th = 'Uppgift och mål']/td[2][. = '10']", t);
  assert_int_equal(xcount(doc, q), 1);
  snprintf(q, sizeof q, "%s//tbody/tr", t);
  assert_int_equal(xcount(doc, q), (double)(f.survey->nscale + f.survey->nitem));
  xmlFreeDoc(doc);
  free(buf);
  f.res->unit[0].suppressed = 1;
  buf = render(f.res, "sv", &len);
  assert_null(strstr(buf, "”Vet ej” per box och påstående, hela"));
  free(buf);
  fixture_free(&f);
}

static void test_english(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  size_t len;
  char *buf = render(f.res, "en", &len);
  assert_non_null(strstr(buf, "<html lang=\"en\">"));
  assert_non_null(strstr(buf, "fewer than 5"));
  assert_non_null(strstr(buf, "Helpful mechanisms"));
  assert_non_null(strstr(buf, "3.30"));
  assert_null(strstr(buf, "färre än"));
  free(buf);
  fixture_free(&f);
}

/* A whole organisation too small to show: every section still renders, with no figure. */
static void test_everything_hidden(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  for (size_t u = 0; u < f.res->nunit; u++) {
    f.res->unit[u].suppressed = 1;
    f.res->unit[u].reason = SBX_SUPP_OWN_SIZE;
    for (size_t s = 0; s < f.res->nscale; s++) f.res->unit[u].cell[s].mean = FIX_SECRET;
  }
  size_t len;
  char *buf = render(f.res, "en", &len);
  assert_null(strstr(buf, FIX_SECRET_TEXT));
  assert_non_null(strstr(buf, "There are too few responses to say anything"));
  assert_non_null(strstr(buf, "No driver analysis"));
  xmlDocPtr doc = parse(buf, len);
  assert_int_equal(xcount(doc, "//main/section/h2"), 9);
  xmlFreeDoc(doc);
  free(buf);
  char *json = NULL;
  size_t n = 0;
  FILE *mf = open_memstream(&json, &n);
  assert_int_equal(sbx_report_write_json(mf, f.res, NULL, NULL), 0);
  assert_int_equal(sbx_report_write_csv(mf, f.res, NULL, NULL), 0);
  fclose(mf);
  assert_null(strstr(json, FIX_SECRET_TEXT));
  free(json);
  fixture_free(&f);
}

static void test_cancel(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  sbx_cancel_flag stop = 1;
  sbx_report_opts o = SBX_REPORT_OPTS_INIT;
  o.cancel = &stop;
  sbx_ctx *ctx = sbx_ctx_new();
  FILE *null = fopen("/dev/null", "w");
  assert_int_equal(sbx_report_write_html(null, f.res, &o, ctx), SBX_EINTR);
  assert_int_equal(sbx_report_write_json(null, f.res, &o, ctx), SBX_EINTR);
  assert_int_equal(sbx_report_write_csv(null, f.res, &o, ctx), SBX_EINTR);
  fclose(null);
  sbx_ctx_free(ctx);
  fixture_free(&f);
}


/* Data and method: respondents of unknown unit exactly from k on and as "fewer than k"
 * below; comments dropped are counted; the ICC over shown units is explained; the ICC's
 * mean group size and respondent count never appear. */
static void test_method_counts_and_icc(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  f.res->scale[0].icc_k = 77.777;
  f.res->scale[0].icc_n = 4242;
  f.res->ncomment_dropped = 4;
  size_t len;
  f.res->unknown_unit = 3;
  char *buf = render(f.res, "en", &len);
  assert_non_null(strstr(buf, "could not be tied to a unit: fewer than 5."));
  assert_null(strstr(buf, "could not be tied to a unit: 3."));
  assert_non_null(strstr(buf, "Comments not shown: 4."));
  assert_non_null(strstr(buf, "computed again over the reported smallest units only"));
  assert_non_null(strstr(buf, "over reported units only when a smallest unit is hidden"));
  assert_null(strstr(buf, "77.7"));
  assert_null(strstr(buf, "4242"));
  free(buf);
  f.res->unknown_unit = 12;
  buf = render(f.res, "sv", &len);
  assert_non_null(strstr(buf, "inte kunde knytas till en enhet: 12."));
  assert_non_null(strstr(buf, "Kommentarer som inte visas: 4."));
  assert_non_null(strstr(buf, "räknas ICC(1) och ICC(2) för hela organisationen om"));
  assert_null(strstr(buf, "77,7"));
  free(buf);
  f.res->unknown_unit = 0;
  f.res->ncomment_dropped = 0;
  buf = render(f.res, "en", &len);
  assert_null(strstr(buf, "could not be tied to a unit"));
  assert_null(strstr(buf, "comments are not shown"));
  free(buf);
  fixture_free(&f);
}

/* A box rated ok or strength by its interval, yet favourable for under half: the key
 * messages say so, and the box messages carry the favourable share. */
static void test_low_favourable_message(void **state) {
  (void)state;
  fixture f;
  fixture_make(&f);
  size_t len;
  char *buf = render(f.res, "en", &len);
  /* Rewards (4.20, ok) has 42 % favourable: the lowest among ok/strength boxes. */
  assert_non_null(strstr(buf, "Rewards has the status ok because its mean 4.20 lies on the "
                              "good side of the midpoint 4.0, but only 42% answer favourably"));
  assert_non_null(strstr(buf, "status weak, 33% answer favourably."));
  /* The six-box picture shows the share beside the status (text and accessible name). */
  assert_non_null(strstr(buf, "(4.00\xe2\x80\x93" "4.40), ok, 42% favourable"));
  assert_non_null(strstr(buf, ">42% favourable</text>"));
  free(buf);
  buf = render(f.res, "sv", &len);
  assert_non_null(strstr(buf, "men bara 42\xc2\xa0% svarar positivt"));
  free(buf);
  for (size_t s = 0; s < 7; s++) f.res->unit[0].cell[s].fav = 0.5;
  buf = render(f.res, "en", &len);
  assert_null(strstr(buf, "answer favourably (a box score"));
  free(buf);
  fixture_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_structure),
    cmocka_unit_test(test_contents_match_sections),
    cmocka_unit_test(test_escaping_and_hidden_units),
    cmocka_unit_test(test_response_rates),
    cmocka_unit_test(test_comments),
    cmocka_unit_test(test_dont_know),
    cmocka_unit_test(test_english),
    cmocka_unit_test(test_everything_hidden),
    cmocka_unit_test(test_cancel),
    cmocka_unit_test(test_method_counts_and_icc),
    cmocka_unit_test(test_low_favourable_message),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

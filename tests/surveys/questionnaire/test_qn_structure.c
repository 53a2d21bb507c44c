/* Structural checks of the XForm and the .lss, with rules derived from the real files
 * in the shared fixtures (each rule is first checked to hold on the real file), and a
 * cross-check that simulate's exports carry exactly the columns and values the
 * generated questionnaires define. Skips the fixture parts when the shared directory
 * is absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sixbox/simulate.h>
#include "engine/import/reader.h"
#include "qn_common.h"

#define ODK_FORM "/exports/odk/ruODK_xform_FloraQuadrat04.xml"
#define LSS_A "/exports/limesurvey/limesurveyrc2api_a_rather_interesting_questionnaire.lss"
#define LSS_B "/exports/limesurvey/limesurveyrc2api_survey_293446_extracted/survey_293446.lss"

static const char *shared_dir(void) {
  const char *d = getenv("SBX_FIXTURES_DIR");
  return d && d[0] ? d : SBX_FIXTURES_DIR;
}

/* A shared fixture, or NULL (the caller skips) when the shared directory is absent. */
static xmlDocPtr shared_doc(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s%s", shared_dir(), rel);
  return xmlReadFile(path, NULL, XML_PARSE_NONET);
}

static xmlXPathObjectPtr eval(xmlDocPtr doc, xmlNodePtr at, const char *expr) {
  xmlXPathContextPtr c = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(c, (const xmlChar *)"h", (const xmlChar *)"http://www.w3.org/1999/xhtml");
  xmlXPathRegisterNs(c, (const xmlChar *)"xf", (const xmlChar *)"http://www.w3.org/2002/xforms");
  xmlXPathRegisterNs(c, (const xmlChar *)"jr", (const xmlChar *)"http://openrosa.org/javarosa");
  if (at) c->node = at;
  xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c);
  xmlXPathFreeContext(c);
  assert_non_null(o);
  return o;
}

static int count(xmlDocPtr doc, xmlNodePtr at, const char *expr) {
  xmlXPathObjectPtr o = eval(doc, at, expr);
  int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
  xmlXPathFreeObject(o);
  return n;
}

/* The XForm rules: the h:html/h:head/model/instance/itext/translation skeleton; every
 * bind's nodeset is an instance node and has a body control, unless the form fills it
 * itself (calculate or jr:preload); every control has a bind; every itext reference of
 * the body exists in every translation. Returns the number of binds. */
static int check_xform(xmlDocPtr doc) {
  assert_int_equal(count(doc, NULL, "/h:html/h:head/h:title"), 1);
  assert_int_equal(count(doc, NULL, "/h:html/h:head/xf:model/xf:instance/*"), 1);
  int ntr = count(doc, NULL, "/h:html/h:head/xf:model/xf:itext/xf:translation");
  assert_true(ntr >= 1);
  xmlXPathObjectPtr binds = eval(doc, NULL, "//xf:model/xf:bind");
  int nb = binds->nodesetval ? binds->nodesetval->nodeNr : 0;
  for (int i = 0; i < nb; i++) {
    xmlNodePtr b = binds->nodesetval->nodeTab[i];
    xmlChar *ns = xmlGetProp(b, (const xmlChar *)"nodeset");
    char expr[1024];
    /* /data/a/b as a path in the instance, in the XForms namespace */
    char steps[800] = "";
    for (char *p = strtok((char *)ns, "/"); p; p = strtok(NULL, "/")) {
      strcat(steps, "/xf:");
      strcat(steps, p);
    }
    xmlFree(ns);
    ns = xmlGetProp(b, (const xmlChar *)"nodeset");
    snprintf(expr, sizeof expr, "//xf:model/xf:instance%s", steps);
    if (count(doc, NULL, expr) != 1) fail_msg("bind %s: no instance node", (char *)ns);
    snprintf(expr, sizeof expr, "//h:body//*[@ref='%s']", (char *)ns);
    int control = count(doc, NULL, expr);
    int filled = xmlHasProp(b, (const xmlChar *)"calculate") ||
                 xmlHasNsProp(b, (const xmlChar *)"preload", (const xmlChar *)"http://openrosa.org/javarosa");
    if (!control && !filled) fail_msg("bind %s has no body control", (char *)ns);
    xmlFree(ns);
  }
  xmlXPathFreeObject(binds);
  xmlXPathObjectPtr refs = eval(doc, NULL, "//h:body//*[@ref and not(self::xf:label) and "
                                           "not(self::xf:hint) and not(self::xf:group)]");
  for (int i = 0; refs->nodesetval && i < refs->nodesetval->nodeNr; i++) {
    xmlChar *ref = xmlGetProp(refs->nodesetval->nodeTab[i], (const xmlChar *)"ref");
    char expr[1024];
    snprintf(expr, sizeof expr, "//xf:model/xf:bind[@nodeset='%s']", (char *)ref);
    if (count(doc, NULL, expr) != 1) fail_msg("control %s has no bind", (char *)ref);
    xmlFree(ref);
  }
  xmlXPathFreeObject(refs);
  xmlXPathObjectPtr labels = eval(doc, NULL, "//h:body//*[starts-with(@ref, \"jr:itext('\")]");
  for (int i = 0; labels->nodesetval && i < labels->nodesetval->nodeNr; i++) {
    xmlChar *ref = xmlGetProp(labels->nodesetval->nodeTab[i], (const xmlChar *)"ref");
    char id[512], expr[1024];
    snprintf(id, sizeof id, "%s", (char *)ref + strlen("jr:itext('"));
    id[strlen(id) - 2] = '\0';
    snprintf(expr, sizeof expr, "//xf:itext/xf:translation/xf:text[@id='%s']", id);
    if (count(doc, NULL, expr) != ntr) fail_msg("itext %s not in every translation", id);
    xmlFree(ref);
  }
  xmlXPathFreeObject(labels);
  return nb;
}

static void test_xform_structure(void **state) {
  qn_fx *f = *state;
  xmlDocPtr real = shared_doc(ODK_FORM);
  if (real) {
    assert_int_equal(check_xform(real), 27); /* the rules hold on the real form */
    xmlFreeDoc(real);
  } else {
    print_message("fixtures absent (SIXBOX_FIXTURES_DIR): the XForm rules are not re-derived\n");
  }
  size_t len;
  char *x = qn_render(f->s, f->o, SBX_QN_XFORM, "sv", &len);
  xmlDocPtr doc = xmlReadMemory(x, (int)len, "form.xml", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  /* start, end, the two notes (introduction, promise), unit, 35 items, 2 free texts,
   * instanceID */
  assert_int_equal(check_xform(doc), 2 + 2 + 1 + 35 + 2 + 1);
  assert_int_equal(count(doc, NULL, "//h:body/*[1][@ref='/data/sixbox_intro']"), 1);
  assert_int_equal(count(doc, NULL, "//h:body/*[2][@ref='/data/sixbox_promise']"), 1);
  assert_int_equal(count(doc, NULL, "//xf:bind[@nodeset='/data/sixbox_promise'][@readonly='true()']"), 1);
  assert_int_equal(count(doc, NULL, "//xf:translation[@lang='Svenska (sv)'][@default='true()']"), 1);
  assert_int_equal(count(doc, NULL, "//xf:translation[@lang='English (en)']"), 1);
  /* the full survey interleaves the boxes (the ODQ order): five numbered parts of 7 */
  assert_int_equal(count(doc, NULL, "//h:body/xf:group[@appearance='field-list']"), 5);
  assert_int_equal(count(doc, NULL, "//h:body/xf:group/xf:select1[@appearance='likert']"), 35);
  assert_int_equal(count(doc, NULL, "//xf:group[@ref='/data/part1']/xf:select1[1][@ref='/data/part1/q01']/xf:item"), 8);
  assert_int_equal(count(doc, NULL, "//xf:select1[@ref='/data/unit']/xf:item"), 29);
  xmlFreeDoc(doc);
  free(x);
}

/* The names of the document's top-level elements, as "|a|b|...|". */
static void top_level(xmlDocPtr doc, char *buf, size_t size) {
  snprintf(buf, size, "|");
  for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE) {
      strncat(buf, (const char *)n->name, size - strlen(buf) - 1);
      strncat(buf, "|", size - strlen(buf) - 1);
    }
}

/* Every table row holds only columns its <fields> names (exactly them when exact). */
static void check_tables(xmlDocPtr doc, int exact) {
  for (xmlNodePtr t = xmlDocGetRootElement(doc)->children; t; t = t->next) {
    if (t->type != XML_ELEMENT_NODE || count(doc, t, "fields") != 1) continue;
    int nf = count(doc, t, "fields/fieldname");
    xmlXPathObjectPtr rows = eval(doc, t, "rows/row");
    for (int i = 0; rows->nodesetval && i < rows->nodesetval->nodeNr; i++) {
      int nc = 0;
      for (xmlNodePtr c = rows->nodesetval->nodeTab[i]->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        char expr[256];
        snprintf(expr, sizeof expr, "fields/fieldname[.='%s']", (const char *)c->name);
        if (count(doc, t, expr) != 1) fail_msg("%s: column %s not in fields", t->name, c->name);
        nc++;
      }
      if (exact) assert_int_equal(nc, nf);
    }
    xmlXPathFreeObject(rows);
  }
}

static void test_lss_structure(void **state) {
  qn_fx *f = *state;
  char want[1024] = "", other[1024], mine[1024];
  xmlDocPtr a = shared_doc(LSS_A), b = shared_doc(LSS_B);
  size_t len;
  char *x = qn_render(f->s, f->o, SBX_QN_LIMESURVEY, "sv", &len);
  xmlDocPtr doc = xmlReadMemory(x, (int)len, "survey.lss", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  top_level(doc, mine, sizeof mine);
  if (a && b) {
    check_tables(a, 0); /* the rule holds on the real files */
    check_tables(b, 0);
    top_level(a, want, sizeof want);
    top_level(b, other, sizeof other);
    /* every section both real files have is in ours */
    for (char *p = strtok(want + 1, "|"); p; p = strtok(NULL, "|")) {
      char key[128];
      snprintf(key, sizeof key, "|%s|", p);
      if (strstr(other, key) && !strstr(mine, key)) fail_msg("section %s missing", p);
    }
  } else {
    print_message("fixtures absent (SIXBOX_FIXTURES_DIR): the .lss sections are not compared\n");
  }
  if (a) xmlFreeDoc(a);
  if (b) xmlFreeDoc(b);
  assert_string_equal(mine, "|LimeSurveyDocType|DBVersion|languages|answers|groups|questions|"
                            "subquestions|surveys|surveys_languagesettings|");
  check_tables(doc, 1);
  assert_int_equal(count(doc, NULL, "/document/languages/language"), 2);
  /* per language: 5 arrays (F: the parts) with 35 subquestions, 8 answers each; the
   * unit list */
  assert_int_equal(count(doc, NULL, "//questions/rows/row[type='F']"), 2 * 5);
  assert_int_equal(count(doc, NULL, "//questions/rows/row[type='F'][title='part1']"), 2);
  assert_int_equal(count(doc, NULL, "//subquestions/rows/row"), 2 * 35);
  assert_int_equal(count(doc, NULL, "//subquestions/rows/row[language='en']"), 35);
  assert_int_equal(count(doc, NULL, "//answers/rows/row[qid='2']"), 2 * 8);
  assert_int_equal(count(doc, NULL, "//questions/rows/row[type='!']"), 2);
  assert_int_equal(count(doc, NULL, "//answers/rows/row[qid='1']"), 2 * 29);
  assert_int_equal(count(doc, NULL, "//surveys_languagesettings/rows/row"), 2);
  assert_int_equal(count(doc, NULL, "//subquestions/rows/row[parent_qid='2'][title='q01']"), 2);
  /* every answer and subquestion belongs to a question */
  assert_int_equal(count(doc, NULL, "//answers/rows/row[not(qid = //questions/rows/row/qid)]"), 0);
  assert_int_equal(count(doc, NULL, "//subquestions/rows/row[not(parent_qid = //questions/rows/row/qid)]"), 0);
  xmlFreeDoc(doc);
  free(x);
}

/* Splits one CSV record (quotes with "" escapes; no line breaks inside) starting at *p
 * into cells; advances *p past its line end. Returns the number of cells. */
static size_t record(const char **p, char delim, char cells[][512], size_t max) {
  size_t n = 0, k = 0;
  int q = 0;
  const char *s = *p;
  if (!strncmp(s, "\xEF\xBB\xBF", 3)) s += 3;
  for (; *s; s++) {
    if (q) {
      if (*s == '"' && s[1] == '"') cells[n][k++] = *s++;
      else if (*s == '"') q = 0;
      else cells[n][k++] = *s;
    } else if (*s == '"') {
      q = 1;
    } else if (*s == delim || *s == '\r' || *s == '\n') {
      cells[n][k] = '\0';
      if (n + 1 < max) n++;
      k = 0;
      if (*s != delim) break;
    } else {
      cells[n][k++] = *s;
    }
    if (k >= 511) k = 510;
  }
  if (k || (*s == '\0' && n == 0)) cells[n++][k] = '\0';
  while (*s == '\r' || *s == '\n') s++;
  *p = s;
  return n;
}

static char (*cells_a)[512];
static char (*cells_b)[512];

static char *export_of(const qn_fx *f, const char *tool, const char *lang) {
  sbx_simulate_opts o = SBX_SIMULATE_OPTS_INIT;
  o.respondents = 15;
  o.seed = 77;
  sbx_simulation *sim = NULL;
  assert_int_equal(sbx_simulate(&sim, f->s, f->o, &o, NULL), 0);
  char *buf = NULL;
  size_t len;
  FILE *m = open_memstream(&buf, &len);
  assert_int_equal(sbx_simulate_write(m, sim, tool, lang, NULL), 0);
  fclose(m);
  sbx_simulation_free(sim);
  return buf;
}

/* Kobo's columns are the XForm's instance paths; its values are the choices' values of
 * that very question. */
static void test_kobo_export_matches_xform(void **state) {
  qn_fx *f = *state;
  size_t len;
  char *x = qn_render(f->s, f->o, SBX_QN_XFORM, "sv", &len);
  xmlDocPtr doc = xmlReadMemory(x, (int)len, "form.xml", NULL, XML_PARSE_NONET);
  char *csv = export_of(f, "kobotoolbox", "sv");
  const char *p = csv;
  size_t nh = record(&p, ';', cells_a, 256), items = 0;
  for (size_t c = 0; c < nh && strcmp(cells_a[c], "_id") != 0; c++) {
    char expr[1024];
    snprintf(expr, sizeof expr, "//xf:model/xf:bind[@nodeset='/data/%s']", cells_a[c]);
    if (count(doc, NULL, expr) != 1) fail_msg("column %s is not in the XForm", cells_a[c]);
    items++;
  }
  assert_int_equal(items, 2 + 1 + 35 + 2);
  while (*p) {
    size_t n = record(&p, ';', cells_b, 256);
    assert_int_equal(n, nh);
    for (size_t c = 2; c < 3 + 35; c++) { /* the unit and the items */
      if (!cells_b[c][0]) continue;
      char expr[1200];
      snprintf(expr, sizeof expr, "//h:body//xf:select1[@ref='/data/%s']/xf:item/xf:value[.='%s']",
               cells_a[c], cells_b[c]);
      if (count(doc, NULL, expr) != 1)
        fail_msg("value %s is no choice of %s in the XForm", cells_b[c], cells_a[c]);
    }
  }
  xmlFreeDoc(doc);
  free(x);
  free(csv);
}

/* LimeSurvey's columns are the .lss codes: Q[SQ] of an array and its subquestion. */
static void test_limesurvey_export_matches_lss(void **state) {
  qn_fx *f = *state;
  size_t len;
  char *x = qn_render(f->s, f->o, SBX_QN_LIMESURVEY, "sv", &len);
  xmlDocPtr doc = xmlReadMemory(x, (int)len, "survey.lss", NULL, XML_PARSE_NONET);
  char *csv = export_of(f, "limesurvey", "sv");
  const char *p = csv;
  size_t nh = record(&p, ';', cells_a, 256), items = 0;
  assert_int_equal(nh, 7 + 1 + 35 + 2);
  for (size_t c = 7; c < nh; c++) {
    char *br = strchr(cells_a[c], '['), expr[1024];
    if (br) {
      *br = '\0';
      br[strlen(br + 1)] = '\0'; /* drop ']' */
      snprintf(expr, sizeof expr,
               "//subquestions/rows/row[title='%s'][parent_qid = "
               "//questions/rows/row[type='F'][title='%s']/qid]", br + 1, cells_a[c]);
      items++;
    } else {
      snprintf(expr, sizeof expr, "//questions/rows/row[title='%s']", cells_a[c]);
    }
    if (count(doc, NULL, expr) != 2) fail_msg("column %s is not in the .lss", cells_a[c]);
  }
  assert_int_equal(items, 35);
  /* full answers: the unit's name is one of the unit list's answers */
  size_t n = record(&p, ';', cells_b, 256);
  assert_int_equal(n, nh);
  char expr[1024];
  snprintf(expr, sizeof expr, "//answers/rows/row[qid='1'][answer='%s']", cells_b[7]);
  assert_int_equal(count(doc, NULL, expr), 1);
  xmlFreeDoc(doc);
  free(x);
  free(csv);
}

/* Google's columns are "Grid [Row]" of the script's grids; values are grid columns. */
static void test_google_export_matches_script(void **state) {
  qn_fx *f = *state;
  for (int en = 0; en < 2; en++) {
    const char *lang = en ? "en" : "sv";
    char *gs = qn_render(f->s, f->o, SBX_QN_GOOGLE_APPS_SCRIPT, lang, NULL);
    const char *start = strstr(gs, "var SIXBOX_FORM = ") + strlen("var SIXBOX_FORM = ");
    json_t *j = json_loadb(start, (size_t)(strstr(gs, "};\n\nfunction") + 1 - start), 0, NULL);
    assert_non_null(j);
    char *csv = export_of(f, "google-forms", lang);
    const char *p = csv;
    size_t nh = record(&p, ',', cells_a, 256), k = 2, i, r;
    assert_string_equal(cells_a[1], json_string_value(json_object_get(j, "unitQuestion")));
    json_t *grid, *row;
    json_array_foreach(json_object_get(j, "scales"), i, grid) {
      json_array_foreach(json_object_get(grid, "rows"), r, row) {
        char want[1024];
        snprintf(want, sizeof want, "%s [%s]", json_string_value(json_object_get(grid, "title")),
                 json_string_value(row));
        assert_string_equal(cells_a[k++], want);
      }
    }
    assert_int_equal(k + 2, nh); /* and the two free-text questions */
    while (*p) {
      record(&p, ',', cells_b, 256);
      k = 2;
      json_array_foreach(json_object_get(j, "scales"), i, grid) {
        json_array_foreach(json_object_get(grid, "rows"), r, row) {
          const char *v = cells_b[k++];
          size_t c;
          json_t *col;
          int found = !v[0];
          json_array_foreach(json_object_get(grid, "columns"), c, col)
            found |= strcmp(json_string_value(col), v) == 0;
          if (!found) fail_msg("%s is no column of the grid", v);
        }
      }
    }
    json_decref(j);
    free(csv);
    free(gs);
  }
}

/* The XLSForm's sheets, read back with the importer's XLSX reader. */
typedef struct sheet_rows { char cell[400][12][256]; size_t n, ncell[400]; } sheet_rows;

static int keep_row(void *ud, size_t row, uint32_t line, const char *const *cells, size_t n) {
  (void)row;
  (void)line;
  sheet_rows *r = ud;
  if (r->n >= 400) return 1;
  for (size_t c = 0; c < n && c < 12; c++) snprintf(r->cell[r->n][c], 256, "%s", cells[c]);
  r->ncell[r->n++] = n;
  return 0;
}

static sheet_rows *read_sheet(const char *data, size_t len, const char *sheet) {
  sheet_rows *r = calloc(1, sizeof *r);
  sbx_read_opts o = SBX_READ_OPTS_INIT;
  o.sheet = sheet;
  sbx_file_info info;
  assert_int_equal(sbx__read_export_memory(data, len, "form.xlsx", &o, keep_row, r, &info, NULL), 0);
  assert_string_equal(info.format, "xlsx");
  return r;
}

/* KoboToolbox's export columns are the XLSForm's group/name paths, and every value is
 * a choice of the question's list. */
static void test_xlsform_matches_kobo_export(void **state) {
  qn_fx *f = *state;
  size_t len;
  char *x = qn_render(f->s, f->o, SBX_QN_XLSFORM, "sv", &len);
  sheet_rows *sv = read_sheet(x, len, "survey"), *ch = read_sheet(x, len, "choices");
  sheet_rows *st = read_sheet(x, len, "settings");
  assert_string_equal(sv->cell[0][0], "type");
  assert_string_equal(sv->cell[0][2], "label::Svenska (sv)");
  assert_string_equal(sv->cell[0][3], "label::English (en)");
  assert_string_equal(ch->cell[0][0], "list_name");
  assert_string_equal(st->cell[1][1], "sixbox-full");
  assert_string_equal(st->cell[1][3], "Svenska (sv)");
  /* the paths of the questions, in order */
  static char path[64][600];
  size_t np = 0;
  char group[300] = "";
  for (size_t i = 1; i < sv->n; i++) {
    const char *type = sv->cell[i][0], *name = sv->cell[i][1];
    if (!strcmp(type, "note")) continue; /* notes have no column in the export */
    if (!strcmp(type, "begin_group")) snprintf(group, sizeof group, "%s/", name);
    else if (!strcmp(type, "end_group")) group[0] = '\0';
    else snprintf(path[np++], sizeof path[0], "%s%s", group, name);
    if (!strncmp(type, "select_one ", 11)) { /* its list exists */
      size_t found = 0;
      for (size_t k = 1; k < ch->n; k++) found += !strcmp(ch->cell[k][0], type + 11);
      assert_true(found >= 2);
    }
  }
  char *csv = export_of(f, "kobotoolbox", "sv");
  const char *p = csv;
  size_t nh = record(&p, ';', cells_a, 256);
  assert_true(nh > np);
  for (size_t c = 0; c < np; c++) assert_string_equal(cells_a[c], path[c]);
  assert_string_equal(cells_a[np], "_id");
  size_t units = 0;
  for (size_t k = 1; k < ch->n; k++) units += !strcmp(ch->cell[k][0], "units");
  assert_int_equal(units, 29);
  free(csv);
  free(sv);
  free(ch);
  free(st);
  free(x);
}

int main(void) {
  static char a[256][512], b[256][512];
  cells_a = a;
  cells_b = b;
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_xform_structure),
    cmocka_unit_test(test_lss_structure),
    cmocka_unit_test(test_kobo_export_matches_xform),
    cmocka_unit_test(test_limesurvey_export_matches_lss),
    cmocka_unit_test(test_google_export_matches_script),
    cmocka_unit_test(test_xlsform_matches_kobo_export),
  };
  return cmocka_run_group_tests_name("questionnaire structure", tests, qn_setup, qn_teardown);
}

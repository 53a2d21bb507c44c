/* The survey and organisation loaders: the shipped files load with the expected
 * shape, and each rule the schema cannot say fails with its message and line, all
 * problems at once. Fixtures: tests/data/surveys/mini-*.xml, mutated in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <sixbox/show.h>
#include "surveys/model.h"
#include "surveys/xml/fixture.h"

#define DATA SBX_TEST_DATA "/surveys/"
#define DEFS SBX_SOURCE_DIR "/surveys/definitions/"

static sbx_survey *survey_from(const char *xml, sbx_ctx *ctx) {
  sbx_survey *s = NULL;
  int rc = sbx_survey_load_memory(&s, xml, strlen(xml), "t.xml", ctx);
  assert_true(rc == 0 ? s != NULL : s == NULL);
  return s;
}

/* Loads the mini survey with `from` replaced by `to`; expects failure. */
static sbx_ctx *survey_fails(const char *from, const char *to) {
  char *base = fx_read(DATA "mini-survey.xml");
  char *xml = fx_replace(base, from, to);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = survey_from(xml, ctx);
  assert_null(s);
  assert_true(sbx_ctx_errors(ctx) > 0);
  free(base);
  free(xml);
  return ctx;
}

static sbx_ctx *org_fails(const char *from, const char *to) {
  char *base = fx_read(DATA "mini-org.xml");
  char *xml = fx_replace(base, from, to);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load_memory(&o, xml, strlen(xml), "t.xml", ctx), SBX_EDATA);
  assert_null(o);
  free(base);
  free(xml);
  return ctx;
}

#define SURVEY_RULE(name, from, to, line, msg)                                          \
  static void name(void **state) {                                                     \
    (void)state;                                                                       \
    sbx_ctx *ctx = survey_fails(from, to);                                             \
    assert_problem(ctx, line, msg);                                                    \
    sbx_ctx_free(ctx);                                                                 \
  }
#define ORG_RULE(name, from, to, line, msg)                                             \
  static void name(void **state) {                                                     \
    (void)state;                                                                       \
    sbx_ctx *ctx = org_fails(from, to);                                                \
    assert_problem(ctx, line, msg);                                                    \
    sbx_ctx_free(ctx);                                                                 \
  }

/* Every point of a scale has a label: forms offer the labelled points only. */
SURVEY_RULE(test_every_point_labelled,
            "<point value=\"3\"><label lang=\"sv\">Delvis</label><label lang=\"en\">Partly</label></point>",
            "", 5, "answer scale a5: 1 of the points 1..5 have no <point> with a label (the first: 3)")
SURVEY_RULE(test_only_one_point_labelled, "min=\"1\" max=\"5\"", "min=\"-5\" max=\"5\"", 5,
            "answer scale a5: 6 of the points -5..5 have no <point> with a label (the first: -5)")
/* Two units that an answer could not tell apart, as the importer compares labels. */
ORG_RULE(test_unit_name_reads_as_other_id, "<name lang=\"sv\">E2</name>",
         "<name lang=\"sv\">E1!</name>", 8,
         "unit e2: its name 'E1!' reads the same as a name, alias or id of unit e1 (line 7)")
ORG_RULE(test_unit_name_spaced_id, "<name lang=\"en\">F2</name>",
         "<name lang=\"en\">  K  </name>", 11, "unit f2: its name 'K' reads the same")
/* Swedish letters fold case too: "Förskolan" and "FÖRSKOLAN." are one label. */
static void test_unit_names_differ_in_case_only(void **state) {
  (void)state;
  char *base = fx_read(DATA "mini-org.xml");
  char *a = fx_replace(base, "<name lang=\"sv\">E2</name>",
                       "<name lang=\"sv\">F\xC3\xB6rskolan</name>");
  char *xml = fx_replace(a, "<name lang=\"en\">F2</name>",
                         "<name lang=\"en\">F\xC3\x96RSKOLAN.</name>");
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load_memory(&o, xml, strlen(xml), "t.xml", ctx), SBX_EDATA);
  assert_problem(ctx, 11, "unit f2: its name 'F\xC3\x96RSKOLAN.' reads the same as a name, "
                          "alias or id of unit e2 (line 8)");
  sbx_ctx_free(ctx);
  free(xml);
  free(a);
  free(base);
}
ORG_RULE(test_unit_id_reads_as_other_name, "<unit id=\"e2\"", "<unit id=\"F1\"", 8,
         "unit F1: its id 'F1' reads the same as a name, alias or id of unit f1 (line 6)")
ORG_RULE(test_unit_alias_reads_as_other_id, "<name lang=\"en\">F2</name></unit>",
         "<name lang=\"en\">F2</name><alias>E-1</alias><alias>e1</alias></unit>", 11,
         "unit f2: its alias 'e1' reads the same as a name, alias or id of unit e1 (line 7)")

SURVEY_RULE(test_item_id_twice, "id=\"i2\"", "id=\"i1\"", 20,
            "question id 'i1' is used twice (first on line 19)")
SURVEY_RULE(test_question_ids_share_a_namespace, "free-text id=\"c1\"", "free-text id=\"i7\"",
            26, "question id 'i7' is used twice (first on line 25)")
SURVEY_RULE(test_scale_id_twice, "<scale id=\"change\" kind=\"extra\">",
            "<scale id=\"purposes\" kind=\"box\">", 16,
            "scale id 'purposes' is used twice (first on line 10)")
SURVEY_RULE(test_answer_scale_id_twice, "</answer-scale>",
            "</answer-scale><answer-scale id=\"a5\" min=\"1\" max=\"2\" cutoff=\"1\" "
            "favourable=\"2\" direction=\"high-is-good\"><point value=\"1\"><label lang=\"sv\">"
            "x</label><label lang=\"en\">x</label></point></answer-scale>",
            9, "answer scale id 'a5' is used twice (first on line 5)")
SURVEY_RULE(test_unknown_scale, "scale=\"purposes\" answer-scale", "scale=\"nope\" answer-scale",
            19, "item i1: unknown scale 'nope'")
SURVEY_RULE(test_unknown_answer_scale, "id=\"i3\" scale=\"relationships\" answer-scale=\"a5\"",
            "id=\"i3\" scale=\"relationships\" answer-scale=\"a7\"", 21,
            "item i3: unknown answer scale 'a7'")
SURVEY_RULE(test_six_boxes_needed,
            "<scale id=\"rewards\" kind=\"box\">", "<scale id=\"pay\" kind=\"extra\">", 0,
            "no scale 'rewards'; all six boxes are needed")
SURVEY_RULE(test_box_kind_needs_box_id, "<scale id=\"change\" kind=\"extra\">",
            "<scale id=\"change\" kind=\"box\">", 16, "scale change: kind=\"box\" needs a box id")
SURVEY_RULE(test_box_id_needs_box_kind, "<scale id=\"leadership\" kind=\"box\">",
            "<scale id=\"leadership\" kind=\"extra\">", 14,
            "scale leadership is one of the six boxes")
SURVEY_RULE(test_cutoff_in_range, "cutoff=\"3\"", "cutoff=\"6\"", 5,
            "answer scale a5: cutoff 6 is outside min..max (1..5)")
SURVEY_RULE(test_favourable_in_range, "favourable=\"4\"", "favourable=\"0\"", 5,
            "answer scale a5: favourable 0 is outside min..max (1..5)")
SURVEY_RULE(test_favourable_on_good_side, "favourable=\"4\"", "favourable=\"2\"", 5,
            "favourable 2 is on the problem side of the cutoff 3")
SURVEY_RULE(test_min_below_max, "min=\"1\" max=\"5\"", "min=\"5\" max=\"5\"", 5,
            "min (5) must be below max (5)")
SURVEY_RULE(test_point_twice, "<point value=\"5\">", "<point value=\"1\">", 7,
            "answer scale a5: point 1 is given twice")
SURVEY_RULE(test_point_in_range, "<point value=\"5\">", "<point value=\"6\">", 7,
            "answer scale a5: point 6 is outside min..max (1..5)")
SURVEY_RULE(test_dont_know_code_not_a_point, "code=\"9\"", "code=\"5\"", 5,
            "the don't-know code 5 is also a point")
SURVEY_RULE(test_text_in_every_language, "<text lang=\"en\">One</text>", "", 19,
            "item i1: no <text> in 'en'")
SURVEY_RULE(test_text_in_declared_language, "<text lang=\"en\">Two</text>",
            "<text lang=\"en\">Two</text><text lang=\"de\">Zwei</text>", 20,
            "item i2: language 'de' is not among the declared <languages>")
SURVEY_RULE(test_text_once_per_language, "<name lang=\"en\">Structure</name>",
            "<name lang=\"en\">Structure</name><name lang=\"en\">Form</name>", 11,
            "scale structure: a second <name> in 'en'")
SURVEY_RULE(test_label_in_every_language, "<label lang=\"en\">Yes</label>", "", 7,
            "answer scale a5, point 5: no <label> in 'en'")
SURVEY_RULE(test_outcome_is_a_scale, "<outcome scale=\"change\"/>", "<outcome scale=\"mood\"/>",
            17, "outcome: unknown scale 'mood'")
SURVEY_RULE(test_scale_has_items, "<item id=\"i7\" scale=\"change\"", "<item id=\"i7\" scale=\"purposes\"",
            16, "scale change has no items")
SURVEY_RULE(test_one_unit_question, "<free-text id=\"c1\">",
            "<unit-question id=\"u2\"><text lang=\"sv\">E</text><text lang=\"en\">U</text>"
            "</unit-question><free-text id=\"c1\">", 26, "a second <unit-question>")
SURVEY_RULE(test_schema_error_has_line, "reverse=\"true\"", "reverse=\"yes\"", 22, "reverse")
SURVEY_RULE(test_languages_once, "<languages>sv en</languages>", "<languages>sv en sv</languages>",
            3, "language 'sv' is listed twice")
static void test_wrong_root(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load(&s, DATA "mini-org.xml", ctx), SBX_EDATA);
  assert_problem(ctx, 2, "the root element is <organisation>; expected <survey>");
  sbx_ctx_free(ctx);
  /* The right name in a namespace is named as such, not "<survey>; expected <survey>". */
  ctx = survey_fails("<survey ", "<survey xmlns=\"rel\" ");
  assert_problem(ctx, 2, "the root element <survey> is in the namespace 'rel'; expected <survey> with "
                         "no namespace: remove the xmlns attribute");
  sbx_ctx_free(ctx);
}

static void test_every_problem_reported(void **state) {
  (void)state;
  char *a = fx_read(DATA "mini-survey.xml");
  char *b = fx_replace(a, "id=\"i2\"", "id=\"i1\"");
  char *c = fx_replace(b, "cutoff=\"3\"", "cutoff=\"9\"");
  char *d = fx_replace(c, "<text lang=\"en\">Six</text>", "");
  sbx_ctx *ctx = sbx_ctx_new();
  assert_null(survey_from(d, ctx));
  assert_problem(ctx, 20, "used twice");
  assert_problem(ctx, 5, "cutoff 9");
  assert_problem(ctx, 24, "no <text> in 'en'");
  for (size_t i = 1; i < sbx_ctx_count(ctx); i++) /* in line order */
    assert_true(sbx_ctx_get(ctx, i - 1)->line <= sbx_ctx_get(ctx, i)->line);
  char buf[512];
  sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, 0));
  assert_true(strncmp(buf, "t.xml:", 6) == 0);
  sbx_ctx_free(ctx);
  free(a);
  free(b);
  free(c);
  free(d);
}

static void test_mini_survey_model(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load(&s, DATA "mini-survey.xml", ctx), 0);
  assert_int_equal(s->nitem, 7);
  assert_int_equal(s->nscale, 7);
  assert_int_equal(s->min_item_share_pct, 60);
  assert_int_equal(s->outcome, 6);
  assert_true(s->item[3].reverse);
  assert_false(s->item[0].reverse);
  assert_int_equal(s->scale[3].box, SBX_BOX_REWARDS);
  assert_int_equal(s->scale[6].box, SBX_BOX_NONE);
  assert_int_equal(s->answer_scale[0].npoint, 5);
  assert_true(s->answer_scale[0].has_dont_know);
  assert_string_equal(s->answer_scale[0].dont_know_code, "9");
  assert_string_equal(sbx__text_get(&s->scale[0].name, "sv"), "Uppgift och mål");
  assert_true(s->has_unit_question);
  assert_int_equal(s->unit_question.nalias, 1);
  assert_int_equal(s->nfree_text, 1);
  assert_int_equal(s->item[4].line, 23);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
}

static void test_missing_file(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load(&s, DATA "no-such-file.xml", ctx), SBX_ENOENT);
  assert_null(s);
  sbx_ctx_free(ctx);
}

ORG_RULE(test_unit_id_twice, "<unit id=\"e2\"", "<unit id=\"e1\"", 8,
         "unit id 'e1' is used twice (first on line 7)")
ORG_RULE(test_unit_parent_exists, "parent=\"k\"", "parent=\"zz\"", 11,
         "unit f2: parent 'zz' is not a unit")
ORG_RULE(test_unit_one_root, " parent=\"k\" kind=\"bolag\"", " kind=\"bolag\"", 11,
         "unit f2 has no parent, but unit k (line 5) is already the whole organisation")
ORG_RULE(test_unit_cycle,
         "<unit id=\"f2\" parent=\"k\" kind=\"bolag\"><name lang=\"sv\">F2</name><name lang=\"en\">F2</name></unit>",
         "<unit id=\"x\" parent=\"y\"><name lang=\"sv\">X</name><name lang=\"en\">X</name></unit>"
         "<unit id=\"y\" parent=\"x\"><name lang=\"sv\">Y</name><name lang=\"en\">Y</name></unit>"
         "<unit id=\"f2\" parent=\"k\" kind=\"bolag\"><name lang=\"sv\">F2</name><name lang=\"en\">F2</name></unit>",
         11, "its parents form a cycle")
ORG_RULE(test_unit_nested_parent_conflict, "<unit id=\"e2\" kind",
         "<unit id=\"e2\" parent=\"k\" kind", 8, "stands inside unit f1 but names parent 'k'")
ORG_RULE(test_unit_name_languages, "<name lang=\"en\">E2</name>", "", 8,
         "unit e2: no <name> in 'en'")
ORG_RULE(test_goal_id_twice, "<goal id=\"o2\"", "<goal id=\"o1\"", 20,
         "goal id 'o1' is used twice (first on line 14)")
ORG_RULE(test_goal_parent_exists, "parent=\"s1\"", "parent=\"zz\"", 20,
         "goal o2: parent 'zz' is not a goal")
ORG_RULE(test_goal_levels, "id=\"o1\" level=\"operative\"", "id=\"o1\" level=\"activity\"", 14,
         "goal o1 (level activity) cannot stand under the strategic goal s1")
ORG_RULE(test_goal_level_needs_parent, " parent=\"s1\" unit=\"f2\"", " unit=\"f2\"", 20,
         "goal o2 (level operative) needs a parent strategic goal")
ORG_RULE(test_operative_goal_owns_a_unit, "level=\"operative\" unit=\"f1\"", "level=\"operative\"",
         14, "goal o1: an operative goal needs unit=")
ORG_RULE(test_goal_unit_exists, "unit=\"e1\"", "unit=\"e9\"", 16,
         "goal a1: unit 'e9' is not in the organisation")
ORG_RULE(test_critical_box_valid, "box=\"leadership\"", "box=\"money\"", 15,
         "goal o1: 'money' is not a box")
ORG_RULE(test_critical_weight_positive, "weight=\"2\"", "weight=\"0\"", 15,
         "goal o1: the weight of box leadership must be above 0")
ORG_RULE(test_critical_box_once, "<critical box=\"leadership\" weight=\"2\"/>",
         "<critical box=\"leadership\" weight=\"2\"/><critical box=\"leadership\"/>", 15,
         "goal o1: box leadership is named twice")
ORG_RULE(test_goal_title_languages, "<title lang=\"en\">A</title>", "", 16,
         "goal a1: no <title> in 'en'")

static void test_mini_org_model(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load(&o, DATA "mini-org.xml", ctx), 0);
  const char *units[] = { "k", "f1", "e1", "e2", "f2" };
  const size_t depth[] = { 0, 1, 2, 2, 1 }, parent[] = { SBX_NONE, 0, 1, 1, 0 };
  assert_int_equal(o->nunit, 5);
  for (size_t i = 0; i < 5; i++) {
    assert_string_equal(o->unit[i].id, units[i]);
    assert_int_equal(o->unit[i].depth, depth[i]);
    assert_int_equal(o->unit[i].parent, parent[i]);
  }
  assert_int_equal(o->unit[2].headcount, 12);
  assert_int_equal(o->unit[1].headcount, -1);
  const char *goals[] = { "v", "s1", "o1", "a1", "o2" };
  assert_int_equal(o->ngoal, 5);
  for (size_t i = 0; i < 5; i++) assert_string_equal(o->goal[i].id, goals[i]);
  assert_int_equal(o->goal[0].level, SBX_GOAL_VISION);
  assert_int_equal(o->goal[4].parent, 1);
  assert_int_equal(o->goal[4].unit, 4);
  assert_int_equal(o->goal[3].unit, 2);
  assert_int_equal(o->goal[2].critical[0].box, SBX_BOX_LEADERSHIP);
  assert_true(o->goal[2].critical[0].weight == 2.0);
  assert_true(o->goal[4].critical[0].weight == 1.0);
  sbx_org_free(o);
  sbx_ctx_free(ctx);
}

static void test_activity_inherits_unit(void **state) {
  (void)state;
  char *a = fx_read(DATA "mini-org.xml");
  char *b = fx_replace(a, "level=\"activity\" unit=\"e1\"", "level=\"activity\"");
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load_memory(&o, b, strlen(b), "t.xml", ctx), 0);
  assert_int_equal(o->goal[3].unit, 1);
  sbx_org_free(o);
  sbx_ctx_free(ctx);
  free(a);
  free(b);
}

/* A flat chain of 20 000 units, each the parent of the next: placed without deep
 * recursion; closing the chain into a cycle gives one message, not 20 000. */
static char *chain(size_t n, int cycle) {
  size_t cap = 200 + n * 120, k = 0;
  char *x = malloc(cap);
  assert_non_null(x);
  k += (size_t)snprintf(x, cap, "<organisation id=\"c\"><languages>sv</languages>"
                        "<name lang=\"sv\">C</name>\n<unit id=\"u0\"%s><name lang=\"sv\">U"
                        "</name></unit>\n", cycle ? " parent=\"u19999\"" : "");
  for (size_t i = 1; i < n; i++)
    k += (size_t)snprintf(x + k, cap - k, "<unit id=\"u%zu\" parent=\"u%zu\"><name "
                          "lang=\"sv\">U %zu</name></unit>\n", i, i - 1, i);
  snprintf(x + k, cap - k, "</organisation>");
  return x;
}

static void test_long_parent_chain(void **state) {
  (void)state;
  char *x = chain(20000, 0);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load_memory(&o, x, strlen(x), "chain.xml", ctx), 0);
  assert_int_equal(o->nunit, 20000);
  assert_int_equal(o->unit[19999].depth, 19999);
  assert_string_equal(o->unit[19999].id, "u19999");
  sbx_org_free(o);
  free(x);
  x = chain(20000, 1);
  sbx_ctx_clear(ctx);
  assert_int_equal(sbx_org_load_memory(&o, x, strlen(x), "chain.xml", ctx), SBX_EDATA);
  assert_problem(ctx, 0, "its parents form a cycle");
  assert_int_equal(sbx_ctx_errors(ctx), 1);
  sbx_ctx_free(ctx);
  free(x);
}

static void test_org_check_survey(void **state) {
  (void)state;
  const char *xml =
      "<survey id=\"x\" version=\"1\"><languages>sv</languages>"
      "<title><text lang=\"sv\">X</text></title>"
      "<answer-scale id=\"a\" min=\"1\" max=\"2\" cutoff=\"1.5\" favourable=\"2\" "
      "direction=\"high-is-good\"><point value=\"1\"><label lang=\"sv\">Nej</label></point>"
      "<point value=\"2\"><label lang=\"sv\">Ja</label></point>"
      "</answer-scale><scale id=\"mood\" kind=\"extra\"><name lang=\"sv\">M</name></scale>\n"
      "<item id=\"q\" scale=\"mood\" answer-scale=\"a\"><text lang=\"sv\">Q</text></item>"
      "</survey>";
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = survey_from(xml, ctx);
  assert_non_null(s);
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load(&o, DATA "mini-org.xml", ctx), 0);
  assert_int_equal(sbx_org_check_survey(o, s, ctx), SBX_EDATA);
  assert_problem(ctx, 14, "goal o1: critical box leadership is not a scale of survey x");
  assert_problem(ctx, 20, "goal o2: critical box rewards is not a scale of survey x");
  sbx_survey *full = NULL;
  sbx_ctx_clear(ctx);
  assert_int_equal(sbx_survey_load(&full, DATA "mini-survey.xml", ctx), 0);
  assert_int_equal(sbx_org_check_survey(o, full, ctx), 0);
  sbx_survey_free(full);
  sbx_survey_free(s);
  sbx_org_free(o);
  sbx_ctx_free(ctx);
}

/* The ODQ key: scale k holds items k, k+7, ..., in the order purposes, structure,
 * leadership, relationships, rewards, helpful mechanisms, attitude to change. */
static void check_full(const char *path, sbx_direction dir) {
  static const char *const order[] = { "purposes", "structure", "leadership", "relationships",
                                       "rewards", "helpful-mechanisms", "attitude-to-change" };
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load(&s, path, ctx), 0);
  assert_int_equal(sbx_ctx_count(ctx), 0);
  assert_int_equal(s->nitem, 35);
  assert_int_equal(s->nscale, 7);
  for (size_t i = 0; i < 35; i++) {
    char id[8];
    snprintf(id, sizeof id, "q%02zu", i + 1);
    assert_string_equal(s->item[i].id, id);
    assert_string_equal(s->scale[s->item[i].scale].id, order[i % 7]);
  }
  assert_int_equal(s->scale[6].kind, SBX_SCALE_EXTRA);
  assert_string_equal(s->scale[s->outcome].id, "attitude-to-change");
  const sbx_answer_scale *a = &s->answer_scale[0];
  assert_int_equal(a->min, 1);
  assert_int_equal(a->max, 7);
  assert_true(a->cutoff == 4.0);
  assert_int_equal(a->direction, dir);
  assert_true(a->has_dont_know);
  assert_string_equal(sbx__text_get(&s->scale[3].name, "sv"), "Människor och relationer");
  assert_string_equal(sbx__text_get(&s->scale[5].name, "sv"), "Hjälpmedel och metoder");
  assert_string_equal(sbx__text_get(&a->point[0].label, "sv"),
                      dir == SBX_LOW_IS_GOOD ? "Instämmer helt" : "Instämmer inte alls");
  assert_int_equal(s->nfree_text, 2);
  assert_true(s->has_unit_question);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
}

static void test_shipped_full(void **state) {
  (void)state;
  check_full(DEFS "sixbox-full.xml", SBX_HIGH_IS_GOOD);
  check_full(DEFS "sixbox-odq-style.xml", SBX_LOW_IS_GOOD);
}

static void test_shipped_pulse(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load(&s, DEFS "sixbox-pulse.xml", ctx), 0);
  assert_int_equal(s->nitem, 12);
  assert_int_equal(s->nscale, 6);
  for (size_t i = 0; i < s->nscale; i++) assert_int_equal(s->scale[i].nitem, 2);
  assert_int_equal(s->answer_scale[0].max, 5);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
}

static void test_shipped_org(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load(&o, SBX_SOURCE_DIR "/surveys/examples/exempelstad/org.xml", ctx), 0);
  assert_int_equal(sbx_ctx_count(ctx), 0);
  size_t forv = 0, bolag = 0, leaves = 0, small = 0, strategic = 0, operative = 0;
  for (size_t i = 0; i < o->nunit; i++) {
    const sbx_unit *u = &o->unit[i];
    forv += u->kind && strcmp(u->kind, "förvaltning") == 0;
    bolag += u->kind && strcmp(u->kind, "bolag") == 0;
    if (u->kind && strcmp(u->kind, "enhet") == 0) {
      leaves++;
      assert_true(u->headcount >= 6 && u->headcount <= 120);
      small += u->headcount < 10;
    }
  }
  assert_true(forv >= 8 && bolag >= 2 && leaves >= 25 && small >= 2);
  assert_int_equal(o->goal[0].level, SBX_GOAL_VISION);
  for (size_t i = 0; i < o->ngoal; i++) {
    strategic += o->goal[i].level == SBX_GOAL_STRATEGIC;
    if (o->goal[i].level == SBX_GOAL_OPERATIVE) {
      operative++;
      assert_true(o->goal[i].ncritical >= 1 && o->goal[i].ncritical <= 3);
      assert_int_equal(o->unit[o->goal[i].unit].depth, 1);
    }
  }
  assert_int_equal(strategic, 3);
  assert_true(operative >= 10);
  sbx_survey *s = NULL;
  assert_int_equal(sbx_survey_load(&s, DEFS "sixbox-full.xml", ctx), 0);
  assert_int_equal(sbx_org_check_survey(o, s, ctx), 0);
  sbx_survey_free(s);
  sbx_org_free(o);
  sbx_ctx_free(ctx);
}

static void test_definition_kind(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_file_kind k;
  assert_int_equal(sbx_definition_kind(&k, DATA "mini-survey.xml", ctx), 0);
  assert_int_equal(k, SBX_FILE_SURVEY);
  assert_int_equal(sbx_definition_kind(&k, DATA "mini-org.xml", ctx), 0);
  assert_int_equal(k, SBX_FILE_ORG);
  sbx_ctx_free(ctx);
}

/* The JSON of show is deterministic and follows the contract's key order. */
static void test_show_json_shape(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *o = NULL;
  assert_int_equal(sbx_org_load(&o, DATA "mini-org.xml", ctx), 0);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_int_equal(sbx_show_org(f, o, "en", 1, ctx), 0);
  fclose(f);
  assert_non_null(strstr(buf, "\"name\": \"Mini municipality\""));
  assert_non_null(strstr(buf, "\"id\": \"k\",\n      \"name\": \"K\",\n      \"parent\": null,\n"
                              "      \"headcount\": null"));
  assert_non_null(strstr(buf, "\"box\": \"leadership\",\n          \"weight\": 2.0"));
  free(buf);
  sbx_org_free(o);
  sbx_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_every_point_labelled),
    cmocka_unit_test(test_only_one_point_labelled),
    cmocka_unit_test(test_unit_name_reads_as_other_id),
    cmocka_unit_test(test_unit_names_differ_in_case_only),
    cmocka_unit_test(test_unit_id_reads_as_other_name),
    cmocka_unit_test(test_unit_name_spaced_id),
    cmocka_unit_test(test_unit_alias_reads_as_other_id),
    cmocka_unit_test(test_item_id_twice),
    cmocka_unit_test(test_question_ids_share_a_namespace),
    cmocka_unit_test(test_scale_id_twice),
    cmocka_unit_test(test_answer_scale_id_twice),
    cmocka_unit_test(test_unknown_scale),
    cmocka_unit_test(test_unknown_answer_scale),
    cmocka_unit_test(test_six_boxes_needed),
    cmocka_unit_test(test_box_kind_needs_box_id),
    cmocka_unit_test(test_box_id_needs_box_kind),
    cmocka_unit_test(test_cutoff_in_range),
    cmocka_unit_test(test_favourable_in_range),
    cmocka_unit_test(test_favourable_on_good_side),
    cmocka_unit_test(test_min_below_max),
    cmocka_unit_test(test_point_twice),
    cmocka_unit_test(test_point_in_range),
    cmocka_unit_test(test_dont_know_code_not_a_point),
    cmocka_unit_test(test_text_in_every_language),
    cmocka_unit_test(test_text_in_declared_language),
    cmocka_unit_test(test_text_once_per_language),
    cmocka_unit_test(test_label_in_every_language),
    cmocka_unit_test(test_outcome_is_a_scale),
    cmocka_unit_test(test_scale_has_items),
    cmocka_unit_test(test_one_unit_question),
    cmocka_unit_test(test_schema_error_has_line),
    cmocka_unit_test(test_languages_once),
    cmocka_unit_test(test_wrong_root),
    cmocka_unit_test(test_every_problem_reported),
    cmocka_unit_test(test_mini_survey_model),
    cmocka_unit_test(test_missing_file),
    cmocka_unit_test(test_unit_id_twice),
    cmocka_unit_test(test_unit_parent_exists),
    cmocka_unit_test(test_unit_one_root),
    cmocka_unit_test(test_unit_cycle),
    cmocka_unit_test(test_unit_nested_parent_conflict),
    cmocka_unit_test(test_unit_name_languages),
    cmocka_unit_test(test_goal_id_twice),
    cmocka_unit_test(test_goal_parent_exists),
    cmocka_unit_test(test_goal_levels),
    cmocka_unit_test(test_goal_level_needs_parent),
    cmocka_unit_test(test_operative_goal_owns_a_unit),
    cmocka_unit_test(test_goal_unit_exists),
    cmocka_unit_test(test_critical_box_valid),
    cmocka_unit_test(test_critical_weight_positive),
    cmocka_unit_test(test_critical_box_once),
    cmocka_unit_test(test_goal_title_languages),
    cmocka_unit_test(test_mini_org_model),
    cmocka_unit_test(test_activity_inherits_unit),
    cmocka_unit_test(test_long_parent_chain),
    cmocka_unit_test(test_org_check_survey),
    cmocka_unit_test(test_shipped_full),
    cmocka_unit_test(test_shipped_pulse),
    cmocka_unit_test(test_shipped_org),
    cmocka_unit_test(test_definition_kind),
    cmocka_unit_test(test_show_json_shape),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

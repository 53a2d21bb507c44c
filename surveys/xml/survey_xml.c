/* Survey definitions: from a schema-valid <survey> document to sbx_survey. The
 * builder resolves each item's scale and answer scale as it goes (both are declared
 * before the questionnaire) and reports every problem with its line; the checks
 * across the whole survey are in survey_rules.c. The format: surveys/README.md. */
#include "surveys/xml/survey_xml.h"

#include <stdlib.h>
#include <string.h>

static void build_points(sbx__xb *b, xmlNode *n, sbx_answer_scale *a) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (!sbx__xml_is(c, "point")) continue;
    int v = (int)sbx__xb_long(c, "value", 0);
    long line = sbx__xml_line(c);
    int dup = 0;
    for (size_t k = 0; k < a->npoint; k++) dup |= a->point[k].value == v;
    if (dup) {
      sbx__xb_error(b, line, "answer scale %s: point %d is given twice", a->id, v);
      continue;
    }
    if (v < a->min || v > a->max)
      sbx__xb_error(b, line, "answer scale %s: point %d is outside min..max (%d..%d)",
                    a->id, v, a->min, a->max);
    sbx_point *p = sbx__xb_add_point(b, a, v);
    if (!p) return;
    char what[128];
    snprintf(what, sizeof what, "answer scale %s, point %d", a->id, v);
    sbx__xb_texts(b, c, "label", &p->label, what);
    sbx__xb_aliases(b, c, &p->alias, &p->nalias);
  }
  sbx__xb_sort_points(a);
}

void sbx__survey_answer_scale(sbx__xb *b, xmlNode *n, sbx_survey *s, long line) {
  sbx_answer_scale *na = sbx__realloc(s->answer_scale, (s->nanswer_scale + 1) * sizeof *na);
  if (!na) {
    b->nomem = 1;
    return;
  }
  s->answer_scale = na;
  sbx_answer_scale *a = &na[s->nanswer_scale++];
  memset(a, 0, sizeof *a);
  a->id = sbx__xb_strdup(b, sbx__xml_attr(n, "id"));
  if (!a->id) return;
  a->line = line ? line : sbx__xml_line(n);
  a->min = (int)sbx__xb_long(n, "min", 1);
  a->max = (int)sbx__xb_long(n, "max", 1);
  a->cutoff = sbx__xb_double(n, "cutoff", 0);
  a->favourable = sbx__xb_double(n, "favourable", 0);
  a->has_practical = sbx__xml_attr(n, "practical") != NULL;
  a->practical = sbx__xb_double(n, "practical", 0);
  const char *dir = sbx__xml_attr(n, "direction");
  a->direction = dir && strcmp(dir, "low-is-good") == 0 ? SBX_LOW_IS_GOOD : SBX_HIGH_IS_GOOD;
  build_points(b, n, a);
  for (xmlNode *c = n->children; c; c = c->next) {
    if (!sbx__xml_is(c, "dont-know")) continue;
    a->has_dont_know = 1;
    const char *code = sbx__xml_attr(c, "code");
    if (code) a->dont_know_code = sbx__xb_strdup(b, code);
    char what[128];
    snprintf(what, sizeof what, "answer scale %s, don't know", a->id);
    sbx__xb_texts(b, c, "label", &a->dont_know, what);
  }
}

void sbx__survey_scale(sbx__xb *b, xmlNode *n, sbx_survey *s, long line) {
  sbx_scale *ns = sbx__realloc(s->scale, (s->nscale + 1) * sizeof *ns);
  if (!ns) {
    b->nomem = 1;
    return;
  }
  s->scale = ns;
  sbx_scale *sc = &ns[s->nscale++];
  memset(sc, 0, sizeof *sc);
  sc->id = sbx__xb_strdup(b, sbx__xml_attr(n, "id"));
  if (!sc->id) return;
  sc->line = line ? line : sbx__xml_line(n);
  const char *kind = sbx__xml_attr(n, "kind");
  sc->kind = kind && strcmp(kind, "extra") == 0 ? SBX_SCALE_EXTRA : SBX_SCALE_BOX;
  sc->box = sc->kind == SBX_SCALE_BOX ? sbx_box_from_id(sc->id) : SBX_BOX_NONE;
  char what[128];
  snprintf(what, sizeof what, "scale %s", sc->id);
  sbx__xb_texts(b, n, "name", &sc->name, what);
}

static size_t find_answer_scale(const sbx_survey *s, const char *id) {
  for (size_t i = 0; id && i < s->nanswer_scale; i++)
    if (s->answer_scale[i].id && strcmp(s->answer_scale[i].id, id) == 0) return i;
  return SBX_NONE;
}

static size_t find_scale(const sbx_survey *s, const char *id) {
  for (size_t i = 0; id && i < s->nscale; i++)
    if (s->scale[i].id && strcmp(s->scale[i].id, id) == 0) return i;
  return SBX_NONE;
}

static void build_question(sbx__xb *b, xmlNode *n, sbx_question *q, const char *kind) {
  memset(q, 0, sizeof *q);
  q->id = sbx__xb_strdup(b, sbx__xml_attr(n, "id"));
  if (!q->id) return;
  q->line = sbx__xml_line(n);
  char what[128];
  snprintf(what, sizeof what, "%s %s", kind, q->id);
  sbx__xb_texts(b, n, "text", &q->text, what);
  sbx__xb_aliases(b, n, &q->alias, &q->nalias);
}

void sbx__survey_item(sbx__xb *b, xmlNode *n, sbx_survey *s, const char *scale, long line) {
  sbx_item *ni = sbx__realloc(s->item, (s->nitem + 1) * sizeof *ni);
  if (!ni) {
    b->nomem = 1;
    return;
  }
  s->item = ni;
  sbx_item *it = &ni[s->nitem++];
  memset(it, 0, sizeof *it);
  sbx_question q;
  build_question(b, n, &q, "item");
  it->id = q.id;
  it->text = q.text;
  it->alias = q.alias;
  it->nalias = q.nalias;
  it->line = line ? line : sbx__xml_line(n);
  it->hme = (int)sbx__xb_long(n, "hme", 0);
  const char *rev = sbx__xml_attr(n, "reverse");
  it->reverse = rev && (strcmp(rev, "true") == 0 || strcmp(rev, "1") == 0);
  const char *sc = scale ? scale : sbx__xml_attr(n, "scale"), *as = sbx__xml_attr(n, "answer-scale");
  it->scale = find_scale(s, sc);
  it->answer_scale = find_answer_scale(s, as);
  if (it->scale == SBX_NONE)
    sbx__xb_error(b, it->line, "item %s: unknown scale '%s'; declare it with <scale id=\"%s\">",
                  it->id ? it->id : "?", sc ? sc : "", sc ? sc : "");
  if (it->answer_scale == SBX_NONE)
    sbx__xb_error(b, it->line, "item %s: unknown answer scale '%s'", it->id ? it->id : "?",
                  as ? as : "");
}

static void build_free_text(sbx__xb *b, xmlNode *n, sbx_survey *s) {
  sbx_question *nq = sbx__realloc(s->free_text, (s->nfree_text + 1) * sizeof *nq);
  if (!nq) {
    b->nomem = 1;
    return;
  }
  s->free_text = nq;
  build_question(b, n, &nq[s->nfree_text++], "free-text question");
}

static void build_unit_question(sbx__xb *b, xmlNode *n, sbx_survey *s) {
  if (s->has_unit_question) {
    sbx__xb_error(b, sbx__xml_line(n),
                  "a second <unit-question> (the first is on line %ld); keep one",
                  s->unit_question.line);
    return;
  }
  s->has_unit_question = 1;
  build_question(b, n, &s->unit_question, "unit question");
}

static void build_outcome(sbx__xb *b, xmlNode *n, sbx_survey *s) {
  const char *id = sbx__xml_attr(n, "scale");
  s->outcome = find_scale(s, id);
  if (s->outcome == SBX_NONE)
    sbx__xb_error(b, sbx__xml_line(n), "outcome: unknown scale '%s'", id ? id : "");
}

/* Each scale's items, in questionnaire order. */
static void link_items(sbx__xb *b, sbx_survey *s) {
  for (size_t i = 0; i < s->nitem; i++) {
    size_t k = s->item[i].scale;
    if (k == SBX_NONE) continue;
    sbx_scale *sc = &s->scale[k];
    size_t *ni = sbx__realloc(sc->item, (sc->nitem + 1) * sizeof *ni);
    if (!ni) {
      b->nomem = 1;
      return;
    }
    sc->item = ni;
    ni[sc->nitem++] = i;
  }
}

static void build_head(sbx__xb *b, xmlNode *root, sbx_survey *s) {
  s->id = sbx__xb_strdup(b, sbx__xml_attr(root, "id"));
  s->version = sbx__xb_strdup(b, sbx__xml_attr(root, "version"));
  s->min_item_share_pct = (int)sbx__xb_long(root, "min-item-share", 60);
  s->outcome = SBX_NONE;
  xmlNode *langs = sbx__xml_elem(root->children);
  if (sbx__xml_is(langs, "languages")) sbx__xb_languages(b, langs, &s->lang, &s->nlang);
  b->lang = s->lang;
  b->nlang = s->nlang;
}

/* Caps keep a hostile file's cost bounded. */
static int over_cap(sbx__xb *b, xmlNode *c, const sbx_survey *s) {
  if (s->nitem + s->nfree_text >= SBX_XML_MAX_QUESTIONS) {
    sbx__xb_error(b, sbx__xml_line(c), "more than %d questions; the file is refused",
                  SBX_XML_MAX_QUESTIONS);
    return 1;
  }
  if (s->nscale + s->nanswer_scale >= SBX_XML_MAX_SCALES) {
    sbx__xb_error(b, sbx__xml_line(c), "more than %d scales; the file is refused",
                  SBX_XML_MAX_SCALES);
    return 1;
  }
  return 0;
}

void sbx__survey_build(sbx__xb *b, xmlNode *root, sbx_survey *s) {
  build_head(b, root, s);
  for (xmlNode *c = root->children; c && !b->nomem; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (over_cap(b, c, s)) break;
    if (sbx__xml_is(c, "title")) sbx__xb_texts(b, c, "text", &s->title, "title");
    else if (sbx__xml_is(c, "intro")) sbx__xb_texts(b, c, "text", &s->intro, "intro");
    else if (sbx__xml_is(c, "answer-scale")) sbx__survey_answer_scale(b, c, s, 0);
    else if (sbx__xml_is(c, "scale")) sbx__survey_scale(b, c, s, 0);
    else if (sbx__xml_is(c, "outcome")) build_outcome(b, c, s);
    else if (sbx__xml_is(c, "item")) sbx__survey_item(b, c, s, NULL, 0);
    else if (sbx__xml_is(c, "include")) sbx__survey_include(b, c, s);
    else if (sbx__xml_is(c, "gender-question")) sbx__survey_gender(b, c, s);
    else if (sbx__xml_is(c, "unit-question")) build_unit_question(b, c, s);
    else if (sbx__xml_is(c, "free-text")) build_free_text(b, c, s);
  }
  if (!b->nomem) link_items(b, s);
  if (!b->nomem) sbx__survey_link_hme(b, s);
  if (s->nitem == 0) sbx__xb_error(b, sbx__xml_line(root), "the survey has no <item>");
}

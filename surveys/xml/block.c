/* Blocks built into the library (surveys/definitions/blocks/, embedded at build time, so
 * an <include> never reads a file named in untrusted XML), the gender question, and the
 * links and rules of the nine HME statements (SKR's Hållbart medarbetarengagemang).
 * The format: surveys/README.md; the crosswalk to the boxes: README.md ("HME"). */
#include "surveys/xml/survey_xml.h"

#include <stdlib.h>
#include <string.h>

extern const unsigned char sbx__block_hme_xml[];
extern const size_t sbx__block_hme_xml_len;

typedef struct block_src {
  const char *id;
  const unsigned char *data;
  const size_t *len;
} block_src;

static const block_src blocks[] = { { "hme", sbx__block_hme_xml, &sbx__block_hme_xml_len } };

static int lang_declared(const sbx_survey *s, const char *lang) {
  for (size_t i = 0; lang && i < s->nlang; i++)
    if (strcmp(s->lang[i], lang) == 0) return 1;
  return 0;
}

/* Drops the block's texts in languages the survey does not declare. */
static void prune_langs(xmlNode *n, const sbx_survey *s) {
  xmlNode *c = n->children;
  while (c) {
    xmlNode *next = c->next;
    const char *lang = c->type == XML_ELEMENT_NODE ? sbx__xml_attr(c, "lang") : NULL;
    if (lang && !lang_declared(s, lang)) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      prune_langs(c, s);
    }
    c = next;
  }
}

/* Every survey language must be one the block has. */
static int langs_covered(sbx__xb *b, xmlNode *root, const sbx_survey *s, long line,
                         const char *id) {
  xmlNode *item = NULL;
  for (xmlNode *c = root->children; c && !item; c = c->next)
    if (sbx__xml_is(c, "item")) item = c;
  int ok = 1;
  for (size_t i = 0; item && i < s->nlang; i++) {
    int has = 0;
    for (xmlNode *t = item->children; t; t = t->next)
      if (sbx__xml_is(t, "text") && strcmp(sbx__xml_attr(t, "lang") ? sbx__xml_attr(t, "lang")
                                                                       : "", s->lang[i]) == 0)
        has = 1;
    if (!has) {
      sbx__xb_error(b, line, "block %s has no texts in '%s'; add them to "
                    "surveys/definitions/blocks/%s.xml, or leave the language out",
                    id, s->lang[i], id);
      ok = 0;
    }
  }
  return ok;
}

static const char *placed_in(xmlNode *inc, const char *scale) {
  for (xmlNode *p = inc->children; p; p = p->next)
    if (sbx__xml_is(p, "place") && strcmp(sbx__xml_attr(p, "scale"), scale) == 0)
      return sbx__xml_attr(p, "in");
  return NULL;
}

/* Each <place> must name one of the block's scales. */
static void check_places(sbx__xb *b, xmlNode *inc, xmlNode *root, const char *id) {
  for (xmlNode *p = inc->children; p; p = p->next) {
    if (!sbx__xml_is(p, "place")) continue;
    int found = 0;
    for (xmlNode *c = root->children; c && !found; c = c->next)
      found = sbx__xml_is(c, "scale") && strcmp(sbx__xml_attr(c, "id"), sbx__xml_attr(p, "scale")) == 0;
    if (!found)
      sbx__xb_error(b, sbx__xml_line(p), "block %s has no scale '%s' to place", id,
                    sbx__xml_attr(p, "scale"));
  }
}

/* The block's answer scales and scales the survey does not declare itself (a survey
 * may declare an answer scale of the same id, e.g. hme5 for its own box items), then
 * its items, each in its own scale or where a <place> puts it. */
static void add_block(sbx__xb *b, xmlNode *inc, xmlNode *root, sbx_survey *s) {
  long line = sbx__xml_line(inc);
  for (xmlNode *c = root->children; c && !b->nomem; c = c->next) {
    if (sbx__xml_is(c, "answer-scale")) {
      int have = 0;
      for (size_t i = 0; i < s->nanswer_scale; i++)
        have |= s->answer_scale[i].id && strcmp(s->answer_scale[i].id, sbx__xml_attr(c, "id")) == 0;
      if (!have) sbx__survey_answer_scale(b, c, s, line);
    } else if (sbx__xml_is(c, "scale") && !placed_in(inc, sbx__xml_attr(c, "id"))) {
      sbx__survey_scale(b, c, s, line);
    } else if (sbx__xml_is(c, "item")) {
      sbx__survey_item(b, c, s, placed_in(inc, sbx__xml_attr(c, "scale")), line);
    }
  }
}

void sbx__survey_include(sbx__xb *b, xmlNode *n, sbx_survey *s) {
  const char *id = sbx__xml_attr(n, "block");
  const block_src *src = NULL;
  for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
    if (id && strcmp(blocks[i].id, id) == 0) src = &blocks[i];
  if (!src) {
    sbx__xb_error(b, sbx__xml_line(n), "unknown block '%s'; the blocks sixbox ships: hme",
                  id ? id : "");
    return;
  }
  xmlDocPtr doc = NULL;
  char where[64];
  snprintf(where, sizeof where, "(built-in block %s)", src->id);
  int rc = sbx__xml_parse(&doc, (const char *)src->data, *src->len, where, b->ctx);
  if (!rc) rc = sbx__xml_validate(doc, SBX_FILE_SURVEY, where, b->ctx);
  if (rc) {
    if (rc == SBX_ENOMEM) b->nomem = 1;
    else sbx__xb_error(b, sbx__xml_line(n), "the built-in block %s does not load", src->id);
    xmlFreeDoc(doc);
    return;
  }
  xmlNode *root = xmlDocGetRootElement(doc);
  check_places(b, n, root, src->id);
  if (langs_covered(b, root, s, sbx__xml_line(n), src->id)) {
    prune_langs(root, s);
    add_block(b, n, root, s);
  }
  xmlFreeDoc(doc);
}

/* The options become an answer scale of the question's own ("#" + id, which no file can
 * declare), so every importer maps the answers as it maps any item's. */
static void gender_options(sbx__xb *b, xmlNode *n, sbx_survey *s, sbx_answer_scale *a) {
  for (xmlNode *c = n->children; c && !b->nomem; c = c->next) {
    if (!sbx__xml_is(c, "option")) continue;
    int v = (int)sbx__xb_long(c, "value", 0);
    const char *g = sbx__xml_attr(c, "gender");
    int *slot = g && strcmp(g, "K") == 0 ? &s->gender_k : g && strcmp(g, "M") == 0 ? &s->gender_m : NULL;
    if (slot && *slot != INT32_MIN)
      sbx__xb_error(b, sbx__xml_line(c), "gender question: a second option with gender=\"%s\"", g);
    else if (slot) *slot = v;
    sbx_point *p = sbx__xb_add_point(b, a, v);
    if (!p) return;
    for (size_t k = 0; k + 1 < a->npoint; k++)
      if (a->point[k].value == v)
        sbx__xb_error(b, sbx__xml_line(c), "gender question: value %d is given twice", v);
    if (a->npoint == 1 || v < a->min) a->min = v;
    if (a->npoint == 1 || v > a->max) a->max = v;
    sbx__xb_texts(b, c, "label", &p->label, "gender question, option");
    sbx__xb_aliases(b, c, &p->alias, &p->nalias);
  }
}

static int add_gender_scale(sbx__xb *b, xmlNode *n, sbx_survey *s) {
  sbx_answer_scale *na = sbx__realloc(s->answer_scale, (s->nanswer_scale + 1) * sizeof *na);
  if (!na) return b->nomem = 1, -1;
  s->answer_scale = na;
  sbx_answer_scale *a = &na[s->nanswer_scale++];
  memset(a, 0, sizeof *a);
  size_t len = strlen(sbx__xml_attr(n, "id")) + 2;
  a->id = sbx__malloc(len);
  if (!a->id) return b->nomem = 1, -1;
  snprintf(a->id, len, "#%s", sbx__xml_attr(n, "id"));
  a->line = sbx__xml_line(n);
  s->gender_k = s->gender_m = INT32_MIN;
  gender_options(b, n, s, a);
  sbx__xb_sort_points(a);
  a->cutoff = a->favourable = a->min;
  return 0;
}

void sbx__survey_gender(sbx__xb *b, xmlNode *n, sbx_survey *s) {
  if (s->has_gender) {
    sbx__xb_error(b, sbx__xml_line(n), "a second <gender-question>; keep one");
    return;
  }
  if (add_gender_scale(b, n, s)) return;
  sbx_item *ni = sbx__realloc(s->item, (s->nitem + 1) * sizeof *ni);
  if (!ni) {
    b->nomem = 1;
    return;
  }
  s->item = ni;
  sbx_item *it = &ni[s->nitem];
  memset(it, 0, sizeof *it);
  it->id = sbx__xb_strdup(b, sbx__xml_attr(n, "id"));
  it->line = sbx__xml_line(n);
  it->scale = SBX_NONE;
  it->answer_scale = s->nanswer_scale - 1;
  char what[128];
  snprintf(what, sizeof what, "gender question %s", it->id ? it->id : "?");
  sbx__xb_texts(b, n, "text", &it->text, what);
  sbx__xb_aliases(b, n, &it->alias, &it->nalias);
  s->has_gender = 1;
  s->gender_item = s->nitem++;
  if (s->gender_k == INT32_MIN || s->gender_m == INT32_MIN)
    sbx__xb_error(b, it->line, "gender question %s: give one option gender=\"K\" (women) and "
                  "one gender=\"M\" (men)", it->id ? it->id : "?");
}

/* An HME statement is answered on 1-5 with high good, and never reverse keyed. */
static void check_hme_item(sbx__xb *b, const sbx_survey *s, const sbx_item *it) {
  const sbx_answer_scale *a = it->answer_scale < s->nanswer_scale
                                  ? &s->answer_scale[it->answer_scale] : NULL;
  if (a && (a->min != 1 || a->max != 5 || a->direction != SBX_HIGH_IS_GOOD))
    sbx__xb_error(b, it->line, "item %s: HME statement %d needs an answer scale 1-5 with "
                  "high is good (answer scale %s is %d-%d)", it->id, it->hme, a->id, a->min,
                  a->max);
  if (it->reverse)
    sbx__xb_error(b, it->line, "item %s: HME statement %d cannot be reverse keyed", it->id,
                  it->hme);
}

void sbx__survey_link_hme(sbx__xb *b, sbx_survey *s) {
  size_t found = 0;
  for (int q = 0; q < 10; q++) s->hme_item[q] = SBX_NONE;
  for (size_t i = 0; i < s->nitem; i++) {
    const sbx_item *it = &s->item[i];
    if (it->hme < 1 || it->hme > 9) continue;
    if (s->hme_item[it->hme] != SBX_NONE) {
      sbx__xb_error(b, it->line, "item %s: HME statement %d is already item %s", it->id,
                    it->hme, s->item[s->hme_item[it->hme]].id);
      continue;
    }
    check_hme_item(b, s, it);
    s->hme_item[it->hme] = i;
    found++;
  }
  if (found > 0 && found < 9)
    for (int q = 1; q <= 9; q++)
      if (s->hme_item[q] == SBX_NONE)
        sbx__xb_error(b, s->nitem ? s->item[0].line : 0, "HME statement %d is missing; the "
                      "HME index needs all nine (include them with <include block=\"hme\"/>)", q);
  s->has_hme = found == 9;
}

/* The ODK / KoboToolbox XForm (ODK XForms spec; structure as in the real form
 * fixtures/exports/odk/ruODK_xform_FloraQuadrat04.xml): h:html / h:head / model with
 * the instance, itext translations for every language of the survey and one bind per
 * node; the body opens with the introduction and the confidentiality promise as notes,
 * then the unit question as a drop-down of the leaf units (choices named by the unit
 * ids), a group per part of the questionnaire (sbx__qn_parts: the survey's order and
 * headings) with one single-choice (select1, likert appearance) question per item whose
 * choices are the scale's points (values = point values, "don't know" = its code), and
 * the free-text questions. Node names come from the ids, so the tool's export columns
 * are group/item paths that map back by themselves. */
#include "surveys/questionnaire/builders.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))
#define XF_NS "http://www.w3.org/2002/xforms"
#define H_NS "http://www.w3.org/1999/xhtml"
#define JR_NS "http://openrosa.org/javarosa"
#define ORX_NS "http://openrosa.org/xforms"

typedef struct xf {
  const sbx__qn *q;
  xmlNsPtr def, h, jr, orx;   /* def: the XForms namespace (no prefix) */
  xmlNodePtr instance_root, model, body;
  xmlNodePtr tr[8];          /* itext translation per language, in q->langs order */
} xf;


/* <text id="id"><value>text in each language</value></text> in every translation. */
static void itext(xf *x, const char *id, const sbx_text *t, const char *fallback) {
  for (size_t i = 0; i < x->q->nlangs; i++) {
    xmlNodePtr n = xmlNewChild(x->tr[i], x->def, X("text"), NULL);
    xmlNewProp(n, X("id"), X(id));
    const char *v = t ? sbx__text_get(t, x->q->langs[i]) : "";
    xmlNewTextChild(n, x->def, X("value"), X(v[0] || !fallback ? v : fallback));
  }
}

/* The same for a frame or fixed text given per language by a function. */
static void itext_ui(xf *x, const char *id, const char *key) {
  sbx_text t = { 0 };
  for (size_t i = 0; i < x->q->nlangs; i++)
    sbx__text_set(&t, x->q->langs[i], sbx__qn_text(x->q, x->q->langs[i], key));
  itext(x, id, &t, NULL);
  sbx__text_free(&t);
}

static xmlNodePtr label(xf *x, xmlNodePtr parent, const char *id, const char *suffix) {
  char *ref = sbx__asprintf("jr:itext('%s%s')", id, suffix);
  xmlNodePtr l = xmlNewChild(parent, x->def, X("label"), NULL);
  if (ref) xmlNewProp(l, X("ref"), X(ref));
  sbx__free(ref);
  return l;
}

static xmlNodePtr bind(xf *x, const char *path, const char *type, const char *required) {
  xmlNodePtr b = xmlNewChild(x->model, x->def, X("bind"), NULL);
  xmlNewProp(b, X("nodeset"), X(path));
  xmlNewProp(b, X("type"), X(type));
  if (required) xmlNewProp(b, X("required"), X(required));
  return b;
}

/* A note: a read-only field with a label and no answer (ODK shows the label). */
static void note(xf *x, const char *name, const sbx_text *t) {
  char path[SBX_QN_CODE_SIZE + 8], id[SBX_QN_CODE_SIZE + 16];
  snprintf(path, sizeof path, "/data/%s", name);
  xmlNewChild(x->instance_root, x->def, X(name), NULL);
  snprintf(id, sizeof id, "%s:label", path);
  itext(x, id, t, NULL);
  xmlNewProp(bind(x, path, "string", NULL), X("readonly"), X("true()"));
  xmlNodePtr c = xmlNewChild(x->body, x->def, X("input"), NULL);
  xmlNewProp(c, X("ref"), X(path));
  label(x, c, path, ":label");
}

/* The introduction (the survey's own and the instructions) and the confidentiality
 * promise, before the first question, as the other formats show them. */
static void notes(xf *x) {
  const sbx__qn *q = x->q;
  sbx_text intro = { 0 }, promise = { 0 };
  sbx__qn_notes(q, &intro, &promise);
  note(x, SBX_QN_NOTE_INTRO, &intro);
  note(x, SBX_QN_NOTE_PROMISE, &promise);
  sbx__text_free(&intro);
  sbx__text_free(&promise);
}

/* A choice: <item><label ref="jr:itext('id')"/><value>v</value></item>. */
static void choice(xf *x, xmlNodePtr sel, const char *id, const char *value) {
  xmlNodePtr it = xmlNewChild(sel, x->def, X("item"), NULL);
  label(x, it, id, "");
  xmlNewTextChild(it, x->def, X("value"), X(value));
}

/* Itext for each point of answer scale a ("<id>-<value>", "<id>-dk"). */
static void scale_texts(xf *x, size_t ai) {
  const sbx_answer_scale *a = &x->q->s->answer_scale[ai];
  char id[SBX_QN_CODE_SIZE + 16], num[16];
  char name[SBX_QN_CODE_SIZE];
  sbx__qn_xml_name(a->id, name, sizeof name);
  for (size_t k = 0; k < a->npoint; k++) {
    sbx_text t = { 0 };
    for (size_t i = 0; i < x->q->nlangs; i++)
      sbx__text_set(&t, x->q->langs[i], sbx__qn_point_label(a, k, x->q->langs[i], num, sizeof num));
    snprintf(id, sizeof id, "%s-%d", name, a->point[k].value);
    itext(x, id, &t, NULL);
    sbx__text_free(&t);
  }
  if (a->has_dont_know) {
    sbx_text t = { 0 };
    for (size_t i = 0; i < x->q->nlangs; i++)
      sbx__text_set(&t, x->q->langs[i], sbx__qn_dk(x->q, a, x->q->langs[i]));
    snprintf(id, sizeof id, "%s-dk", name);
    itext(x, id, &t, NULL);
    sbx__text_free(&t);
  }
}

static void unit_part(xf *x) {
  const sbx__qn *q = x->q;
  char name[SBX_QN_CODE_SIZE], path[SBX_QN_CODE_SIZE + 8], id[2 * SBX_QN_CODE_SIZE + 16];
  sbx__qn_xml_name(sbx__qn_unit_id(q->s), name, sizeof name);
  snprintf(path, sizeof path, "/data/%s", name);
  xmlNewChild(x->instance_root, x->def, X(name), NULL);
  sbx_text t = { 0 };
  for (size_t i = 0; i < q->nlangs; i++)
    sbx__text_set(&t, q->langs[i], sbx__qn_unit_q(q, q->langs[i]));
  snprintf(id, sizeof id, "%s:label", path);
  itext(x, id, &t, NULL);
  sbx__text_free(&t);
  snprintf(id, sizeof id, "%s:hint", path);
  itext_ui(x, id, q->nleaf ? "unit_hint" : "unit_free");
  bind(x, path, q->nleaf ? "select1" : "string", "true()");
  xmlNodePtr c = xmlNewChild(x->body, x->def, X(q->nleaf ? "select1" : "input"), NULL);
  xmlNewProp(c, X("ref"), X(path));
  if (q->nleaf) xmlNewProp(c, X("appearance"), X("minimal"));
  label(x, c, path, ":label");
  xmlNodePtr h = xmlNewChild(c, x->def, X("hint"), NULL);
  snprintf(id, sizeof id, "jr:itext('%s:hint')", path);
  xmlNewProp(h, X("ref"), X(id));
  for (size_t k = 0; k < q->nleaf; k++) {
    const sbx_unit *u = &q->org->unit[q->leaf[k]];
    char uname[SBX_QN_CODE_SIZE];
    sbx__qn_xml_name(u->id, uname, sizeof uname);
    snprintf(id, sizeof id, "%s-%s", name, uname);
    itext(x, id, &u->name, u->id);
    choice(x, c, id, uname);
  }
}

static void item_part(xf *x, xmlNodePtr group, xmlNodePtr inst, const char *gpath,
                      size_t j) {
  const sbx_survey *s = x->q->s;
  const sbx_answer_scale *a = &s->answer_scale[s->item[j].answer_scale];
  char name[SBX_QN_CODE_SIZE], path[3 * SBX_QN_CODE_SIZE], id[4 * SBX_QN_CODE_SIZE];
  char aname[SBX_QN_CODE_SIZE], value[32];
  sbx__qn_xml_name(s->item[j].id, name, sizeof name);
  sbx__qn_xml_name(a->id, aname, sizeof aname);
  snprintf(path, sizeof path, "%s/%s", gpath, name);
  xmlNewChild(inst, x->def, X(name), NULL);
  snprintf(id, sizeof id, "%s:label", path);
  itext(x, id, &s->item[j].text, s->item[j].id);
  bind(x, path, "select1", NULL);
  xmlNodePtr c = xmlNewChild(group, x->def, X("select1"), NULL);
  xmlNewProp(c, X("ref"), X(path));
  xmlNewProp(c, X("appearance"), X("likert"));
  label(x, c, path, ":label");
  for (size_t k = 0; k < a->npoint; k++) {
    snprintf(id, sizeof id, "%s-%d", aname, a->point[k].value);
    snprintf(value, sizeof value, "%d", a->point[k].value);
    choice(x, c, id, value);
  }
  if (a->has_dont_know) {
    snprintf(id, sizeof id, "%s-dk", aname);
    choice(x, c, id, sbx__qn_dont_know_code(a));
  }
}

/* Part k of the questionnaire (sbx__qn_parts) as a field-list group under its heading;
 * an item on no scale stands alone. */
static void part_group(xf *x, size_t k) {
  const sbx_survey *s = x->q->s;
  const sbx__qn_part *p = &x->q->parts[k];
  if (p->question) {
    item_part(x, x->body, x->instance_root, "/data", p->first);
    return;
  }
  char name[SBX_QN_CODE_SIZE], path[SBX_QN_CODE_SIZE + 8], id[2 * SBX_QN_CODE_SIZE];
  char head[64];
  sbx__qn_part_code(s, p, 1, name, sizeof name);
  snprintf(path, sizeof path, "/data/%s", name);
  xmlNodePtr inst = xmlNewChild(x->instance_root, x->def, X(name), NULL);
  sbx_text t = { 0 };
  for (size_t i = 0; i < x->q->nlangs; i++)
    sbx__text_set(&t, x->q->langs[i], sbx__qn_heading(x->q, p, x->q->langs[i], head,
                                                          sizeof head));
  snprintf(id, sizeof id, "%s:label", path);
  itext(x, id, &t, name);
  sbx__text_free(&t);
  xmlNodePtr g = xmlNewChild(x->body, x->def, X("group"), NULL);
  xmlNewProp(g, X("ref"), X(path));
  xmlNewProp(g, X("appearance"), X("field-list"));
  label(x, g, path, ":label");
  for (size_t j = p->first; j < p->first + p->count; j++) item_part(x, g, inst, path, j);
}

static void free_part(xf *x) {
  const sbx_survey *s = x->q->s;
  for (size_t k = 0; k < s->nfree_text; k++) {
    char name[SBX_QN_CODE_SIZE], path[SBX_QN_CODE_SIZE + 8], id[2 * SBX_QN_CODE_SIZE];
    sbx__qn_xml_name(s->free_text[k].id, name, sizeof name);
    snprintf(path, sizeof path, "/data/%s", name);
    xmlNewChild(x->instance_root, x->def, X(name), NULL);
    snprintf(id, sizeof id, "%s:label", path);
    itext(x, id, &s->free_text[k].text, s->free_text[k].id);
    snprintf(id, sizeof id, "%s:hint", path);
    itext_ui(x, id, "comments_hint");
    bind(x, path, "string", NULL);
    xmlNodePtr c = xmlNewChild(x->body, x->def, X("input"), NULL);
    xmlNewProp(c, X("ref"), X(path));
    xmlNewProp(c, X("appearance"), X("multiline"));
    label(x, c, path, ":label");
    xmlNodePtr h = xmlNewChild(c, x->def, X("hint"), NULL);
    snprintf(id, sizeof id, "jr:itext('%s:hint')", path);
    xmlNewProp(h, X("ref"), X(id));
  }
}

/* start, end and meta/instanceID: filled in by the form, no body control. */
static void meta_binds(xf *x, int at_start) {
  if (at_start) {
    static const char *const t[] = { "start", "end" };
    for (int i = 0; i < 2; i++) {
      char path[16];
      snprintf(path, sizeof path, "/data/%s", t[i]);
      xmlNewChild(x->instance_root, x->def, X(t[i]), NULL);
      xmlNodePtr b = xmlNewChild(x->model, x->def, X("bind"), NULL);
      xmlNewProp(b, X("nodeset"), X(path));
      xmlNewProp(b, X("type"), X("dateTime"));
      xmlNewNsProp(b, x->jr, X("preload"), X("timestamp"));
      xmlNewNsProp(b, x->jr, X("preloadParams"), X(t[i]));
    }
    return;
  }
  xmlNodePtr m = xmlNewChild(x->instance_root, x->def, X("meta"), NULL);
  xmlNewChild(m, x->def, X("instanceID"), NULL);
  xmlNodePtr b = xmlNewChild(x->model, x->def, X("bind"), NULL);
  xmlNewProp(b, X("nodeset"), X("/data/meta/instanceID"));
  xmlNewProp(b, X("type"), X("string"));
  xmlNewProp(b, X("readonly"), X("true()"));
  xmlNewProp(b, X("calculate"), X("concat('uuid:', uuid())"));
}

static xmlNodePtr skeleton(xf *x, xmlDocPtr doc) {
  const sbx__qn *q = x->q;
  xmlNodePtr root = xmlNewNode(NULL, X("html"));
  if (!root) return NULL;
  xmlDocSetRootElement(doc, root);
  xmlNsPtr def = xmlNewNs(root, X(XF_NS), NULL);
  x->def = def;
  x->h = xmlNewNs(root, X(H_NS), X("h"));
  x->jr = xmlNewNs(root, X(JR_NS), X("jr"));
  x->orx = xmlNewNs(root, X(ORX_NS), X("orx"));
  xmlSetNs(root, x->h);
  xmlNodePtr head = xmlNewChild(root, x->h, X("head"), NULL);
  xmlNewTextChild(head, x->h, X("title"), X(sbx__text_get(&q->s->title, q->lang)));
  x->model = xmlNewChild(head, def, X("model"), NULL);
  xmlNodePtr inst = xmlNewChild(x->model, def, X("instance"), NULL);
  x->instance_root = xmlNewChild(inst, def, X("data"), NULL);
  xmlNewProp(x->instance_root, X("id"), X(q->s->id ? q->s->id : "sixbox"));
  if (q->s->version) xmlNewProp(x->instance_root, X("version"), X(q->s->version));
  xmlNodePtr it = xmlNewChild(x->model, def, X("itext"), NULL);
  for (size_t i = 0; i < q->nlangs; i++) {
    x->tr[i] = xmlNewChild(it, def, X("translation"), NULL);
    char ln[96];
    xmlNewProp(x->tr[i], X("lang"), X(sbx__qn_lang_name(q, q->langs[i], ln, sizeof ln)));
    if (i == 0) xmlNewProp(x->tr[i], X("default"), X("true()"));
  }
  x->body = xmlNewChild(root, x->h, X("body"), NULL);
  return root;
}

int sbx__qn_xform(FILE *f, const sbx__qn *q, sbx_ctx *ctx) {
  (void)ctx;
  xmlDocPtr doc = xmlNewDoc(X("1.0"));
  xf x;
  memset(&x, 0, sizeof x);
  x.q = q;
  if (!doc || !skeleton(&x, doc)) {
    xmlFreeDoc(doc);
    return SBX_ENOMEM;
  }
  const sbx_survey *s = q->s;
  meta_binds(&x, 1);
  notes(&x);
  unit_part(&x);
  for (size_t ai = 0; ai < s->nanswer_scale; ai++) scale_texts(&x, ai);
  for (size_t k = 0; k < q->nparts; k++) part_group(&x, k);
  free_part(&x);
  meta_binds(&x, 0);
  int rc = sbx__qn_dump_xml(f, doc);
  xmlFreeDoc(doc);
  return rc;
}

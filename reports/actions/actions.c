/* The focus-area catalogue: parses focus-areas.xml (embedded into the library at
 * build time) with libxml2 under safe options (no DTD, no entities, no network) and
 * answers "which focus areas for this box, in this language". The checks are strict,
 * so that a bad edit of the file fails its test with file, line and reason. */
#include "reports/actions/actions.h"
#include "reports/actions/focus_data.h"
#include "surveys/model.h"
#include "surveys/util.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANG 8
#define MIN_AREAS 4
#define MAX_AREAS 6

typedef struct focus_box {
  int seen;
  char **question;          /* nlang */
  char **area;              /* MAX_AREAS × nlang, area-major */
  const char **by_lang;     /* nlang × narea: what sbx__focus_catalogue_areas returns */
  size_t narea;
} focus_box;

struct sbx_focus_catalogue {
  char *lang[MAX_LANG];
  size_t nlang;
  focus_box box[SBX_BOX_COUNT];
};

/* What one parse needs at hand. */
typedef struct parse_state {
  sbx_focus_catalogue *c;
  const char *source;
  sbx_ctx *ctx;
  int bad;                  /* problems recorded so far */
} parse_state;

static void problem(parse_state *ps, xmlNodePtr n, const char *item, const char *msg) {
  sbx__error(ps->ctx, SBX_EDATA, ps->source, n ? xmlGetLineNo(n) : 0, item,
             "%s; fix the focus-area catalogue", msg);
  ps->bad++;
}

void sbx__focus_catalogue_free(sbx_focus_catalogue *c) {
  if (!c) return;
  for (size_t b = 0; b < SBX_BOX_COUNT; b++) {
    focus_box *fb = &c->box[b];
    for (size_t l = 0; fb->question && l < c->nlang; l++) sbx__free(fb->question[l]);
    for (size_t i = 0; fb->area && i < MAX_AREAS * c->nlang; i++) sbx__free(fb->area[i]);
    sbx__free(fb->question);
    sbx__free(fb->area);
    sbx__free(fb->by_lang);
  }
  for (size_t l = 0; l < c->nlang; l++) sbx__free(c->lang[l]);
  sbx__free(c);
}

/* Collapses every run of white space to one space and trims both ends. */
static char *fold_space(const char *s) {
  char *out = sbx__malloc(strlen(s) + 1), *w = out;
  if (!out) return NULL;
  int space = 0;
  for (const char *p = s; *p; p++) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
      space = w != out;
      continue;
    }
    if (space) *w++ = ' ';
    space = 0;
    *w++ = *p;
  }
  *w = 0;
  return out;
}

static int is_blank(const xmlChar *s) {
  for (; s && *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
  return 1;
}

/* Element children only; comments and white space between elements are allowed,
 * anything else is a problem. Returns the next element at or after n. */
static xmlNodePtr next_element(parse_state *ps, xmlNodePtr n) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) return n;
    if (n->type == XML_COMMENT_NODE) continue;
    if (n->type == XML_TEXT_NODE && is_blank(n->content)) continue;
    problem(ps, n, NULL, "unexpected content here; only elements and comments belong");
  }
  return NULL;
}

static int is_named(xmlNodePtr n, const char *name) {
  return n && strcmp((const char *)n->name, name) == 0;
}

static int parse_languages(parse_state *ps, xmlNodePtr root) {
  xmlChar *attr = xmlGetProp(root, (const xmlChar *)"languages");
  if (!attr) {
    problem(ps, root, "languages", "the root needs languages=\"sv en\" (codes in order)");
    return 0;
  }
  char *list = fold_space((const char *)attr);
  xmlFree(attr);
  if (!list) return SBX_ENOMEM;
  for (char *tok = list; *tok && ps->c->nlang < MAX_LANG;) {
    size_t len = strcspn(tok, " ");
    ps->c->lang[ps->c->nlang] = sbx__strndup(tok, len);
    if (!ps->c->lang[ps->c->nlang++]) { sbx__free(list); return SBX_ENOMEM; }
    tok += len + (tok[len] == ' ');
  }
  for (size_t i = 0; i < ps->c->nlang; i++)
    for (size_t j = 0; j < i; j++)
      if (!strcmp(ps->c->lang[i], ps->c->lang[j]))
        problem(ps, root, ps->c->lang[i], "a language is listed twice");
  if (ps->c->nlang == 0) problem(ps, root, "languages", "no language is listed");
  sbx__free(list);
  return 0;
}

static size_t lang_index(const sbx_focus_catalogue *c, const char *lang) {
  for (size_t l = 0; lang && l < c->nlang; l++)
    if (!strcmp(c->lang[l], lang)) return l;
  return SBX_NONE;
}

/* A <question> or <area>: one non-empty <text lang="..."> per language into out. */
static int parse_texts(parse_state *ps, xmlNodePtr parent, char **out) {
  for (xmlNodePtr n = next_element(ps, parent->children); n; n = next_element(ps, n->next)) {
    xmlChar *lang = xmlGetProp(n, (const xmlChar *)"lang");
    size_t l = lang ? lang_index(ps->c, (const char *)lang) : SBX_NONE;
    if (!is_named(n, "text") || l == SBX_NONE)
      problem(ps, n, lang ? (const char *)lang : (const char *)n->name,
              "expected <text lang=\"...\"> in a language the root lists");
    else if (out[l])
      problem(ps, n, (const char *)lang, "a second text in the same language");
    xmlFree(lang);
    if (!is_named(n, "text") || l == SBX_NONE || out[l]) continue;
    xmlChar *content = xmlNodeGetContent(n);
    out[l] = content ? fold_space((const char *)content) : NULL;
    xmlFree(content);
    if (!out[l]) return SBX_ENOMEM;
    if (!*out[l]) problem(ps, n, ps->c->lang[l], "the text is empty");
  }
  for (size_t l = 0; l < ps->c->nlang; l++)
    if (!out[l]) problem(ps, parent, ps->c->lang[l], "the text in this language is missing");
  return 0;
}

static int parse_box_children(parse_state *ps, xmlNodePtr box, focus_box *fb) {
  size_t nq = 0;
  int rc = 0;
  for (xmlNodePtr n = next_element(ps, box->children); !rc && n;
       n = next_element(ps, n->next)) {
    if (is_named(n, "question") && nq++ == 0) {
      rc = parse_texts(ps, n, fb->question);
    } else if (is_named(n, "area") && fb->narea < MAX_AREAS) {
      rc = parse_texts(ps, n, fb->area + fb->narea++ * ps->c->nlang);
    } else if (is_named(n, "area")) {
      problem(ps, n, NULL, "a box has at most 6 focus areas");
    } else {
      problem(ps, n, (const char *)n->name, "expected one <question> and 4-6 <area>");
    }
  }
  if (!rc && nq == 0) problem(ps, box, NULL, "the box has no <question>");
  if (!rc && fb->narea < MIN_AREAS) problem(ps, box, NULL, "a box needs at least 4 focus areas");
  return rc;
}

static int parse_box(parse_state *ps, xmlNodePtr n) {
  xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
  sbx_box b = id ? sbx_box_from_id((const char *)id) : SBX_BOX_NONE;
  if (b == SBX_BOX_NONE || ps->c->box[b].seen) {
    problem(ps, n, id ? (const char *)id : "id",
            b == SBX_BOX_NONE ? "not one of the six box ids" : "the box appears twice");
    xmlFree(id);
    return 0;
  }
  xmlFree(id);
  focus_box *fb = &ps->c->box[b];
  fb->seen = 1;
  fb->question = sbx__calloc(ps->c->nlang, sizeof *fb->question);
  fb->area = sbx__calloc(MAX_AREAS * ps->c->nlang, sizeof *fb->area);
  if (!fb->question || !fb->area) return SBX_ENOMEM;
  return parse_box_children(ps, n, fb);
}

static int parse_root(parse_state *ps, xmlNodePtr root) {
  if (!root || !is_named(root, "focus-areas")) {
    problem(ps, root, NULL, "the root element must be <focus-areas>");
    return 0;
  }
  int rc = parse_languages(ps, root);
  if (rc || ps->c->nlang == 0) return rc;
  for (xmlNodePtr n = next_element(ps, root->children); !rc && n;
       n = next_element(ps, n->next)) {
    if (is_named(n, "box")) rc = parse_box(ps, n);
    else problem(ps, n, (const char *)n->name, "expected <box id=\"...\">");
  }
  for (int b = 0; !rc && b < SBX_BOX_COUNT; b++)
    if (!ps->c->box[b].seen) problem(ps, root, sbx_box_id((sbx_box)b), "a box is missing");
  return rc;
}

/* The arrays the lookups hand out: for each language, the box's areas in order. */
static int index_by_lang(sbx_focus_catalogue *c) {
  for (int b = 0; b < SBX_BOX_COUNT; b++) {
    focus_box *fb = &c->box[b];
    fb->by_lang = sbx__calloc(c->nlang * (fb->narea ? fb->narea : 1), sizeof *fb->by_lang);
    if (!fb->by_lang) return SBX_ENOMEM;
    for (size_t l = 0; l < c->nlang; l++)
      for (size_t a = 0; a < fb->narea; a++)
        fb->by_lang[l * fb->narea + a] = fb->area[a * c->nlang + l];
  }
  return 0;
}

static xmlDocPtr read_doc(const char *xml, size_t len, const char *source, sbx_ctx *ctx) {
  xmlParserCtxtPtr pc = xmlNewParserCtxt();
  if (!pc) return NULL;
  /* No NOENT (entities stay unexpanded), no DTDLOAD, NONET; errors not printed. */
  int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  xmlDocPtr doc = xmlCtxtReadMemory(pc, xml, (int)len, source, "UTF-8", opts);
  if (!doc) {
    xmlErrorPtr e = xmlCtxtGetLastError(pc);
    char *msg = fold_space(e && e->message ? e->message : "unreadable");
    sbx__error(ctx, SBX_EDATA, source, e ? e->line : 0, NULL,
               "not well-formed XML: %s; fix the focus-area catalogue", msg ? msg : "");
    sbx__free(msg);
  } else if (doc->intSubset || doc->extSubset) {
    sbx__error(ctx, SBX_EDATA, source, 1, NULL,
               "a DTD is not allowed in the focus-area catalogue; remove <!DOCTYPE ...>");
    xmlFreeDoc(doc);
    doc = NULL;
  }
  xmlFreeParserCtxt(pc);
  return doc;
}

int sbx__focus_catalogue_parse(sbx_focus_catalogue **out, const char *xml, size_t len,
                               const char *source, sbx_ctx *ctx) {
  *out = NULL;
  if (!source) source = "focus-areas.xml";
  if (len > SBX_FOCUS_MAX_BYTES)
    return sbx__error(ctx, SBX_ELIMIT, source, 0, NULL,
                      "the catalogue is larger than %u bytes", SBX_FOCUS_MAX_BYTES);
  xmlDocPtr doc = read_doc(xml, len, source, ctx);
  if (!doc) return SBX_EDATA;
  parse_state ps = { sbx__calloc(1, sizeof *ps.c), source, ctx, 0 };
  int rc = ps.c ? parse_root(&ps, xmlDocGetRootElement(doc)) : SBX_ENOMEM;
  xmlFreeDoc(doc);
  if (!rc && ps.bad) rc = SBX_EDATA;
  if (!rc) rc = index_by_lang(ps.c);
  if (rc) {
    if (rc == SBX_ENOMEM) sbx__error(ctx, rc, source, 0, NULL, "out of memory");
    sbx__focus_catalogue_free(ps.c);
    return rc;
  }
  *out = ps.c;
  return 0;
}

static size_t lang_or_first(const sbx_focus_catalogue *c, const char *lang) {
  size_t l = lang_index(c, lang);
  return l == SBX_NONE ? 0 : l;
}

int sbx__focus_catalogue_areas(const sbx_focus_catalogue *c, sbx_box box, const char *lang,
                               const char ***out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!c || box < 0 || box >= SBX_BOX_COUNT) return SBX_EUSAGE;
  const focus_box *fb = &c->box[box];
  *out = fb->by_lang + lang_or_first(c, lang) * fb->narea;
  *n = fb->narea;
  return 0;
}

const char *sbx__focus_catalogue_question(const sbx_focus_catalogue *c, sbx_box box,
                                          const char *lang) {
  if (!c || box < 0 || box >= SBX_BOX_COUNT) return NULL;
  return c->box[box].question[lang_or_first(c, lang)];
}

/* The built-in catalogue: parsed once, then only read. */
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static sbx_focus_catalogue *builtin;

static void builtin_load(void) {
  sbx__focus_catalogue_parse(&builtin, (const char *)sbx__focus_xml, sbx__focus_xml_len,
                             "reports/actions/focus-areas.xml", NULL);
}

int sbx__focus_areas(sbx_box box, const char *lang, const char ***out, size_t *n) {
  pthread_once(&builtin_once, builtin_load);
  if (!builtin) {
    *out = NULL;
    *n = 0;
    return SBX_EINTERNAL;
  }
  return sbx__focus_catalogue_areas(builtin, box, lang, out, n);
}

const char *sbx__focus_question(sbx_box box, const char *lang) {
  pthread_once(&builtin_once, builtin_load);
  return builtin ? sbx__focus_catalogue_question(builtin, box, lang) : NULL;
}

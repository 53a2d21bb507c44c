/* The printable questionnaire: one A4 HTML page set (sv or en) with the title, the
 * instructions, the confidentiality promise naming the minimum group size, the unit
 * choice (the leaf units, or a line to write on), one answer row per statement in the
 * survey's order, in the same parts under the same headings as the online forms, with
 * the scale's labels as column heads, and the free-text questions in boxes that are
 * never split across pages. Item and unit codes are printed for keying the answers
 * (the keying template, keying.c, has the same columns).
 * Built as a libxml2 HTML tree so that no text is escaped by hand; print CSS, no
 * script, and a Content-Security-Policy that allows nothing but the inline style. */
#include "surveys/questionnaire/builders.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <libxml/HTMLtree.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

static const char css[] =
  "@page { size: A4; margin: 14mm 13mm 15mm; }\n"
  "body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt;"
  " color: #000; background: #fff; max-width: 184mm; margin: 0 auto; line-height: 1.35; }\n"
  "@media screen { body { margin: 2em auto; padding: 0 1em; } }\n"
  "h1 { font-size: 17pt; margin: 0 0 3mm; }\n"
  "h2 { font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }\n"
  "h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }\n"
  "p { margin: 0 0 2mm; }\n"
  ".promise { border: 1pt solid #000; padding: 2mm 3mm; }\n"
  ".hint { font-style: italic; }\n"
  "ul.units { list-style: none; padding: 0; margin: 0; columns: 2; column-gap: 8mm; }\n"
  "ul.units li { margin: 0 0 1.2mm; break-inside: avoid; }\n"
  ".box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.9pt solid #000;"
  " vertical-align: middle; }\n"
  "ul.units .box { margin-right: 2mm; }\n"
  ".circle { display: inline-block; width: 4mm; height: 4mm; border: 0.9pt solid #000;"
  " border-radius: 50%; }\n"
  ".line { border-bottom: 0.8pt solid #000; height: 8mm; }\n"
  "table.likert { width: 100%; border-collapse: collapse; }\n"
  "table.likert th, table.likert td { border: 0.5pt solid #666; padding: 1.2mm 1mm; }\n"
  "table.likert thead { display: table-header-group; }\n"
  "table.likert tr { break-inside: avoid; page-break-inside: avoid; }\n"
  "th.statement { text-align: left; }\n"
  "th.point { width: 10.5mm; font-size: 7pt; font-weight: normal; text-align: center;"
  " vertical-align: bottom; hyphens: auto; }\n"
  "th.point b { display: block; font-size: 9pt; }\n"
  "td.no { width: 7mm; text-align: right; vertical-align: top; }\n"
  "td.answer { text-align: center; vertical-align: middle; }\n"
  ".write { border: 0.5pt solid #666; height: 32mm; margin-bottom: 3mm; }\n"
  /* a comment box is never split across pages, nor parted from its question */
  ".comment { break-inside: avoid; page-break-inside: avoid; }\n"
  ".code { display: block; font-family: 'DejaVu Sans Mono', monospace; font-size: 6.5pt;"
  " color: #333; }\n"
  "ul.units .code { display: inline; margin-left: 1.5mm; }\n"
  ".formno { text-align: right; font-size: 8.5pt; }\n"
  "footer { margin-top: 6mm; font-weight: bold; }\n";

static xmlNodePtr el(xmlNodePtr parent, const char *name, const char *text,
                     const char *cls) {
  xmlNodePtr n = xmlNewTextChild(parent, NULL, X(name), text ? X(text) : NULL);
  if (n && cls) xmlNewProp(n, X("class"), X(cls));
  return n;
}

static void head(xmlNodePtr html, const sbx__qn *q) {
  xmlNodePtr h = el(html, "head", NULL, NULL);
  xmlNodePtr m = el(h, "meta", NULL, NULL);
  xmlNewProp(m, X("charset"), X("utf-8"));
  m = el(h, "meta", NULL, NULL);
  xmlNewProp(m, X("http-equiv"), X("Content-Security-Policy"));
  xmlNewProp(m, X("content"), X("default-src 'none'; style-src 'unsafe-inline'"));
  m = el(h, "meta", NULL, NULL);
  xmlNewProp(m, X("name"), X("viewport"));
  xmlNewProp(m, X("content"), X("width=device-width, initial-scale=1"));
  el(h, "title", sbx__text_get(&q->s->title, q->lang), NULL);
  el(h, "style", css, NULL);
}

static void intro(xmlNodePtr body, const sbx__qn *q) {
  const sbx_survey *s = q->s;
  xmlNodePtr hd = el(body, "header", NULL, NULL);
  el(hd, "p", sbx__qn_text(q, q->lang, "form_no"), "formno");
  el(hd, "h1", sbx__text_get(&s->title, q->lang), NULL);
  const char *t = sbx__text_get(&s->intro, q->lang);
  if (t[0]) el(hd, "p", t, "intro");
  char *instr = sbx__qn_instructions(q, q->lang);
  char *promise = sbx__qn_promise(q, q->lang);
  el(hd, "p", instr, "instructions");
  el(hd, "p", promise, "promise");
  sbx__free(instr);
  sbx__free(promise);
}

static void unit_choice(xmlNodePtr body, const sbx__qn *q) {
  xmlNodePtr sec = el(body, "section", NULL, "unit");
  el(sec, "h2", sbx__qn_unit_q(q, q->lang), NULL);
  el(sec, "p", sbx__qn_text(q, q->lang, q->nleaf ? "unit_hint" : "unit_free"), "hint");
  if (q->nleaf == 0) {
    el(sec, "div", NULL, "line");
    return;
  }
  xmlNodePtr ul = el(sec, "ul", NULL, "units");
  for (size_t k = 0; k < q->nleaf; k++) {
    xmlNodePtr li = el(ul, "li", NULL, NULL);
    el(li, "span", NULL, "box");
    xmlNodeAddContent(li, X(sbx__qn_unit_name(q->org, q->leaf[k], q->lang)));
    el(li, "span", q->org->unit[q->leaf[k]].id, "code"); /* what the keyer types */
  }
}

static xmlNodePtr likert_table(xmlNodePtr sec, const sbx__qn *q, const sbx_answer_scale *a) {
  xmlNodePtr t = el(sec, "table", NULL, "likert");
  xmlNodePtr tr = el(el(t, "thead", NULL, NULL), "tr", NULL, NULL);
  xmlNodePtr th = el(tr, "th", sbx__qn_text(q, q->lang, "statement"), "statement");
  xmlNewProp(th, X("colspan"), X("2"));
  xmlNewProp(th, X("scope"), X("col"));
  char num[32];
  for (size_t k = 0; k < a->npoint; k++) {
    th = el(tr, "th", NULL, "point");
    xmlNewProp(th, X("scope"), X("col"));
    snprintf(num, sizeof num, "%d", a->point[k].value);
    el(th, "b", num, NULL);
    const char *l = sbx__text_get(&a->point[k].label, q->lang);
    if (l[0]) xmlNodeAddContent(th, X(l));
  }
  if (a->has_dont_know) {
    th = el(tr, "th", NULL, "point");
    xmlNewProp(th, X("scope"), X("col"));
    el(th, "b", "–", NULL);
    xmlNodeAddContent(th, X(sbx__qn_dk(q, a, q->lang)));
  }
  return el(t, "tbody", NULL, NULL);
}

/* One table per part of the questionnaire (sbx__qn_parts: the survey's order, the
 * same parts and headings as the online forms); each statement numbered, with the
 * item's code under the number for whoever keys the answers. */
static void statements(xmlNodePtr body, const sbx__qn *q) {
  const sbx_survey *s = q->s;
  char num[32], head[64];
  for (size_t k = 0; k < q->nparts; k++) {
    const sbx__qn_part *p = &q->parts[k];
    const sbx_answer_scale *a = &s->answer_scale[s->item[p->first].answer_scale];
    xmlNodePtr sec = el(body, "section", NULL, "statements");
    const char *h = sbx__qn_heading(q, p, q->lang, head, sizeof head);
    if (h[0]) el(sec, "h2", h, NULL);
    xmlNodePtr tbody = likert_table(sec, q, a);
    for (size_t j = p->first; j < p->first + p->count; j++) {
      xmlNodePtr tr = el(tbody, "tr", NULL, NULL);
      snprintf(num, sizeof num, "%zu.", j + 1);
      el(el(tr, "td", num, "no"), "span", s->item[j].id, "code");
      el(tr, "td", sbx__text_get(&s->item[j].text, q->lang), "text");
      size_t ncol = a->npoint + (a->has_dont_know ? 1 : 0);
      for (size_t c = 0; c < ncol; c++) el(el(tr, "td", NULL, "answer"), "span", NULL, "circle");
    }
  }
}

static void comments(xmlNodePtr body, const sbx__qn *q) {
  const sbx_survey *s = q->s;
  if (s->nfree_text == 0) return;
  xmlNodePtr sec = el(body, "section", NULL, "free-text");
  el(sec, "h2", sbx__qn_text(q, q->lang, "free_text"), NULL);
  el(sec, "p", sbx__qn_text(q, q->lang, "comments_hint"), "hint");
  for (size_t k = 0; k < s->nfree_text; k++) {
    xmlNodePtr box = el(sec, "div", NULL, "comment");
    xmlNodePtr h3 = el(box, "h3", sbx__text_get(&s->free_text[k].text, q->lang), NULL);
    el(h3, "span", s->free_text[k].id, "code");
    el(box, "div", NULL, "write");
  }
}

int sbx__qn_print(FILE *f, const sbx__qn *q, sbx_ctx *ctx) {
  (void)ctx;
  htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
  if (!doc) return SBX_ENOMEM;
  xmlCreateIntSubset(doc, X("html"), NULL, NULL);
  xmlNodePtr html = xmlNewNode(NULL, X("html"));
  if (!html) {
    xmlFreeDoc(doc);
    return SBX_ENOMEM;
  }
  xmlDocSetRootElement(doc, html);
  xmlNewProp(html, X("lang"), X(q->lang));
  head(html, q);
  xmlNodePtr body = el(html, "body", NULL, NULL);
  intro(body, q);
  unit_choice(body, q);
  statements(body, q);
  comments(body, q);
  el(body, "footer", sbx__qn_text(q, q->lang, "thanks"), NULL);
  /* Serialised as UTF-8 text (an HTML document's text never becomes character entities, and
   * the buffer has no encoder), indented. */
  xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
  if (!ob) {
    xmlFreeDoc(doc);
    return SBX_ENOMEM;
  }
  htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 1);
  xmlOutputBufferFlush(ob);
  const xmlChar *mem = xmlOutputBufferGetContent(ob);
  size_t size = xmlOutputBufferGetSize(ob);
  int rc = mem && size && fwrite(mem, 1, size, f) == size && fflush(f) == 0 ? 0 : SBX_EIO;
  xmlOutputBufferClose(ob);
  xmlFreeDoc(doc);
  return rc;
}

/* sbx_report_write_html(): report.html as one libxml2 HTML tree: a head with the
 * Content-Security-Policy first (no script, nothing fetched, inline style only), the
 * stylesheet, a header and contents, the eight sections, and a footer; then serialized
 * by libxml2, which does all the escaping. */
#include "reports/html/html.h"
#include "reports/themes/themes.h"
#include "surveys/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                          "base-uri 'none'; form-action 'none'";

static void meta(sbx__html *h, xmlNodePtr head, const char *k, const char *kv, const char *v) {
  xmlNodePtr m = sbx__h_el(h, head, "meta", NULL);
  sbx__h_attr(h, m, k, kv);
  if (v) sbx__h_attr(h, m, "content", v);
}

/* Text as a CSS string body: ASCII letters, digits and spaces as they are, everything
 * else as a code point escape, so no name can end the string or the <style>. */
static char *css_string(const char *s) {
  size_t len = strlen(s);
  char *out = sbx__malloc(len * 8 + 1), *o = out;
  if (!out) return NULL;
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    unsigned c = *p, n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0) { /* not UTF-8 (the loaders refuse it): leave it out */
      p++;
      continue;
    }
    unsigned cp = n == 1 ? c : c & (0x7Fu >> n);
    size_t k = 1;
    for (; k < n && (p[k] & 0xC0) == 0x80; k++) cp = cp << 6 | (p[k] & 0x3Fu);
    p += k;
    if (k < n) continue;
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ')
      *o++ = (char)cp;
    else
      o += sprintf(o, "\\%X ", cp);
  }
  *o = '\0';
  return out;
}

/* The printed page's footer: the organisation and the report on the left, "page N of
 * M" on the right, on every page (CSS margin boxes, which Chromium prints). */
static char *page_css(sbx__html *h) {
  const char *org = h->res->org ? sbx__text_get(&h->res->org->name, h->lang) : "";
  char *left = sbx__asprintf("%s%s%s", org, *org ? " \xc2\xb7 " : "", sbx__h_msg(h, "report.title"));
  char *l = left ? css_string(left) : NULL;
  char *page = css_string(sbx__h_msg(h, "print.page"));
  char *of = css_string(sbx__h_msg(h, "print.of"));
  char *css = l && page && of
    ? sbx__asprintf("\n@page{@bottom-left{content:\"%s\";font-size:8pt;color:#464646}"
                    "@bottom-right{content:\"%s \" counter(page) \" %s \" counter(pages);"
                    "font-size:8pt;color:#464646}}\n", l, page, of)
    : NULL;
  sbx__free(left);
  sbx__free(l);
  sbx__free(page);
  sbx__free(of);
  return css;
}

static void head(sbx__html *h, xmlNodePtr html, const char *title_key) {
  xmlNodePtr hd = sbx__h_el(h, html, "head", NULL);
  meta(h, hd, "charset", "utf-8", NULL);
  meta(h, hd, "http-equiv", "Content-Security-Policy", csp);
  meta(h, hd, "name", "referrer", "no-referrer");
  meta(h, hd, "name", "viewport", "width=device-width, initial-scale=1");
  meta(h, hd, "name", "generator", "sixbox " SIXBOX_VERSION);
  const char *org = h->res->org ? sbx__text_get(&h->res->org->name, h->lang) : "";
  char *t = sbx__asprintf("%s%s%s", sbx__h_msg(h, title_key), *org ? " \xe2\x80\x93 " : "",
                          org);
  if (!t) h->bad = 1;
  sbx__h_el(h, hd, "title", t ? t : "");
  sbx__free(t);
  sbx__h_el(h, hd, "style", sbx__report_css);
  char *pg = page_css(h);
  sbx__h_el(h, hd, "style", pg ? pg : "");
  if (!pg) h->bad = 1;
  sbx__free(pg);
}

static void fact(sbx__html *h, xmlNodePtr dl, const char *key, const char *value) {
  if (!value || !*value) return;
  sbx__h_label(h, dl, "dt", key);
  sbx__h_el(h, dl, "dd", value);
}

/* The title page's facts: survey period, report date, responsible unit, responses
 * and the whole organisation's response rate. */
static void title_facts(sbx__html *h, xmlNodePtr hdr) {
  const sbx_org *o = h->res->org;
  xmlNodePtr dl = sbx__h_elc(h, hdr, "dl", "title-facts", NULL);
  if (o && o->period_from && o->period_to) {
    char *p = sbx__asprintf("%s \xe2\x80\x93 %s", o->period_from, o->period_to);
    if (!p) h->bad = 1;
    fact(h, dl, "title.period", p);
    sbx__free(p);
  }
  const char *date = o && o->report_date ? o->report_date
                     : h->opts && h->opts->generated ? h->opts->generated : NULL;
  fact(h, dl, "title.date", date);
  if (o) fact(h, dl, "title.responsible", sbx__text_get(&o->responsible, h->lang));
  if (h->res->counts_shown) fact(h, dl, "title.responses", sbx__h_int(h, h->res->accepted));
  if (sbx__unit_visible(h->res, 0) && h->res->unit[0].rate_flag != SBX_RATE_NONE)
    fact(h, dl, "col.rate", sbx__h_rate(h, 0));
}

static void header(sbx__html *h, xmlNodePtr body) {
  xmlNodePtr hdr = sbx__h_el(h, body, "header", NULL);
  const char *org = h->res->org ? sbx__text_get(&h->res->org->name, h->lang) : "";
  sbx__h_el(h, hdr, "h1", *org ? org : sbx__h_msg(h, "report.title"));
  const char *survey = sbx__text_get(&h->res->survey->title, h->lang);
  const char *kv[] = { "survey", *survey ? survey : h->res->survey->id,
                       "version", h->res->survey->version ? h->res->survey->version : "",
                       "n", h->res->counts_shown ? sbx__h_int(h, h->res->accepted)
                                                 : sbx__h_count(h, 1), NULL };
  sbx__h_sentence(h, hdr, "p", "report.subtitle", kv);
  title_facts(h, hdr);
  sbx__trend_waves_line(h, hdr);
  if (h->opts && h->opts->generated) {
    const char *kg[] = { "date", h->opts->generated, NULL };
    sbx__h_sentence(h, hdr, "p", "report.generated", kg);
  }
}

static int has_trend(const sbx__html *h) { return h->res->trend || h->res->opts.baseline; }

/* The report's sections in order, one list for what is drawn and for the table of
 * contents: the id (the section's id, the contents' link, the title message sec.<id>),
 * the function that draws it, and when it is there (NULL: always). The function draws
 * its section under the same id (test_html checks that links and sections match). */
static const struct {
  const char *id;
  void (*draw)(sbx__html *h);
  int (*shown)(const sbx__html *h);
} sections[] = {
  { "lead", sbx__sec_leadership, NULL }, { "thread", sbx__sec_thread, NULL },
  { "heatmap", sbx__sec_heatmap, NULL }, { "boxes", sbx__sec_boxes, NULL },
  { "hme", sbx__sec_hme, NULL },         { "units", sbx__sec_units, NULL },
  { "trend", sbx__sec_trend, has_trend }, { "drivers", sbx__sec_drivers, NULL },
  { "actions", sbx__sec_actions, NULL }, { "method", sbx__sec_method, NULL },
};
#define NSECTION (sizeof sections / sizeof sections[0])

static void contents(sbx__html *h, xmlNodePtr body) {
  xmlNodePtr nav = sbx__h_elc(h, body, "nav", "toc", NULL);
  sbx__h_attr(h, nav, "aria-label", sbx__h_msg(h, "nav.contents"));
  xmlNodePtr ol = sbx__h_el(h, nav, "ol", NULL);
  for (size_t i = 0; i < NSECTION; i++) {
    if (sections[i].shown && !sections[i].shown(h)) continue;
    char key[48], href[48];
    snprintf(key, sizeof key, "sec.%s", sections[i].id);
    snprintf(href, sizeof href, "#%s", sections[i].id);
    xmlNodePtr li = sbx__h_el(h, ol, "li", NULL);
    xmlNodePtr a = sbx__h_label(h, li, "a", key);
    sbx__h_attr(h, a, "href", href);
    /* Empty here: sixbox-pdf writes the page the section starts on in its PDF. */
    sbx__h_attr(h, sbx__h_elc(h, li, "span", "toc-page", ""), "data-section", sections[i].id);
  }
  sbx__h_elc(h, nav, "p", "toc-note", sbx__h_msg(h, "nav.print-note"));
}

static void footer(sbx__html *h, xmlNodePtr body) {
  xmlNodePtr f = sbx__h_el(h, body, "footer", NULL);
  const char *kv[] = { "version", SIXBOX_VERSION, NULL };
  sbx__h_sentence(h, f, "p", "report.footer", kv);
}

xmlNodePtr sbx__html_open(sbx__html *h, const sbx_results *res, const sbx_report_opts *opts,
                          const char *title_key, sbx_ctx *ctx) {
  memset(h, 0, sizeof *h);
  h->res = res;
  h->opts = opts;
  h->lang = sbx__report_lang(res, opts);
  h->lang_rc = sbx__lang_load(&h->msgs, h->lang, ctx);
  if (h->lang_rc) return NULL;
  h->doc = htmlNewDocNoDtD(NULL, NULL);
  if (!h->doc || !xmlCreateIntSubset(h->doc, X("html"), NULL, NULL)) return NULL;
  xmlNodePtr html = xmlNewDocNode(h->doc, NULL, X("html"), NULL);
  if (!html) return NULL;
  xmlDocSetRootElement(h->doc, html);
  sbx__h_attr(h, html, "lang", h->lang);
  head(h, html, title_key);
  return sbx__h_el(h, html, "body", NULL);
}

static int build(sbx__html *h, xmlNodePtr body) {
  if (!body) return SBX_ENOMEM;
  header(h, body);
  contents(h, body);
  h->main = sbx__h_el(h, body, "main", NULL);
  for (size_t i = 0; i < NSECTION; i++) {
    if (sbx__cancelled(h->opts)) return 1;
    if (!sections[i].shown || sections[i].shown(h)) sections[i].draw(h);
  }
  footer(h, body);
  return h->bad ? SBX_ENOMEM : 0;
}

int sbx__html_finish(sbx__html *h, int built, FILE *f, sbx_ctx *ctx) {
  int rc = 0;
  if (h->lang_rc) {
    rc = h->lang_rc; /* recorded in ctx by sbx__html_open */
  } else if (built > 0) {
    rc = sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted");
  } else if (built < 0 || h->bad || !h->doc) {
    rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory while building the report");
  } else {
    /* No output encoder: libxml2 writes UTF-8 as it is (the "HTML" encoder that
     * htmlDocDumpMemory would pick turns every å into an entity). An HTML document's
     * text is never turned into entities by the serialiser itself, whatever its
     * xmlDoc's encoding field says, so that field is left alone. */
    xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
    if (ob) htmlDocContentDumpFormatOutput(ob, h->doc, NULL, 1);
    const xmlChar *mem = ob && !ob->error ? xmlOutputBufferGetContent(ob) : NULL;
    size_t size = mem ? xmlOutputBufferGetSize(ob) : 0;
    if (!mem || size == 0)
      rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory while writing the report");
    else if (fwrite(mem, 1, size, f) != size || ferror(f))
      rc = sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while writing the report");
    if (ob) xmlOutputBufferClose(ob);
  }
  xmlFreeDoc(h->doc);
  h->doc = NULL;
  sbx__lang_free(h->msgs);
  h->msgs = NULL;
  return rc;
}

int sbx__html_write(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                    const char *title_key, int (*fill)(sbx__html *h, xmlNodePtr body),
                    sbx_ctx *ctx) {
  if (!f || !res || !res->survey || res->nunit == 0)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no results to write");
  if (sbx__opts_check(opts, SBX_REPORT_OPTS_VERSION, "sbx_report_opts", ctx))
    return SBX_EUSAGE;
  sbx__html h;
  sbx__lexicon *lex = NULL;
  int rc = sbx__lexicon_load(&lex, sbx__report_lang(res, opts), ctx);
  if (rc) return rc;
  xmlNodePtr body = sbx__html_open(&h, res, opts, title_key, ctx);
  h.lex = lex;
  rc = sbx__html_finish(&h, fill(&h, body), f, ctx);
  sbx__lexicon_free(lex);
  return rc;
}

int sbx_report_write_html(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                          sbx_ctx *ctx) {
  return sbx__html_write(f, res, opts, "report.title", build, ctx);
}

/* sbx_report_write_html(): report.html as one libxml2 HTML tree: a head with the
 * Content-Security-Policy first (no script, nothing fetched, inline style only), the
 * stylesheet, a header and contents, the eight sections, and a footer; then serialized
 * by libxml2, which does all the escaping. */
#include "reports/html/html.h"
#include "surveys/util.h"

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

static void head(sbx__html *h, xmlNodePtr html) {
  xmlNodePtr hd = sbx__h_el(h, html, "head", NULL);
  meta(h, hd, "charset", "utf-8", NULL);
  meta(h, hd, "http-equiv", "Content-Security-Policy", csp);
  meta(h, hd, "name", "referrer", "no-referrer");
  meta(h, hd, "name", "viewport", "width=device-width, initial-scale=1");
  meta(h, hd, "name", "generator", "sixbox " SIXBOX_VERSION);
  const char *org = h->res->org ? sbx__text_get(&h->res->org->name, h->lang) : "";
  char *t = sbx__asprintf("%s%s%s", sbx__h_msg(h, "report.title"), *org ? " \xe2\x80\x93 " : "",
                          org);
  sbx__h_el(h, hd, "title", t ? t : "sixbox");
  free(t);
  sbx__h_el(h, hd, "style", sbx__report_css);
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
  sbx__trend_waves_line(h, hdr);
  if (h->opts && h->opts->generated) {
    const char *kg[] = { "date", h->opts->generated, NULL };
    sbx__h_sentence(h, hdr, "p", "report.generated", kg);
  }
}

static void contents(sbx__html *h, xmlNodePtr body) {
  static const char *const ids[] = { "lead", "thread", "heatmap", "boxes", "hme", "units",
                                     "trend", "drivers", "actions", "method" };
  xmlNodePtr nav = sbx__h_el(h, body, "nav", NULL);
  sbx__h_attr(h, nav, "aria-label", sbx__h_msg(h, "nav.contents"));
  xmlNodePtr ol = sbx__h_el(h, nav, "ol", NULL);
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    if (strcmp(ids[i], "trend") == 0 && !h->res->trend && !h->res->opts.baseline) continue;
    char key[48], href[48];
    snprintf(key, sizeof key, "sec.%s", ids[i]);
    snprintf(href, sizeof href, "#%s", ids[i]);
    xmlNodePtr a = sbx__h_label(h, sbx__h_el(h, ol, "li", NULL), "a", key);
    sbx__h_attr(h, a, "href", href);
  }
}

static void footer(sbx__html *h, xmlNodePtr body) {
  xmlNodePtr f = sbx__h_el(h, body, "footer", NULL);
  const char *kv[] = { "version", SIXBOX_VERSION, NULL };
  sbx__h_sentence(h, f, "p", "report.footer", kv);
}

static int build(sbx__html *h) {
  h->doc = htmlNewDocNoDtD(NULL, NULL);
  if (!h->doc || !xmlCreateIntSubset(h->doc, X("html"), NULL, NULL)) return -1;
  xmlNodePtr html = xmlNewDocNode(h->doc, NULL, X("html"), NULL);
  if (!html) return -1;
  xmlDocSetRootElement(h->doc, html);
  sbx__h_attr(h, html, "lang", h->lang);
  head(h, html);
  xmlNodePtr body = sbx__h_el(h, html, "body", NULL);
  header(h, body);
  contents(h, body);
  h->main = sbx__h_el(h, body, "main", NULL);
  void (*const sections[])(sbx__html *) = { sbx__sec_leadership, sbx__sec_thread,
                                            sbx__sec_heatmap, sbx__sec_boxes, sbx__sec_hme, sbx__sec_units,
                                            sbx__sec_trend, sbx__sec_drivers, sbx__sec_actions,
                                            sbx__sec_method };
  for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
    if (sbx__cancelled(h->opts)) return 1;
    sections[i](h);
  }
  footer(h, body);
  return h->bad ? -1 : 0;
}

int sbx_report_write_html(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                          sbx_ctx *ctx) {
  if (!f || !res || !res->survey || res->nunit == 0)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no results to write");
  if (sbx__opts_check(opts, SBX_REPORT_OPTS_VERSION, "sbx_report_opts", ctx))
    return SBX_EUSAGE;
  sbx__html h;
  memset(&h, 0, sizeof h);
  h.res = res;
  h.opts = opts;
  h.lang = strcmp(sbx__report_lang(res, opts), "sv") == 0 ? "sv" : "en";
  int b = build(&h);
  int rc = 0;
  if (b > 0) {
    rc = sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted");
  } else if (b < 0) {
    rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory while building the report");
  } else {
    /* No output encoder: libxml2 writes UTF-8 as it is (the "HTML" encoder that
     * htmlDocDumpMemory would pick turns every å into an entity). */
    h.doc->encoding = xmlStrdup(X("UTF-8"));
    xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
    if (ob) htmlDocContentDumpFormatOutput(ob, h.doc, NULL, 1);
    const xmlChar *mem = ob && !ob->error ? xmlOutputBufferGetContent(ob) : NULL;
    size_t size = mem ? xmlOutputBufferGetSize(ob) : 0;
    if (!mem || size == 0)
      rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory while writing the report");
    else if (fwrite(mem, 1, size, f) != size || ferror(f))
      rc = sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while writing the report");
    if (ob) xmlOutputBufferClose(ob);
  }
  xmlFreeDoc(h.doc);
  return rc;
}

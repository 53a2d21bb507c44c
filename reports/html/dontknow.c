/* "Vet ej" (don't know) in the data section: per box and per item, how many of the
 * accepted responses answered "don't know" (counted as missing in every figure). Over
 * the whole organisation only, and only while it is shown (rates.c). */
#include "reports/html/html.h"

void sbx__dont_know_table(sbx__html *h, xmlNodePtr sec) {
  const sbx_survey *s = h->res->survey;
  if (!h->res->dont_know || !sbx__unit_visible(h->res, 0)) return;
  sbx__h_label(h, sec, "h3", "dontknow.title");
  sbx__h_label(h, sec, "p", "dontknow.intro");
  static const char *const cols[] = { "col.box", "col.item", "col.dontknow", "col.share", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "dontknow.table", cols);
  size_t n = h->res->accepted ? h->res->accepted : h->res->unit[0].n;
  for (size_t sc = 0; sc < s->nscale; sc++) {
    size_t total = 0;
    for (size_t i = 0; i < s->scale[sc].nitem; i++) total += h->res->dont_know[s->scale[sc].item[i]];
    xmlNodePtr tr = sbx__h_tr(h, tb);
    xmlNodePtr th = sbx__h_th_row(h, tr, sbx__h_scale_name(h, sc));
    sbx__h_attr(h, th, "class", "d0");
    sbx__h_label(h, tr, "td", "dontknow.all-items");
    sbx__h_tdn(h, tr, sbx__h_int(h, total));
    sbx__h_tdn(h, tr, "");
    for (size_t i = 0; i < s->scale[sc].nitem; i++) {
      size_t it = s->scale[sc].item[i], k = h->res->dont_know[it];
      tr = sbx__h_tr(h, tb);
      sbx__h_td(h, tr, "");
      sbx__h_th_row(h, tr, sbx__text_get(&s->item[it].text, h->lang));
      sbx__h_tdn(h, tr, sbx__h_int(h, k));
      sbx__h_tdn(h, tr, n ? sbx__h_pct(h, (double)k / (double)n) : "\xe2\x80\x93");
    }
  }
}

/* Section 3, the heatmap: every unit (rows, in the organisation's order, indented by
 * depth) × every scale (columns), each cell with its mean and its status shown by
 * symbol, word (for screen readers), border and colour; hidden cells say why. With a
 * baseline, the change since it under the mean (sbx__h_change), where it may be shown. */
#include "reports/html/html.h"

#include <stdio.h>

static void legend(sbx__html *h, xmlNodePtr sec) {
  xmlNodePtr ul = sbx__h_elc(h, sec, "ul", "legend", NULL);
  sbx__h_attr(h, ul, "aria-label", sbx__h_msg(h, "legend"));
  for (int s = SBX_STATUS_WEAK; s <= SBX_STATUS_STRENGTH; s++)
    sbx__h_badge(h, sbx__h_el(h, ul, "li", NULL), (sbx_status)s);
}

/* Depth-1 units link to their page when the table covers the whole organisation. */
void sbx__heatmap_table(sbx__html *h, xmlNodePtr parent, size_t root, const char *caption_key) {
  xmlNodePtr wrap = sbx__h_elc(h, parent, "div", "table-wrap", NULL);
  sbx__h_attr(h, wrap, "tabindex", "0");
  sbx__h_attr(h, wrap, "role", "region");
  sbx__h_attr(h, wrap, "aria-label", sbx__h_msg(h, caption_key));
  xmlNodePtr t = sbx__h_elc(h, wrap, "table", "heatmap", NULL);
  sbx__h_label(h, t, "caption", caption_key);
  /* Fixed widths for name, count and rate; the boxes share the rest (style.c). */
  xmlNodePtr cg = sbx__h_el(h, t, "colgroup", NULL);
  static const char *const cols[] = { "c-unit", "c-n", "c-rate" };
  for (size_t i = 0; i < 3; i++) sbx__h_attr(h, sbx__h_el(h, cg, "col", NULL), "class", cols[i]);
  for (size_t s = 0; s < h->res->nscale; s++)
    sbx__h_attr(h, sbx__h_el(h, cg, "col", NULL), "class", "c-box");
  xmlNodePtr tr = sbx__h_el(h, sbx__h_el(h, t, "thead", NULL), "tr", NULL);
  sbx__h_attr(h, sbx__h_label(h, tr, "th", "col.unit"), "scope", "col");
  sbx__h_attr(h, sbx__h_label(h, tr, "th", "col.n"), "scope", "col");
  sbx__h_attr(h, sbx__h_label(h, tr, "th", "col.rate"), "scope", "col");
  for (size_t s = 0; s < h->res->nscale; s++)
    sbx__h_attr(h, sbx__h_el(h, tr, "th", sbx__h_scale_name(h, s)), "scope", "col");
  xmlNodePtr tb = sbx__h_el(h, t, "tbody", NULL);
  for (size_t u = 0; u < h->res->nunit; u++) {
    if (h->res->org && !sbx__org_is_within(h->res->org, u, root)) continue;
    size_t depth = h->res->org ? h->res->org->unit[u].depth : 0;
    xmlNodePtr row = sbx__h_tr(h, tb);
    xmlNodePtr th = sbx__h_th_row(h, row, NULL);
    char cls[16];
    snprintf(cls, sizeof cls, "d%zu", depth > 4 ? 4 : depth);
    sbx__h_attr(h, th, "class", cls);
    if (depth == 1 && root == 0) {
      char href[72];
      snprintf(href, sizeof href, "#%s", sbx__h_unit_anchor(h, u));
      sbx__h_attr(h, sbx__h_el(h, th, "a", sbx__h_unit_name(h, u)), "href", href);
    } else {
      sbx__h_text(h, th, sbx__h_unit_name(h, u));
    }
    if (!sbx__unit_visible(h->res, u)) { /* one cell says why, not one per box */
      xmlNodePtr td = sbx__h_elc(h, row, "td", "hidden-cell", sbx__h_hidden_text(h, u, 0));
      char span[16];
      snprintf(span, sizeof span, "%zu", h->res->nscale + 2);
      sbx__h_attr(h, td, "colspan", span);
      continue;
    }
    sbx__h_tdn(h, row, sbx__h_int(h, h->res->unit[u].n));
    sbx__h_rate_cell(h, row, u);
    for (size_t s = 0; s < h->res->nscale; s++) {
      xmlNodePtr td = sbx__h_td(h, row, NULL);
      sbx__h_cell_figure(h, td, u, s);
      if (!sbx__h_has_change(h, u, s)) continue;
      sbx__h_el(h, td, "br", NULL); /* the change since the last wave, under the mean */
      sbx__h_change_stacked(h, sbx__h_el(h, td, "small", NULL), u, s);
    }
  }
  if (sbx__h_rate_any(h, root, SBX_RATE_LOW))
    sbx__h_elc(h, wrap, "p", "table-note", sbx__h_msg(h, "rate.legend-low"));
  if (sbx__h_rate_any(h, root, SBX_RATE_OVER))
    sbx__h_elc(h, wrap, "p", "table-note", sbx__h_msg(h, "rate.legend-over"));
}

void sbx__sec_heatmap(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "heatmap", "sec.heatmap");
  char k[16];
  snprintf(k, sizeof k, "%d", h->res->opts.min_group);
  const char *kv[] = { "k", k, NULL };
  sbx__h_sentence(h, sec, "p", "heatmap.intro", kv);
  if (h->res->opts.baseline) {
    sbx__h_label(h, sec, "p", "heatmap.change");
    sbx__trend_base_line(h, sec);
  }
  legend(h, sec);
  sbx__heatmap_table(h, sec, 0, "heatmap.caption");
}

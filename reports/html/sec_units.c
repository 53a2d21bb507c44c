/* Section 5, a page per förvaltning and bolag (the units right below the whole
 * organisation): their six boxes, a table of every scale with comparisons and change,
 * their sub-units, their goals and their (masked) comments. A hidden unit's page says
 * only that it is hidden. */
#include "reports/html/html.h"

#include <math.h>
#include <stdio.h>

static void scale_table(sbx__html *h, xmlNodePtr div, size_t u) {
  static const char *const cols[] = { "col.scale", "col.mean", "col.ci", "col.favourable",
                                      "col.unfavourable", "col.diff", "col.change", "col.status", NULL };
  xmlNodePtr tb = sbx__h_table(h, div, "units.table", cols);
  for (size_t s = 0; s < h->res->nscale; s++) {
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_scale_name(h, s));
    if (!sbx__cell_visible(h->res, u, s)) {
      xmlNodePtr td = sbx__h_td(h, tr, sbx__h_hidden_text(h, u, s));
      sbx__h_attr(h, td, "colspan", "7");
      continue;
    }
    const sbx_cell *c = &h->res->unit[u].cell[s];
    sbx__h_tdn(h, tr, sbx__h_num(h, c->mean, 2));
    sbx__h_tdn(h, tr, sbx__h_range(h, c->ci_lo, c->ci_hi, 2));
    sbx__h_tdn(h, tr, sbx__h_pct(h, c->fav));
    sbx__h_tdn(h, tr, sbx__h_pct(h, c->unfav));
    char diff[96] = "\xe2\x80\x93";
    if (isfinite(c->diff))
      snprintf(diff, sizeof diff, "%s%s%s", c->diff > 0 ? "+" : "", sbx__h_num(h, c->diff, 2),
               isfinite(c->p_adj) && c->p_adj < 0.05 ? " *" : "");
    sbx__h_tdn(h, tr, diff);
    xmlNodePtr ch = sbx__h_tdn(h, tr, NULL); /* with its interval and mark */
    if (!sbx__h_change(h, ch, u, s)) sbx__h_text(h, ch, "\xe2\x80\x93");
    sbx__h_badge(h, sbx__h_td(h, tr, NULL), c->status);
  }
}

static void unit_goals(sbx__html *h, xmlNodePtr div, size_t u) {
  if (!h->res->org) return;
  xmlNodePtr ul = NULL;
  for (size_t i = 0; i < h->res->ngoal; i++) {
    const sbx_goal *g = &h->res->org->goal[h->res->goal[i].goal];
    if (g->unit == SBX_NONE || !sbx__org_is_within(h->res->org, g->unit, u)) continue;
    if (!ul) {
      sbx__h_label(h, div, "h4", "units.goals");
      ul = sbx__h_el(h, div, "ul", NULL);
    }
    xmlNodePtr li = sbx__h_el(h, ul, "li", NULL);
    sbx__h_goal_badge(h, li, h->res->goal[i].status);
    sbx__h_text(h, li, " ");
    sbx__h_text(h, li, sbx__h_goal_title(h, h->res->goal[i].goal));
    if (g->unit != u) {
      sbx__h_text(h, li, " (");
      sbx__h_text(h, li, sbx__h_unit_name(h, g->unit));
      sbx__h_text(h, li, ")");
    }
  }
}

static int has_children(const sbx__html *h, size_t u) {
  for (size_t k = u + 1; k < h->res->nunit; k++)
    if (h->res->org->unit[k].parent == u) return 1;
  return 0;
}

static void unit_page(sbx__html *h, xmlNodePtr sec, size_t u) {
  xmlNodePtr div = sbx__h_elc(h, sec, "div", "unit-page", NULL);
  sbx__h_attr(h, div, "id", sbx__h_unit_anchor(h, u));
  sbx__h_el(h, div, "h3", sbx__h_unit_name(h, u));
  if (!sbx__unit_visible(h->res, u)) {
    sbx__h_el(h, div, "p", sbx__h_hidden_text(h, u, 0));
    return;
  }
  sbx__h_rate_note(h, div, u);
  sbx__svg_sixbox(h, div, u, 560); /* 14 px text drawn at 12 px and more */
  sbx__trend_base_line(h, div);
  scale_table(h, div, u);
  if (has_children(h, u)) sbx__heatmap_table(h, div, u, "units.subunits");
  unit_goals(h, div, u);
  sbx__comments_unit(h, div, u);
}

void sbx__sec_units(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "units", "sec.units");
  if (!h->res->org) {
    sbx__h_label(h, sec, "p", "units.none");
    return;
  }
  sbx__h_label(h, sec, "p", "units.intro");
  int any = 0;
  for (size_t u = 1; u < h->res->nunit; u++) {
    if (h->res->org->unit[u].depth != 1) continue;
    if (sbx__cancelled(h->opts)) return;
    unit_page(h, sec, u);
    any = 1;
  }
  if (!any) sbx__h_label(h, sec, "p", "units.none");
  sbx__comments_themes_table(h, sec);
}

/* Section 7, the action plan: every weak box of every shown unit, those behind a goal
 * at risk first (goal, unit, box, where to start from the focus-area catalogue), with
 * the goal's status now and at the previous wave, so the next wave can follow up. */
#include "reports/html/html.h"

#include <stdio.h>

/* The box's focus areas (the catalogue's focus-area.<box>.1, .2, ...), led by our
 * one-line summary of where to start; an extra scale gets the summary only. */
void sbx__actions_focus(sbx__html *h, xmlNodePtr td, size_t scale) {
  const sbx_scale *sc = &h->res->survey->scale[scale];
  const char *box = sc->kind == SBX_SCALE_BOX ? sbx_box_id(sc->box) : NULL;
  char key[96];
  snprintf(key, sizeof key, "focus.%s", box ? box : "other");
  sbx__h_el(h, td, "p", sbx__h_msg(h, key));
  char prefix[64];
  snprintf(prefix, sizeof prefix, "focus-area.%s.", box ? box : "");
  size_t n = box ? sbx__msg_count(h->msgs, prefix) : 0;
  if (n == 0) return;
  xmlNodePtr ul = sbx__h_el(h, td, "ul", NULL);
  for (size_t i = 0; i < n; i++) {
    snprintf(key, sizeof key, "%s%zu", prefix, i + 1);
    sbx__h_el(h, ul, "li", sbx__h_msg(h, key));
  }
}

/* The goal, its status now and at the last wave; for a row no goal names, a note. */
static void goal_cells(sbx__html *h, xmlNodePtr tr, const sbx_action *a) {
  int linked = h->res->org && a->goal < h->res->org->ngoal;
  if (!linked) {
    sbx__h_elc(h, sbx__h_th_row(h, tr, NULL), "span", "muted",
               sbx__h_msg(h, "actions.no-goal"));
    return;
  }
  sbx__h_th_row(h, tr, sbx__h_goal_title(h, a->goal));
}

static void status_cells(sbx__html *h, xmlNodePtr tr, const sbx_action *a) {
  int linked = h->res->org && a->goal < h->res->org->ngoal;
  if (!linked) {
    sbx__h_td(h, tr, "\xe2\x80\x93");
    sbx__h_td(h, tr, "\xe2\x80\x93");
    return;
  }
  sbx__h_goal_badge(h, sbx__h_td(h, tr, NULL), a->status);
  xmlNodePtr then = sbx__h_td(h, tr, NULL);
  if (a->has_base)
    sbx__h_goal_badge(h, then, a->base_status);
  else
    sbx__h_text(h, then, sbx__h_msg(h, "actions.no-baseline"));
}

void sbx__sec_actions(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "actions", "sec.actions");
  if (h->res->naction == 0) {
    sbx__h_label(h, sec, "p", "actions.none-weak");
    return;
  }
  sbx__h_label(h, sec, "p", "actions.intro-all");
  static const char *const cols[] = { "col.goal", "col.unit", "col.box", "col.focus",
                                      "col.status-now", "col.status-then", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "actions.table", cols);
  for (size_t i = 0; i < h->res->naction; i++) {
    const sbx_action *a = &h->res->action[i];
    if (!sbx__cell_visible(h->res, a->unit, a->scale)) continue; /* never name a hidden cell */
    xmlNodePtr tr = sbx__h_tr(h, tb);
    goal_cells(h, tr, a);
    sbx__h_td(h, tr, sbx__h_unit_name(h, a->unit));
    const sbx_cell *c = &h->res->unit[a->unit].cell[a->scale];
    xmlNodePtr box = sbx__h_td(h, tr, sbx__h_scale_name(h, a->scale));
    sbx__h_text(h, box, " ");
    sbx__h_badge(h, box, c->status);
    const char *kv[] = { "mean", sbx__h_num(h, c->mean, 2), "fav", sbx__h_pct(h, c->fav),
                         "unfav", sbx__h_pct(h, c->unfav), NULL };
    sbx__h_sentence(h, box, "div", "actions.box-figures", kv);
    sbx__actions_focus(h, sbx__h_td(h, tr, NULL), a->scale);
    status_cells(h, tr, a);
  }
}

/* Section 2, the red thread: the goal programme as a tree from the vision through the
 * strategic and operative goals down to the boxes, with each goal's status and, for
 * goals at risk or on watch, the evidence (box, unit, mean, interval, status). */
#include "reports/html/html.h"
#include "surveys/util.h"
#include "analysis/goals/goals.h"

#include <stdio.h>
#include <stdlib.h>

#define ARROW " \xe2\x86\x92 "

/* " (sedan förra mätningen +0,32 (0,12 – 0,52) ▲)" where the change may be shown. */
static void change_note(sbx__html *h, xmlNodePtr parent, size_t u, size_t sc) {
  if (!sbx__h_has_change(h, u, sc)) return;
  sbx__h_text(h, parent, " (");
  sbx__h_text(h, parent, sbx__h_msg(h, "change.since"));
  sbx__h_text(h, parent, " ");
  sbx__h_change(h, parent, u, sc);
  sbx__h_text(h, parent, ")");
}

static void evidence(sbx__html *h, xmlNodePtr li, const sbx_goal_result *g) {
  if (g->nev == 0) return;
  xmlNodePtr ul = sbx__h_elc(h, li, "ul", "evidence", NULL);
  for (size_t e = 0; e < g->nev; e++) {
    const sbx_evidence *x = &g->ev[e];
    xmlNodePtr eli = sbx__h_el(h, ul, "li", NULL);
    sbx__h_el(h, eli, "span", sbx__h_scale_name(h, x->scale));
    sbx__h_text(h, eli, ", ");
    sbx__h_text(h, eli, sbx__h_unit_name(h, x->unit));
    sbx__h_text(h, eli, ": ");
    if (!sbx__cell_visible(h->res, x->unit, x->scale)) {
      sbx__h_text(h, eli, sbx__h_hidden_text(h, x->unit, x->scale));
      continue;
    }
    const sbx_cell *c = &h->res->unit[x->unit].cell[x->scale];
    const char *kv[] = { "mean", sbx__h_num(h, x->mean, 2),
                         "ci", sbx__h_range(h, x->ci_lo, x->ci_hi, 2),
                         "fav", sbx__h_pct(h, c->fav), "band", sbx__h_band(h, x->n), NULL };
    sbx__h_sentence(h, eli, "span", "thread.evidence", kv);
    sbx__h_text(h, eli, " ");
    sbx__h_badge(h, eli, x->status);
    change_note(h, eli, x->unit, x->scale);
  }
}

/* The goal's weak critical boxes that may be shown, each with mean, positive share
 * and n band; returns the first one's scale (SBX_NONE when none). */
static size_t weak_boxes(sbx__html *h, xmlNodePtr parent, const sbx_goal_result *g) {
  size_t first = SBX_NONE;
  for (size_t e = 0; e < g->nev; e++) {
    const sbx_evidence *x = &g->ev[e];
    if (!x->critical || x->status != SBX_STATUS_WEAK ||
        !sbx__cell_visible(h->res, x->unit, x->scale))
      continue;
    const sbx_cell *c = &h->res->unit[x->unit].cell[x->scale];
    const char *band = sbx__n_band(x->n);
    const char *kv[] = { "box", sbx__h_scale_name(h, x->scale), "mean", sbx__h_num(h, x->mean, 2),
                         "fav", sbx__h_pct(h, c->fav), "band", band ? band : "0", NULL };
    if (first != SBX_NONE) sbx__h_text(h, parent, "; ");
    sbx__h_sentence(h, parent, "span", "thread.weak-box", kv);
    change_note(h, parent, x->unit, x->scale);
    if (first == SBX_NONE) first = x->scale;
  }
  return first;
}

void sbx__thread_line(sbx__html *h, xmlNodePtr parent, size_t gi) {
  const sbx_org *org = h->res->org;
  const sbx_goal_result *g = &h->res->goal[gi];
  size_t chain[64];
  size_t len = sbx__goal_chain(org, g->goal, chain, 64);
  for (size_t k = 0; k + 1 < len && k < 64; k++) {
    const sbx_goal *up = &org->goal[chain[k]];
    if (up->level == SBX_GOAL_VISION) continue;
    sbx__h_elc(h, parent, "span", "thread-up", sbx__h_goal_title(h, chain[k]));
    sbx__h_text(h, parent, ARROW);
  }
  const sbx_goal *og = &org->goal[g->goal];
  sbx__h_el(h, parent, "strong", sbx__h_goal_title(h, g->goal));
  size_t unit = og->unit != SBX_NONE ? og->unit : 0;
  sbx__h_text(h, parent, " (");
  sbx__h_text(h, parent, sbx__h_unit_name(h, unit));
  sbx__h_text(h, parent, ")");
  sbx__h_text(h, parent, ARROW);
  size_t first = weak_boxes(h, parent, g);
  if (first == SBX_NONE) {
    sbx__h_text(h, parent, sbx__h_msg(h, "thread.no-weak-shown"));
    return;
  }
  const sbx_scale *sc = &h->res->survey->scale[first];
  char key[64];
  snprintf(key, sizeof key, "focus.%s", sc->kind == SBX_SCALE_BOX ? sbx_box_id(sc->box) : "other");
  sbx__h_text(h, parent, ARROW);
  const char *kv[] = { "step", sbx__h_msg(h, key), NULL };
  sbx__h_sentence(h, parent, "span", "thread.first-step", kv);
}

/* An activity whose own unit is hidden was judged in its operative goal's unit. */
static void fallback_note(sbx__html *h, xmlNodePtr li, const sbx_goal_result *g) {
  const sbx_goal *og = &h->res->org->goal[g->goal];
  if (og->level != SBX_GOAL_ACTIVITY || !g->fallback || g->unit >= h->res->nunit) return;
  const char *kv[] = { "unit", sbx__h_unit_name(h, g->unit),
                       "k", sbx__h_int(h, (size_t)h->res->opts.min_group), NULL };
  sbx__h_sentence(h, li, "div", "thread.fallback", kv); /* one reason for both (section 6) */
}

static void goal_item(sbx__html *h, xmlNodePtr li, size_t gi) {
  const sbx_goal_result *g = &h->res->goal[gi];
  const sbx_goal *og = &h->res->org->goal[g->goal];
  char key[32];
  snprintf(key, sizeof key, "level.%s", sbx__goal_level_id(og->level));
  sbx__h_elc(h, li, "span", "muted", sbx__h_msg(h, key));
  sbx__h_text(h, li, ": ");
  sbx__h_el(h, li, "strong", sbx__h_goal_title(h, g->goal));
  if (og->unit != SBX_NONE) {
    sbx__h_text(h, li, " (");
    sbx__h_text(h, li, sbx__h_unit_name(h, og->unit));
    sbx__h_text(h, li, ")");
  }
  if (og->level == SBX_GOAL_VISION) return;
  sbx__h_text(h, li, " ");
  sbx__h_goal_badge(h, li, g->status);
  fallback_note(h, li, g);
  if (g->status == SBX_GOAL_AT_RISK || g->status == SBX_GOAL_WATCH) evidence(h, li, g);
  sbx__h_goal_indicators(h, li, gi);
}

void sbx__sec_thread(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "thread", "sec.thread");
  if (!h->res->org || h->res->ngoal == 0) {
    sbx__h_label(h, sec, "p", "lead.no-goals");
    return;
  }
  sbx__h_label(h, sec, "p", "thread.intro");
  sbx__trend_base_line(h, sec);
  const sbx_org *org = h->res->org;
  /* Goals are in pre-order, so a parent's item exists before its children's. */
  xmlNodePtr *item = sbx__calloc(org->ngoal, sizeof *item);
  xmlNodePtr *list = sbx__calloc(org->ngoal, sizeof *list);
  if (!item || !list) {
    sbx__free(item);
    sbx__free(list);
    h->bad = 1;
    return;
  }
  xmlNodePtr top = sbx__h_el(h, sbx__h_elc(h, sec, "div", "thread", NULL), "ul", NULL);
  for (size_t i = 0; i < h->res->ngoal; i++) {
    size_t gi = h->res->goal[i].goal;
    if (gi >= org->ngoal) continue;
    size_t p = org->goal[gi].parent;
    xmlNodePtr parent = top;
    if (p != SBX_NONE && p < org->ngoal && item[p]) {
      if (!list[p]) list[p] = sbx__h_el(h, item[p], "ul", NULL);
      parent = list[p];
    }
    item[gi] = sbx__h_el(h, parent, "li", NULL);
    goal_item(h, item[gi], i);
  }
  sbx__free(item);
  sbx__free(list);
}

/* Section 1, for leadership: the six boxes of the whole organisation as Weisbord's
 * circle (with a data table), the goals most at risk, and three to five key messages
 * written from the figures with the catalogue's sentence templates. */
#include "reports/html/html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* How far a mean lies on the good side of its scale's cut-off (negative: problem side). */
static double goodness(const sbx__html *h, size_t scale, double mean) {
  const sbx_answer_scale *a = sbx__h_answer_scale(h, scale);
  if (!a) return NAN;
  return a->direction == SBX_LOW_IS_GOOD ? a->cutoff - mean : mean - a->cutoff;
}

static int root_fig(const sbx__html *h, size_t s) {
  return sbx__cell_visible(h->res, 0, s) && h->res->unit[0].cell[s].n > 0 &&
         isfinite(h->res->unit[0].cell[s].mean);
}

static void box_table(sbx__html *h, xmlNodePtr sec, size_t unit) {
  static const char *const cols[] = { "col.box", "col.mean", "col.ci", "col.favourable",
                                      "col.status", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "lead.table", cols);
  for (size_t s = 0; s < h->res->nscale; s++) {
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_scale_name(h, s));
    if (!sbx__cell_visible(h->res, unit, s)) {
      xmlNodePtr td = sbx__h_td(h, tr, sbx__h_hidden_text(h, unit, s));
      sbx__h_attr(h, td, "colspan", "4");
      continue;
    }
    const sbx_cell *c = &h->res->unit[unit].cell[s];
    sbx__h_tdn(h, tr, sbx__h_num(h, c->mean, 2));
    sbx__h_tdn(h, tr, sbx__h_range(h, c->ci_lo, c->ci_hi, 2));
    sbx__h_tdn(h, tr, sbx__h_pct(h, c->fav));
    sbx__h_badge(h, sbx__h_td(h, tr, NULL), c->status);
  }
}

/* Goals ordered: at risk before watch, higher risk first, then organisation order. */
static size_t top_goals(const sbx__html *h, size_t *idx, size_t max) {
  size_t n = 0;
  for (int st = SBX_GOAL_AT_RISK; st >= SBX_GOAL_WATCH; st--) {
    for (;;) {
      size_t best = SBX_NONE;
      for (size_t i = 0; i < h->res->ngoal; i++) {
        const sbx_goal_result *g = &h->res->goal[i];
        int taken = 0;
        for (size_t k = 0; k < n; k++) taken |= idx[k] == i;
        if ((int)g->status != st || taken ||
            h->res->org->goal[g->goal].level == SBX_GOAL_VISION)
          continue;
        if (best == SBX_NONE || g->risk > h->res->goal[best].risk) best = i;
      }
      if (best == SBX_NONE || n == max) break;
      idx[n++] = best;
    }
  }
  return n;
}

/* "Belöningssystem (svag), Ledning (bevaka)": the goal's visible weak or watch boxes. */
static void weak_boxes(sbx__html *h, const sbx_goal_result *g, char *buf, size_t size) {
  buf[0] = '\0';
  for (size_t e = 0; e < g->nev; e++) {
    const sbx_evidence *x = &g->ev[e];
    if (!sbx__cell_visible(h->res, x->unit, x->scale)) continue;
    if (x->status != SBX_STATUS_WEAK && x->status != SBX_STATUS_WATCH) continue;
    size_t used = strlen(buf);
    snprintf(buf + used, size - used, "%s%s, %s (%s)", used ? "; " : "",
             sbx__h_scale_name(h, x->scale), sbx__h_unit_name(h, x->unit),
             sbx__h_status_word(h, x->status));
  }
}

static void goals_at_risk(sbx__html *h, xmlNodePtr sec) {
  sbx__h_label(h, sec, "h3", "lead.goals");
  if (!h->res->org || h->res->ngoal == 0) {
    sbx__h_label(h, sec, "p", "lead.no-goals");
    return;
  }
  size_t idx[5];
  size_t n = top_goals(h, idx, 5);
  if (n == 0) {
    sbx__h_label(h, sec, "p", "lead.no-goals-at-risk");
    return;
  }
  xmlNodePtr ol = sbx__h_el(h, sec, "ol", NULL);
  for (size_t i = 0; i < n; i++) {
    const sbx_goal_result *g = &h->res->goal[idx[i]];
    const sbx_goal *og = &h->res->org->goal[g->goal];
    xmlNodePtr li = sbx__h_el(h, ol, "li", NULL);
    sbx__h_goal_badge(h, li, g->status);
    sbx__h_text(h, li, " ");
    sbx__h_el(h, li, "strong", sbx__h_goal_title(h, g->goal));
    if (og->unit != SBX_NONE) {
      sbx__h_text(h, li, " \xe2\x80\x93 ");
      sbx__h_text(h, li, sbx__h_unit_name(h, og->unit));
    }
    char boxes[1024];
    weak_boxes(h, g, boxes, sizeof boxes);
    if (boxes[0]) {
      const char *kv[] = { "boxes", boxes, NULL };
      sbx__h_sentence(h, li, "div", "lead.goal-boxes", kv);
    }
  }
}

/* The root's weakest (sign -1) or strongest (+1) box scale, or SBX_NONE. */
static size_t extreme_box(const sbx__html *h, int sign) {
  size_t best = SBX_NONE;
  double bv = 0;
  for (size_t s = 0; s < h->res->nscale; s++) {
    if (h->res->survey->scale[s].kind != SBX_SCALE_BOX || !root_fig(h, s)) continue;
    double g = sign * goodness(h, s, h->res->unit[0].cell[s].mean);
    if (isfinite(g) && (best == SBX_NONE || g > bv)) {
      best = s;
      bv = g;
    }
  }
  return best;
}

static void msg_box(sbx__html *h, xmlNodePtr ul, const char *key, size_t s) {
  const sbx_cell *c = &h->res->unit[0].cell[s];
  const char *kv[] = { "box", sbx__h_scale_name(h, s), "mean", sbx__h_num(h, c->mean, 2),
                       "ci", sbx__h_range(h, c->ci_lo, c->ci_hi, 2),
                       "status", sbx__h_status_word(h, c->status),
                       "fav", sbx__h_pct(h, c->fav), NULL };
  sbx__h_sentence(h, ul, "li", key, kv);
}

/* The ok/strength box of the whole organisation with the smallest favourable share,
 * when that share is under half: a mean on the good side of the cut-off can go with
 * few favourable answers (e.g. mean 4.08 on 1-7, 25 % favourable), and leadership
 * should not read "strength" as "most are content". */
static int msg_low_favourable(sbx__html *h, xmlNodePtr ul) {
  size_t best = SBX_NONE;
  for (size_t s = 0; s < h->res->nscale; s++) {
    const sbx_cell *c = &h->res->unit[0].cell[s];
    if (h->res->survey->scale[s].kind != SBX_SCALE_BOX || !root_fig(h, s)) continue;
    if (c->status != SBX_STATUS_OK && c->status != SBX_STATUS_STRENGTH) continue;
    if (!isfinite(c->fav) || !(c->fav < 0.5)) continue;
    if (best == SBX_NONE || c->fav < h->res->unit[0].cell[best].fav) best = s;
  }
  if (best == SBX_NONE) return 0;
  const sbx_cell *c = &h->res->unit[0].cell[best];
  const sbx_answer_scale *a = sbx__h_answer_scale(h, best);
  const char *kv[] = { "box", sbx__h_scale_name(h, best), "status", sbx__h_status_word(h, c->status),
                       "mean", sbx__h_num(h, c->mean, 2), "fav", sbx__h_pct(h, c->fav),
                       "cutoff", a ? sbx__h_num(h, a->cutoff, 1) : "\xe2\x80\x93",
                       "favourable", a ? sbx__h_num(h, a->favourable, 1) : "\xe2\x80\x93", NULL };
  sbx__h_sentence(h, ul, "li", "msg.low-favourable", kv);
  return 1;
}

/* The box weak in most visible units below the root; 0 when none is weak anywhere. */
static int msg_weak_units(sbx__html *h, xmlNodePtr ul) {
  size_t best = SBX_NONE, bk = 0, bm = 0;
  for (size_t s = 0; s < h->res->nscale; s++) {
    if (h->res->survey->scale[s].kind != SBX_SCALE_BOX) continue;
    size_t k = 0, m = 0;
    for (size_t u = 1; u < h->res->nunit; u++) {
      if (!sbx__cell_visible(h->res, u, s) || h->res->unit[u].cell[s].n == 0) continue;
      m++;
      k += h->res->unit[u].cell[s].status == SBX_STATUS_WEAK;
    }
    if (k > bk) {
      best = s;
      bk = k;
      bm = m;
    }
  }
  if (best == SBX_NONE) return 0;
  const char *kv[] = { "box", sbx__h_scale_name(h, best), "k", sbx__h_int(h, bk),
                       "m", sbx__h_int(h, bm), NULL };
  sbx__h_sentence(h, ul, "li", "msg.weak-units", kv);
  return 1;
}

static int msg_goals(sbx__html *h, xmlNodePtr ul) {
  if (!h->res->org || h->res->ngoal == 0) return 0;
  size_t at = 0, m = 0, idx[1];
  for (size_t i = 0; i < h->res->ngoal; i++) {
    if (h->res->org->goal[h->res->goal[i].goal].level == SBX_GOAL_VISION ||
        h->res->goal[i].status == SBX_GOAL_UNKNOWN)
      continue;
    m++;
    at += h->res->goal[i].status == SBX_GOAL_AT_RISK;
  }
  if (m == 0) return 0;
  if (at == 0 || top_goals(h, idx, 1) == 0) {
    const char *kv[] = { "m", sbx__h_int(h, m), NULL };
    sbx__h_sentence(h, ul, "li", "msg.goals-none", kv);
    return 1;
  }
  /* Name the operative goal most at risk: it has a unit that can act. */
  for (size_t i = 0; i < h->res->ngoal; i++) {
    const sbx_goal_result *gr = &h->res->goal[i];
    if (gr->status != SBX_GOAL_AT_RISK ||
        h->res->org->goal[gr->goal].level != SBX_GOAL_OPERATIVE)
      continue;
    if (h->res->goal[idx[0]].status != SBX_GOAL_AT_RISK ||
        h->res->org->goal[h->res->goal[idx[0]].goal].level != SBX_GOAL_OPERATIVE ||
        gr->risk > h->res->goal[idx[0]].risk)
      idx[0] = i;
  }
  const sbx_goal *g = &h->res->org->goal[h->res->goal[idx[0]].goal];
  const char *kv[] = { "k", sbx__h_int(h, at), "m", sbx__h_int(h, m),
                       "goal", sbx__h_goal_title(h, h->res->goal[idx[0]].goal),
                       "unit", g->unit != SBX_NONE ? sbx__h_unit_name(h, g->unit)
                                                   : sbx__h_unit_name(h, 0), NULL };
  sbx__h_sentence(h, ul, "li", "msg.goals-at-risk", kv);
  return 1;
}

static int msg_driver(sbx__html *h, xmlNodePtr ul) {
  if (h->res->ndrivers == 0 || !sbx__unit_visible(h->res, h->res->drivers[0].unit)) return 0;
  const sbx_drivers *d = &h->res->drivers[0];
  size_t best = SBX_NONE;
  for (size_t i = 0; i < d->nw; i++)
    if (isfinite(d->w[i].share) && (best == SBX_NONE || d->w[i].share > d->w[best].share))
      best = i;
  if (best == SBX_NONE || d->outcome >= h->res->nscale) return 0;
  const char *kv[] = { "box", sbx__h_scale_name(h, d->w[best].scale),
                       "outcome", sbx__h_scale_name(h, d->outcome),
                       "share", sbx__h_pct(h, d->w[best].share), NULL };
  sbx__h_sentence(h, ul, "li", "msg.driver", kv);
  return 1;
}

static int msg_change(sbx__html *h, xmlNodePtr ul) {
  size_t best = SBX_NONE;
  for (size_t s = 0; s < h->res->nscale; s++) {
    const sbx_cell *c = &h->res->unit[0].cell[s];
    if (!root_fig(h, s) || !c->has_change || !isfinite(c->change)) continue;
    if (best == SBX_NONE || fabs(c->change) > fabs(h->res->unit[0].cell[best].change)) best = s;
  }
  if (best == SBX_NONE) return 0;
  const sbx_cell *c = &h->res->unit[0].cell[best];
  const char *kv[] = { "box", sbx__h_scale_name(h, best), "change", sbx__h_num(h, fabs(c->change), 2),
                       "ci", sbx__h_range(h, c->change_lo, c->change_hi, 2), NULL };
  sbx__h_sentence(h, ul, "li", c->change >= 0 ? "msg.change-up" : "msg.change-down", kv);
  return 1;
}

static int msg_leadership(sbx__html *h, xmlNodePtr ul) {
  double gap = h->res->unit[0].leadership_gap;
  if (!sbx__unit_visible(h->res, 0) || !isfinite(gap)) return 0;
  const char *kv[] = { "gap", sbx__h_num(h, fabs(gap), 2), NULL };
  sbx__h_sentence(h, ul, "li", gap >= 0 ? "msg.leadership-above" : "msg.leadership-below", kv);
  return 1;
}

static void key_messages(sbx__html *h, xmlNodePtr sec) {
  sbx__h_label(h, sec, "h3", "lead.messages");
  xmlNodePtr ul = sbx__h_elc(h, sec, "ul", "messages", NULL);
  if (!sbx__unit_visible(h->res, 0)) { /* then every smaller group is hidden too */
    sbx__h_label(h, ul, "li", "msg.no-figures");
    return;
  }
  size_t weakest = extreme_box(h, -1), strongest = extreme_box(h, +1);
  int n = 0;
  if (weakest != SBX_NONE) {
    sbx_status st = h->res->unit[0].cell[weakest].status;
    msg_box(h, ul, st == SBX_STATUS_WEAK || st == SBX_STATUS_WATCH ? "msg.weakest" : "msg.lowest",
            weakest);
    n++;
  }
  n += msg_low_favourable(h, ul);
  n += msg_goals(h, ul);
  n += msg_weak_units(h, ul);
  if (n < 5) n += msg_driver(h, ul);
  if (n < 5) n += msg_change(h, ul);
  if (n < 5) n += msg_leadership(h, ul);
  if (n < 5 && strongest != SBX_NONE && strongest != weakest) {
    msg_box(h, ul, "msg.strongest", strongest);
    n++;
  }
  if (n == 0) sbx__h_label(h, ul, "li", "msg.no-figures");
}

void sbx__sec_leadership(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "lead", "sec.lead");
  sbx__h_label(h, sec, "p", "lead.intro");
  if (h->res->org && h->res->unknown_unit * 2 > h->res->accepted) /* #15: say it first */
    sbx__h_label(h, sbx__h_elc(h, sec, "p", "warning", NULL), "strong", "lead.units-missing");
  key_messages(h, sec);
  sbx__h_label(h, sec, "h3", "lead.diagram");
  sbx__svg_sixbox(h, sec, 0, 640);
  xmlNodePtr legend = sbx__h_elc(h, sec, "ul", "legend", NULL);
  sbx__h_attr(h, legend, "aria-label", sbx__h_msg(h, "legend"));
  for (int s = SBX_STATUS_WEAK; s <= SBX_STATUS_STRENGTH; s++)
    sbx__h_badge(h, sbx__h_el(h, legend, "li", NULL), (sbx_status)s);
  box_table(h, sec, 0);
  goals_at_risk(h, sec);
}

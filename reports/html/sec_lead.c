/* Section 1, the summary for leadership: who answered (count, response rate), three
 * to five key messages written from the figures with the catalogue's sentence
 * templates (never "all green" when most answers are not positive), every operative
 * goal at risk as one red-thread line with counts by level, and the six boxes of the
 * whole organisation as Weisbord's circle with a data table. */
#include "reports/html/html.h"
#include "surveys/util.h"
#include "analysis/goals/goals.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
                                      "col.unfavourable", "col.status", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "lead.table", cols);
  for (size_t s = 0; s < h->res->nscale; s++) {
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_scale_name(h, s));
    if (!sbx__cell_visible(h->res, unit, s)) {
      xmlNodePtr td = sbx__h_td(h, tr, sbx__h_hidden_text(h, unit, s));
      sbx__h_attr(h, td, "colspan", "5");
      continue;
    }
    const sbx_cell *c = &h->res->unit[unit].cell[s];
    sbx__h_tdn(h, tr, sbx__h_num(h, c->mean, 2));
    sbx__h_tdn(h, tr, sbx__h_range(h, c->ci_lo, c->ci_hi, 2));
    sbx__h_tdn(h, tr, sbx__h_pct(h, c->fav));
    sbx__h_tdn(h, tr, sbx__h_pct(h, c->unfav));
    sbx__h_badge(h, sbx__h_td(h, tr, NULL), c->status);
  }
}

/* Goals of a level: how many, and how many at risk. */
static size_t level_count(const sbx__html *h, sbx_goal_level lv, size_t *at) {
  size_t m = 0;
  *at = 0;
  for (size_t i = 0; i < h->res->ngoal; i++) {
    if (h->res->org->goal[h->res->goal[i].goal].level != lv) continue;
    m++;
    *at += h->res->goal[i].status == SBX_GOAL_AT_RISK;
  }
  return m;
}

/* "5 av 10 operativa mål är i riskzonen (2 av 3 inriktningsmål, 1 av 5 aktiviteter)". */
static void goal_counts(sbx__html *h, xmlNodePtr sec) {
  size_t op, st, ac;
  size_t mop = level_count(h, SBX_GOAL_OPERATIVE, &op);
  size_t mst = level_count(h, SBX_GOAL_STRATEGIC, &st);
  size_t mac = level_count(h, SBX_GOAL_ACTIVITY, &ac);
  const char *kv[] = { "k", sbx__h_int(h, op), "m", sbx__h_int(h, mop),
                       "ks", sbx__h_int(h, st), "ms", sbx__h_int(h, mst),
                       "ka", sbx__h_int(h, ac), "ma", sbx__h_int(h, mac), NULL };
  sbx__h_sentence(h, sec, "p", "lead.goal-counts", kv);
}

/* Every operative goal at risk, in reading order, each as one red-thread line:
 * not padded with the inriktningsmål above or the aktiviteter below that repeat it. */
static void goals_at_risk(sbx__html *h, xmlNodePtr sec) {
  sbx__h_label(h, sec, "h3", "lead.goals-operative");
  if (!h->res->org || h->res->ngoal == 0) {
    sbx__h_label(h, sec, "p", "lead.no-goals");
    return;
  }
  goal_counts(h, sec);
  size_t *order = sbx__malloc(h->res->ngoal * sizeof *order);
  if (!order) {
    h->bad = 1;
    return;
  }
  sbx__goal_order(h->res, order);
  xmlNodePtr ol = NULL;
  for (size_t k = 0; k < h->res->ngoal; k++) {
    const sbx_goal_result *g = &h->res->goal[order[k]];
    if (g->status != SBX_GOAL_AT_RISK ||
        h->res->org->goal[g->goal].level != SBX_GOAL_OPERATIVE)
      continue;
    if (!ol) ol = sbx__h_elc(h, sec, "ol", "red-thread", NULL);
    sbx__thread_line(h, sbx__h_el(h, ol, "li", NULL), order[k]);
  }
  sbx__free(order);
  if (!ol) sbx__h_label(h, sec, "p", "lead.no-operative-at-risk");
  else if (h->res->opts.baseline) sbx__trend_base_line(h, sec);
}

/* How many answered in the whole organisation, of how many, and the response rate;
 * nothing when the whole organisation is hidden (no count below k leaves). */
static void facts(sbx__html *h, xmlNodePtr sec) {
  if (!sbx__unit_visible(h->res, 0)) return;
  const sbx_unit_result *ur = &h->res->unit[0];
  int rated = ur->rate_flag == SBX_RATE_OK || ur->rate_flag == SBX_RATE_LOW;
  const char *kv[] = { "n", sbx__h_int(h, ur->n),
                       "headcount", ur->headcount >= 0 ? sbx__h_int(h, (size_t)ur->headcount) : "",
                       "rate", sbx__h_rate(h, 0), NULL };
  sbx__h_sentence(h, sec, "p", rated ? "lead.facts-rate" : "lead.facts", kv);
  if (ur->rate_flag == SBX_RATE_LOW) sbx__h_label(h, sec, "p", "lead.facts-low");
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

/* When most boxes of the whole organisation have fewer than half favourable
 * answers, say so first: the page must never read "all green" then. */
static int msg_most_not_positive(sbx__html *h, xmlNodePtr ul) {
  size_t k = 0, m = 0;
  double sum = 0;
  for (size_t s = 0; s < h->res->nscale; s++) {
    const sbx_cell *c = &h->res->unit[0].cell[s];
    if (h->res->survey->scale[s].kind != SBX_SCALE_BOX || !root_fig(h, s) || !isfinite(c->fav))
      continue;
    m++;
    k += c->fav < 0.5;
    sum += c->fav;
  }
  if (m == 0 || 2 * k <= m) return 0;
  const char *kv[] = { "k", sbx__h_int(h, k), "m", sbx__h_int(h, m),
                       "fav", sbx__h_pct(h, sum / (double)m), NULL };
  sbx__h_sentence(h, ul, "li", "msg.most-not-positive", kv);
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

/* How many operative goals are at risk, and the one most at risk (it has a unit
 * that can act). */
static int msg_goals(sbx__html *h, xmlNodePtr ul) {
  if (!h->res->org || h->res->ngoal == 0) return 0;
  size_t at = 0, m = level_count(h, SBX_GOAL_OPERATIVE, &at), best = SBX_NONE;
  if (m == 0) return 0;
  for (size_t i = 0; i < h->res->ngoal; i++) {
    const sbx_goal_result *gr = &h->res->goal[i];
    if (gr->status != SBX_GOAL_AT_RISK ||
        h->res->org->goal[gr->goal].level != SBX_GOAL_OPERATIVE)
      continue;
    if (best == SBX_NONE || gr->risk > h->res->goal[best].risk) best = i;
  }
  if (best == SBX_NONE) {
    const char *kv[] = { "m", sbx__h_int(h, m), NULL };
    sbx__h_sentence(h, ul, "li", "msg.operative-none", kv);
    return 1;
  }
  const sbx_goal *g = &h->res->org->goal[h->res->goal[best].goal];
  const char *kv[] = { "k", sbx__h_int(h, at), "m", sbx__h_int(h, m),
                       "goal", sbx__h_goal_title(h, h->res->goal[best].goal),
                       "unit", sbx__h_unit_name(h, g->unit != SBX_NONE ? g->unit : 0), NULL };
  sbx__h_sentence(h, ul, "li", "msg.operative-at-risk", kv);
  return 1;
}

static int msg_driver(sbx__html *h, xmlNodePtr ul) {
  if (h->res->ndrivers == 0 || !sbx__unit_visible(h->res, h->res->drivers[0].unit)) return 0;
  const sbx_drivers *d = &h->res->drivers[0];
  size_t best, next;
  int clear = sbx__drivers_top(d, &best, &next); /* "strongest" only when intervals part */
  if (best == SBX_NONE || d->outcome >= h->res->nscale) return 0;
  const char *kv[] = { "box", sbx__h_scale_name(h, d->w[best].scale),
                       "box2", next != SBX_NONE ? sbx__h_scale_name(h, d->w[next].scale) : "",
                       "outcome", sbx__h_scale_name(h, d->outcome),
                       "share", sbx__h_pct(h, d->w[best].share), NULL };
  sbx__h_sentence(h, ul, "li", clear ? "msg.driver" : "msg.driver-tied", kv);
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
  int n = msg_most_not_positive(h, ul);
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
  sbx__h_label(h, sec, "p", "lead.intro-verdict");
  if (h->res->org && h->res->unknown_unit * 2 > h->res->accepted) /* #15: say it first */
    sbx__h_label(h, sbx__h_elc(h, sec, "p", "warning", NULL), "strong", "lead.units-missing");
  facts(h, sec);
  key_messages(h, sec);
  goals_at_risk(h, sec);
  sbx__h_label(h, sec, "h3", "lead.diagram");
  sbx__svg_sixbox(h, sec, 0, 640);
  xmlNodePtr legend = sbx__h_elc(h, sec, "ul", "legend", NULL);
  sbx__h_attr(h, legend, "aria-label", sbx__h_msg(h, "legend"));
  for (int s = SBX_STATUS_WEAK; s <= SBX_STATUS_STRENGTH; s++)
    sbx__h_badge(h, sbx__h_el(h, legend, "li", NULL), (sbx_status)s);
  box_table(h, sec, 0);
}

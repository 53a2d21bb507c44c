/* Goal linkage: the goal programme's statuses from the unit × box results. Operative
 * goals are judged on their unit's critical boxes (plus Weisbord's leadership rule),
 * activities carry their operative goal's status, strategic goals and the vision roll
 * up. Every status keeps its evidence; the baseline gives follow-up, and the goals at
 * risk give the action plan. The rules, for recomputing by hand: docs/statistics.md, "Goals at risk". */
#include "analysis/goals/goals.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t sbx__box_scale(const sbx_survey *s, sbx_box box) {
  for (size_t i = 0; s && i < s->nscale; i++)
    if (s->scale[i].kind == SBX_SCALE_BOX && s->scale[i].box == box) return i;
  return SBX_NONE;
}

size_t sbx__goal_chain(const sbx_org *org, size_t goal, size_t *out, size_t cap) {
  if (!org || goal >= org->ngoal) return 0;
  size_t len = 1;
  /* Parents come before children, so each step goes strictly down in index: no cycle. */
  for (size_t g = goal; org->goal[g].parent < g; g = org->goal[g].parent) len++;
  size_t g = goal;
  for (size_t k = len; k-- > 0;) {
    if (k < cap) out[k] = g;
    if (k) g = org->goal[g].parent;
  }
  return len;
}

/* A cell whose figures may be shown: the unit and the cell are not suppressed. */
static const sbx_cell *shown_cell(const sbx_results *res, size_t unit, size_t scale) {
  if (!res->unit || unit >= res->nunit || scale >= res->nscale) return NULL;
  const sbx_unit_result *ur = &res->unit[unit];
  if (ur->suppressed || !ur->cell || ur->cell[scale].suppressed) return NULL;
  return &ur->cell[scale];
}

static const sbx_answer_scale *scale_answers(const sbx_survey *s, size_t scale) {
  if (!s || scale >= s->nscale || s->scale[scale].nitem == 0) return NULL;
  size_t it = s->scale[scale].item[0];
  if (it >= s->nitem) return NULL;
  size_t a = s->item[it].answer_scale;
  return a < s->nanswer_scale ? &s->answer_scale[a] : NULL;
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

double sbx__box_risk(const sbx_survey *s, size_t scale, const sbx_cell *c) {
  const sbx_answer_scale *a = scale_answers(s, scale);
  if (!a || !c || c->suppressed || c->status == SBX_STATUS_NONE) return 0;
  if (!isfinite(c->mean) || !isfinite(c->ci_lo) || !isfinite(c->ci_hi)) return 0;
  int low_good = a->direction == SBX_LOW_IS_GOOD;
  /* Distances beyond the cut-off, counted towards the problem side. */
  double room = low_good ? a->max - a->cutoff : a->cutoff - a->min;
  double far = low_good ? c->mean - a->cutoff : a->cutoff - c->mean;
  double sure = low_good ? c->ci_lo - a->cutoff : a->cutoff - c->ci_hi;
  if (!(room > 0)) return 0;
  return clamp01((fmax(0, far) + fmax(0, sure)) / (2 * room));
}

static sbx_goal_rule box_rule(sbx_status s) {
  switch (s) {
  case SBX_STATUS_WEAK: return SBX_RULE_CRITICAL_WEAK;
  case SBX_STATUS_WATCH: return SBX_RULE_CRITICAL_WATCH;
  case SBX_STATUS_OK: case SBX_STATUS_STRENGTH: return SBX_RULE_ALL_OK;
  default: return SBX_RULE_NO_FIGURES;
  }
}

/* One evidence entry; figures only from a cell that may be shown. */
static sbx_evidence *add_evidence(const sbx_results *res, sbx_goal_result *gr,
                                  size_t unit, size_t scale, double weight, int critical) {
  sbx_evidence *e = &gr->ev[gr->nev++];
  memset(e, 0, sizeof *e);
  e->unit = unit;
  e->scale = scale;
  e->weight = weight;
  e->critical = critical;
  e->mean = e->ci_lo = e->ci_hi = NAN;
  e->status = SBX_STATUS_NONE;
  const sbx_cell *c = shown_cell(res, unit, scale);
  if (c && c->status != SBX_STATUS_NONE) {
    e->mean = c->mean;
    e->ci_lo = c->ci_lo;
    e->ci_hi = c->ci_hi;
    e->n = c->n;
    e->status = c->status;
  }
  e->rule = box_rule(e->status);
  return e;
}

typedef struct verdict {
  sbx_goal_status status;
  sbx_goal_rule rule;
  double risk;
} verdict;

/* Rules CRITICAL_WEAK, CRITICAL_WATCH, ALL_OK, NO_FIGURES on the goal's own critical
 * boxes in one unit, and the weighted risk over the boxes with figures. */
static verdict judge_boxes(const sbx_results *res, const sbx_goal *g, size_t unit,
                           sbx_goal_result *gr) {
  size_t nweak = 0, nwatch = 0, nknown = 0;
  double wsum = 0, rsum = 0;
  for (size_t i = 0; i < g->ncritical; i++) {
    size_t sc = sbx__box_scale(res->survey, g->critical[i].box);
    double w = g->critical[i].weight;
    if (sc == SBX_NONE) continue; /* not in the survey: no figures, and no entry */
    const sbx_evidence *e = add_evidence(res, gr, unit, sc, w, 1);
    if (e->status == SBX_STATUS_NONE) continue;
    nknown++;
    nweak += e->status == SBX_STATUS_WEAK;
    nwatch += e->status == SBX_STATUS_WATCH;
    if (!(isfinite(w) && w > 0)) continue;
    wsum += w;
    rsum += w * sbx__box_risk(res->survey, sc, shown_cell(res, unit, sc));
  }
  verdict v = { SBX_GOAL_UNKNOWN, SBX_RULE_NO_FIGURES, 0 };
  if (nweak) v = (verdict){ SBX_GOAL_AT_RISK, SBX_RULE_CRITICAL_WEAK, 0 };
  else if (nwatch) v = (verdict){ SBX_GOAL_WATCH, SBX_RULE_CRITICAL_WATCH, 0 };
  else if (nknown && nknown == g->ncritical) v = (verdict){ SBX_GOAL_ON_TRACK, SBX_RULE_ALL_OK, 0 };
  if (v.status != SBX_GOAL_UNKNOWN && wsum > 0) v.risk = rsum / wsum;
  return v;
}

/* Rule LEADERSHIP: a weak leadership box in the owning unit lifts a goal to watch. */
static void leadership_rule(const sbx_results *res, size_t unit, sbx_goal_result *gr,
                            verdict *v) {
  size_t sc = sbx__box_scale(res->survey, SBX_BOX_LEADERSHIP);
  const sbx_cell *c = shown_cell(res, unit, sc);
  if (!c || c->status != SBX_STATUS_WEAK) return;
  for (size_t i = 0; i < gr->nev; i++)
    if (gr->ev[i].scale == sc) return; /* a critical box already: the goal is at risk */
  sbx_evidence *e = add_evidence(res, gr, unit, sc, 0, 0);
  e->rule = SBX_RULE_LEADERSHIP;
  if (v->status < SBX_GOAL_WATCH) {
    v->status = SBX_GOAL_WATCH;
    v->rule = SBX_RULE_LEADERSHIP;
  }
}

static int judge_operative(const sbx_results *res, size_t gi, sbx_goal_result *gr) {
  const sbx_goal *g = &res->org->goal[gi];
  size_t unit = g->unit == SBX_NONE ? 0 : g->unit;
  if (unit >= res->nunit) return 0; /* not a unit of these results: unknown, no evidence */
  gr->unit = unit;
  gr->ev = sbx__calloc(g->ncritical + 1, sizeof *gr->ev);
  if (!gr->ev) return SBX_ENOMEM;
  verdict v = judge_boxes(res, g, unit, gr);
  leadership_rule(res, unit, gr, &v);
  gr->status = v.status;
  gr->rule = v.rule;
  gr->risk = v.risk;
  return 0;
}

/* The nearest operative ancestor of an activity, or SBX_NONE. */
static size_t operative_of(const sbx_org *org, size_t gi) {
  size_t cur = gi, p = org->goal[gi].parent;
  while (p < cur && org->goal[p].level != SBX_GOAL_OPERATIVE) {
    cur = p;
    p = org->goal[p].parent;
  }
  return p < cur ? p : SBX_NONE;
}

/* An activity is judged on its own critical boxes (those of its operative goal when
 * it names none) in its own unit when that unit is shown; in its operative goal's unit
 * when its own unit is hidden (fallback, said in the results); in the operative
 * goal's unit when it names none. Rule LEADERSHIP applies as for operative goals. */
static int judge_activity(const sbx_results *res, size_t gi, sbx_goal_result *all) {
  const sbx_goal *g = &res->org->goal[gi];
  sbx_goal_result *gr = &all[gi];
  size_t op = operative_of(res->org, gi);
  gr->status = SBX_GOAL_UNKNOWN;
  gr->rule = SBX_RULE_NO_FIGURES;
  gr->unit = g->unit;
  if (op == SBX_NONE) return 0;
  gr->via = op;
  size_t unit = g->unit;
  if (unit >= res->nunit) {
    unit = all[op].unit;
  } else if (res->unit[unit].suppressed) {
    unit = all[op].unit;
    gr->fallback = 1;
  }
  if (unit >= res->nunit) return 0;
  const sbx_goal *boxes = g->ncritical ? g : &res->org->goal[op];
  gr->unit = unit;
  gr->ev = sbx__calloc(boxes->ncritical + 1, sizeof *gr->ev);
  if (!gr->ev) return SBX_ENOMEM;
  verdict v = judge_boxes(res, boxes, unit, gr);
  leadership_rule(res, unit, gr, &v);
  gr->status = v.status;
  gr->rule = v.rule;
  gr->risk = v.risk;
  return 0;
}

static int worse(const sbx_goal_result *a, const sbx_goal_result *b) {
  if (a->status != b->status) return a->status > b->status;
  return a->risk > b->risk;
}

/* Strategic goals and the vision: the worse of the children's worst status (rule
 * ROLLUP) and the whole organisation's verdict on the goal's own critical boxes. */
static int judge_rollup(const sbx_results *res, size_t gi, sbx_goal_result *all) {
  const sbx_org *org = res->org;
  const sbx_goal *g = &org->goal[gi];
  sbx_goal_result *gr = &all[gi];
  gr->unit = 0;
  gr->ev = sbx__calloc(g->ncritical + 1, sizeof *gr->ev);
  if (!gr->ev) return SBX_ENOMEM;
  verdict own = { SBX_GOAL_UNKNOWN, SBX_RULE_NO_FIGURES, 0 };
  if (g->ncritical) own = judge_boxes(res, g, 0, gr);
  size_t best = SBX_NONE;
  for (size_t k = gi + 1; k < org->ngoal; k++) {
    if (org->goal[k].parent != gi || org->goal[k].level == SBX_GOAL_ACTIVITY) continue;
    if (best == SBX_NONE || worse(&all[k], &all[best])) best = k;
  }
  sbx_goal_status cs = best == SBX_NONE ? SBX_GOAL_UNKNOWN : all[best].status;
  if (own.status == SBX_GOAL_UNKNOWN && cs == SBX_GOAL_UNKNOWN) {
    gr->status = SBX_GOAL_UNKNOWN;
    gr->rule = SBX_RULE_NO_FIGURES;
  } else if (cs >= own.status) {
    gr->status = cs;
    gr->rule = SBX_RULE_ROLLUP;
    gr->via = best;
    gr->risk = cs == own.status ? fmax(own.risk, all[best].risk) : all[best].risk;
  } else {
    gr->status = own.status;
    gr->rule = own.rule;
    gr->risk = own.risk;
  }
  return 0;
}

/* Follow-up: the baseline wave's status of the goal with the same id. */
static void follow_up(sbx_results *res) {
  const sbx_baseline *b = res->opts.baseline;
  if (!b) return;
  for (size_t g = 0; g < res->ngoal; g++) {
    const char *id = res->org->goal[g].id;
    for (size_t j = 0; id && j < b->ngoal; j++) {
      if (!b->goal[j].goal || strcmp(b->goal[j].goal, id) != 0) continue;
      sbx_goal_status s = b->goal[j].status;
      res->goal[g].has_base = 1;
      res->goal[g].base_status = s <= SBX_GOAL_AT_RISK ? s : SBX_GOAL_UNKNOWN;
      break;
    }
  }
}

typedef struct order_key {
  sbx_goal_status status;
  double risk;
  size_t goal;
} order_key;

static int order_cmp(const void *pa, const void *pb) {
  const order_key *a = pa, *b = pb;
  if (a->status != b->status) return a->status > b->status ? -1 : 1;
  if (a->risk != b->risk) return a->risk > b->risk ? -1 : 1;
  return a->goal < b->goal ? -1 : a->goal > b->goal;
}

void sbx__goal_order(const sbx_results *res, size_t *order) {
  order_key *k = sbx__malloc((res->ngoal ? res->ngoal : 1) * sizeof *k);
  if (!k) { /* still a valid order: org order */
    for (size_t i = 0; i < res->ngoal; i++) order[i] = i;
    return;
  }
  for (size_t i = 0; i < res->ngoal; i++)
    k[i] = (order_key){ res->goal[i].status, res->goal[i].risk, i };
  qsort(k, res->ngoal, sizeof *k, order_cmp);
  for (size_t i = 0; i < res->ngoal; i++) order[i] = k[i].goal;
  sbx__free(k);
}

static int wants_action(const sbx_results *res, size_t g) {
  return res->goal[g].status == SBX_GOAL_AT_RISK &&
         res->org->goal[g].level != SBX_GOAL_VISION;
}

/* A weak box of a shown unit (box scales only). */
static int weak_box(const sbx_results *res, size_t u, size_t s) {
  const sbx_cell *c = shown_cell(res, u, s);
  return c && res->survey->scale[s].kind == SBX_SCALE_BOX && c->status == SBX_STATUS_WEAK;
}

static int covered(const sbx_results *res, size_t u, size_t s) {
  for (size_t i = 0; i < res->naction; i++)
    if (res->action[i].unit == u && res->action[i].scale == s) return 1;
  return 0;
}

/* Goal-linked rows: every weak critical box in the own evidence of a goal at risk, in
 * reading order; an activity's only where no goal before it has a row for that cell
 * (an activity on its operative goal's boxes and unit would repeat them). */
static void linked_actions(sbx_results *res, const size_t *order) {
  for (size_t k = 0; order && k < res->ngoal; k++) {
    size_t g = order[k];
    const sbx_goal_result *gr = &res->goal[g];
    int act = res->org->goal[g].level == SBX_GOAL_ACTIVITY;
    for (size_t i = 0; wants_action(res, g) && i < gr->nev; i++) {
      const sbx_evidence *e = &gr->ev[i];
      if (!e->critical || e->status != SBX_STATUS_WEAK) continue;
      if (act && covered(res, e->unit, e->scale)) continue;
      res->action[res->naction++] = (sbx_action){ g, e->unit, e->scale, gr->status,
                                                  gr->base_status, gr->has_base };
    }
  }
}

/* The action plan: goal-linked rows first, then every other weak box of every shown
 * unit (organisation order, then survey order) with no goal. */
static int plan_actions(sbx_results *res) {
  size_t n = 0;
  for (size_t g = 0; g < res->ngoal; g++)
    for (size_t i = 0; wants_action(res, g) && i < res->goal[g].nev; i++)
      n += res->goal[g].ev[i].critical && res->goal[g].ev[i].status == SBX_STATUS_WEAK;
  for (size_t u = 0; u < res->nunit; u++)
    for (size_t s = 0; s < res->nscale; s++) n += weak_box(res, u, s);
  if (!n) return 0;
  size_t *order = res->ngoal ? sbx__malloc(res->ngoal * sizeof *order) : NULL;
  res->action = sbx__calloc(n, sizeof *res->action);
  if ((res->ngoal && !order) || !res->action) {
    sbx__free(order);
    return SBX_ENOMEM;
  }
  if (order) sbx__goal_order(res, order);
  linked_actions(res, order);
  sbx__free(order);
  for (size_t u = 0; u < res->nunit; u++)
    for (size_t s = 0; s < res->nscale; s++)
      if (weak_box(res, u, s) && !covered(res, u, s))
        res->action[res->naction++] = (sbx_action){ SBX_NONE, u, s, SBX_GOAL_UNKNOWN,
                                                    SBX_GOAL_UNKNOWN, 0 };
  return 0;
}

static int judge_all(sbx_results *res) {
  const sbx_org *org = res->org;
  int rc = 0;
  for (size_t g = 0; !rc && g < org->ngoal; g++)
    if (org->goal[g].level == SBX_GOAL_OPERATIVE) rc = judge_operative(res, g, &res->goal[g]);
  for (size_t g = 0; !rc && g < org->ngoal; g++)
    if (org->goal[g].level == SBX_GOAL_ACTIVITY) rc = judge_activity(res, g, res->goal);
  /* Backwards, so that every child (later in pre-order) is judged before its parent. */
  for (size_t g = org->ngoal; !rc && g-- > 0;)
    if (org->goal[g].level == SBX_GOAL_STRATEGIC || org->goal[g].level == SBX_GOAL_VISION)
      rc = judge_rollup(res, g, res->goal);
  return rc;
}

int sbx__goals(sbx_results *res, sbx_ctx *ctx) {
  if (!res) return 0;
  if (!res->org || res->org->ngoal == 0) {
    if (plan_actions(res)) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    return 0;
  }
  res->goal = sbx__calloc(res->org->ngoal, sizeof *res->goal);
  if (!res->goal) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  res->ngoal = res->org->ngoal;
  for (size_t g = 0; g < res->ngoal; g++) {
    res->goal[g].goal = g;
    res->goal[g].status = SBX_GOAL_UNKNOWN;
    res->goal[g].rule = SBX_RULE_NO_FIGURES;
    res->goal[g].via = SBX_NONE;
    res->goal[g].unit = SBX_NONE;
  }
  int rc = judge_all(res);
  if (!rc) {
    follow_up(res);
    rc = plan_actions(res);
  }
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "out of memory while linking goals");
  return 0;
}

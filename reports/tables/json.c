/* results.json: the schema "sixbox-results/2" (docs/formats.md, "What `diagnose` writes"),
 * built as a jansson tree in a fixed key order and printed with 10 significant digits,
 * so the same results give the same bytes. A suppressed unit or cell carries
 * "suppressed": true and no figure. A count below k is never printed: a hidden unit has
 * "n": null and the one reason "min-group-or-complement" (never which of the two);
 * respondents.unknown_unit between 1 and k-1 is the object {"fewer_than": k}; with the
 * whole organisation below k every count of rows is null, and per-source counts are
 * null where they could give a hidden group's size away (sources_counts_hidden). Goal
 * evidence gives n only as a band ("n_band": "5-9", "10-19", "20-49", "50-99", "100+";
 * "1-4" only where k < 5), plus "critical", "weight" and the "rule" it feeds; a goal's
 * "via" names the child (or operative goal) whose status it carries. */
#include "reports/tables/tables.h"
#include "reports/tables/jsonutil.h"
#include "reports/catalog/catalog.h"
#include "surveys/fingerprint.h"
#include "surveys/util.h"

/* A count of rows: exact only where counts may be printed at all (not when the whole
 * organisation is below k: then null, with "accepted" as {"fewer_than": k}). */
static json_t *rows_json(int shown, size_t n) {
  return shown ? json_integer((json_int_t)n) : json_null();
}

#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *text_obj(const sbx_text *t, int *bad) {
  json_t *o = json_object();
  for (size_t i = 0; o && i < t->n; i++) sbx__jput(o, t->lang[i], json_string(t->value[i]), bad);
  return o;
}

static json_t *rel_json(const sbx_results *res, size_t scale, const sbx_reliability *r,
                        int *bad) {
  if (!r || !r->computed) return json_null();
  json_t *o = json_object();
  sbx__jput(o, "n", json_integer((json_int_t)r->n), bad);
  sbx__jput(o, "alpha", sbx__jnum(r->alpha), bad);
  sbx__jput(o, "alpha_std", sbx__jnum(r->alpha_std), bad);
  sbx__jput(o, "alpha_ci", sbx__jpair(r->feldt_lo, r->feldt_hi), bad);
  sbx__jput(o, "alpha_ci_duhachek", sbx__jpair(r->duhachek_lo, r->duhachek_hi), bad);
  sbx__jput(o, "average_r", sbx__jnum(r->average_r), bad);
  sbx__jput(o, "lambda6", sbx__jnum(r->lambda6), bad);
  sbx__jput(o, "omega", sbx__jnum(r->omega), bad);
  json_t *items = json_array();
  const sbx_scale *sc = &res->survey->scale[scale];
  for (size_t i = 0; i < r->nitem && i < sc->nitem; i++) {
    json_t *it = json_object();
    sbx__jput(it, "id", json_string(res->survey->item[sc->item[i]].id), bad);
    sbx__jput(it, "r_drop", sbx__jnum(r->r_drop ? r->r_drop[i] : NAN), bad);
    sbx__jput(it, "alpha_if_deleted",
              sbx__jnum(r->alpha_if_deleted ? r->alpha_if_deleted[i] : NAN), bad);
    sbx__jappend(items, it, bad);
  }
  sbx__jput(o, "items", items, bad);
  return o;
}

/* What the scale measures with (docs/statistics.md, "Comparable or not"): its answer scale and
 * fingerprint, and, with a baseline, whether a change may be shown, with the reason. */
static void instrument_json(json_t *o, const sbx_results *res, size_t s, const sbx__lang *msgs,
                            int *bad) {
  const sbx_answer_scale *a = sbx__scale_answers(res->survey, s);
  if (a) {
    json_t *ao = json_object();
    sbx__jput(ao, "min", json_integer(a->min), bad);
    sbx__jput(ao, "max", json_integer(a->max), bad);
    sbx__jput(ao, "points", json_integer((json_int_t)a->npoint), bad);
    sbx__jput(ao, "cutoff", sbx__jnum(a->cutoff), bad);
    sbx__jput(ao, "direction", json_string(a->direction == SBX_LOW_IS_GOOD ? "low-is-good"
                                                                           : "high-is-good"), bad);
    sbx__jput(o, "answer_scale", ao, bad);
  }
  char fp[32];
  if (sbx__scale_fingerprint(res->survey, s, fp, sizeof fp) == 0)
    sbx__jput(o, "fingerprint", json_string(fp), bad);
  else
    *bad = 1;
  if (!res->base_cmp) return;
  json_t *c = json_object();
  sbx__jput(c, "comparable", json_boolean(res->base_cmp[s] == SBX_CMP_SAME), bad);
  sbx__jput(c, "reason", json_string(sbx__comparability_id(res->base_cmp[s])), bad);
  if (res->base_cmp[s] != SBX_CMP_SAME) {
    char key[48];
    snprintf(key, sizeof key, "cmp.%s", sbx__comparability_id(res->base_cmp[s]));
    sbx__jput(c, "message", json_string(sbx__msg(msgs, key)), bad);
  }
  sbx__jput(o, "baseline", c, bad);
}

static json_t *scales_json(const sbx_results *res, const sbx__lang *msgs, int *bad) {
  const char *lang = sbx__lang_code(msgs);
  json_t *a = json_array();
  for (size_t s = 0; s < res->nscale; s++) {
    const sbx_scale *sc = &res->survey->scale[s];
    const sbx_scale_result *sr = &res->scale[s];
    json_t *o = json_object();
    sbx__jput(o, "id", json_string(sc->id), bad);
    sbx__jput(o, "kind", json_string(sc->kind == SBX_SCALE_BOX ? "box" : "extra"), bad);
    sbx__jput(o, "name", json_string(sbx__text_get(&sc->name, lang)), bad);
    json_t *items = json_array();
    for (size_t i = 0; i < sc->nitem; i++)
      sbx__jappend(items, json_string(res->survey->item[sc->item[i]].id), bad);
    sbx__jput(o, "items", items, bad);
    instrument_json(o, res, s, msgs, bad);
    sbx__jput(o, "reliability", rel_json(res, s, &sr->rel, bad), bad);
    json_t *ag = json_object();
    sbx__jput(ag, "icc1", sbx__jnum(sr->icc1), bad);
    sbx__jput(ag, "icc2", sbx__jnum(sr->icc2), bad);
    sbx__jput(ag, "groups", json_integer((json_int_t)sr->icc_groups), bad);
    sbx__jput(o, "agreement", ag, bad);
    sbx__jappend(a, o, bad);
  }
  return a;
}

static json_t *hist_json(const size_t *h, size_t n, int *bad) {
  if (!h) return json_null();
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) sbx__jappend(a, json_integer((json_int_t)h[i]), bad);
  return a;
}

static size_t scale_points(const sbx_results *res, size_t scale) {
  const sbx_scale *sc = &res->survey->scale[scale];
  if (sc->nitem == 0) return 0;
  return res->survey->answer_scale[res->survey->item[sc->item[0]].answer_scale].npoint;
}

static json_t *items_json(const sbx_results *res, size_t scale, const sbx_cell *c, int *bad) {
  const sbx_scale *sc = &res->survey->scale[scale];
  size_t np = scale_points(res, scale);
  json_t *a = json_array();
  for (size_t i = 0; i < sc->nitem; i++) {
    json_t *o = json_object();
    sbx__jput(o, "id", json_string(res->survey->item[sc->item[i]].id), bad);
    sbx__jput(o, "n", c->item_n ? json_integer((json_int_t)c->item_n[i]) : json_null(), bad);
    sbx__jput(o, "mean", sbx__jnum(c->item_mean ? c->item_mean[i] : NAN), bad);
    sbx__jput(o, "distribution", c->item_hist ? hist_json(c->item_hist + i * np, np, bad)
                                              : json_null(), bad);
    sbx__jappend(a, o, bad);
  }
  return a;
}

static json_t *cell_json(const sbx_results *res, size_t u, size_t s, int *bad) {
  const sbx_cell *c = &res->unit[u].cell[s];
  json_t *o = json_object();
  sbx__jput(o, "id", json_string(res->survey->scale[s].id), bad);
  if (!sbx__cell_visible(res, u, s)) {
    sbx__jput(o, "suppressed", json_true(), bad);
    return o;
  }
  sbx__jput(o, "n", json_integer((json_int_t)c->n), bad);
  sbx__jput(o, "mean", sbx__jnum(c->mean), bad);
  sbx__jput(o, "sd", sbx__jnum(c->sd), bad);
  sbx__jput(o, "median", sbx__jnum(c->median), bad);
  sbx__jput(o, "ci", sbx__jpair(c->ci_lo, c->ci_hi), bad);
  sbx__jput(o, "favourable", sbx__jnum(c->fav), bad);
  sbx__jput(o, "favourable_ci", sbx__jpair(c->fav_lo, c->fav_hi), bad);
  sbx__jput(o, "rwg_j", sbx__jnum(c->rwg_j), bad);
  const char *st = sbx__status_id(c->status);
  sbx__jput(o, "status", st ? json_string(st) : json_null(), bad);
  const char *cl = sbx__status_clause_id(c->clause);
  sbx__jput(o, "status_clause", cl ? json_string(cl) : json_null(), bad);
  sbx__jput(o, "unfavourable", sbx__jnum(c->unfav), bad);
  sbx__jput(o, "unfavourable_ci", sbx__jpair(c->unfav_lo, c->unfav_hi), bad);
  if (isfinite(c->diff)) {
    json_t *cmp = json_object();
    sbx__jput(cmp, "rest_mean", sbx__jnum(c->rest_mean), bad);
    sbx__jput(cmp, "diff", sbx__jnum(c->diff), bad);
    sbx__jput(cmp, "t", sbx__jnum(c->t), bad);
    sbx__jput(cmp, "df", sbx__jnum(c->df), bad);
    sbx__jput(cmp, "p", sbx__jnum(c->p), bad);
    sbx__jput(cmp, "p_adjusted", sbx__jnum(c->p_adj), bad);
    sbx__jput(cmp, "hedges_g", sbx__jnum(c->g), bad);
    sbx__jput(o, "comparison", cmp, bad);
  }
  if (c->has_change) {
    json_t *ch = json_object();
    sbx__jput(ch, "baseline_mean", sbx__jnum(c->base_mean), bad);
    sbx__jput(ch, "change", sbx__jnum(c->change), bad);
    sbx__jput(ch, "ci", sbx__jpair(c->change_lo, c->change_hi), bad);
    sbx__jput(ch, "p", sbx__jnum(c->change_p), bad);
    sbx__jput(o, "change", ch, bad);
  }
  const sbx_unit_result *ur = &res->unit[u];
  if (ur->rel && ur->rel[s].computed) {
    json_t *r = json_object();
    sbx__jput(r, "n", json_integer((json_int_t)ur->rel[s].n), bad);
    sbx__jput(r, "alpha", sbx__jnum(ur->rel[s].alpha), bad);
    sbx__jput(r, "omega", sbx__jnum(ur->rel[s].omega), bad);
    sbx__jput(o, "reliability", r, bad);
  }
  sbx__jput(o, "distribution", hist_json(c->score_hist, scale_points(res, s), bad), bad);
  if (c->band_hist)
    sbx__jput(o, "distribution_bands", hist_json(c->band_hist, scale_points(res, s), bad), bad);
  sbx__jput(o, "items", items_json(res, s, c, bad), bad);
  return o;
}

static json_t *unit_json(const sbx_results *res, size_t u, const char *lang, int *bad) {
  const sbx_unit_result *ur = &res->unit[u];
  json_t *o = json_object();
  size_t parent = sbx__unit_parent(res, u);
  sbx__jput(o, "id", json_string(sbx__unit_id(res, u)), bad);
  sbx__jput(o, "name", json_string(sbx__unit_name(res, u, lang)), bad);
  if (res->org && res->org->unit[u].kind)
    sbx__jput(o, "kind", json_string(res->org->unit[u].kind), bad);
  sbx__jput(o, "parent", parent == SBX_NONE ? json_null()
                                            : json_string(sbx__unit_id(res, parent)), bad);
  if (res->org && res->org->unit[u].ncontinues) {
    json_t *c = json_array();
    for (size_t k = 0; k < res->org->unit[u].ncontinues; k++)
      sbx__jappend(c, json_string(res->org->unit[u].continues[k]), bad);
    sbx__jput(o, "continues", c, bad);
  }
  if (!sbx__unit_visible(res, u)) {
    sbx__jput(o, "n", json_null(), bad);
    sbx__jput(o, "suppressed", json_true(), bad);
    sbx__jput(o, "reason", json_string(SBX__HIDDEN_REASON), bad);
    return o;
  }
  sbx__jput(o, "n", json_integer((json_int_t)ur->n), bad);
  sbx__jput(o, "suppressed", json_false(), bad);
  /* The analysis' headcount (the unit's own, else its sub-units' sum) and rate; a rate
   * over 100 % is not a figure but an error in the organisation file (flag "over-100"). */
  sbx__jput(o, "headcount", ur->headcount >= 0 ? json_integer(ur->headcount) : json_null(), bad);
  sbx__jput(o, "response_rate", ur->rate_flag == SBX_RATE_OK || ur->rate_flag == SBX_RATE_LOW
                                    ? sbx__jnum(ur->rate) : json_null(), bad);
  const char *flag = sbx__rate_flag_id(ur->rate_flag);
  sbx__jput(o, "response_rate_flag", flag ? json_string(flag) : json_null(), bad);
  sbx__jput(o, "leadership_gap", sbx__jnum(ur->leadership_gap), bad);
  sbx__jput(o, "box_spread", sbx__jnum(ur->box_spread), bad);
  json_t *sc = json_array();
  for (size_t s = 0; s < res->nscale; s++) sbx__jappend(sc, cell_json(res, u, s, bad), bad);
  sbx__jput(o, "scales", sc, bad);
  return o;
}

/* One entry per critical box (and the leadership entry of rule "leadership"): enough
 * to recompute the goal's status by docs/statistics.md ("Goals at risk"). n only as a band. */
static json_t *evidence_json(const sbx_results *res, const sbx_goal_result *gr, int *bad) {
  json_t *ev = json_array();
  for (size_t e = 0; e < gr->nev; e++) {
    const sbx_evidence *x = &gr->ev[e];
    json_t *eo = json_object();
    sbx__jput(eo, "unit", json_string(sbx__unit_id(res, x->unit)), bad);
    sbx__jput(eo, "scale", json_string(res->survey->scale[x->scale].id), bad);
    sbx__jput(eo, "critical", json_boolean(x->critical), bad);
    sbx__jput(eo, "weight", sbx__jnum(x->weight), bad);
    const char *rule = sbx__goal_rule_id(x->rule);
    sbx__jput(eo, "rule", rule ? json_string(rule) : json_null(), bad);
    const char *st = sbx__status_id(x->status);
    if (sbx__cell_visible(res, x->unit, x->scale) && st) {
      sbx__jput(eo, "n_band", json_string(sbx__n_band(x->n) ? sbx__n_band(x->n) : ""), bad);
      sbx__jput(eo, "mean", sbx__jnum(x->mean), bad);
      sbx__jput(eo, "ci", sbx__jpair(x->ci_lo, x->ci_hi), bad);
      sbx__jput(eo, "status", json_string(st), bad);
    } else if (!sbx__cell_visible(res, x->unit, x->scale)) {
      sbx__jput(eo, "suppressed", json_true(), bad);
    } else {
      sbx__jput(eo, "status", json_null(), bad); /* visible, but no scores on this box */
    }
    sbx__jappend(ev, eo, bad);
  }
  return ev;
}

static json_t *goals_json(const sbx_results *res, const char *lang, int *bad) {
  json_t *a = json_array();
  for (size_t i = 0; i < res->ngoal && res->org; i++) {
    const sbx_goal_result *gr = &res->goal[i];
    const sbx_goal *g = &res->org->goal[gr->goal];
    json_t *o = json_object();
    sbx__jput(o, "id", json_string(g->id), bad);
    sbx__jput(o, "level", json_string(sbx__goal_level_id(g->level)), bad);
    sbx__jput(o, "parent", g->parent == SBX_NONE ? json_null()
                                                 : json_string(res->org->goal[g->parent].id), bad);
    sbx__jput(o, "unit", g->unit == SBX_NONE ? json_null()
                                             : json_string(sbx__unit_id(res, g->unit)), bad);
    sbx__jput(o, "title", json_string(sbx__text_get(&g->title, lang)), bad);
    sbx__jput(o, "status", json_string(sbx__goal_status_id(gr->status)), bad);
    const char *rule = sbx__goal_rule_id(gr->rule);
    sbx__jput(o, "rule", rule ? json_string(rule) : json_null(), bad);
    sbx__jput(o, "risk", sbx__jnum(gr->risk), bad);
    sbx__jput(o, "via", gr->via < res->org->ngoal ? json_string(res->org->goal[gr->via].id)
                                                  : json_null(), bad);
    if (g->level == SBX_GOAL_ACTIVITY)
      sbx__jput(o, "fallback", json_boolean(gr->fallback), bad);
    sbx__jput(o, "evidence", evidence_json(res, gr, bad), bad);
    sbx__jput(o, "baseline_status", gr->has_base ? json_string(sbx__goal_status_id(gr->base_status))
                                                 : json_null(), bad);
    sbx__jput(o, "reading", sbx__goal_reading_json(res, i), bad);
    sbx__jput(o, "indicators", sbx__goal_ind_json(res, i, bad), bad);
    sbx__jappend(a, o, bad);
  }
  return a;
}

static json_t *weights_json(const sbx_results *res, const sbx_drivers *d, int *bad) {
  json_t *a = json_array();
  for (size_t i = 0; i < d->nw; i++) {
    json_t *o = json_object();
    sbx__jput(o, "scale", json_string(res->survey->scale[d->w[i].scale].id), bad);
    sbx__jput(o, "weight", sbx__jnum(d->w[i].weight), bad);
    sbx__jput(o, "share", sbx__jnum(d->w[i].share), bad);
    sbx__jput(o, "ci", sbx__jpair(d->w[i].lo, d->w[i].hi), bad);
    sbx__jappend(a, o, bad);
  }
  return a;
}

/* How the intervals were drawn: replicates, and blocks of respondents resampled. */
static json_t *boot_json(const sbx_drivers *d, int *bad) {
  json_t *o = json_object();
  sbx__jput(o, "replicates", json_integer((json_int_t)d->nboot), bad);
  sbx__jput(o, "blocks", json_integer((json_int_t)d->boot_blocks), bad);
  return o;
}

static json_t *drivers_json(const sbx_results *res, int *bad) {
  if (res->ndrivers == 0 || !res->drivers || !sbx__unit_visible(res, res->drivers[0].unit))
    return json_null();
  const sbx_drivers *d = &res->drivers[0];
  json_t *o = json_object();
  sbx__jput(o, "outcome", d->outcome < res->nscale
                              ? json_string(res->survey->scale[d->outcome].id) : json_null(), bad);
  sbx__jput(o, "n", json_integer((json_int_t)d->n), bad);
  sbx__jput(o, "r2", sbx__jnum(d->r2), bad);
  sbx__jput(o, "bootstrap", boot_json(d, bad), bad);
  sbx__jput(o, "weights", weights_json(res, d, bad), bad);
  json_t *units = json_array();
  for (size_t i = 1; i < res->ndrivers; i++) {
    const sbx_drivers *du = &res->drivers[i];
    if (!sbx__unit_visible(res, du->unit)) continue;
    json_t *uo = json_object();
    sbx__jput(uo, "unit", json_string(sbx__unit_id(res, du->unit)), bad);
    sbx__jput(uo, "n", json_integer((json_int_t)du->n), bad);
    sbx__jput(uo, "r2", sbx__jnum(du->r2), bad);
    sbx__jput(uo, "bootstrap", boot_json(du, bad), bad);
    sbx__jput(uo, "weights", weights_json(res, du, bad), bad);
    sbx__jappend(units, uo, bad);
  }
  sbx__jput(o, "units", units, bad);
  return o;
}

static json_t *actions_json(const sbx_results *res, int *bad) {
  json_t *a = json_array();
  for (size_t i = 0; i < res->naction; i++) {
    const sbx_action *x = &res->action[i];
    if (!sbx__cell_visible(res, x->unit, x->scale)) continue; /* never name a hidden cell */
    json_t *o = json_object();
    int linked = res->org && x->goal < res->org->ngoal;
    sbx__jput(o, "goal", linked ? json_string(res->org->goal[x->goal].id) : json_null(), bad);
    sbx__jput(o, "unit", json_string(sbx__unit_id(res, x->unit)), bad);
    sbx__jput(o, "scale", json_string(res->survey->scale[x->scale].id), bad);
    sbx__jput(o, "status", json_string(sbx__goal_status_id(x->status)), bad);
    sbx__jput(o, "baseline_status", x->has_base ? json_string(sbx__goal_status_id(x->base_status))
                                                : json_null(), bad);
    sbx__jappend(a, o, bad);
  }
  return a;
}

static json_t *extras_json(json_t *root, const sbx_results *res, const char *lang, int *bad) {
  json_t *sup = json_array();
  for (size_t i = 0; i < res->nsupp; i++) {
    const sbx_supp_entry *e = &res->supp[i];
    json_t *o = json_object();
    sbx__jput(o, "unit", json_string(sbx__unit_id(res, e->unit)), bad);
    sbx__jput(o, "scale", e->scale == SBX_NONE || e->scale >= res->nscale
                              ? json_null() : json_string(res->survey->scale[e->scale].id), bad);
    sbx__jput(o, "reason", json_string(SBX__HIDDEN_REASON), bad);
    sbx__jappend(sup, o, bad);
  }
  sbx__jput(root, "suppression", sup, bad);
  json_t *com = json_array();
  for (size_t i = 0; i < res->ncomment; i++) {
    const sbx_comment_out *c = &res->comment[i];
    if (!sbx__unit_visible(res, c->unit) || c->question >= res->survey->nfree_text) continue;
    json_t *o = json_object();
    sbx__jput(o, "unit", json_string(sbx__unit_id(res, c->unit)), bad);
    sbx__jput(o, "question", json_string(res->survey->free_text[c->question].id), bad);
    sbx__jput(o, "text", json_string(c->text ? c->text : ""), bad);
    sbx__jappend(com, o, bad);
  }
  sbx__jput(root, "comments", com, bad);
  sbx__jput(root, "comments_dropped", rows_json(res->counts_shown, res->ncomment_dropped), bad);
  (void)lang;
  return root;
}

/* A count that could reveal a small group: exact when 0 or at least k, else
 * {"fewer_than": k}. */
static json_t *count_json(const sbx_results *res, size_t n, int *bad) {
  if (n == 0 || n >= (size_t)res->opts.min_group) return json_integer((json_int_t)n);
  json_t *o = json_object();
  sbx__jput(o, "fewer_than", json_integer(res->opts.min_group), bad);
  return o;
}

static json_t *respondents_json(const sbx_results *res, const sbx_report_opts *opts, int *bad) {
  json_t *o = json_object();
  int all = res->counts_shown, per = res->sources_shown;
  sbx__jput(o, "read", rows_json(all, res->read), bad);
  sbx__jput(o, "accepted", all ? json_integer((json_int_t)res->accepted)
                                : count_json(res, 1, bad), bad);
  sbx__jput(o, "rejected", rows_json(all, res->rejected), bad);
  sbx__jput(o, "duplicates", rows_json(all, res->duplicates), bad);
  sbx__jput(o, "unknown_unit", all ? count_json(res, res->unknown_unit, bad) : json_null(), bad);
  sbx__jput(o, "sources_counts_hidden", json_boolean(!per), bad);
  const sbx_responses *r = opts ? opts->responses : NULL;
  json_t *src = json_array();
  for (size_t i = 0; r && i < r->nsrc; i++) {
    json_t *s = json_object();
    sbx__jput(s, "name", json_string(r->src[i].name ? r->src[i].name : ""), bad);
    sbx__jput(s, "tool", r->src[i].tool ? json_string(r->src[i].tool) : json_null(), bad);
    sbx__jput(s, "read", rows_json(per, r->src[i].read), bad);
    sbx__jput(s, "accepted", rows_json(per, r->src[i].accepted), bad);
    sbx__jput(s, "rejected", rows_json(per, r->src[i].rejected), bad);
    sbx__jput(s, "duplicates", rows_json(per, r->src[i].duplicates), bad);
    sbx__jappend(src, s, bad);
  }
  sbx__jput(o, "sources", src, bad);
  return o;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* This wave (with --history) and the baseline it is compared with. */
static void wave_json(json_t *root, const sbx_results *res, int *bad) {
  const sbx_trend *t = res->trend;
  if (t && t->cur.id) {
    json_t *w = json_object();
    sbx__jput(w, "id", json_string(t->cur.id), bad);
    sbx__jput(w, "name", str_or_null(t->cur.name), bad);
    sbx__jput(w, "date", str_or_null(t->cur.date), bad);
    sbx__jput(root, "wave", w, bad);
  }
  const sbx_baseline *b = res->opts.baseline;
  if (!b) return;
  json_t *o = json_object();
  sbx__jput(o, "wave", str_or_null(b->wave_id), bad);
  sbx__jput(o, "name", str_or_null(b->wave_name), bad);
  sbx__jput(o, "date", str_or_null(b->wave_date), bad);
  json_t *sv = json_object();
  sbx__jput(sv, "id", str_or_null(b->survey_id), bad);
  sbx__jput(sv, "version", str_or_null(b->survey_version), bad);
  sbx__jput(o, "survey", sv, bad);
  sbx__jput(root, "baseline", o, bad);
}

static json_t *results_json(const sbx_results *res, const sbx_report_opts *opts,
                            const sbx__lang *msgs, int *bad) {
  const char *lang = sbx__lang_code(msgs);
  json_t *root = json_object();
  sbx__jput(root, "schema", json_string(SBX__RESULTS_SCHEMA), bad);
  sbx__jput(root, "generator", json_string("sixbox " SIXBOX_VERSION), bad);
  if (opts && opts->generated) sbx__jput(root, "generated", json_string(opts->generated), bad);
  sbx__jput(root, "language", json_string(lang), bad);
  json_t *sv = json_object();
  sbx__jput(sv, "id", json_string(res->survey->id ? res->survey->id : ""), bad);
  sbx__jput(sv, "version", json_string(res->survey->version ? res->survey->version : ""), bad);
  sbx__jput(sv, "title", text_obj(&res->survey->title, bad), bad);
  sbx__jput(root, "survey", sv, bad);
  json_t *org = json_object();
  sbx__jput(org, "id", res->org ? json_string(res->org->id) : json_null(), bad);
  if (res->org) sbx__jput(org, "name", text_obj(&res->org->name, bad), bad);
  sbx__jput(root, "organisation", org, bad);
  wave_json(root, res, bad);
  sbx__jput(root, "min_group", json_integer(res->opts.min_group), bad);
  sbx__jput(root, "confidence_level", sbx__jnum(res->opts.level), bad);
  sbx__jput(root, "respondents", respondents_json(res, opts, bad), bad);
  sbx__jput(root, "scales", scales_json(res, msgs, bad), bad);
  json_t *units = json_array();
  for (size_t u = 0; u < res->nunit; u++) sbx__jappend(units, unit_json(res, u, lang, bad), bad);
  sbx__jput(root, "units", units, bad);
  sbx__jput(root, "goals", goals_json(res, lang, bad), bad);
  sbx__jput(root, "drivers", drivers_json(res, bad), bad);
  sbx__jput(root, "actions", actions_json(res, bad), bad);
  sbx__jput(root, "hme", sbx__hme_json(res, bad), bad);
  sbx__jput(root, "benchmark", sbx__benchmark_json(res, bad), bad);
  return extras_json(root, res, lang, bad);
}

int sbx__report_json_tree(json_t **out, const sbx_results *res, const sbx_report_opts *opts,
                          sbx_ctx *ctx) {
  *out = NULL;
  if (!res || !res->survey) return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no results to write");
  if (sbx__opts_check(opts, SBX_REPORT_OPTS_VERSION, "sbx_report_opts", ctx))
    return SBX_EUSAGE;
  if (sbx__cancelled(opts)) return sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted");
  int bad = 0;
  sbx__lang *msgs = NULL;
  int rc = sbx__lang_load(&msgs, sbx__report_lang(res, opts), ctx);
  if (rc) return rc;
  json_t *root = results_json(res, opts, msgs, &bad);
  sbx__lang_free(msgs);
  if (bad || !root) {
    json_decref(root);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory while building the JSON");
  }
  *out = root;
  return 0;
}

int sbx__report_json_dump(const json_t *root, FILE *f, sbx_ctx *ctx) {
  int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                   JSON_REAL_PRECISION(SBX__JSON_PRECISION));
  /* jansson fails alike when out of memory and when the stream does: ferror tells. */
  if (rc != 0 && !ferror(f)) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  if (rc != 0 || fputc('\n', f) == EOF || ferror(f))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while writing the results as JSON");
  return 0;
}

int sbx_report_write_json(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                          sbx_ctx *ctx) {
  if (!f) return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no results to write");
  json_t *root;
  int rc = sbx__report_json_tree(&root, res, opts, ctx);
  if (!rc) rc = sbx__report_json_dump(root, f, ctx);
  json_decref(root);
  return rc;
}

/* The HME section, beside the boxes: the whole organisation's HME index (and by gender
 * where shown) next to the peer group's and the country's from the benchmark for the
 * same year, the total index over the years, the crosswalk to the boxes, and HME per
 * förvaltning and bolag; and the goal indicators under each goal of the red thread.
 * Figures are rounded here only (one decimal); the rules: docs/statistics.md ("HME"). */
#include "reports/html/html.h"

#include <math.h>
#include <string.h>

static const char *const part_key[4] = { "hme.total", "hme.motivation", "hme.ledarskap",
                                         "hme.styrning" };

static double fig(const sbx_hme_figures *f, int k) { return k == 0 ? f->total : f->part[k - 1]; }

/* What stands instead of a unit's HME figure: why a hidden unit is hidden, else "–"
 * (a statement hidden, or without answers). */
static const char *hidden(sbx__html *h, size_t u) {
  return h->res->unit[u].suppressed ? sbx__h_hidden_text(h, u, 0) : "–";
}

static const char *own_id(const sbx_org *o) { return o->kolada ? o->kolada : o->id; }
static const char *country_id(const sbx_org *o) {
  return o->kolada_country ? o->kolada_country : "0000";
}

/* The year compared: the survey's, else the latest with a peer or country value. */
static int bench_year(const sbx__html *h) {
  const sbx_results *r = h->res;
  if (r->year) return r->year;
  int a = sbx__bench_latest(r->bench, sbx__hme_kpi_index[0], r->org->kolada_peers, 0);
  int b = sbx__bench_latest(r->bench, sbx__hme_kpi_index[0], country_id(r->org), 0);
  return a > b ? a : b;
}

static void index_table(sbx__html *h, xmlNodePtr sec, int year) {
  const sbx_results *r = h->res;
  const sbx_hme_result *hm = r->hme;
  int gender = hm->gender == SBX_HME_GENDER_SHOWN, bench = r->bench && r->org;
  const char *cols[7] = { "col.index", "col.survey", NULL, NULL, NULL, NULL, NULL };
  size_t c = 2;
  if (gender) cols[c++] = "col.women", cols[c++] = "col.men";
  if (bench) cols[c++] = "col.peers", cols[c++] = "col.country";
  xmlNodePtr tb = sbx__h_table(h, sec, "hme.table", cols);
  for (int k = 0; k < 4; k++) {
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_msg(h, part_key[k]));
    int shown = sbx__unit_visible(r, 0) && hm->unit[0].shown;
    sbx__h_tdn(h, tr, shown ? sbx__h_num(h, fig(&hm->unit[0], k), 1) : hidden(h, 0));
    if (gender) {
      sbx__h_tdn(h, tr, sbx__h_num(h, fig(&hm->women, k), 1));
      sbx__h_tdn(h, tr, sbx__h_num(h, fig(&hm->men, k), 1));
    }
    if (bench) {
      const char *kpi = sbx__hme_kpi_index[k];
      sbx__h_tdn(h, tr, sbx__h_num(h, sbx__bench_value(r->bench, kpi, r->org->kolada_peers, year, 'T'), 1));
      sbx__h_tdn(h, tr, sbx__h_num(h, sbx__bench_value(r->bench, kpi, country_id(r->org), year, 'T'), 1));
    }
  }
}

/* U00200 for every year the benchmark has, with this survey's value in its year. */
static void trend_table(sbx__html *h, xmlNodePtr sec) {
  const sbx_results *r = h->res;
  static const char *const cols[] = { "col.year", "col.own-kolada", "col.peers", "col.country",
                                      NULL };
  xmlNodePtr tb = NULL;
  const char *kpi = sbx__hme_kpi_index[0];
  for (int y = 1990; y <= 2100; y++) {
    double v[3] = { sbx__bench_value(r->bench, kpi, own_id(r->org), y, 'T'),
                    sbx__bench_value(r->bench, kpi, r->org->kolada_peers, y, 'T'),
                    sbx__bench_value(r->bench, kpi, country_id(r->org), y, 'T') };
    int survey = y == r->year && r->hme && sbx__unit_visible(r, 0) && r->hme->unit[0].shown;
    if (survey) v[0] = r->hme->unit[0].total;
    if (isnan(v[0]) && isnan(v[1]) && isnan(v[2])) continue;
    if (!tb) tb = sbx__h_table(h, sec, "hme.trend", cols);
    xmlNodePtr tr = sbx__h_tr(h, tb);
    char yt[16];
    snprintf(yt, sizeof yt, "%d%s", y, survey ? " *" : "");
    sbx__h_th_row(h, tr, yt);
    for (int k = 0; k < 3; k++) sbx__h_tdn(h, tr, sbx__h_num(h, v[k], 1));
  }
}

static void crosswalk(sbx__html *h, xmlNodePtr sec) {
  const sbx_survey *s = h->res->survey;
  size_t ps = s->item[s->hme_item[7]].scale, ls = s->item[s->hme_item[4]].scale;
  if (s->scale[ps].box != SBX_BOX_PURPOSES || s->scale[ls].box != SBX_BOX_LEADERSHIP) return;
  const char *pm = sbx__cell_visible(h->res, 0, ps) ? sbx__h_num(h, h->res->unit[0].cell[ps].mean, 2)
                                                    : sbx__h_hidden_text(h, 0, ps);
  const char *lm = sbx__cell_visible(h->res, 0, ls) ? sbx__h_num(h, h->res->unit[0].cell[ls].mean, 2)
                                                    : sbx__h_hidden_text(h, 0, ls);
  const char *kv[] = { "purposes", sbx__h_scale_name(h, ps), "pmean", pm,
                       "leadership", sbx__h_scale_name(h, ls), "lmean", lm, NULL };
  sbx__h_sentence(h, sec, "p", "hme.crosswalk", kv);
}

/* The whole organisation and each unit directly below it. */
static void units_table(sbx__html *h, xmlNodePtr sec) {
  const sbx_results *r = h->res;
  static const char *const cols[] = { "col.unit", "hme.total", "hme.motivation", "hme.ledarskap",
                                      "hme.styrning", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "hme.units", cols);
  for (size_t u = 0; u < r->nunit; u++) {
    if (u > 0 && sbx__unit_parent(r, u) != 0) continue;
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_unit_name(h, u));
    const sbx_hme_figures *f = &r->hme->unit[u];
    for (int k = 0; k < 4; k++)
      sbx__h_tdn(h, tr, sbx__unit_visible(r, u) && f->shown && !isnan(fig(f, k))
                            ? sbx__h_num(h, fig(f, k), 1) : hidden(h, u));
  }
}

static void comparison_note(sbx__html *h, xmlNodePtr sec, int year) {
  const sbx_results *r = h->res;
  if (!r->bench || !r->org) {
    sbx__h_label(h, sec, "p", "hme.no-bench");
    return;
  }
  char y[16];
  snprintf(y, sizeof y, "%d", year);
  const char *kv[] = { "year", y, "peers", r->org->kolada_peers ? r->org->kolada_peers : "–",
                       "country", country_id(r->org), NULL };
  sbx__h_sentence(h, sec, "p", r->year ? "hme.year" : "hme.year-latest", kv);
}

void sbx__sec_hme(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "hme", "sec.hme");
  const sbx_results *r = h->res;
  if (!r->hme) {
    sbx__h_label(h, sec, "p", "hme.none");
    return;
  }
  int year = r->bench && r->org ? bench_year(h) : 0;
  sbx__h_label(h, sec, "p", "hme.intro");
  comparison_note(h, sec, year);
  index_table(h, sec, year);
  if (r->hme->gender != SBX_HME_GENDER_SHOWN)
    sbx__h_label(h, sec, "p", r->hme->gender == SBX_HME_GENDER_SMALL ? "hme.gender-small"
                                                                     : "hme.gender-none");
  crosswalk(h, sec);
  if (r->bench && r->org) trend_table(h, sec);
  units_table(h, sec);
  sbx__h_label(h, sec, "p", "hme.translation");
  if (r->bench) {
    const char *kv[] = { "file", r->bench->source, NULL };
    sbx__h_sentence(h, sec, "p", "hme.source", kv);
  }
}

/* Under a goal of the red thread: each indicator with peers and country, then the
 * reading of indicator and boxes together. */
void sbx__h_goal_indicators(sbx__html *h, xmlNodePtr li, size_t g) {
  const sbx_results *r = h->res;
  if (!r->gind || g >= r->ngoal || r->gind[g].nind == 0) return;
  const sbx_goal_ind *gi = &r->gind[g];
  const sbx_goal *goal = &r->org->goal[r->goal[g].goal];
  xmlNodePtr ul = sbx__h_elc(h, li, "ul", "indicators", NULL);
  for (size_t i = 0; i < gi->nind; i++) {
    const sbx_ind_result *x = &gi->ind[i];
    const sbx_indicator *d = &goal->indicator[x->indicator];
    xmlNodePtr item = sbx__h_el(h, ul, "li", NULL);
    char year[8], from[8];
    snprintf(year, sizeof year, "%d", x->year);
    snprintf(from, sizeof from, "%d", x->from);
    const char *kv[] = { "kpi", d->kpi, "year", year, "value", sbx__h_num(h, x->value, 1),
                         "dir", sbx__h_msg(h, d->at_most ? "ind.at-most" : "ind.at-least"),
                         "target", sbx__h_num(h, d->target, 1),
                         "status", sbx__h_msg(h, x->status == SBX_IND_MET ? "ind.met" : "ind.not-met"),
                         "peers", sbx__h_num(h, x->peers, 1), "country", sbx__h_num(h, x->country, 1),
                         "from", x->from ? from : "–", "fromvalue", sbx__h_num(h, x->from_value, 1),
                         NULL };
    sbx__h_sentence(h, item, "span", x->status == SBX_IND_NO_VALUE ? "ind.novalue" : "ind.line", kv);
  }
  const char *rid = sbx__reading_id(gi->reading);
  if (rid) {
    char key[64];
    snprintf(key, sizeof key, "read.%s", rid);
    sbx__h_elc(h, li, "p", "reading", sbx__h_msg(h, key));
  }
}

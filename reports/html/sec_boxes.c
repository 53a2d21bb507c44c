/* Section 4, each box (and each extra scale): the whole organisation's distribution of
 * respondent scores as bars with a data table, the items, reliability (alpha with its
 * interval, omega, item-rest correlations) and agreement (ICC(1), ICC(2)) with a
 * plain-language reading of whether unit means can be compared. */
#include "reports/html/html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void distribution(sbx__html *h, xmlNodePtr div, size_t s) {
  const sbx_answer_scale *a = sbx__h_answer_scale(h, s);
  const sbx_cell *c = &h->res->unit[0].cell[s];
  if (!a || !c->score_hist || !sbx__cell_visible(h->res, 0, s)) return;
  size_t np = a->npoint;
  const char **labels = calloc(np, sizeof *labels);
  char (*text)[16] = calloc(np, sizeof *text);
  if (!labels || !text) {
    free(labels);
    free(text);
    h->bad = 1;
    return;
  }
  size_t total = 0;
  for (size_t i = 0; i < np; i++) {
    snprintf(text[i], sizeof text[i], "%d", a->point[i].value);
    labels[i] = text[i];
    total += c->score_hist[i];
  }
  const char *kv[] = { "scale", sbx__h_scale_name(h, s), NULL };
  char *name = NULL;
  xmlNodePtr cap = sbx__h_sentence(h, div, "p", "boxes.dist", kv);
  if (cap) name = (char *)xmlNodeGetContent(cap);
  sbx__svg_bars(h, div, c->score_hist, np, labels, name ? name : "");
  xmlFree(name);
  static const char *const cols[] = { "col.point", "col.label", "col.count", "col.share", NULL };
  xmlNodePtr tb = sbx__h_table(h, div, "boxes.dist-table", cols);
  for (size_t i = 0; i < np; i++) {
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, text[i]);
    sbx__h_td(h, tr, sbx__text_get(&a->point[i].label, h->lang));
    sbx__h_tdn(h, tr, sbx__h_int(h, c->score_hist[i]));
    sbx__h_tdn(h, tr, total ? sbx__h_pct(h, (double)c->score_hist[i] / (double)total) : "");
  }
  free(labels);
  free(text);
}

static void items(sbx__html *h, xmlNodePtr div, size_t s) {
  const sbx_scale *sc = &h->res->survey->scale[s];
  const sbx_cell *c = &h->res->unit[0].cell[s];
  const sbx_reliability *r = &h->res->scale[s].rel;
  int vis = sbx__cell_visible(h->res, 0, s);
  static const char *const cols[] = { "col.item", "col.text", "col.n", "col.item-mean",
                                      "col.r-drop", "col.alpha-if", NULL };
  xmlNodePtr tb = sbx__h_table(h, div, "boxes.items", cols);
  for (size_t i = 0; i < sc->nitem; i++) {
    const sbx_item *it = &h->res->survey->item[sc->item[i]];
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, it->id);
    xmlNodePtr td = sbx__h_td(h, tr, sbx__text_get(&it->text, h->lang));
    if (it->reverse) sbx__h_elc(h, td, "span", "muted", sbx__h_msg(h, "boxes.reverse"));
    sbx__h_tdn(h, tr, vis && c->item_n ? sbx__h_int(h, c->item_n[i]) : "\xe2\x80\x93");
    sbx__h_tdn(h, tr, sbx__h_num(h, vis && c->item_mean ? c->item_mean[i] : NAN, 2));
    int rc = r->computed && i < r->nitem;
    sbx__h_tdn(h, tr, sbx__h_num(h, rc && r->r_drop ? r->r_drop[i] : NAN, 2));
    sbx__h_tdn(h, tr, sbx__h_num(h, rc && r->alpha_if_deleted ? r->alpha_if_deleted[i] : NAN, 2));
  }
}

static void quality(sbx__html *h, xmlNodePtr div, size_t s) {
  const sbx_scale_result *sr = &h->res->scale[s];
  const sbx_reliability *r = &sr->rel;
  if (r->computed) {
    const char *kv[] = { "alpha", sbx__h_num(h, r->alpha, 2),
                         "ci", sbx__h_range(h, r->feldt_lo, r->feldt_hi, 2),
                         "omega", sbx__h_num(h, r->omega, 2), "n", sbx__h_int(h, r->n), NULL };
    sbx__h_sentence(h, div, "p", "boxes.reliability", kv);
    sbx__h_label(h, div, "p", isfinite(r->alpha) && r->alpha >= 0.7 ? "boxes.alpha-good"
                                                                      : "boxes.alpha-low");
  } else {
    sbx__h_label(h, div, "p", "boxes.reliability-none");
  }
  if (isfinite(sr->icc1) && isfinite(sr->icc2)) {
    const char *kv[] = { "icc1", sbx__h_num(h, sr->icc1, 2), "icc2", sbx__h_num(h, sr->icc2, 2),
                         "groups", sbx__h_int(h, sr->icc_groups), NULL };
    sbx__h_sentence(h, div, "p", "boxes.icc", kv);
    sbx__h_label(h, div, "p", sr->icc2 >= 0.7 ? "boxes.icc-good" : "boxes.icc-low");
    sbx__h_label(h, div, "p", "boxes.icc-shown");
  } else {
    sbx__h_label(h, div, "p", "boxes.icc-none");
  }
}

/* Within-unit agreement: the visible units whose rwg(j) on this scale is under .70
 * (their mean hides disagreement), at most ten named. */
static void agreement(sbx__html *h, xmlNodePtr div, size_t s) {
  char list[1024] = "";
  size_t low = 0, with = 0;
  for (size_t u = 1; u < h->res->nunit; u++) {
    if (!sbx__cell_visible(h->res, u, s)) continue;
    double r = h->res->unit[u].cell[s].rwg_j;
    if (!isfinite(r)) continue;
    with++;
    if (r >= 0.7) continue;
    if (low++ < 10) {
      size_t used = strlen(list);
      snprintf(list + used, sizeof list - used, "%s%s (%s)", used ? ", " : "",
               sbx__h_unit_name(h, u), sbx__h_num(h, r, 2));
    }
  }
  if (with == 0) return;
  const char *kv[] = { "units", list, "k", sbx__h_int(h, low), "m", sbx__h_int(h, with), NULL };
  sbx__h_sentence(h, div, "p", low ? "boxes.rwg-low" : "boxes.rwg-good", kv);
}

void sbx__sec_boxes(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "boxes", "sec.boxes");
  sbx__h_label(h, sec, "p", "boxes.intro");
  for (size_t s = 0; s < h->res->nscale; s++) {
    xmlNodePtr div = sbx__h_elc(h, sec, "div", "box-page", NULL);
    sbx__h_el(h, div, "h3", sbx__h_scale_name(h, s));
    if (!sbx__cell_visible(h->res, 0, s)) {
      sbx__h_el(h, div, "p", sbx__h_hidden_text(h, 0, s));
      continue;
    }
    const sbx_cell *c = &h->res->unit[0].cell[s];
    xmlNodePtr p = sbx__h_el(h, div, "p", NULL);
    const char *kv[] = { "mean", sbx__h_num(h, c->mean, 2),
                         "ci", sbx__h_range(h, c->ci_lo, c->ci_hi, 2),
                         "fav", sbx__h_pct(h, c->fav), "n", sbx__h_int(h, c->n), NULL };
    sbx__h_sentence(h, p, "span", "boxes.summary", kv);
    sbx__h_text(h, p, " ");
    sbx__h_badge(h, p, c->status);
    distribution(h, div, s);
    items(h, div, s);
    quality(h, div, s);
    agreement(h, div, s);
  }
}

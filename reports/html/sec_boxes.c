/* Section 4, each box (and each extra scale): the whole organisation's box scores as
 * bars that add up to the favourable and unfavourable shares, with a data table, the
 * items, and in plain words whether the answers hang together and the units differ
 * (the measures themselves are in the analyst appendix, sec_method.c). */
#include "reports/html/html.h"
#include "surveys/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The box scores in bands (analysis/stats/status.c): a score counts at the point at
 * or below it (at or above it when low is good), so the bars at or beyond the
 * favourable threshold add up to the favourable share printed beside them, and those
 * on the problem side of the cut-off to the unfavourable share. */
static void distribution(sbx__html *h, xmlNodePtr div, size_t s) {
  const sbx_answer_scale *a = sbx__h_answer_scale(h, s);
  const sbx_cell *c = &h->res->unit[0].cell[s];
  if (!a || !c->band_hist || !sbx__cell_visible(h->res, 0, s)) return;
  size_t np = a->npoint;
  const char **labels = sbx__calloc(np, sizeof *labels);
  char (*text)[16] = sbx__calloc(np, sizeof *text);
  if (!labels || !text) {
    sbx__free(labels);
    sbx__free(text);
    h->bad = 1;
    return;
  }
  size_t total = 0;
  for (size_t i = 0; i < np; i++) {
    snprintf(text[i], sizeof text[i], "%d", a->point[i].value);
    labels[i] = text[i];
    total += c->band_hist[i];
  }
  const char *kv[] = { "scale", sbx__h_scale_name(h, s), "fav", sbx__h_pct(h, c->fav),
                       "unfav", sbx__h_pct(h, c->unfav),
                       "favourable", sbx__h_num(h, a->favourable, 1),
                       "cutoff", sbx__h_num(h, a->cutoff, 1), NULL };
  char *name = NULL;
  xmlNodePtr cap = sbx__h_sentence(h, div, "p", a->direction == SBX_LOW_IS_GOOD
                                                    ? "boxes.bands-low" : "boxes.bands", kv);
  if (cap) name = (char *)xmlNodeGetContent(cap);
  if (!name) h->bad = 1;
  sbx__svg_bars(h, div, c->band_hist, np, labels, name ? name : "");
  xmlFree(name);
  static const char *const cols[] = { "col.point", "col.label", "col.count", "col.share", NULL };
  xmlNodePtr tb = sbx__h_table(h, div, "boxes.dist-table", cols);
  for (size_t i = 0; i < np; i++) {
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, text[i]);
    sbx__h_td(h, tr, sbx__text_get(&a->point[i].label, h->lang));
    sbx__h_tdn(h, tr, sbx__h_int(h, c->band_hist[i]));
    sbx__h_tdn(h, tr, total ? sbx__h_pct(h, (double)c->band_hist[i] / (double)total) : "");
  }
  sbx__free(labels);
  sbx__free(text);
}

static void items(sbx__html *h, xmlNodePtr div, size_t s) {
  const sbx_scale *sc = &h->res->survey->scale[s];
  const sbx_cell *c = &h->res->unit[0].cell[s];
  int vis = sbx__cell_visible(h->res, 0, s);
  static const char *const cols[] = { "col.item", "col.text", "col.n", "col.item-mean", NULL };
  xmlNodePtr tb = sbx__h_table(h, div, "boxes.items", cols);
  for (size_t i = 0; i < sc->nitem; i++) {
    const sbx_item *it = &h->res->survey->item[sc->item[i]];
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, it->id);
    xmlNodePtr td = sbx__h_td(h, tr, sbx__text_get(&it->text, h->lang));
    if (it->reverse) sbx__h_elc(h, td, "span", "muted", sbx__h_msg(h, "boxes.reverse"));
    sbx__h_tdn(h, tr, vis && c->item_n ? sbx__h_int(h, c->item_n[i]) : "\xe2\x80\x93");
    sbx__h_tdn(h, tr, sbx__h_num(h, vis && c->item_mean ? c->item_mean[i] : NAN, 2));
  }
}

/* In plain words, for leadership: do the answers hang together, do the units differ,
 * do people within a unit agree. The measures behind these (reliability, ICC, rwg(j))
 * are in the analyst appendix (sec_method.c). */
static void plain_quality(sbx__html *h, xmlNodePtr div, size_t s) {
  const sbx_scale_result *sr = &h->res->scale[s];
  const sbx_reliability *r = &sr->rel;
  sbx__h_label(h, div, "p", !r->computed ? "boxes.hang-none"
                            : isfinite(r->alpha) && r->alpha >= 0.7 ? "boxes.hang-good"
                                                                     : "boxes.hang-weak");
  if (isfinite(sr->icc2))
    sbx__h_label(h, div, "p", sr->icc2 >= 0.7 ? "boxes.units-differ" : "boxes.units-similar");
  char list[1024] = "";
  size_t low = 0, with = 0;
  for (size_t u = 1; u < h->res->nunit; u++) {
    if (!sbx__cell_visible(h->res, u, s) || !isfinite(h->res->unit[u].cell[s].rwg_j)) continue;
    with++;
    if (h->res->unit[u].cell[s].rwg_j >= 0.7) continue;
    if (low++ < 10) {
      size_t used = strlen(list);
      snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", sbx__h_unit_name(h, u));
    }
  }
  if (with == 0) return;
  const char *kv[] = { "units", list, "k", sbx__h_int(h, low), "m", sbx__h_int(h, with), NULL };
  sbx__h_sentence(h, div, "p", low ? "boxes.agree-low" : "boxes.agree-good", kv);
}

/* With a baseline: the whole organisation's change in this box, the units whose change
 * is beyond chance, and the baseline named; or the one sentence why there is none. */
static void box_change(sbx__html *h, xmlNodePtr div, size_t s) {
  const sbx_results *r = h->res;
  if (!r->opts.baseline) return;
  if (r->base_cmp && r->base_cmp[s] != SBX_CMP_SAME) {
    sbx__h_label(h, div, "p", r->base_cmp[s] == SBX_CMP_ITEMS ? "cmp.items"
                              : r->base_cmp[s] == SBX_CMP_ANSWER_SCALE ? "cmp.answer-scale" : "cmp.absent");
    return;
  }
  xmlNodePtr p = sbx__h_el(h, div, "p", NULL);
  sbx__h_text(h, p, sbx__h_msg(h, "boxes.change"));
  sbx__h_text(h, p, " ");
  if (!sbx__h_change(h, p, 0, s)) sbx__h_text(h, p, "\xe2\x80\x93");
  xmlNodePtr ul = NULL;
  for (size_t u = 1; u < r->nunit; u++) {
    const sbx_cell *c = &r->unit[u].cell[s];
    if (!sbx__h_has_change(h, u, s) || !(c->change_lo > 0 || c->change_hi < 0)) continue;
    if (!ul) {
      sbx__h_label(h, div, "p", "boxes.change-units");
      ul = sbx__h_el(h, div, "ul", NULL);
    }
    xmlNodePtr li = sbx__h_el(h, ul, "li", NULL);
    sbx__h_text(h, li, sbx__h_unit_name(h, u));
    sbx__h_text(h, li, ": ");
    sbx__h_change(h, li, u, s);
  }
  sbx__trend_base_line(h, div);
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
                         "fav", sbx__h_pct(h, c->fav), "unfav", sbx__h_pct(h, c->unfav),
                         "n", sbx__h_int(h, c->n), NULL };
    sbx__h_sentence(h, p, "span", "boxes.summary-unfav", kv);
    sbx__h_text(h, p, " ");
    sbx__h_badge(h, p, c->status);
    box_change(h, div, s);
    distribution(h, div, s);
    items(h, div, s);
    plain_quality(h, div, s);
  }
}

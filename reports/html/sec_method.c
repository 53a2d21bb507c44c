/* Section 8, the analyst appendix: what became of every row per source, response
 * rates against headcount (visible units only), what was hidden and why (never with a
 * size), the psychometric measures (reliability, agreement) with what they mean in
 * plain words, caveats, and how every figure and status is computed. The sections
 * before it, written for leadership, use none of these terms. */
#include "reports/html/html.h"
#include "reports/catalog/catalog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A row of counts: the figures, or a dash where they may not be printed (docs/confidentiality.md,
 * section 7: per-source counts, and every count below k). */
static void count_cells(sbx__html *h, xmlNodePtr tr, int shown, const size_t *v) {
  for (size_t i = 0; i < 4; i++)
    sbx__h_tdn(h, tr, shown ? sbx__h_int(h, v[i]) : "\xe2\x80\x93");
}

static void sources(sbx__html *h, xmlNodePtr sec) {
  static const char *const cols[] = { "col.source", "col.tool", "col.read", "col.accepted",
                                      "col.rejected", "col.duplicates", NULL };
  if (!h->res->counts_shown) {
    const char *kk[] = { "k", sbx__h_int(h, (size_t)h->res->opts.min_group), NULL };
    sbx__h_sentence(h, sec, "p", "method.counts-hidden", kk);
    return;
  }
  xmlNodePtr tb = sbx__h_table(h, sec, "method.sources", cols);
  const sbx_responses *r = h->opts ? h->opts->responses : NULL;
  for (size_t i = 0; r && i < r->nsrc; i++) {
    const sbx_source *s = &r->src[i];
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, s->name ? s->name : "");
    sbx__h_td(h, tr, s->tool ? s->tool : "");
    const size_t v[] = { s->read, s->accepted, s->rejected, s->duplicates };
    count_cells(h, tr, h->res->sources_shown, v);
  }
  xmlNodePtr tr = sbx__h_tr(h, tb);
  sbx__h_attr(h, sbx__h_label(h, tr, "th", "method.total"), "scope", "row");
  sbx__h_td(h, tr, "");
  const size_t v[] = { h->res->read, h->res->accepted, h->res->rejected, h->res->duplicates };
  count_cells(h, tr, 1, v);
  if (!h->res->sources_shown) sbx__h_sentence(h, sec, "p", "method.sources-hidden", NULL);
  if (h->res->unknown_unit) { /* under k only as "fewer than k" (docs/confidentiality.md, section 7) */
    const char *kv[] = { "n", sbx__h_count(h, h->res->unknown_unit), NULL };
    sbx__h_sentence(h, sec, "p", "method.unknown-unit", kv);
  }
  if (h->res->ncomment_dropped) {
    const char *kv[] = { "n", sbx__h_int(h, h->res->ncomment_dropped),
                         "m", sbx__h_int(h, (size_t)h->res->opts.min_comment_group), NULL };
    sbx__h_sentence(h, sec, "p", "method.comments-dropped", kv);
  }
  sbx__h_label(h, sec, "p", "method.import-log");
}

static void response_rates(sbx__html *h, xmlNodePtr sec) {
  xmlNodePtr tb = NULL;
  for (size_t u = 0; h->res->org && u < h->res->nunit; u++) {
    long hc = sbx__h_headcount(h, u);
    if (hc <= 0 || !sbx__unit_visible(h->res, u)) continue;
    if (!tb) {
      static const char *const cols[] = { "col.unit", "col.headcount", "col.n", "col.rate", NULL };
      tb = sbx__h_table(h, sec, "method.rates", cols);
    }
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_unit_name(h, u));
    sbx__h_tdn(h, tr, sbx__h_int(h, (size_t)hc));
    sbx__h_tdn(h, tr, sbx__h_int(h, h->res->unit[u].n));
    sbx__h_rate_cell(h, tr, u); /* never a rate over 100 % (rates.c) */
  }
  if (!tb) sbx__h_label(h, sec, "p", "method.rates-none");
}

static void suppression(sbx__html *h, xmlNodePtr sec) {
  sbx__h_label(h, sec, "h3", "method.suppression");
  char k[16];
  snprintf(k, sizeof k, "%d", h->res->opts.min_group);
  const char *kv[] = { "k", k, NULL };
  sbx__h_sentence(h, sec, "p", "method.suppression-rule", kv);
  if (h->res->nsupp == 0) {
    sbx__h_label(h, sec, "p", "method.suppression-none");
    return;
  }
  static const char *const cols[] = { "col.unit", "col.scope", "col.reason", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "method.suppression-table", cols);
  for (size_t i = 0; i < h->res->nsupp; i++) {
    const sbx_supp_entry *e = &h->res->supp[i];
    if (e->unit >= h->res->nunit) continue;
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_unit_name(h, e->unit));
    sbx__h_td(h, tr, e->scale < h->res->nscale ? sbx__h_scale_name(h, e->scale)
                                               : sbx__h_msg(h, "method.whole-unit"));
    sbx__h_sentence(h, tr, "td", "supp.hidden.long", kv); /* one reason for both */
  }
}

static void caveats(sbx__html *h, xmlNodePtr sec) {
  sbx__h_label(h, sec, "h3", "method.caveats");
  xmlNodePtr ul = sbx__h_el(h, sec, "ul", NULL);
  int any = 0;
  for (size_t s = 0; s < h->res->nscale; s++) {
    const sbx_scale_result *sr = &h->res->scale[s];
    const char *kv[] = { "scale", sbx__h_scale_name(h, s), "alpha", sbx__h_num(h, sr->rel.alpha, 2),
                         "icc2", sbx__h_num(h, sr->icc2, 2), NULL };
    if (!sr->rel.computed) {
      sbx__h_sentence(h, ul, "li", "method.caveat-norel", kv);
      any = 1;
    } else if (!(sr->rel.alpha >= 0.7)) {
      sbx__h_sentence(h, ul, "li", "method.caveat-alpha", kv);
      any = 1;
    }
    if (isfinite(sr->icc2) && sr->icc2 < 0.7) {
      sbx__h_sentence(h, ul, "li", "method.caveat-icc", kv);
      any = 1;
    }
  }
  if (!any) sbx__h_label(h, ul, "li", "method.caveat-none");
}

/* Units whose respondents disagree on a scale (rwg(j) under .70), of those with one. */
static const char *rwg_low(sbx__html *h, size_t s) {
  size_t low = 0, with = 0;
  for (size_t u = 1; u < h->res->nunit; u++) {
    if (!sbx__cell_visible(h->res, u, s) || !isfinite(h->res->unit[u].cell[s].rwg_j)) continue;
    with++;
    low += h->res->unit[u].cell[s].rwg_j < 0.7;
  }
  if (!with) return "\xe2\x80\x93";
  char *out = h->ring[h->next]; /* the builder's ring of formatted numbers (util.c) */
  h->next = (h->next + 1) % (sizeof h->ring / sizeof h->ring[0]);
  snprintf(out, sizeof h->ring[0], "%zu / %zu", low, with);
  return out;
}

/* The measures behind the plain words of "Låda för låda": reliability, agreement
 * between and within units, per scale; and each item's statistics. */
static void measures(sbx__html *h, xmlNodePtr sec) {
  sbx__h_label(h, sec, "h3", "method.measures");
  sbx__h_label(h, sec, "p", "method.measures-intro");
  static const char *const cols[] = { "col.scale", "col.alpha", "col.ci", "col.omega",
                                      "col.icc1", "col.icc2", "col.rwg-low", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "method.measures-table", cols);
  for (size_t s = 0; s < h->res->nscale; s++) {
    const sbx_scale_result *sr = &h->res->scale[s];
    int rc = sr->rel.computed;
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_scale_name(h, s));
    sbx__h_tdn(h, tr, sbx__h_num(h, rc ? sr->rel.alpha : NAN, 2));
    sbx__h_tdn(h, tr, rc ? sbx__h_range(h, sr->rel.feldt_lo, sr->rel.feldt_hi, 2) : "\xe2\x80\x93");
    sbx__h_tdn(h, tr, sbx__h_num(h, rc ? sr->rel.omega : NAN, 2));
    sbx__h_tdn(h, tr, sbx__h_num(h, sr->icc1, 2));
    sbx__h_tdn(h, tr, sbx__h_num(h, sr->icc2, 2));
    sbx__h_tdn(h, tr, rwg_low(h, s));
  }
  sbx__h_label(h, sec, "p", "boxes.icc-shown");
  static const char *const icols[] = { "col.scale", "col.item", "col.r-drop", "col.alpha-if",
                                       NULL };
  xmlNodePtr it = sbx__h_table(h, sec, "method.items-table", icols);
  for (size_t s = 0; s < h->res->nscale; s++) {
    const sbx_reliability *r = &h->res->scale[s].rel;
    const sbx_scale *sc = &h->res->survey->scale[s];
    for (size_t i = 0; r->computed && i < sc->nitem && i < r->nitem; i++) {
      xmlNodePtr tr = sbx__h_tr(h, it);
      sbx__h_th_row(h, tr, sbx__h_scale_name(h, s));
      sbx__h_td(h, tr, h->res->survey->item[sc->item[i]].id);
      sbx__h_tdn(h, tr, sbx__h_num(h, r->r_drop ? r->r_drop[i] : NAN, 2));
      sbx__h_tdn(h, tr, sbx__h_num(h, r->alpha_if_deleted ? r->alpha_if_deleted[i] : NAN, 2));
    }
  }
}

static void how(sbx__html *h, xmlNodePtr sec) {
  static const char *const keys[] = { "method.how-score", "method.how-mean", "method.how-fav",
                                      "method.how-status", "method.how-compare",
                                      "method.how-reliability", "method.how-agreement",
                                      "method.how-icc-shown",
                                      "method.how-goals", "method.how-drivers",
                                      "method.how-suppression", "method.how-change" };
  sbx__h_label(h, sec, "h3", "method.how");
  char k[16], level[16];
  snprintf(k, sizeof k, "%d", h->res->opts.min_group);
  snprintf(level, sizeof level, "%.0f", h->res->opts.level * 100);
  const sbx_answer_scale *a = h->res->survey->nanswer_scale ? &h->res->survey->answer_scale[0] : NULL;
  const char *kv[] = { "k", k, "level", level,
                       "cutoff", a ? sbx__h_num(h, a->cutoff, 1) : "\xe2\x80\x93",
                       "favourable", a ? sbx__h_num(h, a->favourable, 1) : "\xe2\x80\x93",
                       "share", sbx__h_int(h, (size_t)h->res->survey->min_item_share_pct),
                       "practical", a ? sbx__h_num(h, sbx__practical(a), 2) : "\xe2\x80\x93", NULL };
  xmlNodePtr ul = sbx__h_el(h, sec, "ul", NULL);
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) sbx__h_sentence(h, ul, "li", keys[i], kv);
}

void sbx__sec_method(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "method", "sec.method");
  sbx__h_label(h, sec, "p", "method.appendix-intro");
  sbx__h_label(h, sec, "h3", "method.data");
  sources(h, sec);
  sbx__h_label(h, sec, "h3", "method.rates-title");
  response_rates(h, sec);
  sbx__dont_know_table(h, sec);
  suppression(h, sec);
  measures(h, sec);
  caveats(h, sec);
  how(h, sec);
}

/* The follow-up section: every wave of the history for the whole organisation and
 * each förvaltning and bolag (a small chart per box with intervals, and the same
 * values in a table for screen readers), the change since the last wave with its
 * interval and a mark where it is beyond chance, which scales cannot be compared and
 * why, each goal's status over the waves, what improved, and the follow-up of the
 * last handlingsplan. Draws only figures the results and the history hold. */
#include "reports/html/html.h"
#include "reports/catalog/catalog.h"
#include "surveys/fingerprint.h"
#include "surveys/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CW 168
#define CH 72

/* A wave's label: its name, else its id, with the date when known. */
static const char *wave_label(sbx__html *h, const sbx_trend_wave *w, char *buf, size_t size) {
  const char *name = w->name && *w->name ? w->name : w->id ? w->id : "";
  if (w->date) snprintf(buf, size, "%s (%s)", name, w->date);
  else snprintf(buf, size, "%s", name);
  (void)h;
  return buf;
}

static size_t nwaves(const sbx__html *h) { return h->res->trend ? h->res->trend->nwave + 1 : 1; }

/* Wave w's point of unit u, box sc (w == nwave: this wave, from the results). */
static int point(const sbx__html *h, size_t w, size_t u, size_t sc, sbx_trend_point *out) {
  const sbx_trend *t = h->res->trend;
  memset(out, 0, sizeof *out);
  if (t && w < t->nwave) {
    *out = *sbx__trend_pt(t, w, u, sc);
    return out->has;
  }
  if (!sbx__cell_visible(h->res, u, sc)) return 0;
  const sbx_cell *c = &h->res->unit[u].cell[sc];
  if (!c->n || !isfinite(c->mean)) return 0;
  *out = (sbx_trend_point){ 1, c->n, c->mean, c->sd, c->ci_lo, c->ci_hi, c->fav, c->status };
  return 1;
}

static void pos(sbx__html *h, xmlNodePtr n, const char *a, double v) {
  char b[24];
  snprintf(b, sizeof b, "%.1f", v);
  sbx__h_attr(h, n, a, b);
}

static xmlNodePtr seg(sbx__html *h, xmlNodePtr svg, double x1, double y1, double x2, double y2,
                      const char *stroke, const char *width) {
  xmlNodePtr l = sbx__h_el(h, svg, "line", NULL);
  pos(h, l, "x1", x1);
  pos(h, l, "y1", y1);
  pos(h, l, "x2", x2);
  pos(h, l, "y2", y2);
  sbx__h_attr(h, l, "stroke", stroke);
  sbx__h_attr(h, l, "stroke-width", width);
  return l;
}

/* The accessible name: "Box, unit: 4,1; 4,3; –" (the values in wave order). */
static char *chart_name(sbx__html *h, size_t u, size_t sc) {
  char *s = sbx__asprintf("%s, %s:", sbx__h_scale_name(h, sc), sbx__h_unit_name(h, u));
  for (size_t w = 0; s && w < nwaves(h); w++) {
    sbx_trend_point p;
    char *n = sbx__asprintf("%s %s%s", s, point(h, w, u, sc, &p) ? sbx__h_num(h, p.mean, 2)
                                                                  : "\xe2\x80\x93",
                            w + 1 < nwaves(h) ? ";" : "");
    sbx__free(s);
    s = n;
  }
  return s;
}

static void chart(sbx__html *h, xmlNodePtr parent, size_t u, size_t sc) {
  const sbx_answer_scale *a = sbx__h_answer_scale(h, sc);
  if (!a) return;
  char *name = chart_name(h, u, sc);
  if (!name) h->bad = 1;
  xmlNodePtr fig = sbx__h_elc(h, parent, "figure", "trend", NULL);
  xmlNodePtr svg = sbx__h_el(h, fig, "svg", NULL);
  char vb[32];
  snprintf(vb, sizeof vb, "0 0 %d %d", CW, CH);
  sbx__h_attr(h, svg, "xmlns", "http://www.w3.org/2000/svg");
  sbx__h_attr(h, svg, "viewBox", vb);
  sbx__h_attr(h, svg, "width", "168");
  sbx__h_attr(h, svg, "height", "72");
  sbx__h_attr(h, svg, "role", "img");
  sbx__h_attr(h, svg, "aria-label", name ? name : "");
  sbx__h_el(h, svg, "title", name ? name : "");
  sbx__h_el(h, fig, "figcaption", sbx__h_scale_name(h, sc));
  sbx__free(name);
  double span = a->max > a->min ? a->max - a->min : 1, top = 6, bot = CH - 6;
#define Y(v) (bot - ((v) - a->min) / span * (bot - top))
  seg(h, svg, 4, Y(a->cutoff), CW - 4, Y(a->cutoff), "#8a8a8a", "1");
  size_t nw = nwaves(h);
  double step = nw > 1 ? (CW - 24.0) / (double)(nw - 1) : 0, px = NAN, py = NAN;
  for (size_t w = 0; w < nw; w++) {
    sbx_trend_point p;
    double x = 12 + step * (double)w;
    if (!point(h, w, u, sc, &p)) {
      px = py = NAN; /* a gap: no line across a wave without a figure */
      continue;
    }
    if (isfinite(p.lo) && isfinite(p.hi)) seg(h, svg, x, Y(p.hi), x, Y(p.lo), "#1f4e79", "2");
    if (isfinite(px)) seg(h, svg, px, py, x, Y(p.mean), "#1f4e79", "1.5");
    xmlNodePtr c = sbx__h_el(h, svg, "circle", NULL);
    pos(h, c, "cx", x);
    pos(h, c, "cy", Y(p.mean));
    sbx__h_attr(h, c, "r", "3");
    sbx__h_attr(h, c, "fill", "#1f4e79");
    px = x;
    py = Y(p.mean);
  }
#undef Y
}

int sbx__h_has_change(const sbx__html *h, size_t u, size_t sc) {
  const sbx_results *r = h->res;
  if (!r->opts.baseline || !r->base_cmp || sc >= r->nscale || r->base_cmp[sc] != SBX_CMP_SAME)
    return 0;
  const sbx_cell *c = &r->unit[u].cell[sc];
  return sbx__cell_visible(r, u, sc) && c->has_change && isfinite(c->change) &&
         isfinite(c->change_lo) && isfinite(c->change_hi);
}

/* "+0,32 (0,12 – 0,52) ▲": the change since the last wave; the mark (hidden from
 * screen readers, which get the words) where the whole interval lies on one side of
 * zero. */
static int change(sbx__html *h, xmlNodePtr parent, size_t u, size_t sc, int stacked) {
  if (!sbx__h_has_change(h, u, sc)) return 0;
  const sbx_cell *c = &h->res->unit[u].cell[sc];
  char buf[160];
  snprintf(buf, sizeof buf, "%s%s", c->change > 0 ? "+" : "", sbx__h_num(h, c->change, 2));
  sbx__h_text(h, parent, buf);
  snprintf(buf, sizeof buf, "(%s)", sbx__h_range(h, c->change_lo, c->change_hi, 2));
  if (!stacked) {
    sbx__h_text(h, parent, " ");
    sbx__h_text(h, parent, buf);
  }
  if (c->change_lo > 0 || c->change_hi < 0) {
    sbx__h_text(h, parent, " ");
    xmlNodePtr m = sbx__h_elc(h, parent, "span", "sym", c->change > 0 ? "\xe2\x96\xb2" : "\xe2\x96\xbc");
    sbx__h_attr(h, m, "aria-hidden", "true");
    sbx__h_elc(h, parent, "span", "vh", sbx__h_msg(h, c->change > 0 ? "change.up" : "change.down"));
  }
  if (stacked) {
    sbx__h_el(h, parent, "br", NULL);
    sbx__h_text(h, parent, buf);
  }
  return 1;
}

int sbx__h_change(sbx__html *h, xmlNodePtr parent, size_t u, size_t sc) {
  return change(h, parent, u, sc, 0);
}

int sbx__h_change_stacked(sbx__html *h, xmlNodePtr parent, size_t u, size_t sc) {
  return change(h, parent, u, sc, 1);
}

static void change_cell(sbx__html *h, xmlNodePtr tr, size_t u, size_t sc) {
  if (h->res->base_cmp && h->res->base_cmp[sc] != SBX_CMP_SAME) {
    sbx__h_td(h, tr, sbx__h_msg(h, "trend.not-comparable"));
    return;
  }
  xmlNodePtr td = sbx__h_tdn(h, tr, NULL);
  if (!sbx__h_change(h, td, u, sc)) sbx__h_text(h, td, "\xe2\x80\x93");
}

static void value_cell(sbx__html *h, xmlNodePtr tr, size_t w, size_t u, size_t sc) {
  sbx_trend_point p;
  const sbx_trend *t = h->res->trend;
  if (point(h, w, u, sc, &p)) {
    char buf[96];
    snprintf(buf, sizeof buf, "%s (%s)", sbx__h_num(h, p.mean, 2), sbx__h_range(h, p.lo, p.hi, 2));
    sbx__h_tdn(h, tr, buf);
  } else if (t && w < t->nwave && t->cmp[w * t->nscale + sc] != SBX_CMP_SAME) {
    sbx__h_td(h, tr, sbx__h_msg(h, "trend.not-comparable"));
  } else {
    sbx__h_tdn(h, tr, "\xe2\x80\x93");
  }
}

static xmlNodePtr wave_table(sbx__html *h, xmlNodePtr parent, const char *caption, int change) {
  xmlNodePtr wrap = sbx__h_elc(h, parent, "div", "table-wrap", NULL);
  xmlNodePtr tbl = sbx__h_el(h, wrap, "table", NULL);
  sbx__h_el(h, tbl, "caption", caption);
  xmlNodePtr tr = sbx__h_el(h, sbx__h_el(h, tbl, "thead", NULL), "tr", NULL);
  sbx__h_attr(h, sbx__h_label(h, tr, "th", change ? "col.box" : "col.goal"), "scope", "col");
  char buf[256];
  const sbx_trend *t = h->res->trend;
  for (size_t w = 0; t && w < t->nwave; w++)
    sbx__h_attr(h, sbx__h_el(h, tr, "th", wave_label(h, &t->wave[w], buf, sizeof buf)), "scope", "col");
  sbx_trend_wave cur = t ? t->cur : (sbx_trend_wave){ 0 };
  if (!cur.id) cur.name = (char *)sbx__h_msg(h, "trend.this-wave");
  sbx__h_attr(h, sbx__h_el(h, tr, "th", wave_label(h, &cur, buf, sizeof buf)), "scope", "col");
  if (change) sbx__h_attr(h, sbx__h_label(h, tr, "th", "trend.col.change"), "scope", "col");
  return sbx__h_el(h, tbl, "tbody", NULL);
}

static void unit_block(sbx__html *h, xmlNodePtr sec, size_t u) {
  sbx__h_el(h, sec, "h3", sbx__h_unit_name(h, u));
  if (!sbx__unit_visible(h->res, u)) {
    sbx__h_el(h, sec, "p", sbx__h_hidden_text(h, u, SBX_NONE));
    return;
  }
  xmlNodePtr grid = sbx__h_elc(h, sec, "div", "trend-grid", NULL);
  for (size_t sc = 0; sc < h->res->nscale; sc++)
    if (h->res->survey->scale[sc].kind == SBX_SCALE_BOX) chart(h, grid, u, sc);
  const char *kv[] = { "unit", sbx__h_unit_name(h, u), NULL };
  char *cap = sbx__h_fill(h, "trend.table", kv);
  xmlNodePtr body = wave_table(h, sec, cap ? cap : "", 1);
  sbx__free(cap);
  for (size_t sc = 0; sc < h->res->nscale; sc++) {
    xmlNodePtr tr = sbx__h_tr(h, body);
    sbx__h_th_row(h, tr, sbx__h_scale_name(h, sc));
    for (size_t w = 0; w < nwaves(h); w++) value_cell(h, tr, w, u, sc);
    change_cell(h, tr, u, sc);
  }
}

/* One sentence per scale that cannot be compared with the baseline, saying why. */
static void comparability(sbx__html *h, xmlNodePtr sec) {
  for (size_t sc = 0; h->res->base_cmp && sc < h->res->nscale; sc++) {
    sbx_comparability c = h->res->base_cmp[sc];
    if (c == SBX_CMP_SAME || c == SBX_CMP_NONE) continue;
    char key[48];
    snprintf(key, sizeof key, "cmp.%s", sbx__comparability_id(c));
    const char *kv[] = { "box", sbx__h_scale_name(h, sc), "why", sbx__h_msg(h, key), NULL };
    sbx__h_sentence(h, sec, "p", "trend.cmp-scale", kv);
  }
}

static void goal_timeline(sbx__html *h, xmlNodePtr sec) {
  const sbx_trend *t = h->res->trend;
  if (!t || !h->res->org || !h->res->ngoal) return;
  sbx__h_label(h, sec, "h3", "trend.goals");
  xmlNodePtr body = wave_table(h, sec, sbx__h_msg(h, "trend.goals"), 0);
  for (size_t g = 0; g < h->res->ngoal; g++) {
    const sbx_goal_result *gr = &h->res->goal[g];
    if (h->res->org->goal[gr->goal].level == SBX_GOAL_VISION) continue;
    xmlNodePtr tr = sbx__h_tr(h, body);
    sbx__h_th_row(h, tr, sbx__h_goal_title(h, gr->goal));
    for (size_t w = 0; w < t->nwave; w++) {
      xmlNodePtr td = sbx__h_td(h, tr, NULL);
      if (t->goal_has[w * t->ngoal + gr->goal])
        sbx__h_goal_badge(h, td, t->goal[w * t->ngoal + gr->goal]);
      else
        sbx__h_text(h, td, "\xe2\x80\x93");
    }
    sbx__h_goal_badge(h, sbx__h_td(h, tr, NULL), gr->status);
  }
}

/* What improved since the last wave: goals that left "i riskzonen", boxes that are no
 * longer weak. Both stay listed here; a recovered goal keeps its row in the timeline. */
static void improved(sbx__html *h, xmlNodePtr sec) {
  const sbx_trend *t = h->res->trend;
  if (!t || !t->nwave) return;
  size_t w = t->nwave - 1, count = 0;
  sbx__h_label(h, sec, "h3", "trend.improved");
  xmlNodePtr ul = sbx__h_el(h, sec, "ul", NULL);
  for (size_t g = 0; h->res->org && g < h->res->ngoal; g++) {
    const sbx_goal_result *gr = &h->res->goal[g];
    size_t k = w * t->ngoal + gr->goal;
    if (!t->goal_has[k] || t->goal[k] != SBX_GOAL_AT_RISK || gr->status == SBX_GOAL_AT_RISK ||
        gr->status == SBX_GOAL_UNKNOWN)
      continue;
    const char *kv[] = { "goal", sbx__h_goal_title(h, gr->goal), "before",
                         sbx__h_goal_word(h, t->goal[k]), "now", sbx__h_goal_word(h, gr->status),
                         NULL };
    sbx__h_sentence(h, ul, "li", "trend.improved.goal", kv);
    count++;
  }
  for (size_t u = 0; u < h->res->nunit; u++)
    for (size_t sc = 0; sc < h->res->nscale; sc++) {
      sbx_trend_point p;
      const sbx_cell *c = &h->res->unit[u].cell[sc];
      if (!point(h, w, u, sc, &p) || p.status != SBX_STATUS_WEAK ||
          !sbx__cell_visible(h->res, u, sc) || c->status == SBX_STATUS_WEAK ||
          c->status == SBX_STATUS_NONE)
        continue;
      const char *kv[] = { "box", sbx__h_scale_name(h, sc), "unit", sbx__h_unit_name(h, u),
                           "now", sbx__h_status_word(h, c->status), NULL };
      sbx__h_sentence(h, ul, "li", "trend.improved.box", kv);
      count++;
    }
  if (!count) sbx__h_label(h, ul, "li", "trend.improved.none");
}

static const char *plan_status_key(sbx_plan_status s) {
  return s == SBX_PLAN_DONE ? "plan.done" : s == SBX_PLAN_ONGOING ? "plan.ongoing" : "plan.planned";
}

static void followup_row(sbx__html *h, xmlNodePtr body, const sbx_followup *f) {
  xmlNodePtr tr = sbx__h_tr(h, body);
  char buf[160];
  snprintf(buf, sizeof buf, "%s: %s", f->unit < h->res->nunit ? sbx__h_unit_name(h, f->unit) : "",
           f->scale < h->res->nscale ? sbx__h_scale_name(h, f->scale) : "");
  sbx__h_th_row(h, tr, buf);
  sbx__h_td(h, tr, f->owner && *f->owner ? f->owner : "\xe2\x80\x93");
  sbx__h_td(h, tr, f->deadline && *f->deadline ? f->deadline : "\xe2\x80\x93");
  sbx__h_label(h, tr, "td", plan_status_key(f->status));
  if (!f->has_target) sbx__h_tdn(h, tr, "\xe2\x80\x93");
  else sbx__h_tdn(h, tr, f->target_is_share ? sbx__h_pct(h, f->target) : sbx__h_num(h, f->target, 2));
  sbx__h_tdn(h, tr, !isfinite(f->now) ? "\xe2\x80\x93"
                    : f->target_is_share ? sbx__h_pct(h, f->now) : sbx__h_num(h, f->now, 2));
  if (f->has_result) {
    snprintf(buf, sizeof buf, "%s%s (%s)", f->change > 0 ? "+" : "", sbx__h_num(h, f->change, 2),
             sbx__h_range(h, f->lo, f->hi, 2));
    sbx__h_tdn(h, tr, buf);
  } else {
    sbx__h_tdn(h, tr, "\xe2\x80\x93");
  }
  sbx__h_label(h, tr, "td", !f->has_target || !isfinite(f->now) ? "plan.no-target"
                            : f->reached ? "plan.reached" : "plan.not-reached");
}

static void followup(sbx__html *h, xmlNodePtr sec) {
  const sbx_trend *t = h->res->trend;
  if (!t || !t->nfu) return;
  sbx__h_label(h, sec, "h3", "plan.title");
  static const char *const cols[] = { "plan.col.action", "plan.col.owner", "plan.col.deadline",
                                      "plan.col.status", "plan.col.target", "plan.col.now",
                                      "trend.col.change", "plan.col.reached", NULL };
  xmlNodePtr body = sbx__h_table(h, sec, "plan.title", cols);
  for (size_t i = 0; i < t->nfu; i++) followup_row(h, body, &t->fu[i]);
}

void sbx__sec_trend(sbx__html *h) {
  const sbx_trend *t = h->res->trend;
  if (!t && !h->res->opts.baseline) return;
  xmlNodePtr sec = sbx__h_section(h, "trend", "sec.trend");
  sbx__h_label(h, sec, "p", t && t->nwave ? "trend.intro" : "trend.intro-one");
  sbx__h_label(h, sec, "p", "trend.mark");
  sbx__trend_base_line(h, sec);
  comparability(h, sec);
  if (t && t->nwave) {
    for (size_t u = 0; u < h->res->nunit; u++)
      if (!h->res->org ? u == 0 : h->res->org->unit[u].depth <= 1) unit_block(h, sec, u);
    goal_timeline(h, sec);
    improved(h, sec);
  }
  followup(h, sec);
}

/* "Mätning: Hösten 2027 (2027-10-15). Jämförs med: Hösten 2026 (2026-10-14)." for the
 * first page and every comparison. */
void sbx__trend_waves_line(sbx__html *h, xmlNodePtr parent) {
  const sbx_trend *t = h->res->trend;
  char buf[256];
  if (t && t->cur.id) {
    const char *kv[] = { "wave", wave_label(h, &t->cur, buf, sizeof buf), NULL };
    sbx__h_sentence(h, parent, "p", "trend.this", kv);
  }
  sbx__trend_base_line(h, parent);
}

void sbx__trend_base_line(sbx__html *h, xmlNodePtr parent) {
  const sbx_baseline *b = h->res->opts.baseline;
  if (!b) return;
  char buf[256];
  sbx_trend_wave bw = { b->wave_id, b->wave_name, b->wave_date, NULL, NULL };
  const char *label = b->wave_id ? wave_label(h, &bw, buf, sizeof buf) : b->source ? b->source : "";
  const char *kv[] = { "wave", label, NULL };
  sbx__h_sentence(h, parent, "p", "trend.base", kv);
}

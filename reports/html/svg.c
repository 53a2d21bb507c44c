/* The report's SVG charts, built into the same libxml2 tree: Weisbord's circle of
 * six boxes, distribution bars, and driver weights with intervals. Each chart is an
 * <svg role="img"> with an aria-label and a <title>, and a data table sits beside it. */
#include "reports/html/html.h"
#include "surveys/util.h"
#include "reports/catalog/catalog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

static void attr_num(sbx__html *h, xmlNodePtr n, const char *name, double v) {
  char b[32];
  snprintf(b, sizeof b, "%.1f", v);
  sbx__h_attr(h, n, name, b);
}

static xmlNodePtr svg_root(sbx__html *h, xmlNodePtr parent, int w, int ht, const char *name,
                           const char *cls) {
  xmlNodePtr fig = sbx__h_elc(h, parent, "figure", cls, NULL);
  xmlNodePtr svg = sbx__h_el(h, fig, "svg", NULL);
  char vb[48];
  snprintf(vb, sizeof vb, "0 0 %d %d", w, ht);
  sbx__h_attr(h, svg, "xmlns", "http://www.w3.org/2000/svg");
  sbx__h_attr(h, svg, "viewBox", vb);
  sbx__h_attr(h, svg, "role", "img");
  sbx__h_attr(h, svg, "aria-label", name);
  sbx__h_el(h, svg, "title", name);
  return svg;
}

static xmlNodePtr rect(sbx__html *h, xmlNodePtr svg, double x, double y, double w, double ht,
                       const char *cls) {
  xmlNodePtr r = sbx__h_el(h, svg, "rect", NULL);
  attr_num(h, r, "x", x);
  attr_num(h, r, "y", y);
  attr_num(h, r, "width", w);
  attr_num(h, r, "height", ht);
  if (cls) sbx__h_attr(h, r, "class", cls);
  return r;
}

static xmlNodePtr line(sbx__html *h, xmlNodePtr svg, double x1, double y1, double x2, double y2,
                       const char *cls) {
  xmlNodePtr l = sbx__h_el(h, svg, "line", NULL);
  attr_num(h, l, "x1", x1);
  attr_num(h, l, "y1", y1);
  attr_num(h, l, "x2", x2);
  attr_num(h, l, "y2", y2);
  sbx__h_attr(h, l, "class", cls);
  return l;
}

static xmlNodePtr text(sbx__html *h, xmlNodePtr svg, double x, double y, const char *cls,
                       const char *s) {
  xmlNodePtr t = sbx__h_el(h, svg, "text", s);
  attr_num(h, t, "x", x);
  attr_num(h, t, "y", y);
  if (cls) sbx__h_attr(h, t, "class", cls);
  return t;
}

/* Splits a long box name at the space nearest its middle. */
static void name_lines(const char *s, char *a, char *b, size_t size) {
  size_t len = strlen(s), best = 0;
  snprintf(a, size, "%s", s);
  b[0] = '\0';
  if (len <= 16) return;
  for (size_t i = 1; i < len; i++)
    if (s[i] == ' ' && (best == 0 || (i > len / 2 ? i - len / 2 : len / 2 - i) <
                                         (best > len / 2 ? best - len / 2 : len / 2 - best)))
      best = i;
  if (best == 0 || best >= size) return;
  snprintf(a, size, "%.*s", (int)best, s);
  snprintf(b, size, "%s", s + best + 1);
}

/* One box of the diagram at centre (cx, cy). Appends its reading to label. */
static void sixbox_box(sbx__html *h, xmlNodePtr svg, double cx, double cy, size_t unit,
                       size_t scale, char *label, size_t lsize) {
  const double w = 152, ht = 118;
  int vis = scale != SBX_NONE && sbx__cell_visible(h->res, unit, scale);
  const sbx_cell *c = vis ? &h->res->unit[unit].cell[scale] : NULL;
  if (c && (c->n == 0 || !isfinite(c->mean))) c = NULL;
  sbx_status st = c ? c->status : SBX_STATUS_NONE;
  char cls[40];
  snprintf(cls, sizeof cls, "box %s", sbx__h_status_class(st));
  rect(h, svg, cx - w / 2, cy - ht / 2, w, ht, cls);
  const char *name = scale != SBX_NONE ? sbx__h_scale_name(h, scale) : "";
  char a[96], b[96];
  name_lines(name, a, b, sizeof a);
  text(h, svg, cx, cy - (b[0] ? 38 : 30), "bname", a);
  if (b[0]) text(h, svg, cx, cy - 24, "bname", b);
  size_t used = strlen(label);
  if (!c) {
    const char *msg = scale == SBX_NONE ? sbx__h_msg(h, "status.none")
                      : vis ? sbx__h_msg(h, "status.no-answers")
                            : sbx__h_hidden_text(h, unit, scale);
    text(h, svg, cx, cy + 12, "bci", msg);
    snprintf(label + used, lsize - used, "%s%s: %s", used ? "; " : "", name, msg);
    return;
  }
  const char *mean = sbx__h_num(h, c->mean, 2), *ci = sbx__h_range(h, c->ci_lo, c->ci_hi, 2);
  text(h, svg, cx, cy - 2, "bmean", mean);
  char cib[96];
  snprintf(cib, sizeof cib, "(%s)", ci);
  text(h, svg, cx, cy + 14, "bci", cib);
  char stb[96];
  snprintf(stb, sizeof stb, "%s %s", sbx__h_status_symbol(st), sbx__h_status_word(h, st));
  text(h, svg, cx, cy + 30, "bst", stb);
  /* The favourable share beside the status: "strength" by the interval can go with
   * few favourable answers. */
  const char *kv[] = { "fav", sbx__h_pct(h, c->fav), NULL };
  char *fav = sbx__h_fill(h, "sixbox.fav", kv);
  text(h, svg, cx, cy + 46, "bci", fav ? fav : "");
  snprintf(label + used, lsize - used, "%s%s: %s %s, %s, %s", used ? "; " : "", name, mean, cib,
           sbx__h_status_word(h, st), fav ? fav : "");
  sbx__free(fav);
}

void sbx__svg_sixbox(sbx__html *h, xmlNodePtr parent, size_t unit, int width) {
  /* Weisbord's picture: five boxes on a circle around leadership, which holds them in
   * balance, inside the organisation's boundary to its environment. */
  static const sbx_box ring_order[] = { SBX_BOX_PURPOSES, SBX_BOX_STRUCTURE, SBX_BOX_REWARDS,
                                        SBX_BOX_HELPFUL_MECHANISMS, SBX_BOX_RELATIONSHIPS };
  const double cx = 320, cy = 290, r_org = 262, r_box = 178;
  char label[2048];
  snprintf(label, sizeof label, "%s", "");
  xmlNodePtr svg = svg_root(h, parent, 640, 580, "", "chart sixbox");
  char wattr[16];
  snprintf(wattr, sizeof wattr, "%d", width);
  sbx__h_attr(h, svg, "width", wattr);
  xmlNodePtr circle = sbx__h_el(h, svg, "circle", NULL);
  attr_num(h, circle, "cx", cx);
  attr_num(h, circle, "cy", cy);
  attr_num(h, circle, "r", r_org);
  sbx__h_attr(h, circle, "class", "org");
  text(h, svg, 8, 22, "env", sbx__h_msg(h, "sixbox.environment"));
  double px[5], py[5];
  for (int i = 0; i < 5; i++) {
    double ang = (-90.0 + 72.0 * i) * PI / 180.0;
    px[i] = cx + r_box * cos(ang);
    py[i] = cy + r_box * sin(ang);
    line(h, svg, cx, cy, px[i], py[i], "link");
  }
  sixbox_box(h, svg, cx, cy, unit, sbx__h_box_scale(h, SBX_BOX_LEADERSHIP), label, sizeof label);
  for (int i = 0; i < 5; i++)
    sixbox_box(h, svg, px[i], py[i], unit, sbx__h_box_scale(h, ring_order[i]), label,
               sizeof label);
  char name[2300];
  snprintf(name, sizeof name, "%s %s. %s", sbx__h_msg(h, "sixbox.alt"),
           sbx__h_unit_name(h, unit), label);
  if (!svg || !xmlSetProp(svg, (const xmlChar *)"aria-label", (const xmlChar *)name)) h->bad = 1;
  /* The <title> svg_root made empty is replaced by one with the name, in its place
   * (first): libxml2 2.9's xmlNodeSetContent cannot say it ran out of memory. */
  xmlNodePtr old = svg ? svg->children : NULL, title = sbx__h_el(h, svg, "title", name);
  if (old && title && old != title) {
    xmlUnlinkNode(title);
    if (!xmlAddPrevSibling(old, title)) {
      xmlFreeNode(title);
      h->bad = 1;
      return;
    }
    xmlUnlinkNode(old);
    xmlFreeNode(old);
  }
}

void sbx__svg_bars(sbx__html *h, xmlNodePtr parent, const size_t *count, size_t n,
                   const char *const *labels, const char *name) {
  const double W = 480, H = 200, left = 10, top = 24, bottom = 28;
  xmlNodePtr svg = svg_root(h, parent, (int)W, (int)H, name, "chart bars");
  size_t max = 0, total = 0;
  for (size_t i = 0; i < n; i++) {
    if (count[i] > max) max = count[i];
    total += count[i];
  }
  if (n == 0) return;
  double bw = (W - 2 * left) / (double)n;
  line(h, svg, left, H - bottom, W - left, H - bottom, "axis");
  for (size_t i = 0; i < n; i++) {
    double hgt = max ? (H - top - bottom) * (double)count[i] / (double)max : 0;
    double x = left + bw * (double)i;
    rect(h, svg, x + bw * 0.15, H - bottom - hgt, bw * 0.7, hgt, "bar");
    text(h, svg, x + bw / 2, H - bottom + 18, "tick", labels[i]);
    text(h, svg, x + bw / 2, H - bottom - hgt - 6, "val",
         total ? sbx__h_pct(h, (double)count[i] / (double)total) : "");
  }
}

/* A step of 1, 2 or 5 times a power of ten giving about five ticks up to max. */
static double nice_step(double max) {
  double raw = max / 5, p = pow(10, floor(log10(raw))), f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* Driver weights in one unit, the share of the outcome's variance each box accounts
 * for (the raw relative weight, as a per cent), with its bootstrap interval as a
 * whisker, an axis with ticks and a title, and the figure at each bar. */
void sbx__svg_weights(sbx__html *h, xmlNodePtr parent, const sbx_drivers *d, const char *name) {
  const double W = 660, row = 34, left = 210, right = 150, top = 8, axis_h = 52;
  double H = top + row * (double)d->nw + axis_h;
  xmlNodePtr svg = svg_root(h, parent, (int)W, (int)H, name, "chart weights");
  double max = 0;
  for (size_t i = 0; i < d->nw; i++) {
    double v = isfinite(d->w[i].hi) ? fmax(d->w[i].hi, d->w[i].weight) : d->w[i].weight;
    if (isfinite(v) && v > max) max = v;
  }
  if (!(max > 0)) max = 0.01;
  double step = nice_step(max), top_tick = ceil(max / step - 1e-9) * step;
  double span = W - left - right, y0 = top + row * (double)d->nw;
#define XPOS(v) (left + span * (v) / top_tick)
  for (double t = 0; t <= top_tick + step / 2; t += step) {
    line(h, svg, XPOS(t), top, XPOS(t), y0, t == 0 ? "axis" : "grid");
    text(h, svg, XPOS(t), y0 + 18, "tick", sbx__h_num(h, t * 100, step * 100 < 1 ? 1 : 0));
  }
  line(h, svg, left, y0, XPOS(top_tick), y0, "axis");
  const char *kv[] = { "outcome", sbx__h_scale_name(h, d->outcome), NULL };
  char *at = sbx__h_fill(h, "drivers.axis", kv);
  text(h, svg, left + span / 2, y0 + 42, "atitle", at ? at : "");
  sbx__free(at);
  for (size_t i = 0; i < d->nw; i++) {
    double y = top + row * (double)i;
    const sbx_driver *x = &d->w[i];
    text(h, svg, left - 8, y + row / 2 + 5, "rlabel", sbx__h_scale_name(h, x->scale));
    double wv = isfinite(x->weight) && x->weight > 0 ? x->weight : 0;
    rect(h, svg, left, y + 8, span * wv / top_tick, row - 16, "bar");
    double end = XPOS(wv);
    if (isfinite(x->lo) && isfinite(x->hi)) {
      line(h, svg, XPOS(fmax(x->lo, 0)), y + row / 2, XPOS(x->hi), y + row / 2, "whisker");
      end = fmax(end, XPOS(x->hi));
    }
    char lab[96];
    snprintf(lab, sizeof lab, "%s", sbx__h_pct_of(h, sbx__h_num(h, wv * 100, 1)));
    if (isfinite(x->lo) && isfinite(x->hi))
      snprintf(lab, sizeof lab, "%s (%s)", sbx__h_pct_of(h, sbx__h_num(h, wv * 100, 1)),
               sbx__h_range(h, fmax(x->lo, 0) * 100, x->hi * 100, 1));
    text(h, svg, end + 6, y + row / 2 + 5, "lval", lab);
  }
#undef XPOS
}

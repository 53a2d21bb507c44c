/* Section 6, drivers: how much of the outcome's variance each box carries (Johnson's
 * relative weights with bootstrap intervals), for the whole organisation as a chart
 * and a table, and the strongest driver of each unit large enough to have its own. */
#include "reports/html/html.h"

#include <math.h>
#include <stdlib.h>

static void weights_table(sbx__html *h, xmlNodePtr sec, const sbx_drivers *d) {
  static const char *const cols[] = { "col.box", "col.weight", "col.share", "col.ci", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "drivers.table", cols);
  for (size_t i = 0; i < d->nw; i++) {
    const sbx_driver *w = &d->w[i];
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_scale_name(h, w->scale));
    sbx__h_tdn(h, tr, sbx__h_num(h, w->weight, 3));
    sbx__h_tdn(h, tr, sbx__h_pct(h, w->share));
    sbx__h_tdn(h, tr, sbx__h_range(h, w->lo, w->hi, 3));
  }
}

static void unit_drivers(sbx__html *h, xmlNodePtr sec) {
  xmlNodePtr tb = NULL;
  for (size_t i = 1; i < h->res->ndrivers; i++) {
    const sbx_drivers *d = &h->res->drivers[i];
    if (!sbx__unit_visible(h->res, d->unit) || d->nw == 0) continue;
    if (!tb) {
      static const char *const cols[] = { "col.unit", "col.n", "col.r2", "col.top-driver",
                                          "col.share", NULL };
      sbx__h_label(h, sec, "h3", "drivers.units");
      tb = sbx__h_table(h, sec, "drivers.units-table", cols);
    }
    size_t best = 0;
    for (size_t k = 1; k < d->nw; k++)
      if (isfinite(d->w[k].share) && (!isfinite(d->w[best].share) || d->w[k].share > d->w[best].share))
        best = k;
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_unit_name(h, d->unit));
    sbx__h_tdn(h, tr, sbx__h_int(h, d->n));
    sbx__h_tdn(h, tr, sbx__h_num(h, d->r2, 2));
    sbx__h_td(h, tr, sbx__h_scale_name(h, d->w[best].scale));
    sbx__h_tdn(h, tr, sbx__h_pct(h, d->w[best].share));
  }
}

void sbx__sec_drivers(sbx__html *h) {
  xmlNodePtr sec = sbx__h_section(h, "drivers", "sec.drivers");
  if (h->res->ndrivers == 0 || !h->res->drivers ||
      !sbx__unit_visible(h->res, h->res->drivers[0].unit) ||
      h->res->drivers[0].outcome >= h->res->nscale) {
    sbx__h_label(h, sec, "p", "drivers.none");
    return;
  }
  const sbx_drivers *d = &h->res->drivers[0];
  const char *kv[] = { "outcome", sbx__h_scale_name(h, d->outcome), "n", sbx__h_int(h, d->n),
                       "r2", sbx__h_pct(h, d->r2), NULL };
  xmlNodePtr p = sbx__h_sentence(h, sec, "p", "drivers.intro", kv);
  char *name = p ? (char *)xmlNodeGetContent(p) : NULL;
  sbx__svg_weights(h, sec, d, name ? name : "");
  xmlFree(name);
  weights_table(h, sec, d);
  sbx__h_label(h, sec, "p", "drivers.reading");
  unit_drivers(h, sec);
}

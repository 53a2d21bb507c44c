/* Section 6, drivers: how much of the outcome's variance each box carries (Johnson's
 * relative weights with bootstrap intervals), for the whole organisation as a chart in
 * one unit (per cent of the outcome's variance) and a table, and the strongest driver
 * of each unit large enough to have its own. A box is called the strongest only when
 * its interval lies wholly above the next one's; otherwise both are named. */
#include "reports/html/html.h"
#include "surveys/util.h"
#include "reports/catalog/catalog.h"

#include <math.h>
#include <stdlib.h>

int sbx__drivers_top(const sbx_drivers *d, size_t *best, size_t *next) {
  *best = *next = SBX_NONE;
  for (size_t i = 0; i < d->nw; i++) {
    if (!isfinite(d->w[i].weight)) continue;
    if (*best == SBX_NONE || d->w[i].weight > d->w[*best].weight) {
      *next = *best;
      *best = i;
    } else if (*next == SBX_NONE || d->w[i].weight > d->w[*next].weight) {
      *next = i;
    }
  }
  if (*best == SBX_NONE) return 0;
  if (*next == SBX_NONE) return 1;
  return isfinite(d->w[*best].lo) && isfinite(d->w[*next].hi) && d->w[*best].lo > d->w[*next].hi;
}

static void weights_table(sbx__html *h, xmlNodePtr sec, const sbx_drivers *d) {
  static const char *const cols[] = { "col.box", "col.weight", "col.ci", "col.share-explained", NULL };
  xmlNodePtr tb = sbx__h_table(h, sec, "drivers.table", cols);
  for (size_t i = 0; i < d->nw; i++) {
    const sbx_driver *w = &d->w[i];
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_scale_name(h, w->scale));
    sbx__h_tdn(h, tr, sbx__h_num(h, w->weight * 100, 1));
    sbx__h_tdn(h, tr, sbx__h_range(h, w->lo * 100, w->hi * 100, 1));
    sbx__h_tdn(h, tr, sbx__h_pct(h, w->share));
  }
}

/* "Ledning" or "Ledning eller Struktur" when the two cannot be told apart. */
static void top_name(sbx__html *h, xmlNodePtr td, const sbx_drivers *d) {
  size_t best, next;
  int clear = sbx__drivers_top(d, &best, &next);
  if (best == SBX_NONE) return;
  if (clear) {
    sbx__h_text(h, td, sbx__h_scale_name(h, d->w[best].scale));
    return;
  }
  const char *kv[] = { "box", sbx__h_scale_name(h, d->w[best].scale),
                       "box2", sbx__h_scale_name(h, d->w[next].scale), NULL };
  char *s = sbx__h_fill(h, "drivers.tied", kv);
  sbx__h_text(h, td, s ? s : "");
  sbx__free(s);
}

static void unit_drivers(sbx__html *h, xmlNodePtr sec) {
  xmlNodePtr tb = NULL;
  for (size_t i = 1; i < h->res->ndrivers; i++) {
    const sbx_drivers *d = &h->res->drivers[i];
    if (!sbx__unit_visible(h->res, d->unit) || d->nw == 0) continue;
    if (!tb) {
      static const char *const cols[] = { "col.unit", "col.n", "col.r2", "col.top-driver",
                                          "col.share-explained", NULL };
      sbx__h_label(h, sec, "h3", "drivers.units");
      tb = sbx__h_table(h, sec, "drivers.units-table", cols);
    }
    size_t best, next;
    sbx__drivers_top(d, &best, &next);
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, sbx__h_unit_name(h, d->unit));
    sbx__h_tdn(h, tr, sbx__h_int(h, d->n));
    sbx__h_tdn(h, tr, sbx__h_num(h, d->r2, 2));
    top_name(h, sbx__h_td(h, tr, NULL), d);
    sbx__h_tdn(h, tr, best != SBX_NONE ? sbx__h_pct(h, d->w[best].share) : "\xe2\x80\x93");
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
  if (!name) h->bad = 1;
  sbx__svg_weights(h, sec, d, name ? name : "");
  xmlFree(name);
  weights_table(h, sec, d);
  sbx__h_label(h, sec, "p", "drivers.reading");
  unit_drivers(h, sec);
}

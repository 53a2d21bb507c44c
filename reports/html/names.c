/* Names and lookups the report's sections share: scales, units, goals in the
 * report's language, anchors, and the answer scale behind a scale. */
#include "reports/html/html.h"
#include "reports/catalog/catalog.h"

#include <stdio.h>

const char *sbx__h_scale_name(const sbx__html *h, size_t scale) {
  const sbx_scale *sc = &h->res->survey->scale[scale];
  const char *n = sbx__text_get(&sc->name, h->lang);
  if (*n) return n;
  if (sc->kind == SBX_SCALE_BOX && sbx_box_id(sc->box)) {
    char key[48];
    snprintf(key, sizeof key, "box.%s", sbx_box_id(sc->box));
    if (sbx__msg_has(h->msgs, key)) return sbx__msg(h->msgs, key);
  }
  return sc->id;
}

const char *sbx__h_unit_name(const sbx__html *h, size_t unit) {
  if (!h->res->org) return sbx__h_msg(h, "unit.whole");
  return sbx__unit_name(h->res, unit, h->lang);
}

const char *sbx__h_goal_title(const sbx__html *h, size_t goal) {
  const sbx_goal *g = &h->res->org->goal[goal];
  const char *t = sbx__text_get(&g->title, h->lang);
  return *t ? t : g->id;
}

const char *sbx__h_unit_anchor(sbx__html *h, size_t unit) {
  char *b = h->ring[h->next];
  h->next = (h->next + 1) % (sizeof h->ring / sizeof h->ring[0]);
  snprintf(b, 64, "unit-%zu", unit);
  return b;
}

size_t sbx__h_box_scale(const sbx__html *h, sbx_box box) {
  const sbx_survey *s = h->res->survey;
  for (size_t i = 0; i < s->nscale; i++)
    if (s->scale[i].kind == SBX_SCALE_BOX && s->scale[i].box == box) return i;
  return SBX_NONE;
}

const sbx_answer_scale *sbx__h_answer_scale(const sbx__html *h, size_t scale) {
  const sbx_survey *s = h->res->survey;
  const sbx_scale *sc = &s->scale[scale];
  if (sc->nitem == 0) return NULL;
  return &s->answer_scale[s->item[sc->item[0]].answer_scale];
}

size_t sbx__h_points(const sbx__html *h, size_t scale) {
  const sbx_answer_scale *a = sbx__h_answer_scale(h, scale);
  return a ? a->npoint : 0;
}

/* A headcount not known, as the analysis' sbx_unit_result.headcount says it. */
#define HEADCOUNT_UNKNOWN (-1L)

long sbx__h_headcount(const sbx__html *h, size_t unit) {
  /* The analysis' headcount (rates.c): the unit's own, else its sub-units' sum. */
  if (unit >= h->res->nunit || !h->res->org) return HEADCOUNT_UNKNOWN;
  return h->res->unit[unit].headcount;
}

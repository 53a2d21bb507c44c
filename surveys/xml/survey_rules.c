/* The rules of a survey definition that its schema cannot say: ids unique, answer
 * scales coherent, the six boxes complete, every scale used, each scale on one answer
 * scale. Every problem is reported with the line it concerns. */
#include "surveys/xml/survey_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void unique_answer_scales(sbx__xb *b, const sbx_survey *s) {
  sbx__idref *r = sbx__calloc(s->nanswer_scale + 1, sizeof *r);
  size_t k = 0;
  if (!r) {
    b->nomem = 1;
    return;
  }
  for (size_t i = 0; i < s->nanswer_scale; i++)
    if (s->answer_scale[i].id)
      r[k++] = (sbx__idref){ s->answer_scale[i].id, s->answer_scale[i].line, i };
  sbx__xb_unique(b, r, k, "answer scale");
  sbx__free(r);
}

static void unique_scales(sbx__xb *b, const sbx_survey *s) {
  sbx__idref *r = sbx__calloc(s->nscale + 1, sizeof *r);
  size_t k = 0;
  if (!r) {
    b->nomem = 1;
    return;
  }
  for (size_t i = 0; i < s->nscale; i++)
    if (s->scale[i].id) r[k++] = (sbx__idref){ s->scale[i].id, s->scale[i].line, i };
  sbx__xb_unique(b, r, k, "scale");
  sbx__free(r);
}

/* Items, the unit question and free-text questions are all columns: one namespace. */
static void unique_questions(sbx__xb *b, const sbx_survey *s) {
  size_t n = s->nitem + s->nfree_text + 1, k = 0;
  sbx__idref *r = sbx__calloc(n, sizeof *r);
  if (!r) {
    b->nomem = 1;
    return;
  }
  for (size_t i = 0; i < s->nitem; i++)
    if (s->item[i].id) { r[k] = (sbx__idref){ s->item[i].id, s->item[i].line, k }; k++; }
  for (size_t i = 0; i < s->nfree_text; i++)
    if (s->free_text[i].id)
      { r[k] = (sbx__idref){ s->free_text[i].id, s->free_text[i].line, k }; k++; }
  if (s->has_unit_question && s->unit_question.id)
    { r[k] = (sbx__idref){ s->unit_question.id, s->unit_question.line, k }; k++; }
  sbx__xb_unique(b, r, k, "question");
  sbx__free(r);
}

static int good_side(const sbx_answer_scale *a, double x) {
  return a->direction == SBX_HIGH_IS_GOOD ? x >= a->cutoff : x <= a->cutoff;
}

/* Every point from min to max is a <point> with its labels: a form offers the points
 * it has labels for, so an unlabelled point could never be chosen. */
static void check_points_labelled(sbx__xb *b, const sbx_answer_scale *a) {
  int missing = 0, first = 0;
  for (long v = a->min; v <= a->max; v++) {
    int have = 0;
    for (size_t k = 0; k < a->npoint && !have; k++)
      have = a->point[k].value == v && a->point[k].label.n > 0;
    if (!have && missing++ == 0) first = (int)v;
  }
  if (missing)
    sbx__xb_error(b, a->line, "answer scale %s: %d of the points %d..%d have no <point> with "
                  "a label (the first: %d); every point needs one, or no form can offer it",
                  a->id, missing, a->min, a->max, first);
}

static void check_answer_scale(sbx__xb *b, const sbx_answer_scale *a) {
  if (a->min >= a->max) {
    sbx__xb_error(b, a->line, "answer scale %s: min (%d) must be below max (%d)", a->id,
                  a->min, a->max);
    return;
  }
  check_points_labelled(b, a);
  int cut_ok = a->cutoff >= a->min && a->cutoff <= a->max;
  if (!cut_ok)
    sbx__xb_error(b, a->line, "answer scale %s: cutoff %g is outside min..max (%d..%d)",
                  a->id, a->cutoff, a->min, a->max);
  if (a->favourable < a->min || a->favourable > a->max)
    sbx__xb_error(b, a->line, "answer scale %s: favourable %g is outside min..max (%d..%d)",
                  a->id, a->favourable, a->min, a->max);
  else if (cut_ok && !good_side(a, a->favourable))
    sbx__xb_error(b, a->line,
                  "answer scale %s: favourable %g is on the problem side of the cutoff %g "
                  "(direction %s)", a->id, a->favourable, a->cutoff,
                  a->direction == SBX_HIGH_IS_GOOD ? "high-is-good" : "low-is-good");
  if (a->has_practical && (a->practical < 0 || a->practical > (a->max - a->min) / 2.0))
    sbx__xb_error(b, a->line, "answer scale %s: practical %g must lie between 0 and half "
                  "the range (%g)", a->id, a->practical, (a->max - a->min) / 2.0);
  for (size_t k = 0; a->dont_know_code && k < a->npoint; k++) {
    char v[16];
    snprintf(v, sizeof v, "%d", a->point[k].value);
    if (strcmp(v, a->dont_know_code) == 0)
      sbx__xb_error(b, a->line, "answer scale %s: the don't-know code %s is also a point",
                    a->id, a->dont_know_code);
  }
}

static void check_boxes(sbx__xb *b, const sbx_survey *s) {
  int have[SBX_BOX_COUNT] = { 0 }, any = 0;
  for (size_t i = 0; i < s->nscale; i++) {
    const sbx_scale *sc = &s->scale[i];
    if (!sc->id) continue;
    if (sc->kind == SBX_SCALE_BOX && sc->box == SBX_BOX_NONE)
      sbx__xb_error(b, sc->line,
                    "scale %s: kind=\"box\" needs a box id: purposes, structure, "
                    "relationships, rewards, leadership or helpful-mechanisms", sc->id);
    if (sc->kind == SBX_SCALE_EXTRA && sbx_box_from_id(sc->id) != SBX_BOX_NONE)
      sbx__xb_error(b, sc->line, "scale %s is one of the six boxes; give it kind=\"box\"",
                    sc->id);
    if (sc->kind == SBX_SCALE_BOX && sc->box != SBX_BOX_NONE) have[sc->box] = any = 1;
  }
  if (!any) return;
  for (int k = 0; k < SBX_BOX_COUNT; k++)
    if (!have[k])
      sbx__xb_error(b, s->nscale ? s->scale[0].line : 0,
                    "the survey has box scales but no scale '%s'; all six boxes are needed",
                    sbx_box_id((sbx_box)k));
}

static void check_scale_items(sbx__xb *b, const sbx_survey *s) {
  for (size_t i = 0; i < s->nscale; i++) {
    const sbx_scale *sc = &s->scale[i];
    if (sc->nitem == 0) {
      sbx__xb_error(b, sc->line, "scale %s has no items", sc->id);
      continue;
    }
    size_t first = s->item[sc->item[0]].answer_scale;
    for (size_t k = 1; k < sc->nitem; k++) {
      const sbx_item *it = &s->item[sc->item[k]];
      if (it->answer_scale != first && it->answer_scale != SBX_NONE && first != SBX_NONE) {
        sbx__xb_error(b, it->line, "item %s: scale %s mixes answer scales %s and %s; a "
                      "scale's items must share one", it->id, sc->id,
                      s->answer_scale[first].id, s->answer_scale[it->answer_scale].id);
        break;
      }
    }
  }
}

void sbx__survey_rules(sbx__xb *b, const sbx_survey *s) {
  unique_answer_scales(b, s);
  unique_scales(b, s);
  unique_questions(b, s);
  for (size_t i = 0; i < s->nanswer_scale; i++)
    if (s->answer_scale[i].id) check_answer_scale(b, &s->answer_scale[i]);
  check_boxes(b, s);
  check_scale_items(b, s);
}

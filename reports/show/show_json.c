/* The model as JSON, exactly the `show --json` contract in surveys/README.md, built with
 * jansson so escaping is never ours; keys in a fixed order, so the same model gives
 * the same bytes. */
#include <sixbox/show.h>

#include <jansson.h>
#include "reports/show/show_json.h"
#include "surveys/model.h"
#include "surveys/util.h"

/* {"sv": ..., "en": ...} in the declared order of the languages. */
static json_t *texts(const sbx_text *t, char **lang, size_t nlang) {
  json_t *o = json_object();
  for (size_t i = 0; o && i < nlang; i++)
    if (json_object_set_new(o, lang[i], json_string(sbx__text_get(t, lang[i])))) {
      json_decref(o);
      return NULL;
    }
  return o;
}

/* Appends v to arr; on failure frees both and returns NULL, so that a missing part
 * fails the whole document instead of vanishing from it. */
static json_t *push(json_t *arr, json_t *v) {
  if (!arr || !v) {
    json_decref(arr);
    json_decref(v);
    return NULL;
  }
  if (json_array_append_new(arr, v)) { /* v is freed by jansson */
    json_decref(arr);
    return NULL;
  }
  return arr;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *answer_scale(const sbx_survey *s, const sbx_answer_scale *a) {
  json_t *points = json_array();
  for (size_t k = 0; points && k < a->npoint; k++)
    points = push(points, json_pack("{s:i, s:o}", "value", a->point[k].value,
                                            "labels", texts(&a->point[k].label, s->lang,
                                                            s->nlang)));
  return json_pack("{s:s, s:i, s:i, s:f, s:f, s:s, s:o}", "id", a->id, "min", a->min,
                   "max", a->max, "cutoff", a->cutoff, "favourable", a->favourable,
                   "direction", a->direction == SBX_LOW_IS_GOOD ? "low-is-good" : "high-is-good",
                   "points", points);
}

static json_t *scale(const sbx_survey *s, const sbx_scale *sc) {
  json_t *items = json_array();
  for (size_t k = 0; items && k < sc->nitem; k++) {
    const sbx_item *it = &s->item[sc->item[k]];
    items = push(items, json_pack("{s:s, s:s, s:b, s:o}", "id", it->id,
                                           "answer_scale", s->answer_scale[it->answer_scale].id,
                                           "reverse", it->reverse, "text",
                                           texts(&it->text, s->lang, s->nlang)));
  }
  return json_pack("{s:s, s:s, s:o, s:o}", "id", sc->id, "kind",
                   sc->kind == SBX_SCALE_BOX ? "box" : "extra", "names",
                   texts(&sc->name, s->lang, s->nlang), "items", items);
}

static json_t *survey_json(const sbx_survey *s) {
  json_t *langs = json_array(), *as = json_array(), *scales = json_array();
  for (size_t i = 0; langs && i < s->nlang; i++) langs = push(langs, json_string(s->lang[i]));
  for (size_t i = 0; as && i < s->nanswer_scale; i++)
    as = push(as, answer_scale(s, &s->answer_scale[i]));
  for (size_t i = 0; scales && i < s->nscale; i++)
    scales = push(scales, scale(s, &s->scale[i]));
  json_t *uq = s->has_unit_question
                   ? json_pack("{s:s, s:o}", "id", s->unit_question.id, "text",
                               texts(&s->unit_question.text, s->lang, s->nlang))
                   : json_null();
  return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "id", s->id, "version", s->version,
                   "languages", langs, "answer_scales", as, "scales", scales,
                   "unit_question", uq);
}

static json_t *goal_json(const sbx_org *o, const sbx_goal *g) {
  json_t *crit = json_array();
  for (size_t k = 0; crit && k < g->ncritical; k++)
    crit = push(crit, json_pack("{s:s, s:f}", "box", sbx_box_id(g->critical[k].box),
                                          "weight", g->critical[k].weight));
  return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "id", g->id, "level",
                   sbx__goal_level_id(g->level), "parent",
                   str_or_null(g->parent == SBX_NONE ? NULL : o->goal[g->parent].id), "unit",
                   str_or_null(g->unit == SBX_NONE ? NULL : o->unit[g->unit].id), "title",
                   texts(&g->title, o->lang, o->nlang), "critical", crit);
}

static json_t *org_json(const sbx_org *o, const char *lang) {
  json_t *units = json_array(), *goals = json_array();
  for (size_t i = 0; units && i < o->nunit; i++) {
    const sbx_unit *u = &o->unit[i];
    units = push(units, json_pack("{s:s, s:s, s:o, s:o}", "id", u->id, "name",
                                           sbx__text_get(&u->name, lang), "parent",
                                           str_or_null(u->parent == SBX_NONE ? NULL
                                                       : o->unit[u->parent].id),
                                           "headcount", u->headcount < 0 ? json_null()
                                                        : json_integer(u->headcount)));
  }
  for (size_t i = 0; goals && i < o->ngoal; i++)
    goals = push(goals, goal_json(o, &o->goal[i]));
  return json_pack("{s:s, s:s, s:o, s:o}", "id", o->id, "name", sbx__text_get(&o->name, lang),
                   "units", units, "goals", goals);
}

static int dump(FILE *out, json_t *root, sbx_ctx *ctx) {
  if (!root) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory building JSON");
  int r = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
  json_decref(root);
  if (r != 0 || fputc('\n', out) == EOF || fflush(out) == EOF || ferror(out))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "cannot write the JSON output");
  return 0;
}

int sbx__show_survey_json(FILE *out, const sbx_survey *s, sbx_ctx *ctx) {
  return dump(out, survey_json(s), ctx);
}

int sbx__show_org_json(FILE *out, const sbx_org *o, const char *lang, sbx_ctx *ctx) {
  return dump(out, org_json(o, lang), ctx);
}

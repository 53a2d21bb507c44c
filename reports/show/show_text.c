/* sixbox show as text, for HR and analysts: a survey's answer scales, scales and
 * items in one language; an organisation's unit tree (indented, with headcounts)
 * and goal tree with each goal's critical boxes. JSON is in show_json.c. */
#include <sixbox/show.h>

#include "reports/show/show_json.h"
#include "surveys/model.h"
#include "surveys/util.h"

static void show_answer_scale(FILE *out, const sbx_answer_scale *a, const char *lang) {
  int low = a->direction == SBX_LOW_IS_GOOD;
  fprintf(out, "  %s: %d..%d, %s, cut-off %g, favourable %s %g\n", a->id, a->min, a->max,
          low ? "low is good" : "high is good", a->cutoff, low ? "up to" : "from",
          a->favourable);
  for (size_t k = 0; k < a->npoint; k++)
    fprintf(out, "    %3d  %s\n", a->point[k].value, sbx__text_get(&a->point[k].label, lang));
  if (a->has_dont_know)
    fprintf(out, "    %3s  %s (counts as missing%s%s)\n", "-", sbx__text_get(&a->dont_know, lang),
            a->dont_know_code ? "; code " : "", a->dont_know_code ? a->dont_know_code : "");
}

static void show_scale(FILE *out, const sbx_survey *s, size_t i, const char *lang) {
  const sbx_scale *sc = &s->scale[i];
  fprintf(out, "  %s (%s%s): %s, %zu item%s\n", sc->id, sc->kind == SBX_SCALE_BOX ? "box" : "extra",
          s->outcome == i ? ", outcome" : "", sbx__text_get(&sc->name, lang), sc->nitem,
          sc->nitem == 1 ? "" : "s");
  for (size_t k = 0; k < sc->nitem; k++) {
    const sbx_item *it = &s->item[sc->item[k]];
    fprintf(out, "    %-6s %s%s\n", it->id, sbx__text_get(&it->text, lang),
            it->reverse ? "  [reverse keyed]" : "");
  }
}

static void show_survey_text(FILE *out, const sbx_survey *s, const char *lang) {
  fprintf(out, "Survey %s, version %s: %s\n", s->id, s->version, sbx__text_get(&s->title, lang));
  fprintf(out, "Languages:");
  for (size_t i = 0; i < s->nlang; i++) fprintf(out, " %s", s->lang[i]);
  fprintf(out, "\n%zu items on %zu scales; a scale score needs %d %% of its items answered.\n",
          s->nitem, s->nscale, s->min_item_share_pct);
  fprintf(out, "\nAnswer scales\n");
  for (size_t i = 0; i < s->nanswer_scale; i++) show_answer_scale(out, &s->answer_scale[i], lang);
  fprintf(out, "\nScales\n");
  for (size_t i = 0; i < s->nscale; i++) show_scale(out, s, i, lang);
  if (s->has_unit_question)
    fprintf(out, "\nUnit question\n  %-6s %s\n", s->unit_question.id,
            sbx__text_get(&s->unit_question.text, lang));
  if (s->nfree_text) fprintf(out, "\nFree-text questions\n");
  for (size_t i = 0; i < s->nfree_text; i++)
    fprintf(out, "  %-6s %s\n", s->free_text[i].id, sbx__text_get(&s->free_text[i].text, lang));
}

static size_t goal_depth(const sbx_org *o, size_t i) {
  size_t d = 0;
  for (size_t p = o->goal[i].parent; p != SBX_NONE && d < o->ngoal; p = o->goal[p].parent) d++;
  return d;
}

static void show_goal(FILE *out, const sbx_org *o, size_t i, const char *lang) {
  const sbx_goal *g = &o->goal[i];
  fprintf(out, "%*s[%s] %s: %s\n", (int)(2 + 2 * goal_depth(o, i)), "", sbx__goal_level_id(g->level),
          g->id, sbx__text_get(&g->title, lang));
  int indent = (int)(6 + 2 * goal_depth(o, i));
  if (g->unit != SBX_NONE)
    fprintf(out, "%*sunit: %s (%s)\n", indent, "", o->unit[g->unit].id,
            sbx__text_get(&o->unit[g->unit].name, lang));
  if (g->ncritical) {
    fprintf(out, "%*scritical boxes:", indent, "");
    for (size_t k = 0; k < g->ncritical; k++)
      fprintf(out, "%s %s (weight %g)", k ? "," : "", sbx_box_id(g->critical[k].box),
              g->critical[k].weight);
    fputc('\n', out);
  }
}

static void show_org_text(FILE *out, const sbx_org *o, const char *lang) {
  fprintf(out, "Organisation %s: %s\n", o->id, sbx__text_get(&o->name, lang));
  fprintf(out, "\nUnits (%zu)\n", o->nunit);
  for (size_t i = 0; i < o->nunit; i++) {
    const sbx_unit *u = &o->unit[i];
    fprintf(out, "%*s%s: %s", (int)(2 + 2 * u->depth), "", u->id, sbx__text_get(&u->name, lang));
    if (u->kind && u->headcount >= 0) fprintf(out, " (%s, %ld employees)", u->kind, u->headcount);
    else if (u->kind) fprintf(out, " (%s)", u->kind);
    else if (u->headcount >= 0) fprintf(out, " (%ld employees)", u->headcount);
    fputc('\n', out);
  }
  fprintf(out, "\nGoals (%zu)\n", o->ngoal);
  for (size_t i = 0; i < o->ngoal; i++) show_goal(out, o, i, lang);
}

static int finish(FILE *out, sbx_ctx *ctx) {
  if (fflush(out) == EOF || ferror(out))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "cannot write the output");
  return 0;
}

int sbx_show_survey(FILE *out, const sbx_survey *s, const char *lang, int json,
                    sbx_ctx *ctx) {
  if (!out || !s) return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "nothing to show");
  if (json) return sbx__show_survey_json(out, s, ctx);
  show_survey_text(out, s, lang ? lang : s->nlang ? s->lang[0] : NULL);
  return finish(out, ctx);
}

int sbx_show_org(FILE *out, const sbx_org *o, const char *lang, int json, sbx_ctx *ctx) {
  if (!out || !o) return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "nothing to show");
  if (!lang && o->nlang) lang = o->lang[0];
  if (json) return sbx__show_org_json(out, o, lang, ctx);
  show_org_text(out, o, lang);
  return finish(out, ctx);
}

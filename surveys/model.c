/* The domain model's plumbing: multilingual texts, box ids, lookups, freeing, and
 * the response set's row store. Parsing lives in survey_xml.c and org_xml.c. */
#include "surveys/model.h"
#include "surveys/lang/lang.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const box_ids[SBX_BOX_COUNT] = {
  "purposes", "structure", "relationships", "rewards", "leadership", "helpful-mechanisms"
};

const char *sbx_box_id(sbx_box b) {
  return b >= 0 && b < SBX_BOX_COUNT ? box_ids[b] : NULL;
}

sbx_box sbx_box_from_id(const char *id) {
  for (int i = 0; id && i < SBX_BOX_COUNT; i++)
    if (strcmp(id, box_ids[i]) == 0) return (sbx_box)i;
  return SBX_BOX_NONE;
}

static const char *const goal_level_ids[] = { "vision", "strategic", "operative", "activity" };
_Static_assert(sizeof goal_level_ids / sizeof goal_level_ids[0] == SBX_GOAL_ACTIVITY + 1,
               "one id per goal level");

const char *sbx__goal_level_id(sbx_goal_level l) {
  return l >= SBX_GOAL_VISION && l <= SBX_GOAL_ACTIVITY ? goal_level_ids[l] : NULL;
}

int sbx__goal_level_from_id(sbx_goal_level *out, const char *id) {
  for (int i = SBX_GOAL_VISION; id && i <= SBX_GOAL_ACTIVITY; i++)
    if (strcmp(id, goal_level_ids[i]) == 0) {
      *out = (sbx_goal_level)i;
      return 0;
    }
  return SBX_EDATA;
}

const char *sbx__text_get(const sbx_text *t, const char *lang) {
  if (!t || t->n == 0) return "";
  for (size_t i = 0; lang && i < t->n; i++)
    if (strcmp(t->lang[i], lang) == 0) return t->value[i];
  for (size_t i = 0; i < t->n; i++) /* the one fallback, as in the catalogue */
    if (strcmp(t->lang[i], SBX_LANG_FALLBACK) == 0) return t->value[i];
  return t->value[0];
}

int sbx__text_set(sbx_text *t, const char *lang, const char *value) {
  for (size_t i = 0; i < t->n; i++) {
    if (strcmp(t->lang[i], lang) == 0) {
      char *v = sbx__strdup(value);
      if (!v) return SBX_ENOMEM;
      sbx__free(t->value[i]);
      t->value[i] = v;
      return 0;
    }
  }
  char **l = sbx__realloc(t->lang, (t->n + 1) * sizeof *l);
  if (!l) return SBX_ENOMEM;
  t->lang = l;
  char **v = sbx__realloc(t->value, (t->n + 1) * sizeof *v);
  if (!v) return SBX_ENOMEM;
  t->value = v;
  l[t->n] = sbx__strdup(lang);
  v[t->n] = sbx__strdup(value);
  if (!l[t->n] || !v[t->n]) {
    sbx__free(l[t->n]);
    sbx__free(v[t->n]);
    return SBX_ENOMEM;
  }
  t->n++;
  return 0;
}

void sbx__text_free(sbx_text *t) {
  for (size_t i = 0; i < t->n; i++) {
    sbx__free(t->lang[i]);
    sbx__free(t->value[i]);
  }
  sbx__free(t->lang);
  sbx__free(t->value);
  memset(t, 0, sizeof *t);
}

static void strv_free(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) sbx__free(v[i]);
  sbx__free(v);
}

static void question_free(sbx_question *q) {
  sbx__free(q->id);
  sbx__text_free(&q->text);
  strv_free(q->alias, q->nalias);
}

void sbx_survey_free(sbx_survey *s) {
  if (!s) return;
  sbx__free(s->source);
  sbx__free(s->id);
  sbx__free(s->version);
  strv_free(s->lang, s->nlang);
  sbx__text_free(&s->title);
  sbx__text_free(&s->intro);
  for (size_t i = 0; i < s->nanswer_scale; i++) {
    sbx_answer_scale *a = &s->answer_scale[i];
    sbx__free(a->id);
    for (size_t k = 0; k < a->npoint; k++) {
      sbx__text_free(&a->point[k].label);
      strv_free(a->point[k].alias, a->point[k].nalias);
    }
    sbx__free(a->point);
    sbx__text_free(&a->dont_know);
    sbx__free(a->dont_know_code);
  }
  sbx__free(s->answer_scale);
  for (size_t i = 0; i < s->nscale; i++) {
    sbx__free(s->scale[i].id);
    sbx__text_free(&s->scale[i].name);
    sbx__free(s->scale[i].item);
  }
  sbx__free(s->scale);
  for (size_t i = 0; i < s->nitem; i++) {
    sbx__free(s->item[i].id);
    sbx__text_free(&s->item[i].text);
    strv_free(s->item[i].alias, s->item[i].nalias);
  }
  sbx__free(s->item);
  question_free(&s->unit_question);
  for (size_t i = 0; i < s->nfree_text; i++) question_free(&s->free_text[i]);
  sbx__free(s->free_text);
  sbx__free(s);
}

void sbx_org_free(sbx_org *o) {
  if (!o) return;
  sbx__free(o->source);
  sbx__free(o->id);
  sbx__free(o->kolada);
  sbx__free(o->kolada_peers);
  sbx__free(o->kolada_country);
  sbx__text_free(&o->name);
  strv_free(o->lang, o->nlang);
  sbx__free(o->period_from);
  sbx__free(o->period_to);
  sbx__free(o->report_date);
  sbx__text_free(&o->responsible);
  for (size_t i = 0; i < o->nunit; i++) {
    sbx__free(o->unit[i].id);
    sbx__text_free(&o->unit[i].name);
    sbx__free(o->unit[i].kind);
    strv_free(o->unit[i].alias, o->unit[i].nalias);
    strv_free(o->unit[i].continues, o->unit[i].ncontinues);
  }
  sbx__free(o->unit);
  for (size_t i = 0; i < o->ngoal; i++) {
    sbx__free(o->goal[i].id);
    sbx__text_free(&o->goal[i].title);
    sbx__free(o->goal[i].critical);
    for (size_t k = 0; k < o->goal[i].nindicator; k++) sbx__free(o->goal[i].indicator[k].kpi);
    sbx__free(o->goal[i].indicator);
  }
  sbx__free(o->goal);
  sbx__free(o);
}

/* δ defaults to a twenty-fourth of the range: 0.25 on 1-7, about a quarter of a
 * typical box-score standard deviation (a small effect), and less than a third of
 * the half-point a respondent can move a five-item box score by one answer. */
double sbx__practical(const sbx_answer_scale *a) {
  if (a->has_practical && a->practical >= 0) return a->practical;
  return (double)(a->max - a->min) / 24.0;
}

size_t sbx__survey_find_item(const sbx_survey *s, const char *id) {
  for (size_t i = 0; i < s->nitem; i++)
    if (strcmp(s->item[i].id, id) == 0) return i;
  return SBX_NONE;
}

size_t sbx__survey_find_scale(const sbx_survey *s, const char *id) {
  for (size_t i = 0; i < s->nscale; i++)
    if (strcmp(s->scale[i].id, id) == 0) return i;
  return SBX_NONE;
}

size_t sbx__org_find_unit(const sbx_org *o, const char *id) {
  for (size_t i = 0; i < o->nunit; i++)
    if (strcmp(o->unit[i].id, id) == 0) return i;
  return SBX_NONE;
}

size_t sbx__org_find_goal(const sbx_org *o, const char *id) {
  for (size_t i = 0; i < o->ngoal; i++)
    if (strcmp(o->goal[i].id, id) == 0) return i;
  return SBX_NONE;
}

int sbx__org_is_within(const sbx_org *o, size_t a, size_t b) {
  for (size_t u = a; u != SBX_NONE && u < o->nunit; u = o->unit[u].parent)
    if (u == b) return 1;
  return 0;
}

const char *sbx_survey_id(const sbx_survey *s) { return s->id; }
const char *sbx_survey_version(const sbx_survey *s) { return s->version; }
size_t sbx_survey_language_count(const sbx_survey *s) { return s->nlang; }
const char *sbx_survey_language(const sbx_survey *s, size_t i) {
  return i < s->nlang ? s->lang[i] : NULL;
}
size_t sbx_survey_item_count(const sbx_survey *s) { return s->nitem; }
size_t sbx_survey_scale_count(const sbx_survey *s) { return s->nscale; }
const char *sbx_org_id(const sbx_org *o) { return o->id; }
size_t sbx_org_unit_count(const sbx_org *o) { return o->nunit; }

/* ---- response set ---- */

int sbx__responses_new(sbx_responses **out, size_t nitem) {
  *out = sbx__calloc(1, sizeof **out);
  if (!*out) return SBX_ENOMEM;
  (*out)->nitem = nitem;
  return 0;
}

static int arena_add(sbx_responses *r, const char *s, uint32_t *off) {
  size_t len = strlen(s) + 1;
  if (r->arena_len + len > UINT32_MAX - 1) return SBX_ELIMIT;
  if (sbx__grow(&r->arena, &r->arena_cap, r->arena_len + len, 1)) return SBX_ENOMEM;
  memcpy(r->arena + r->arena_len, s, len);
  *off = (uint32_t)r->arena_len;
  r->arena_len += len;
  return 0;
}

int sbx__responses_add_source(sbx_responses *r, const char *name, const char *tool,
                              uint32_t *index) {
  sbx_source *n = sbx__realloc(r->src, (r->nsrc + 1) * sizeof *n);
  if (!n) return SBX_ENOMEM;
  r->src = n;
  n[r->nsrc].name = sbx__strdup(name ? name : "");
  n[r->nsrc].tool = sbx__strdup(tool ? tool : "generic");
  if (!n[r->nsrc].name || !n[r->nsrc].tool) {
    sbx__free(n[r->nsrc].name);
    sbx__free(n[r->nsrc].tool);
    return SBX_ENOMEM;
  }
  *index = (uint32_t)r->nsrc++;
  return 0;
}

int sbx__responses_add(sbx_responses *r, const int8_t *values, uint32_t unit,
                       uint32_t source, uint32_t line, const char *id) {
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 1024;
    if (r->nitem && cap > SIZE_MAX / r->nitem) return SBX_ENOMEM;
    int8_t *v = sbx__realloc(r->value, cap * (r->nitem ? r->nitem : 1));
    if (!v) return SBX_ENOMEM;
    r->value = v;
    uint32_t **cols[] = { &r->unit, &r->source, &r->line, &r->id };
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
      uint32_t *p = sbx__realloc(*cols[k], cap * sizeof **cols[k]);
      if (!p) return SBX_ENOMEM;
      *cols[k] = p;
    }
    r->cap = cap;
  }
  uint32_t off = UINT32_MAX;
  if (id && *id) {
    int rc = arena_add(r, id, &off);
    if (rc) return rc;
  }
  memcpy(r->value + r->n * r->nitem, values, r->nitem);
  r->unit[r->n] = unit;
  r->source[r->n] = source;
  r->line[r->n] = line;
  r->id[r->n] = off;
  r->n++;
  return 0;
}

int sbx__responses_add_comment(sbx_responses *r, uint32_t row, uint32_t question,
                               const char *text) {
  uint32_t off;
  int rc = arena_add(r, text, &off);
  if (rc) return rc;
  if (sbx__grow(&r->comment, &r->comment_cap, r->ncomment + 1, sizeof *r->comment))
    return SBX_ENOMEM;
  r->comment[r->ncomment].row = row;
  r->comment[r->ncomment].question = question;
  r->comment[r->ncomment].text = off;
  r->ncomment++;
  return 0;
}

int sbx__responses_add_dont_know(sbx_responses *r, size_t item) {
  if (item >= r->nitem) return SBX_EUSAGE;
  if (!r->dont_know && !(r->dont_know = sbx__calloc(r->nitem, sizeof *r->dont_know)))
    return SBX_ENOMEM;
  r->dont_know[item]++;
  return 0;
}

const char *sbx__responses_id(const sbx_responses *r, size_t row) {
  return row < r->n && r->id[row] != UINT32_MAX ? r->arena + r->id[row] : NULL;
}

size_t sbx_responses_count(const sbx_responses *r) { return r ? r->n : 0; }

void sbx__responses_free(sbx_responses *r) {
  if (!r) return;
  sbx__free(r->value);
  sbx__free(r->unit);
  sbx__free(r->source);
  sbx__free(r->line);
  sbx__free(r->id);
  sbx__free(r->arena);
  for (size_t i = 0; i < r->nsrc; i++) {
    sbx__free(r->src[i].name);
    sbx__free(r->src[i].tool);
  }
  sbx__free(r->src);
  sbx__free(r->comment);
  sbx__free(r->dont_know);
  sbx__free(r);
}

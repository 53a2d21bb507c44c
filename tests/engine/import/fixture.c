/* The import tests' survey and organisation (see fixture.h). */
#include "fixture.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static char **strv(const char *const *v, size_t *n) {
  *n = 0;
  while (v[*n]) (*n)++;
  char **out = calloc(*n ? *n : 1, sizeof *out);
  for (size_t i = 0; i < *n; i++) out[i] = sbx__strdup(v[i]);
  return out;
}

static void text2(sbx_text *t, const char *sv, const char *en) {
  sbx__text_set(t, "sv", sv);
  sbx__text_set(t, "en", en);
}

static void scale(sbx_answer_scale *a) {
  static const char *const sv[] = { "Instämmer inte alls", "Instämmer inte", "Varken eller",
                                    "Instämmer", "Instämmer helt" };
  static const char *const en[] = { "Strongly disagree", "Disagree",
                                    "Neither agree nor disagree", "Agree", "Strongly agree" };
  a->id = sbx__strdup("agree5");
  a->min = 1;
  a->max = 5;
  a->cutoff = 3;
  a->favourable = 4;
  a->npoint = 5;
  a->point = calloc(5, sizeof *a->point);
  for (int i = 0; i < 5; i++) {
    a->point[i].value = i + 1;
    text2(&a->point[i].label, sv[i], en[i]);
  }
  /* LimeSurvey-style answer codes A1..A5 as aliases; and one more for 5 */
  for (int i = 0; i < 5; i++) {
    a->point[i].nalias = i == 4 ? 2 : 1;
    a->point[i].alias = calloc(2, sizeof(char *));
    a->point[i].alias[0] = sbx__asprintf("A%d", i + 1);
  }
  a->point[4].alias[1] = sbx__strdup("Helt enig");
  a->has_dont_know = 1;
  text2(&a->dont_know, "Vet ej", "Don't know");
  a->dont_know_code = sbx__strdup("99");
}

static void item(sbx_item *it, const char *id, size_t sc, const char *sv, const char *en,
                 const char *const *alias) {
  it->id = sbx__strdup(id);
  it->scale = sc;
  it->answer_scale = 0;
  text2(&it->text, sv, en);
  if (alias) it->alias = strv(alias, &it->nalias);
}

sbx_survey *tfx_survey(void) {
  sbx_survey *s = calloc(1, sizeof *s);
  s->id = sbx__strdup("t-survey");
  s->version = sbx__strdup("1");
  static const char *const langs[] = { "sv", "en", NULL };
  s->lang = strv(langs, &s->nlang);
  s->nanswer_scale = 1;
  s->answer_scale = calloc(1, sizeof *s->answer_scale);
  scale(&s->answer_scale[0]);
  s->nscale = 1;
  s->scale = calloc(1, sizeof *s->scale);
  s->scale[0].id = sbx__strdup("purposes");
  s->scale[0].box = SBX_BOX_PURPOSES;
  s->nitem = 4;
  s->item = calloc(4, sizeof *s->item);
  static const char *const a1[] = { "Q1_expect", NULL }, *const a4[] = { "tools", NULL };
  item(&s->item[0], "q1", 0, "Jag vet vad som förväntas av mig.",
       "I know what is expected of me.", a1);
  item(&s->item[1], "q2", 0, "Min chef stöttar mig.", "My manager supports me.", NULL);
  item(&s->item[2], "q3", 0, "Vi hjälper varandra.", "We help each other.", NULL);
  item(&s->item[3], "q4", 0, "Jag har verktygen jag behöver.", "I have the tools I need.", a4);
  s->scale[0].nitem = 4;
  s->scale[0].item = calloc(4, sizeof(size_t));
  for (size_t i = 0; i < 4; i++) s->scale[0].item[i] = i;
  s->has_unit_question = 1;
  s->unit_question.id = sbx__strdup("unit");
  text2(&s->unit_question.text, "Vilken enhet arbetar du på?", "Which unit do you work in?");
  static const char *const ua[] = { "Enhet", NULL };
  s->unit_question.alias = strv(ua, &s->unit_question.nalias);
  s->nfree_text = 1;
  s->free_text = calloc(1, sizeof *s->free_text);
  s->free_text[0].id = sbx__strdup("c1");
  text2(&s->free_text[0].text, "Övriga synpunkter", "Other comments");
  s->outcome = SBX_NONE;
  s->min_item_share_pct = 60;
  return s;
}

static void unit(sbx_unit *u, const char *id, size_t parent, const char *sv,
                 const char *en, const char *const *alias) {
  u->id = sbx__strdup(id);
  u->parent = parent;
  u->headcount = -1;
  u->depth = parent == SBX_NONE ? 0 : 1;
  text2(&u->name, sv, en);
  if (alias) u->alias = strv(alias, &u->nalias);
}

sbx_org *tfx_org(void) {
  sbx_org *o = calloc(1, sizeof *o);
  o->id = sbx__strdup("t-org");
  text2(&o->name, "Teststad", "Test City");
  o->nunit = 3;
  o->unit = calloc(3, sizeof *o->unit);
  unit(&o->unit[0], "kommun", SBX_NONE, "Teststads kommun", "Municipality of Test City", NULL);
  static const char *const hr[] = { "HR", NULL }, *const ek[] = { "E01", NULL };
  unit(&o->unit[1], "hr", 0, "HR-enheten", "HR Unit", hr);
  unit(&o->unit[2], "ekonomi", 0, "Ekonomienheten", "Finance Unit", ek);
  return o;
}

int tfx_feed(tfx_row_fn fn, void *ud, const char *const *rows, size_t nrows) {
  int rc = 0;
  for (size_t r = 0; r < nrows && rc == 0; r++) {
    char *copy = sbx__strdup(rows[r]);
    const char *cells[64];
    size_t n = 0;
    char *p = copy;
    cells[n++] = p;
    for (; *p && n < 64; p++)
      if (*p == '|') {
        *p = '\0';
        cells[n++] = p + 1;
      }
    rc = fn(ud, r, (uint32_t)(r + 1), cells, n);
    free(copy);
  }
  return rc;
}

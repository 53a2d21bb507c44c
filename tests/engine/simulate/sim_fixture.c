/* The in-memory survey and organisation of sim_fixture.h. Aborts the test on
 * allocation failure (tests only). */
#include "sim_fixture.h"
#include "surveys/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) abort();
  return p;
}

static char *xstrdup(const char *s) {
  char *p = sbx__strdup(s);
  if (!p) abort();
  return p;
}

static void text2(sbx_text *t, const char *sv, const char *en) {
  if (sbx__text_set(t, "sv", sv) || sbx__text_set(t, "en", en)) abort();
}

static const char *const box_sv[] = { "Uppgift och mål", "Struktur",
  "Människor och relationer", "Belöningssystem", "Ledning", "Hjälpmedel och metoder" };
static const char *const box_en[] = { "Purposes", "Structure", "Relationships", "Rewards",
  "Leadership", "Helpful mechanisms" };

static void answer_scale(sbx_answer_scale *a) {
  a->id = xstrdup("agree7");
  a->min = 1;
  a->max = 7;
  a->cutoff = 4;
  a->favourable = 5;
  a->direction = SBX_HIGH_IS_GOOD;
  a->npoint = 7;
  a->point = xcalloc(7, sizeof *a->point);
  for (int k = 0; k < 7; k++) {
    a->point[k].value = k + 1;
    if (k == 0) text2(&a->point[k].label, "Instämmer inte alls", "Strongly disagree");
    if (k == 6) text2(&a->point[k].label, "Instämmer helt", "Strongly agree");
  }
  a->has_dont_know = 1;
  text2(&a->dont_know, "Vet ej", "Don't know");
  a->dont_know_code = xstrdup("99");
}

static void add_item(sbx_survey *s, size_t sc, int k, int reverse) {
  sbx_item *it = &s->item[s->nitem];
  char id[32], sv[160], en[160];
  snprintf(id, sizeof id, "%s-%d", s->scale[sc].id, k + 1);
  snprintf(sv, sizeof sv, "Påstående %d om %s, \"%s\" & <mer>%s", k + 1, box_sv[sc % 6],
           s->scale[sc].id, reverse ? " (omvänt)" : "");
  snprintf(en, sizeof en, "Statement %d on %s, \"%s\" & <more>%s", k + 1, box_en[sc % 6],
           s->scale[sc].id, reverse ? " (reversed)" : "");
  it->id = xstrdup(id);
  it->scale = sc;
  it->answer_scale = 0;
  it->reverse = reverse;
  text2(&it->text, sv, en);
  s->scale[sc].item[s->scale[sc].nitem++] = s->nitem++;
}

sbx_survey *fixture_survey(void) {
  sbx_survey *s = xcalloc(1, sizeof *s);
  s->source = xstrdup("fixture-survey.xml");
  s->id = xstrdup("fixture");
  s->version = xstrdup("1");
  s->nlang = 2;
  s->lang = xcalloc(2, sizeof *s->lang);
  s->lang[0] = xstrdup("sv");
  s->lang[1] = xstrdup("en");
  text2(&s->title, "Medarbetarenkät – sex boxar", "Staff survey – six boxes");
  text2(&s->intro, "Välkommen!", "Welcome!");
  s->nanswer_scale = 1;
  s->answer_scale = xcalloc(1, sizeof *s->answer_scale);
  answer_scale(&s->answer_scale[0]);
  s->nscale = 7;
  s->scale = xcalloc(7, sizeof *s->scale);
  s->item = xcalloc(7 * 3, sizeof *s->item);
  for (size_t sc = 0; sc < 7; sc++) {
    sbx_scale *x = &s->scale[sc];
    x->kind = sc < 6 ? SBX_SCALE_BOX : SBX_SCALE_EXTRA;
    x->box = sc < 6 ? (sbx_box)sc : SBX_BOX_NONE;
    x->id = xstrdup(sc < 6 ? sbx_box_id((sbx_box)sc) : "change");
    if (sc < 6) text2(&x->name, box_sv[sc], box_en[sc]);
    else text2(&x->name, "Inställning till förändring", "Attitude toward change");
    x->item = xcalloc(3, sizeof *x->item);
    int n = sc < 6 ? 3 : 2;
    for (int k = 0; k < n; k++) add_item(s, sc, k, k == 2);
  }
  s->has_unit_question = 1;
  s->unit_question.id = xstrdup("unit");
  text2(&s->unit_question.text, "Var arbetar du?", "Where do you work?");
  s->nfree_text = 2;
  s->free_text = xcalloc(2, sizeof *s->free_text);
  s->free_text[0].id = xstrdup("better");
  text2(&s->free_text[0].text, "Vad fungerar bra?", "What works well?");
  s->free_text[1].id = xstrdup("improve");
  text2(&s->free_text[1].text, "Vad bör förbättras?", "What should be improved?");
  s->outcome = SBX_NONE;
  s->min_item_share_pct = 60;
  return s;
}

static void unit(sbx_org *o, const char *id, const char *sv, const char *en,
                 const char *kind, long hc, size_t parent) {
  sbx_unit *u = &o->unit[o->nunit++];
  u->id = xstrdup(id);
  text2(&u->name, sv, en);
  u->kind = xstrdup(kind);
  u->headcount = hc;
  u->parent = parent;
  u->depth = parent == SBX_NONE ? 0 : o->unit[parent].depth + 1;
}

sbx_org *fixture_org(void) {
  sbx_org *o = xcalloc(1, sizeof *o);
  o->source = xstrdup("fixture-org.xml");
  o->id = xstrdup("teststad");
  text2(&o->name, "Teststads kommun", "Teststad Municipality");
  o->unit = xcalloc(8, sizeof *o->unit);
  unit(o, "kommun", "Teststads kommun", "Teststad Municipality", "kommun", -1, SBX_NONE);
  unit(o, "soc", "Socialförvaltningen", "Social Services", "förvaltning", -1, 0);
  unit(o, "soc-hemtjanst", "Hemtjänst Öst", "Home Care East", "enhet", 60, 1);
  unit(o, "soc-ifo", "Individ- och familjeomsorg", "Individual and Family Care", "enhet",
       35, 1);
  unit(o, "soc-lss", "LSS-boende Åsen", "Group Home Åsen", "enhet", 4, 1);
  unit(o, "bun", "Barn- & utbildningsförvaltningen", "Children & Education", "förvaltning",
       -1, 0);
  unit(o, "bun-skola", "Skolan <Norr>", "School <North>", "enhet", 45, 5);
  unit(o, "bun-forskola", "Förskolan \"Solen\"", "Preschool \"Sun\"", "enhet", 25, 5);
  return o;
}

/* Codes and labels shared by the questionnaire builders and simulate: what a tool
 * shows and stores for each answer point, unit and item, and the frame texts of a
 * questionnaire in Swedish and English. */
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sbx__qn_lang(const sbx_survey *s, const char *lang) {
  for (size_t i = 0; lang && i < s->nlang; i++)
    if (strcmp(s->lang[i], lang) == 0) return s->lang[i];
  return s->nlang ? s->lang[0] : "sv";
}

const char *sbx__qn_point_label(const sbx_answer_scale *a, size_t k, const char *lang,
                                char *buf, size_t size) {
  const char *l = sbx__text_get(&a->point[k].label, lang);
  if (l[0]) return l;
  snprintf(buf, size, "%d", a->point[k].value);
  return buf;
}

const char *sbx__qn_dont_know_label(const sbx_answer_scale *a, const char *lang) {
  const char *l = sbx__text_get(&a->dont_know, lang);
  if (l[0]) return l;
  return lang && strcmp(lang, "en") == 0 ? "Don't know" : "Vet ej";
}

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

const char *sbx__qn_dont_know_code(const sbx_answer_scale *a) {
  const char *c = a->dont_know_code;
  if (!c || !c[0] || strlen(c) > 5) return "99";
  for (const char *p = c; *p; p++)
    if (!is_alpha((unsigned char)*p) && !is_digit((unsigned char)*p)) return "99";
  return c;
}

void sbx__qn_ls_unit_code(size_t k, char *buf, size_t size) {
  snprintf(buf, size, "U%03zu", k + 1);
}

void sbx__qn_ls_code(const char *id, char *buf, size_t size) {
  size_t n = 0, max = size - 1 < 20 ? size - 1 : 20;
  for (const char *p = id; *p && n < max; p++) {
    int c = (unsigned char)*p;
    if (!is_alpha(c) && !is_digit(c)) continue;
    if (n == 0 && !is_alpha(c)) {
      buf[n++] = 'Q';
      if (n >= max) break;
    }
    buf[n++] = (char)c;
  }
  if (n == 0) buf[n++] = 'Q';
  buf[n] = '\0';
}

/* A code that differs from the codes of the items before it (case-insensitively, as
 * LimeSurvey compares them). */
void sbx__qn_ls_item_code(const sbx_survey *s, size_t item, char *buf, size_t size) {
  sbx__qn_ls_code(s->item[item].id, buf, size);
  for (int suffix = 2;; suffix++) {
    int clash = 0;
    char other[SBX_QN_CODE_SIZE];
    for (size_t j = 0; j < item && !clash; j++) {
      sbx__qn_ls_code(s->item[j].id, other, sizeof other);
      clash = sbx__strcaseeq(other, buf);
    }
    if (!clash) return;
    char base[SBX_QN_CODE_SIZE];
    sbx__qn_ls_code(s->item[item].id, base, sizeof base);
    base[14] = '\0';
    snprintf(buf, size, "%s%d", base, suffix);
  }
}

void sbx__qn_ls_scale_code(const sbx_survey *s, size_t scale, char *buf, size_t size) {
  sbx__qn_ls_code(s->scale[scale].id, buf, size);
  for (int suffix = 2;; suffix++) {
    int clash = 0;
    char other[SBX_QN_CODE_SIZE];
    for (size_t j = 0; j < scale && !clash; j++) {
      sbx__qn_ls_code(s->scale[j].id, other, sizeof other);
      clash = sbx__strcaseeq(other, buf);
    }
    if (!clash) return;
    char base[SBX_QN_CODE_SIZE];
    sbx__qn_ls_code(s->scale[scale].id, base, sizeof base);
    base[14] = '\0';
    snprintf(buf, size, "%s%d", base, suffix);
  }
}

void sbx__qn_xml_name(const char *id, char *buf, size_t size) {
  size_t n = 0;
  for (const char *p = id; *p && n + 1 < size; p++) {
    int c = (unsigned char)*p;
    int ok = is_alpha(c) || is_digit(c) || c == '_' || c == '-' || c == '.';
    if (!ok) c = '_';
    if (n == 0 && !is_alpha(c) && c != '_') {
      buf[n++] = '_';
      if (n + 1 >= size) break;
    }
    buf[n++] = (char)c;
  }
  if (n == 0) buf[n++] = '_';
  buf[n] = '\0';
}

const char *sbx__qn_unit_id(const sbx_survey *s) {
  return s->has_unit_question && s->unit_question.id ? s->unit_question.id : "unit";
}

const char *sbx__qn_unit_text(const sbx_survey *s, const char *lang) {
  const char *t = s->has_unit_question ? sbx__text_get(&s->unit_question.text, lang) : "";
  if (t[0]) return t;
  return lang && strcmp(lang, "en") == 0 ? "Which unit do you work in?"
                                         : "Vilken enhet arbetar du på?";
}

int sbx__qn_leaf_units(const sbx_org *o, size_t **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!o || o->nunit == 0) return 0;
  char *has_child = calloc(o->nunit, 1);
  size_t *v = malloc(o->nunit * sizeof *v);
  if (!has_child || !v) {
    free(has_child);
    free(v);
    return SBX_ENOMEM;
  }
  for (size_t i = 0; i < o->nunit; i++)
    if (o->unit[i].parent != SBX_NONE && o->unit[i].parent < o->nunit)
      has_child[o->unit[i].parent] = 1;
  for (size_t i = 0; i < o->nunit; i++)
    if (!has_child[i]) v[(*n)++] = i;
  free(has_child);
  *out = v;
  return 0;
}

const char *sbx__qn_unit_name(const sbx_org *o, size_t unit, const char *lang) {
  const char *t = sbx__text_get(&o->unit[unit].name, lang);
  return t[0] ? t : o->unit[unit].id;
}

/* The frame texts: key, Swedish, English. */
static const char *const ui[][3] = {
  { "instructions",
    "Läs varje påstående och markera det svar som bäst stämmer med hur du ser på din "
    "arbetsplats i dag. Det finns inga rätta eller felaktiga svar. Välj \"%s\" om du "
    "inte kan ta ställning. Det tar ungefär 15 minuter.",
    "Read each statement and mark the answer that best matches how you see your "
    "workplace today. There are no right or wrong answers. Choose \"%s\" if you cannot "
    "say. It takes about 15 minutes." },
  { "promise",
    "Dina svar är konfidentiella. Inga resultat, diagram eller kommentarer redovisas "
    "för en grupp med färre än %d svarande, och ingen enskild persons svar kan utläsas.",
    "Your answers are confidential. No results, charts or comments are shown for a "
    "group of fewer than %d respondents, and no individual's answers can be told." },
  { "unit_hint", "Välj den enhet där du har din huvudsakliga anställning.",
    "Choose the unit where you mainly work." },
  { "unit_free", "Skriv namnet på din enhet.", "Write the name of your unit." },
  { "statement", "Påstående", "Statement" },
  { "free_text", "Egna kommentarer", "Your own comments" },
  { "comments_hint",
    "Skriv inte namn eller andra uppgifter som kan identifiera dig eller någon annan.",
    "Do not write names or other details that could identify you or anyone else." },
  { "thanks", "Tack för dina svar!", "Thank you for your answers!" },
  { "section", "Del", "Part" },
  { "choose", "Välj…", "Choose…" },
};

const char *sbx__qn_ui(const char *lang, const char *key) {
  int en = lang && strcmp(lang, "en") == 0;
  for (size_t i = 0; i < sizeof ui / sizeof ui[0]; i++)
    if (strcmp(ui[i][0], key) == 0) return ui[i][en ? 2 : 1];
  return "";
}

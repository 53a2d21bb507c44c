/* Codes and labels shared by the questionnaire builders and simulate: what a tool
 * shows and stores for each answer point, unit and item, and the frame texts of a
 * questionnaire, from the message catalogue (qn.* keys). */
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sbx__qn_lang(const sbx_survey *s, const char *lang) {
  for (size_t i = 0; lang && i < s->nlang; i++)
    if (strcmp(s->lang[i], lang) == 0) return s->lang[i];
  return s->nlang ? s->lang[0] : SBX_LANG_FALLBACK;
}

const char *sbx__qn_point_label(const sbx_answer_scale *a, size_t k, const char *lang,
                                char *buf, size_t size) {
  const char *l = sbx__text_get(&a->point[k].label, lang);
  if (l[0]) return l;
  snprintf(buf, size, "%d", a->point[k].value);
  return buf;
}

const char *sbx__qn_dont_know_label(const sbx_answer_scale *a, const char *lang,
                                    const sbx__lang *msgs) {
  const char *l = sbx__text_get(&a->dont_know, lang);
  return l[0] ? l : sbx__msg(msgs, "qn.dont-know");
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

const char *sbx__qn_unit_text(const sbx_survey *s, const char *lang, const sbx__lang *msgs) {
  const char *t = s->has_unit_question ? sbx__text_get(&s->unit_question.text, lang) : "";
  return t[0] ? t : sbx__msg(msgs, "qn.unit-question");
}

int sbx__qn_leaf_units(const sbx_org *o, size_t **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!o || o->nunit == 0) return 0;
  char *has_child = sbx__calloc(o->nunit, 1);
  size_t *v = sbx__malloc(o->nunit * sizeof *v);
  if (!has_child || !v) {
    sbx__free(has_child);
    sbx__free(v);
    return SBX_ENOMEM;
  }
  for (size_t i = 0; i < o->nunit; i++)
    if (o->unit[i].parent != SBX_NONE && o->unit[i].parent < o->nunit)
      has_child[o->unit[i].parent] = 1;
  for (size_t i = 0; i < o->nunit; i++)
    if (!has_child[i]) v[(*n)++] = i;
  sbx__free(has_child);
  *out = v;
  return 0;
}

const char *sbx__qn_unit_name(const sbx_org *o, size_t unit, const char *lang) {
  const char *t = sbx__text_get(&o->unit[unit].name, lang);
  return t[0] ? t : o->unit[unit].id;
}

/* Is every scale's run of items unbroken in the survey's order? */
static int grouped(const sbx_survey *s) {
  for (size_t j = 1; j < s->nitem; j++) {
    size_t sc = s->item[j].scale;
    if (sc == s->item[j - 1].scale || sc == SBX_NONE) continue;
    for (size_t k = 0; k + 1 < j; k++)
      if (s->item[k].scale == sc) return 0; /* sc came back after another scale */
  }
  return 1;
}

/* Runs of items that share an answer scale (and, grouped, a scale); on-no-scale items
 * alone. */
static size_t runs(const sbx_survey *s, int by_scale, sbx__qn_part *v) {
  size_t n = 0;
  for (size_t j = 0; j < s->nitem; j++) {
    const sbx_item *it = &s->item[j], *prev = j ? &s->item[j - 1] : NULL;
    int same = prev && it->scale != SBX_NONE && prev->scale != SBX_NONE &&
               it->answer_scale == prev->answer_scale && (!by_scale || it->scale == prev->scale);
    if (same) {
      v[n - 1].count++;
      continue;
    }
    v[n].first = j;
    v[n].count = 1;
    v[n].scale = by_scale || it->scale == SBX_NONE ? it->scale : SBX_NONE;
    v[n].number = v[n].total = 0;
    v[n].question = it->scale == SBX_NONE;
    n++;
  }
  return n;
}

int sbx__qn_parts(const sbx_survey *s, sbx__qn_part **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (s->nitem == 0) return 0;
  int by_scale = grouped(s);
  sbx__qn_part *r = sbx__malloc(s->nitem * sizeof *r), *v = sbx__malloc(s->nitem * sizeof *v);
  if (!r || !v) {
    sbx__free(r);
    sbx__free(v);
    return SBX_ENOMEM;
  }
  size_t nr = runs(s, by_scale, r), nv = 0, numbered = 0;
  for (size_t k = 0; k < nr; k++) { /* interleaved runs into near-equal pages */
    int split = !by_scale && !r[k].question;
    size_t pages = split ? (r[k].count + SBX_QN_PART_ITEMS - 1) / SBX_QN_PART_ITEMS : 1;
    for (size_t p = 0, at = r[k].first; p < pages; p++) {
      size_t end = r[k].first + r[k].count * (p + 1) / pages;
      v[nv] = r[k];
      v[nv].first = at;
      v[nv].count = end - at;
      if (split) v[nv].number = ++numbered;
      at = end;
      nv++;
    }
  }
  for (size_t k = 0; k < nv; k++) v[k].total = numbered;
  sbx__free(r);
  *out = v;
  *n = nv;
  return 0;
}

const char *sbx__qn_part_heading(const sbx_survey *s, const sbx__qn_part *p,
                                 const char *lang, const sbx__lang *msgs, char *buf,
                                 size_t size) {
  if (p->scale != SBX_NONE) return sbx__text_get(&s->scale[p->scale].name, lang);
  if (!p->number) return "";
  char n[24], total[24];
  snprintf(n, sizeof n, "%zu", p->number);
  snprintf(total, sizeof total, "%zu", p->total);
  char *t = sbx__msg_fill(msgs, "qn.part", (const char *const[]){ "n", n, "total", total, NULL });
  snprintf(buf, size, "%s", t ? t : "");
  sbx__free(t);
  return buf;
}

void sbx__qn_part_code(const sbx_survey *s, const sbx__qn_part *p, int xml, char *buf,
                       size_t size) {
  if (p->scale != SBX_NONE) {
    if (xml) sbx__qn_xml_name(s->scale[p->scale].id, buf, size);
    else sbx__qn_ls_scale_code(s, p->scale, buf, size);
  } else if (p->number) {
    snprintf(buf, size, "part%zu", p->number);
  } else {
    char code[SBX_QN_CODE_SIZE];
    sbx__qn_ls_item_code(s, p->first, code, sizeof code);
    snprintf(buf, size, "g%s", code);
  }
}

int sbx__qn_minutes(const sbx_survey *s) {
  size_t secs = SBX_QN_SECONDS_FRAME + s->nitem * SBX_QN_SECONDS_PER_ITEM +
                s->nfree_text * SBX_QN_SECONDS_PER_TEXT;
  size_t min = (secs + 59) / 60;
  if (min >= 10) min = (min + 2) / 5 * 5;
  return (int)(min ? min : 1);
}

const char *sbx__qn_ui(const sbx__lang *msgs, const char *key) {
  char k[64];
  snprintf(k, sizeof k, "qn.%s", key);
  return sbx__msg(msgs, k);
}

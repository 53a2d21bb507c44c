/* The XLSForm (the spreadsheet form definition KoboToolbox imports, and ODK's pyxform
 * turns into an XForm): a "survey" sheet with start/end, the unit question as
 * select_one of the leaf units, the introduction and the confidentiality promise as
 * notes, a field-list group per part of the questionnaire (sbx__qn_parts) with one
 * select_one (likert appearance) per item and the free-text questions; a "choices" sheet with the
 * answer points (names = point values, "don't know" = its code) and the units (names
 * from the unit ids); a "settings" sheet. Labels in every language of the survey, the
 * chosen one first and default. Names match the XForm builder, so a KoboToolbox export
 * has the same group/item columns. */
#include "surveys/questionnaire/builders.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/questionnaire/xlsx.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>


/* A row of the survey sheet: type, name, one label and one hint per language,
 * required, appearance. label and hint are per-language lookups (may be NULL). */
typedef const char *(*text_fn)(const sbx__qn *q, const void *ud, const char *lang);

static void survey_row(sbx__xlsxw *x, const sbx__qn *q, const char *type, const char *name,
                       text_fn label, const void *lud, text_fn hint, const void *hud,
                       const char *required, const char *appearance) {
  sbx__xlsxw_row(x);
  sbx__xlsxw_str(x, type);
  sbx__xlsxw_str(x, name);
  for (size_t i = 0; i < q->nlangs; i++) sbx__xlsxw_str(x, label ? label(q, lud, q->langs[i]) : NULL);
  for (size_t i = 0; i < q->nlangs; i++) sbx__xlsxw_str(x, hint ? hint(q, hud, q->langs[i]) : NULL);
  sbx__xlsxw_str(x, required);
  sbx__xlsxw_str(x, appearance);
}

static const char *text_of(const sbx__qn *q, const void *t, const char *lang) {
  (void)q;
  return sbx__text_get((const sbx_text *)t, lang);
}
static const char *ui_of(const sbx__qn *q, const void *key, const char *lang) {
  return sbx__qn_text(q, lang, (const char *)key);
}
static const char *unit_text_of(const sbx__qn *q, const void *s, const char *lang) {
  (void)s;
  return sbx__qn_unit_q(q, lang);
}

/* The introduction and the confidentiality promise as notes, as in the XForm. */
static void note_rows(sbx__xlsxw *x, const sbx__qn *q) {
  sbx_text intro = { 0 }, promise = { 0 };
  sbx__qn_notes(q, &intro, &promise);
  survey_row(x, q, "note", SBX_QN_NOTE_INTRO, text_of, &intro, NULL, NULL, NULL, NULL);
  survey_row(x, q, "note", SBX_QN_NOTE_PROMISE, text_of, &promise, NULL, NULL, NULL, NULL);
  sbx__text_free(&intro);
  sbx__text_free(&promise);
}

static void item_row(sbx__xlsxw *x, const sbx__qn *q, size_t j) {
  const sbx_item *it = &q->s->item[j];
  char name[SBX_QN_CODE_SIZE], type[SBX_QN_CODE_SIZE + 16], list[SBX_QN_CODE_SIZE];
  sbx__qn_xml_name(q->s->answer_scale[it->answer_scale].id, list, sizeof list);
  snprintf(type, sizeof type, "select_one %s", list);
  sbx__qn_xml_name(it->id, name, sizeof name);
  survey_row(x, q, type, name, text_of, &it->text, NULL, NULL, NULL, "likert");
}

/* A part of the questionnaire (sbx__qn_parts) as a field-list group, as in the XForm. */
static void part_rows(sbx__xlsxw *x, const sbx__qn *q, const sbx__qn_part *p) {
  if (p->question) {
    item_row(x, q, p->first);
    return;
  }
  char name[SBX_QN_CODE_SIZE], head[64];
  sbx_text t = { 0 };
  for (size_t i = 0; i < q->nlangs; i++)
    sbx__text_set(&t, q->langs[i], sbx__qn_heading(q, p, q->langs[i], head,
                                                        sizeof head));
  sbx__qn_part_code(q->s, p, 1, name, sizeof name);
  survey_row(x, q, "begin_group", name, text_of, &t, NULL, NULL, NULL, "field-list");
  sbx__text_free(&t);
  for (size_t j = p->first; j < p->first + p->count; j++) item_row(x, q, j);
  survey_row(x, q, "end_group", "", NULL, NULL, NULL, NULL, NULL, NULL);
}

static void survey_sheet(sbx__xlsxw *x, const sbx__qn *q) {
  const sbx_survey *s = q->s;
  char name[SBX_QN_CODE_SIZE];
  sbx__xlsxw_sheet(x, "survey");
  sbx__xlsxw_row(x);
  sbx__xlsxw_str(x, "type");
  sbx__xlsxw_str(x, "name");
  for (int h = 0; h < 2; h++)
    for (size_t i = 0; i < q->nlangs; i++) {
      char col[128], ln[96];
      snprintf(col, sizeof col, "%s::%s", h ? "hint" : "label",
               sbx__qn_lang_name(q, q->langs[i], ln, sizeof ln));
      sbx__xlsxw_str(x, col);
    }
  sbx__xlsxw_str(x, "required");
  sbx__xlsxw_str(x, "appearance");
  survey_row(x, q, "start", "start", NULL, NULL, NULL, NULL, NULL, NULL);
  survey_row(x, q, "end", "end", NULL, NULL, NULL, NULL, NULL, NULL);
  note_rows(x, q);
  sbx__qn_xml_name(sbx__qn_unit_id(s), name, sizeof name);
  survey_row(x, q, q->nleaf ? "select_one units" : "text", name, unit_text_of, s, ui_of,
             q->nleaf ? "unit_hint" : "unit_free", "yes", q->nleaf ? "minimal" : NULL);
  for (size_t k = 0; k < q->nparts; k++) part_rows(x, q, &q->parts[k]);
  for (size_t k = 0; k < s->nfree_text; k++) {
    sbx__qn_xml_name(s->free_text[k].id, name, sizeof name);
    survey_row(x, q, "text", name, text_of, &s->free_text[k].text, ui_of, "comments_hint",
               NULL, "multiline");
  }
}

static void choice_row(sbx__xlsxw *x, const sbx__qn *q, const char *list, const char *name,
                       const char *const *labels) {
  sbx__xlsxw_row(x);
  sbx__xlsxw_str(x, list);
  sbx__xlsxw_str(x, name);
  for (size_t i = 0; i < q->nlangs; i++) sbx__xlsxw_str(x, labels[i]);
}

static void choices_sheet(sbx__xlsxw *x, const sbx__qn *q) {
  const sbx_survey *s = q->s;
  const char *labels[8];
  char list[SBX_QN_CODE_SIZE], name[SBX_QN_CODE_SIZE], nums[8][32];
  sbx__xlsxw_sheet(x, "choices");
  sbx__xlsxw_row(x);
  sbx__xlsxw_str(x, "list_name");
  sbx__xlsxw_str(x, "name");
  for (size_t i = 0; i < q->nlangs; i++) {
    char col[128], ln[96];
    snprintf(col, sizeof col, "label::%s", sbx__qn_lang_name(q, q->langs[i], ln, sizeof ln));
    sbx__xlsxw_str(x, col);
  }
  for (size_t ai = 0; ai < s->nanswer_scale; ai++) {
    const sbx_answer_scale *a = &s->answer_scale[ai];
    sbx__qn_xml_name(a->id, list, sizeof list);
    for (size_t k = 0; k < a->npoint; k++) {
      for (size_t i = 0; i < q->nlangs; i++)
        labels[i] = sbx__qn_point_label(a, k, q->langs[i], nums[i], sizeof nums[i]);
      snprintf(name, sizeof name, "%d", a->point[k].value);
      choice_row(x, q, list, name, labels);
    }
    if (a->has_dont_know) {
      for (size_t i = 0; i < q->nlangs; i++) labels[i] = sbx__qn_dk(q, a, q->langs[i]);
      choice_row(x, q, list, sbx__qn_dont_know_code(a), labels);
    }
  }
  for (size_t k = 0; k < q->nleaf; k++) {
    for (size_t i = 0; i < q->nlangs; i++)
      labels[i] = sbx__qn_unit_name(q->org, q->leaf[k], q->langs[i]);
    sbx__qn_xml_name(q->org->unit[q->leaf[k]].id, name, sizeof name);
    choice_row(x, q, "units", name, labels);
  }
}

int sbx__qn_xlsform(FILE *f, const sbx__qn *q, sbx_ctx *ctx) {
  (void)ctx;
  sbx__xlsxw *x = NULL;
  int rc = sbx__xlsxw_new(&x);
  if (rc) return rc;
  survey_sheet(x, q);
  choices_sheet(x, q);
  sbx__xlsxw_sheet(x, "settings");
  sbx__xlsxw_row(x);
  static const char *const head[] = { "form_title", "form_id", "version", "default_language" };
  for (size_t i = 0; i < 4; i++) sbx__xlsxw_str(x, head[i]);
  sbx__xlsxw_row(x);
  sbx__xlsxw_str(x, sbx__text_get(&q->s->title, q->lang));
  char id[SBX_QN_CODE_SIZE];
  sbx__qn_xml_name(q->s->id ? q->s->id : "sixbox", id, sizeof id);
  sbx__xlsxw_str(x, id);
  sbx__xlsxw_str(x, q->s->version);
  char ln[96];
  sbx__xlsxw_str(x, sbx__qn_lang_name(q, q->lang, ln, sizeof ln));
  rc = sbx__xlsxw_write(x, f);
  sbx__xlsxw_free(x);
  return rc;
}

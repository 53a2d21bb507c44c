/* The Google Apps Script that creates the Google Form: run once in the user's own
 * Google account (script.google.com), it makes a form with the unit question as a
 * drop-down of the leaf units, one grid question per part of the questionnaire, in
 * the survey's order (rows = the items, columns = the scale's labels and "don't
 * know"; sbx__qn_parts), an item on no scale (the gender question) as a plain
 * multiple-choice question, and the free-text questions. The form's response export
 * then has "Scale [Item]" columns (and the question's own text for a plain question)
 * with label values, which import without mapping. Every text reaches the script as
 * JSON made by jansson. */
#include "surveys/questionnaire/builders.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Setters that remember a failure (*bad) instead of dropping a key: a form that could
 * not be built whole is SBX_ENOMEM, never a form with a question left out. */
static void put(json_t *o, const char *k, json_t *v, int *bad) {
  if (!o || !v || json_object_set_new(o, k, v) != 0) {
    if (!o) json_decref(v);
    *bad = 1;
  }
}

static void add(json_t *a, json_t *v, int *bad) {
  if (!a || !v || json_array_append_new(a, v) != 0) {
    if (!a) json_decref(v);
    *bad = 1;
  }
}

/* One grid per part of the questionnaire (sbx__qn_parts): rows = its items in order,
 * columns = the answer scale's labels and "don't know"; an item on no scale is a
 * multiple-choice question of its own ("choices" instead of rows and columns). */
static json_t *part_json(const sbx__qn *q, const sbx__qn_part *p, int *bad) {
  const sbx_survey *s = q->s;
  const sbx_answer_scale *a = &s->answer_scale[s->item[p->first].answer_scale];
  json_t *o = json_object(), *rows = json_array(), *cols = json_array();
  char num[32], head[64], code[SBX_QN_CODE_SIZE];
  for (size_t j = p->first; j < p->first + p->count && !p->question; j++)
    add(rows, json_string(sbx__text_get(&s->item[j].text, q->lang)), bad);
  for (size_t k = 0; k < a->npoint; k++)
    add(cols, json_string(sbx__qn_point_label(a, k, q->lang, num, sizeof num)), bad);
  if (a->has_dont_know) add(cols, json_string(sbx__qn_dk(q, a, q->lang)), bad);
  const char *title = sbx__qn_heading(q, p, q->lang, head, sizeof head);
  sbx__qn_part_code(s, p, 1, code, sizeof code);
  put(o, "id", json_string(code), bad);
  put(o, "title", json_string(title[0] ? title : sbx__text_get(&s->item[p->first].text, q->lang)),
      bad);
  if (p->question) {
    json_decref(rows);
    put(o, "choices", cols, bad);
    return o;
  }
  put(o, "rows", rows, bad);
  put(o, "columns", cols, bad);
  return o;
}

static json_t *form_json(const sbx__qn *q, int *bad) {
  const sbx_survey *s = q->s;
  json_t *o = json_object(), *units = json_array(), *scales = json_array(),
         *free_text = json_array();
  char *instr = sbx__qn_instructions(q, q->lang);
  char *promise = sbx__qn_promise(q, q->lang);
  const char *intro = sbx__text_get(&s->intro, q->lang);
  char *desc = instr && promise ? sbx__asprintf("%s%s%s\n\n%s", intro, intro[0] ? "\n\n" : "",
                                                instr, promise)
                                : NULL;
  put(o, "title", json_string(sbx__text_get(&s->title, q->lang)), bad);
  put(o, "description", desc ? json_string(desc) : NULL, bad);
  put(o, "unitQuestion", json_string(sbx__qn_unit_q(q, q->lang)), bad);
  put(o, "unitHint", json_string(sbx__qn_text(q, q->lang, q->nleaf ? "unit_hint" : "unit_free")),
      bad);
  for (size_t k = 0; k < q->nleaf; k++)
    add(units, json_string(sbx__qn_unit_name(q->org, q->leaf[k], q->lang)), bad);
  put(o, "units", units, bad);
  for (size_t k = 0; k < q->nparts; k++) add(scales, part_json(q, &q->parts[k], bad), bad);
  put(o, "scales", scales, bad);
  for (size_t k = 0; k < s->nfree_text; k++)
    add(free_text, json_string(sbx__text_get(&s->free_text[k].text, q->lang)), bad);
  put(o, "freeText", free_text, bad);
  put(o, "commentsHint", json_string(sbx__qn_text(q, q->lang, "comments_hint")), bad);
  put(o, "thanks", json_string(sbx__qn_text(q, q->lang, "thanks")), bad);
  sbx__free(instr);
  sbx__free(promise);
  sbx__free(desc);
  return o;
}

static const char script[] =
  "\n"
  "function createSixboxForm() {\n"
  "  var d = SIXBOX_FORM;\n"
  "  var form = FormApp.create(d.title);\n"
  "  form.setDescription(d.description);\n"
  "  form.setCollectEmail(false);\n"
  "  form.setLimitOneResponsePerUser(false);\n"
  "  form.setProgressBar(true);\n"
  "  form.setConfirmationMessage(d.thanks);\n"
  "  if (d.units.length > 0) {\n"
  "    form.addListItem().setTitle(d.unitQuestion).setHelpText(d.unitHint)\n"
  "        .setChoiceValues(d.units).setRequired(true);\n"
  "  } else {\n"
  "    form.addTextItem().setTitle(d.unitQuestion).setHelpText(d.unitHint)\n"
  "        .setRequired(true);\n"
  "  }\n"
  "  d.scales.forEach(function (s) {\n"
  "    if (s.choices) {\n"
  "      form.addMultipleChoiceItem().setTitle(s.title).setChoiceValues(s.choices);\n"
  "      return;\n"
  "    }\n"
  "    form.addPageBreakItem();\n"
  "    form.addGridItem().setTitle(s.title).setRows(s.rows).setColumns(s.columns);\n"
  "  });\n"
  "  if (d.freeText.length > 0) form.addPageBreakItem().setHelpText(d.commentsHint);\n"
  "  d.freeText.forEach(function (t) {\n"
  "    form.addParagraphTextItem().setTitle(t);\n"
  "  });\n"
  "  Logger.log('Form for respondents: ' + form.getPublishedUrl());\n"
  "  Logger.log('Edit the form: ' + form.getEditUrl());\n"
  "}\n";

/* An id for the script's comment: letters, digits, '.', '-', '_' only. */
static void plain(const char *s, char *buf, size_t size) {
  size_t n = 0;
  for (; s && *s && n + 1 < size; s++) {
    char c = *s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '.' || c == '-' || c == '_')
      buf[n++] = c;
  }
  buf[n] = '\0';
}

int sbx__qn_gas(FILE *f, const sbx__qn *q, sbx_ctx *ctx) {
  (void)ctx;
  int bad = 0;
  json_t *o = form_json(q, &bad);
  char *data = o && !bad ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ESCAPE_SLASH)
                         : NULL;
  json_decref(o);
  if (!data) return SBX_ENOMEM;
  char id[SBX_QN_CODE_SIZE], version[SBX_QN_CODE_SIZE];
  plain(q->s->id, id, sizeof id);
  plain(q->s->version, version, sizeof version);
  fprintf(f,
          "/* Creates the Google Form for the survey \"%s\" version %s, made by sixbox.\n"
          " * Open script.google.com, create a project, paste this file, choose the\n"
          " * function createSixboxForm and press Run; the log shows the form's links.\n"
          " * Do not rename the form's questions: the response export maps by them. */\n"
          "var SIXBOX_FORM = ",
          id, version);
  fputs(data, f);
  fputs(";\n", f);
  fputs(script, f);
  sbx__json_free(data);
  return ferror(f) || fflush(f) ? SBX_EIO : 0;
}

/* The codes and labels a questionnaire sets in a survey tool, which the tool's export
 * then carries back: answer labels, "don't know", LimeSurvey codes, XForm node names,
 * the leaf units offered in the unit question. Shared by the questionnaire builders
 * and by simulate, so that a simulated export is exactly what the tool would write. */
#ifndef SBX_QUESTIONNAIRE_CODES_H
#define SBX_QUESTIONNAIRE_CODES_H

#include <stddef.h>
#include "surveys/lang/lang.h"
#include "surveys/model.h"

/* The XForm / XLSForm notes that show the introduction and the confidentiality
 * promise (the importer knows them as the form's own fields). */
#define SBX_QN_NOTE_INTRO "sixbox_intro"
#define SBX_QN_NOTE_PROMISE "sixbox_promise"

/* Room for any code or name made here. */
#define SBX_QN_CODE_SIZE 64

/* lang when the survey declares it, else the survey's first language (English when the
 * survey declares none). */
const char *sbx__qn_lang(const sbx_survey *s, const char *lang);

/* The label of answer point k in lang; the point's number (written into buf) when the
 * survey gives the point no label. */
const char *sbx__qn_point_label(const sbx_answer_scale *a, size_t k, const char *lang,
                                char *buf, size_t size);
/* The "don't know" label in lang (the catalogue's qn.dont-know in msgs, lang's
 * catalogue, when the survey gives none). */
const char *sbx__qn_dont_know_label(const sbx_answer_scale *a, const char *lang,
                                    const sbx__lang *msgs);
/* The code a tool stores for "don't know": the survey's code when it is letters and
 * digits (at most 5), else "99". */
const char *sbx__qn_dont_know_code(const sbx_answer_scale *a);

/* LimeSurvey codes: letters and digits only, beginning with a letter, at most 20
 * characters, unique among the survey's items (a clash gets a numeric suffix). */
void sbx__qn_ls_item_code(const sbx_survey *s, size_t item, char *buf, size_t size);
void sbx__qn_ls_scale_code(const sbx_survey *s, size_t scale, char *buf, size_t size);
/* The LimeSurvey answer code of leaf unit k (0-based, in sbx__qn_leaf_units order):
 * U001, U002...; the importer maps these codes back to the units. */
void sbx__qn_ls_unit_code(size_t k, char *buf, size_t size);
/* A code from any id (letters and digits, a letter first). */
void sbx__qn_ls_code(const char *id, char *buf, size_t size);

/* An XML name (XForm node, choice name) from an id: letters, digits, '_', '-', '.';
 * a letter or '_' first. */
void sbx__qn_xml_name(const char *id, char *buf, size_t size);

/* The id and the text of the unit question ("unit", "Enhet" / "Unit" by default),
 * and of free-text question q. */
const char *sbx__qn_unit_id(const sbx_survey *s);
const char *sbx__qn_unit_text(const sbx_survey *s, const char *lang, const sbx__lang *msgs);

/* The leaf units of org (units without children), in pre-order. *out is malloc'ed
 * (NULL when there are none). */
int sbx__qn_leaf_units(const sbx_org *o, size_t **out, size_t *n);

/* A unit's name in lang, else its id. */
const char *sbx__qn_unit_name(const sbx_org *o, size_t unit, const char *lang);

/* The questionnaire's order: the survey definition's item order, cut into parts that
 * every format shows the same way (a page of the online form, a table on paper, a
 * LimeSurvey group, an XForm group, a Google grid). When each scale's items follow one
 * another in the definition, a part is a scale, headed by its name; when the
 * definition interleaves the scales (the ODQ order, so that respondents do not answer
 * box by box), the parts are numbered ("Del 1 av 5"), at most SBX_QN_PART_ITEMS items
 * each, of nearly equal size. A part also ends where the answer scale changes, and an
 * item on no scale (the gender question) is a part of its own. */
#define SBX_QN_PART_ITEMS 7
typedef struct sbx__qn_part {
  size_t first, count;   /* items first .. first + count - 1, in survey order */
  size_t scale;          /* the scale whose items these are (grouped order), else SBX_NONE */
  size_t number, total;  /* 1-based number among the numbered parts; total of them */
  int question;          /* an item on no scale, alone */
} sbx__qn_part;

/* *out is malloc'ed (NULL when the survey has no items). */
int sbx__qn_parts(const sbx_survey *s, sbx__qn_part **out, size_t *n);
/* A part's heading in lang ("" for an item on no scale), into buf; msgs is lang's
 * catalogue ("Del 1 av 5"). */
const char *sbx__qn_part_heading(const sbx_survey *s, const sbx__qn_part *p,
                                 const char *lang, const sbx__lang *msgs, char *buf,
                                 size_t size);
/* A part's code: the scale's LimeSurvey code or XML name (xml set), else "part<N>"
 * (for an item on no scale: "q" + the item's code). */
void sbx__qn_part_code(const sbx_survey *s, const sbx__qn_part *p, int xml, char *buf,
                       size_t size);

/* How long the questionnaire takes, in whole minutes: SBX_QN_SECONDS_PER_ITEM a
 * statement, SBX_QN_SECONDS_PER_TEXT a free-text question and SBX_QN_SECONDS_FRAME for
 * the instructions and the unit question; from 10 minutes on rounded to 5. */
#define SBX_QN_SECONDS_PER_ITEM 20
#define SBX_QN_SECONDS_PER_TEXT 90
#define SBX_QN_SECONDS_FRAME 60
int sbx__qn_minutes(const sbx_survey *s);

/* Texts of the questionnaire's own frame (instructions, promise, headings): the
 * catalogue's qn.<key> in msgs. Never NULL. */
const char *sbx__qn_ui(const sbx__lang *msgs, const char *key);

#endif

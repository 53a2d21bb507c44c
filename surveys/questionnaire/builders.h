/* The questionnaire builders, one per format, behind sbx_questionnaire_write, and
 * the helpers they share. Library-internal. */
#ifndef SBX_QUESTIONNAIRE_BUILDERS_H
#define SBX_QUESTIONNAIRE_BUILDERS_H

#include <libxml/tree.h>
#include <stdio.h>
#include <sixbox/questionnaire.h>
#include "surveys/model.h"
#include "surveys/questionnaire/codes.h"

/* What every builder gets: the survey, the organisation (may be NULL), its leaf units,
 * the chosen language and the languages in output order (chosen first). */
typedef struct sbx__qn {
  const sbx_survey *s;
  const sbx_org *org;
  size_t *leaf;
  size_t nleaf;
  const char *lang;
  const char *langs[8];
  sbx__lang *msgs[8];   /* each language's catalogue (surveys/lang/lang.h) */
  size_t nlangs;
  int min_group;
  sbx__qn_part *parts;  /* the questionnaire's order (sbx__qn_parts) */
  size_t nparts;
} sbx__qn;

int sbx__qn_print(FILE *f, const sbx__qn *q, sbx_ctx *ctx);
int sbx__qn_lss(FILE *f, const sbx__qn *q, sbx_ctx *ctx);
int sbx__qn_xform(FILE *f, const sbx__qn *q, sbx_ctx *ctx);
int sbx__qn_gas(FILE *f, const sbx__qn *q, sbx_ctx *ctx);
int sbx__qn_xlsform(FILE *f, const sbx__qn *q, sbx_ctx *ctx);
int sbx__qn_keying(FILE *f, const sbx__qn *q, int xlsx, sbx_ctx *ctx);

/* Writes an XML document to f (UTF-8, indented); SBX_EIO or SBX_ENOMEM on failure. */
int sbx__qn_dump_xml(FILE *f, xmlDocPtr doc);

/* The catalogue of lang, one of q->langs (else the chosen language's). */
const sbx__lang *sbx__qn_msgs(const sbx__qn *q, const char *lang);
/* A frame text in lang: the catalogue's qn.<key>. */
const char *sbx__qn_text(const sbx__qn *q, const char *lang, const char *key);
/* The same with the placeholder {name} filled in with value; malloc'ed. */
char *sbx__qn_ui_fill(const sbx__qn *q, const char *lang, const char *key, const char *name,
                      const char *value);
/* The "don't know" label, the unit question and a part's heading in lang (codes.h),
 * with lang's catalogue for what the survey does not give. */
const char *sbx__qn_dk(const sbx__qn *q, const sbx_answer_scale *a, const char *lang);
const char *sbx__qn_unit_q(const sbx__qn *q, const char *lang);
const char *sbx__qn_heading(const sbx__qn *q, const sbx__qn_part *p, const char *lang,
                            char *buf, size_t size);
/* The confidentiality promise in lang, with the minimum group size; malloc'ed. */
char *sbx__qn_promise(const sbx__qn *q, const char *lang);
/* The language's name as the forms' language lists show it: "Svenska (sv)". */
const char *sbx__qn_lang_name(const sbx__qn *q, const char *lang, char *buf, size_t size);
/* The instructions in lang: how to answer, "don't know", and how long it takes
 * (sbx__qn_minutes); malloc'ed. */
char *sbx__qn_instructions(const sbx__qn *q, const char *lang);
/* The introduction (the survey's own, then the instructions) and the confidentiality
 * promise in every language, as the online forms show them before the first question;
 * the caller frees both texts. */
void sbx__qn_notes(const sbx__qn *q, sbx_text *intro, sbx_text *promise);

#endif

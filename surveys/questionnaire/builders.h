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

/* A formatted frame text (sbx__qn_ui key with one %s or %d filled in), malloc'ed. */
char *sbx__qn_ui_fmt_s(const char *lang, const char *key, const char *arg);
char *sbx__qn_ui_fmt_d(const char *lang, const char *key, int arg);
/* The instructions in lang: how to answer, "don't know", and how long it takes
 * (sbx__qn_minutes); malloc'ed. */
char *sbx__qn_instructions(const sbx__qn *q, const char *lang);
/* The introduction (the survey's own, then the instructions) and the confidentiality
 * promise in every language, as the online forms show them before the first question;
 * the caller frees both texts. */
void sbx__qn_notes(const sbx__qn *q, sbx_text *intro, sbx_text *promise);

#endif

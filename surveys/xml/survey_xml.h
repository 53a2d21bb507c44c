/* The survey builder and its whole-survey rules. Library-internal. */
#ifndef SBX_SURVEY_XML_H
#define SBX_SURVEY_XML_H

#include "surveys/xml/xmldoc.h"

/* Fills s from a schema-valid <survey> root; problems counted in b. */
void sbx__survey_build(sbx__xb *b, xmlNode *root, sbx_survey *s);
/* The rules across the survey: unique ids, thresholds, the six boxes, ... */
void sbx__survey_rules(sbx__xb *b, const sbx_survey *s);

/* The parts of a survey, also used for the blocks built into the library (block.c):
 * line, when not 0, replaces the node's own line in the model and in messages (a
 * block's items report the line of their <include>); scale, when not NULL, replaces
 * the item's scale attribute. */
void sbx__survey_answer_scale(sbx__xb *b, xmlNode *n, sbx_survey *s, long line);
void sbx__survey_scale(sbx__xb *b, xmlNode *n, sbx_survey *s, long line);
void sbx__survey_item(sbx__xb *b, xmlNode *n, sbx_survey *s, const char *scale, long line);
/* block.c: <include block="..."> and <gender-question>; the HME statements' links
 * (s->hme_item, s->has_hme) and their rules, after every item is known. */
void sbx__survey_include(sbx__xb *b, xmlNode *n, sbx_survey *s);
void sbx__survey_gender(sbx__xb *b, xmlNode *n, sbx_survey *s);
void sbx__survey_link_hme(sbx__xb *b, sbx_survey *s);

#endif

/* The survey builder and its whole-survey rules. Library-internal. */
#ifndef SBX_SURVEY_XML_H
#define SBX_SURVEY_XML_H

#include "surveys/xml/xmldoc.h"

/* Fills s from a schema-valid <survey> root; problems counted in b. */
void sbx__survey_build(sbx__xb *b, xmlNode *root, sbx_survey *s);
/* The rules across the survey: unique ids, thresholds, the six boxes, ... */
void sbx__survey_rules(sbx__xb *b, const sbx_survey *s);

#endif

/* The JSON half of sixbox show, for show_text.c. Library-internal. */
#ifndef SBX_SHOW_JSON_H
#define SBX_SHOW_JSON_H

#include <stdio.h>
#include <sixbox/error.h>
#include "surveys/model.h"

int sbx__show_survey_json(FILE *out, const sbx_survey *s, sbx_ctx *ctx);
int sbx__show_org_json(FILE *out, const sbx_org *o, const char *lang, sbx_ctx *ctx);

#endif

/* The model in readable form: `sixbox show`. A survey as its answer scales, scales
 * and items; an organisation as its unit tree and goal tree. Text for people, or
 * JSON as the show --json contract (surveys/README.md). */
#ifndef SIXBOX_SHOW_H
#define SIXBOX_SHOW_H

#include <stdio.h>
#include <sixbox/error.h>
#include <sixbox/survey.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes s to out: text (json == 0) in lang (NULL: the survey's first language),
 * or JSON with every language. Returns 0, SBX_ENOMEM or SBX_EIO (with a record). */
SBX_EXTERN int sbx_show_survey(FILE *out, const sbx_survey *s, const char *lang, int json,
                               sbx_ctx *ctx);
/* The same for an organisation; in JSON, names are in lang, titles in every
 * language. */
SBX_EXTERN int sbx_show_org(FILE *out, const sbx_org *o, const char *lang, int json,
                            sbx_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

/* The per-tool API drivers behind sbx_fetch(). Library-internal. */
#ifndef SBX_FETCH_APIS_H
#define SBX_FETCH_APIS_H

#include <stdio.h>
#include "engine/fetch/http.h"

/* Each writes the export to out (a temporary file) or fails with a reason. */
int sbx__fetch_plain(const char *url, const sbx_fetch_opts *o, int sheets, FILE *out,
                     sbx_ctx *ctx);
int sbx__fetch_qualtrics(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx);
int sbx__fetch_limesurvey(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx);
int sbx__fetch_kobo(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx);
int sbx__fetch_surveymonkey(const char *url, const sbx_fetch_opts *o, FILE *out,
                            sbx_ctx *ctx);

#endif

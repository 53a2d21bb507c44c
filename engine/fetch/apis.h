/* The per-tool API drivers behind sbx_fetch(). Library-internal. */
#ifndef SBX_FETCH_APIS_H
#define SBX_FETCH_APIS_H

#include <jansson.h>
#include <stdio.h>
#include "engine/fetch/http.h"

/* Each writes the export to out (a temporary file) or fails with a reason. */
int sbx__fetch_plain(const char *url, const sbx_fetch_opts *o, int sheets, FILE *out,
                     sbx_ctx *ctx);
int sbx__fetch_qualtrics(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx);
int sbx__fetch_limesurvey(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx);
int sbx__fetch_kobo(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx);
/* Kolada v3 key figures (o->kolada_kpi × kolada_municipality × kolada_years) or the
 * municipality groups matching o->kolada_groups, as tidy CSV (kolada.c). */
int sbx__fetch_kolada(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx);
/* One request whose answer must be JSON, parsed into *out (apis.c). */
int sbx__fetch_json(const sbx_fetch_opts *o, const sbx_http_req *rq, json_t **out,
                    sbx_ctx *ctx);
int sbx__fetch_surveymonkey(const char *url, const sbx_fetch_opts *o, FILE *out,
                            sbx_ctx *ctx);

#endif

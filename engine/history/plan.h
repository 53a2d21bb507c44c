/* The filled-in handlingsplan: read (XLSX or CSV) into a trend's follow-ups, and
 * judged against this wave's results. Library-internal. */
#ifndef SBX_HISTORY_PLAN_H
#define SBX_HISTORY_PLAN_H

#include "analysis/results.h"

/* Appends one follow-up per filled-in row to t->fu; every bad row is an error
 * "file:row: what to write instead"; any error refuses the file (SBX_EDATA). */
int sbx__plan_read(const char *path, const sbx_survey *s, const sbx_org *org, sbx_trend *t,
                   sbx_ctx *ctx);
/* Fills each follow-up's result from res (after the analysis). */
void sbx__plan_evaluate(sbx_trend *t, const sbx_results *res);

#endif

/* Writers of the import's outputs: the normalised response set (responses.csv), the
 * import log (import-log.json) and what inspect found (JSON and text). The engine's
 * public functions in <sixbox/import.h> call these. */
#ifndef SBX_REPORTS_IMPORTLOG_H
#define SBX_REPORTS_IMPORTLOG_H

#include <stdio.h>
#include <sixbox/survey.h>
#include "surveys/import_log.h"

typedef struct sbx_import_log sbx_import_log;
typedef struct sbx_inspection sbx_inspection;

int sbx__responses_write_csv(FILE *f, const sbx_responses *r, const sbx_survey *s,
                             const sbx_org *org, sbx_ctx *ctx);
int sbx__import_log_write_json(FILE *f, const sbx_import_log *log, sbx_ctx *ctx);
int sbx__inspection_write_json(FILE *f, const sbx_inspection *insp, sbx_ctx *ctx);
int sbx__inspection_write_text(FILE *f, const sbx_inspection *insp, const char *lang,
                               sbx_ctx *ctx);

/* A JSON string from text that may not be valid UTF-8 (bad bytes become U+FFFD). */
struct json_t;
struct json_t *sbx__importlog_jstr(const char *s);

#endif

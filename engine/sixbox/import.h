/* Importing the tools' response exports into one response set: detection of the tool
 * (dialect), mapping of columns to items and answers to numbers, duplicates, and a log
 * that accounts for every row (read = accepted + rejected + duplicates per file). */
#ifndef SIXBOX_IMPORT_H
#define SIXBOX_IMPORT_H

#include <stdio.h>
#include <sixbox/survey.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_import_log sbx_import_log;

typedef struct sbx_import_opts {
  const char *tool;     /* override detection: "google-forms", ...; NULL = detect */
  const char *mapping;  /* path of an explicit column mapping file; NULL = none */
  const char *sheet;    /* XLSX sheet name; NULL = the first */
  /* Called now and then with the rows read so far (progress); may be NULL. */
  void (*progress)(void *ud, const char *source, size_t rows);
  void *progress_ud;
} sbx_import_opts;

#define SBX_IMPORT_OPTS_INIT { NULL, NULL, NULL, NULL, NULL }

/* Imports every export in paths into one response set for survey s (org may be NULL:
 * then units stay unknown). Rows that cannot be used are rejected and logged, not
 * fatal; a file that cannot be read at all is an error. On failure *out and *log are
 * NULL. */
int sbx_import(sbx_responses **out, sbx_import_log **log, const sbx_survey *s,
               const sbx_org *org, const char *const *paths, size_t npaths,
               const sbx_import_opts *opts, sbx_ctx *ctx);

/* The normalised response set as CSV: response_id,source,unit,<item ids>. */
int sbx_responses_write_csv(FILE *f, const sbx_responses *r, const sbx_survey *s,
                            const sbx_org *org, sbx_ctx *ctx);
/* The log as JSON (import-log.json). */
int sbx_import_log_write_json(FILE *f, const sbx_import_log *log, sbx_ctx *ctx);
void sbx_import_log_free(sbx_import_log *log);

#ifdef __cplusplus
}
#endif
#endif

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

#define SBX_IMPORT_OPTS_VERSION 1

/* 0 or NULL = the default (see sixbox/common.h). */
typedef struct sbx_import_opts {
  unsigned int version; /* SBX_IMPORT_OPTS_VERSION */
  const char *tool;     /* override detection: "google-forms", ...; NULL = detect */
  const char *mapping;  /* path of an explicit column mapping file; NULL = none */
  const char *sheet;    /* XLSX sheet name; NULL = the first */
  /* Called now and then with the rows read so far (progress); may be NULL. */
  void (*progress)(void *ud, const char *source, size_t rows);
  void *progress_ud;
  /* SurveyMonkey bulk responses (JSON) name questions by id only: the survey details
   * file (GET /v3/surveys/{id}/details) that names them; NULL = none. */
  const char *details;
} sbx_import_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_import_opts_init(sbx_import_opts *opts, unsigned int version);
#define SBX_IMPORT_OPTS_INIT { .version = SBX_IMPORT_OPTS_VERSION }

/* Imports every export in paths into one response set for survey s (org may be NULL:
 * then units stay unknown). Rows that cannot be used are rejected and logged, not
 * fatal; a file that cannot be read at all is an error. On failure *out and *log are
 * NULL. Free *out with sbx_responses_free() and *log with sbx_import_log_free(). */
SBX_EXTERN int sbx_import(sbx_responses **out, sbx_import_log **log, const sbx_survey *s,
                          const sbx_org *org, const char *const *paths, size_t npaths,
                          const sbx_import_opts *opts, sbx_ctx *ctx);
/* NULL is fine. */
SBX_EXTERN void sbx_responses_free(sbx_responses *r);

/* The normalised response set as CSV: response_id,source,unit,<item ids>. */
SBX_EXTERN int sbx_responses_write_csv(FILE *f, const sbx_responses *r, const sbx_survey *s,
                                       const sbx_org *org, sbx_ctx *ctx);
/* The log as JSON (import-log.json). */
SBX_EXTERN int sbx_import_log_write_json(FILE *f, const sbx_import_log *log, sbx_ctx *ctx);
/* Rows of all files: read, accepted, rejected, duplicates (read = the other three); all
 * 0 for a NULL log. */
SBX_EXTERN void sbx_import_log_totals(size_t *read, size_t *accepted, size_t *rejected,
                                      size_t *duplicates, const sbx_import_log *log);
SBX_EXTERN void sbx_import_log_free(sbx_import_log *log);

/* ---- inspect: what an export is, without a survey ---- */
typedef struct sbx_inspection sbx_inspection;

SBX_EXTERN int sbx_inspection_new(sbx_inspection **out);
/* Reads the export at path and adds what it is to insp: tool (opts->tool overrides
 * detection), format, encoding, delimiter, header rows, number of response records,
 * each column's role (metadata, question, other). A file that cannot be read is an
 * error recorded in ctx and is not added. opts may be NULL. */
SBX_EXTERN int sbx_inspect(sbx_inspection *insp, const char *path,
                           const sbx_import_opts *opts, sbx_ctx *ctx);
/* {"schema": "sixbox-inspect/1", "files": [{"file", "tool", "format", "encoding",
 * "delimiter", "header_rows", "responses", "columns": [{"name", "role"}]}]} */
SBX_EXTERN int sbx_inspection_write_json(FILE *f, const sbx_inspection *insp, sbx_ctx *ctx);
/* The same for people; lang a language with a catalogue (NULL = English). */
SBX_EXTERN int sbx_inspection_write_text(FILE *f, const sbx_inspection *insp,
                                         const char *lang, sbx_ctx *ctx);
SBX_EXTERN void sbx_inspection_free(sbx_inspection *insp);

#ifdef __cplusplus
}
#endif
#endif

/* The importer: takes one export's rows (from a reader, or from a test), finds the
 * dialect from the first rows, maps the columns once, then turns each data row into a
 * response (or a logged rejection or duplicate) without allocating. Several files
 * feed one importer; duplicates are found across them. */
#ifndef SBX_IMPORT_IMPORTER_H
#define SBX_IMPORT_IMPORTER_H

#include <sixbox/import.h>
#include "engine/import/reader.h"
#include "surveys/import_log.h"

struct sbx__smap;

typedef struct sbx__importer sbx__importer;

int sbx__importer_new(sbx__importer **out, const sbx_survey *s, const sbx_org *org,
                      const sbx_import_opts *opts, sbx_ctx *ctx);
/* Adds one line of a mapping file (column, item); see sbx__matcher_add_manual. */
int sbx__importer_mapping(sbx__importer *im, const char *column, const char *target,
                          const char *source, uint32_t line);
/* Starts a file. info may be filled later (by the reader); it is read when the header
 * is complete and must stay valid until sbx__importer_end. */
int sbx__importer_begin(sbx__importer *im, const char *source, const sbx_file_info *info);
/* The row callback (an sbx_row_fn; ud is the importer). */
int sbx__importer_row(void *ud, size_t row, uint32_t line, const char *const *cells,
                      size_t ncell);
/* Ends the file: SBX_EDATA when it had no header or nothing maps to the survey. */
int sbx__importer_end(sbx__importer *im);

/* The reader of the current file failed (its message is out): end takes that code and
 * adds no message of its own (a damaged file is not also "empty"). */
void sbx__importer_fail(sbx__importer *im, int rc);
/* Hands over the response set and the log (the importer keeps nothing). */
int sbx__importer_finish(sbx__importer *im, sbx_responses **out, sbx_import_log **log);
void sbx__importer_free(sbx__importer *im);

/* Log building, shared with inspect (log.c). */
int sbx__log_new(sbx_import_log **out, const sbx_survey *s, const sbx_org *org);
int sbx__log_add_file(sbx_import_log *log, const char *name, uint32_t *index);
int sbx__log_row(sbx_log_row **v, size_t *n, size_t *cap, uint32_t file, uint32_t line,
                 const char *reason, const char *id);
/* Counts an unknown answer label (unit = 0) or unit (unit = 1); seen aggregates
 * them by file, column and value. */
int sbx__log_label(sbx_import_log *log, struct sbx__smap *seen, int unit, uint32_t file,
                   uint32_t column, uint32_t line, const char *value);
int sbx__log_range(sbx_import_log *log, uint32_t file, uint32_t column, uint32_t line,
                   const char *value);

#endif

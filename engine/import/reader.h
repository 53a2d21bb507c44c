/* The readers' side of import: each reader (CSV, XLSX, JSON, LimeSurvey XML, zip
 * archives) turns one export into a stream of rows of UTF-8 cells, header rows
 * included, and says what it found (format, encoding, delimiter). The dialects
 * (dialect_*.c) and the mapping read only this stream; they never see bytes. */
#ifndef SBX_IMPORT_READER_H
#define SBX_IMPORT_READER_H

#include <stddef.h>
#include <stdint.h>
#include <sixbox/error.h>

/* Hard caps on untrusted exports. */
#define SBX_IMPORT_MAX_FIELD (16u * 1024u * 1024u)   /* one cell */
#define SBX_IMPORT_MAX_COLUMNS 20000u
#define SBX_IMPORT_MAX_ROW (64u * 1024u * 1024u)     /* one record, all its cells */
#define SBX_IMPORT_MAX_FILE (2048ull * 1024u * 1024u) /* one input file */
#define SBX_IMPORT_MAX_JSON (512u * 1024u * 1024u)   /* JSON, XML, base64, zip in memory */
#define SBX_ZIP_MAX_ENTRIES 10000u
#define SBX_ZIP_MAX_UNCOMPRESSED (1024ull * 1024u * 1024u) /* all entries read, inflated */
#define SBX_ZIP_MAX_RATIO 200u                 /* inflated : compressed, per entry... */
#define SBX_ZIP_RATIO_GRACE (1024u * 1024u)    /* ...beyond this many bytes */

typedef struct sbx_file_info {
  char format[16];      /* "csv", "xlsx", "json", "lsr", "lsa", "zip" */
  char encoding[16];    /* "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252" */
  char delimiter;       /* ',', ';', '\t' for CSV; 0 otherwise */
  char json_kind[24];   /* for JSON: "kobotoolbox", "surveymonkey", "limesurvey-rc",
                           "odk-odata", "qualtrics"... as recognised; "" otherwise */
} sbx_file_info;

/* One row. cells[i] is NUL-terminated UTF-8 (never NULL; "" for an empty cell);
 * ncell may differ from row to row (the reader does not pad). line is the 1-based
 * physical line where the row starts in a text file, or the record's number
 * (1-based, header rows counted) in XLSX/JSON/XML. Return non-zero to stop. */
typedef int (*sbx_row_fn)(void *ud, size_t row, uint32_t line, const char *const *cells,
                          size_t ncell);

typedef struct sbx_read_opts {
  const char *sheet;    /* XLSX: sheet name; NULL = the first sheet */
  char delimiter;       /* CSV: 0 = detect */
  const char *encoding; /* NULL = detect */
} sbx_read_opts;

#define SBX_READ_OPTS_INIT { NULL, 0, NULL }

/* Detects the container from the content (not the name) and streams its rows.
 * JSON exports become a header row of field names, then one row per record.
 * A SurveyMonkey bulk response file needs its survey details: pass the details file
 * as companion (or NULL to look for "*details*.json" beside it is NOT done: the
 * caller passes it). Errors name the file and the line. */
int sbx__read_export(const char *path, const char *companion, const sbx_read_opts *opts,
                     sbx_row_fn fn, void *ud, sbx_file_info *info, sbx_ctx *ctx);

/* The same over a buffer already in memory (tests, fuzzing, fetched data). */
int sbx__read_export_memory(const char *data, size_t len, const char *source,
                            const sbx_read_opts *opts, sbx_row_fn fn, void *ud,
                            sbx_file_info *info, sbx_ctx *ctx);

#endif

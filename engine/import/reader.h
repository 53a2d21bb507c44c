/* The readers' side of import: each reader (CSV, XLSX, JSON, LimeSurvey XML, zip
 * archives) turns one export into a stream of rows of UTF-8 cells, header rows
 * included, and says what it found (format, encoding, delimiter). The dialects
 * (dialect_*.c) and the mapping read only this stream; they never see bytes.
 *
 * What each container gives (detected from the content, never from the file name):
 * - CSV/TSV: every physical record as it is, header rows included (Qualtrics' three,
 *   SurveyMonkey's two); cells are not trimmed and not padded; blank lines are skipped;
 *   a first line "sep=;" (Excel's hint) sets the delimiter and is not a row. Encoding:
 *   a BOM decides (UTF-8, UTF-16LE/BE); without one, the first 64 KB decide: valid UTF-8
 *   means UTF-8 (an invalid byte later is an error naming its line: the file is not
 *   guessed again), anything else means Windows-1252 (what Swedish Excel writes).
 *   Delimiter: the one of , ; TAB found the same number of times in each of the first
 *   records, outside quotes, most often.
 * - XLSX: the first sheet (or opts->sheet), rows as in the sheet; skipped columns are
 *   "", empty rows are left out (line = the sheet's row number shows the gap); numbers
 *   as stored ("3", "2.5"), booleans "TRUE"/"FALSE", errors as shown ("#N/A"), numbers
 *   in a date format as "YYYY-MM-DD HH:MM:SS".
 * - JSON and LimeSurvey .lsr: row 0 is a header made by the reader (the union of the
 *   field names, first seen first; nested objects give "group/field", arrays are kept
 *   as compact JSON text, null is ""), then one row per record.
 * - Zip: an XLSX workbook; a LimeSurvey .lsa (its .lsr is read); or any other zip
 *   (Qualtrics API, ODK Central): its CSV/TSV with the shortest name, else its JSON.
 * - LimeSurvey RemoteControl export_responses (a JSON-RPC answer, the bare JSON string,
 *   or the base64 text saved to a file): decoded and read as the CSV or JSON inside;
 *   json_kind is "limesurvey-rc" and format/encoding/delimiter are the inner file's
 *   (format "json" when it came as JSON-RPC).
 * - SurveyMonkey v3 bulk responses need the survey details file as `companion`. Header:
 *   id, collector_id, survey_id, response_status, date_created, date_modified,
 *   total_time, ip_address, email_address, first_name, last_name, custom_value,
 *   "custom_variables/<name>"..., then per question "Heading", per matrix row
 *   "Heading [Row text]", per other-box "Heading [Other text]" (a repeated name gets
 *   " (<question id>)"); cells are choice texts, several joined by "; ".
 * Errors (recorded in ctx, naming the file and line): SBX_EDATA for damaged or unknown
 * input, empty files and files without records; SBX_ELIMIT past a cap below;
 * SBX_EUSAGE for a missing companion or an unknown encoding name; SBX_ENOENT/SBX_EIO. */
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
#define SBX_IMPORT_MAX_JSON (512u * 1024u * 1024u)   /* JSON, base64 text, nested zip:
                                                        what must be held in memory */
#define SBX_ZIP_MAX_ENTRIES 10000u
#define SBX_ZIP_MAX_UNCOMPRESSED (1024ull * 1024u * 1024u) /* all entries read, inflated */
#define SBX_ZIP_MAX_RATIO 200u                 /* inflated : compressed, per entry... */
#define SBX_ZIP_RATIO_GRACE (1024u * 1024u)    /* ...beyond this many bytes */

typedef struct sbx_file_info {
  char format[16];      /* "csv", "xlsx", "json", "lsr", "lsa", "zip" ("xml" for an XML
                           file found not to be LimeSurvey responses) */
  char encoding[16];    /* "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252",
                           or the name given in opts->encoding */
  char delimiter;       /* ',', ';', '\t' (or opts->delimiter) for CSV; 0 otherwise */
  char json_kind[24];   /* "kobotoolbox" (results[]), "odk-odata" (value[]),
                           "surveymonkey" (data[].pages[]), "limesurvey-rc",
                           "limesurvey" or "qualtrics" (responses[]), "records" (a bare
                           array of objects); "" otherwise */
  uint64_t inflated;    /* bytes inflated from zip entries (nested archives included):
                           each entry stops at its cap (declared size, ratio, total) */
} sbx_file_info;

/* One row. cells[i] is NUL-terminated UTF-8 (never NULL; "" for an empty cell), valid
 * only during the call; ncell may differ from row to row (the reader does not pad).
 * row counts from 0 (the first row handed out, usually a header). line is the 1-based
 * physical line where the record starts in a text file (a record with newlines in
 * quoted cells spans several lines), the sheet's row number in XLSX, or the record's
 * number (1-based, the header row counted as 1) in JSON/XML. Return non-zero to stop:
 * the reader then returns your value if it is negative (an SBX_E* you recorded in ctx
 * yourself), else 0. */
typedef int (*sbx_row_fn)(void *ud, size_t row, uint32_t line, const char *const *cells,
                          size_t ncell);

typedef struct sbx_read_opts {
  const char *sheet;    /* XLSX: sheet name; NULL = the first sheet */
  char delimiter;       /* CSV: 0 = detect */
  const char *encoding; /* CSV: NULL = detect; else an iconv name ("windows-1252",
                           "utf-16le", "iso-8859-1"...; "utf-8" skips a BOM if any) */
} sbx_read_opts;

#define SBX_READ_OPTS_INIT { NULL, 0, NULL }

/* Detects the container from the content (not the name) and streams its rows.
 * A SurveyMonkey bulk response file needs its survey details: pass the details file
 * as companion (nothing looks for it beside the file: the caller passes it; NULL
 * otherwise). CSV is streamed (memory: a 256 KB chunk plus one row); zip entries are
 * inflated as they are read; JSON and base64 are loaded whole (SBX_IMPORT_MAX_JSON).
 * Only regular files are read. Errors name the file and the line. */
int sbx__read_export(const char *path, const char *companion, const sbx_read_opts *opts,
                     sbx_row_fn fn, void *ud, sbx_file_info *info, sbx_ctx *ctx);

/* The same over a buffer already in memory (tests, fuzzing, fetched data); source
 * names it in messages. No companion: SurveyMonkey bulk responses fail (SBX_EUSAGE). */
int sbx__read_export_memory(const char *data, size_t len, const char *source,
                            const sbx_read_opts *opts, sbx_row_fn fn, void *ud,
                            sbx_file_info *info, sbx_ctx *ctx);

#endif

/* The CSV record engine: UTF-8 bytes in (any chunking), rows out, with the physical
 * line where each record starts and the caps on fields, columns and rows enforced.
 * libcsv does the RFC 4180 parsing. Library-internal, used by csv.c. */
#ifndef SBX_IMPORT_CSVPARSE_H
#define SBX_IMPORT_CSVPARSE_H

#include "engine/import/readers/readers.h"

typedef struct sbx__csv sbx__csv;

/* check_utf8: verify every cell is valid UTF-8 (0: off, when a decoder produced it; 2:
 * the head already held UTF-8 characters, so an invalid byte means mixed encodings);
 * first_line: the physical line of the first byte fed (after a skipped "sep=" line). */
int sbx__csv_new(sbx__csv **out, sbx__rd *rd, char delim, int check_utf8,
                 uint64_t first_line);
/* Feeds bytes; returns 0 or an SBX_E* already recorded in rd->ctx. Stops quietly when
 * the caller asked to (rd->stop). */
int sbx__csv_feed(sbx__csv *c, const char *p, size_t n);
/* Ends the input: the last record, or an error for an unterminated quote. */
int sbx__csv_finish(sbx__csv *c);
/* The physical line now being read (1-based). */
uint64_t sbx__csv_line(const sbx__csv *c);
void sbx__csv_free(sbx__csv *c);

#endif

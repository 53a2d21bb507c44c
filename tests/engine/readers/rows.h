/* Test helpers for the readers: rows collected as text "line:cell|cell\n" so that a
 * test compares one string, plus reading with errors kept for inspection. */
#ifndef SBX_TEST_READERS_ROWS_H
#define SBX_TEST_READERS_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include "engine/import/reader.h"

typedef struct rows {
  char *text;       /* every row as "line:cell|cell\n" */
  size_t len, cap;
  size_t nrows;
  size_t max_ncell; /* the widest row */
  size_t stop_after;/* stop when this many rows were seen (0: never) */
  size_t keep;      /* text of the first `keep` rows only (0: all) */
} rows;

int rows_cb(void *ud, size_t row, uint32_t line, const char *const *cells, size_t n);
void rows_free(rows *r);

/* Reads a buffer; the rows land in *r, the first error message (if any) in msg. */
int read_mem(const char *data, size_t len, const sbx_read_opts *opts, rows *r,
             sbx_file_info *info, char *msg, size_t msgsize);
int read_path(const char *path, const char *companion, rows *r, sbx_file_info *info,
              char *msg, size_t msgsize);
/* Writes data to a fresh temporary file; returns its path (static buffer per call
 * site is the caller's: pass buf of 64 bytes). */
const char *write_temp(char *buf, const char *data, size_t len);

/* A zip archive of n entries made with libzip, as malloc'd bytes; lens may be NULL for
 * NUL-terminated datas. Entries are deflated, except in archives of more than 16
 * entries, which are stored (zlib's set-up per entry is slow under ASan). */
char *make_zip(const char *const *names, const char *const *datas, const size_t *lens,
               size_t n, size_t *len);
/* Reads a whole file into a malloc'd buffer (NULL if it cannot). */
char *slurp(const char *path, size_t *len);

#endif

/* A small RFC 4180 record writer for the simulated exports: each tool's delimiter,
 * quoting (minimal, or every field as LimeSurvey and KoboToolbox do), line ends, and
 * LimeSurvey's NULL (an empty unquoted field) apart from "" (quoted). */
#ifndef SBX_SIMULATE_CSVW_H
#define SBX_SIMULATE_CSVW_H

#include <stdio.h>
#include "surveys/util.h"

typedef struct sbx__csvw {
  FILE *f;
  char delim;
  int quote_all;
  const char *eol;
  int final_eol;          /* end the last record with eol too */
  size_t nrec;
  char **cell;            /* the record being built; NULL = SQL NULL */
  unsigned char *null;
  size_t n, cap;
  int err;                /* first error, kept until the end */
} sbx__csvw;

void sbx__csvw_init(sbx__csvw *w, FILE *f, char delim, int quote_all, const char *eol,
                    int final_eol);
/* Appends a cell (copied); s NULL = a NULL field. */
void sbx__csvw_add(sbx__csvw *w, const char *s);
void sbx__csvw_addf(sbx__csvw *w, const char *fmt, ...) SBX_PRINTF(2, 3);
/* Writes the record and starts the next. */
void sbx__csvw_end(sbx__csvw *w);
/* Ends the file; returns 0 or the first error (SBX_ENOMEM, SBX_EIO). */
int sbx__csvw_finish(sbx__csvw *w);

#endif

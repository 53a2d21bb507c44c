/* JSON exports for the readers: the table that turns records into a header row (the
 * union of field names, first seen first) and value rows, and the readers of each
 * kind. Library-internal. */
#ifndef SBX_IMPORT_JSONREAD_H
#define SBX_IMPORT_JSONREAD_H

#include <jansson.h>
#include "engine/import/readers/xmlread.h"

typedef struct sbx__table {
  sbx__rd *rd;
  json_t *index;        /* column name -> column number */
  sbx__buf names;       /* the column names, NUL-separated */
  size_t *noff;
  size_t ncol, ncap;
  sbx__buf *vals;       /* the current row, one buffer per column */
  unsigned char *set;   /* which columns have a value in the current row */
  size_t vcap;
  const char **cells;
  size_t cellcap;
  size_t rec;           /* the record being filled (1-based), for messages */
} sbx__table;

int sbx__table_init(sbx__table *t, sbx__rd *rd);
void sbx__table_free(sbx__table *t);
/* The column called name, added at the end if new. */
int sbx__table_col(sbx__table *t, const char *name, size_t *col);
/* Adds text to a column of the current row, after sep when it already has a value. */
int sbx__table_put(sbx__table *t, size_t col, const char *s, size_t n, const char *sep);
int sbx__table_header(sbx__table *t);
/* Hands out the current row (missing values as "") and clears it. */
int sbx__table_row(sbx__table *t, uint32_t line);

/* The text of a scalar (string, number, boolean; null is ""), in buf when it needs
 * formatting; NULL for arrays, objects and v == NULL. */
const char *sbx__json_scalar(const json_t *v, char *buf, size_t size);

/* A copy of in where every number too large for jansson (an integer of more than 18
 * digits, a real that overflows a double) is a string of its text. */
int sbx__json_quote_big_numbers(const char *in, size_t len, char **out, size_t *outlen);
/* Names every duplicate key in data (warnings, with the record it is in). */
int sbx__json_report_dups(sbx__rd *rd, const char *data, size_t len);

/* SurveyMonkey v3 bulk responses, named through the survey details in rd->companion. */
int sbx__read_json_surveymonkey(sbx__rd *rd, const json_t *root);

#endif

/* The simulation's insides, shared by the drawing (simulate.c), the comment bank and
 * the export writers. Library-internal. */
#ifndef SBX_SIMULATE_SIM_H
#define SBX_SIMULATE_SIM_H

#include <stdint.h>
#include <stdio.h>
#include <sixbox/simulate.h>
#include "surveys/lang/lang.h"
#include "surveys/model.h"

struct sbx_simulation {
  const sbx_survey *s;
  const sbx_org *org;
  unsigned long seed;
  sbx_responses *r;        /* drawn values; unit = leaf unit index; comments */
  uint8_t *dk;             /* n × nitem: 1 where the answer was "don't know" */
  int64_t *start;          /* seconds since 1970-01-01 (local time, no zone) */
  int32_t *duration;       /* seconds */
  uint64_t *token;         /* a random 64-bit token per row, for tools' response ids */
  const sbx__lang *msgs;   /* while writing: the export language's catalogue */
};

/* A comment from the catalogue's list in l (a language without a list of its own
 * uses English's): positive or critical in tone; index picks one. Some carry an
 * e-mail address or a telephone number. "" when there is no list at all. */
const char *sbx__sim_comment(const sbx__lang *l, int critical, unsigned long index);
size_t sbx__sim_comment_count(const sbx__lang *l, int critical);

/* Calendar text of t (seconds since 1970 in local time): "YYYY-MM-DD HH:MM:SS". */
void sbx__sim_time_iso(int64_t t, char *buf, size_t size);
/* Splits t into its civil parts. */
void sbx__sim_time_parts(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s);
/* An Excel serial date-time of t (days since 1899-12-30). */
double sbx__sim_time_excel(int64_t t);

/* The Microsoft Forms workbook (XLSX) into f. */
int sbx__sim_write_msforms(FILE *f, const sbx_simulation *sim, const char *lang,
                           sbx_ctx *ctx);
/* The CSV exports; format is one of the CSV formats. */
int sbx__sim_write_csv(FILE *f, const sbx_simulation *sim, const char *format,
                       const char *lang, sbx_ctx *ctx);

/* The answer of row i, item j as the text a tool shows (label; "don't know" label),
 * or "" when empty. buf holds a number label when needed. */
const char *sbx__sim_answer_label(const sbx_simulation *sim, size_t i, size_t j,
                                  const char *lang, char *buf, size_t size);
/* The row's comment to free-text question q, or NULL. */
const char *sbx__sim_comment_of(const sbx_simulation *sim, size_t row, size_t q);

#endif

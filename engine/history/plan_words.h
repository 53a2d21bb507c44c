/* The words a filled-in handlingsplan may use, read from the catalogue: each column's
 * header in every language that has a catalogue (planfile.col.<id>, also without its
 * note in brackets), the header an earlier version wrote, the column id; and the status
 * words (plan.planned, plan.ongoing, plan.done) in every language, an empty cell meaning
 * planned. So a plan written in any language is read back, and a new language needs no
 * C. Library-internal. */
#ifndef SBX_HISTORY_PLAN_WORDS_H
#define SBX_HISTORY_PLAN_WORDS_H

#include "analysis/results.h"

typedef struct sbx__plan_words sbx__plan_words;

/* The kind of a word: a column 0 .. SBX_PLAN_NCOL-1, or a status. */
#define SBX_PLAN_WORD_STATUS(st) (SBX_PLAN_NCOL + (size_t)(st))

/* The words of every language with a catalogue. SBX_ENOMEM, or a broken catalogue
 * file's SBX_EDATA (file and line in ctx). *out is NULL on failure. */
int sbx__plan_words_load(sbx__plan_words **out, sbx_ctx *ctx);
void sbx__plan_words_free(sbx__plan_words *w);
/* Is cell (spaces around it ignored, letters of any case) a word of kind? 1 or 0. */
int sbx__plan_words_is(const sbx__plan_words *w, size_t kind, const char *cell);
/* The status cell s means: 0 and *out, or SBX_EDATA (nothing recorded) when it is no
 * status word. */
int sbx__plan_words_status(const sbx__plan_words *w, const char *s, sbx_plan_status *out);
/* The words of kind for a message, "a / b / c" (malloc'ed; NULL when out of memory). */
char *sbx__plan_words_list(const sbx__plan_words *w, size_t kind);

#endif

/* Mapping an export onto a survey: column names -> items, the unit question and the
 * free-text questions (by id or code, alias, or text in any language, normalised;
 * an explicit mapping file first), answers -> numbers (numbers, labels and aliases in
 * any language, "7 - Instämmer helt", don't-know words and codes), and unit answers ->
 * organisation units (id, name in any language, alias). Built once per import, so the
 * per-row path only looks things up. */
#ifndef SBX_IMPORT_MAPPING_H
#define SBX_IMPORT_MAPPING_H

#include <stddef.h>
#include <stdint.h>
#include "surveys/norm.h"
#include "surveys/import_log.h"
#include "surveys/model.h"

/* A target: what a column is mapped to, and how the match was found. */
typedef struct sbx__target {
  sbx_log_target kind;
  uint32_t index;          /* item, or free-text question, index */
  const char *how;         /* static: "mapping file", "id", "alias", "text" */
} sbx__target;

/* Answer -> value per answer scale. */
typedef struct sbx__lookup {
  sbx__smap label;         /* normalised label -> value, or LOOKUP_DONT_KNOW */
  int min, max;
  const char *dk_code;     /* the scale's don't-know code; may be NULL */
} sbx__lookup;

typedef struct sbx__matcher {
  const sbx_survey *s;
  const sbx_org *org;
  sbx__smap names;         /* normalised column key -> packed target */
  sbx__smap manual_exact;  /* mapping file: column name as written -> packed target */
  sbx__smap manual_norm;   /* the same, normalised */
  size_t nmanual;
  sbx__smap units;         /* normalised unit id, name, alias -> unit index */
  uint32_t (*amb)[2];      /* labels two units share: the first two units of each */
  size_t namb, amb_cap;
  sbx__lookup *scale;      /* one per answer scale */
  size_t nscale;
} sbx__matcher;

/* What became of one answer cell. */
typedef enum {
  SBX_VAL_OK = 0, SBX_VAL_EMPTY, SBX_VAL_DONT_KNOW, SBX_VAL_SEEN_UNANSWERED,
  SBX_VAL_OUT_OF_RANGE, SBX_VAL_UNKNOWN, SBX_VAL_NOMEM
} sbx__val_status;

int sbx__matcher_init(sbx__matcher *m, const sbx_survey *s, const sbx_org *org);
void sbx__matcher_free(sbx__matcher *m);

/* Adds one line of a mapping file: column -> item id, unit question id, free-text id,
 * or "" / "-" to ignore the column. SBX_EDATA (recorded in ctx) for an unknown id. */
int sbx__matcher_add_manual(sbx__matcher *m, const char *column, const char *target,
                            const char *source, uint32_t line, sbx_ctx *ctx);

/* The target of a column, trying the mapping file with its name and keys, then (when
 * automatic is set) every key against ids, aliases and texts. Returns 1 when found,
 * 0 when not, SBX_ENOMEM. */
int sbx__matcher_column(const sbx__matcher *m, const char *name,
                        const char *const *keys, size_t nkey, int automatic,
                        sbx__target *out, sbx__scratch *scratch);

/* The value of an answer cell for an answer scale. recode: the tool writes
 * seen-unanswered recodes (999, -99). */
int8_t sbx__matcher_value(const sbx__lookup *l, const char *cell, int recode,
                          sbx__scratch *scratch, sbx__val_status *status);

/* The unit of a unit answer, or SBX_NO_UNIT (also when out of memory); for an answer
 * two units could match, SBX_NO_UNIT with both[] naming them (else both SBX_NO_UNIT). */
uint32_t sbx__matcher_unit(const sbx__matcher *m, const char *cell, sbx__scratch *scratch,
                           uint32_t both[2]);

#endif

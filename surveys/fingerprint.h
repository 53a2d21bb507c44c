/* The instrument behind a scale, as text and as a short fingerprint: what the
 * follow-up system compares before it shows a change between waves (docs/statistics.md,
 * "Comparable or not"). Library-internal. */
#ifndef SBX_FINGERPRINT_H
#define SBX_FINGERPRINT_H

#include <stddef.h>
#include "surveys/model.h"

/* "items=q01,q08;reverse=0,1;points=1,2,3,4,5,6,7;direction=high-is-good;cutoff=4": the
 * scale's items in order with their reverse keying and its answer scale. malloc'ed,
 * NULL when out of memory. */
char *sbx__scale_canon(const sbx_survey *s, size_t scale);
/* "fnv1a64:0123456789abcdef" of the canonical text into buf (at least 25 bytes);
 * 0, or SBX_ENOMEM. */
int sbx__scale_fingerprint(const sbx_survey *s, size_t scale, char *buf, size_t size);
/* The scale's item ids joined by commas; malloc'ed, NULL when out of memory. */
char *sbx__scale_items(const sbx_survey *s, size_t scale);
/* The answer scale of the scale's first item, or NULL for a scale without items. */
const sbx_answer_scale *sbx__scale_answers(const sbx_survey *s, size_t scale);

#endif

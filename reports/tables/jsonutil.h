/* Small jansson helpers for the JSON writer and the baseline reader: numbers that
 * turn NaN into null, [lo, hi] pairs, and setters that remember a failure instead of
 * checking every call. Library-internal. */
#ifndef SBX_JSONUTIL_H
#define SBX_JSONUTIL_H

#include <jansson.h>

/* v as a JSON real, or null when NaN or infinite (-0 becomes 0). */
json_t *sbx__jnum(double v);
/* [lo, hi], or null unless both are finite. */
json_t *sbx__jpair(double lo, double hi);
/* Sets o[k] = v (stealing v); on failure sets *bad. */
void sbx__jput(json_t *o, const char *k, json_t *v, int *bad);
void sbx__jappend(json_t *a, json_t *v, int *bad);
/* A number member of o, or NaN when absent, null or not a number. */
double sbx__jget_num(const json_t *o, const char *k);

#endif

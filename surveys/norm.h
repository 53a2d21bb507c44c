/* Texts for matching: column headers, item texts, answer labels and unit names are
 * compared after normalising case (UTF-8 aware), white space (NBSP too), punctuation,
 * HTML tags and entities; and a small hash map from such keys to numbers. */
#ifndef SBX_SURVEYS_NORM_H
#define SBX_SURVEYS_NORM_H

#include <stddef.h>
#include <stdint.h>

/* Normalises in[0..len) into out, which must hold len + 1 bytes (the result is never
 * longer than the input). Words come out lower-cased, separated by one space, with
 * no leading or trailing space. Returns the length written (out is NUL-terminated). */
size_t sbx__norm(const char *in, size_t len, char *out);

/* The same into a fresh string; NULL when out of memory. */
char *sbx__norm_dup(const char *in);

uint64_t sbx__hash(const char *s, size_t len);

/* A reusable buffer: grows only when a longer text than ever before comes. */
typedef struct sbx__scratch {
  char *buf;
  size_t cap;
} sbx__scratch;
/* Room for n bytes: 0 or SBX_ENOMEM. */
int sbx__scratch_need(sbx__scratch *s, size_t n);
/* Normalises in[0..len) into the scratch buffer; returns the length, or (size_t)-1
 * when out of memory. */
size_t sbx__scratch_norm(sbx__scratch *s, const char *in, size_t len);

/* A map from byte strings to int32 values: open addressing, keys copied. */
typedef struct sbx__smap {
  struct sbx__sent { char *key; size_t len; uint64_t hash; int32_t value; } *slot;
  size_t cap, n;
} sbx__smap;

/* Adds key -> value unless key is already there. Returns 1 when added, 0 when the
 * key existed (then *old, when not NULL, gets its value), SBX_ENOMEM. */
int sbx__smap_put(sbx__smap *m, const char *key, size_t len, int32_t value,
                  int32_t *old);
/* What sbx__smap_get() and sbx__smap_set() say of a key that is not there: a value,
 * not an SBX_E* code, so no map stores it (callers store indices >= 0 and codes below
 * -1, e.g. the ambiguous units of engine/import/mapping.c). */
#define SBX__SMAP_ABSENT (-1)
/* The value of key, or SBX__SMAP_ABSENT. */
int32_t sbx__smap_get(const sbx__smap *m, const char *key, size_t len);
/* Sets the value of an existing key; returns 0, or SBX__SMAP_ABSENT. */
int sbx__smap_set(sbx__smap *m, const char *key, size_t len, int32_t value);
void sbx__smap_free(sbx__smap *m);

#endif

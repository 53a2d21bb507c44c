/* The report's message catalogue: every label and sentence in Swedish and English,
 * from messages.tsv (embedded at build time). Library-internal. */
#ifndef SBX_CATALOG_H
#define SBX_CATALOG_H

#include <stddef.h>

typedef struct sbx__msg_entry {
  const char *key, *sv, *en;
} sbx__msg_entry;

extern const sbx__msg_entry sbx__msg_table[];
extern const size_t sbx__msg_count;

/* The text of key in lang ("sv"; anything else is English). A missing key gives the
 * key itself, so a gap shows rather than crashes. Never NULL. */
const char *sbx__msg(const char *lang, const char *key);
/* Is key in the catalogue? */
int sbx__msg_has(const char *key);
/* The text with each {name} replaced by its value: kv is name, value, ..., NULL.
 * Unknown names stay as they are. Returns a malloc'ed string, NULL when out of memory. */
char *sbx__msg_fill(const char *lang, const char *key, const char *const *kv);

#endif

/* Looking up the message catalogue (a table sorted by key, generated from
 * messages.tsv) and filling {name} placeholders in its sentences. */
#include "reports/catalog/catalog.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const sbx__msg_entry *find(const char *key) {
  size_t lo = 0, hi = sbx__msg_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(key, sbx__msg_table[mid].key);
    if (c == 0) return &sbx__msg_table[mid];
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return NULL;
}

const char *sbx__msg(const char *lang, const char *key) {
  const sbx__msg_entry *e = key ? find(key) : NULL;
  if (!e) return key ? key : "";
  return lang && strcmp(lang, "sv") == 0 ? e->sv : e->en;
}

int sbx__msg_has(const char *key) { return key && find(key) != NULL; }

/* The value for the placeholder name[0..len), or NULL. */
static const char *lookup(const char *const *kv, const char *name, size_t len) {
  for (size_t i = 0; kv && kv[i] && kv[i + 1]; i += 2)
    if (strlen(kv[i]) == len && memcmp(kv[i], name, len) == 0) return kv[i + 1];
  return NULL;
}

char *sbx__msg_fill(const char *lang, const char *key, const char *const *kv) {
  const char *t = sbx__msg(lang, key);
  size_t need = 1;
  for (const char *p = t; *p; p++) { /* first pass: the length */
    const char *end = *p == '{' ? strchr(p, '}') : NULL;
    const char *v = end ? lookup(kv, p + 1, (size_t)(end - p - 1)) : NULL;
    if (v) {
      need += strlen(v);
      p = end;
    } else {
      need++;
    }
  }
  char *out = sbx__malloc(need), *o = out;
  if (!out) return NULL;
  for (const char *p = t; *p; p++) {
    const char *end = *p == '{' ? strchr(p, '}') : NULL;
    const char *v = end ? lookup(kv, p + 1, (size_t)(end - p - 1)) : NULL;
    if (v) {
      size_t n = strlen(v);
      memcpy(o, v, n);
      o += n;
      p = end;
    } else {
      *o++ = *p;
    }
  }
  *o = '\0';
  return out;
}

/* Scale fingerprints: a canonical text of what a scale measures with (its items in
 * order, their reverse keying, the answer scale's points, direction and cut-off) and
 * its FNV-1a 64-bit hash. Not a security property: two waves are compared only when
 * the fingerprints are equal, so a collision could at worst show one change too many,
 * and the canonical parts (items, range) are stored beside it for a second look. */
#include "surveys/fingerprint.h"
#include "surveys/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sbuf {
  char *p;
  size_t len, cap;
  int bad;
} sbuf;

static void put(sbuf *b, const char *s) {
  size_t n = strlen(s);
  if (b->bad) return;
  if (sbx__grow(&b->p, &b->cap, b->len + n + 1, 1)) {
    b->bad = 1;
    return;
  }
  memcpy(b->p + b->len, s, n + 1);
  b->len += n;
}

const sbx_answer_scale *sbx__scale_answers(const sbx_survey *s, size_t scale) {
  if (!s || scale >= s->nscale || s->scale[scale].nitem == 0) return NULL;
  return &s->answer_scale[s->item[s->scale[scale].item[0]].answer_scale];
}

char *sbx__scale_items(const sbx_survey *s, size_t scale) {
  sbuf b = { 0 };
  put(&b, "");
  for (size_t i = 0; i < s->scale[scale].nitem; i++) {
    if (i) put(&b, ",");
    put(&b, s->item[s->scale[scale].item[i]].id);
  }
  if (b.bad) sbx__free(b.p);
  return b.bad ? NULL : b.p;
}

char *sbx__scale_canon(const sbx_survey *s, size_t scale) {
  const sbx_scale *sc = &s->scale[scale];
  char num[64];
  sbuf b = { 0 };
  char *items = sbx__scale_items(s, scale);
  put(&b, "items=");
  put(&b, items ? items : "");
  if (!items) b.bad = 1;
  sbx__free(items);
  put(&b, ";reverse=");
  for (size_t i = 0; i < sc->nitem; i++) put(&b, s->item[sc->item[i]].reverse ? (i ? ",1" : "1")
                                                                             : (i ? ",0" : "0"));
  const sbx_answer_scale *a = sbx__scale_answers(s, scale);
  put(&b, ";points=");
  for (size_t i = 0; a && i < a->npoint; i++) {
    snprintf(num, sizeof num, i ? ",%d" : "%d", a->point[i].value);
    put(&b, num);
  }
  put(&b, ";direction=");
  put(&b, a && a->direction == SBX_LOW_IS_GOOD ? "low-is-good" : "high-is-good");
  snprintf(num, sizeof num, ";cutoff=%.6g", a ? a->cutoff : 0.0);
  put(&b, num);
  if (b.bad) sbx__free(b.p);
  return b.bad ? NULL : b.p;
}

int sbx__scale_fingerprint(const sbx_survey *s, size_t scale, char *buf, size_t size) {
  char *c = sbx__scale_canon(s, scale);
  if (!c) return SBX_ENOMEM;
  uint64_t h = 14695981039346656037ULL;
  for (const unsigned char *p = (const unsigned char *)c; *p; p++) {
    h ^= *p;
    h *= 1099511628211ULL;
  }
  sbx__free(c);
  snprintf(buf, size, "fnv1a64:%016llx", (unsigned long long)h);
  return 0;
}

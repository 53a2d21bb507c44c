/* Normalised texts for matching headers, labels and unit names (see norm.h): UTF-8
 * decoded code point by code point, HTML tags skipped and entities decoded, Latin,
 * Greek and Cyrillic letters lower-cased, white space and punctuation folded into
 * single spaces; plus the string map the importer's lookups use. */
#include "surveys/norm.h"
#include "surveys/util.h"
#include "surveys/sixbox/error.h"

#include <stdlib.h>
#include <string.h>

/* Decodes one code point at s[*i] (len bytes in all). An invalid byte comes back as
 * 0x110000 + byte, so that it is copied as it is and still compares equal to itself. */
#define RAW_BYTE 0x110000u
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i) {
  unsigned c = s[*i];
  size_t n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
  if (c < 0x80) { (*i)++; return c; }
  if (n == 0 || *i + n >= len) { (*i)++; return RAW_BYTE + c; }
  uint32_t cp = c & (0x3Fu >> n);
  for (size_t k = 1; k <= n; k++) {
    if ((s[*i + k] & 0xC0) != 0x80) { (*i)++; return RAW_BYTE + c; }
    cp = (cp << 6) | (s[*i + k] & 0x3F);
  }
  *i += n + 1;
  return cp > 0x10FFFF ? RAW_BYTE + c : cp;
}

static size_t put_cp(char *o, uint32_t cp) {
  unsigned char *u = (unsigned char *)o;
  if (cp >= RAW_BYTE) { u[0] = (unsigned char)(cp - RAW_BYTE); return 1; }
  if (cp < 0x80) { u[0] = (unsigned char)cp; return 1; }
  if (cp < 0x800) {
    u[0] = (unsigned char)(0xC0 | (cp >> 6));
    u[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    u[0] = (unsigned char)(0xE0 | (cp >> 12));
    u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  u[0] = (unsigned char)(0xF0 | (cp >> 18));
  u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  u[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

static uint32_t lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0 || c >= RAW_BYTE) return c;
  if (c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x137) return c | 1;
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c == 0x178) return 0xFF;
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

/* 1 = a separator (white space or punctuation), 2 = dropped (invisible), 0 = kept. */
static int kind(uint32_t c) {
  if (c >= RAW_BYTE) return 0;
  if (c < 0x80) {
    if (c <= ' ' || c == 0x7F) return 1;
    if ((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')) return 0;
    return 1;
  }
  if (c == 0xAD || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF) return 2;
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA ? 0 : 1; /* NBSP, « » ¿ … */
  if (c == 0xD7 || c == 0xF7) return 1;
  if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || c == 0x1680 ||
      (c >= 0x2E00 && c <= 0x2E7F))
    return 1;
  return 0;
}

/* Precomposes a base letter with a combining mark (NFD input): å ä ö é ü and kin. */
static uint32_t compose(uint32_t base, uint32_t mark) {
  static const struct { uint32_t mark; const char *from; const char *to; } t[] = {
    { 0x308, "aeiouy", "\xE4\xEB\xEF\xF6\xFC\xFF" },
    { 0x30A, "a", "\xE5" },
    { 0x301, "aeiouy", "\xE1\xE9\xED\xF3\xFA\xFD" },
    { 0x300, "aeiou", "\xE0\xE8\xEC\xF2\xF9" },
    { 0x303, "ano", "\xE3\xF1\xF5" },
    { 0x327, "c", "\xE7" },
  };
  for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
    if (t[k].mark != mark) continue;
    const char *p = base < 0x80 ? strchr(t[k].from, (int)base) : NULL;
    if (p && base) return (unsigned char)t[k].to[p - t[k].from];
  }
  return 0;
}

/* An HTML entity at s[i] ('&'): its code point and length, or 0. */
static uint32_t entity(const char *s, size_t len, size_t i, size_t *n) {
  static const struct { const char *name; uint32_t cp; } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0xA0 }, { "aring", 0xE5 }, { "auml", 0xE4 }, { "ouml", 0xF6 },
    { "Aring", 0xC5 }, { "Auml", 0xC4 }, { "Ouml", 0xD6 }, { "eacute", 0xE9 },
    { "uuml", 0xFC }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  };
  size_t j = i + 1;
  while (j < len && j - i < 12 && s[j] != ';' && s[j] != '&' && s[j] != ' ') j++;
  if (j >= len || s[j] != ';' || j == i + 1) return 0;
  *n = j - i + 1;
  if (s[i + 1] == '#') {
    int hex = (s[i + 2] | 32) == 'x';
    uint32_t cp = 0;
    size_t k = i + 2 + (size_t)hex;
    if (k == j) return 0;
    for (; k < j; k++) {
      int c = (unsigned char)s[k], d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f') d = (c | 32) - 'a' + 10;
      else return 0;
      cp = cp * (hex ? 16u : 10u) + (uint32_t)d;
      if (cp > 0x10FFFF) return 0;
    }
    return cp && !(cp >= 0xD800 && cp <= 0xDFFF) ? cp : 0;
  }
  for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
    if (strlen(named[k].name) == j - i - 1 && memcmp(named[k].name, s + i + 1, j - i - 1) == 0)
      return named[k].cp;
  return 0;
}

/* Is s[i] ('<') the start of an HTML tag that ends before len? Sets *end past '>'. */
static int html_tag(const char *s, size_t len, size_t i, size_t *end) {
  unsigned char c = i + 1 < len ? (unsigned char)s[i + 1] : 0;
  if (!((c | 32) >= 'a' && (c | 32) <= 'z') && c != '/' && c != '!') return 0;
  const char *gt = memchr(s + i, '>', len - i);
  if (!gt) return 0;
  *end = (size_t)(gt - s) + 1;
  return 1;
}

size_t sbx__norm(const char *in, size_t len, char *out) {
  const unsigned char *s = (const unsigned char *)in;
  size_t i = 0, o = 0, last = 0; /* last: length of out after the last kept letter */
  int pending_space = 0;
  while (i < len) {
    uint32_t cp;
    size_t n, end;
    if (s[i] == '<' && html_tag(in, len, i, &end)) {
      i = end;
      pending_space = 1;
      continue;
    }
    if (s[i] == '&' && (cp = entity(in, len, i, &n)) != 0) i += n;
    else cp = next_cp(s, len, &i);
    int k = kind(cp);
    if (k == 2) continue;
    if (k == 1) { pending_space = 1; continue; }
    if (cp >= 0x300 && cp <= 0x36F) { /* combining mark: fold into the letter before */
      uint32_t prev = last > 0 && o == last && (unsigned char)out[o - 1] < 0x80
                      ? (unsigned char)out[o - 1] : 0;
      uint32_t c = compose(prev, cp);
      if (c) {
        o--;
        o += put_cp(out + o, c);
        last = o;
      }
      continue;
    }
    if (pending_space && o > 0) out[o++] = ' ';
    pending_space = 0;
    o += put_cp(out + o, lower(cp));
    last = o;
  }
  out[o] = '\0';
  return o;
}

char *sbx__norm_dup(const char *in) {
  size_t len = strlen(in);
  char *out = sbx__malloc(len + 1);
  if (out) sbx__norm(in, len, out);
  return out;
}

int sbx__scratch_need(sbx__scratch *s, size_t n) {
  if (n <= s->cap) return 0;
  size_t cap = s->cap ? s->cap : 256;
  while (cap < n) cap *= 2;
  char *b = sbx__realloc(s->buf, cap);
  if (!b) return SBX_ENOMEM;
  s->buf = b;
  s->cap = cap;
  return 0;
}

size_t sbx__scratch_norm(sbx__scratch *s, const char *in, size_t len) {
  if (sbx__scratch_need(s, len + 1)) return (size_t)-1;
  return sbx__norm(in, len, s->buf);
}

uint64_t sbx__hash(const char *s, size_t len) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

static size_t slot_of(const sbx__smap *m, const char *key, size_t len, uint64_t h) {
  size_t mask = m->cap - 1, i = (size_t)h & mask;
  while (m->slot[i].key &&
         !(m->slot[i].hash == h && m->slot[i].len == len &&
           memcmp(m->slot[i].key, key, len) == 0))
    i = (i + 1) & mask;
  return i;
}

static int rehash(sbx__smap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  struct sbx__sent *old = m->slot, *n = sbx__calloc(cap, sizeof *n);
  if (!n) return SBX_ENOMEM;
  size_t oldcap = m->cap;
  m->slot = n;
  m->cap = cap;
  for (size_t i = 0; i < oldcap; i++)
    if (old[i].key) n[slot_of(m, old[i].key, old[i].len, old[i].hash)] = old[i];
  sbx__free(old);
  return 0;
}

int sbx__smap_put(sbx__smap *m, const char *key, size_t len, int32_t value,
                  int32_t *old) {
  if ((m->n + 1) * 2 > m->cap && rehash(m)) return SBX_ENOMEM;
  uint64_t h = sbx__hash(key, len);
  size_t i = slot_of(m, key, len, h);
  if (m->slot[i].key) {
    if (old) *old = m->slot[i].value;
    return 0;
  }
  char *k = sbx__malloc(len + 1);
  if (!k) return SBX_ENOMEM;
  memcpy(k, key, len);
  k[len] = '\0';
  m->slot[i].key = k;
  m->slot[i].len = len;
  m->slot[i].hash = h;
  m->slot[i].value = value;
  m->n++;
  return 1;
}

int32_t sbx__smap_get(const sbx__smap *m, const char *key, size_t len) {
  if (!m->cap) return SBX__SMAP_ABSENT;
  size_t i = slot_of(m, key, len, sbx__hash(key, len));
  return m->slot[i].key ? m->slot[i].value : SBX__SMAP_ABSENT;
}

int sbx__smap_set(sbx__smap *m, const char *key, size_t len, int32_t value) {
  if (!m->cap) return SBX__SMAP_ABSENT;
  size_t i = slot_of(m, key, len, sbx__hash(key, len));
  if (!m->slot[i].key) return SBX__SMAP_ABSENT;
  m->slot[i].value = value;
  return 0;
}

void sbx__smap_free(sbx__smap *m) {
  for (size_t i = 0; i < m->cap; i++) sbx__free(m->slot[i].key);
  sbx__free(m->slot);
  memset(m, 0, sizeof *m);
}

/* What jansson refuses in a JSON export, taken apart so that one odd field never costs
 * the whole file (RFC 8259 §4 leaves duplicate names to the reader, §6 allows numbers
 * of any size): numbers too large for a C integer or double are read as their text,
 * and every duplicate key is named with its record (the last value is kept, as jansson
 * keeps it). */
#include "engine/import/readers/jsonread.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A number token at s[0..n): does it overflow jansson's json_int_t or a double? */
static int too_big(const char *s, size_t n) {
  size_t digits = 0;
  int real = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] >= '0' && s[i] <= '9') digits++;
    else if (s[i] == '.' || s[i] == 'e' || s[i] == 'E') real = 1;
  }
  if (!real) return digits > 18;
  char buf[512];
  if (n >= sizeof buf) return 1;
  memcpy(buf, s, n);
  buf[n] = '\0';
  return isinf(strtod(buf, NULL));
}

int sbx__json_quote_big_numbers(const char *in, size_t len, char **out, size_t *outlen) {
  sbx__buf b = {0};
  int instr = 0, rc = 0;
  size_t i = 0;
  while (i < len && !rc) {
    char c = in[i];
    if (instr) {
      if (c == '\\' && i + 1 < len) {
        rc = sbx__buf_add(&b, in + i, 2);
        i += 2;
        continue;
      }
      if (c == '"') instr = 0;
    } else if (c == '"') {
      instr = 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t j = i + 1;
      while (j < len && strchr("0123456789.eE+-", in[j])) j++;
      if (too_big(in + i, j - i))
        rc = sbx__buf_add(&b, "\"", 1) || sbx__buf_add(&b, in + i, j - i) ||
             sbx__buf_add(&b, "\"", 1);
      else
        rc = sbx__buf_add(&b, in + i, j - i);
      i = j;
      continue;
    }
    rc = sbx__buf_add(&b, &c, 1);
    i++;
  }
  if (rc || sbx__buf_add(&b, "", 1)) {
    sbx__free(b.s);
    return SBX_ENOMEM;
  }
  *out = b.s;
  *outlen = b.len - 1;
  return 0;
}

/* ---- duplicate keys ---- */

typedef struct level {
  int object;
  size_t index;        /* arrays: the element being read */
  json_t *keys;        /* objects: the keys seen */
  char *name;          /* the key this container is the value of, or NULL */
} level;

typedef struct dupscan {
  sbx__rd *rd;
  level *st;
  size_t depth, cap;
  long line;
  char *pending;       /* the last key read, the name of what comes next */
  size_t found;
} dupscan;

/* Where a duplicate sits: "record N" of the records array (the root array, or an array
 * under a root key) when inside one. */
static void report(dupscan *d, const char *key) {
  level *st = d->st;
  d->found++;
  if (d->depth >= 2 && !st[0].object)
    sbx__warning(d->rd->ctx, SBX_EDATA, d->rd->source, d->line, key,
                 "record %zu has the key '%s' twice; the last value is kept",
                 st[0].index + 1, key);
  else if (d->depth >= 3 && st[0].object && !st[1].object)
    sbx__warning(d->rd->ctx, SBX_EDATA, d->rd->source, d->line, key,
                 "record %zu of '%s' has the key '%s' twice; the last value is kept",
                 st[1].index + 1, st[1].name ? st[1].name : "", key);
  else
    sbx__warning(d->rd->ctx, SBX_EDATA, d->rd->source, d->line, key,
                 "the key '%s' appears twice in one object; the last value is kept", key);
}

/* The string token s[0..n) (quotes included) as text; NULL when out of memory. */
static char *token_text(const char *s, size_t n) {
  if (!memchr(s, '\\', n)) {
    char *t = sbx__malloc(n - 1);
    if (t) {
      memcpy(t, s + 1, n - 2);
      t[n - 2] = '\0';
    }
    return t;
  }
  json_error_t err;
  json_t *v = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
  if (!v && json_error_code(&err) == json_error_out_of_memory) return NULL;
  char *t = json_is_string(v) ? sbx__strdup(json_string_value(v)) : sbx__strdup("?");
  json_decref(v);
  return t;
}

static int push(dupscan *d, int object) {
  if (sbx__grow(&d->st, &d->cap, d->depth + 1, sizeof *d->st)) return SBX_ENOMEM;
  level *l = &d->st[d->depth++];
  memset(l, 0, sizeof *l);
  l->object = object;
  l->name = d->pending;
  d->pending = NULL;
  if (object && !(l->keys = json_object())) return SBX_ENOMEM;
  return 0;
}

static void pop(dupscan *d) {
  if (!d->depth) return;
  level *l = &d->st[--d->depth];
  json_decref(l->keys);
  sbx__free(l->name);
}

/* A string token ended: a key when ':' follows inside an object. */
static int string_token(dupscan *d, const char *s, size_t n, const char *rest, size_t left) {
  size_t k = 0;
  while (k < left && strchr(" \t\r\n", rest[k])) k++;
  if (!d->depth || !d->st[d->depth - 1].object || k >= left || rest[k] != ':') return 0;
  char *key = token_text(s, n);
  if (!key) return SBX_ENOMEM;
  level *l = &d->st[d->depth - 1];
  if (json_object_get(l->keys, key)) report(d, key);
  else if (json_object_set_new(l->keys, key, json_true())) return sbx__free(key), SBX_ENOMEM;
  sbx__free(d->pending);
  d->pending = key;
  return 0;
}

/* One pass over JSON that jansson parsed but for duplicate keys. */
static int scan(dupscan *d, const char *s, size_t len) {
  int rc = 0;
  for (size_t i = 0; i < len && !rc; i++) {
    char c = s[i];
    if (c == '\n') d->line++;
    if (c == '"') {
      size_t j = i + 1;
      while (j < len && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      if (j >= len) break;
      rc = string_token(d, s + i, j - i + 1, s + j + 1, len - j - 1);
      i = j;
    } else if (c == '{' || c == '[') {
      rc = push(d, c == '{');
    } else if (c == '}' || c == ']') {
      pop(d);
    } else if (c == ',' && d->depth) {
      if (!d->st[d->depth - 1].object) d->st[d->depth - 1].index++;
      sbx__free(d->pending);
      d->pending = NULL;
    }
  }
  return rc;
}

int sbx__json_report_dups(sbx__rd *rd, const char *data, size_t len) {
  dupscan d = {rd, NULL, 0, 0, 1, NULL, 0};
  int rc = scan(&d, data, len);
  while (d.depth) pop(&d);
  sbx__free(d.st);
  sbx__free(d.pending);
  return rc ? sbx__error(rd->ctx, rc, rd->source, 0, NULL, "out of memory") : 0;
}

/* Small helpers shared by all modules: strings, growth, whole-file reads under a cap,
 * UTF-8 validation (RFC 3629). */
#include "surveys/util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *sbx__strndup(const char *s, size_t n) {
  if (!s) return NULL;
  char *d = sbx__malloc(n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *sbx__strdup(const char *s) { return s ? sbx__strndup(s, strlen(s)) : NULL; }

char *sbx__asprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  char *s = sbx__malloc((size_t)n + 1);
  if (!s) return NULL;
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}

int sbx__grow(void *p, size_t *cap, size_t need, size_t size) {
  void **pp = (void **)p;
  if (need <= *cap) return 0;
  size_t c = *cap ? *cap : 8;
  while (c < need) {
    if (c > SIZE_MAX / 2) return SBX_ENOMEM;
    c *= 2;
  }
  if (size && c > SIZE_MAX / size) return SBX_ENOMEM;
  void *n = sbx__realloc(*pp, c * size);
  if (!n) return SBX_ENOMEM;
  *pp = n;
  *cap = c;
  return 0;
}

int sbx__open_error_code(int e) {
  if (e == ENOENT || e == ENOTDIR) return SBX_ENOENT;
  if (e == EACCES || e == EPERM) return SBX_EPERM;
  return SBX_EIO;
}

int sbx__read_file(const char *path, size_t cap, char **data, size_t *len, sbx_ctx *ctx) {
  *data = NULL;
  *len = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    int e = errno;
    return sbx__error(ctx, sbx__open_error_code(e), path, 0, NULL,
                      "cannot open: %s; check the path", strerror(e));
  }
  size_t size = 0, alloc = 0;
  char *buf = NULL;
  int rc = 0;
  for (;;) {
    if (sbx__grow(&buf, &alloc, size + 65536 + 1, 1)) {
      rc = sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory reading the file");
      break;
    }
    size_t got = fread(buf + size, 1, alloc - size - 1, f);
    size += got;
    if (size > cap) {
      rc = sbx__error(ctx, SBX_ELIMIT, path, 0, NULL,
                      "file is larger than the limit of %zu bytes", cap);
      break;
    }
    if (got == 0) {
      if (ferror(f))
        rc = sbx__error(ctx, SBX_EIO, path, 0, NULL, "read error: %s", strerror(errno));
      break;
    }
  }
  fclose(f);
  if (rc) {
    sbx__free(buf);
    return rc;
  }
  if (!buf && !(buf = sbx__malloc(1))) return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  buf[size] = '\0';
  *data = buf;
  *len = size;
  return 0;
}

int sbx__utf8_valid(const char *str, size_t len, size_t *bad) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    size_t n;
    uint32_t cp, min;
    if (c < 0x80) { i++; continue; }
    else if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
    else goto fail;
    for (size_t k = 1; k <= n; k++) {
      if (i + k >= len || (s[i + k] & 0xC0) != 0x80) goto fail;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto fail;
    i += n + 1;
  }
  return 1;
fail:
  if (bad) *bad = i;
  return 0;
}

int sbx__strcaseeq(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    int x = (unsigned char)*a, y = (unsigned char)*b;
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return 0;
  }
  return *a == *b;
}

int sbx__opts_init(void *opts, size_t size, unsigned int version, unsigned int current) {
  if (!opts || version == 0 || version > current) return SBX_EUSAGE;
  memset(opts, 0, size);
  memcpy(opts, &version, sizeof version);
  return 0;
}

int sbx__opts_check(const void *opts, unsigned int current, const char *what, sbx_ctx *ctx) {
  if (!opts) return 0;
  unsigned int version;
  memcpy(&version, opts, sizeof version);
  if (version == 0 || version > current)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, what,
                      "options version %u is not one this library (%s) knows; set it with "
                      "%s_init()", version, SBX_VERSION_STRING, what);
  return 0;
}

const char *sbx_version(void) { return SBX_VERSION_STRING; }

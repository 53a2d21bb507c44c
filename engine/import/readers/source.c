/* Byte sources for the readers: a buffer in memory, an open file, or one entry of a
 * zip archive being inflated. Every source counts the bytes it delivers against a cap,
 * because the sizes a zip declares can lie (docs/formats.md, "Untrusted input"). */
#include "engine/import/readers/readers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

void sbx__src_mem(sbx__src *s, const char *data, size_t len, const char *source,
                  sbx_ctx *ctx) {
  memset(s, 0, sizeof *s);
  s->kind = SBX__SRC_MEM;
  s->mem = data ? data : "";
  s->memlen = data ? len : 0;
  s->cap = UINT64_MAX;
  s->source = source;
  s->ctx = ctx;
}

void sbx__src_file(sbx__src *s, FILE *f, uint64_t cap, const char *source, sbx_ctx *ctx) {
  memset(s, 0, sizeof *s);
  s->kind = SBX__SRC_FILE;
  s->f = f;
  s->cap = cap;
  s->source = source;
  s->ctx = ctx;
}

void sbx__src_zip(sbx__src *s, sbx__zip_file *zf, uint64_t cap, const char *source,
                  sbx_ctx *ctx) {
  memset(s, 0, sizeof *s);
  s->kind = SBX__SRC_ZIP;
  s->zf = zf;
  s->cap = cap;
  s->source = source;
  s->ctx = ctx;
}

void sbx__src_free(sbx__src *s) {
  sbx__free(s->buf);
  s->buf = NULL;
  s->bufcap = s->buflen = s->bufpos = 0;
}

static int over_cap(sbx__src *s) {
  if (s->declared)
    return sbx__error(s->ctx, SBX_ELIMIT, s->source, 0, s->entry,
                      "the archive entry inflates to more than the %llu bytes its header "
                      "declares: the archive is damaged or a zip bomb; refused",
                      (unsigned long long)s->cap);
  return sbx__error(s->ctx, SBX_ELIMIT, s->source, 0, s->entry,
                    "the input is larger than the limit of %llu bytes%s",
                    (unsigned long long)s->cap,
                    s->kind == SBX__SRC_ZIP ? " once inflated (a zip bomb?)" : "");
}

/* Reads at most n bytes from the underlying file or zip entry into dst; never more
 * than one byte past the cap, so an entry whose header lies stops right there. */
static int raw_read(sbx__src *s, char *dst, size_t n, size_t *got) {
  *got = 0;
  if (s->eof || n == 0) return 0;
  if (s->cap - s->total < n) n = (size_t)(s->cap - s->total) + 1;
  if (s->kind == SBX__SRC_FILE) {
    size_t k = fread(dst, 1, n, s->f);
    if (k == 0 && ferror(s->f))
      return sbx__error(s->ctx, SBX_EIO, s->source, 0, NULL, "read error: %s",
                        strerror(errno));
    if (k == 0) s->eof = 1;
    *got = k;
  } else {
    zip_int64_t k = zip_fread(s->zf, dst, n);
    if (k < 0)
      return sbx__error(s->ctx, SBX_EDATA, s->source, 0, s->entry,
                        "cannot inflate the archive entry: %s; the archive is damaged",
                        zip_file_strerror(s->zf));
    if (k == 0) s->eof = 1;
    *got = (size_t)k;
  }
  s->total += *got;
  return s->total > s->cap ? over_cap(s) : 0;
}

/* Makes sure at least `want` unread bytes are buffered, unless the input ends first. */
static int fill(sbx__src *s, size_t want) {
  if (s->bufpos > 0 && s->bufpos == s->buflen) s->bufpos = s->buflen = 0;
  while (s->buflen - s->bufpos < want && !s->eof) {
    if (s->bufpos > 0) {
      memmove(s->buf, s->buf + s->bufpos, s->buflen - s->bufpos);
      s->buflen -= s->bufpos;
      s->bufpos = 0;
    }
    if (sbx__grow(&s->buf, &s->bufcap, want + 1, 1))
      return sbx__error(s->ctx, SBX_ENOMEM, s->source, 0, NULL, "out of memory");
    size_t got;
    int rc = raw_read(s, s->buf + s->buflen, s->bufcap - 1 - s->buflen, &got);
    if (rc) return rc;
    s->buflen += got;
  }
  return 0;
}

int sbx__src_peek(sbx__src *s, size_t want, const char **p, size_t *n) {
  if (s->kind == SBX__SRC_MEM) {
    *p = s->mem + s->mempos;
    *n = s->memlen - s->mempos < want ? s->memlen - s->mempos : want;
    return 0;
  }
  int rc = fill(s, want);
  if (rc) return rc;
  *p = s->buf + s->bufpos;
  *n = s->buflen - s->bufpos < want ? s->buflen - s->bufpos : want;
  return 0;
}

int sbx__src_next(sbx__src *s, size_t max, const char **p, size_t *n) {
  if (s->kind == SBX__SRC_MEM) {
    size_t k = s->memlen - s->mempos < max ? s->memlen - s->mempos : max;
    *p = s->mem + s->mempos;
    *n = k;
    s->mempos += k;
    return 0;
  }
  if (s->bufpos == s->buflen) {
    int rc = fill(s, max);
    if (rc) return rc;
  }
  size_t k = s->buflen - s->bufpos < max ? s->buflen - s->bufpos : max;
  *p = s->buf + s->bufpos;
  *n = k;
  s->bufpos += k;
  return 0;
}

int sbx__src_all(sbx__src *s, size_t cap, const char **data, size_t *len, char **owned) {
  *owned = NULL;
  if (s->kind == SBX__SRC_MEM) {
    size_t k = s->memlen - s->mempos;
    if (k > cap)
      return sbx__error(s->ctx, SBX_ELIMIT, s->source, 0, NULL,
                        "the input is larger than the limit of %zu bytes for this format",
                        cap);
    *data = s->mem + s->mempos;
    *len = k;
    s->mempos = s->memlen;
    return 0;
  }
  if (s->cap - s->total > cap) { /* the format's own cap */
    s->cap = s->total + cap;
    s->declared = 0;
  }
  for (;;) {
    size_t have = s->buflen - s->bufpos;
    if (s->eof) break;
    if (have > cap)
      return sbx__error(s->ctx, SBX_ELIMIT, s->source, 0, NULL,
                        "the input is larger than the limit of %zu bytes for this format",
                        cap);
    int rc = fill(s, have < 65536 ? 65536 : have * 2);
    if (rc) return rc;
  }
  size_t k = s->buflen - s->bufpos;
  if (k > cap)
    return sbx__error(s->ctx, SBX_ELIMIT, s->source, 0, NULL,
                      "the input is larger than the limit of %zu bytes for this format", cap);
  char *out = sbx__malloc(k + 1);
  if (!out) return sbx__error(s->ctx, SBX_ENOMEM, s->source, 0, NULL, "out of memory");
  memcpy(out, s->buf + s->bufpos, k);
  out[k] = '\0';
  s->bufpos = s->buflen;
  *data = out;
  *len = k;
  *owned = out;
  return 0;
}

/* Test helpers for the readers (see rows.h). */
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sixbox/error.h>
#include <zip.h>

static void put(rows *r, const char *s, size_t n) {
  if (r->len + n + 1 > r->cap) {
    size_t c = r->cap ? r->cap : 256;
    while (c < r->len + n + 1) c *= 2;
    r->text = realloc(r->text, c);
    if (!r->text) abort();
    r->cap = c;
  }
  memcpy(r->text + r->len, s, n);
  r->len += n;
  r->text[r->len] = '\0';
}

int rows_cb(void *ud, size_t row, uint32_t line, const char *const *cells, size_t n) {
  rows *r = ud;
  if (row != r->nrows) abort(); /* rows are numbered 0, 1, 2... */
  r->nrows++;
  if (n > r->max_ncell) r->max_ncell = n;
  if (!r->keep || r->nrows <= r->keep) {
    char head[32];
    int k = snprintf(head, sizeof head, "%u:", (unsigned)line);
    put(r, head, (size_t)k);
    for (size_t i = 0; i < n; i++) {
      if (i) put(r, "|", 1);
      put(r, cells[i], strlen(cells[i]));
    }
    put(r, "\n", 1);
  }
  return r->stop_after && r->nrows >= r->stop_after;
}

void rows_free(rows *r) {
  free(r->text);
  memset(r, 0, sizeof *r);
}

static void first_error(sbx_ctx *ctx, char *msg, size_t msgsize) {
  if (!msg || !msgsize) return;
  msg[0] = '\0';
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    const sbx_error *e = sbx_ctx_get(ctx, i);
    if (e->severity == SBX_SEV_ERROR) {
      sbx_error_format(msg, msgsize, e);
      return;
    }
  }
}

int read_mem(const char *data, size_t len, const sbx_read_opts *opts, rows *r,
             sbx_file_info *info, char *msg, size_t msgsize) {
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_file_info local;
  int rc = sbx__read_export_memory(data, len, "test.csv", opts, rows_cb, r,
                                   info ? info : &local, ctx);
  first_error(ctx, msg, msgsize);
  sbx_ctx_free(ctx);
  return rc;
}

int read_path(const char *path, const char *companion, rows *r, sbx_file_info *info,
              char *msg, size_t msgsize) {
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_file_info local;
  int rc = sbx__read_export(path, companion, NULL, rows_cb, r, info ? info : &local, ctx);
  first_error(ctx, msg, msgsize);
  sbx_ctx_free(ctx);
  return rc;
}

const char *write_temp(char *buf, const char *data, size_t len) {
  snprintf(buf, 64, "/tmp/sbx-readers-XXXXXX");
  int fd = mkstemp(buf);
  if (fd < 0) abort();
  FILE *f = fdopen(fd, "wb");
  if (!f || fwrite(data, 1, len, f) != len) abort();
  fclose(f);
  return buf;
}

char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0, k;
  char *d = malloc(cap + 1);
  while ((k = fread(d + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) d = realloc(d, (cap *= 2) + 1);
  }
  fclose(f);
  d[n] = '\0';
  *len = n;
  return d;
}

char *make_zip(const char *const *names, const char *const *datas, const size_t *lens,
               size_t n, size_t *len) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/sbx-readers-zip-XXXXXX");
  int fd = mkstemp(path);
  if (fd < 0) abort();
  close(fd);
  int err = 0;
  zip_t *za = zip_open(path, ZIP_TRUNCATE, &err);
  if (!za) abort();
  for (size_t i = 0; i < n; i++) {
    size_t l = lens ? lens[i] : strlen(datas[i]);
    zip_source_t *src = zip_source_buffer(za, datas[i], l, 0);
    zip_int64_t idx = src ? zip_file_add(za, names[i], src, ZIP_FL_OVERWRITE) : -1;
    if (idx < 0) abort();
    if (n > 16) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
  }
  if (zip_close(za) != 0) abort();
  char *d = slurp(path, len);
  unlink(path);
  if (!d) abort();
  return d;
}

/* The readers' front door: opens the export (a file or a buffer), tells the container
 * from its first bytes (zip magic, JSON, LimeSurvey XML, bare base64, else CSV) and
 * hands it to the matching reader. Nothing here trusts the file name. */
#include "engine/import/readers/readers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum container { C_CSV, C_ZIP, C_JSON, C_XML, C_BASE64, C_OLE2 };

int sbx__rd_emit(sbx__rd *rd, uint32_t line, const char *const *cells, size_t n) {
  if (rd->stop) return 1;
  int r = rd->fn ? rd->fn(rd->ud, rd->row, line, cells, n) : 0;
  rd->row++;
  if (r) {
    rd->stop = 1;
    rd->stop_rc = r < 0 ? r : 0;
    return 1;
  }
  return 0;
}

int sbx__rd_result(const sbx__rd *rd, int rc) {
  if (rc) return rc;
  return rd->stop ? rd->stop_rc : 0;
}

uint32_t sbx__line32(uint64_t line) { return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line; }

static int is_b64(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '+' || c == '/' || c == '=';
}

/* Is the head of what base64 text decodes to a text export? LimeSurvey RemoteControl
 * (export_responses) is the one tool that hands out base64, and what it encodes is a
 * CSV, JSON or XML file: a BOM or an ASCII start, then UTF-8 without control bytes. A
 * file that merely uses the alphabet (a column of digits, say) decodes to bytes above
 * 0xCF and so stays what it is. */
static int decodes_to_text(const unsigned char *u, size_t n) {
  char in[64], *out = NULL;
  size_t k = 0, len;
  for (size_t i = 0; i < n && k < sizeof in; i++) {
    if (u[i] == '\r' || u[i] == '\n') continue;
    if (u[i] == '=' || !is_b64(u[i])) break;
    in[k++] = (char)u[i];
  }
  if (k < 8 || sbx__rd_base64_decode(&out, &len, in, k & ~(size_t)3)) return 0;
  const unsigned char *d = (const unsigned char *)out;
  size_t i = len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
  int ok = i < len && d[i] < 0x80 && (d[i] >= 0x20 || d[i] == '\t' || d[i] == '\r' ||
                                     d[i] == '\n');
  for (size_t j = i; ok && j < len; j++)
    ok = d[j] >= 0x20 ? d[j] != 0x7F : (d[j] == '\t' || d[j] == '\r' || d[j] == '\n');
  if (ok) { /* valid UTF-8, allowing a sequence cut at the end of the head */
    size_t bad = len;
    ok = sbx__utf8_valid(out + i, len - i, &bad) || i + bad + 4 > len;
  }
  sbx__free(out);
  return ok;
}

/* A LimeSurvey RemoteControl answer saved as it came: one long run of base64 that
 * decodes to a text export (quoted: the bare JSON string, which may end in the window). */
static int looks_base64(const unsigned char *u, size_t n, int quoted) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    if (quoted && u[i] == '"') break;
    if (!quoted && (u[i] == '\r' || u[i] == '\n')) continue;
    if (!is_b64(u[i])) return 0;
    run++;
  }
  return run >= 64 && decodes_to_text(u, n);
}

static enum container detect(const char *h, size_t n) {
  const unsigned char *u = (const unsigned char *)h;
  if (n >= 4 && u[0] == 'P' && u[1] == 'K' &&
      ((u[2] == 3 && u[3] == 4) || (u[2] == 5 && u[3] == 6)))
    return C_ZIP;
  if (n >= 8 && memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    return C_OLE2; /* an old Excel .xls (or another OLE2 compound file) */
  if (n >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == '<' && u[3] == 0) ||
                 (u[0] == 0xFE && u[1] == 0xFF && u[2] == 0 && u[3] == '<')))
    return C_XML; /* UTF-16 XML: libxml2 converts it */
  if (n >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && (u[2] == '{' || u[2] == '[') && u[3] == 0) ||
                 (u[0] == 0xFE && u[1] == 0xFF && u[2] == 0 && (u[3] == '{' || u[3] == '['))))
    return C_JSON; /* refused there with a reason: JSON is UTF-8 (RFC 8259) */
  size_t i = 0;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) i = 3;
  while (i < n && (u[i] == ' ' || u[i] == '\t' || u[i] == '\r' || u[i] == '\n')) i++;
  if (i < n && u[i] == '{') return C_JSON;
  if (i < n && u[i] == '[') { /* JSON array, or a CSV whose first header is "[Q1] ..." */
    size_t j = i + 1;
    while (j < n && (u[j] == ' ' || u[j] == '\t' || u[j] == '\r' || u[j] == '\n')) j++;
    if (j >= n || strchr("{[]\"-0123456789tfn", u[j])) return C_JSON;
  }
  if (i < n && u[i] == '"' && looks_base64(u + i + 1, n - i - 1 > 80 ? 80 : n - i - 1, 1))
    return C_JSON; /* a bare JSON string: the RemoteControl result alone */
  if (i < n && u[i] == '<') return C_XML;
  if (i < n && looks_base64(u + i, n - i, 0)) return C_BASE64;
  return C_CSV;
}

/* Base64 text (a LimeSurvey RemoteControl export saved to a file): decode, read inside. */
static int read_base64(sbx__rd *rd, sbx__src *src) {
  const char *data;
  size_t len;
  char *owned = NULL, *dec = NULL;
  size_t declen;
  int rc = sbx__src_all(src, SBX_IMPORT_MAX_JSON, &data, &len, &owned);
  if (rc) return rc;
  rc = sbx__rd_base64_decode(&dec, &declen, data, len);
  sbx__free(owned);
  if (rc == SBX_ENOMEM) return sbx__error(rd->ctx, rc, rd->source, 0, NULL, "out of memory");
  if (rc)
    return sbx__error(rd->ctx, rc, rd->source, 0, NULL,
                      "the file looks like base64 but does not decode; is it complete?");
  snprintf(rd->info->json_kind, sizeof rd->info->json_kind, "limesurvey-rc");
  sbx__src inner;
  sbx__src_mem(&inner, dec, declen, rd->source, rd->ctx);
  rc = sbx__read_src(rd, &inner);
  sbx__free(dec);
  return rc;
}

static int read_json_src(sbx__rd *rd, sbx__src *src) {
  const char *data;
  size_t len;
  char *owned = NULL;
  int rc = sbx__src_all(src, SBX_IMPORT_MAX_JSON, &data, &len, &owned);
  if (!rc) rc = sbx__read_json(rd, data, len);
  sbx__free(owned);
  return rc;
}

int sbx__read_src(sbx__rd *rd, sbx__src *src) {
  const char *h;
  size_t n;
  if (rd->depth >= SBX__MAX_DEPTH)
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                      "containers are nested too deeply; the file is refused");
  int rc = sbx__src_peek(src, SBX__SNIFF_BYTES, &h, &n);
  if (rc) return rc;
  rd->depth++;
  switch (detect(h, n)) {
  case C_ZIP: {
    const char *data;
    size_t len;
    char *owned = NULL;
    rc = sbx__src_all(src, SBX_IMPORT_MAX_JSON, &data, &len, &owned);
    if (!rc) rc = sbx__read_zip_mem(rd, data, len);
    sbx__free(owned);
    break;
  }
  case C_JSON: rc = read_json_src(rd, src); break;
  case C_XML: rc = sbx__read_lsr(rd, src, NULL); break;
  case C_BASE64: rc = read_base64(rd, src); break;
  case C_OLE2:
    rc = sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                    "this is an old Excel workbook (.xls, a binary OLE2 file), which sixbox "
                    "does not read: open it in Excel or LibreOffice Calc and save it as an "
                    "Excel workbook (.xlsx) or as CSV (UTF-8), then import that file");
    break;
  default: rc = sbx__read_csv(rd, src); break;
  }
  rd->depth--;
  return rc;
}

static void rd_init(sbx__rd *rd, const char *source, const char *companion,
                    const sbx_read_opts *opts, sbx_row_fn fn, void *ud, sbx_file_info *info,
                    sbx_ctx *ctx) {
  static const sbx_read_opts defaults = SBX_READ_OPTS_INIT;
  memset(rd, 0, sizeof *rd);
  memset(info, 0, sizeof *info);
  rd->source = source ? source : "(input)";
  rd->companion = companion;
  rd->opts = opts ? opts : &defaults;
  rd->fn = fn;
  rd->ud = ud;
  rd->info = info;
  rd->ctx = ctx;
}

int sbx__read_export_memory(const char *data, size_t len, const char *source,
                            const sbx_read_opts *opts, sbx_row_fn fn, void *ud,
                            sbx_file_info *info, sbx_ctx *ctx) {
  sbx_file_info local;
  sbx__rd rd;
  sbx__src src;
  rd_init(&rd, source, NULL, opts, fn, ud, info ? info : &local, ctx);
  if (!data && len)
    return sbx__error(ctx, SBX_EUSAGE, rd.source, 0, NULL, "no data given");
  sbx__src_mem(&src, data, len, rd.source, ctx);
  int rc = sbx__read_src(&rd, &src);
  sbx__src_free(&src);
  return sbx__rd_result(&rd, rc);
}

/* Opens path as a regular file under the size cap. */
static int open_export(const char *path, FILE **out, sbx_ctx *ctx) {
  struct stat st;
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) {
    int e = errno;
    return sbx__error(ctx, sbx__open_error_code(e), path, 0, NULL,
                      "cannot open: %s; check the path", strerror(e));
  }
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    return sbx__error(ctx, SBX_EDATA, path, 0, NULL,
                      "not a regular file; give the exported file itself");
  }
  if ((unsigned long long)st.st_size > SBX_IMPORT_MAX_FILE) {
    fclose(f);
    return sbx__error(ctx, SBX_ELIMIT, path, 0, NULL,
                      "the file is larger than the limit of %llu bytes",
                      (unsigned long long)SBX_IMPORT_MAX_FILE);
  }
  *out = f;
  return 0;
}

int sbx__read_export(const char *path, const char *companion, const sbx_read_opts *opts,
                     sbx_row_fn fn, void *ud, sbx_file_info *info, sbx_ctx *ctx) {
  sbx_file_info local;
  sbx__rd rd;
  sbx__src src;
  FILE *f;
  if (!path) return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no file given");
  rd_init(&rd, path, companion, opts, fn, ud, info ? info : &local, ctx);
  rd.path = path;
  int rc = open_export(path, &f, ctx);
  if (rc) return rc;
  sbx__src_file(&src, f, SBX_IMPORT_MAX_FILE, path, ctx);
  const char *h;
  size_t n;
  rc = sbx__src_peek(&src, SBX__SNIFF_BYTES, &h, &n);
  if (!rc && detect(h, n) == C_ZIP) {
    sbx__src_free(&src);
    fclose(f);
    rc = sbx__read_zip_file(&rd, path); /* libzip seeks; the archive is not slurped */
    return sbx__rd_result(&rd, rc);
  }
  if (!rc) rc = sbx__read_src(&rd, &src);
  sbx__src_free(&src);
  fclose(f);
  return sbx__rd_result(&rd, rc);
}

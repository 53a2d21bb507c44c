/* CSV records with libcsv (RFC 4180: quotes, "" escapes, CR, LF or CRLF, newlines in
 * quoted cells). Bytes are handed to libcsv one physical line at a time, so that we
 * know on which line each record starts without a second parser; cells are copied into
 * one row buffer, so memory is bounded by the longest row. */
#include "engine/import/readers/csvparse.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

/* Only libcsv's public calls (csv.h) are used: its parser state and buffer fields are
 * libcsv's own. The step libcsv grows a cell by is kept here (`blk`), since csv.h of
 * 3.0.3 can set it but not read it; the buffer's size comes from csv_get_buffer_size(). */
#define CSV_OPTS CSV_APPEND_NULL
#define CSV_FIRST_BLK 4096

struct sbx__csv {
  struct csv_parser p;
  size_t blk;         /* the step last given to csv_set_blk_size() */
  sbx__rd *rd;
  char *buf;          /* the current row's cells, each NUL-terminated */
  size_t len, cap;
  size_t *offs;       /* where each cell starts in buf */
  size_t noff, offcap;
  const char **cells;
  size_t cellcap;
  uint64_t line;      /* physical line of the bytes being fed */
  uint64_t rec_line;  /* where the current record starts */
  uint64_t field_line;/* where the current field starts */
  int between;        /* no record open */
  int prev_cr;        /* the last segment ended with CR */
  int check_utf8;
  int err;            /* an SBX_E* recorded by a callback */
};

static void set_blk(sbx__csv *c, size_t blk) {
  csv_set_blk_size(&c->p, blk);
  c->blk = blk;
}

/* Cells keep their spaces: " 3" is what the file says, the dialects decide. */
static int no_space(unsigned char ch) {
  (void)ch;
  return 0;
}

/* libcsv grows its field buffer through this: refusing past the cap makes it fail
 * with CSV_ENOMEM, which we then report as a too-long field. */
static void *capped_realloc(void *p, size_t n) {
  if (n > (size_t)SBX_IMPORT_MAX_FIELD + 1) return NULL;
  return sbx__realloc(p, n);
}

static int ascii_only(const char *s, size_t n) {
  unsigned char acc = 0;
  for (size_t i = 0; i < n; i++) acc |= (unsigned char)s[i];
  return acc < 0x80;
}

static void on_field(void *s, size_t n, void *data) {
  sbx__csv *c = data;
  if (c->err || c->rd->stop) return;
  if (c->noff >= SBX_IMPORT_MAX_COLUMNS) {
    c->err = sbx__error(c->rd->ctx, SBX_ELIMIT, c->rd->source, (long)c->rec_line, NULL,
                        "the record has more than %u columns; the file is refused",
                        SBX_IMPORT_MAX_COLUMNS);
    return;
  }
  if (c->len + n + 1 > SBX_IMPORT_MAX_ROW) {
    c->err = sbx__error(c->rd->ctx, SBX_ELIMIT, c->rd->source, (long)c->rec_line, NULL,
                        "the record is longer than the limit of %u bytes", SBX_IMPORT_MAX_ROW);
    return;
  }
  const char *src = s ? s : "";
  if (c->check_utf8 && !ascii_only(src, n)) {
    size_t bad = 0;
    if (sbx__utf8_valid(src, n, &bad)) {
      c->check_utf8 = 2; /* UTF-8 characters seen: an invalid byte now means mixed */
    } else {
      c->err = c->check_utf8 == 2
        ? sbx__error(c->rd->ctx, SBX_EDATA, c->rd->source, (long)c->field_line, NULL,
                     "the file mixes encodings: this line is not UTF-8 (byte 0x%02X in "
                     "column %zu) while the rest of the file is; save the whole file as "
                     "UTF-8 and import it again", (unsigned char)src[bad], c->noff + 1)
        : sbx__error(c->rd->ctx, SBX_EDATA, c->rd->source, (long)c->field_line, NULL,
                     "invalid UTF-8 in column %zu; the file began as UTF-8, so save "
                     "it as UTF-8 (or give its encoding, e.g. windows-1252)",
                     c->noff + 1);
      return;
    }
  }
  if ((c->len + n + 1 > c->cap && sbx__grow(&c->buf, &c->cap, c->len + n + 1, 1)) ||
      (c->noff + 1 > c->offcap && sbx__grow(&c->offs, &c->offcap, c->noff + 1, sizeof *c->offs))) {
    c->err = sbx__error(c->rd->ctx, SBX_ENOMEM, c->rd->source, (long)c->rec_line, NULL,
                        "out of memory");
    return;
  }
  memcpy(c->buf + c->len, src, n);
  c->buf[c->len + n] = '\0';
  c->offs[c->noff++] = c->len;
  c->len += n + 1;
  c->field_line = c->line;
}

static void on_record(int term, void *data) {
  (void)term;
  sbx__csv *c = data;
  c->between = 1;
  if (c->err || c->rd->stop) return;
  if (sbx__grow(&c->cells, &c->cellcap, c->noff + 1, sizeof *c->cells)) {
    c->err = sbx__error(c->rd->ctx, SBX_ENOMEM, c->rd->source, (long)c->rec_line, NULL,
                        "out of memory");
    return;
  }
  for (size_t i = 0; i < c->noff; i++) c->cells[i] = c->buf + c->offs[i];
  sbx__rd_emit(c->rd, sbx__line32(c->rec_line), c->cells, c->noff);
  c->len = 0;
  c->noff = 0;
}

int sbx__csv_new(sbx__csv **out, sbx__rd *rd, char delim, int check_utf8,
                 uint64_t first_line) {
  *out = NULL;
  sbx__csv *c = sbx__calloc(1, sizeof *c);
  if (!c || csv_init(&c->p, CSV_OPTS) != 0) {
    sbx__free(c);
    return sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, NULL, "out of memory");
  }
  csv_set_delim(&c->p, (unsigned char)delim);
  csv_set_space_func(&c->p, no_space);
  csv_set_realloc_func(&c->p, capped_realloc);
  csv_set_free_func(&c->p, sbx__free);
  set_blk(c, CSV_FIRST_BLK);
  c->rd = rd;
  c->line = first_line;
  c->rec_line = first_line;
  c->between = 1;
  c->check_utf8 = check_utf8;
  *out = c;
  return 0;
}

/* libcsv stopped early: a field past the cap, or memory. It failed growing the cell's
 * buffer by one step, so that step past the cap means the cap refused it. */
static int parse_failed(sbx__csv *c) {
  if (csv_get_buffer_size(&c->p) + c->blk > SBX_IMPORT_MAX_FIELD)
    return sbx__error(c->rd->ctx, SBX_ELIMIT, c->rd->source, (long)c->field_line, NULL,
                      "a cell is longer than the limit of %u bytes (an unbalanced "
                      "quote?); the file is refused",
                      SBX_IMPORT_MAX_FIELD);
  return sbx__error(c->rd->ctx, SBX_ENOMEM, c->rd->source, (long)c->field_line, NULL,
                    "out of memory while parsing: %s", csv_strerror(csv_error(&c->p)));
}

/* One physical line (or the part of it in this chunk), ending at its CR or LF if any. */
static int feed_segment(sbx__csv *c, const char *p, size_t n, int has_term) {
  size_t content = has_term ? n - 1 : n;
  if (c->between && content > 0) {
    c->between = 0;
    c->rec_line = c->field_line = c->line;
  }
  /* libcsv grows a cell's buffer by blk_size at a time: keep that step as large as
   * the buffer, so that a long cell costs a few reallocations, not thousands. */
  size_t have = csv_get_buffer_size(&c->p);
  if (have > c->blk) set_blk(c, have);
  if (csv_parse(&c->p, p, n, on_field, on_record, c) != n) return parse_failed(c);
  if (c->err) return c->err;
  if (has_term) {
    if (p[n - 1] == '\r') {
      c->line++;
      c->prev_cr = 1;
    } else {
      if (!(c->prev_cr && n == 1)) c->line++;
      c->prev_cr = 0;
    }
  } else if (n > 0) {
    c->prev_cr = 0;
  }
  return 0;
}

int sbx__csv_feed(sbx__csv *c, const char *p, size_t n) {
  size_t i = 0;
  if (c->err) return c->err;
  while (i < n && !c->rd->stop) {
    size_t j = i;
    while (j < n) {
      unsigned char ch = (unsigned char)p[j];
      if (ch <= '\r' && (ch == '\n' || ch == '\r' || ch == '\0')) break;
      j++;
    }
    if (j < n && p[j] == '\0') {
      return c->err = sbx__error(c->rd->ctx, SBX_EDATA, c->rd->source, (long)c->line, NULL,
                                 "the file holds a NUL byte: it is not a text file (or "
                                 "UTF-16 without a byte order mark)");
    }
    int has_term = j < n;
    size_t end = has_term ? j + 1 : n;
    int rc = feed_segment(c, p + i, end - i, has_term);
    if (rc) return c->err = rc;
    i = end;
  }
  return 0;
}

int sbx__csv_finish(sbx__csv *c) {
  if (c->err) return c->err;
  if (c->rd->stop) return 0;
  /* libcsv's public way of asking "is a quoted field still open?": with CSV_STRICT and
   * CSV_STRICT_FINI, csv_fini() fails with CSV_EPARSE then, before handing anything
   * over. CSV_STRICT changes how csv_parse() reads, so it is set only now, after the
   * last csv_parse(). */
  csv_set_opts(&c->p, CSV_OPTS | CSV_STRICT | CSV_STRICT_FINI);
  if (csv_fini(&c->p, on_field, on_record, c) != 0) {
    if (csv_error(&c->p) != CSV_EPARSE) return parse_failed(c);
    return c->err = sbx__error(c->rd->ctx, SBX_EDATA, c->rd->source, (long)c->field_line,
                               NULL,
                               "unterminated quoted field starting at line %llu: a quote "
                               "is missing",
                               (unsigned long long)c->field_line);
  }
  return c->err;
}

uint64_t sbx__csv_line(const sbx__csv *c) { return c->line; }

void sbx__csv_free(sbx__csv *c) {
  if (!c) return;
  csv_free(&c->p);
  sbx__free(c->buf);
  sbx__free(c->offs);
  sbx__free(c->cells);
  sbx__free(c);
}

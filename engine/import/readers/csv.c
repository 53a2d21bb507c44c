/* The CSV/TSV reader: finds the encoding (BOM, else UTF-8 if the first 64 KB are valid
 * UTF-8, else Windows-1252 as Swedish Excel writes), converts to UTF-8 with iconv as it
 * streams, finds the delimiter (, ; or TAB) from the first records, and feeds the
 * record engine chunk by chunk: the file is never held whole in memory. */
#include "engine/import/readers/csvparse.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Records looked at to choose the delimiter. */
#define DELIM_RECORDS 10

typedef struct decoder {
  iconv_t cd;        /* (iconv_t)-1: the bytes are UTF-8 already */
  char *in;          /* carried-over bytes + the new chunk */
  size_t incap, carry;
  int mixed;         /* UTF-8 characters and invalid bytes in the head */
  char *out;
  size_t outcap;
} decoder;

/* Counts each candidate delimiter outside quotes, record by record. */
static size_t count_delims(const char *p, size_t n, size_t counts[][3]) {
  static const char cand[3] = {',', ';', '\t'};
  size_t rec = 0;
  int inq = 0, any = 0;
  memset(counts, 0, sizeof(size_t[DELIM_RECORDS][3]));
  for (size_t i = 0; i < n && rec < DELIM_RECORDS; i++) {
    char ch = p[i];
    if (ch == '"') inq = !inq;
    if (inq) continue;
    if (ch == '\n' || ch == '\r') {
      if (any) rec++;
      any = 0;
      continue;
    }
    any = 1;
    for (int k = 0; k < 3; k++)
      if (ch == cand[k]) counts[rec][k]++;
  }
  return rec; /* complete records seen */
}

/* The delimiter of the text p[0..n): the candidate found in every record the same
 * number of times, most often; else the most frequent in the first record; else ','.
 * An Excel hint line "sep=;" decides alone, and *skip is set to its length. */
static char detect_delim(const char *p, size_t n, size_t *skip) {
  static const char cand[3] = {',', ';', '\t'};
  *skip = 0;
  if (n >= 5 && memcmp(p, "sep=", 4) == 0 && (n == 5 || p[5] == '\r' || p[5] == '\n')) {
    *skip = 5;
    if (*skip < n && p[*skip] == '\r') (*skip)++;
    if (*skip < n && p[*skip] == '\n') (*skip)++;
    return p[4];
  }
  size_t counts[DELIM_RECORDS][3];
  size_t recs = count_delims(p, n, counts);
  if (recs == 0) recs = 1; /* a single record without a newline */
  int best = -1, best_cons = 0;
  for (int k = 0; k < 3; k++) {
    if (counts[0][k] == 0) continue;
    int cons = 1;
    for (size_t r = 1; r < recs; r++)
      if (counts[r][k] != counts[0][k]) cons = 0;
    if (best < 0 || cons > best_cons ||
        (cons == best_cons && counts[0][k] > counts[0][best])) {
      best = k;
      best_cons = cons;
    }
  }
  return best < 0 ? ',' : cand[best];
}

/* Is the head valid UTF-8, forgiving a character cut by the end of the window? */
static int head_is_utf8(const char *p, size_t n, int complete) {
  size_t bad = 0;
  if (sbx__utf8_valid(p, n, &bad)) return 1;
  return !complete && n - bad < 4 && ((unsigned char)p[bad] & 0xC0) == 0xC0;
}

/* Does the head hold UTF-8 characters (valid sequences of two to four bytes)? Beside
 * invalid bytes, that means a file that mixes encodings, not a Windows-1252 one. */
static int has_utf8_chars(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
    if (k > 1 && c < 0xF5 && i + k <= n && sbx__utf8_valid(p + i, k, NULL)) return 1;
  }
  return 0;
}

/* "UTF-16", "utf-16le", "utf16be"... */
static int starts_utf16(const char *name) {
  char head[7];
  size_t i = 0;
  for (; i < 6 && name[i]; i++) head[i] = (char)(name[i] | 0x20); /* ASCII lower case */
  head[i] = '\0';
  return strncmp(head, "utf-16", 6) == 0 || strncmp(head, "utf16", 5) == 0;
}

/* Chooses the encoding: names it in info, sets the BOM length and the iconv source
 * encoding (NULL for UTF-8). Returns 1 for UTF-8 with invalid bytes in the head: a
 * file that mixes encodings, read as UTF-8 so that the bad row is named. */
static int choose_encoding(sbx__rd *rd, const char *h, size_t n, int complete,
                           size_t *bom, const char **from) {
  int mixed = 0;
  const unsigned char *u = (const unsigned char *)h;
  const char *want = rd->opts ? rd->opts->encoding : NULL;
  const char *name = "utf-8";
  *bom = 0;
  *from = NULL;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    *bom = 3;
    name = "utf-8-bom";
  } else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    *bom = 2;
    name = "utf-16le";
    *from = "UTF-16LE";
  } else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    *bom = 2;
    name = "utf-16be";
    *from = "UTF-16BE";
  } else if (!head_is_utf8(h, n, complete)) {
    mixed = has_utf8_chars(h, n);
    if (!mixed) {
      name = "windows-1252";
      *from = "WINDOWS-1252";
    }
  }
  if (want && *want) { /* the caller knows better than our guess; a matching BOM
                          is still skipped, so that no cell starts with U+FEFF */
    int utf8 = sbx__strcaseeq(want, "utf-8") || sbx__strcaseeq(want, "utf8");
    int utf16 = *bom == 2 && starts_utf16(want);
    if (!((utf8 && *bom == 3) || utf16)) *bom = 0;
    if (!utf16) *from = utf8 ? NULL : want; /* else the BOM's byte order */
    name = want;
    mixed = 0;
  }
  snprintf(rd->info->encoding, sizeof rd->info->encoding, "%s", name);
  return mixed;
}

static int decoder_open(decoder *d, sbx__rd *rd, const char *from) {
  memset(d, 0, sizeof *d);
  d->cd = (iconv_t)-1;
  if (!from) return 0;
  d->cd = iconv_open("UTF-8", from);
  if (d->cd == (iconv_t)-1)
    return sbx__error(rd->ctx, SBX_EUSAGE, rd->source, 0, from,
                      "unknown character encoding; use e.g. utf-8, windows-1252, utf-16le");
  return 0;
}

static void decoder_close(decoder *d) {
  if (d->cd != (iconv_t)-1) iconv_close(d->cd);
  sbx__free(d->in);
  sbx__free(d->out);
}

/* Converts in[0..n) (after what was carried over) to UTF-8 in d->out. A character cut
 * by the chunk end is carried to the next call. *bad is set on an invalid byte: then
 * *outn covers what was converted before it. */
static int decode(decoder *d, const char *in, size_t n, int final, size_t *outn, int *bad,
                  unsigned *badbyte) {
  *bad = 0;
  if (sbx__grow(&d->in, &d->incap, d->carry + n + 1, 1) ||
      sbx__grow(&d->out, &d->outcap, (d->carry + n) * 3 + 16, 1))
    return SBX_ENOMEM;
  memcpy(d->in + d->carry, in, n);
  char *ip = d->in, *op = d->out;
  size_t il = d->carry + n, ol = d->outcap;
  while (il > 0) {
    if (iconv(d->cd, &ip, &il, &op, &ol) != (size_t)-1) break;
    if (errno == E2BIG) { /* cannot happen with 3x room, but be safe */
      size_t used = (size_t)(op - d->out);
      if (sbx__grow(&d->out, &d->outcap, d->outcap * 2, 1)) return SBX_ENOMEM;
      op = d->out + used;
      ol = d->outcap - used;
      continue;
    }
    if (errno == EINVAL && !final) break; /* incomplete character: carry it */
    *bad = 1;
    *badbyte = (unsigned char)*ip;
    break;
  }
  *outn = (size_t)(op - d->out);
  d->carry = *bad ? 0 : il;
  if (d->carry) memmove(d->in, ip, il);
  return 0;
}

/* Sets up the record engine from the first decoded text. */
static int start_parser(sbx__rd *rd, sbx__csv **csv, const char **p, size_t *n,
                        int check_utf8) {
  char delim = rd->opts ? rd->opts->delimiter : 0;
  size_t skip = 0;
  while (*n >= 3 && memcmp(*p, "\xEF\xBB\xBF", 3) == 0) { /* a BOM saved twice (or more) */
    *p += 3;
    *n -= 3;
  }
  if (!delim) delim = detect_delim(*p, *n, &skip);
  rd->info->delimiter = delim;
  uint64_t line = 1;
  for (size_t i = 0; i < skip; i++)
    if ((*p)[i] == '\n' || ((*p)[i] == '\r' && (i + 1 >= skip || (*p)[i + 1] != '\n'))) line++;
  *p += skip;
  *n -= skip;
  return sbx__csv_new(csv, rd, delim, check_utf8, line);
}

/* Streams src (the BOM already consumed) through the decoder into the record engine. */
static int pump(sbx__rd *rd, sbx__src *src, decoder *d) {
  sbx__csv *csv = NULL;
  int rc = 0, bad = 0, final = 0;
  unsigned badbyte = 0;
  size_t first_row = rd->row;
  while (!rc && !final && !rd->stop) {
    const char *p;
    size_t n;
    if ((rc = sbx__src_next(src, SBX__CHUNK_BYTES, &p, &n))) break;
    final = n == 0;
    if (d->cd != (iconv_t)-1) {
      size_t outn;
      if ((rc = decode(d, p, n, final, &outn, &bad, &badbyte))) {
        rc = sbx__error(rd->ctx, rc, rd->source, 0, NULL, "out of memory");
        break;
      }
      p = d->out;
      n = outn;
    }
    if (!csv && (n > 0 || final))
      rc = start_parser(rd, &csv, &p, &n, d->cd != (iconv_t)-1 ? 0 : d->mixed ? 2 : 1);
    if (!rc && n > 0) rc = sbx__csv_feed(csv, p, n);
    if (!rc && bad)
      rc = sbx__error(rd->ctx, SBX_EDATA, rd->source, csv ? (long)sbx__csv_line(csv) : 1, NULL,
                      "byte 0x%02X is not valid %s; give the file's real encoding",
                      badbyte, rd->info->encoding);
  }
  if (!rc && csv) rc = sbx__csv_finish(csv);
  if (!rc && !rd->stop && rd->row == first_row)
    rc = sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                    "the file holds no records; export the responses again");
  sbx__csv_free(csv);
  return rc;
}

int sbx__read_csv(sbx__rd *rd, sbx__src *src) {
  const char *h, *from, *p;
  size_t n, bom;
  int rc = sbx__src_peek(src, SBX__SNIFF_BYTES, &h, &n);
  if (rc) return rc;
  if (n == 0)
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                      "the file is empty; export the responses again");
  snprintf(rd->info->format, sizeof rd->info->format, "csv");
  int mixed = choose_encoding(rd, h, n, n < SBX__SNIFF_BYTES, &bom, &from);
  if (bom && (rc = sbx__src_next(src, bom, &p, &n))) return rc;
  decoder d;
  if ((rc = decoder_open(&d, rd, from))) return rc;
  d.mixed = mixed;
  rc = pump(rd, src, &d);
  decoder_close(&d);
  return rc;
}

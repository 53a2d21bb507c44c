/* The rows of one XLSX sheet, streamed: <row r=> gives the line, <c r=> the column
 * (skipped columns become ""), t= the type (shared or inline string, number, boolean,
 * error, formula string, ISO date), s= the format that makes a number a date, which is
 * written as "YYYY-MM-DD HH:MM:SS". */
#include "engine/import/readers/xlsx.h"

#include <stdlib.h>
#include <string.h>

typedef struct sheetrow {
  sbx__buf text;       /* the cells, NUL-separated */
  size_t *off;
  size_t n, cap;
  const char **cells;
  size_t cellcap;
} sheetrow;

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm, proleptic Gregorian). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (long long)yoe + era * 400 + (*m <= 2);
}

int sbx__xlsx_date(char *buf, size_t size, double serial, int date1904) {
  if (!(serial >= 0 && serial < 2958466.0)) return SBX_EDATA; /* up to 9999-12-31 */
  long long secs = (long long)(serial * 86400.0 + 0.5);
  long long days = secs / 86400, rem = secs % 86400;
  /* The 1900 system counts a 29 February 1900 that never was (serial 60). */
  long long epoch = date1904 ? -24107 : (days < 61 ? -25568 : -25569);
  long long y;
  unsigned m, d;
  civil_from_days(days + epoch, &y, &m, &d);
  if (!date1904 && days == 60) m = 2, d = 29;
  snprintf(buf, size, "%04lld-%02u-%02u %02lld:%02lld:%02lld", y, m, d, rem / 3600,
           rem / 60 % 60, rem % 60);
  return 0;
}

#define NOT_PLAIN (-1.0) /* parse_plain(): not a plain decimal (which is never negative) */

/* A plain decimal "123" or "123.25" without the C library's locale; else NOT_PLAIN. */
static double parse_plain(const char *s) {
  double v = 0, scale = 1;
  int digits = 0, dot = 0;
  for (; *s; s++) {
    if (*s >= '0' && *s <= '9') {
      if (dot) scale /= 10, v += (*s - '0') * scale;
      else v = v * 10 + (*s - '0');
      digits++;
    } else if (*s == '.' && !dot) {
      dot = 1;
    } else {
      return NOT_PLAIN;
    }
  }
  return digits ? v : NOT_PLAIN;
}

/* "BC12" to column index 54 (0-based); -1 when malformed. */
static long column_of(const char *ref) {
  long col = 0;
  int k = 0;
  for (; *ref >= 'A' && *ref <= 'Z' && k < 4; ref++, k++) col = col * 26 + (*ref - 'A' + 1);
  return k == 0 || k > 3 ? -1 : col - 1;
}

static int row_add(sheetrow *r, const char *s, size_t n) {
  if ((r->n + 1 > r->cap && sbx__grow(&r->off, &r->cap, r->n + 1, sizeof *r->off)) ||
      sbx__buf_add(&r->text, s, n) || sbx__buf_add(&r->text, "", 1))
    return SBX_ENOMEM;
  r->off[r->n++] = r->text.len - n - 1;
  return 0;
}

/* The text of one cell of type t, style s, from its <v> or <is>. */
static int cell_value(xlsx *w, sbx__xr *x, const char *t, const char *s, sbx__buf *v,
                      sheetrow *r) {
  char date[32];
  if (v->len == 0) return row_add(r, "", 0); /* a styled but empty cell */
  if (t && strcmp(t, "s") == 0) {
    double i = parse_plain(v->s);
    if (i < 0 || i >= (double)w->nss)
      return sbx__xr_error(x, SBX_EDATA, "a cell names shared string \"%s\", which the "
                                         "workbook lacks; it is damaged", v->s);
    const char *str = w->pool.s + w->ssoff[(size_t)i];
    return row_add(r, str, strlen(str));
  }
  if (t && strcmp(t, "b") == 0) {
    const char *b = strcmp(v->s, "1") == 0 ? "TRUE" : strcmp(v->s, "0") == 0 ? "FALSE" : v->s;
    return row_add(r, b, strlen(b));
  }
  if ((!t || strcmp(t, "n") == 0) && s) {
    double st = parse_plain(s), num = parse_plain(v->s);
    if (st >= 0 && st < (double)w->nstyle && w->datestyle[(size_t)st] && num >= 0 &&
        sbx__xlsx_date(date, sizeof date, num, w->date1904) == 0)
      return row_add(r, date, strlen(date));
  }
  return row_add(r, v->s, v->len); /* numbers as written, str, inlineStr, e, d */
}

/* One <c>: its column, then its value; the reader is left on </c>. */
static int read_cell(xlsx *w, sbx__xr *x, sheetrow *r, sbx__buf *v) {
  char ref[32], tb[16], sb[24]; /* longer values are malformed and end up refused */
  int has_t = sbx__xr_attr_buf(x, "t", tb, sizeof tb);
  int has_s = sbx__xr_attr_buf(x, "s", sb, sizeof sb);
  long col = sbx__xr_attr_buf(x, "r", ref, sizeof ref) ? column_of(ref) : (long)r->n;
  const char *t = has_t ? tb : NULL, *s = has_s ? sb : NULL;
  int rc = 0, empty = sbx__xr_empty(x), depth = sbx__xr_depth(x);
  if (col < 0 || (size_t)col < r->n)
    rc = sbx__xr_error(x, SBX_EDATA, "a cell reference is malformed or out of order");
  else if ((size_t)col >= SBX_IMPORT_MAX_COLUMNS)
    rc = sbx__xr_error(x, SBX_ELIMIT, "a row has more than %u columns; refused",
                       SBX_IMPORT_MAX_COLUMNS);
  while (!rc && r->n < (size_t)col)
    if (row_add(r, "", 0)) rc = sbx__xr_error(x, SBX_ENOMEM, "out of memory");
  v->len = 0;
  if (!rc) rc = sbx__buf_add(v, "", 0);
  while (!rc && !empty && (rc = sbx__xr_next(x)) == 1) {
    if (sbx__xr_type(x) == XML_READER_TYPE_END_ELEMENT && sbx__xr_depth(x) == depth) break;
    if (sbx__xr_is(x, "v") || sbx__xr_is(x, "is")) {
      rc = sbx__xr_text(x, v, "rPh");
    } else if (sbx__xr_is(x, "f")) { /* the formula itself is not data */
      sbx__buf f = {0};
      rc = sbx__xr_text(x, &f, NULL);
      sbx__free(f.s);
    }
  }
  if (rc == 1) rc = 0;
  if (!rc && cell_value(w, x, t, s, v, r) == SBX_ENOMEM)
    rc = sbx__xr_error(x, SBX_ENOMEM, "out of memory");
  return rc;
}

static int emit_row(xlsx *w, sbx__xr *x, sheetrow *r, unsigned long line) {
  if (r->n == 0) return 0;
  if (sbx__grow(&r->cells, &r->cellcap, r->n, sizeof *r->cells))
    return sbx__xr_error(x, SBX_ENOMEM, "out of memory");
  for (size_t i = 0; i < r->n; i++) r->cells[i] = r->text.s + r->off[i];
  sbx__rd_emit(w->rd, sbx__line32(line), r->cells, r->n);
  return 0;
}

static int read_rows(xlsx *w, sbx__xr *x, sheetrow *r, sbx__buf *v) {
  unsigned long line = 0;
  int rc = 0;
  while (!w->rd->stop && (rc = sbx__xr_next(x)) == 1) {
    if (sbx__xr_is(x, "row")) {
      char *ref = sbx__xr_attr(x, "r");
      unsigned long n = ref ? strtoul(ref, NULL, 10) : 0;
      sbx__free(ref);
      if (n && n <= line)
        return sbx__xr_error(x, SBX_EDATA, "rows are out of order; the sheet is damaged");
      line = n ? n : line + 1;
      r->n = 0;
      r->text.len = 0;
      if (sbx__xr_empty(x)) continue;
    } else if (sbx__xr_is(x, "c")) {
      if ((rc = read_cell(w, x, r, v))) return rc;
    } else if (sbx__xr_is_end(x, "row")) {
      if ((rc = emit_row(w, x, r, line))) return rc;
    }
  }
  return w->rd->stop ? 0 : rc;
}

int sbx__xlsx_sheet(xlsx *w) {
  zip_int64_t idx = sbx__zip_find(w->z, w->sheet_part);
  if (idx < 0)
    return sbx__error(w->rd->ctx, SBX_EDATA, w->rd->source, 0, w->sheet_part,
                      "the workbook lacks its sheet; it is damaged");
  sbx__zent e;
  sbx__xr x;
  int rc = sbx__zip_open_entry(w->z, idx, &e);
  if (rc) return rc;
  if ((rc = sbx__xr_open(&x, w->rd, &e.src, e.name))) {
    sbx__zip_close_entry(w->z, &e);
    return rc;
  }
  sheetrow r;
  sbx__buf v = {0};
  memset(&r, 0, sizeof r);
  size_t first = w->rd->row;
  rc = read_rows(w, &x, &r, &v);
  if (!rc && w->rd->row == first)
    rc = sbx__error(w->rd->ctx, SBX_EDATA, w->rd->source, 0, w->sheet_part,
                    "the sheet is empty; export the responses again");
  sbx__free(r.text.s);
  sbx__free(r.off);
  sbx__free(r.cells);
  sbx__free(v.s);
  sbx__xr_close(&x);
  sbx__zip_close_entry(w->z, &e);
  return rc;
}

/* The benchmark file of `diagnose --benchmark`: Kolada key figures in the tidy form
 * `sixbox fetch --api kolada` writes, or written by hand or from Kolada's downloads:
 * RFC 4180 CSV with the header kpi,municipality,period,gender,value,status (status may
 * be left out; further columns are ignored). period a year, gender T, K or M, value a
 * number (a decimal comma is accepted) or empty. Every problem is reported as
 * file:row: reason, and a bad file is refused whole. Nothing here reaches the network. */
#include "reports/tables/tables.h"
#include "surveys/util.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_MAX_BYTES (64u * 1024u * 1024u)
#define MAX_FIELDS 32
#define MAX_FIELD 256
#define MAX_PROBLEMS 50

enum { C_KPI, C_MUN, C_PERIOD, C_GENDER, C_VALUE, C_STATUS, NCOL };
static const char *const names[NCOL] = { "kpi", "municipality", "period", "gender", "value",
                                         "status" };

typedef struct reader {
  sbx_benchmark *b;
  size_t cap, row, nfield, problems;
  char field[MAX_FIELDS][MAX_FIELD + 1];
  int col[NCOL];        /* field index of each column, -1 when absent */
  int nomem;
  sbx_ctx *ctx;
} reader;

static void problem(reader *r, const char *fmt, const char *a, const char *b) {
  if (r->problems++ < MAX_PROBLEMS)
    sbx__error(r->ctx, SBX_EDATA, r->b->source, (long)r->row, NULL, fmt, a, b);
}

static void on_field(void *s, size_t len, void *ud) {
  reader *r = ud;
  if (r->nfield < MAX_FIELDS) {
    size_t n = len > MAX_FIELD ? MAX_FIELD : len;
    memcpy(r->field[r->nfield], s, n);
    r->field[r->nfield][n] = '\0';
  }
  r->nfield++;
}

static void header(reader *r) {
  for (int c = 0; c < NCOL; c++) {
    r->col[c] = -1;
    for (size_t f = 0; f < r->nfield && f < MAX_FIELDS; f++) {
      const char *h = r->field[f];
      if (f == 0 && (unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB) h += 3; /* BOM */
      if (sbx__strcaseeq(h, names[c])) r->col[c] = (int)f;
    }
    if (r->col[c] < 0 && c != C_STATUS)
      problem(r, "the header has no column '%s'; the file needs kpi,municipality,period,"
                 "gender,value,status%s", names[c], "");
  }
}

static const char *cell(reader *r, int c) {
  return r->col[c] >= 0 && (size_t)r->col[c] < r->nfield ? r->field[r->col[c]] : "";
}

/* A number with a point or a comma as the decimal mark; NaN for an empty cell; SBX_EDATA
 * for anything else. */
static int number(const char *s, double *out) {
  char buf[MAX_FIELD + 1];
  size_t n = strlen(s);
  while (n && s[n - 1] == ' ') n--;
  while (*s == ' ') s++, n = n ? n - 1 : 0;
  if (n == 0) return *out = NAN, 0;
  memcpy(buf, s, n);
  buf[n] = '\0';
  for (char *p = buf; *p; p++) if (*p == ',') *p = '.';
  char *end;
  *out = strtod(buf, &end);
  return *end == '\0' && isfinite(*out) ? 0 : SBX_EDATA;
}

static void data_row(reader *r) {
  const char *kpi = cell(r, C_KPI), *mun = cell(r, C_MUN), *g = cell(r, C_GENDER);
  char *end;
  long period = strtol(cell(r, C_PERIOD), &end, 10);
  double v;
  if (!*kpi || !*mun) return problem(r, "the kpi and the municipality must not be empty%s%s", "", "");
  if (*end || period < 1900 || period > 2100)
    return problem(r, "period '%s' is not a year%s", cell(r, C_PERIOD), "");
  if (strlen(g) != 1 || !strchr("TKM", g[0]))
    return problem(r, "gender '%s' is not T, K or M%s", g, "");
  if (number(cell(r, C_VALUE), &v))
    return problem(r, "value '%s' is not a number%s", cell(r, C_VALUE), "");
  if (sbx__grow(&r->b->row, &r->cap, r->b->n + 1, sizeof *r->b->row)) { r->nomem = 1; return; }
  sbx_bench_row *x = &r->b->row[r->b->n];
  x->kpi = sbx__strdup(kpi);
  x->mun = sbx__strdup(mun);
  x->status = sbx__strdup(cell(r, C_STATUS));
  x->period = (int)period;
  x->gender = g[0];
  x->value = v;
  r->b->n++;
  if (!x->kpi || !x->mun || !x->status) r->nomem = 1;
}

static void on_row(int c, void *ud) {
  reader *r = ud;
  (void)c;
  r->row++;
  if (r->nfield > MAX_FIELDS) problem(r, "more than %s columns%s", "32", "");
  else if (r->row == 1) header(r);
  else if (!(r->nfield == 1 && r->field[0][0] == '\0')) data_row(r); /* skip blank lines */
  r->nfield = 0;
}

static int cmp_rows(const void *x, const void *y) {
  const sbx_bench_row *a = x, *b = y;
  int c = strcmp(a->kpi, b->kpi);
  if (!c) c = strcmp(a->mun, b->mun);
  if (!c) c = (a->period > b->period) - (a->period < b->period);
  if (!c) c = (a->gender > b->gender) - (a->gender < b->gender);
  return c;
}

/* Sorted for lookups; the same key twice is an error (which value would be meant?). */
static void sort_check(reader *r) {
  sbx_benchmark *b = r->b;
  if (b->n > 1) qsort(b->row, b->n, sizeof *b->row, cmp_rows);
  for (size_t i = 1; i < b->n; i++)
    if (cmp_rows(&b->row[i - 1], &b->row[i]) == 0) {
      char key[96];
      snprintf(key, sizeof key, "%s %s %d %c", b->row[i].kpi, b->row[i].mun,
               b->row[i].period, b->row[i].gender);
      r->row = 0;
      problem(r, "key figure %s is given twice; keep one row%s", key, "");
    }
}

static int parse(reader *r, const char *data, size_t len) {
  struct csv_parser p;
  if (csv_init(&p, CSV_APPEND_NULL) != 0) return SBX_ENOMEM;
  csv_set_realloc_func(&p, sbx__realloc);
  csv_set_free_func(&p, sbx__free);
  size_t done = csv_parse(&p, data, len, on_field, on_row, r);
  if (done == len) csv_fini(&p, on_field, on_row, r);
  int bad = done != len;
  const char *why = bad ? csv_strerror(csv_error(&p)) : NULL;
  csv_free(&p);
  if (bad) {
    r->row++;
    problem(r, "this is not valid CSV (%s)%s", why, "");
  }
  return 0;
}

int sbx__benchmark_load(sbx_benchmark **out, const char *path, sbx_ctx *ctx) {
  *out = NULL;
  char *data;
  size_t len;
  int rc = sbx__read_file(path, BENCH_MAX_BYTES, &data, &len, ctx);
  if (rc) return rc;
  reader *r = sbx__calloc(1, sizeof *r);
  sbx_benchmark *b = sbx__calloc(1, sizeof *b);
  if (!r || !b || !(b->source = sbx__strdup(path))) rc = SBX_ENOMEM;
  if (!rc) {
    r->b = b;
    r->ctx = ctx;
    rc = parse(r, data, len);
  }
  if (!rc && !r->nomem && r->row == 0) { r->row = 1; problem(r, "the file is empty%s%s", "", ""); }
  if (!rc && !r->nomem) sort_check(r);
  if (!rc && r->nomem) rc = SBX_ENOMEM;
  if (!rc && r->problems) rc = SBX_EDATA;
  if (rc == SBX_ENOMEM) sbx__error(ctx, rc, path, 0, NULL, "out of memory");
  sbx__free(data);
  sbx__free(r);
  if (rc) sbx__benchmark_free(b);
  else *out = b;
  return rc;
}

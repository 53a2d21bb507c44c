/* Kolada (RKA's open API for Swedish municipal key figures, v3): key figures for KPIs ×
 * municipalities × years, or the municipality groups whose title matches a text
 * ("Liknande kommuner ..."), written as tidy CSV (docs/formats.md, "Kolada"). The v3 facts
 * followed here: /data/kpi/{kpi}/municipality/{mun}/year/{years}, at most 25 ids per
 * path segment, per_page=5000, next_url followed verbatim until absent, null or "";
 * `period` an integer or a string, `value` a number or null, gender T, K or M; group
 * members as member_id/member_title or id/title. Unknown fields are ignored. */
#include "engine/fetch/apis.h"
#include "surveys/util.h"

#include <curl/curl.h>
#include <jansson.h>
#include <sixbox/csvout.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 25          /* ids per path segment (v3) */
#define MAX_LIST 2000     /* ids in one --kpi, --municipality or --years list */
#define MAX_PAGES 10000
#define MAX_ROWS 5000000

typedef struct krow {
  char *kpi, *mun, *gender, *status, *value;
  long period;
} krow;

typedef struct klist {
  char **v;
  size_t n;
} klist;

typedef struct kout {
  krow *row;
  size_t n, cap;
} kout;

static void list_free(klist *l) {
  for (size_t i = 0; i < l->n; i++) sbx__free(l->v[i]);
  sbx__free(l->v);
  l->v = NULL;
  l->n = 0;
}

static int id_ok(const char *s, int years) {
  size_t n = strlen(s);
  if (n == 0 || n > 16) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    int ok = years ? (c >= '0' && c <= '9')
                   : (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!ok) return 0;
  }
  return !years || n == 4;
}

static int list_push(klist *l, const char *s, size_t n) {
  if (l->n >= MAX_LIST) return SBX_ELIMIT;
  char **nv = sbx__realloc(l->v, (l->n + 1) * sizeof *nv);
  if (!nv) return SBX_ENOMEM;
  l->v = nv;
  if (!(l->v[l->n] = sbx__malloc(n + 1))) return SBX_ENOMEM;
  memcpy(l->v[l->n], s, n);
  l->v[l->n++][n] = '\0';
  return 0;
}

/* "2018-2022" → each year. */
static int push_range(klist *l, const char *a, const char *dash) {
  long from = strtol(a, NULL, 10), to = strtol(dash + 1, NULL, 10);
  if (dash - a != 4 || strlen(dash + 1) != 4 || from < 1900 || to > 2100 || from > to)
    return SBX_EUSAGE;
  for (long y = from; y <= to; y++) {
    char b[8];
    snprintf(b, sizeof b, "%ld", y);
    int rc = list_push(l, b, 4);
    if (rc) return rc;
  }
  return 0;
}

/* A comma-separated list of ids (years: also ranges "2018-2022"). */
static int parse_list(const char *text, int years, const char *opt, klist *l, sbx_ctx *ctx) {
  char *copy = sbx__strdup(text ? text : "");
  int rc = copy ? 0 : SBX_ENOMEM;
  char *save = NULL;
  for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t && !rc;
       t = strtok_r(NULL, ",", &save)) {
    char *dash = years ? strchr(t, '-') : NULL;
    if (dash) {
      *dash = '\0';
      rc = id_ok(t, 1) && id_ok(dash + 1, 1) ? push_range(l, t, dash) : SBX_EUSAGE;
      *dash = '-';
    } else {
      rc = id_ok(t, years) ? list_push(l, t, strlen(t)) : SBX_EUSAGE;
    }
    if (rc == SBX_EUSAGE)
      sbx__error(ctx, rc, NULL, 0, t, "%s: '%s' is not %s", opt, t,
                 years ? "a year (YYYY) or a range (YYYY-YYYY)" : "a Kolada id (letters and digits)");
  }
  sbx__free(copy);
  if (!rc && l->n == 0)
    rc = sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "%s: give at least one id", opt);
  if (rc == SBX_ELIMIT)
    sbx__error(ctx, rc, NULL, 0, NULL, "%s: more than %d ids", opt, MAX_LIST);
  return rc;
}

/* ids[from, from + BATCH) joined with commas. */
static char *segment(const klist *l, size_t from) {
  size_t to = from + BATCH < l->n ? from + BATCH : l->n, len = 1;
  for (size_t i = from; i < to; i++) len += strlen(l->v[i]) + 1;
  char *s = sbx__malloc(len);
  if (!s) return NULL;
  s[0] = '\0';
  for (size_t i = from; i < to; i++) {
    if (i > from) strcat(s, ",");
    strcat(s, l->v[i]);
  }
  return s;
}

static char *str_or_empty(json_t *v) {
  return sbx__strdup(json_is_string(v) ? json_string_value(v) : "");
}

/* A number as Kolada gave it, without float noise (up to 15 significant digits). */
static char *value_text(json_t *v) {
  if (json_is_null(v) || !v) return sbx__strdup("");
  char b[64];
  snprintf(b, sizeof b, "%.15g", json_number_value(v));
  return sbx__strdup(b);
}

/* A year 1900-2100 (a number or a string), else SBX_EPROTO. */
static int period_of(long *out, json_t *p) {
  if (json_is_integer(p)) *out = (long)json_integer_value(p);
  else if (json_is_string(p)) *out = strtol(json_string_value(p), NULL, 10);
  else return SBX_EPROTO;
  return *out >= 1900 && *out <= 2100 ? 0 : SBX_EPROTO;
}

static void row_free(krow *r) {
  sbx__free(r->kpi);
  sbx__free(r->mun);
  sbx__free(r->gender);
  sbx__free(r->status);
  sbx__free(r->value);
}

/* One value entry of an item. */
static int add_value(kout *o, const char *kpi, const char *mun, long period, json_t *e) {
  json_t *g = json_object_get(e, "gender"), *v = json_object_get(e, "value");
  if (!json_is_string(g) || (v && !json_is_null(v) && !json_is_number(v))) return SBX_EPROTO;
  if (o->n >= MAX_ROWS) return SBX_ELIMIT;
  if (sbx__grow(&o->row, &o->cap, o->n + 1, sizeof *o->row)) return SBX_ENOMEM;
  krow *r = &o->row[o->n];
  r->kpi = sbx__strdup(kpi);
  r->mun = sbx__strdup(mun);
  r->gender = str_or_empty(g);
  r->status = str_or_empty(json_object_get(e, "status"));
  r->value = value_text(v);
  r->period = period;
  if (!r->kpi || !r->mun || !r->gender || !r->status || !r->value) {
    row_free(r);
    return SBX_ENOMEM;
  }
  o->n++;
  return 0;
}

/* The items of one page: {kpi, municipality, period, values: [{gender, value, ...}]}. */
static int add_items(kout *o, json_t *values, const char *url, sbx_ctx *ctx) {
  size_t i;
  json_t *it;
  json_array_foreach(values, i, it) {
    json_t *k = json_object_get(it, "kpi"), *m = json_object_get(it, "municipality");
    json_t *vals = json_object_get(it, "values");
    long period = 0;
    int rc = json_is_string(k) && json_is_string(m) && json_is_array(vals) &&
                     period_of(&period, json_object_get(it, "period")) == 0
                 ? 0 : SBX_EPROTO;
    size_t j;
    json_t *e;
    json_array_foreach(vals, j, e) if (!rc) rc = add_value(o, json_string_value(k),
                                                           json_string_value(m), period, e);
    if (rc == SBX_EPROTO)
      return sbx__error(ctx, rc, url, 0, NULL, "Kolada's answer has a malformed item (number "
                        "%zu on the page): it needs kpi, municipality, period and values with "
                        "gender and value; nothing was written", i + 1);
    if (rc) return sbx__error(ctx, rc, url, 0, NULL, rc == SBX_ELIMIT
                              ? "more than %d key figures; ask for fewer" : "out of memory",
                              MAX_ROWS);
  }
  return 0;
}

/* GETs first and every next_url after it; hands each page's "values" to add. */
static int pages(const char *first, const sbx_fetch_opts *o, void *ud,
                 int (*add)(void *, json_t *, const char *, sbx_ctx *), sbx_ctx *ctx) {
  char *url = sbx__strdup(first);
  int rc = url ? 0 : SBX_ENOMEM;
  for (int page = 0; !rc && url; page++) {
    if (page >= MAX_PAGES) {
      rc = sbx__error(ctx, SBX_ELIMIT, first, 0, NULL, "more than %d pages", MAX_PAGES);
      break;
    }
    sbx_http_req rq = { "GET", url, NULL, SBX_AUTH_NONE, NULL, "Accept: application/json" };
    json_t *j = NULL;
    rc = sbx__fetch_json(o, &rq, &j, ctx);
    json_t *values = json_object_get(j, "values"), *next = json_object_get(j, "next_url");
    if (!rc && !json_is_array(values))
      rc = sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "Kolada's answer has no 'values' list; "
                      "nothing was written (is the URL the API, e.g. https://api.kolada.se/v3?)");
    if (!rc) rc = add(ud, values, url, ctx);
    const char *n = json_is_string(next) ? json_string_value(next) : NULL;
    char why[256];
    if (!rc && n && *n && (!sbx__same_origin(n, first) || !sbx__url_allowed(n, why, sizeof why)))
      rc = sbx__error(ctx, SBX_EPROTO, url, 0, n, "the next page is on another server; refused");
    sbx__free(url);
    url = !rc && n && *n ? sbx__strdup(n) : NULL;
    if (!rc && n && *n && !url) rc = SBX_ENOMEM;
    json_decref(j);
  }
  sbx__free(url);
  return rc;
}

static int add_data(void *ud, json_t *values, const char *url, sbx_ctx *ctx) {
  return add_items(ud, values, url, ctx);
}

static char *api_url(const char *base, const char *tail) {
  size_t n = strlen(base);
  while (n && base[n - 1] == '/') n--;
  return sbx__asprintf("%.*s%s", (int)n, base, tail);
}

/* Every batch of ≤ 25 KPIs × municipalities × years. */
static int fetch_data(const char *base, const sbx_fetch_opts *o, const klist *kpi,
                      const klist *mun, const klist *yr, kout *out, sbx_ctx *ctx) {
  int rc = 0;
  for (size_t a = 0; !rc && a < kpi->n; a += BATCH)
    for (size_t b = 0; !rc && b < mun->n; b += BATCH)
      for (size_t c = 0; !rc && c < yr->n; c += BATCH) {
        if (o->cancel && *o->cancel) return sbx__error(ctx, SBX_EINTR, base, 0, NULL, "interrupted");
        char *k = segment(kpi, a), *m = segment(mun, b), *y = segment(yr, c), *tail = NULL;
        if (k && m && y)
          tail = sbx__asprintf("/data/kpi/%s/municipality/%s/year/%s?per_page=5000", k, m, y);
        char *url = tail ? api_url(base, tail) : NULL;
        rc = url ? pages(url, o, out, add_data, ctx) : SBX_ENOMEM;
        sbx__free(k), sbx__free(m), sbx__free(y), sbx__free(tail), sbx__free(url);
      }
  return rc;
}

static int cmp_row(const void *x, const void *y) {
  const krow *a = x, *b = y;
  int c = strcmp(a->kpi, b->kpi);
  if (!c) c = strcmp(a->mun, b->mun);
  if (!c) c = (a->period > b->period) - (a->period < b->period);
  if (!c) c = strcmp(a->gender, b->gender);
  if (!c) c = strcmp(a->value, b->value);
  return c;
}

/* The tidy CSV, sorted, so the same figures give the same bytes whatever the pages. */
static int write_rows(kout *o, FILE *f, const char *url, sbx_ctx *ctx) {
  if (o->n > 1) qsort(o->row, o->n, sizeof *o->row, cmp_row);
  fputs("kpi,municipality,period,gender,value,status\r\n", f);
  for (size_t i = 0; i < o->n; i++) {
    const krow *r = &o->row[i];
    if (i > 0 && cmp_row(r, &o->row[i - 1]) == 0) continue; /* a page repeated */
    sbx_csv_cell(f, r->kpi);
    fputc(',', f);
    sbx_csv_cell(f, r->mun);
    fprintf(f, ",%ld,", r->period);
    sbx_csv_cell(f, r->gender);
    fprintf(f, ",%s,", r->value);
    sbx_csv_cell(f, r->status);
    fputs("\r\n", f);
  }
  if (ferror(f)) return sbx__error(ctx, SBX_EIO, url, 0, NULL, "cannot write the key figures");
  return 0;
}

/* ---- municipality groups ---- */

static int add_groups(void *ud, json_t *values, const char *url, sbx_ctx *ctx) {
  kout *o = ud;
  size_t i, j;
  json_t *g, *m;
  json_array_foreach(values, i, g) {
    json_t *id = json_object_get(g, "id"), *title = json_object_get(g, "title");
    json_t *members = json_object_get(g, "members");
    if (!json_is_string(id) || !json_is_string(title) || !json_is_array(members))
      return sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "Kolada's answer has a malformed group "
                        "(number %zu on the page); nothing was written", i + 1);
    json_array_foreach(members, j, m) {
      json_t *mid = json_object_get(m, "member_id"), *mt = json_object_get(m, "member_title");
      if (!mid) mid = json_object_get(m, "id");
      if (!mt) mt = json_object_get(m, "title");
      if (!json_is_string(mid))
        return sbx__error(ctx, SBX_EPROTO, url, 0, json_string_value(id),
                          "a member of this group has no id; nothing was written");
      if (sbx__grow(&o->row, &o->cap, o->n + 1, sizeof *o->row)) return SBX_ENOMEM;
      krow *r = &o->row[o->n++];
      memset(r, 0, sizeof *r);
      r->kpi = sbx__strdup(json_string_value(id));      /* group */
      r->gender = sbx__strdup(json_string_value(title)); /* its title */
      r->mun = sbx__strdup(json_string_value(mid));
      r->status = str_or_empty(mt);
      r->value = sbx__strdup("");
      if (!r->kpi || !r->gender || !r->mun || !r->status || !r->value) return SBX_ENOMEM;
    }
  }
  return 0;
}

static int write_groups(kout *o, FILE *f, const char *url, sbx_ctx *ctx) {
  if (o->n > 1) qsort(o->row, o->n, sizeof *o->row, cmp_row);
  fputs("group,title,member,member_title\r\n", f);
  for (size_t i = 0; i < o->n; i++) {
    const char *cells[] = { o->row[i].kpi, o->row[i].gender, o->row[i].mun, o->row[i].status };
    for (size_t c = 0; c < 4; c++) {
      if (c) fputc(',', f);
      sbx_csv_cell(f, cells[c]);
    }
    fputs("\r\n", f);
  }
  if (ferror(f)) return sbx__error(ctx, SBX_EIO, url, 0, NULL, "cannot write the groups");
  return 0;
}

static int fetch_groups(const char *base, const sbx_fetch_opts *o, kout *out, FILE *f,
                        sbx_ctx *ctx) {
  char *t = curl_easy_escape(NULL, o->kolada_groups, 0);
  char *tail = t ? sbx__asprintf("/municipality_groups?title=%s&per_page=5000", t) : NULL;
  char *url = tail ? api_url(base, tail) : NULL;
  int rc = url ? pages(url, o, out, add_groups, ctx) : SBX_ENOMEM;
  if (!rc) rc = write_groups(out, f, url, ctx);
  curl_free(t);
  sbx__free(tail);
  sbx__free(url);
  return rc;
}

int sbx__fetch_kolada(const char *url, const sbx_fetch_opts *o, FILE *f, sbx_ctx *ctx) {
  kout out = { 0 };
  klist kpi = { 0 }, mun = { 0 }, yr = { 0 };
  int rc;
  if (o->kolada_groups) {
    rc = fetch_groups(url, o, &out, f, ctx);
  } else {
    rc = parse_list(o->kolada_kpi, 0, "--kpi", &kpi, ctx);
    if (!rc) rc = parse_list(o->kolada_municipality, 0, "--municipality", &mun, ctx);
    if (!rc) rc = parse_list(o->kolada_years, 1, "--years", &yr, ctx);
    if (!rc) rc = fetch_data(url, o, &kpi, &mun, &yr, &out, ctx);
    if (!rc) rc = write_rows(&out, f, url, ctx);
  }
  for (size_t i = 0; i < out.n; i++) row_free(&out.row[i]);
  sbx__free(out.row);
  list_free(&kpi);
  list_free(&mun);
  list_free(&yr);
  return rc;
}

/* Helpers for turning a schema-valid document into model structs: counted error
 * records, language lists, multilingual texts checked against the declared
 * languages, aliases and numeric attributes. */
#include "surveys/xml/xmldoc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sbx__xb_error(sbx__xb *b, long line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sbx__verror(b->ctx, SBX_EDATA, SBX_SEV_ERROR, b->source, line, 0, NULL, fmt, ap);
  va_end(ap);
  b->nerr++;
}

char *sbx__xb_strdup(sbx__xb *b, const char *s) {
  char *d = sbx__strdup(s ? s : "");
  if (!d) b->nomem = 1;
  return d;
}

/* Appends s (taken over; NULL: its allocation failed) to *v; 0 or SBX_ENOMEM. */
static int push_str(sbx__xb *b, char ***v, size_t *n, char *s) {
  if (!s) return SBX_ENOMEM;
  char **nv = sbx__realloc(*v, (*n + 1) * sizeof *nv);
  if (!nv) {
    sbx__free(s);
    b->nomem = 1;
    return SBX_ENOMEM;
  }
  nv[(*n)++] = s;
  *v = nv;
  return 0;
}

void sbx__xb_languages(sbx__xb *b, const xmlNode *n, char ***lang, size_t *nlang) {
  char *all = sbx__xml_text(n);
  if (!all) {
    b->nomem = 1;
    return;
  }
  char *save = NULL;
  for (char *t = strtok_r(all, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
    int dup = 0;
    for (size_t i = 0; i < *nlang; i++) dup |= strcmp((*lang)[i], t) == 0;
    if (dup)
      sbx__xb_error(b, sbx__xml_line(n), "language '%s' is listed twice", t);
    else if (push_str(b, lang, nlang, sbx__xb_strdup(b, t)))
      break;
  }
  sbx__free(all);
}

static int declared(const sbx__xb *b, const char *lang) {
  for (size_t i = 0; i < b->nlang; i++)
    if (strcmp(b->lang[i], lang) == 0) return 1;
  return 0;
}

static int has_lang(const sbx_text *t, const char *lang) {
  for (size_t i = 0; i < t->n; i++)
    if (strcmp(t->lang[i], lang) == 0) return 1;
  return 0;
}

void sbx__xb_texts(sbx__xb *b, const xmlNode *parent, const char *child, sbx_text *out,
                   const char *what) {
  for (xmlNode *c = parent->children; c; c = c->next) {
    if (!sbx__xml_is(c, child)) continue;
    const char *lang = sbx__xml_attr(c, "lang");
    if (!lang) continue; /* the schema said so already */
    if (!declared(b, lang)) {
      sbx__xb_error(b, sbx__xml_line(c),
                    "%s: language '%s' is not among the declared <languages>", what, lang);
      continue;
    }
    if (has_lang(out, lang)) {
      sbx__xb_error(b, sbx__xml_line(c), "%s: a second <%s> in '%s'", what, child, lang);
      continue;
    }
    char *v = sbx__xml_text(c);
    if (!v || sbx__text_set(out, lang, v)) b->nomem = 1;
    sbx__free(v);
  }
  for (size_t i = 0; i < b->nlang; i++)
    if (!has_lang(out, b->lang[i]))
      sbx__xb_error(b, sbx__xml_line(parent), "%s: no <%s> in '%s'; add <%s lang=\"%s\">",
                    what, child, b->lang[i], child, b->lang[i]);
}

sbx_point *sbx__xb_add_point(sbx__xb *b, sbx_answer_scale *a, int v) {
  sbx_point *np = sbx__realloc(a->point, (a->npoint + 1) * sizeof *np);
  if (!np) {
    b->nomem = 1;
    return NULL;
  }
  a->point = np;
  sbx_point *p = &np[a->npoint++];
  memset(p, 0, sizeof *p);
  p->value = v;
  return p;
}

static int cmp_point(const void *x, const void *y) {
  const sbx_point *p = x, *q = y;
  return (p->value > q->value) - (p->value < q->value);
}

void sbx__xb_sort_points(sbx_answer_scale *a) {
  if (a->npoint > 1) qsort(a->point, a->npoint, sizeof *a->point, cmp_point);
}

void sbx__xb_aliases(sbx__xb *b, const xmlNode *parent, char ***alias, size_t *n) {
  for (xmlNode *c = parent->children; c; c = c->next) {
    if (!sbx__xml_is(c, "alias")) continue;
    if (push_str(b, alias, n, sbx__xml_text(c))) {
      b->nomem = 1;
      return;
    }
  }
}

long sbx__xb_long(const xmlNode *n, const char *attr, long dflt) {
  const char *v = sbx__xml_attr(n, attr);
  if (!v || !*v) return dflt;
  return strtol(v, NULL, 10);
}

/* xs:decimal, read without the C library's locale-dependent strtod. */
double sbx__xb_double(const xmlNode *n, const char *attr, double dflt) {
  const char *v = sbx__xml_attr(n, attr);
  if (!v) return dflt;
  while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') v++;
  double sign = 1, x = 0, scale = 1;
  if (*v == '-' || *v == '+') sign = *v++ == '-' ? -1 : 1;
  if (!((*v >= '0' && *v <= '9') || *v == '.')) return dflt;
  for (; *v >= '0' && *v <= '9'; v++) x = x * 10 + (*v - '0');
  if (*v == '.')
    for (v++; *v >= '0' && *v <= '9'; v++) x += (*v - '0') * (scale /= 10);
  return sign * x;
}

static int cmp_ref(const void *a, const void *b) {
  const sbx__idref *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  if (c) return c;
  return (x->index > y->index) - (x->index < y->index);
}

void sbx__xb_unique(sbx__xb *b, sbx__idref *refs, size_t n, const char *what) {
  if (n > 1) qsort(refs, n, sizeof *refs, cmp_ref);
  size_t first = 0;
  for (size_t i = 1; i < n; i++) {
    if (strcmp(refs[first].id, refs[i].id) != 0) first = i;
    else
      sbx__xb_error(b, refs[i].line, "%s id '%s' is used twice (first on line %ld)", what,
                    refs[i].id, refs[first].line);
  }
}

size_t sbx__xb_lookup(const sbx__idref *refs, size_t n, const char *id) {
  if (!id) return SBX_NONE;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(refs[mid].id, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && strcmp(refs[lo].id, id) == 0 ? refs[lo].index : SBX_NONE;
}

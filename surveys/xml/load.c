/* The public loaders of surveys/sixbox/survey.h: read the file under a cap, parse
 * hardened, validate against the built-in schema, build the model and check its
 * rules; every problem goes to the context, and nothing is returned unless all is
 * well. */
#include "surveys/xml/org_xml.h"
#include "surveys/xml/survey_xml.h"

#include <stdarg.h>
#include <stdlib.h>

/* Moves the records of tmp into ctx ordered by line (stable), so that a file's
 * problems read from top to bottom whichever check found them. */
static int by_line(const void *a, const void *b) {
  const sbx_error *x = *(const sbx_error *const *)a, *y = *(const sbx_error *const *)b;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  return x < y ? -1 : x > y;
}

static void reemit(sbx_ctx *ctx, const sbx_error *e, ...) {
  va_list ap;
  va_start(ap, e);
  sbx__verror(ctx, e->code, e->severity, e->source, e->line, e->column, e->item, "%s", ap);
  va_end(ap);
}

static void move_sorted(sbx_ctx *tmp, sbx_ctx *ctx) {
  size_t n = sbx_ctx_count(tmp);
  const sbx_error **v = n ? sbx__malloc(n * sizeof *v) : NULL;
  for (size_t i = 0; v && i < n; i++) v[i] = sbx_ctx_get(tmp, i);
  if (v) qsort(v, n, sizeof *v, by_line);
  for (size_t i = 0; i < n; i++) {
    const sbx_error *e = v ? v[i] : sbx_ctx_get(tmp, i);
    reemit(ctx, e, e->message);
  }
  sbx__free(v);
  if (sbx_ctx_dropped(tmp))
    sbx__error(ctx, SBX_EDATA, NULL, 0, NULL, "%zu further problems not recorded",
               sbx_ctx_dropped(tmp));
}

/* Runs a load into a scratch context, then hands its records over in line order. */
static int sorted(int (*load)(void *, const char *, size_t, const char *, sbx_ctx *),
                  void *out, const char *data, size_t len, const char *source, sbx_ctx *ctx) {
  sbx_ctx *tmp = ctx ? sbx_ctx_new() : NULL;
  if (ctx && !tmp) return sbx__error(ctx, SBX_ENOMEM, source, 0, NULL, "out of memory");
  int rc = load(out, data, len, source, tmp);
  if (tmp) move_sorted(tmp, ctx);
  sbx_ctx_free(tmp);
  return rc;
}

static const char *src_name(const char *source) { return source ? source : "<memory>"; }

/* The load fails on any counted problem; a NULL ctx still gets the right code. */
static int finish(sbx__xb *b, int rc) {
  if (rc) return rc;
  if (b->nomem) return sbx__error(b->ctx, SBX_ENOMEM, b->source, 0, NULL, "out of memory");
  return b->nerr ? SBX_EDATA : 0;
}

static int survey_load(void *outp, const char *data, size_t len, const char *source,
                       sbx_ctx *ctx) {
  sbx_survey **out = outp;
  source = src_name(source);
  xmlDocPtr doc;
  int rc = sbx__xml_load(&doc, SBX_FILE_SURVEY, data, len, source, ctx);
  if (rc) return rc;
  sbx__xb b = { .ctx = ctx, .source = source };
  sbx_survey *s = sbx__calloc(1, sizeof *s);
  if (!s || !(s->source = sbx__strdup(source))) {
    b.nomem = 1;
  } else {
    sbx__survey_build(&b, xmlDocGetRootElement(doc), s);
    if (!b.nomem) sbx__survey_rules(&b, s);
  }
  xmlFreeDoc(doc);
  rc = finish(&b, 0);
  if (rc) {
    sbx_survey_free(s);
    return rc;
  }
  *out = s;
  return 0;
}

static int org_load(void *outp, const char *data, size_t len, const char *source,
                    sbx_ctx *ctx) {
  sbx_org **out = outp;
  source = src_name(source);
  xmlDocPtr doc;
  int rc = sbx__xml_load(&doc, SBX_FILE_ORG, data, len, source, ctx);
  if (rc) return rc;
  sbx__xb b = { .ctx = ctx, .source = source };
  sbx_org *o = sbx__calloc(1, sizeof *o);
  if (!o || !(o->source = sbx__strdup(source)))
    b.nomem = 1;
  else
    sbx__org_build(&b, xmlDocGetRootElement(doc), o);
  xmlFreeDoc(doc);
  rc = finish(&b, 0);
  if (rc) {
    sbx_org_free(o);
    return rc;
  }
  *out = o;
  return 0;
}

int sbx_survey_load_memory(sbx_survey **out, const char *data, size_t len,
                           const char *source, sbx_ctx *ctx) {
  *out = NULL;
  return sorted(survey_load, out, data, len, src_name(source), ctx);
}

int sbx_org_load_memory(sbx_org **out, const char *data, size_t len, const char *source,
                        sbx_ctx *ctx) {
  *out = NULL;
  return sorted(org_load, out, data, len, src_name(source), ctx);
}

int sbx_survey_load(sbx_survey **out, const char *path, sbx_ctx *ctx) {
  *out = NULL;
  char *data;
  size_t len;
  int rc = sbx__read_file(path, SBX_XML_MAX_BYTES, &data, &len, ctx);
  if (rc) return rc;
  rc = sbx_survey_load_memory(out, data, len, path, ctx);
  sbx__free(data);
  return rc;
}

int sbx_org_load(sbx_org **out, const char *path, sbx_ctx *ctx) {
  *out = NULL;
  char *data;
  size_t len;
  int rc = sbx__read_file(path, SBX_XML_MAX_BYTES, &data, &len, ctx);
  if (rc) return rc;
  rc = sbx_org_load_memory(out, data, len, path, ctx);
  sbx__free(data);
  return rc;
}

int sbx_definition_kind(sbx_file_kind *out, const char *path, sbx_ctx *ctx) {
  *out = SBX_FILE_UNKNOWN;
  char *data;
  size_t len;
  int rc = sbx__read_file(path, SBX_XML_MAX_BYTES, &data, &len, ctx);
  if (rc) return rc;
  xmlDocPtr doc;
  rc = sbx__xml_parse(&doc, data, len, path, ctx);
  sbx__free(data);
  if (rc) return rc;
  *out = sbx__xml_kind(doc);
  if (*out == SBX_FILE_UNKNOWN) rc = sbx__xml_wrong_root(doc, "<survey> or <organisation>", path, ctx);
  xmlFreeDoc(doc);
  return rc;
}

/* Streaming XML under caps for the readers (see xmlread.h): xmlReaderForIO pulls
 * bytes from our source, so a part inflated from a zip is never held whole, and the
 * first DOCTYPE node stops the read before any declaration is acted on. */
#include "engine/import/readers/xmlread.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/xmlerror.h>

#include "surveys/xml/xmldoc.h"

#define XR_MAX_MESSAGES 20

/* libxml2's xmlInputReadCallback says "failed" with -1 (its contract, not an SBX_E*
 * code); the reason is kept in x->err. */
#define XML_READ_FAILED (-1)

static int io_read(void *ctx, char *buf, int len) {
  sbx__xr *x = ctx;
  const char *p;
  size_t n;
  if (x->err || len <= 0) return XML_READ_FAILED;
  int rc = sbx__src_next(x->src, (size_t)len, &p, &n);
  if (rc) {
    x->err = rc;
    return XML_READ_FAILED;
  }
  memcpy(buf, p, n);
  return (int)n;
}

static int io_close(void *ctx) {
  (void)ctx;
  return 0;
}

static void on_error(void *arg, sbx__xml_error e) {
  sbx__xr *x = arg;
  if (!e || e->level == XML_ERR_NONE || e->level == XML_ERR_WARNING) return;
  if (x->err && x->nmsg) return;
  if (x->nmsg++ >= XR_MAX_MESSAGES) return;
  if (e->code == XML_ERR_NO_MEMORY) { /* libxml2 ran out: never "not well-formed" */
    sbx__error(x->rd->ctx, SBX_ENOMEM, x->rd->source, e->line, x->part, "out of memory reading the XML");
    x->err = SBX_ENOMEM;
    return;
  }
  if (e->domain == XML_FROM_I18N || (e->domain == XML_FROM_IO && e->code == XML_IO_ENCODER)) {
    sbx__error(x->rd->ctx, SBX_EDATA, x->rd->source, e->line, x->part,
               "the bytes of the XML do not match the encoding it declares; export it again "
               "or save it as UTF-8");
    if (!x->err) x->err = SBX_EDATA;
    return;
  }
  char msg[400];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown XML error");
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  sbx__error(x->rd->ctx, SBX_EDATA, x->rd->source, e->line, x->part, "not well-formed XML: %s",
             msg);
  if (!x->err) x->err = SBX_EDATA;
}

/* Messages libxml2 sends to its process-wide channels instead of the reader's handler
 * (the encoding converters' "input conversion failed", "xmlParseChunk: encoder error"):
 * a library must not write to its caller's stderr. While a call into the reader runs,
 * both channels (thread-local in libxml2) point here, and are put back after. */
static void on_generic(void *arg, const char *msg, ...) {
  (void)arg;
  (void)msg; /* the structured message of the same failure reaches on_error */
}

typedef struct {
  xmlGenericErrorFunc gen;
  void *gen_ctx;
  xmlStructuredErrorFunc st;
  void *st_ctx;
} xr_channels;

static void quiet_begin(sbx__xr *x, xr_channels *c) {
  c->gen = xmlGenericError;
  c->gen_ctx = xmlGenericErrorContext;
  c->st = xmlStructuredError;
  c->st_ctx = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc(x, on_generic);
  xmlSetStructuredErrorFunc(x, on_error);
}

static void quiet_end(const xr_channels *c) {
  xmlSetGenericErrorFunc(c->gen_ctx, c->gen);
  xmlSetStructuredErrorFunc(c->st_ctx, c->st);
}

int sbx__xr_open(sbx__xr *x, sbx__rd *rd, sbx__src *src, const char *part) {
  memset(x, 0, sizeof *x);
  x->rd = rd;
  x->src = src;
  x->part = part;
  /* No NOENT, DTDLOAD, DTDVALID, XINCLUDE, HUGE or RECOVER, ever. */
  xr_channels ch;
  quiet_begin(x, &ch);
  x->r = xmlReaderForIO(io_read, io_close, x, "export.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_NOCDATA);
  quiet_end(&ch);
  if (!x->r) return sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, part, "out of memory");
  xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
  return 0;
}

int sbx__xr_next(sbx__xr *x) {
  if (x->err) return x->err;
  xr_channels ch;
  quiet_begin(x, &ch);
  int r = xmlTextReaderRead(x->r);
  quiet_end(&ch);
  if (x->err) return x->err;
  if (r < 0) {
    if (!x->nmsg)
      sbx__error(x->rd->ctx, SBX_EDATA, x->rd->source, 0, x->part,
                 "not well-formed XML; the file is damaged or not an export");
    return x->err = SBX_EDATA;
  }
  if (r == 0) return 0;
  if (xmlTextReaderNodeType(x->r) == XML_READER_TYPE_DOCUMENT_TYPE)
    return x->err = sbx__error(x->rd->ctx, SBX_EDATA, x->rd->source, sbx__xr_line(x),
                               x->part,
                               "the XML has a DOCTYPE, which exports never need; refused "
                               "for safety");
  return 1;
}

void sbx__xr_close(sbx__xr *x) {
  if (x->r) xmlFreeTextReader(x->r);
  x->r = NULL;
}

int sbx__xr_type(const sbx__xr *x) { return xmlTextReaderNodeType(x->r); }
int sbx__xr_depth(const sbx__xr *x) { return xmlTextReaderDepth(x->r); }
int sbx__xr_empty(const sbx__xr *x) { return xmlTextReaderIsEmptyElement(x->r) == 1; }
long sbx__xr_line(const sbx__xr *x) { return xmlTextReaderGetParserLineNumber(x->r); }

const char *sbx__xr_name(const sbx__xr *x) {
  const xmlChar *n = xmlTextReaderConstLocalName(x->r);
  return n ? (const char *)n : "";
}

int sbx__xr_is(const sbx__xr *x, const char *name) {
  return sbx__xr_type(x) == XML_READER_TYPE_ELEMENT && strcmp(sbx__xr_name(x), name) == 0;
}

int sbx__xr_is_end(const sbx__xr *x, const char *name) {
  return sbx__xr_type(x) == XML_READER_TYPE_END_ELEMENT && strcmp(sbx__xr_name(x), name) == 0;
}

char *sbx__xr_attr(sbx__xr *x, const char *name) {
  xmlChar *v = xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
  if (!v) return NULL;
  char *s = sbx__strdup((const char *)v);
  xmlFree(v);
  /* NULL would read as "absent": the reader ends with SBX_ENOMEM at its next node. */
  if (!s && !x->err)
    x->err = sbx__error(x->rd->ctx, SBX_ENOMEM, x->rd->source, 0, x->part, "out of memory");
  return s;
}

int sbx__xr_attr_buf(const sbx__xr *x, const char *name, char *buf, size_t size) {
  buf[0] = '\0';
  if (xmlTextReaderMoveToAttribute(x->r, (const xmlChar *)name) != 1) return 0;
  const xmlChar *v = xmlTextReaderConstValue(x->r);
  snprintf(buf, size, "%s", v ? (const char *)v : "");
  xmlTextReaderMoveToElement(x->r);
  return 1;
}

int sbx__xr_error(sbx__xr *x, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sbx__verror(x->rd->ctx, code, SBX_SEV_ERROR, x->rd->source, x->r ? sbx__xr_line(x) : 0, 0,
              x->part, fmt, ap);
  va_end(ap);
  return x->err = code;
}

int sbx__buf_add(sbx__buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap && sbx__grow(&b->s, &b->cap, b->len + n + 1, 1))
    return SBX_ENOMEM;
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
  return 0;
}

int sbx__xr_text(sbx__xr *x, sbx__buf *b, const char *skip) {
  if (sbx__buf_add(b, "", 0)) return sbx__xr_error(x, SBX_ENOMEM, "out of memory");
  if (sbx__xr_empty(x)) return 0;
  int depth = sbx__xr_depth(x), skipping = 0, rc;
  while ((rc = sbx__xr_next(x)) == 1) {
    int t = sbx__xr_type(x), d = sbx__xr_depth(x);
    if (t == XML_READER_TYPE_END_ELEMENT && d == depth) return 0;
    if (skip && t == XML_READER_TYPE_ELEMENT && !sbx__xr_empty(x) && !skipping &&
        strcmp(sbx__xr_name(x), skip) == 0)
      skipping = d;
    else if (skipping && t == XML_READER_TYPE_END_ELEMENT && d == skipping)
      skipping = 0;
    if (skipping || (t != XML_READER_TYPE_TEXT && t != XML_READER_TYPE_CDATA &&
                     t != XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
      continue;
    const char *v = (const char *)xmlTextReaderConstValue(x->r);
    size_t n = v ? strlen(v) : 0;
    if (b->len + n > SBX_IMPORT_MAX_FIELD)
      return sbx__xr_error(x, SBX_ELIMIT, "a cell is longer than the limit of %u bytes",
                           SBX_IMPORT_MAX_FIELD);
    if (n && sbx__buf_add(b, v, n)) return sbx__xr_error(x, SBX_ENOMEM, "out of memory");
  }
  return rc == 0 ? sbx__xr_error(x, SBX_EDATA, "the XML ends inside an element") : rc;
}

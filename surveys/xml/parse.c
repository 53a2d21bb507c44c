/* Hardened parsing of untrusted XML with libxml2 (2.9.14 here; docs/formats.md, "Untrusted
 * input"): the caller has read the bytes under a cap; we refuse compressed and non-UTF-8
 * input, any DOCTYPE (so no entity, DTD or external resource is ever seen), parse
 * from memory without NOENT, DTDLOAD, XINCLUDE or HUGE, and turn every libxml2
 * message into a context record "source:line: reason".
 * Only libxml2's public calls and its xmlError are used: what the parse found out is
 * gathered from the errors it reports, never from the parser context's fields
 * (docs/architecture.md, "Dependencies' internals we rely on", has the one exception). */
#include "surveys/xml/xmldoc.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <limits.h>
#include <string.h>

/* libxml2's nesting limit without XML_PARSE_HUGE: 256 in 2.9 to 2.14 (xmlParserMaxDepth
 * of parserInternals.h until 2.12, a constant since). */
#define LIBXML_MAX_DEPTH 256

/* Per-parse state, reached through ctxt->_private (libxml2's field for its caller's own
 * data); nothing outlives the call. */
typedef struct parse_state {
  sbx_ctx *ctx;
  const char *source;
  int doctype;
  long doctype_line;
  int failed;                   /* an error (not a warning) was reported */
  int nomem;                    /* ... and it was memory */
  size_t nmsg;
} parse_state;

/* libxml2's refusal of deep nesting, told by its code and its number, never by its text:
 * a fatal XML_ERR_INTERNAL_ERROR (up to 2.12) or XML_ERR_RESOURCE_LIMIT (from 2.13) that
 * carries a depth in int1. No other error of those codes that a parse without a DTD can
 * raise carries a number (read in libxml2's sources, 2.9.14 to 2.14). */
static int too_deep(const xmlError *e) {
  if (e->domain != XML_FROM_PARSER || e->level != XML_ERR_FATAL || e->int1 <= 0) return 0;
#if LIBXML_VERSION >= 21300
  if (e->code == XML_ERR_RESOURCE_LIMIT) return 1;
#endif
  return e->code == XML_ERR_INTERNAL_ERROR;
}

/* A libxml2 message without its trailing newline, made friendlier where it helps. */
static void record_libxml_error(parse_state *st, const xmlError *e) {
  if (!e || e->level == XML_ERR_NONE) return;
  if (e->code == XML_ERR_USER_STOP) return; /* our own stop, already reported */
  if (e->level != XML_ERR_WARNING) st->failed = 1;
  if (e->code == XML_ERR_NO_MEMORY) st->nomem = 1;
  if (st->nmsg++ >= SBX_XML_MAX_MESSAGES) return;
  if (too_deep(e)) {
    sbx__error(st->ctx, SBX_EDATA, st->source, e->line, NULL,
               "elements are nested more than %d levels deep; the file is refused",
               LIBXML_MAX_DEPTH);
    return;
  }
  char msg[512];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown XML error");
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  if (e->level == XML_ERR_WARNING)
    sbx__warning(st->ctx, SBX_EDATA, st->source, e->line, NULL, "%s", msg);
  else
    sbx__error(st->ctx, SBX_EDATA, st->source, e->line, NULL, "not well-formed XML: %s",
               msg);
}

static void on_parser_error(void *user, sbx__xml_error e) {
  xmlParserCtxtPtr c = user;
  record_libxml_error(c->_private, e);
}

/* Fires for every <!DOCTYPE ...>: stop there, before any declaration is read. */
static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext_id,
                       const xmlChar *sys_id) {
  (void)name;
  (void)ext_id;
  (void)sys_id;
  xmlParserCtxtPtr c = user;
  parse_state *st = c->_private;
  st->doctype = 1;
  st->doctype_line = xmlSAX2GetLineNumber(c);
  xmlStopParser(c);
}

/* Never load anything from outside: DTDs, entities, XInclude. */
static xmlParserInputPtr refuse_entity(void *user, const xmlChar *pub, const xmlChar *sys) {
  (void)user;
  (void)pub;
  (void)sys;
  return NULL;
}

static void ignore_external_subset(void *user, const xmlChar *name, const xmlChar *e,
                                   const xmlChar *s) {
  (void)user;
  (void)name;
  (void)e;
  (void)s;
}

static long line_of_offset(const char *data, size_t off) {
  long line = 1;
  for (size_t i = 0; i < off; i++)
    if (data[i] == '\n') line++;
  return line;
}

/* Checks the bytes before libxml2 sees them: not compressed, not UTF-16/32, UTF-8. */
static int precheck(const char *data, size_t len, const char *source, sbx_ctx *ctx) {
  const unsigned char *u = (const unsigned char *)data;
  if (len > SBX_XML_MAX_BYTES || len > INT_MAX)
    return sbx__error(ctx, SBX_ELIMIT, source, 0, NULL,
                      "file is larger than the limit of %u bytes", SBX_XML_MAX_BYTES);
  if (len == 0)
    return sbx__error(ctx, SBX_EDATA, source, 0, NULL, "file is empty; expected XML");
  if (len >= 2 && u[0] == 0x1f && u[1] == 0x8b)
    return sbx__error(ctx, SBX_EDATA, source, 0, NULL,
                      "file is gzip-compressed; decompress it and give the XML file");
  if ((len >= 6 && memcmp(u, "\xfd" "7zXZ\0", 6) == 0) ||
      (len >= 3 && memcmp(u, "BZh", 3) == 0) || (len >= 4 && memcmp(u, "PK\3\4", 4) == 0))
    return sbx__error(ctx, SBX_EDATA, source, 0, NULL,
                      "file is compressed or an archive, not XML; give the XML file itself");
  if ((len >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe))) ||
      memchr(data, '\0', len))
    return sbx__error(ctx, SBX_EDATA, source, 0, NULL,
                      "file is UTF-16 or UTF-32 (or holds NUL bytes); save the file as UTF-8");
  size_t bad = 0;
  if (!sbx__utf8_valid(data, len, &bad))
    return sbx__error(ctx, SBX_EDATA, source, line_of_offset(data, bad), NULL,
                      "invalid UTF-8 (byte 0x%02X at offset %zu); save the file as UTF-8",
                      u[bad], bad);
  return 0;
}

/* libxml2's SAX2 tree builder with our handlers for errors, DOCTYPEs and entities. */
static xmlParserCtxtPtr new_parser(parse_state *st) {
  xmlSAXHandler h;
  memset(&h, 0, sizeof h);
  if (xmlSAXVersion(&h, 2) != 0) return NULL;
  h.serror = on_parser_error;
  h.internalSubset = on_doctype;
  h.externalSubset = ignore_external_subset;
  h.resolveEntity = refuse_entity;
  h.warning = NULL;
  h.error = NULL;
  h.fatalError = NULL;
#if LIBXML_VERSION >= 21100
  xmlParserCtxtPtr c = xmlNewSAXParserCtxt(&h, NULL);
#else
  /* libxml2 before 2.11 has no call that makes a context with a given handler: the
   * context's own handler is overwritten (docs/architecture.md, "Dependencies'
   * internals we rely on"). */
  xmlParserCtxtPtr c = xmlNewParserCtxt();
  if (c) *c->sax = h;
#endif
  if (c) c->_private = st;
  return c;
}

int sbx__xml_parse(xmlDocPtr *out, const char *data, size_t len, const char *source,
                   sbx_ctx *ctx) {
  *out = NULL;
  int rc = precheck(data, len, source, ctx);
  if (rc) return rc;
  parse_state st = { ctx, source, 0, 0, 0, 0, 0 };
  xmlParserCtxtPtr c = new_parser(&st);
  if (!c) return sbx__error(ctx, SBX_ENOMEM, source, 0, NULL, "out of memory");
  /* UTF-8 only: the bytes were checked above, so a contrary declaration is ignored. */
  const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                   XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC;
  xmlDocPtr d = xmlCtxtReadMemory(c, data, (int)len, "sixbox-input.xml", "UTF-8", opts);
  if (st.doctype)
    rc = sbx__error(ctx, SBX_EDATA, source, st.doctype_line, NULL,
                    "a DOCTYPE declaration is not allowed (DTDs and entities are refused "
                    "for safety); remove it");
  else if (st.nomem)
    rc = sbx__error(ctx, SBX_ENOMEM, source, 0, NULL, "out of memory parsing the file");
  else if (!d || st.failed || !xmlDocGetRootElement(d)) {
    rc = SBX_EDATA;
    if (st.nmsg == 0)
      sbx__error(ctx, SBX_EDATA, source, 0, NULL, "not well-formed XML");
  }
  xmlFreeParserCtxt(c);
  if (rc) {
    xmlFreeDoc(d);
    return rc;
  }
  *out = d;
  return 0;
}

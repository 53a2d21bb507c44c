/* Hardened parsing of untrusted XML with libxml2 2.9.14 (docs/formats.md, "Untrusted input"):
 * the caller has read the bytes under a cap; we refuse compressed and non-UTF-8
 * input, any DOCTYPE (so no entity, DTD or external resource is ever seen), parse
 * from memory without NOENT, DTDLOAD, XINCLUDE or HUGE, and turn every libxml2
 * message into a context record "source:line: reason". */
#include "surveys/xml/xmldoc.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <string.h>

/* Per-parse state, reached through ctxt->_private; nothing outlives the call. */
typedef struct parse_state {
  sbx_ctx *ctx;
  const char *source;
  int doctype;
  long doctype_line;
  size_t nmsg;
} parse_state;

/* A libxml2 message without its trailing newline, made friendlier where it helps. */
static void record_libxml_error(parse_state *st, const xmlError *e) {
  if (!e || e->level == XML_ERR_NONE) return;
  if (e->code == XML_ERR_USER_STOP) return; /* our own stop, already reported */
  if (st->nmsg++ >= SBX_XML_MAX_MESSAGES) return;
  char msg[512];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown XML error");
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  if (strstr(msg, "Excessive depth")) {
    sbx__error(st->ctx, SBX_EDATA, st->source, e->line, NULL,
               "elements are nested more than %d levels deep; the file is refused",
               (int)xmlParserMaxDepth);
    return;
  }
  if (e->level == XML_ERR_WARNING)
    sbx__warning(st->ctx, SBX_EDATA, st->source, e->line, NULL, "%s", msg);
  else
    sbx__error(st->ctx, SBX_EDATA, st->source, e->line, NULL, "not well-formed XML: %s",
               msg);
}

static void on_parser_error(void *user, xmlErrorPtr e) {
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
  st->doctype_line = c->input ? c->input->line : 0;
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

static xmlParserCtxtPtr new_parser(parse_state *st) {
  xmlParserCtxtPtr c = xmlNewParserCtxt();
  if (!c) return NULL;
  c->_private = st;
  c->sax->serror = on_parser_error;
  c->sax->internalSubset = on_doctype;
  c->sax->externalSubset = ignore_external_subset;
  c->sax->resolveEntity = refuse_entity;
  c->sax->warning = NULL;
  c->sax->error = NULL;
  c->sax->fatalError = NULL;
  return c;
}

int sbx__xml_parse(xmlDocPtr *out, const char *data, size_t len, const char *source,
                   sbx_ctx *ctx) {
  *out = NULL;
  int rc = precheck(data, len, source, ctx);
  if (rc) return rc;
  parse_state st = { ctx, source, 0, 0, 0 };
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
  else if (c->errNo == XML_ERR_NO_MEMORY)
    rc = sbx__error(ctx, SBX_ENOMEM, source, 0, NULL, "out of memory parsing the file");
  else if (!d || !c->wellFormed || c->errNo || !xmlDocGetRootElement(d)) {
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

/* Schema validation with the XSDs built into the library (surveys/schema/, embedded
 * at build time so an installed binary needs no data path), the root-element kind,
 * and the DOM helpers the two parsers share. The schema is compiled per call: no
 * state outlives it. */
#include "surveys/xml/xmldoc.h"

#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>

typedef struct schema_state {
  sbx_ctx *ctx;
  const char *source;
  size_t nmsg;
  int internal;             /* the built-in schema itself failed: a bug of ours */
} schema_state;

static void on_schema_error(void *user, sbx__xml_error e) {
  schema_state *st = user;
  if (!e || e->level == XML_ERR_NONE || e->level == XML_ERR_WARNING) return;
  if (st->nmsg++ >= SBX_XML_MAX_MESSAGES) return;
  char msg[512];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "schema error");
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  sbx__error(st->ctx, st->internal ? SBX_EINTERNAL : SBX_EDATA, st->source, e->line, NULL,
             "%s%s", st->internal ? "built-in schema: " : "", msg);
}

static xmlSchemaPtr compile(sbx_file_kind kind, schema_state *st) {
  const unsigned char *xsd = kind == SBX_FILE_SURVEY ? sbx__survey_xsd : sbx__org_xsd;
  size_t len = kind == SBX_FILE_SURVEY ? sbx__survey_xsd_len : sbx__org_xsd_len;
  xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt((const char *)xsd, (int)len);
  if (!pc) return NULL;
  st->internal = 1;
  xmlSchemaSetParserStructuredErrors(pc, on_schema_error, st);
  xmlSchemaPtr s = xmlSchemaParse(pc);
  xmlSchemaFreeParserCtxt(pc);
  st->internal = 0;
  return s;
}

int sbx__xml_validate(xmlDocPtr doc, sbx_file_kind kind, const char *source,
                      sbx_ctx *ctx) {
  schema_state st = { ctx, source, 0, 0 };
  xmlSchemaPtr schema = compile(kind, &st);
  if (!schema)
    return sbx__error(ctx, SBX_EINTERNAL, source, 0, NULL,
                      "the built-in schema cannot be compiled (a bug in sixbox)");
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
  int rc = 0;
  if (!vc) {
    rc = sbx__error(ctx, SBX_ENOMEM, source, 0, NULL, "out of memory");
  } else {
    xmlSchemaSetValidStructuredErrors(vc, on_schema_error, &st);
    int r = xmlSchemaValidateDoc(vc, doc);
    if (r != 0) {
      rc = r < 0 ? SBX_EINTERNAL : SBX_EDATA;
      if (st.nmsg == 0)
        sbx__error(ctx, rc, source, 0, NULL, "the file does not match its schema");
    }
    xmlSchemaFreeValidCtxt(vc);
  }
  xmlSchemaFree(schema);
  return rc;
}

sbx_file_kind sbx__xml_kind(const xmlDoc *doc) {
  const xmlNode *r = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!r || r->ns) return SBX_FILE_UNKNOWN;
  if (sbx__xml_is(r, "survey")) return SBX_FILE_SURVEY;
  if (sbx__xml_is(r, "organisation")) return SBX_FILE_ORG;
  return SBX_FILE_UNKNOWN;
}

int sbx__xml_wrong_root(const xmlDoc *doc, const char *expected, const char *source,
                        sbx_ctx *ctx) {
  const xmlNode *r = xmlDocGetRootElement(doc);
  if (r && r->ns && r->ns->href)
    return sbx__error(ctx, SBX_EDATA, source, sbx__xml_line(r), NULL,
                      "the root element <%s> is in the namespace '%s'; expected %s with no "
                      "namespace: remove the xmlns attribute", (const char *)r->name,
                      (const char *)r->ns->href, expected);
  return sbx__error(ctx, SBX_EDATA, source, sbx__xml_line(r), NULL,
                    "the root element is <%s>; expected %s", r ? (const char *)r->name : "",
                    expected);
}

int sbx__xml_load(xmlDocPtr *out, sbx_file_kind want, const char *data, size_t len,
                  const char *source, sbx_ctx *ctx) {
  *out = NULL;
  xmlDocPtr doc;
  int rc = sbx__xml_parse(&doc, data, len, source, ctx);
  if (rc) return rc;
  sbx_file_kind kind = sbx__xml_kind(doc);
  if (kind != want) {
    sbx__xml_wrong_root(doc, want == SBX_FILE_SURVEY ? "<survey>" : "<organisation>", source, ctx);
    xmlFreeDoc(doc);
    return SBX_EDATA;
  }
  rc = sbx__xml_validate(doc, kind, source, ctx);
  if (rc) {
    xmlFreeDoc(doc);
    return rc;
  }
  *out = doc;
  return 0;
}

/* ---- DOM helpers ---- */

int sbx__xml_is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const char *sbx__xml_attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next) {
    if (a->ns || strcmp((const char *)a->name, name) != 0) continue;
    const xmlNode *t = a->children;
    if (!t) return "";
    return t->type == XML_TEXT_NODE && !t->next ? (const char *)t->content : "";
  }
  return NULL;
}

long sbx__xml_line(const xmlNode *n) { return n ? xmlGetLineNo(n) : 0; }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char *sbx__xml_text(const xmlNode *n) {
  xmlChar *raw = xmlNodeGetContent(n);
  const char *s = raw ? (const char *)raw : "";
  char *out = sbx__malloc(strlen(s) + 1);
  if (out) {
    size_t k = 0;
    int pending = 0;
    for (; *s; s++) {
      if (is_space(*s)) {
        pending = k > 0;
        continue;
      }
      if (pending) out[k++] = ' ';
      pending = 0;
      out[k++] = *s;
    }
    out[k] = '\0';
  }
  xmlFree(raw);
  return out;
}

xmlNode *sbx__xml_elem(xmlNode *n) {
  while (n && n->type != XML_ELEMENT_NODE) n = n->next;
  return n;
}

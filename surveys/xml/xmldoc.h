/* Hardened XML loading shared by the survey and organisation parsers: reading under
 * a cap, refusing DOCTYPEs, compressed and non-UTF-8 input, schema validation with
 * the schemas built into the library, and small DOM helpers. Library-internal. */
#ifndef SBX_XMLDOC_H
#define SBX_XMLDOC_H

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stddef.h>
#include "surveys/model.h"
#include "surveys/util.h"

/* The error argument of libxml2's structured error handlers (xmlStructuredErrorFunc):
 * const from libxml2 2.12 on. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *sbx__xml_error;
#else
typedef xmlErrorPtr sbx__xml_error;
#endif

/* At most this many libxml2 messages are recorded per parse or validation. */
#define SBX_XML_MAX_MESSAGES 50

/* Parses data[0..len) safely into *out (caller frees with xmlFreeDoc). Every problem
 * is recorded in ctx as source:line: reason. Returns 0, SBX_EDATA, SBX_ELIMIT or
 * SBX_ENOMEM; *out is NULL on failure. */
int sbx__xml_parse(xmlDocPtr *out, const char *data, size_t len, const char *source,
                   sbx_ctx *ctx);

/* The kind of a parsed document from its root element. */
sbx_file_kind sbx__xml_kind(const xmlDoc *doc);
/* Records why doc's root is not the one expected (e.g. "survey" or "<survey> or
 * <organisation>"): another element, or the right name in a namespace our files do not
 * use. Returns SBX_EDATA. */
int sbx__xml_wrong_root(const xmlDoc *doc, const char *expected, const char *source,
                        sbx_ctx *ctx);

/* Validates doc against the built-in schema of kind; records every problem.
 * Returns 0, SBX_EDATA, SBX_ENOMEM or SBX_EINTERNAL. */
int sbx__xml_validate(xmlDocPtr doc, sbx_file_kind kind, const char *source,
                      sbx_ctx *ctx);

/* Parse, check the root is of kind `want`, validate against its schema. */
int sbx__xml_load(xmlDocPtr *out, sbx_file_kind want, const char *data, size_t len,
                  const char *source, sbx_ctx *ctx);

/* The built-in schemas (generated from surveys/schema/ at build time). */
extern const unsigned char sbx__survey_xsd[];
extern const size_t sbx__survey_xsd_len;
extern const unsigned char sbx__org_xsd[];
extern const size_t sbx__org_xsd_len;

/* ---- DOM helpers ---- */
/* Is n an element named name? */
int sbx__xml_is(const xmlNode *n, const char *name);
/* An attribute's value (borrowed; no entities can occur as DOCTYPEs are refused), or
 * NULL when absent. */
const char *sbx__xml_attr(const xmlNode *n, const char *name);
long sbx__xml_line(const xmlNode *n);
/* The element's text with runs of white space collapsed to one space and trimmed;
 * malloc'd, NULL when out of memory. */
char *sbx__xml_text(const xmlNode *n);
/* The next element sibling starting at n (n itself if it is one), or NULL. */
xmlNode *sbx__xml_elem(xmlNode *n);

/* ---- building a model from a validated document ----
 * A builder counts the problems it records, so a load fails when any was found,
 * whether or not ctx is NULL. */
typedef struct sbx__xb {
  sbx_ctx *ctx;
  const char *source;
  char **lang;             /* the declared languages (borrowed from the model) */
  size_t nlang;
  size_t nerr;
  int nomem;
} sbx__xb;

void sbx__xb_error(sbx__xb *b, long line, const char *fmt, ...) SBX_PRINTF(3, 4);
/* Copies s; on failure sets b->nomem and returns NULL. */
char *sbx__xb_strdup(sbx__xb *b, const char *s);
/* Reads <languages>: a list of codes, each once. */
void sbx__xb_languages(sbx__xb *b, const xmlNode *n, char ***lang, size_t *nlang);
/* Reads parent's children named `child` (<text lang=..>) into out, and checks that
 * each declared language has exactly one and no other language occurs. `what` names
 * the owner in messages, e.g. "item q01". */
void sbx__xb_texts(sbx__xb *b, const xmlNode *parent, const char *child, sbx_text *out,
                   const char *what);
/* Appends a point of value v to a (zeroed but for its value); on failure sets b->nomem
 * and returns NULL. sort_points puts a's points in ascending order of value. */
sbx_point *sbx__xb_add_point(sbx__xb *b, sbx_answer_scale *a, int v);
void sbx__xb_sort_points(sbx_answer_scale *a);
/* Reads parent's <alias> children. */
void sbx__xb_aliases(sbx__xb *b, const xmlNode *parent, char ***alias, size_t *n);
/* A whole-number or decimal attribute the schema has already checked. */
long sbx__xb_long(const xmlNode *n, const char *attr, long dflt);
double sbx__xb_double(const xmlNode *n, const char *attr, double dflt);

/* Ids: sorted references for duplicate reports and lookups in O(n log n). */
typedef struct sbx__idref {
  const char *id;
  long line;
  size_t index;
} sbx__idref;
/* Sorts refs by id (then index) and reports every later use of an id. */
void sbx__xb_unique(sbx__xb *b, sbx__idref *refs, size_t n, const char *what);
/* In refs sorted by sbx__xb_unique: the index of id's first use, or SBX_NONE. */
size_t sbx__xb_lookup(const sbx__idref *refs, size_t n, const char *id);

/* Caps on what one file may declare (a file is at most SBX_XML_MAX_BYTES anyway). */
#define SBX_XML_MAX_QUESTIONS 10000
#define SBX_XML_MAX_SCALES 1000
#define SBX_XML_MAX_UNITS 100000
#define SBX_XML_MAX_GOALS 100000

#endif

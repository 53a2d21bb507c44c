/* Streaming XML for the readers (XLSX parts, LimeSurvey .lsr): libxml2's text reader
 * pulled from a byte source under its cap, with any DOCTYPE refused (so no entity,
 * DTD or external resource is ever read: docs/formats.md, "Untrusted input") and libxml2's
 * messages turned into records. Library-internal. */
#ifndef SBX_IMPORT_XMLREAD_H
#define SBX_IMPORT_XMLREAD_H

#include <libxml/xmlreader.h>
#include "engine/import/readers/readers.h"

typedef struct sbx__xr {
  xmlTextReaderPtr r;
  sbx__rd *rd;
  sbx__src *src;
  const char *part;  /* the part's name inside an archive, or NULL */
  int err;           /* an SBX_E* already recorded */
  int nmsg;
} sbx__xr;

int sbx__xr_open(sbx__xr *x, sbx__rd *rd, sbx__src *src, const char *part);
/* The next node: 1, 0 at the end, or a negative SBX_E* (recorded). */
int sbx__xr_next(sbx__xr *x);
void sbx__xr_close(sbx__xr *x);

int sbx__xr_type(const sbx__xr *x);
int sbx__xr_depth(const sbx__xr *x);
int sbx__xr_empty(const sbx__xr *x);
/* Is the current node an element start (or an element end, for _end) named name? */
int sbx__xr_is(const sbx__xr *x, const char *name);
int sbx__xr_is_end(const sbx__xr *x, const char *name);
const char *sbx__xr_name(const sbx__xr *x);
/* An attribute of the current element, malloc'd, or NULL when absent. */
char *sbx__xr_attr(sbx__xr *x, const char *name);
/* The same into buf (truncated to size - 1 bytes), without allocating: 1 when present,
 * else 0 and buf is "". */
int sbx__xr_attr_buf(const sbx__xr *x, const char *name, char *buf, size_t size);
/* The current node's line in its part. */
long sbx__xr_line(const sbx__xr *x);
/* Records an error about this part. Returns code. */
int sbx__xr_error(sbx__xr *x, int code, const char *fmt, ...) SBX_PRINTF(3, 4);

/* A growable string for collecting text. */
typedef struct sbx__buf {
  char *s;
  size_t len, cap;
} sbx__buf;
int sbx__buf_add(sbx__buf *b, const char *s, size_t n);

/* Appends the text and CDATA inside the current element (which is then consumed up
 * to its end) to b, skipping the content of children named skip (NULL: none). The
 * text is capped at SBX_IMPORT_MAX_FIELD. */
int sbx__xr_text(sbx__xr *x, sbx__buf *b, const char *skip);

#endif

/* LimeSurvey response XML (.lsr, also inside a .lsa archive): <document> with
 * <LimeSurveyDocType>Responses</...>, <responses><fields><fieldname>... and
 * <rows><row><id>..</id><_293446X20X245q>..</...></row>. Element names carry a "_"
 * before names that start with a digit (XML names cannot); the header uses the field
 * names as listed. Row 0 is the header, then one row per response. */
#include "engine/import/readers/xmlread.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct lsr {
  sbx__rd *rd;
  sbx__xr x;
  json_t *index;      /* field name -> column */
  sbx__buf names;     /* the field names, NUL-separated */
  size_t *noff, nfield, ncap;
  char **vals;        /* the current row's values, one per field */
  const char **cells;
  int is_responses;
  size_t nrow;
  int warned;
} lsr;

static int add_field(lsr *l, const char *name) {
  if (l->nfield >= SBX_IMPORT_MAX_COLUMNS)
    return sbx__xr_error(&l->x, SBX_ELIMIT, "more than %u fields; refused",
                         SBX_IMPORT_MAX_COLUMNS);
  size_t n = strlen(name);
  if (json_object_get(l->index, name)) return 0; /* listed twice: keep the first */
  if ((l->nfield + 1 > l->ncap && sbx__grow(&l->noff, &l->ncap, l->nfield + 1, sizeof *l->noff)) ||
      sbx__buf_add(&l->names, name, n + 1) ||
      json_object_set_new(l->index, name, json_integer((json_int_t)l->nfield)))
    return sbx__xr_error(&l->x, SBX_ENOMEM, "out of memory");
  l->noff[l->nfield++] = l->names.len - n - 1;
  return 0;
}

static int emit_header(lsr *l) {
  if (!l->nfield)
    return sbx__xr_error(&l->x, SBX_EDATA, "the response file lists no fields");
  l->vals = sbx__calloc(l->nfield, sizeof *l->vals);
  l->cells = sbx__calloc(l->nfield, sizeof *l->cells);
  if (!l->vals || !l->cells) return sbx__xr_error(&l->x, SBX_ENOMEM, "out of memory");
  for (size_t i = 0; i < l->nfield; i++) l->cells[i] = l->names.s + l->noff[i];
  sbx__rd_emit(l->rd, 1, l->cells, l->nfield);
  return 0;
}

/* One <row>: each child element is a field's value. */
static int read_row(lsr *l) {
  int rc = 0, depth = sbx__xr_depth(&l->x);
  sbx__buf b = {0};
  for (size_t i = 0; i < l->nfield; i++) sbx__free(l->vals[i]), l->vals[i] = NULL;
  while ((rc = sbx__xr_next(&l->x)) == 1) {
    if (sbx__xr_type(&l->x) == XML_READER_TYPE_END_ELEMENT && sbx__xr_depth(&l->x) == depth)
      break;
    if (sbx__xr_type(&l->x) != XML_READER_TYPE_ELEMENT) continue;
    const char *name = sbx__xr_name(&l->x);
    if (name[0] == '_' && name[1] >= '0' && name[1] <= '9') name++;
    json_t *col = json_object_get(l->index, name);
    char *keep = col ? NULL : sbx__strdup(name);
    b.len = 0;
    if ((rc = sbx__xr_text(&l->x, &b, NULL))) {
      sbx__free(keep);
      break;
    }
    if (col) {
      size_t c = (size_t)json_integer_value(col);
      sbx__free(l->vals[c]);
      l->vals[c] = sbx__strndup(b.s, b.len);
    } else if (!l->warned++) {
      sbx__warning(l->rd->ctx, SBX_EDATA, l->rd->source, sbx__xr_line(&l->x), keep,
                   "a response has a field the file does not list; it is ignored");
    }
    sbx__free(keep);
  }
  sbx__free(b.s);
  if (rc < 0) return rc;
  for (size_t i = 0; i < l->nfield; i++) l->cells[i] = l->vals[i] ? l->vals[i] : "";
  l->nrow++;
  sbx__rd_emit(l->rd, sbx__line32(l->nrow + 1), l->cells, l->nfield);
  return 0;
}

static int walk(lsr *l) {
  int rc = 0, header_done = 0;
  sbx__buf b = {0};
  while (!l->rd->stop && (rc = sbx__xr_next(&l->x)) == 1) {
    if (sbx__xr_is(&l->x, "LimeSurveyDocType")) {
      b.len = 0;
      if ((rc = sbx__xr_text(&l->x, &b, NULL))) break;
      l->is_responses = strcmp(b.s, "Responses") == 0;
      if (l->is_responses) snprintf(l->rd->info->format, sizeof l->rd->info->format, "lsr");
      if (!l->is_responses) {
        rc = sbx__xr_error(&l->x, SBX_EDATA,
                           "this LimeSurvey file holds \"%s\", not responses; give the "
                           "responses export (.lsr, .lsa or CSV)", b.s);
        break;
      }
    } else if (sbx__xr_is(&l->x, "fieldname")) {
      if (header_done) { /* the header is out: the columns are fixed */
        rc = sbx__xr_error(&l->x, SBX_EDATA, "a field is listed after the responses");
        break;
      }
      b.len = 0;
      if ((rc = sbx__xr_text(&l->x, &b, NULL)) || (rc = add_field(l, b.s))) break;
    } else if (sbx__xr_is(&l->x, "row")) {
      if (!l->is_responses) {
        rc = sbx__xr_error(&l->x, SBX_EDATA, "not a LimeSurvey response file");
        break;
      }
      if (!header_done && (rc = emit_header(l))) break;
      header_done = 1;
      if (!sbx__xr_empty(&l->x) && (rc = read_row(l))) break;
    }
  }
  sbx__free(b.s);
  if (rc < 0) return rc;
  if (!l->is_responses)
    return sbx__error(l->rd->ctx, SBX_EDATA, l->rd->source, 0, NULL,
                      "an XML file that is not a LimeSurvey response export (.lsr)");
  if (!header_done && !l->rd->stop) return emit_header(l); /* no responses: header only */
  return 0;
}

int sbx__read_lsr(sbx__rd *rd, sbx__src *src) {
  lsr l;
  memset(&l, 0, sizeof l);
  l.rd = rd;
  snprintf(rd->info->format, sizeof rd->info->format, "xml");
  snprintf(rd->info->encoding, sizeof rd->info->encoding, "utf-8");
  if (!(l.index = json_object()))
    return sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, NULL, "out of memory");
  int rc = sbx__xr_open(&l.x, rd, src, NULL);
  if (!rc) rc = walk(&l);
  sbx__xr_close(&l.x);
  for (size_t i = 0; l.vals && i < l.nfield; i++) sbx__free(l.vals[i]);
  sbx__free(l.vals);
  sbx__free(l.cells);
  sbx__free(l.noff);
  sbx__free(l.names.s);
  json_decref(l.index);
  return rc;
}

/* LimeSurvey response XML (.lsr, also inside a .lsa archive): <document> with
 * <LimeSurveyDocType>Responses</...>, <responses><fields><fieldname>... and
 * <rows><row><id>..</id><_293446X20X245q>..</...></row>. Element names carry a "_"
 * before names that start with a digit (XML names cannot). The field names are SGQA
 * (<sid>X<gid>X<qid>[<subquestion code>]), which name a single question (the unit
 * question) by number only; the survey structure (.lss: the .lsa archive holds it,
 * and LimeSurvey names it survey_<sid>.lss beside an extracted .lsr) gives each its
 * code, and the header then uses the codes as LimeSurvey's CSV export does ("unit",
 * "part1[q01]"), else the field names as listed. Row 0 is the header, then one row
 * per response. */
#include "engine/import/readers/xmlread.h"

#include <errno.h>
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
  const json_t *codes; /* SGQA name -> code, from the survey structure, or NULL */
  json_t *own_codes;   /* read here from survey_<sid>.lss beside the file */
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

/* The digits of an SGQA name's survey id ("293446X20X245" -> 6), or 0 when it is none:
 * digits, X, digits, X, digits. */
static size_t sgqa_sid(const char *name, int *single) {
  const char *p = name, *sid_end = NULL;
  for (int part = 0; part < 3; part++) {
    const char *d = p;
    while (*p >= '0' && *p <= '9') p++;
    if (p == d || (part < 2 && *p != 'X')) return 0;
    if (part == 0) sid_end = p;
    if (part < 2) p++;
  }
  *single = *p == '\0';
  return (size_t)(sid_end - name);
}

/* survey_<sid>.lss beside the .lsr being read, when there is one: its codes. A file
 * that is not there is no error; one that does not read is. */
static int codes_beside(lsr *l, const char *sid, size_t n) {
  const char *path = l->rd->path, *slash = strrchr(path, '/');
  char *lss = sbx__asprintf("%.*ssurvey_%.*s.lss", slash ? (int)(slash - path + 1) : 0, path,
                            (int)n, sid);
  if (!lss) return sbx__error(l->rd->ctx, SBX_ENOMEM, l->rd->source, 0, NULL, "out of memory");
  FILE *f = fopen(lss, "rb");
  int rc = 0;
  if (f) {
    sbx__src src;
    sbx__src_file(&src, f, SBX_IMPORT_MAX_JSON, l->rd->source, l->rd->ctx);
    if (!(l->own_codes = json_object())) rc = SBX_ENOMEM;
    else rc = sbx__lss_codes(l->rd, &src, strrchr(lss, '/') ? strrchr(lss, '/') + 1 : lss,
                             l->own_codes);
    sbx__src_free(&src);
    fclose(f);
    l->codes = l->own_codes;
  } else if (errno != ENOENT) {
    rc = sbx__error(l->rd->ctx, SBX_EIO, lss, 0, NULL, "cannot open the survey structure "
                    "beside the responses: %s", strerror(errno));
  }
  sbx__free(lss);
  return rc;
}

/* The survey structure, when not given: looked for beside the file; without it, a
 * question that SGQA names by number only (the unit question) cannot be matched. */
static int find_codes(lsr *l) {
  size_t n = 0, single = 0;
  const char *first = NULL;
  for (size_t i = 0; i < l->nfield; i++) {
    int one = 0;
    size_t len = sgqa_sid(l->names.s + l->noff[i], &one);
    if (len && !first) first = l->names.s + l->noff[i], n = len;
    single += len && one;
  }
  if (!first || l->codes) return 0;
  int rc = l->rd->path ? codes_beside(l, first, n) : 0;
  if (rc == 0 && !l->codes && single)
    sbx__warning(l->rd->ctx, SBX_EDATA, l->rd->source, 0, NULL,
                 "%zu question(s) are named by number only (SGQA, e.g. the unit question); "
                 "import the survey archive (.lsa), which holds the survey structure, or put "
                 "survey_%.*s.lss beside this file", single, (int)n, first);
  return rc;
}

static int emit_header(lsr *l) {
  if (!l->nfield)
    return sbx__xr_error(&l->x, SBX_EDATA, "the response file lists no fields");
  l->vals = sbx__calloc(l->nfield, sizeof *l->vals);
  l->cells = sbx__calloc(l->nfield, sizeof *l->cells);
  if (!l->vals || !l->cells) return sbx__xr_error(&l->x, SBX_ENOMEM, "out of memory");
  int rc = find_codes(l);
  if (rc) return rc;
  for (size_t i = 0; i < l->nfield; i++) {
    const char *name = l->names.s + l->noff[i];
    const char *code = json_string_value(json_object_get(l->codes, name));
    l->cells[i] = code ? code : name;
  }
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
    char *keep = col || l->warned ? NULL : sbx__strdup(name);
    b.len = 0;
    if (!col && !l->warned && !keep) {
      rc = sbx__xr_error(&l->x, SBX_ENOMEM, "out of memory");
      break;
    }
    if ((rc = sbx__xr_text(&l->x, &b, NULL))) {
      sbx__free(keep);
      break;
    }
    if (col) {
      size_t c = (size_t)json_integer_value(col);
      sbx__free(l->vals[c]);
      /* A value that could not be copied is out of memory, never an empty answer. */
      if (!(l->vals[c] = sbx__strndup(b.s ? b.s : "", b.len))) {
        rc = sbx__xr_error(&l->x, SBX_ENOMEM, "out of memory");
        break;
      }
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

int sbx__read_lsr(sbx__rd *rd, sbx__src *src, const json_t *codes) {
  lsr l;
  memset(&l, 0, sizeof l);
  l.rd = rd;
  l.codes = codes;
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
  json_decref(l.own_codes);
  return rc;
}

/* ---- the survey structure (.lss) ---- */

/* One <row> of <questions>: the fields wanted, into q (an object of strings). */
static int lss_row(sbx__xr *x, json_t *q) {
  static const char *const want[] = { "qid", "parent_qid", "sid", "gid", "title" };
  int rc, depth = sbx__xr_depth(x);
  sbx__buf b = {0};
  while ((rc = sbx__xr_next(x)) == 1) {
    if (sbx__xr_type(x) == XML_READER_TYPE_END_ELEMENT && sbx__xr_depth(x) == depth) break;
    if (sbx__xr_type(x) != XML_READER_TYPE_ELEMENT) continue;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
      if (!sbx__xr_is(x, want[i])) continue;
      b.len = 0;
      if ((rc = sbx__xr_text(x, &b, NULL)) < 0) break;
      size_t bad;
      if (!sbx__utf8_valid(b.s ? b.s : "", b.len, &bad)) break; /* not UTF-8: left out */
      if (json_object_set_new(q, want[i], json_stringn(b.s ? b.s : "", b.len))) rc = SBX_ENOMEM;
      break;
    }
    if (rc < 0) break;
  }
  sbx__free(b.s);
  return rc < 0 ? rc : 0;
}

static const char *qf(const json_t *q, const char *field) {
  const char *v = json_string_value(json_object_get(q, field));
  return v ? v : "";
}

/* From the questions (by qid) to the codes: a question's SGQA name -> its title; a
 * subquestion's -> "parent[title]". */
static int lss_map(json_t *qs, json_t *codes) {
  const char *qid;
  json_t *q;
  json_object_foreach(qs, qid, q) {
    const char *parent = qf(q, "parent_qid");
    int sub = parent[0] && strcmp(parent, "0") != 0;
    const json_t *p = sub ? json_object_get(qs, parent) : q;
    if (!p) continue; /* a subquestion of no question */
    char *key = sub ? sbx__asprintf("%sX%sX%s%s", qf(p, "sid"), qf(p, "gid"), parent, qf(q, "title"))
                    : sbx__asprintf("%sX%sX%s", qf(q, "sid"), qf(q, "gid"), qid);
    char *code = sub ? sbx__asprintf("%s[%s]", qf(p, "title"), qf(q, "title"))
                     : sbx__strdup(qf(q, "title"));
    int bad = !key || !code || json_object_set_new(codes, key, json_string(code));
    sbx__free(key);
    sbx__free(code);
    if (bad) return SBX_ENOMEM;
  }
  return 0;
}

int sbx__lss_codes(sbx__rd *rd, sbx__src *src, const char *part, json_t *codes) {
  sbx__xr x;
  json_t *qs = json_object();
  if (!qs) return sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, part, "out of memory");
  int rc = sbx__xr_open(&x, rd, src, part), in = 0;
  while (rc == 0 && (rc = sbx__xr_next(&x)) == 1) {
    rc = 0;
    if (sbx__xr_is(&x, "questions") || sbx__xr_is(&x, "subquestions")) in = 1;
    else if (sbx__xr_is_end(&x, "questions") || sbx__xr_is_end(&x, "subquestions")) in = 0;
    else if (in && sbx__xr_is(&x, "row") && !sbx__xr_empty(&x)) {
      json_t *q = json_object();
      if (!q || (rc = lss_row(&x, q)) != 0) {
        json_decref(q);
        rc = rc ? rc : SBX_ENOMEM;
        break;
      }
      const char *qid = qf(q, "qid"); /* one row per language: the first kept */
      if (qid[0] && !json_object_get(qs, qid) && json_object_set(qs, qid, q)) rc = SBX_ENOMEM;
      json_decref(q);
      if (rc) break;
    }
  }
  sbx__xr_close(&x);
  if (rc == 0) rc = lss_map(qs, codes);
  json_decref(qs);
  if (rc == SBX_ENOMEM) sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, part, "out of memory");
  return rc;
}

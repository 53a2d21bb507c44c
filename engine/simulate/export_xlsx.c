/* The Microsoft Forms export: an XLSX workbook (ECMA-376 SpreadsheetML, the minimal
 * valid package) with one sheet whose header row is ID, Start time, Completion time,
 * Email, Name and then one column per question (a Likert statement's column is titled
 * by the statement alone; a repeated title gets a numeric suffix, as Forms does).
 * XML is built with libxml2's writer, the package with libzip in memory, with fixed
 * timestamps and entry order so that the same responses give the same bytes. */
#include "engine/simulate/sim.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define SS_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define FIXED_MTIME ((time_t)1772438400) /* 2026-03-02 08:00:00 UTC */

typedef struct part { const char *name; xmlBufferPtr buf; } part;

static xmlTextWriterPtr begin(xmlBufferPtr *buf) {
  *buf = xmlBufferCreate();
  if (!*buf) return NULL;
  xmlTextWriterPtr w = xmlNewTextWriterMemory(*buf, 0);
  if (w && xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes") < 0) {
    xmlFreeTextWriter(w);
    w = NULL;
  }
  return w;
}

static int end(xmlTextWriterPtr w) {
  int rc = xmlTextWriterEndDocument(w) < 0 ? SBX_ENOMEM : 0;
  xmlFreeTextWriter(w);
  return rc;
}

#define X(w) ((const xmlChar *)(w))

static int content_types(xmlBufferPtr *buf) {
  xmlTextWriterPtr w = begin(buf);
  if (!w) return SBX_ENOMEM;
  xmlTextWriterStartElement(w, X("Types"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(CT_NS));
  xmlTextWriterStartElement(w, X("Default"));
  xmlTextWriterWriteAttribute(w, X("Extension"), X("rels"));
  xmlTextWriterWriteAttribute(w, X("ContentType"),
                              X("application/vnd.openxmlformats-package.relationships+xml"));
  xmlTextWriterEndElement(w);
  xmlTextWriterStartElement(w, X("Default"));
  xmlTextWriterWriteAttribute(w, X("Extension"), X("xml"));
  xmlTextWriterWriteAttribute(w, X("ContentType"), X("application/xml"));
  xmlTextWriterEndElement(w);
  static const char *const over[][2] = {
    { "/xl/workbook.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" },
    { "/xl/worksheets/sheet1.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" },
    { "/xl/styles.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" },
  };
  for (size_t i = 0; i < 3; i++) {
    xmlTextWriterStartElement(w, X("Override"));
    xmlTextWriterWriteAttribute(w, X("PartName"), X(over[i][0]));
    xmlTextWriterWriteAttribute(w, X("ContentType"), X(over[i][1]));
    xmlTextWriterEndElement(w);
  }
  xmlTextWriterEndElement(w);
  return end(w);
}

static int rels(xmlBufferPtr *buf, const char *type, const char *target) {
  xmlTextWriterPtr w = begin(buf);
  if (!w) return SBX_ENOMEM;
  xmlTextWriterStartElement(w, X("Relationships"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(PKG_REL_NS));
  xmlTextWriterStartElement(w, X("Relationship"));
  xmlTextWriterWriteAttribute(w, X("Id"), X("rId1"));
  xmlTextWriterWriteAttribute(w, X("Type"), X(type));
  xmlTextWriterWriteAttribute(w, X("Target"), X(target));
  xmlTextWriterEndElement(w);
  if (strcmp(target, "worksheets/sheet1.xml") == 0) {
    xmlTextWriterStartElement(w, X("Relationship"));
    xmlTextWriterWriteAttribute(w, X("Id"), X("rId2"));
    xmlTextWriterWriteAttribute(w, X("Type"), X(REL_NS "/styles"));
    xmlTextWriterWriteAttribute(w, X("Target"), X("styles.xml"));
    xmlTextWriterEndElement(w);
  }
  xmlTextWriterEndElement(w);
  return end(w);
}

static int workbook(xmlBufferPtr *buf) {
  xmlTextWriterPtr w = begin(buf);
  if (!w) return SBX_ENOMEM;
  xmlTextWriterStartElement(w, X("workbook"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(SS_NS));
  xmlTextWriterWriteAttribute(w, X("xmlns:r"), X(REL_NS));
  xmlTextWriterStartElement(w, X("sheets"));
  xmlTextWriterStartElement(w, X("sheet"));
  xmlTextWriterWriteAttribute(w, X("name"), X("Sheet1"));
  xmlTextWriterWriteAttribute(w, X("sheetId"), X("1"));
  xmlTextWriterWriteAttribute(w, X("r:id"), X("rId1"));
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  return end(w);
}

/* Styles: index 0 plain, index 1 a date-time (built-in number format 22). */
static int styles(xmlBufferPtr *buf) {
  xmlTextWriterPtr w = begin(buf);
  if (!w) return SBX_ENOMEM;
  xmlTextWriterStartElement(w, X("styleSheet"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(SS_NS));
  xmlTextWriterStartElement(w, X("fonts"));
  xmlTextWriterWriteAttribute(w, X("count"), X("1"));
  xmlTextWriterStartElement(w, X("font"));
  xmlTextWriterStartElement(w, X("sz"));
  xmlTextWriterWriteAttribute(w, X("val"), X("11"));
  xmlTextWriterEndElement(w);
  xmlTextWriterStartElement(w, X("name"));
  xmlTextWriterWriteAttribute(w, X("val"), X("Calibri"));
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  xmlTextWriterStartElement(w, X("fills"));
  xmlTextWriterWriteAttribute(w, X("count"), X("2"));
  static const char *const pattern[] = { "none", "gray125" };
  for (int i = 0; i < 2; i++) {
    xmlTextWriterStartElement(w, X("fill"));
    xmlTextWriterStartElement(w, X("patternFill"));
    xmlTextWriterWriteAttribute(w, X("patternType"), X(pattern[i]));
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w);
  }
  xmlTextWriterEndElement(w);
  xmlTextWriterStartElement(w, X("borders"));
  xmlTextWriterWriteAttribute(w, X("count"), X("1"));
  xmlTextWriterWriteElement(w, X("border"), X(""));
  xmlTextWriterEndElement(w);
  xmlTextWriterStartElement(w, X("cellStyleXfs"));
  xmlTextWriterWriteAttribute(w, X("count"), X("1"));
  xmlTextWriterStartElement(w, X("xf"));
  xmlTextWriterWriteAttribute(w, X("numFmtId"), X("0"));
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  xmlTextWriterStartElement(w, X("cellXfs"));
  xmlTextWriterWriteAttribute(w, X("count"), X("2"));
  static const char *const fmt[] = { "0", "22" };
  for (int i = 0; i < 2; i++) {
    xmlTextWriterStartElement(w, X("xf"));
    xmlTextWriterWriteAttribute(w, X("numFmtId"), X(fmt[i]));
    xmlTextWriterWriteAttribute(w, X("xfId"), X("0"));
    if (i) xmlTextWriterWriteAttribute(w, X("applyNumberFormat"), X("1"));
    xmlTextWriterEndElement(w);
  }
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  return end(w);
}

/* "A", ..., "Z", "AA", ... for column c (0-based), then the row number. */
static void cell_ref(char *buf, size_t c, size_t row) {
  char col[8];
  int n = 0;
  for (c = c + 1; c > 0 && n < 7; c = (c - 1) / 26) col[n++] = (char)('A' + (c - 1) % 26);
  size_t k = 0;
  while (n > 0) buf[k++] = col[--n];
  snprintf(buf + k, 24, "%zu", row);
}

static void str_cell(xmlTextWriterPtr w, size_t c, size_t row, const char *s) {
  if (!s || !s[0]) return;
  char ref[32];
  cell_ref(ref, c, row);
  xmlTextWriterStartElement(w, X("c"));
  xmlTextWriterWriteAttribute(w, X("r"), X(ref));
  xmlTextWriterWriteAttribute(w, X("t"), X("inlineStr"));
  xmlTextWriterStartElement(w, X("is"));
  xmlTextWriterStartElement(w, X("t"));
  if (s[0] == ' ' || s[strlen(s) - 1] == ' ')
    xmlTextWriterWriteAttribute(w, X("xml:space"), X("preserve"));
  xmlTextWriterWriteString(w, X(s));
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
}

static void num_cell(xmlTextWriterPtr w, size_t c, size_t row, double v, int style) {
  char ref[32], num[40];
  cell_ref(ref, c, row);
  snprintf(num, sizeof num, "%.10g", v);
  xmlTextWriterStartElement(w, X("c"));
  xmlTextWriterWriteAttribute(w, X("r"), X(ref));
  if (style) xmlTextWriterWriteAttribute(w, X("s"), X("1"));
  xmlTextWriterWriteElement(w, X("v"), X(num));
  xmlTextWriterEndElement(w);
}

/* The header titles; a title seen before gets "2", "3", ... appended. */
static char **titles(const sbx_survey *s, const char *lang, size_t *n) {
  static const char *const fixed[] = { "ID", "Start time", "Completion time", "Email",
                                       "Name" };
  size_t cap = 6 + s->nitem + s->nfree_text, k = 0;
  char **t = calloc(cap, sizeof *t);
  if (!t) return NULL;
  for (size_t i = 0; i < 5; i++) t[k++] = sbx__strdup(fixed[i]);
  t[k++] = sbx__strdup(sbx__qn_unit_text(s, lang));
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t i = 0; i < s->scale[sc].nitem; i++)
      t[k++] = sbx__strdup(sbx__text_get(&s->item[s->scale[sc].item[i]].text, lang));
  for (size_t q = 0; q < s->nfree_text; q++)
    t[k++] = sbx__strdup(sbx__text_get(&s->free_text[q].text, lang));
  for (size_t i = 0; i < k; i++) {
    char *base = t[i];
    for (int suffix = 2; base; suffix++) {
      size_t j = 0;
      while (j < i && !(t[j] && strcmp(t[j], t[i]) == 0)) j++;
      if (j == i) break;
      if (t[i] != base) free(t[i]);
      t[i] = sbx__asprintf("%s%d", base, suffix);
      if (!t[i]) break;
    }
    if (t[i] != base) free(base);
  }
  *n = k;
  return t;
}

static void free_titles(char **t, size_t n) {
  for (size_t i = 0; t && i < n; i++) free(t[i]);
  free(t);
}

static void sheet_row(xmlTextWriterPtr w, const sbx_simulation *sim, size_t i,
                      const char *lang) {
  const sbx_survey *s = sim->s;
  size_t row = i + 2, c = 0;
  char rn[24], buf[32];
  snprintf(rn, sizeof rn, "%zu", row);
  xmlTextWriterStartElement(w, X("row"));
  xmlTextWriterWriteAttribute(w, X("r"), X(rn));
  num_cell(w, c++, row, (double)(i + 1), 0);
  num_cell(w, c++, row, sbx__sim_time_excel(sim->start[i]), 1);
  num_cell(w, c++, row, sbx__sim_time_excel(sim->start[i] + sim->duration[i]), 1);
  str_cell(w, c++, row, "anonymous");
  c++; /* Name: empty for anonymous forms */
  uint32_t u = sim->r->unit[i];
  str_cell(w, c++, row, u == SBX_NO_UNIT ? "" : sbx__qn_unit_name(sim->org, u, lang));
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++)
      str_cell(w, c++, row, sbx__sim_answer_label(sim, i, s->scale[sc].item[k], lang, buf,
                                                  sizeof buf));
  for (size_t q = 0; q < s->nfree_text; q++) str_cell(w, c++, row, sbx__sim_comment_of(sim, i, q));
  xmlTextWriterEndElement(w);
}

static int sheet(xmlBufferPtr *buf, const sbx_simulation *sim, const char *lang) {
  size_t nt = 0;
  char **t = titles(sim->s, lang, &nt);
  for (size_t i = 0; t && i < nt; i++)
    if (!t[i]) {
      free_titles(t, nt);
      t = NULL;
    }
  xmlTextWriterPtr w = t ? begin(buf) : NULL;
  if (!w) {
    free_titles(t, nt);
    return SBX_ENOMEM;
  }
  xmlTextWriterStartElement(w, X("worksheet"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(SS_NS));
  xmlTextWriterWriteAttribute(w, X("xmlns:r"), X(REL_NS));
  xmlTextWriterStartElement(w, X("sheetData"));
  xmlTextWriterStartElement(w, X("row"));
  xmlTextWriterWriteAttribute(w, X("r"), X("1"));
  for (size_t c = 0; c < nt; c++) str_cell(w, c, 1, t[c]);
  xmlTextWriterEndElement(w);
  free_titles(t, nt);
  for (size_t i = 0; i < sim->r->n; i++) sheet_row(w, sim, i, lang);
  xmlTextWriterEndElement(w);
  xmlTextWriterEndElement(w);
  return end(w);
}

/* Adds the parts to a zip archive in memory and copies the archive to f. */
static int zip_parts(FILE *f, part *p, size_t np) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  int rc = za ? 0 : SBX_ENOMEM;
  if (src && !za) zip_source_free(src);
  zip_error_fini(&ze);
  if (rc) return rc;
  zip_source_keep(src);
  for (size_t i = 0; i < np && rc == 0; i++) {
    zip_source_t *s = zip_source_buffer(za, xmlBufferContent(p[i].buf),
                                        (zip_uint64_t)xmlBufferLength(p[i].buf), 0);
    zip_int64_t idx = s ? zip_file_add(za, p[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      zip_source_free(s);
      rc = SBX_ENOMEM;
    } else if (zip_file_set_mtime(za, (zip_uint64_t)idx, FIXED_MTIME, 0) < 0 ||
               zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6) < 0) {
      rc = SBX_EIO;
    }
  }
  if (rc) {
    zip_discard(za);
    zip_source_free(src);
    return rc;
  }
  if (zip_close(za) < 0) {
    zip_discard(za);
    zip_source_free(src);
    return SBX_EIO;
  }
  zip_stat_t st;
  rc = zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0 ? SBX_EIO : 0;
  char chunk[16384];
  zip_int64_t got;
  while (rc == 0 && (got = zip_source_read(src, chunk, sizeof chunk)) > 0)
    if (fwrite(chunk, 1, (size_t)got, f) != (size_t)got) rc = SBX_EIO;
  if (rc == 0) zip_source_close(src);
  zip_source_free(src);
  return rc;
}

int sbx__sim_write_msforms(FILE *f, const sbx_simulation *sim, const char *lang,
                           sbx_ctx *ctx) {
  part p[6] = {
    { "[Content_Types].xml", NULL }, { "_rels/.rels", NULL },
    { "xl/workbook.xml", NULL }, { "xl/_rels/workbook.xml.rels", NULL },
    { "xl/styles.xml", NULL }, { "xl/worksheets/sheet1.xml", NULL },
  };
  int rc = content_types(&p[0].buf);
  if (rc == 0) rc = rels(&p[1].buf, REL_NS "/officeDocument", "xl/workbook.xml");
  if (rc == 0) rc = workbook(&p[2].buf);
  if (rc == 0) rc = rels(&p[3].buf, REL_NS "/worksheet", "worksheets/sheet1.xml");
  if (rc == 0) rc = styles(&p[4].buf);
  if (rc == 0) rc = sheet(&p[5].buf, sim, lang);
  if (rc == 0) rc = zip_parts(f, p, 6);
  for (size_t i = 0; i < 6; i++) xmlBufferFree(p[i].buf);
  if (rc == 0 && fflush(f) != 0) rc = SBX_EIO;
  if (rc) return sbx__error(ctx, rc, "simulate", 0, "microsoft-forms",
                            rc == SBX_ENOMEM ? "out of memory" : "cannot write the XLSX");
  return 0;
}

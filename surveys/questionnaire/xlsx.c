/* The minimal XLSX workbook writer (see xlsx.h): [Content_Types].xml, _rels/.rels,
 * xl/workbook.xml with its relationships, xl/styles.xml (plain, date-time) and one
 * xl/worksheets/sheetN.xml per sheet with inline strings. */
#include "surveys/questionnaire/xlsx.h"
#include "surveys/util.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#define SS_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define FIXED_MTIME ((time_t)1772438400) /* 2026-03-02 08:00:00 UTC */

#define MAX_SHEETS 16

typedef struct part { char name[48]; xmlBufferPtr buf; } part;

typedef struct sheet {
  char *name;
  xmlBufferPtr buf;
  xmlTextWriterPtr w;
} sheet;

struct sbx__xlsxw {
  sheet sh[MAX_SHEETS];
  size_t n;
  size_t row, col;  /* of the current sheet; row 0 = no row open */
  int err;
  int date1904;     /* the workbook counts dates from 1904 (old Excel for Mac) */
};

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

static void override(xmlTextWriterPtr w, const char *part_name, const char *type) {
  xmlTextWriterStartElement(w, X("Override"));
  xmlTextWriterWriteAttribute(w, X("PartName"), X(part_name));
  xmlTextWriterWriteAttribute(w, X("ContentType"), X(type));
  xmlTextWriterEndElement(w);
}

static void deflt(xmlTextWriterPtr w, const char *ext, const char *type) {
  xmlTextWriterStartElement(w, X("Default"));
  xmlTextWriterWriteAttribute(w, X("Extension"), X(ext));
  xmlTextWriterWriteAttribute(w, X("ContentType"), X(type));
  xmlTextWriterEndElement(w);
}

#define CT_PREFIX "application/vnd.openxmlformats-officedocument.spreadsheetml."

static int content_types(xmlBufferPtr *buf, size_t nsheet) {
  xmlTextWriterPtr w = begin(buf);
  if (!w) return SBX_ENOMEM;
  xmlTextWriterStartElement(w, X("Types"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(CT_NS));
  deflt(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
  deflt(w, "xml", "application/xml");
  override(w, "/xl/workbook.xml", CT_PREFIX "sheet.main+xml");
  for (size_t i = 0; i < nsheet; i++) {
    char name[48];
    snprintf(name, sizeof name, "/xl/worksheets/sheet%zu.xml", i + 1);
    override(w, name, CT_PREFIX "worksheet+xml");
  }
  override(w, "/xl/styles.xml", CT_PREFIX "styles+xml");
  xmlTextWriterEndElement(w);
  return end(w);
}

static void relationship(xmlTextWriterPtr w, const char *id, const char *type,
                         const char *target) {
  xmlTextWriterStartElement(w, X("Relationship"));
  xmlTextWriterWriteAttribute(w, X("Id"), X(id));
  xmlTextWriterWriteAttribute(w, X("Type"), X(type));
  xmlTextWriterWriteAttribute(w, X("Target"), X(target));
  xmlTextWriterEndElement(w);
}

/* _rels/.rels (nsheet 0) or xl/_rels/workbook.xml.rels (the sheets, then styles). */
static int rels(xmlBufferPtr *buf, size_t nsheet) {
  xmlTextWriterPtr w = begin(buf);
  if (!w) return SBX_ENOMEM;
  xmlTextWriterStartElement(w, X("Relationships"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(PKG_REL_NS));
  if (nsheet == 0)
    relationship(w, "rId1", REL_NS "/officeDocument", "xl/workbook.xml");
  for (size_t i = 0; i < nsheet; i++) {
    char id[32], target[48];
    snprintf(id, sizeof id, "rId%zu", i + 1);
    snprintf(target, sizeof target, "worksheets/sheet%zu.xml", i + 1);
    relationship(w, id, REL_NS "/worksheet", target);
  }
  if (nsheet) {
    char id[32];
    snprintf(id, sizeof id, "rId%zu", nsheet + 1);
    relationship(w, id, REL_NS "/styles", "styles.xml");
  }
  xmlTextWriterEndElement(w);
  return end(w);
}

static int workbook(xmlBufferPtr *buf, const sbx__xlsxw *x) {
  xmlTextWriterPtr w = begin(buf);
  if (!w) return SBX_ENOMEM;
  xmlTextWriterStartElement(w, X("workbook"));
  xmlTextWriterWriteAttribute(w, X("xmlns"), X(SS_NS));
  xmlTextWriterWriteAttribute(w, X("xmlns:r"), X(REL_NS));
  if (x->date1904) {
    xmlTextWriterStartElement(w, X("workbookPr"));
    xmlTextWriterWriteAttribute(w, X("date1904"), X("1"));
    xmlTextWriterEndElement(w);
  }
  xmlTextWriterStartElement(w, X("sheets"));
  for (size_t i = 0; i < x->n; i++) {
    char num[32], id[32];
    snprintf(num, sizeof num, "%zu", i + 1);
    snprintf(id, sizeof id, "rId%zu", i + 1);
    xmlTextWriterStartElement(w, X("sheet"));
    xmlTextWriterWriteAttribute(w, X("name"), X(x->sh[i].name));
    xmlTextWriterWriteAttribute(w, X("sheetId"), X(num));
    xmlTextWriterWriteAttribute(w, X("r:id"), X(id));
    xmlTextWriterEndElement(w);
  }
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

static void close_sheet(sbx__xlsxw *x);

int sbx__xlsxw_new(sbx__xlsxw **out) {
  *out = sbx__calloc(1, sizeof **out);
  return *out ? 0 : SBX_ENOMEM;
}

static void end_row(sbx__xlsxw *x) {
  if (x->n && x->row) xmlTextWriterEndElement(x->sh[x->n - 1].w);
}

int sbx__xlsxw_sheet(sbx__xlsxw *x, const char *name) {
  if (x->err) return x->err;
  close_sheet(x);
  if (x->n == MAX_SHEETS) return x->err = SBX_ENOMEM;
  sheet *s = &x->sh[x->n];
  s->name = sbx__strdup(name);
  s->w = s->name ? begin(&s->buf) : NULL;
  x->n++;
  if (!s->w) return x->err = SBX_ENOMEM;
  xmlTextWriterStartElement(s->w, X("worksheet"));
  xmlTextWriterWriteAttribute(s->w, X("xmlns"), X(SS_NS));
  xmlTextWriterWriteAttribute(s->w, X("xmlns:r"), X(REL_NS));
  xmlTextWriterStartElement(s->w, X("sheetData"));
  x->row = 0;
  return 0;
}

void sbx__xlsxw_row(sbx__xlsxw *x) {
  if (x->err || !x->n) return;
  end_row(x);
  x->row++;
  x->col = 0;
  char rn[32];
  snprintf(rn, sizeof rn, "%zu", x->row);
  xmlTextWriterStartElement(x->sh[x->n - 1].w, X("row"));
  xmlTextWriterWriteAttribute(x->sh[x->n - 1].w, X("r"), X(rn));
}

void sbx__xlsxw_str(sbx__xlsxw *x, const char *s) {
  if (x->err || !x->n || !x->row) return;
  size_t c = x->col++;
  if (!s || !s[0]) return;
  xmlTextWriterPtr w = x->sh[x->n - 1].w;
  char ref[40];
  cell_ref(ref, c, x->row);
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

static void number(sbx__xlsxw *x, double v, int style) {
  if (x->err || !x->n || !x->row) return;
  xmlTextWriterPtr w = x->sh[x->n - 1].w;
  char ref[40], num[40];
  cell_ref(ref, x->col++, x->row);
  snprintf(num, sizeof num, "%.10g", v);
  xmlTextWriterStartElement(w, X("c"));
  xmlTextWriterWriteAttribute(w, X("r"), X(ref));
  if (style) xmlTextWriterWriteAttribute(w, X("s"), X("1"));
  xmlTextWriterWriteElement(w, X("v"), X(num));
  xmlTextWriterEndElement(w);
}

void sbx__xlsxw_num(sbx__xlsxw *x, double v) { number(x, v, 0); }
void sbx__xlsxw_date(sbx__xlsxw *x, double serial) { number(x, serial, 1); }

void sbx__xlsxw_date1904(sbx__xlsxw *x) { x->date1904 = 1; }

/* Adds the parts to a zip archive in memory and copies the archive to f. */
static int zip_parts(FILE *f, const part *p, size_t np) {
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

/* Ends the current sheet's XML. */
static void close_sheet(sbx__xlsxw *x) {
  if (!x->n || !x->sh[x->n - 1].w) return;
  end_row(x);
  x->row = 0;
  sheet *p = &x->sh[x->n - 1];
  xmlTextWriterEndElement(p->w); /* sheetData */
  xmlTextWriterEndElement(p->w); /* worksheet */
  if (end(p->w)) x->err = SBX_ENOMEM;
  p->w = NULL;
}

int sbx__xlsxw_write(sbx__xlsxw *x, FILE *f) {
  if (!x->n) sbx__xlsxw_sheet(x, "Sheet1");
  close_sheet(x);
  if (x->err) return x->err;
  part p[5 + MAX_SHEETS];
  memset(p, 0, sizeof p);
  static const char *const names[] = { "[Content_Types].xml", "_rels/.rels",
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml" };
  for (size_t i = 0; i < 5; i++) snprintf(p[i].name, sizeof p[i].name, "%s", names[i]);
  int rc = content_types(&p[0].buf, x->n);
  if (rc == 0) rc = rels(&p[1].buf, 0);
  if (rc == 0) rc = workbook(&p[2].buf, x);
  if (rc == 0) rc = rels(&p[3].buf, x->n);
  if (rc == 0) rc = styles(&p[4].buf);
  for (size_t i = 0; i < x->n; i++) {
    snprintf(p[5 + i].name, sizeof p[5 + i].name, "xl/worksheets/sheet%zu.xml", i + 1);
    p[5 + i].buf = x->sh[i].buf; /* still owned by x */
  }
  if (rc == 0) rc = zip_parts(f, p, 5 + x->n);
  for (size_t i = 0; i < 5; i++) xmlBufferFree(p[i].buf);
  if (rc == 0 && fflush(f) != 0) rc = SBX_EIO;
  return rc;
}

void sbx__xlsxw_free(sbx__xlsxw *x) {
  if (!x) return;
  for (size_t i = 0; i < x->n; i++) {
    if (x->sh[i].w) xmlFreeTextWriter(x->sh[i].w);
    xmlBufferFree(x->sh[i].buf);
    sbx__free(x->sh[i].name);
  }
  sbx__free(x);
}

/* XLSX workbooks (ECMA-376 SpreadsheetML, as Microsoft Forms and Excel write them):
 * finds the sheet through xl/workbook.xml and its relationships, loads the shared
 * strings (rich-text runs joined, phonetic runs skipped) and which cell styles are
 * dates (xl/styles.xml), then streams the sheet (xlsx_sheet.c). */
#include "engine/import/readers/xlsx.h"

#include <stdlib.h>
#include <string.h>

/* An attribute by local name, whatever its namespace prefix (r:id, or Strict OOXML's). */
/* *out is NULL when the attribute is absent; SBX_ENOMEM when its copy failed (not to be
 * taken for an absent attribute: the test of tests/library/test_oom.c). */
static int attr_local(char **out, sbx__xr *x, const char *local) {
  *out = NULL;
  int rc = 0;
  if (xmlTextReaderMoveToFirstAttribute(x->r) != 1) return 0;
  do {
    const xmlChar *n = xmlTextReaderConstLocalName(x->r);
    if (n && strcmp((const char *)n, local) == 0 && xmlTextReaderConstPrefix(x->r)) {
      *out = sbx__strdup((const char *)xmlTextReaderConstValue(x->r));
      if (!*out) rc = SBX_ENOMEM;
      break;
    }
  } while (xmlTextReaderMoveToNextAttribute(x->r) == 1);
  xmlTextReaderMoveToElement(x->r);
  return rc;
}

static int open_part(xlsx *w, const char *name, sbx__zent *e, sbx__xr *x, int required) {
  zip_int64_t idx = sbx__zip_find(w->z, name);
  if (idx < 0) {
    if (!required) return 1;
    return sbx__error(w->rd->ctx, SBX_EDATA, w->rd->source, 0, name,
                      "the workbook lacks this part; it is damaged");
  }
  int rc = sbx__zip_open_entry(w->z, idx, e);
  if (!rc && (rc = sbx__xr_open(x, w->rd, &e->src, e->name))) sbx__zip_close_entry(w->z, e);
  return rc;
}

static void close_part(xlsx *w, sbx__zent *e, sbx__xr *x) {
  sbx__xr_close(x);
  sbx__zip_close_entry(w->z, e);
}

/* xl/workbook.xml: the relationship id of the wanted sheet, and the date system. */
static int read_workbook(xlsx *w, char **rid) {
  sbx__zent e;
  sbx__xr x;
  const char *want = w->rd->opts->sheet;
  int rc = open_part(w, "xl/workbook.xml", &e, &x, 1), found = 0, oom = 0;
  if (rc) return rc;
  *rid = NULL;
  while (!found && (rc = sbx__xr_next(&x)) == 1) {
    if (sbx__xr_is(&x, "workbookPr")) {
      char *d = sbx__xr_attr(&x, "date1904");
      w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
      sbx__free(d);
    } else if (sbx__xr_is(&x, "sheet")) {
      char *name = sbx__xr_attr(&x, "name");
      if (!want || (name && strcmp(name, want) == 0)) {
        oom = attr_local(rid, &x, "id") != 0;
        found = 1;
      }
      sbx__free(name);
    }
  }
  int attr_err = x.err; /* an attribute's copy failed (recorded) */
  close_part(w, &e, &x);
  if (attr_err && rc >= 0) return attr_err;
  if (oom) return sbx__error(w->rd->ctx, SBX_ENOMEM, w->rd->source, 0, NULL, "out of memory");
  if (rc < 0) return rc;
  if (!found || !*rid)
    return sbx__error(w->rd->ctx, SBX_EDATA, w->rd->source, 0, want,
                      want ? "the workbook has no sheet of this name"
                           : "the workbook has no sheet");
  return 0;
}

/* xl/_rels/workbook.xml.rels: the part name of relationship rid. */
static int read_rels(xlsx *w, const char *rid) {
  sbx__zent e;
  sbx__xr x;
  int rc = open_part(w, "xl/_rels/workbook.xml.rels", &e, &x, 1);
  if (rc) return rc;
  char *target = NULL;
  while (!target && (rc = sbx__xr_next(&x)) == 1) {
    if (!sbx__xr_is(&x, "Relationship")) continue;
    char *id = sbx__xr_attr(&x, "Id");
    if (id && strcmp(id, rid) == 0) target = sbx__xr_attr(&x, "Target");
    sbx__free(id);
  }
  if (rc >= 0 && x.err) rc = x.err; /* an attribute's copy failed */
  close_part(w, &e, &x);
  if (rc < 0) {
    sbx__free(target);
    return rc;
  }
  if (!target)
    return sbx__error(w->rd->ctx, SBX_EDATA, w->rd->source, 0, rid,
                      "the workbook names a sheet it does not contain; it is damaged");
  /* Targets are relative to xl/, or absolute within the package. */
  w->sheet_part = target[0] == '/' ? sbx__strdup(target + 1) : sbx__asprintf("xl/%s", target);
  sbx__free(target);
  return w->sheet_part ? 0 : sbx__error(w->rd->ctx, SBX_ENOMEM, w->rd->source, 0, NULL,
                                        "out of memory");
}

static int add_shared(xlsx *w, sbx__xr *x, const char *s, size_t n) {
  if (w->nss >= SBX_XLSX_MAX_STRINGS)
    return sbx__xr_error(x, SBX_ELIMIT, "more than %u shared strings; refused",
                         SBX_XLSX_MAX_STRINGS);
  if ((w->nss + 1 > w->sscap &&
       sbx__grow(&w->ssoff, &w->sscap, w->nss + 1, sizeof *w->ssoff)) ||
      sbx__buf_add(&w->pool, s, n + 1))
    return sbx__xr_error(x, SBX_ENOMEM, "out of memory");
  w->ssoff[w->nss++] = w->pool.len - n - 1;
  return 0;
}

/* xl/sharedStrings.xml: every <si>, its <t> texts joined, <rPh> (phonetic) skipped. */
static int read_shared(xlsx *w) {
  sbx__zent e;
  sbx__xr x;
  sbx__buf b = {0};
  int rc = open_part(w, "xl/sharedStrings.xml", &e, &x, 0);
  if (rc) return rc > 0 ? 0 : rc;
  while ((rc = sbx__xr_next(&x)) == 1) {
    if (!sbx__xr_is(&x, "si")) continue;
    b.len = 0;
    if ((rc = sbx__xr_text(&x, &b, "rPh")) || (rc = add_shared(w, &x, b.s, b.len))) break;
  }
  sbx__free(b.s);
  close_part(w, &e, &x);
  return rc < 0 ? rc : 0;
}

/* Is a custom number format a date or time? Its codes y, m, d, h, s outside quoted
 * text, [colours] and \-escapes say so. */
static int format_is_date(const char *code) {
  int q = 0, br = 0;
  for (const char *p = code; *p; p++) {
    if (*p == '"') q = !q;
    else if (q) continue;
    else if (*p == '\\' && p[1]) p++;
    else if (*p == '[') br = 1;
    else if (*p == ']') br = 0;
    else if (!br && strchr("ymdhsYMDHS", *p)) return 1;
    else if (!br && (*p == '0' || *p == '#' || *p == '@')) return 0;
  }
  return 0;
}

static int builtin_is_date(long id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/* xl/styles.xml: for each cell format (<cellXfs><xf>, indexed by a cell's s=), whether
 * its number format shows a date. */
static int read_styles(xlsx *w) {
  sbx__zent e;
  sbx__xr x;
  long datefmt[256];
  size_t ndatefmt = 0;
  int rc = open_part(w, "xl/styles.xml", &e, &x, 0), in_xfs = 0;
  if (rc) return rc > 0 ? 0 : rc;
  while ((rc = sbx__xr_next(&x)) == 1) {
    if (sbx__xr_is(&x, "numFmt")) {
      char *id = sbx__xr_attr(&x, "numFmtId"), *code = sbx__xr_attr(&x, "formatCode");
      if (id && code && format_is_date(code) && ndatefmt < 256)
        datefmt[ndatefmt++] = strtol(id, NULL, 10);
      sbx__free(id);
      sbx__free(code);
    } else if (sbx__xr_is(&x, "cellXfs")) {
      in_xfs = !sbx__xr_empty(&x);
    } else if (sbx__xr_is_end(&x, "cellXfs")) {
      in_xfs = 0;
    } else if (in_xfs && sbx__xr_is(&x, "xf")) {
      char *id = sbx__xr_attr(&x, "numFmtId");
      long v = id ? strtol(id, NULL, 10) : 0;
      int date = builtin_is_date(v);
      for (size_t i = 0; i < ndatefmt && !date; i++) date = datefmt[i] == v;
      sbx__free(id);
      if (w->nstyle >= SBX_XLSX_MAX_STRINGS) {
        rc = sbx__xr_error(&x, SBX_ELIMIT, "too many cell formats; refused");
        break;
      }
      if (sbx__grow(&w->datestyle, &w->stylecap, w->nstyle + 1, 1)) {
        rc = sbx__xr_error(&x, SBX_ENOMEM, "out of memory");
        break;
      }
      w->datestyle[w->nstyle++] = (unsigned char)date;
    }
  }
  close_part(w, &e, &x);
  return rc < 0 ? rc : 0;
}

int sbx__read_xlsx(sbx__rd *rd, sbx__zip *z) {
  xlsx w;
  char *rid = NULL;
  memset(&w, 0, sizeof w);
  w.rd = rd;
  w.z = z;
  int rc = read_workbook(&w, &rid);
  if (!rc) rc = read_rels(&w, rid);
  if (!rc) rc = read_shared(&w);
  if (!rc) rc = read_styles(&w);
  if (!rc) rc = sbx__xlsx_sheet(&w);
  sbx__free(rid);
  sbx__free(w.sheet_part);
  sbx__free(w.ssoff);
  sbx__free(w.pool.s);
  sbx__free(w.datestyle);
  return rc;
}

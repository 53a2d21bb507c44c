/* XLSX reading shared by xlsx.c (workbook, shared strings, styles) and xlsx_sheet.c
 * (the rows of one sheet). Library-internal. */
#ifndef SBX_IMPORT_XLSX_H
#define SBX_IMPORT_XLSX_H

#include "engine/import/readers/xmlread.h"
#include "engine/import/readers/zipread.h"

/* Shared strings and cell formats a workbook may declare. */
#define SBX_XLSX_MAX_STRINGS 10000000u

typedef struct xlsx {
  sbx__rd *rd;
  sbx__zip *z;
  sbx__buf pool;          /* the shared strings, NUL-separated */
  size_t *ssoff;          /* where each starts in pool */
  size_t nss, sscap;
  unsigned char *datestyle; /* per cell format: shows a date */
  size_t nstyle, stylecap;
  int date1904;
  char *sheet_part;       /* e.g. "xl/worksheets/sheet1.xml" */
} xlsx;

/* Streams the rows of w->sheet_part to the caller. */
int sbx__xlsx_sheet(xlsx *w);
/* An Excel date serial as "YYYY-MM-DD HH:MM:SS" into buf (at least 20 bytes); 0, or
 * SBX_EDATA (nothing recorded, buf untouched) when out of range. */
int sbx__xlsx_date(char *buf, size_t size, double serial, int date1904);

#endif

/* A minimal XLSX (ECMA-376 SpreadsheetML) workbook writer: sheets of rows of inline
 * strings and numbers, a date-time style, built with libxml2's writer and packaged
 * with libzip in memory with fixed timestamps and entry order, so that the same
 * content gives the same bytes. Used by the XLSForm builder and by simulate's
 * Microsoft Forms export. Library-internal. */
#ifndef SBX_QUESTIONNAIRE_XLSX_H
#define SBX_QUESTIONNAIRE_XLSX_H

#include <stdio.h>

typedef struct sbx__xlsxw sbx__xlsxw;

int sbx__xlsxw_new(sbx__xlsxw **out);
/* Starts a sheet (at most 16); the rows that follow go into it. */
int sbx__xlsxw_sheet(sbx__xlsxw *x, const char *name);
/* Starts a row of the current sheet. */
void sbx__xlsxw_row(sbx__xlsxw *x);
/* The next cell of the row: a string (NULL or "" leaves the cell empty), a number, or
 * a date-time given as an Excel serial. */
void sbx__xlsxw_str(sbx__xlsxw *x, const char *s);
void sbx__xlsxw_num(sbx__xlsxw *x, double v);
void sbx__xlsxw_date(sbx__xlsxw *x, double serial);
/* The workbook's date serials count from 1904-01-01 (workbookPr date1904, as old Excel
 * for Mac wrote), not from 1900. */
void sbx__xlsxw_date1904(sbx__xlsxw *x);
/* Finishes the workbook and writes it to f. 0, SBX_ENOMEM or SBX_EIO. */
int sbx__xlsxw_write(sbx__xlsxw *x, FILE *f);
void sbx__xlsxw_free(sbx__xlsxw *x);

#endif

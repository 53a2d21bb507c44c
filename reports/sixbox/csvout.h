/* Writing CSV: RFC 4180 quoting, and formula-safe cells (OWASP CSV injection): a text
 * cell that begins with = + - @ TAB or CR gets a leading apostrophe. */
#ifndef SIXBOX_CSVOUT_H
#define SIXBOX_CSVOUT_H

#include <stdio.h>
#include <sixbox/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes one text cell (quoted when needed, formula-safe), no separator. */
SBX_EXTERN void sbx_csv_cell(FILE *f, const char *s);
/* Writes a number with up to 10 significant digits ("%.10g"); NaN as an empty cell. */
SBX_EXTERN void sbx_csv_number(FILE *f, double v);

#ifdef __cplusplus
}
#endif
#endif

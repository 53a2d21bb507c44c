/* CSV cells: RFC 4180 quoting plus the formula-injection guard of
 * docs/formats.md, "How every output file is written". */
#include <sixbox/csvout.h>

#include <math.h>
#include <string.h>

void sbx_csv_cell(FILE *f, const char *s) {
  if (!s) s = "";
  int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                s[0] == '\t' || s[0] == '\r';
  int quote = formula || strpbrk(s, ",;\"\r\n\t") != NULL;
  if (!quote) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  if (formula) fputc('\'', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

void sbx_csv_number(FILE *f, double v) {
  if (isnan(v) || isinf(v)) return;
  if (v == 0) v = 0; /* no "-0" */
  fprintf(f, "%.10g", v);
}

/* The record writer behind the simulated CSV exports (see csvw.h). */
#include "engine/simulate/csvw.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sbx__csvw_init(sbx__csvw *w, FILE *f, char delim, int quote_all, const char *eol,
                    int final_eol) {
  memset(w, 0, sizeof *w);
  w->f = f;
  w->delim = delim;
  w->quote_all = quote_all;
  w->eol = eol;
  w->final_eol = final_eol;
}

static void push(sbx__csvw *w, char *s, int is_null) {
  if (w->err) {
    sbx__free(s);
    return;
  }
  if (!is_null && !s) {
    w->err = SBX_ENOMEM;
    return;
  }
  size_t cap = w->cap;
  if (sbx__grow(&w->cell, &cap, w->n + 1, sizeof *w->cell) ||
      sbx__grow(&w->null, &w->cap, w->n + 1, 1)) {
    sbx__free(s);
    w->err = SBX_ENOMEM;
    return;
  }
  w->cell[w->n] = s;
  w->null[w->n] = (unsigned char)is_null;
  w->n++;
}

void sbx__csvw_add(sbx__csvw *w, const char *s) {
  push(w, s ? sbx__strdup(s) : NULL, s == NULL);
}

void sbx__csvw_addf(sbx__csvw *w, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256], *s = NULL;
  int len = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (len >= 0 && (size_t)len < sizeof small) {
    s = sbx__strdup(small);
  } else if (len >= 0) { /* a long text (a statement in a header): format it again */
    s = sbx__malloc((size_t)len + 1);
    va_start(ap, fmt);
    if (s) vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
  }
  push(w, s, 0);
}

static void put_cell(sbx__csvw *w, const char *s, int is_null) {
  if (is_null) return;
  int quote = w->quote_all || strchr(s, w->delim) || strpbrk(s, "\"\r\n");
  if (!quote) {
    fputs(s, w->f);
    return;
  }
  fputc('"', w->f);
  for (const char *p = s; *p; p++) {
    if (*p == '"') fputc('"', w->f);
    fputc(*p, w->f);
  }
  fputc('"', w->f);
}

void sbx__csvw_end(sbx__csvw *w) {
  if (!w->err) {
    if (w->nrec > 0 && !w->final_eol) fputs(w->eol, w->f);
    for (size_t i = 0; i < w->n; i++) {
      if (i) fputc(w->delim, w->f);
      put_cell(w, w->cell[i] ? w->cell[i] : "", w->null[i]);
    }
    if (w->final_eol) fputs(w->eol, w->f);
    if (ferror(w->f)) w->err = SBX_EIO;
  }
  for (size_t i = 0; i < w->n; i++) sbx__free(w->cell[i]);
  w->n = 0;
  w->nrec++;
}

int sbx__csvw_finish(sbx__csvw *w) {
  for (size_t i = 0; i < w->n; i++) sbx__free(w->cell[i]);
  sbx__free(w->cell);
  sbx__free(w->null);
  w->cell = NULL;
  w->null = NULL;
  w->n = w->cap = 0;
  if (!w->err && fflush(w->f) != 0) w->err = SBX_EIO;
  return w->err;
}

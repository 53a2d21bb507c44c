/* The handlingsplan's words in every language (plan_words.h). */
#include "engine/history/plan_words.h"
#include "reports/tables/tables.h"
#include "surveys/lang/lang.h"
#include "surveys/util.h"

#include <ctype.h>
#include <string.h>

typedef struct word {
  size_t kind;
  char *text;
} word;

struct sbx__plan_words {
  word *w;
  size_t n, cap;
};

static const char *const status_key[] = { "plan.planned", "plan.ongoing", "plan.done" };

void sbx__plan_words_free(sbx__plan_words *w) {
  if (!w) return;
  for (size_t i = 0; i < w->n; i++) sbx__free(w->w[i].text);
  sbx__free(w->w);
  sbx__free(w);
}

/* The next character of s, its letters in small case: ASCII and the Latin-1 letters
 * (å, ä, ö, é, ...) as a code point. */
static unsigned fold(const char **s) {
  const unsigned char *p = (const unsigned char *)*s;
  if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
    *s += 2;
    unsigned c = 0xC0u + (p[1] - 0x80u);
    return c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 0x20 : c;
  }
  (*s)++;
  return p[0] >= 'A' && p[0] <= 'Z' ? p[0] + 32u : p[0];
}

/* Is a[0..n) the same as b, case aside? */
static int same(const char *a, size_t n, const char *b) {
  const char *end = a + n;
  while (a < end && *b)
    if (fold(&a) != fold(&b)) return 0;
  return a == end && !*b;
}

static int add(sbx__plan_words *w, size_t kind, const char *text, size_t len) {
  while (len && isspace((unsigned char)text[len - 1])) len--;
  for (size_t i = 0; i < w->n; i++)
    if (w->w[i].kind == kind && same(text, len, w->w[i].text)) return 0;
  if (sbx__grow(&w->w, &w->cap, w->n + 1, sizeof *w->w)) return SBX_ENOMEM;
  char *t = sbx__strndup(text, len);
  if (!t) return SBX_ENOMEM;
  w->w[w->n++] = (word){ kind, t };
  return 0;
}

/* One language's words: each header, and the header without its note ("Status
 * (planerad, pågår, klar)" also as "Status"); the status words. */
static int add_lang(sbx__plan_words *w, const sbx__lang *l) {
  int rc = 0;
  for (size_t c = 0; !rc && c < SBX_PLAN_NCOL; c++) {
    const char *h = sbx__msg_own(l, sbx__plan_cols[c].key), *note = h ? strstr(h, " (") : NULL;
    if (h) rc = add(w, c, h, strlen(h));
    if (!rc && note && note > h) rc = add(w, c, h, (size_t)(note - h));
  }
  for (size_t st = 0; !rc && st < sizeof status_key / sizeof *status_key; st++) {
    const char *s = sbx__msg_own(l, status_key[st]);
    if (s) rc = add(w, SBX_PLAN_WORD_STATUS(st), s, strlen(s));
  }
  return rc;
}

/* The words of no language: the column ids, earlier headers, an empty status. */
static int add_fixed(sbx__plan_words *w) {
  int rc = add(w, SBX_PLAN_WORD_STATUS(SBX_PLAN_PLANNED), "", 0);
  for (size_t c = 0; !rc && c < SBX_PLAN_NCOL; c++) {
    const sbx__plan_col *col = &sbx__plan_cols[c];
    rc = add(w, c, col->id, strlen(col->id));
    if (!rc && col->old) rc = add(w, c, col->old, strlen(col->old));
  }
  return rc;
}

int sbx__plan_words_load(sbx__plan_words **out, sbx_ctx *ctx) {
  *out = NULL;
  char **code = NULL;
  size_t ncode = 0;
  sbx__plan_words *w = sbx__calloc(1, sizeof *w);
  int rc = w ? sbx__lang_list(&code, &ncode) : SBX_ENOMEM;
  for (size_t i = 0; !rc && i < ncode; i++) {
    sbx__lang *l = NULL;
    rc = sbx__lang_load(&l, code[i], ctx);
    if (!rc) rc = add_lang(w, l);
    sbx__lang_free(l);
  }
  if (!rc) rc = add_fixed(w);
  sbx__lang_list_free(code, ncode);
  if (rc) {
    sbx__plan_words_free(w);
    return rc == SBX_ENOMEM ? sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory") : rc;
  }
  *out = w;
  return 0;
}

int sbx__plan_words_is(const sbx__plan_words *w, size_t kind, const char *cell) {
  size_t n = strlen(cell);
  while (n && isspace((unsigned char)cell[n - 1])) n--;
  while (n && isspace((unsigned char)*cell)) cell++, n--;
  for (size_t i = 0; w && i < w->n; i++)
    if (w->w[i].kind == kind && same(cell, n, w->w[i].text)) return 1;
  return 0;
}

int sbx__plan_words_status(const sbx__plan_words *w, const char *s, sbx_plan_status *out) {
  static const sbx_plan_status st[] = { SBX_PLAN_PLANNED, SBX_PLAN_ONGOING, SBX_PLAN_DONE };
  for (size_t i = 0; i < sizeof st / sizeof *st; i++)
    if (sbx__plan_words_is(w, SBX_PLAN_WORD_STATUS(st[i]), s)) {
      *out = st[i];
      return 0;
    }
  return SBX_EDATA;
}

char *sbx__plan_words_list(const sbx__plan_words *w, size_t kind) {
  size_t len = 1;
  for (size_t i = 0; i < w->n; i++)
    if (w->w[i].kind == kind) len += strlen(w->w[i].text) + 3;
  char *out = sbx__malloc(len), *o = out;
  if (!out) return NULL;
  *o = 0;
  for (size_t i = 0; i < w->n; i++)
    if (w->w[i].kind == kind && w->w[i].text[0])
      o += sprintf(o, "%s%s", o == out ? "" : " / ", w->w[i].text);
  return out;
}

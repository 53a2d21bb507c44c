/* Keyword tagging of comments by box (themes.h). Case folding covers ASCII and the
 * Latin-1 supplement's capitals (À–Þ but ×), which is what Swedish, Finnish and English
 * comments need; a keyword must begin a word: at the start, or after a character that
 * is neither an ASCII letter or digit nor part of a non-ASCII letter. */
#include "reports/themes/themes.h"
#include "surveys/util.h"

#include <sixbox/survey.h>

#include <stdlib.h>
#include <string.h>

/* A folded copy: ASCII capitals and UTF-8 C3 80..9E (but C3 97, ×) to lower case. */
static char *fold(const char *s) {
  size_t n = strlen(s);
  char *o = sbx__malloc(n + 1);
  if (!o) return NULL;
  for (size_t i = 0; i <= n; i++) {
    unsigned char c = (unsigned char)s[i];
    o[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (c == 0xC3 && i + 1 < n) {
      unsigned char d = (unsigned char)s[i + 1];
      o[++i] = (char)(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
    }
  }
  return o;
}

static int word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int has_word(const char *text, const char *kw) {
  size_t k = strlen(kw);
  if (k == 0) return 0;
  for (const char *p = strstr(text, kw); p; p = strstr(p + 1, kw))
    if (p == text || !word_char((unsigned char)p[-1])) return 1;
  return 0;
}

int sbx__themes_has(const char *lang) {
  for (size_t i = 0; lang && i < sbx__lex_count; i++)
    if (strcmp(sbx__lex_table[i].lang, lang) == 0) return 1;
  return 0;
}

unsigned sbx__themes_of(const char *lang, const char *text) {
  if (!lang || !text) return 0;
  char *t = fold(text);
  if (!t) return 0;
  unsigned set = 0;
  for (size_t i = 0; i < sbx__lex_count; i++) {
    const sbx__lex_entry *e = &sbx__lex_table[i];
    if (strcmp(e->lang, lang) != 0) continue;
    sbx_box b = sbx_box_from_id(e->box);
    if (b == SBX_BOX_NONE || (set & (1u << b))) continue;
    char *kw = fold(e->keyword);
    if (kw && has_word(t, kw)) set |= 1u << b;
    sbx__free(kw);
  }
  sbx__free(t);
  return set;
}

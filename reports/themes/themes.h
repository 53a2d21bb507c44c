/* Themes in free-text comments: the boxes a comment speaks of, found by the keywords of
 * the language's lexicon (reports/themes/lexicon-<lang>.tsv, editable data). A keyword
 * matches at the start of a word, case folded (ASCII and Latin-1 letters such as ÅÄÖ).
 * This is keyword tagging, stated as such in the report; no judgement of meaning.
 * Library-internal. */
#ifndef SBX_THEMES_H
#define SBX_THEMES_H

#include <stddef.h>

typedef struct sbx__lex_entry {
  const char *lang, *box, *keyword;
} sbx__lex_entry;

extern const sbx__lex_entry sbx__lex_table[];
extern const size_t sbx__lex_count;

/* The boxes text speaks of in lang, as a bit set (bit sbx_box value); 0 for none or
 * for a language without a lexicon. */
unsigned sbx__themes_of(const char *lang, const char *text);
/* Has lang a lexicon? */
int sbx__themes_has(const char *lang);

#endif

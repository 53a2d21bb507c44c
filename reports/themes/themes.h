/* Themes in free-text comments: the boxes a comment speaks of, found by the keywords of
 * the language's lexicon. A keyword matches at the start of a word, case folded (ASCII
 * and Latin-1 letters such as ÅÄÖ). This is keyword tagging, stated as such in the
 * report; no judgement of meaning.
 *
 * A lexicon is a data file, read at run time: lines box-id<TAB>keyword, '#' comments
 * and blank lines allowed (reports/themes/lexicon-sv.tsv shows the form). Where it
 * comes from, the first that exists wins, whole file for whole file:
 *   1. the file $SIXBOX_LEXICON names (a user's own lexicon, for any language);
 *   2. <dir>/themes/lexicon-<lang>.tsv for each dir of $SIXBOX_DATA_DIR (colon-separated),
 *      the folders the message catalogue is read from too;
 *   3. the lexicon shipped with sixbox (reports/themes/lexicon-<lang>.tsv, its bytes built
 *      into the library and read by the same parser; also installed to
 *      <datadir>/sixbox/themes/ as the model for a user's own).
 * A language with none of these has no themes. Library-internal. */
#ifndef SBX_THEMES_H
#define SBX_THEMES_H

#include <stddef.h>
#include <sixbox/error.h>

typedef struct sbx__lexicon sbx__lexicon;

/* Hard cap on a lexicon file. */
#define SBX_LEXICON_MAX_BYTES (1u << 20)

/* Loads the lexicon of lang (*out NULL-free: an empty lexicon when lang has none).
 * SBX_EDATA with file and line in ctx for a malformed line, the open error for a
 * $SIXBOX_LEXICON that cannot be read, SBX_ENOMEM. */
int sbx__lexicon_load(sbx__lexicon **out, const char *lang, sbx_ctx *ctx);
void sbx__lexicon_free(sbx__lexicon *lex);
/* Where the lexicon came from: a path, "built-in reports/themes/lexicon-<lang>.tsv",
 * or NULL for none. */
const char *sbx__lexicon_source(const sbx__lexicon *lex);
/* The lexicon's file name for the report: "reports/themes/lexicon-<lang>.tsv" for a
 * shipped one, else the file's name without its folder (a report is shared; a path on
 * the analyst's machine is not its business); NULL for none. */
const char *sbx__lexicon_name(const sbx__lexicon *lex);

/* The boxes text speaks of, as a bit set (bit sbx_box value) in *set; 0 for none or for
 * a NULL or empty lexicon. Returns 0, or SBX_ENOMEM (*set 0): never "no themes" for a
 * comment that could not be read. */
int sbx__themes_of(unsigned *set, const sbx__lexicon *lex, const char *text);
/* Has the lexicon any keyword? */
int sbx__themes_has(const sbx__lexicon *lex);

/* One file of the built-in lexicons (generated from reports/themes/lexicon-<lang>.tsv). */
typedef struct sbx__lexicon_file {
  const char *lang;
  const unsigned char *data;
  size_t len;
} sbx__lexicon_file;
extern const sbx__lexicon_file sbx__lexicon_builtin[];
extern const size_t sbx__lexicon_builtin_count;

#endif

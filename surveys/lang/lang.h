/* Languages as data. A language is a column of the message catalogue, named by its
 * code ("sv", "en", "fi", ...): every text sixbox writes for people (report, messages,
 * questionnaire frame, "don't know", focus areas, simulated comments) is a key in it.
 * The catalogue is every *.tsv file of a catalogue folder; each file's first line that
 * is not a comment names its columns: key<TAB>code<TAB>code...
 *
 * Where the texts come from, first match wins, key by key:
 *   1. <dir>/catalog/NAME.tsv for each dir of $SIXBOX_DATA_DIR (colon-separated), in order;
 *   2. the catalogue built into the library (every reports/catalog/NAME.tsv of the source tree).
 * The one fallback: a key missing in the language is taken from English, and a key
 * missing in English too shows as the key itself. docs/languages.md tells more.
 * Library-internal; sixbox/lang.h is the public face. */
#ifndef SBX_LANG_H
#define SBX_LANG_H

#include <stddef.h>
#include <sixbox/error.h>
#include <sixbox/lang.h> /* SBX_LANG_FALLBACK, the language every other falls back to */

typedef struct sbx__lang sbx__lang;
/* Hard caps: one catalogue file, and the files of one folder. */
#define SBX_LANG_MAX_FILE_BYTES (4u * 1024u * 1024u)
#define SBX_LANG_MAX_FILES 256

/* Loads the texts of language code (and of English, its fallback). SBX_EUSAGE when no
 * catalogue has a column for code, SBX_EDATA for a malformed catalogue file (file and
 * line in ctx), SBX_ENOMEM. *out is NULL on failure. */
int sbx__lang_load(sbx__lang **out, const char *code, sbx_ctx *ctx);
void sbx__lang_free(sbx__lang *l);
/* The same for a language a file names (a survey's): when no catalogue has code, the
 * fallback, English. */
int sbx__lang_load_or_fallback(sbx__lang **out, const char *code, sbx_ctx *ctx);
/* Does some catalogue have a column for code? 1 or 0. */
int sbx__lang_exists(const char *code);
/* The codes of every language some catalogue has a column for (the files of
 * $SIXBOX_DATA_DIR's folders, then the built-in ones), each once, in order of first
 * appearance; English among them. A file that cannot be read is skipped here (loading
 * the language reports it). Free with sbx__lang_list_free. 0 or SBX_ENOMEM. */
int sbx__lang_list(char ***out, size_t *n);
void sbx__lang_list_free(char **codes, size_t n);
/* The language's code (as given to sbx__lang_load). */
const char *sbx__lang_code(const sbx__lang *l);

/* The text of key in l: l's own, else English, else key itself. Never NULL; a NULL l
 * gives the key. */
const char *sbx__msg(const sbx__lang *l, const char *key);
/* l's own text of key, without the fallback; NULL when l has none. */
const char *sbx__msg_own(const sbx__lang *l, const char *key);
/* Is key in l or in English? */
int sbx__msg_has(const sbx__lang *l, const char *key);
/* The text with each {name} replaced by its value: kv is name, value, ..., NULL.
 * Unknown names stay as they are. Returns a malloc'ed string, NULL when out of memory. */
char *sbx__msg_fill(const sbx__lang *l, const char *key, const char *const *kv);
/* How many of key prefix + "1", "2", ... l has, counted in l's own texts, else in
 * English's (a list such as the simulated comments). */
size_t sbx__msg_count(const sbx__lang *l, const char *prefix);

/* One file of the built-in catalogue (generated from reports/catalog/NAME.tsv). */
typedef struct sbx__lang_file {
  const char *name;
  const unsigned char *data;
  size_t len;
} sbx__lang_file;
extern const sbx__lang_file sbx__lang_builtin[];
extern const size_t sbx__lang_builtin_count;

#endif

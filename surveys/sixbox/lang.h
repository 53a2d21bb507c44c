/* Languages. Every text sixbox writes for people comes from its message catalogue, one
 * column per language, named by the language's code ("sv", "en", "fi"). The catalogue
 * is built into the library; a folder named in the environment variable
 * SIXBOX_DATA_DIR (several: separated by ':') adds languages or replaces texts, key by
 * key, without a new build: <folder>/catalog/NAME.tsv files, each with the header line
 * key<TAB>code... A text missing in a language is taken from English; a text missing in
 * English too shows its key. docs/languages.md tells how to add a language.
 * These calls read the environment and files; they are thread-safe as long as no
 * thread changes the environment meanwhile. */
#ifndef SIXBOX_LANG_H
#define SIXBOX_LANG_H

#include <sixbox/common.h>
#include <sixbox/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one fallback: a text missing in a language is taken from this one (English). */
#define SBX_LANG_FALLBACK "en"

/* 1 when the catalogue has texts in language code, else 0. */
SBX_EXTERN int sbx_lang_available(const char *code);

/* The catalogue's text for key in language code, with each {name} replaced by its
 * value from kv (name, value, ..., NULL; kv may be NULL). *out is freed with
 * sbx_lang_text_free(). SBX_EUSAGE when the language has no catalogue, SBX_EDATA for a
 * broken catalogue file (file and line in ctx), SBX_ENOMEM. */
SBX_EXTERN int sbx_lang_text(char **out, const char *code, const char *key,
                             const char *const *kv, sbx_ctx *ctx);
SBX_EXTERN void sbx_lang_text_free(char *text);

#ifdef __cplusplus
}
#endif
#endif

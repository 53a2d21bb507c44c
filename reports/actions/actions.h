/* The focus-area catalogue for the action plan: for each box, Weisbord's question and
 * four to six places to start work, in Swedish and English. The data live in
 * reports/actions/focus-areas.xml, embedded into the library at build time, so they
 * are edited without touching C. Library-internal; the report writers use it. */
#ifndef SBX_ACTIONS_H
#define SBX_ACTIONS_H

#include <stddef.h>
#include <sixbox/survey.h>

typedef struct sbx_focus_catalogue sbx_focus_catalogue;

/* Hard cap on a catalogue's size in bytes. */
#define SBX_FOCUS_MAX_BYTES (1024u * 1024u)

/* Parses a catalogue (libxml2, no DTD, no entities, no network) and checks it: the six
 * boxes once each, a question and 4-6 areas per box, a non-empty text in every
 * declared language for each. Every problem goes to ctx as source:line: reason;
 * SBX_EDATA (or ELIMIT, ENOMEM) and *out NULL on failure. */
int sbx__focus_catalogue_parse(sbx_focus_catalogue **out, const char *xml, size_t len,
                               const char *source, sbx_ctx *ctx);
void sbx__focus_catalogue_free(sbx_focus_catalogue *c);

/* A box's focus areas in lang (the catalogue's first language if lang is NULL or not
 * in it): *out points at *n borrowed strings, valid while the catalogue lives.
 * SBX_EUSAGE for an invalid box. */
int sbx__focus_catalogue_areas(const sbx_focus_catalogue *c, sbx_box box, const char *lang,
                               const char ***out, size_t *n);
/* A box's diagnostic question in lang (same fallback); NULL for an invalid box. */
const char *sbx__focus_catalogue_question(const sbx_focus_catalogue *c, sbx_box box,
                                          const char *lang);

/* The same from the built-in catalogue, parsed once on first use (thread-safe).
 * SBX_EINTERNAL if the built-in file does not load (a build that shipped a broken
 * focus-areas.xml; its test says why). */
int sbx__focus_areas(sbx_box box, const char *lang, const char ***out, size_t *n);
const char *sbx__focus_question(sbx_box box, const char *lang);

#endif

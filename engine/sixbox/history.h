/* The follow-up database (uppföljningssystem): every wave a diagnosis published, kept in
 * one SQLite file that analysts can also open with sqlite3, R or Excel. It holds only
 * what the wave's results.json published (hidden units and cells have no figures),
 * never raw answers. The schema, its versions and the rules: docs/formats.md
 * ("The follow-up database"). */
#ifndef SIXBOX_HISTORY_H
#define SIXBOX_HISTORY_H

#include <stdio.h>
#include <sixbox/common.h>
#include <sixbox/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_history sbx_history;

/* The schema version this sixbox writes (PRAGMA user_version). */
#define SBX_HISTORY_SCHEMA 4

/* Opens a follow-up database, migrating an older schema in one transaction. With
 * create 0 a missing file is SBX_ENOENT; a file that is not a sixbox history, or one
 * from a newer sixbox, is SBX_EDATA. On failure *out is NULL. */
SBX_EXTERN int sbx_history_open(sbx_history **out, const char *path, int create, sbx_ctx *ctx);
SBX_EXTERN void sbx_history_close(sbx_history *h);

/* One line per wave, oldest first: id, date, name, survey, units, respondents. */
SBX_EXTERN int sbx_history_write_list(FILE *f, sbx_history *h, sbx_ctx *ctx);
/* A wave: its details, units with n and response rate, box means, goals, actions. */
SBX_EXTERN int sbx_history_write_show(FILE *f, sbx_history *h, const char *wave, sbx_ctx *ctx);
/* Removes a wave and everything stored with it; SBX_ENOENT when there is none. */
SBX_EXTERN int sbx_history_remove(sbx_history *h, const char *wave, sbx_ctx *ctx);

typedef enum { SBX_HISTORY_CSV = 0, SBX_HISTORY_JSON = 1 } sbx_history_format;
/* Tidy long tables: CSV is one row per wave × unit × scale (with wave, unit, scale,
 * n, mean, sd, ci_lo, ci_hi, favourable, status ...); JSON has the waves, units,
 * cells, goals, actions and follow-ups as arrays of flat records. */
SBX_EXTERN int sbx_history_export(FILE *f, sbx_history *h, sbx_history_format format, sbx_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

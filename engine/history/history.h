/* The follow-up database inside the library: the open handle, the schema, storing a
 * wave from its published results.json, and reading earlier waves back as a trend
 * and a baseline. Library-internal. */
#ifndef SBX_HISTORY_INTERNAL_H
#define SBX_HISTORY_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>
#include <sixbox/history.h>
#include "analysis/results.h"

struct sbx_history {
  sqlite3 *db;
  char *path;
  int in_tx;             /* a transaction of ours is open */
};

/* Wave details given on the command line. */
typedef struct sbx__wave_meta {
  const char *id, *name, *date;
} sbx__wave_meta;

/* SQL helpers: run statements; a failure names the file and says what to do. */
int sbx__hdb_exec(sbx_history *h, const char *sql, sbx_ctx *ctx);
int sbx__hdb_error(sbx_history *h, sbx_ctx *ctx, const char *what);
int sbx__hdb_prepare(sbx_history *h, sqlite3_stmt **st, const char *sql, sbx_ctx *ctx);
/* Binds text (NULL as SQL NULL), a JSON value (number, string, bool, null) by index. */
void sbx__hdb_text(sqlite3_stmt *st, int i, const char *s);
void sbx__hdb_json(sqlite3_stmt *st, int i, const json_t *v);

/* The schema: created or migrated to SBX_HISTORY_SCHEMA (schema.c). */
int sbx__history_migrate(sbx_history *h, sbx_ctx *ctx);

/* Transactions: BEGIN IMMEDIATE (waits up to 10 s for another writer), COMMIT,
 * ROLLBACK. A process that dies inside leaves the file as it was (SQLite's journal). */
int sbx__history_begin(sbx_history *h, sbx_ctx *ctx);
int sbx__history_commit(sbx_history *h, sbx_ctx *ctx);
void sbx__history_rollback(sbx_history *h);

/* The order of the waves: by date (YYYY-MM-DD; a wave without one after those with
 * one), then by id. SBX__WAVE_KEY(t) is the sort key of table alias t (SQL row value);
 * SBX__HISTORY_ORDER_SQL renumbers seq 1, 2, ... by it (seq is UNIQUE, hence the two
 * steps). sbx__history_order() runs it inside the caller's transaction. */
#define SBX__WAVE_KEY(t) "(coalesce(" t ".date, '9999-12-31'), " t ".id)"
#define SBX__HISTORY_ORDER_SQL                                                             \
  "UPDATE wave SET seq = -seq;"                                                            \
  "UPDATE wave SET seq = 1 + (SELECT count(*) FROM wave o WHERE " SBX__WAVE_KEY("o")      \
  " < " SBX__WAVE_KEY("wave") ");"
int sbx__history_order(sbx_history *h, sbx_ctx *ctx);

/* Is there a wave with this id? 1, 0, or a negative SBX_E*. */
int sbx__history_has_wave(sbx_history *h, const char *id, sbx_ctx *ctx);

/* Stores a wave from the results.json tree it published (store.c), inside the open
 * transaction; with replace, an existing wave of that id is removed first. Without
 * replace an existing id is SBX_EDATA. Then the waves are renumbered by date. */
int sbx__history_store(sbx_history *h, const json_t *results, const sbx__wave_meta *w,
                       int replace, sbx_ctx *ctx);
/* Stores the follow-up of the last wave's handlingsplan for wave id (store.c). */
int sbx__history_store_followup(sbx_history *h, const char *wave, const sbx_results *res,
                                sbx_ctx *ctx);

/* The earlier waves, as this survey and organisation see them (trend.c): every wave
 * that comes before wave w by date, then id (SBX__WAVE_KEY), its unit × scale points mapped
 * onto the organisation's units through `continues`, compared only where the
 * instrument matches. *base becomes the last of them as a baseline (NULL when there
 * is none). */
int sbx__history_trend(sbx_history *h, const sbx_survey *s, const sbx_org *org,
                       const sbx__wave_meta *w, sbx_trend **out, sbx_baseline **base,
                       sbx_ctx *ctx);

#endif

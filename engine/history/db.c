/* Opening and closing the follow-up database, transactions, and the small SQL helpers
 * the rest of engine/history uses. SQLite with foreign keys on, a busy timeout for a
 * second writer, and nothing but the one file (no extensions, no URIs). */
#include "engine/history/history.h"
#include "reports/tables/tables.h"
#include "surveys/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int sbx__hdb_error(sbx_history *h, sbx_ctx *ctx, const char *what) {
  int e = h && h->db ? sqlite3_errcode(h->db) : SQLITE_ERROR;
  const char *msg = h && h->db ? sqlite3_errmsg(h->db) : "no database";
  int code = SBX_EIO;
  const char *hint = "check the file and the disk";
  if (e == SQLITE_BUSY || e == SQLITE_LOCKED) {
    code = SBX_ETEMP;
    hint = "another sixbox is writing to it; try again when it has finished";
  } else if (e == SQLITE_NOTADB || e == SQLITE_CORRUPT) {
    code = SBX_EDATA;
    hint = "this is not a sixbox follow-up database, or it is damaged";
  } else if (e == SQLITE_NOMEM) {
    code = SBX_ENOMEM;
    hint = "out of memory";
  } else if (e == SQLITE_READONLY || e == SQLITE_PERM || e == SQLITE_CANTOPEN) {
    code = SBX_EPERM;
    hint = "check that the file and its folder are writable";
  } else if (e == SQLITE_FULL) {
    hint = "the disk is full";
  }
  return sbx__error(ctx, code, h ? h->path : NULL, 0, NULL, "%s: %s; %s", what, msg, hint);
}

int sbx__hdb_exec(sbx_history *h, const char *sql, sbx_ctx *ctx) {
  if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sbx__hdb_error(h, ctx, "the follow-up database refused a change");
  return 0;
}

int sbx__hdb_prepare(sbx_history *h, sqlite3_stmt **st, const char *sql, sbx_ctx *ctx) {
  if (sqlite3_prepare_v2(h->db, sql, -1, st, NULL) != SQLITE_OK)
    return sbx__hdb_error(h, ctx, "cannot use the follow-up database");
  return 0;
}

void sbx__hdb_text(sqlite3_stmt *st, int i, const char *s) {
  if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

/* A real as results.json publishes it: SBX__JSON_PRECISION significant digits, read
 * back (what jansson's dump and parse do), so the database holds the published number. */
static double published(double v) {
  char buf[40];
  snprintf(buf, sizeof buf, "%.*g", SBX__JSON_PRECISION, v);
  return strtod(buf, NULL);
}

void sbx__hdb_json(sqlite3_stmt *st, int i, const json_t *v) {
  if (json_is_integer(v)) sqlite3_bind_int64(st, i, (sqlite3_int64)json_integer_value(v));
  else if (json_is_real(v)) sqlite3_bind_double(st, i, published(json_real_value(v)));
  else if (json_is_string(v)) sqlite3_bind_text(st, i, json_string_value(v), -1, SQLITE_TRANSIENT);
  else if (json_is_boolean(v)) sqlite3_bind_int(st, i, json_is_true(v));
  else sqlite3_bind_null(st, i);
}

int sbx__history_begin(sbx_history *h, sbx_ctx *ctx) {
  int rc = sbx__hdb_exec(h, "BEGIN IMMEDIATE", ctx);
  if (!rc) h->in_tx = 1;
  return rc;
}

int sbx__history_commit(sbx_history *h, sbx_ctx *ctx) {
  if (!h->in_tx) return 0;
  int rc = sbx__hdb_exec(h, "COMMIT", ctx);
  if (rc) sbx__history_rollback(h);
  h->in_tx = 0;
  return rc;
}

void sbx__history_rollback(sbx_history *h) {
  if (h && h->db && h->in_tx) sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
  if (h) h->in_tx = 0;
}

int sbx__history_has_wave(sbx_history *h, const char *id, sbx_ctx *ctx) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(h, &st, "SELECT 1 FROM wave WHERE id = ?", ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, id);
  int s = sqlite3_step(st);
  rc = s == SQLITE_ROW ? 1 : s == SQLITE_DONE ? 0 : sbx__hdb_error(h, ctx, "cannot read the waves");
  sqlite3_finalize(st);
  return rc;
}

static int open_db(sbx_history *h, int create, sbx_ctx *ctx) {
  struct stat st;
  if (stat(h->path, &st) != 0) {
    if (!create)
      return sbx__error(ctx, SBX_ENOENT, h->path, 0, NULL,
                        "no follow-up database here; 'sixbox diagnose --history FILE' makes one");
  } else if (!S_ISREG(st.st_mode)) {
    return sbx__error(ctx, SBX_EDATA, h->path, 0, NULL, "this is not a file; give the database file");
  }
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(h->path, &h->db, flags, NULL) != SQLITE_OK)
    return sbx__hdb_error(h, ctx, "cannot open the follow-up database");
  sqlite3_extended_result_codes(h->db, 0);
  sqlite3_busy_timeout(h->db, 10000);
  int rc = sbx__hdb_exec(h, "PRAGMA foreign_keys = ON", ctx);
  if (!rc) rc = sbx__history_migrate(h, ctx);
  return rc;
}

int sbx_history_open(sbx_history **out, const char *path, int create, sbx_ctx *ctx) {
  *out = NULL;
  if (!path || !*path)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no follow-up database named");
  sbx_history *h = sbx__calloc(1, sizeof *h);
  if (!h || !(h->path = sbx__strdup(path))) {
    sbx__free(h);
    return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  }
  int rc = open_db(h, create, ctx);
  if (rc) {
    sbx_history_close(h);
    return rc;
  }
  *out = h;
  return 0;
}

void sbx_history_close(sbx_history *h) {
  if (!h) return;
  sbx__history_rollback(h);
  if (h->db) sqlite3_close(h->db);
  sbx__free(h->path);
  sbx__free(h);
}

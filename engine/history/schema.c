/* The follow-up database's schema and its migrations. PRAGMA application_id marks a
 * sixbox history; PRAGMA user_version is the schema version. Opening a file runs the
 * missing steps in order inside one transaction, so an older file opens in a newer
 * sixbox and a failed migration leaves it as it was; a file from a newer sixbox is
 * refused rather than guessed at. The tables are documented in docs/formats.md ("The
 * follow-up database"): they hold what a wave's results.json published, nothing more. */
#include "engine/history/history.h"
#include "reports/tables/tables.h"
#include "surveys/util.h"

#define SBX_HISTORY_APP_ID 0x53425848 /* "SBXH" */

/* Version 1: waves, their instrument, units, unit × scale figures, goals, evidence. */
static const char v1[] =
    "CREATE TABLE wave ("
    " id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, name TEXT, date TEXT,"
    " organisation TEXT NOT NULL, survey_id TEXT NOT NULL, survey_version TEXT,"
    " min_group INTEGER NOT NULL, confidence_level REAL, respondents_read INTEGER,"
    " respondents_accepted INTEGER, respondents_rejected INTEGER, generator TEXT);"
    "CREATE TABLE scale ("
    " wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, id TEXT NOT NULL,"
    " kind TEXT, items TEXT NOT NULL, fingerprint TEXT, answer_min INTEGER,"
    " answer_max INTEGER, answer_points INTEGER, cutoff REAL, direction TEXT,"
    " PRIMARY KEY (wave, id));"
    "CREATE TABLE unit ("
    " wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, id TEXT NOT NULL,"
    " parent TEXT, kind TEXT, name TEXT, continues TEXT, suppressed INTEGER NOT NULL,"
    " reason TEXT, n INTEGER, headcount INTEGER, response_rate REAL,"
    " response_rate_flag TEXT, PRIMARY KEY (wave, id));"
    "CREATE TABLE cell ("
    " wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, unit TEXT NOT NULL,"
    " scale TEXT NOT NULL, n INTEGER NOT NULL, mean REAL, sd REAL, median REAL,"
    " ci_lo REAL, ci_hi REAL, favourable REAL, favourable_lo REAL, favourable_hi REAL,"
    " status TEXT, change REAL, change_lo REAL, change_hi REAL, change_p REAL,"
    " PRIMARY KEY (wave, unit, scale));"
    "CREATE TABLE goal ("
    " wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, id TEXT NOT NULL,"
    " level TEXT, parent TEXT, unit TEXT, title TEXT, status TEXT NOT NULL, rule TEXT,"
    " risk REAL, via TEXT, baseline_status TEXT, PRIMARY KEY (wave, id));"
    "CREATE TABLE evidence ("
    " wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, goal TEXT NOT NULL,"
    " pos INTEGER NOT NULL, unit TEXT, scale TEXT, critical INTEGER, weight REAL,"
    " rule TEXT, n_band TEXT, mean REAL, ci_lo REAL, ci_hi REAL, status TEXT,"
    " suppressed INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (wave, goal, pos));";

/* Version 2: the action plan each wave proposed, and the follow-up of the plan the
 * units filled in (the handlingsplan loop). */
static const char v2[] =
    "CREATE TABLE action ("
    " wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, pos INTEGER NOT NULL,"
    " goal TEXT, unit TEXT, scale TEXT, status TEXT, baseline_status TEXT,"
    " PRIMARY KEY (wave, pos));"
    "CREATE TABLE followup ("
    " wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, pos INTEGER NOT NULL,"
    " plan TEXT, plan_row INTEGER, unit TEXT, scale TEXT, goal TEXT, step TEXT,"
    " owner TEXT, deadline TEXT, status TEXT, target REAL, target_kind TEXT,"
    " before REAL, now REAL, change REAL, change_lo REAL, change_hi REAL,"
    " reached INTEGER, PRIMARY KEY (wave, pos));";

/* Version 3: waves in the order of their dates (then ids), not the order they were
 * added; seq is renumbered by that order (sbx__history_order, store.c, after every
 * change). A wave without a date comes after those with one. */
static const char v3[] = SBX__HISTORY_ORDER_SQL;

/* Version 4: a hidden unit gives one reason, whether it had fewer than k respondents or
 * was hidden to protect another (docs/confidentiality.md, "One reason for every hidden
 * group"); waves stored before say which, and are rewritten. */
static const char v4[] =
    "UPDATE unit SET reason = '" SBX__HIDDEN_REASON "' WHERE suppressed;";

static const char *const steps[SBX_HISTORY_SCHEMA] = { v1, v2, v3, v4 };

static int pragma_int(sbx_history *h, const char *sql, int *out, sbx_ctx *ctx) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(h, &st, sql, ctx);
  if (rc) return rc;
  if (sqlite3_step(st) == SQLITE_ROW) *out = sqlite3_column_int(st, 0);
  else rc = sbx__hdb_error(h, ctx, "cannot read the follow-up database");
  sqlite3_finalize(st);
  return rc;
}

static int check_kind(sbx_history *h, int version, int app, int tables, sbx_ctx *ctx) {
  if (tables == 0 && version == 0) return 0; /* a new, empty file */
  if (app != SBX_HISTORY_APP_ID)
    return sbx__error(ctx, SBX_EDATA, h->path, 0, NULL,
                      "this SQLite file is not a sixbox follow-up database; give the file "
                      "'sixbox diagnose --history' made, or a new file name");
  if (version > SBX_HISTORY_SCHEMA)
    return sbx__error(ctx, SBX_EDATA, h->path, 0, NULL,
                      "the follow-up database has schema version %d, made by a newer "
                      "sixbox; this one knows up to %d: update sixbox", version,
                      SBX_HISTORY_SCHEMA);
  return 0;
}

static int run_steps(sbx_history *h, int from, sbx_ctx *ctx) {
  int rc = sbx__history_begin(h, ctx);
  if (!rc && from == 0) {
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", SBX_HISTORY_APP_ID);
    rc = sbx__hdb_exec(h, sql, ctx);
  }
  for (int v = from; !rc && v < SBX_HISTORY_SCHEMA; v++) {
    rc = sbx__hdb_exec(h, steps[v], ctx);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
    if (!rc) rc = sbx__hdb_exec(h, sql, ctx);
  }
  if (!rc) return sbx__history_commit(h, ctx);
  sbx__history_rollback(h);
  return rc;
}

int sbx__history_migrate(sbx_history *h, sbx_ctx *ctx) {
  int version = 0, app = 0, tables = 0;
  /* What is rewritten or removed (a migration, a removed wave) is overwritten with
   * zeros on disk, not left in free space to be read back from the file. */
  int rc = sbx__hdb_exec(h, "PRAGMA secure_delete = ON", ctx);
  if (!rc) rc = pragma_int(h, "PRAGMA user_version", &version, ctx);
  if (!rc) rc = pragma_int(h, "PRAGMA application_id", &app, ctx);
  if (!rc) rc = pragma_int(h, "SELECT count(*) FROM sqlite_master", &tables, ctx);
  if (!rc) rc = check_kind(h, version, app, tables, ctx);
  if (!rc && version < SBX_HISTORY_SCHEMA) rc = run_steps(h, version, ctx);
  return rc;
}

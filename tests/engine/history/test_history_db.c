/* engine/history without the command: opening and creating a follow-up database, the
 * schema version and application id, refusing other files and newer schemas, the
 * migration of a version-1 file (built here with the version-1 schema) with its waves
 * put in date order, storing a wave from a results tree (a hidden unit without
 * figures), a duplicate wave id, --replace-wave, remove, a failed store and a failed
 * commit that leave the file as it was, and the shapes of the CSV and JSON exports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/history/history.h"

typedef struct fx {
  char dir[64], path[96];
  sbx_ctx *ctx;
} fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  snprintf(f->dir, sizeof f->dir, "/tmp/sbx-histdb-XXXXXX");
  if (!f || !mkdtemp(f->dir)) return -1;
  snprintf(f->path, sizeof f->path, "%s/h.db", f->dir);
  f->ctx = sbx_ctx_new();
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  char j[128];
  snprintf(j, sizeof j, "%s-journal", f->path);
  unlink(j);
  unlink(f->path);
  rmdir(f->dir);
  sbx_ctx_free(f->ctx);
  free(f);
  return 0;
}

/* One integer from the database by plain SQLite (not through the code under test). */
static long long sql_int(const char *path, const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *st;
  long long v = -1;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

static char *sql_text(const char *path, const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *st;
  char *v = NULL;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    v = strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

static void sql_run(const char *path, const char *sql) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  char *err = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
  if (rc != SQLITE_OK) fail_msg("%s: %s", sql, err ? err : "?");
  sqlite3_close(db);
}

/* A results.json tree as diagnose publishes it, cut down: one scale, a shown root
 * with a cell worth `mean`, a hidden unit, one goal with one evidence entry, one
 * action. */
static json_t *results(double mean) {
  char buf[2048];
  snprintf(buf, sizeof buf,
           "{\"organisation\": {\"id\": \"stad\"}, \"survey\": {\"id\": \"s\", \"version\": \"1\"},"
           " \"min_group\": 5, \"confidence_level\": 0.95,"
           " \"respondents\": {\"read\": 30, \"accepted\": 28, \"rejected\": 2},"
           " \"scales\": [{\"id\": \"purposes\", \"kind\": \"box\", \"items\": [\"q1\", \"q2\"],"
           "   \"fingerprint\": \"abc\", \"answer_scale\": {\"min\": 1, \"max\": 7, \"points\": 7}}],"
           " \"units\": [{\"id\": \"all\", \"parent\": null, \"suppressed\": false, \"n\": 28,"
           "   \"headcount\": 40, \"response_rate\": 0.7, \"scales\": [{\"id\": \"purposes\","
           "   \"n\": 28, \"mean\": %.2f, \"sd\": 1.1, \"ci\": [4.5, 5.3], \"status\": \"ok\"}]},"
           "  {\"id\": \"small\", \"parent\": \"all\", \"suppressed\": true, \"n\": null,"
           "   \"reason\": \"min-group\", \"fewer_than\": 5}],"
           " \"goals\": [{\"id\": \"g1\", \"level\": \"operative\", \"unit\": \"all\","
           "   \"status\": \"watch\", \"evidence\": [{\"unit\": \"all\", \"scale\": \"purposes\","
           "   \"n_band\": \"20-49\", \"mean\": %.2f, \"ci\": [4.5, 5.3]}]}],"
           " \"actions\": [{\"goal\": \"g1\", \"unit\": \"all\", \"scale\": \"purposes\"}]}",
           mean, mean);
  json_error_t e;
  json_t *r = json_loads(buf, 0, &e);
  if (!r) fail_msg("results: %s", e.text);
  return r;
}

static int store(fx *f, const char *id, const char *date, double mean, int replace) {
  sbx_history *h;
  assert_int_equal(sbx_history_open(&h, f->path, 1, f->ctx), 0);
  json_t *r = results(mean);
  sbx__wave_meta w = { id, NULL, date };
  int rc = sbx__history_begin(h, f->ctx);
  if (!rc) rc = sbx__history_store(h, r, &w, replace, f->ctx);
  if (!rc) rc = sbx__history_commit(h, f->ctx);
  else sbx__history_rollback(h);
  json_decref(r);
  sbx_history_close(h);
  return rc;
}

static void test_create_and_version(void **state) {
  fx *f = *state;
  sbx_history *h = NULL;
  assert_int_equal(sbx_history_open(&h, f->path, 0, f->ctx), SBX_ENOENT);
  assert_null(h);
  assert_int_equal(sbx_history_open(&h, f->path, 1, f->ctx), 0);
  sbx_history_close(h);
  assert_int_equal(sql_int(f->path, "PRAGMA user_version"), SBX_HISTORY_SCHEMA);
  assert_int_equal(sql_int(f->path, "PRAGMA application_id"), 0x53425848);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 8);
  /* Opening again changes nothing. */
  assert_int_equal(sbx_history_open(&h, f->path, 0, f->ctx), 0);
  sbx_history_close(h);
  assert_int_equal(sql_int(f->path, "PRAGMA user_version"), SBX_HISTORY_SCHEMA);
}

static void test_refuses_other_files(void **state) {
  fx *f = *state;
  sbx_history *h = NULL;
  FILE *junk = fopen(f->path, "w");
  fputs("not a database, just text that is long enough to be read as a header.....", junk);
  fclose(junk);
  assert_int_equal(sbx_history_open(&h, f->path, 1, f->ctx), SBX_EDATA);
  unlink(f->path);
  sql_run(f->path, "CREATE TABLE mine (x)");
  assert_int_equal(sbx_history_open(&h, f->path, 1, f->ctx), SBX_EDATA);
  unlink(f->path);
  assert_int_equal(sbx_history_open(&h, f->path, 1, f->ctx), 0);
  sbx_history_close(h);
  sql_run(f->path, "PRAGMA user_version = 99");
  sbx_ctx_clear(f->ctx);
  assert_int_equal(sbx_history_open(&h, f->path, 1, f->ctx), SBX_EDATA);
  assert_non_null(strstr(sbx_ctx_get(f->ctx, 0)->message, "newer"));
  assert_null(h);
  assert_int_equal(sbx_history_open(&h, f->dir, 1, f->ctx), SBX_EDATA); /* a folder */
}

/* The version-1 schema as sixbox 1 wrote it, with two waves added out of date order. */
static const char v1_file[] =
    "PRAGMA application_id = 1396856904; PRAGMA user_version = 1;"
    "CREATE TABLE wave (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, name TEXT, date TEXT,"
    " organisation TEXT NOT NULL, survey_id TEXT NOT NULL, survey_version TEXT,"
    " min_group INTEGER NOT NULL, confidence_level REAL, respondents_read INTEGER,"
    " respondents_accepted INTEGER, respondents_rejected INTEGER, generator TEXT);"
    "CREATE TABLE scale (wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, id TEXT NOT NULL,"
    " kind TEXT, items TEXT NOT NULL, fingerprint TEXT, answer_min INTEGER, answer_max INTEGER,"
    " answer_points INTEGER, cutoff REAL, direction TEXT, PRIMARY KEY (wave, id));"
    "CREATE TABLE unit (wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, id TEXT NOT NULL,"
    " parent TEXT, kind TEXT, name TEXT, continues TEXT, suppressed INTEGER NOT NULL, reason TEXT,"
    " n INTEGER, headcount INTEGER, response_rate REAL, response_rate_flag TEXT,"
    " PRIMARY KEY (wave, id));"
    "CREATE TABLE cell (wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, unit TEXT NOT NULL,"
    " scale TEXT NOT NULL, n INTEGER NOT NULL, mean REAL, sd REAL, median REAL, ci_lo REAL,"
    " ci_hi REAL, favourable REAL, favourable_lo REAL, favourable_hi REAL, status TEXT,"
    " change REAL, change_lo REAL, change_hi REAL, change_p REAL, PRIMARY KEY (wave, unit, scale));"
    "CREATE TABLE goal (wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE, id TEXT NOT NULL,"
    " level TEXT, parent TEXT, unit TEXT, title TEXT, status TEXT NOT NULL, rule TEXT, risk REAL,"
    " via TEXT, baseline_status TEXT, PRIMARY KEY (wave, id));"
    "CREATE TABLE evidence (wave TEXT NOT NULL REFERENCES wave(id) ON DELETE CASCADE,"
    " goal TEXT NOT NULL, pos INTEGER NOT NULL, unit TEXT, scale TEXT, critical INTEGER,"
    " weight REAL, rule TEXT, n_band TEXT, mean REAL, ci_lo REAL, ci_hi REAL, status TEXT,"
    " suppressed INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (wave, goal, pos));"
    "INSERT INTO wave (id, seq, date, organisation, survey_id, min_group) VALUES"
    " ('host-2024', 1, '2024-10-01', 'stad', 's', 5), ('var-2021', 2, '2021-03-01', 'stad', 's', 5);"
    "INSERT INTO cell (wave, unit, scale, n, mean) VALUES ('host-2024', 'all', 'purposes', 20, 4.5),"
    " ('var-2021', 'all', 'purposes', 22, 4.1);"
    /* Before version 4 a hidden unit said which reason hid it. */
    "INSERT INTO unit (wave, id, parent, suppressed, reason, n) VALUES"
    " ('host-2024', 'all', NULL, 0, NULL, 20), ('host-2024', 'a', 'all', 1, 'min-group', NULL),"
    " ('host-2024', 'b', 'all', 1, 'complement', NULL);";

/* How often needle occurs in the bytes of the file at path. */
static size_t file_count(const char *path, const char *needle) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static char buf[1 << 20];
  size_t len = fread(buf, 1, sizeof buf, f), n = 0, m = strlen(needle);
  fclose(f);
  for (size_t i = 0; i + m <= len; i++) n += memcmp(buf + i, needle, m) == 0;
  return n;
}

static void test_migrates_version_1(void **state) {
  fx *f = *state;
  sql_run(f->path, v1_file);
  sbx_history *h = NULL;
  assert_int_equal(sbx_history_open(&h, f->path, 0, f->ctx), 0);
  sbx_history_close(h);
  assert_int_equal(sql_int(f->path, "PRAGMA user_version"), SBX_HISTORY_SCHEMA);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                    "('action', 'followup')"), 2);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM cell"), 2);
  /* The waves now go by date: the spring 2021 wave first. */
  assert_int_equal(sql_int(f->path, "SELECT seq FROM wave WHERE id = 'var-2021'"), 1);
  assert_int_equal(sql_int(f->path, "SELECT seq FROM wave WHERE id = 'host-2024'"), 2);
  /* And a wave added now takes its place by date. */
  assert_int_equal(store(f, "host-2022", "2022-10-01", 4.8, 0), 0);
  char *order = sql_text(f->path, "SELECT group_concat(id, ' ') FROM (SELECT id FROM wave ORDER BY seq)");
  assert_string_equal(order, "var-2021 host-2022 host-2024");
  free(order);
  /* Every hidden unit now gives the one reason, the old waves' as well as the new one
   * (stored from a tree that still said "min-group"); a shown unit none. The old texts
   * are gone from the file's bytes too (secure_delete), not left in free space: each
   * "min-group" and "complement" left is part of "min-group-or-complement". */
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM unit WHERE suppressed AND reason = "
                                    "'min-group-or-complement'"), 3);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM unit WHERE suppressed"), 3);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM unit WHERE NOT suppressed AND reason IS NULL"),
                   sql_int(f->path, "SELECT count(*) FROM unit WHERE NOT suppressed"));
  size_t both = file_count(f->path, "min-group-or-complement");
  assert_true(both >= 3);
  assert_int_equal(file_count(f->path, "min-group"), both);
  assert_int_equal(file_count(f->path, "complement"), both);
}

static void test_store_replace_remove(void **state) {
  fx *f = *state;
  assert_int_equal(store(f, "w2", "2022-10-01", 4.90, 0), 0);
  assert_int_equal(store(f, "w1", "2021-10-01", 4.80, 0), 0);
  assert_int_equal(store(f, "nodate", NULL, 5.00, 0), 0);
  char *order = sql_text(f->path, "SELECT group_concat(id, ' ') FROM (SELECT id FROM wave ORDER BY seq)");
  assert_string_equal(order, "w1 w2 nodate");
  free(order);
  /* What was published and nothing else: the hidden unit is a row without figures. */
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM cell WHERE wave = 'w1'"), 1);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM unit WHERE wave = 'w1' AND id = 'small' "
                                    "AND suppressed = 1 AND n IS NULL AND response_rate IS NULL"), 1);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM evidence WHERE n_band = '20-49'"), 3);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM action"), 3);
  /* The same id again is refused, naming the way out, and changes nothing. */
  sbx_ctx_clear(f->ctx);
  assert_int_equal(store(f, "w1", "2021-10-01", 3.00, 0), SBX_EDATA);
  assert_non_null(strstr(sbx_ctx_get(f->ctx, 0)->message, "--replace-wave"));
  assert_int_equal(sql_int(f->path, "SELECT round(mean * 100) FROM cell WHERE wave = 'w1'"), 480);
  /* --replace-wave: the new figures, and a new date moves the wave. */
  assert_int_equal(store(f, "w1", "2023-01-15", 3.00, 1), 0);
  assert_int_equal(sql_int(f->path, "SELECT round(mean * 100) FROM cell WHERE wave = 'w1'"), 300);
  assert_int_equal(sql_int(f->path, "SELECT count(*) FROM cell WHERE wave = 'w1'"), 1);
  assert_int_equal(sql_int(f->path, "SELECT seq FROM wave WHERE id = 'w1'"), 2);
  /* Remove takes everything of the wave with it. */
  sbx_history *h;
  assert_int_equal(sbx_history_open(&h, f->path, 0, f->ctx), 0);
  assert_int_equal(sbx_history_remove(h, "w2", f->ctx), 0);
  assert_int_equal(sbx_history_remove(h, "w2", f->ctx), SBX_ENOENT);
  sbx_history_close(h);
  static const char *const left[] = {
    "SELECT count(*) FROM wave WHERE id = 'w2'",     "SELECT count(*) FROM unit WHERE wave = 'w2'",
    "SELECT count(*) FROM cell WHERE wave = 'w2'",   "SELECT count(*) FROM scale WHERE wave = 'w2'",
    "SELECT count(*) FROM goal WHERE wave = 'w2'",   "SELECT count(*) FROM evidence WHERE wave = 'w2'",
    "SELECT count(*) FROM action WHERE wave = 'w2'",
  };
  for (size_t i = 0; i < sizeof left / sizeof *left; i++) assert_int_equal(sql_int(f->path, left[i]), 0);
}

static char *dump(const char *path) {
  return sql_text(path, "SELECT group_concat(x, '|') FROM (SELECT id || seq AS x FROM wave UNION ALL "
                        "SELECT wave || unit || mean FROM cell UNION ALL SELECT wave || id FROM unit)");
}

/* A store that fails half-way (a unit twice: the second insert breaks the key) and a
 * commit that fails (a deferred foreign key broken inside the transaction) both leave
 * the file as it was. */
static void test_rollback(void **state) {
  fx *f = *state;
  assert_int_equal(store(f, "w1", "2021-10-01", 4.80, 0), 0);
  char *before = dump(f->path);
  sbx_history *h;
  assert_int_equal(sbx_history_open(&h, f->path, 0, f->ctx), 0);
  json_t *r = results(4.0);
  json_array_append(json_object_get(r, "units"), json_array_get(json_object_get(r, "units"), 0));
  sbx__wave_meta w = { "w2", NULL, "2022-10-01" };
  assert_int_equal(sbx__history_begin(h, f->ctx), 0);
  assert_int_not_equal(sbx__history_store(h, r, &w, 0, f->ctx), 0);
  sbx__history_rollback(h);
  json_decref(r);
  char *after = dump(f->path);
  assert_string_equal(before, after);
  free(after);
  /* The commit itself fails: the whole transaction goes. */
  r = results(4.0);
  assert_int_equal(sbx__hdb_exec(h, "PRAGMA defer_foreign_keys = ON", f->ctx), 0);
  assert_int_equal(sbx__history_begin(h, f->ctx), 0);
  assert_int_equal(sbx__history_store(h, r, &w, 0, f->ctx), 0);
  assert_int_equal(sbx__hdb_exec(h, "INSERT INTO cell (wave, unit, scale, n) VALUES "
                                    "('no-such-wave', 'all', 'purposes', 9)", f->ctx), 0);
  assert_int_not_equal(sbx__history_commit(h, f->ctx), 0);
  json_decref(r);
  sbx_history_close(h);
  after = dump(f->path);
  assert_string_equal(before, after);
  free(after);
  free(before);
}

static char *export(fx *f, sbx_history_format fmt) {
  sbx_history *h;
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  assert_int_equal(sbx_history_open(&h, f->path, 0, f->ctx), 0);
  assert_int_equal(sbx_history_export(m, h, fmt, f->ctx), 0);
  sbx_history_close(h);
  fclose(m);
  return buf;
}

static void test_export_shapes(void **state) {
  fx *f = *state;
  assert_int_equal(store(f, "w2", "2022-10-01", 4.90, 0), 0);
  assert_int_equal(store(f, "w1", "2021-10-01", 4.80, 0), 0);
  char *csv = export(f, SBX_HISTORY_CSV);
  static const char hdr[] = "wave,wave_name,wave_date,unit,scale,n,mean,sd,median,ci_lo,ci_hi,"
                            "favourable,favourable_lo,favourable_hi,status,change,change_lo,"
                            "change_hi,change_p\r\n";
  assert_true(strncmp(csv, hdr, strlen(hdr)) == 0);
  /* One row per wave × shown unit × scale, oldest wave first. */
  const char *row1 = strstr(csv, "\r\n") + 2;
  assert_true(strncmp(row1, "w1,,2021-10-01,all,purposes,28,4.8", 34) == 0);
  size_t lines = 0;
  for (const char *p = csv; (p = strstr(p, "\r\n")); p += 2) lines++;
  assert_int_equal(lines, 3);
  free(csv);
  char *js = export(f, SBX_HISTORY_JSON);
  json_error_t e;
  json_t *root = json_loads(js, 0, &e);
  assert_non_null(root);
  assert_string_equal(json_string_value(json_object_get(root, "schema")), "sixbox-history/1");
  assert_int_equal(json_integer_value(json_object_get(root, "schema_version")), SBX_HISTORY_SCHEMA);
  static const char *const tables[] = { "waves", "units", "cells", "scales", "goals", "evidence",
                                        "actions", "followup" };
  static const size_t rows[] = { 2, 4, 2, 2, 2, 2, 2, 0 };
  for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
    json_t *a = json_object_get(root, tables[i]);
    assert_true(json_is_array(a));
    assert_int_equal(json_array_size(a), rows[i]);
  }
  json_t *w0 = json_array_get(json_object_get(root, "waves"), 0);
  assert_string_equal(json_string_value(json_object_get(w0, "wave")), "w1");
  assert_true(json_is_null(json_object_get(w0, "name")));
  json_t *hidden = json_array_get(json_object_get(root, "units"), 1);
  assert_string_equal(json_string_value(json_object_get(hidden, "unit")), "small");
  assert_true(json_is_null(json_object_get(hidden, "n")));
  json_decref(root);
  free(js);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_create_and_version, setup, teardown),
    cmocka_unit_test_setup_teardown(test_refuses_other_files, setup, teardown),
    cmocka_unit_test_setup_teardown(test_migrates_version_1, setup, teardown),
    cmocka_unit_test_setup_teardown(test_store_replace_remove, setup, teardown),
    cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
    cmocka_unit_test_setup_teardown(test_export_shapes, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

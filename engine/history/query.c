/* The `history` command's views of the database: list the waves, show one, remove one,
 * and export tidy long tables (CSV: one row per wave × unit × scale; JSON: every table
 * as an array of flat records). Read-only except remove, which runs in a transaction. */
#include "engine/history/history.h"
#include "surveys/util.h"

#include <sixbox/csvout.h>
#include <string.h>

static int step_done(sbx_history *h, sqlite3_stmt *st, int s, sbx_ctx *ctx) {
  sqlite3_finalize(st);
  return s == SQLITE_DONE ? 0 : sbx__hdb_error(h, ctx, "cannot read the follow-up database");
}

static const char *txt(sqlite3_stmt *st, int i) {
  const unsigned char *v = sqlite3_column_text(st, i);
  return v ? (const char *)v : "";
}

int sbx_history_write_list(FILE *f, sbx_history *h, sbx_ctx *ctx) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(h, &st,
      "SELECT w.id, coalesce(w.date, ''), coalesce(w.name, ''), w.survey_id, "
      "coalesce(w.survey_version, ''), (SELECT count(*) FROM unit u WHERE u.wave = w.id), "
      "(SELECT count(*) FROM unit u WHERE u.wave = w.id AND u.suppressed), "
      "w.respondents_accepted FROM wave w ORDER BY w.seq", ctx);
  if (rc) return rc;
  fprintf(f, "wave\tdate\tname\tsurvey\tunits\thidden\taccepted\n");
  int s;
  while ((s = sqlite3_step(st)) == SQLITE_ROW)
    fprintf(f, "%s\t%s\t%s\t%s %s\t%d\t%d\t%lld\n", txt(st, 0), txt(st, 1), txt(st, 2),
            txt(st, 3), txt(st, 4), sqlite3_column_int(st, 5), sqlite3_column_int(st, 6),
            (long long)sqlite3_column_int64(st, 7));
  return step_done(h, st, s, ctx);
}

static int need_wave(sbx_history *h, const char *wave, sbx_ctx *ctx) {
  int has = sbx__history_has_wave(h, wave, ctx);
  if (has < 0) return has;
  if (!has)
    return sbx__error(ctx, SBX_ENOENT, h->path, 0, wave, "no wave '%s' here; 'sixbox history "
                      "%s list' shows the waves", wave, h->path);
  return 0;
}

/* Runs sql (parameter 1 = the wave) and prints each row tab-separated under a title. */
static int show_rows(sbx_history *h, FILE *f, const char *title, const char *sql,
                     const char *wave, sbx_ctx *ctx) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(h, &st, sql, ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, wave);
  int cols = sqlite3_column_count(st), s;
  fprintf(f, "\n%s\n", title);
  for (int i = 0; i < cols; i++) fprintf(f, "%s%s", i ? "\t" : "", sqlite3_column_name(st, i));
  fputc('\n', f);
  while ((s = sqlite3_step(st)) == SQLITE_ROW)
    for (int i = 0; i < cols; i++) fprintf(f, "%s%s", txt(st, i), i + 1 < cols ? "\t" : "\n");
  return step_done(h, st, s, ctx);
}

int sbx_history_write_show(FILE *f, sbx_history *h, const char *wave, sbx_ctx *ctx) {
  int rc = need_wave(h, wave, ctx);
  static const char *const q[][2] = {
    { "Wave", "SELECT id, name, date, organisation, survey_id, survey_version, min_group, "
              "respondents_read, respondents_accepted, respondents_rejected, generator "
              "FROM wave WHERE id = ?1" },
    { "Units", "SELECT id, parent, kind, continues, CASE WHEN suppressed THEN 'hidden' ELSE "
               "'' END AS shown, n, headcount, round(response_rate, 3) AS response_rate "
               "FROM unit WHERE wave = ?1 ORDER BY rowid" },
    { "Box means", "SELECT unit, scale, n, round(mean, 2) AS mean, round(ci_lo, 2) AS ci_lo, "
                   "round(ci_hi, 2) AS ci_hi, status FROM cell WHERE wave = ?1 ORDER BY rowid" },
    { "Goals", "SELECT id, level, unit, status, rule FROM goal WHERE wave = ?1 ORDER BY rowid" },
    { "Actions", "SELECT goal, unit, scale, status FROM action WHERE wave = ?1 ORDER BY pos" },
    { "Follow-up of the last plan", "SELECT unit, scale, owner, deadline, status, target, "
      "round(now, 2) AS now, round(change, 2) AS change, reached FROM followup "
      "WHERE wave = ?1 ORDER BY pos" } };
  for (size_t i = 0; !rc && i < sizeof q / sizeof q[0]; i++)
    rc = show_rows(h, f, q[i][0], q[i][1], wave, ctx);
  return rc;
}

int sbx_history_remove(sbx_history *h, const char *wave, sbx_ctx *ctx) {
  int rc = need_wave(h, wave, ctx);
  if (!rc) rc = sbx__history_begin(h, ctx);
  if (rc) return rc;
  sqlite3_stmt *st;
  rc = sbx__hdb_prepare(h, &st, "DELETE FROM wave WHERE id = ?1", ctx);
  if (!rc) {
    sbx__hdb_text(st, 1, wave);
    rc = step_done(h, st, sqlite3_step(st), ctx);
  }
  if (!rc) return sbx__history_commit(h, ctx);
  sbx__history_rollback(h);
  return rc;
}

/* The export's tables: what each holds, as SELECTs over the stored columns. */
static const char *const tables[][2] = {
  { "waves", "SELECT id AS wave, seq, name, date, organisation, survey_id, survey_version, "
             "min_group, confidence_level, respondents_read, respondents_accepted, "
             "respondents_rejected, generator FROM wave ORDER BY seq" },
  { "units", "SELECT u.wave, u.id AS unit, u.parent, u.kind, u.name, u.continues, u.suppressed, "
             "u.reason, u.n, u.headcount, u.response_rate, u.response_rate_flag FROM unit u "
             "JOIN wave w ON w.id = u.wave ORDER BY w.seq, u.rowid" },
  { "cells", "SELECT c.wave, w.name AS wave_name, w.date AS wave_date, c.unit, c.scale, c.n, "
             "c.mean, c.sd, c.median, c.ci_lo, c.ci_hi, c.favourable, c.favourable_lo, "
             "c.favourable_hi, c.status, c.change, c.change_lo, c.change_hi, c.change_p "
             "FROM cell c JOIN wave w ON w.id = c.wave ORDER BY w.seq, c.rowid" },
  { "scales", "SELECT s.wave, s.id AS scale, s.kind, s.items, s.fingerprint, s.answer_min, "
              "s.answer_max, s.answer_points, s.cutoff, s.direction FROM scale s "
              "JOIN wave w ON w.id = s.wave ORDER BY w.seq, s.rowid" },
  { "goals", "SELECT g.wave, g.id AS goal, g.level, g.parent, g.unit, g.title, g.status, g.rule, "
             "g.risk, g.via, g.baseline_status FROM goal g JOIN wave w ON w.id = g.wave "
             "ORDER BY w.seq, g.rowid" },
  { "evidence", "SELECT e.wave, e.goal, e.pos, e.unit, e.scale, e.critical, e.weight, e.rule, "
                "e.n_band, e.mean, e.ci_lo, e.ci_hi, e.status, e.suppressed FROM evidence e "
                "JOIN wave w ON w.id = e.wave ORDER BY w.seq, e.rowid" },
  { "actions", "SELECT a.wave, a.pos, a.goal, a.unit, a.scale, a.status, a.baseline_status "
               "FROM action a JOIN wave w ON w.id = a.wave ORDER BY w.seq, a.pos" },
  { "followup", "SELECT f.wave, f.pos, f.plan, f.plan_row, f.unit, f.scale, f.goal, f.step, "
                "f.owner, f.deadline, f.status, f.target, f.target_kind, f.before, f.now, "
                "f.change, f.change_lo, f.change_hi, f.reached FROM followup f "
                "JOIN wave w ON w.id = f.wave ORDER BY w.seq, f.pos" } };

static void csv_value(FILE *f, sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_NULL: break;
  case SQLITE_INTEGER: fprintf(f, "%lld", (long long)sqlite3_column_int64(st, i)); break;
  case SQLITE_FLOAT: sbx_csv_number(f, sqlite3_column_double(st, i)); break;
  default: sbx_csv_cell(f, txt(st, i));
  }
}

static int export_csv(sbx_history *h, FILE *f, sbx_ctx *ctx) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(h, &st, tables[2][1], ctx);
  if (rc) return rc;
  int cols = sqlite3_column_count(st), s;
  for (int i = 0; i < cols; i++) {
    if (i) fputc(',', f);
    sbx_csv_cell(f, sqlite3_column_name(st, i));
  }
  fputs("\r\n", f);
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < cols; i++) {
      if (i) fputc(',', f);
      csv_value(f, st, i);
    }
    fputs("\r\n", f);
  }
  return step_done(h, st, s, ctx);
}

static json_t *json_value(sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_NULL: return json_null();
  case SQLITE_INTEGER: return json_integer((json_int_t)sqlite3_column_int64(st, i));
  case SQLITE_FLOAT: return json_real(sqlite3_column_double(st, i));
  default: return json_string(txt(st, i));
  }
}

static int export_table(sbx_history *h, json_t *root, size_t t, sbx_ctx *ctx) {
  sqlite3_stmt *st;
  int rc = sbx__hdb_prepare(h, &st, tables[t][1], ctx);
  if (rc) return rc;
  json_t *a = json_array();
  int cols = sqlite3_column_count(st), s, bad = !a;
  while (!bad && (s = sqlite3_step(st)) == SQLITE_ROW) {
    json_t *o = json_object();
    for (int i = 0; o && i < cols; i++)
      bad |= json_object_set_new(o, sqlite3_column_name(st, i), json_value(st, i)) != 0;
    bad |= !o || json_array_append_new(a, o) != 0;
  }
  if (bad || json_object_set_new(root, tables[t][0], a) != 0) {
    sqlite3_finalize(st);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  return step_done(h, st, s, ctx);
}

static int export_json(sbx_history *h, FILE *f, sbx_ctx *ctx) {
  json_t *root = json_object();
  if (!root || json_object_set_new(root, "schema", json_string("sixbox-history/1")))
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  json_object_set_new(root, "schema_version", json_integer(SBX_HISTORY_SCHEMA));
  int rc = 0;
  for (size_t t = 0; !rc && t < sizeof tables / sizeof tables[0]; t++)
    rc = export_table(h, root, t, ctx);
  if (!rc && (json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                       JSON_REAL_PRECISION(10)) != 0 || fputc('\n', f) == EOF))
    rc = sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while exporting");
  json_decref(root);
  return rc;
}

int sbx_history_export(FILE *f, sbx_history *h, sbx_history_format format, sbx_ctx *ctx) {
  int rc = format == SBX_HISTORY_JSON ? export_json(h, f, ctx) : export_csv(h, f, ctx);
  if (!rc && ferror(f)) rc = sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while exporting");
  return rc;
}

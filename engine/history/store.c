/* Storing a wave: the results.json tree the run published, row by row, inside the
 * caller's transaction. Only what that tree holds can reach the database: a hidden
 * unit is a row with suppressed = 1 and no figures, a hidden cell is no row at all,
 * evidence carries n only as its band. Numbers are the published ones (the tree is
 * parsed back from the bytes written to results.json). */
#include "engine/history/history.h"
#include "reports/tables/tables.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define J(o, k) json_object_get((o), (k))

typedef struct store {
  sbx_history *h;
  const char *wave;
  sbx_ctx *ctx;
} store;

/* Binds values[i] to parameter i + 2 (parameter 1 is the wave) and runs sql. */
static int put_row(store *s, sqlite3_stmt *st, const json_t *const *v, size_t n) {
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  sbx__hdb_text(st, 1, s->wave);
  for (size_t i = 0; i < n; i++) sbx__hdb_json(st, (int)i + 2, v[i]);
  if (sqlite3_step(st) != SQLITE_DONE)
    return sbx__hdb_error(s->h, s->ctx, "cannot store the wave");
  return 0;
}

static json_t *pair_at(const json_t *o, const char *k, size_t i) {
  return json_array_get(J(o, k), i);
}

/* The "continues" list as one space-separated text (NULL when there is none). */
static json_t *joined(const json_t *a) {
  if (!json_is_array(a) || json_array_size(a) == 0) return NULL;
  size_t i, len = 1;
  json_t *x;
  json_array_foreach(a, i, x) len += strlen(json_string_value(x) ? json_string_value(x) : "") + 1;
  char *buf = sbx__calloc(1, len);
  if (!buf) return NULL;
  json_array_foreach(a, i, x) {
    if (i) strcat(buf, " ");
    strcat(buf, json_string_value(x) ? json_string_value(x) : "");
  }
  json_t *r = json_string(buf);
  sbx__free(buf);
  return r;
}

static int store_cells(store *s, sqlite3_stmt *st, const json_t *unit) {
  size_t i;
  json_t *c;
  json_array_foreach(J(unit, "scales"), i, c) {
    if (json_is_true(J(c, "suppressed")) || !json_is_integer(J(c, "n"))) continue;
    const json_t *ch = J(c, "change");
    const json_t *v[] = { J(unit, "id"), J(c, "id"), J(c, "n"), J(c, "mean"), J(c, "sd"),
                          J(c, "median"), pair_at(c, "ci", 0), pair_at(c, "ci", 1),
                          J(c, "favourable"), pair_at(c, "favourable_ci", 0),
                          pair_at(c, "favourable_ci", 1), J(c, "status"), J(ch, "change"),
                          pair_at(ch, "ci", 0), pair_at(ch, "ci", 1), J(ch, "p") };
    int rc = put_row(s, st, v, sizeof v / sizeof v[0]);
    if (rc) return rc;
  }
  return 0;
}

/* One insert loop for every table: fn stores element i of the array with st (and its
 * rows of a second table with child, when child_sql is given). */
typedef int (*row_fn)(store *s, sqlite3_stmt *st, sqlite3_stmt *child, const json_t *x, size_t i);

static int store_each(store *s, const json_t *array, const char *sql, const char *child_sql,
                      row_fn fn) {
  sqlite3_stmt *st = NULL, *child = NULL;
  int rc = sbx__hdb_prepare(s->h, &st, sql, s->ctx);
  if (!rc && child_sql) rc = sbx__hdb_prepare(s->h, &child, child_sql, s->ctx);
  size_t i;
  json_t *x;
  json_array_foreach(array, i, x) {
    if (rc) break;
    rc = fn(s, st, child, x, i);
  }
  sqlite3_finalize(st);
  sqlite3_finalize(child);
  return rc;
}

static int unit_row(store *s, sqlite3_stmt *st, sqlite3_stmt *cells, const json_t *u, size_t i) {
  (void)i;
  json_t *cont = joined(J(u, "continues"));
  int hidden = json_is_true(J(u, "suppressed"));
  json_t *supp = json_boolean(hidden);
  /* A hidden unit: the one reason, whatever the tree says (never which of the two). */
  json_t *why = hidden ? json_string(SBX__HIDDEN_REASON) : NULL;
  const json_t *v[] = { J(u, "id"), J(u, "parent"), J(u, "kind"), J(u, "name"), cont, supp,
                        why, hidden ? NULL : J(u, "n"),
                        J(u, "headcount"), J(u, "response_rate"), J(u, "response_rate_flag") };
  int rc = hidden && !why ? sbx__error(s->ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory")
                          : put_row(s, st, v, sizeof v / sizeof v[0]);
  json_decref(cont);
  json_decref(supp);
  json_decref(why);
  if (!rc && !hidden) rc = store_cells(s, cells, u);
  return rc;
}

/* A scale's items as one comma-separated text (NULL when out of memory). */
static json_t *items_text(const json_t *items) {
  size_t k;
  json_t *it, *out = json_string("");
  json_array_foreach(items, k, it) {
    if (!out) break;
    char *t = sbx__asprintf("%s%s%s", json_string_value(out), k ? "," : "",
                            json_string_value(it) ? json_string_value(it) : "");
    json_decref(out);
    out = t ? json_string(t) : NULL;
    sbx__free(t);
  }
  return out;
}

static int scale_row(store *s, sqlite3_stmt *st, sqlite3_stmt *child, const json_t *x, size_t i) {
  (void)child;
  (void)i;
  json_t *items = items_text(J(x, "items"));
  const json_t *a = J(x, "answer_scale");
  const json_t *v[] = { J(x, "id"), J(x, "kind"), items, J(x, "fingerprint"), J(a, "min"),
                        J(a, "max"), J(a, "points"), J(a, "cutoff"), J(a, "direction") };
  int rc = items ? put_row(s, st, v, sizeof v / sizeof v[0])
                 : sbx__error(s->ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  json_decref(items);
  return rc;
}

static int store_evidence(store *s, sqlite3_stmt *st, const json_t *g) {
  size_t i;
  json_t *e;
  json_array_foreach(J(g, "evidence"), i, e) {
    json_t *pos = json_integer((json_int_t)i), *supp = json_boolean(json_is_true(J(e, "suppressed")));
    const json_t *v[] = { J(g, "id"), pos, J(e, "unit"), J(e, "scale"), J(e, "critical"),
                          J(e, "weight"), J(e, "rule"), J(e, "n_band"), J(e, "mean"),
                          pair_at(e, "ci", 0), pair_at(e, "ci", 1), J(e, "status"), supp };
    int rc = put_row(s, st, v, sizeof v / sizeof v[0]);
    json_decref(pos);
    json_decref(supp);
    if (rc) return rc;
  }
  return 0;
}

static int goal_row(store *s, sqlite3_stmt *st, sqlite3_stmt *ev, const json_t *g, size_t i) {
  (void)i;
  const json_t *v[] = { J(g, "id"), J(g, "level"), J(g, "parent"), J(g, "unit"),
                        J(g, "title"), J(g, "status"), J(g, "rule"), J(g, "risk"),
                        J(g, "via"), J(g, "baseline_status") };
  int rc = put_row(s, st, v, sizeof v / sizeof v[0]);
  return rc ? rc : store_evidence(s, ev, g);
}

static int action_row(store *s, sqlite3_stmt *st, sqlite3_stmt *child, const json_t *a, size_t i) {
  (void)child;
  json_t *pos = json_integer((json_int_t)i);
  const json_t *v[] = { pos, J(a, "goal"), J(a, "unit"), J(a, "scale"), J(a, "status"),
                        J(a, "baseline_status") };
  int rc = put_row(s, st, v, sizeof v / sizeof v[0]);
  json_decref(pos);
  return rc;
}

/* The wave's row; seq is put right by sbx__history_order() once it is stored. */
static int store_wave(store *s, const json_t *r, const sbx__wave_meta *w, sqlite3_int64 seq) {
  sqlite3_stmt *st = NULL;
  int rc = sbx__hdb_prepare(s->h, &st, "INSERT INTO wave VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
                                       "?10,?11,?12,?13)", s->ctx);
  if (rc) return rc;
  json_t *jseq = json_integer(seq), *name = w->name ? json_string(w->name) : NULL;
  json_t *date = w->date ? json_string(w->date) : NULL;
  const json_t *resp = J(r, "respondents");
  const json_t *v[] = { jseq, name, date, J(J(r, "organisation"), "id"), J(J(r, "survey"), "id"),
                        J(J(r, "survey"), "version"), J(r, "min_group"), J(r, "confidence_level"),
                        J(resp, "read"), J(resp, "accepted"), J(resp, "rejected"),
                        J(r, "generator") };
  rc = put_row(s, st, v, sizeof v / sizeof v[0]);
  json_decref(jseq);
  json_decref(name);
  json_decref(date);
  sqlite3_finalize(st);
  return rc;
}

static int wave_seq(store *s, int replace, sqlite3_int64 *seq) {
  sqlite3_stmt *st = NULL;
  int rc = sbx__hdb_prepare(s->h, &st, "SELECT seq FROM wave WHERE id = ?1 UNION ALL "
                                       "SELECT coalesce(max(seq), 0) + 1 FROM wave", s->ctx);
  if (rc) return rc;
  sbx__hdb_text(st, 1, s->wave);
  int first = 1, exists = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (first) *seq = sqlite3_column_int64(st, 0);
    exists += 1;
    first = 0;
  }
  sqlite3_finalize(st);
  if (exists == 2 && !replace)
    return sbx__error(s->ctx, SBX_EDATA, s->h->path, 0, s->wave,
                      "the follow-up database has a wave '%s' already; give the new wave "
                      "another --wave, or --replace-wave to replace it", s->wave);
  if (exists == 2) {
    sqlite3_stmt *del = NULL;
    rc = sbx__hdb_prepare(s->h, &del, "DELETE FROM wave WHERE id = ?1", s->ctx);
    if (rc) return rc;
    sbx__hdb_text(del, 1, s->wave);
    if (sqlite3_step(del) != SQLITE_DONE) rc = sbx__hdb_error(s->h, s->ctx, "cannot replace the wave");
    sqlite3_finalize(del);
  }
  return rc;
}

int sbx__history_store(sbx_history *h, const json_t *r, const sbx__wave_meta *w, int replace,
                       sbx_ctx *ctx) {
  store s = { h, w->id, ctx };
  sqlite3_int64 seq = 1;
  int rc = wave_seq(&s, replace, &seq);
  if (!rc) rc = store_wave(&s, r, w, seq);
  if (!rc) rc = store_each(&s, J(r, "scales"), "INSERT INTO scale VALUES (?1,?2,?3,?4,?5,?6,?7,"
                          "?8,?9,?10)", NULL, scale_row);
  if (!rc) rc = store_each(&s, J(r, "units"), "INSERT INTO unit VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
                          "?9,?10,?11,?12)", "INSERT INTO cell VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
                          "?9,?10,?11,?12,?13,?14,?15,?16,?17)", unit_row);
  if (!rc) rc = store_each(&s, J(r, "goals"), "INSERT INTO goal VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
                          "?9,?10,?11)", "INSERT INTO evidence VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
                          "?9,?10,?11,?12,?13,?14)", goal_row);
  if (!rc) rc = store_each(&s, J(r, "actions"), "INSERT INTO action VALUES (?1,?2,?3,?4,?5,?6,"
                          "?7)", NULL, action_row);
  if (!rc) rc = sbx__history_order(h, ctx);
  return rc;
}

int sbx__history_order(sbx_history *h, sbx_ctx *ctx) {
  return sbx__hdb_exec(h, SBX__HISTORY_ORDER_SQL, ctx);
}

static const char *plan_status_id(sbx_plan_status s) {
  return s == SBX_PLAN_DONE ? "done" : s == SBX_PLAN_ONGOING ? "ongoing" : "planned";
}

static void bind_num(sqlite3_stmt *st, int i, double v, int have) {
  if (have && isfinite(v)) sqlite3_bind_double(st, i, v);
  else sqlite3_bind_null(st, i);
}

/* One row per action of the filled-in plan, with what became of it in this wave. */
int sbx__history_store_followup(sbx_history *h, const char *wave, const sbx_results *res,
                                sbx_ctx *ctx) {
  const sbx_trend *t = res->trend;
  if (!t || !t->nfu) return 0;
  sqlite3_stmt *st = NULL;
  int rc = sbx__hdb_prepare(h, &st, "INSERT INTO followup VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
                                    "?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)", ctx);
  for (size_t i = 0; !rc && i < t->nfu; i++) {
    const sbx_followup *f = &t->fu[i];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sbx__hdb_text(st, 1, wave);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sbx__hdb_text(st, 3, t->plan_source);
    sqlite3_bind_int64(st, 4, f->row);
    sbx__hdb_text(st, 5, f->unit < res->nunit ? sbx__unit_id(res, f->unit) : NULL);
    sbx__hdb_text(st, 6, f->scale < res->nscale ? res->survey->scale[f->scale].id : NULL);
    sbx__hdb_text(st, 7, f->goal);
    sbx__hdb_text(st, 8, f->step);
    sbx__hdb_text(st, 9, f->owner);
    sbx__hdb_text(st, 10, f->deadline[0] ? f->deadline : NULL);
    sbx__hdb_text(st, 11, plan_status_id(f->status));
    bind_num(st, 12, f->target, f->has_target);
    sbx__hdb_text(st, 13, f->has_target ? (f->target_is_share ? "favourable" : "mean") : NULL);
    bind_num(st, 14, f->before, f->has_result);
    bind_num(st, 15, f->now, 1);
    bind_num(st, 16, f->change, f->has_result);
    bind_num(st, 17, f->lo, f->has_result);
    bind_num(st, 18, f->hi, f->has_result);
    if (f->has_target && isfinite(f->now)) sqlite3_bind_int(st, 19, f->reached);
    if (sqlite3_step(st) != SQLITE_DONE) rc = sbx__hdb_error(h, ctx, "cannot store the follow-up");
  }
  sqlite3_finalize(st);
  return rc;
}

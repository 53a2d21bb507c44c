/* sbx_baseline_load(): the previous wave from its results.json (schema
 * sixbox-results/2 or /1): each visible cell's n, mean and sd, each goal's status, and
 * what the wave measured with (organisation, survey, each scale's items, answer scale and
 * fingerprint, the wave's name and date), so the analysis can refuse a baseline of
 * another organisation and compare only like with like. Suppressed units and cells are
 * skipped: they carry no figures to compare with. A figure no answer scale can give
 * (a mean of 1e308, a negative sd, a count past 10^8, a mean outside the scale the
 * file itself declares) refuses the whole file, naming the unit and the scale. */
#include "reports/tables/tables.h"
#include "reports/tables/jsonutil.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BASELINE_MAX_BYTES (256u * 1024u * 1024u)

typedef struct rd {
  sbx_baseline *b;
  const char *path;
  sbx_ctx *ctx;
  size_t cell_cap;
} rd;

static sbx_goal_status goal_status_from_id(const char *s) {
  if (!s) return SBX_GOAL_UNKNOWN;
  if (strcmp(s, "at-risk") == 0) return SBX_GOAL_AT_RISK;
  if (strcmp(s, "watch") == 0) return SBX_GOAL_WATCH;
  if (strcmp(s, "on-track") == 0) return SBX_GOAL_ON_TRACK;
  return SBX_GOAL_UNKNOWN;
}

static int nomem(rd *r) { return sbx__error(r->ctx, SBX_ENOMEM, r->path, 0, NULL, "out of memory"); }

static const sbx_baseline_scale *scale_of(const sbx_baseline *b, const char *id) {
  for (size_t i = 0; i < b->nscale; i++)
    if (strcmp(b->scale[i].id, id) == 0) return &b->scale[i];
  return NULL;
}

/* Plausible for any sixbox scale, and inside the range the file declares. */
static int check_figures(rd *r, const char *unit, const char *scale, json_t *n, double mean,
                         double sd) {
  const sbx_baseline_scale *bs = scale_of(r->b, scale);
  int ok = json_is_integer(n) && json_integer_value(n) > 0 &&
           json_integer_value(n) <= 100000000 && isfinite(mean) && fabs(mean) <= 1e6 &&
           (isnan(sd) || (sd >= 0 && sd <= 1e6));
  if (ok && bs && bs->max > bs->min)
    ok = mean >= bs->min && mean <= bs->max && (isnan(sd) || sd <= bs->max - bs->min);
  if (ok) return 0;
  return sbx__error(r->ctx, SBX_EDATA, r->path, 0, unit,
                    "unit %s, scale %s: the figures (n, mean %g, sd %g) cannot come from a "
                    "sixbox diagnosis; the file is damaged or edited: give the results.json "
                    "of the earlier wave as it was written", unit, scale, mean, sd);
}

static int add_cell(rd *r, const char *unit, const json_t *c) {
  sbx_baseline *b = r->b;
  const char *scale = json_string_value(json_object_get(c, "id"));
  json_t *n = json_object_get(c, "n");
  double mean = sbx__jget_num(c, "mean"), sd = sbx__jget_num(c, "sd");
  if (!scale || json_is_true(json_object_get(c, "suppressed"))) return 0;
  if ((!n || json_is_null(n)) && json_is_null(json_object_get(c, "mean"))) return 0;
  if ((!n || json_is_integer(n)) && !json_object_get(c, "mean") && json_integer_value(n) == 0)
    return 0; /* visible, but no scores on this scale */
  int rc = check_figures(r, unit, scale, n, mean, sd);
  if (rc) return rc;
  if (sbx__grow(&b->cell, &r->cell_cap, b->ncell + 1, sizeof *b->cell)) return nomem(r);
  sbx_baseline_cell *x = &b->cell[b->ncell];
  x->unit = sbx__strdup(unit);
  x->scale = sbx__strdup(scale);
  x->n = (size_t)json_integer_value(n);
  x->mean = mean;
  x->sd = sd;
  if (!x->unit || !x->scale) {
    sbx__free(x->unit);
    sbx__free(x->scale);
    return nomem(r);
  }
  b->ncell++;
  return 0;
}

static int read_units(rd *r, const json_t *units) {
  size_t i;
  json_t *u;
  json_array_foreach(units, i, u) {
    const char *id = json_string_value(json_object_get(u, "id"));
    if (!id || json_is_true(json_object_get(u, "suppressed"))) continue;
    size_t k;
    json_t *c;
    json_array_foreach(json_object_get(u, "scales"), k, c) {
      int rc = add_cell(r, id, c);
      if (rc) return rc;
    }
  }
  return 0;
}

static int read_goals(rd *r, const json_t *goals) {
  sbx_baseline *b = r->b;
  size_t cap = 0, i;
  json_t *g;
  json_array_foreach(goals, i, g) {
    const char *id = json_string_value(json_object_get(g, "id"));
    if (!id) continue;
    if (sbx__grow(&b->goal, &cap, b->ngoal + 1, sizeof *b->goal)) return nomem(r);
    b->goal[b->ngoal].goal = sbx__strdup(id);
    if (!b->goal[b->ngoal].goal) return nomem(r);
    b->goal[b->ngoal].status =
        goal_status_from_id(json_string_value(json_object_get(g, "status")));
    b->ngoal++;
  }
  return 0;
}

static char *items_text(const json_t *items) {
  size_t i, len = 1;
  json_t *it;
  json_array_foreach(items, i, it) len += strlen(json_string_value(it) ? json_string_value(it) : "") + 1;
  char *s = sbx__calloc(1, len);
  if (!s) return NULL;
  json_array_foreach(items, i, it) {
    if (i) strcat(s, ",");
    strcat(s, json_string_value(it) ? json_string_value(it) : "");
  }
  return s;
}

/* What each scale measured with: items (always published), the answer scale and the
 * fingerprint (published since the follow-up system). */
static int read_scales(rd *r, const json_t *scales) {
  sbx_baseline *b = r->b;
  size_t n = json_array_size(scales), i;
  json_t *s;
  b->scale = sbx__calloc(n ? n : 1, sizeof *b->scale);
  if (!b->scale) return nomem(r);
  json_array_foreach(scales, i, s) {
    const char *id = json_string_value(json_object_get(s, "id"));
    if (!id) continue;
    sbx_baseline_scale *x = &b->scale[b->nscale++];
    x->id = sbx__strdup(id);
    const char *fp = json_string_value(json_object_get(s, "fingerprint"));
    x->fingerprint = fp ? sbx__strdup(fp) : NULL;
    json_t *items = json_object_get(s, "items");
    x->items = json_is_array(items) ? items_text(items) : NULL;
    json_t *a = json_object_get(s, "answer_scale");
    double lo = sbx__jget_num(a, "min"), hi = sbx__jget_num(a, "max");
    if (isfinite(lo) && isfinite(hi) && fabs(lo) < 1e6 && fabs(hi) < 1e6 && lo < hi) {
      x->min = (int)lo;
      x->max = (int)hi;
    }
    if (!x->id || (fp && !x->fingerprint) || (json_is_array(items) && !x->items)) return nomem(r);
  }
  return 0;
}

static char *str_at(const json_t *o, const char *k1, const char *k2) {
  const json_t *v = json_object_get(o, k1);
  if (k2) v = json_object_get(v, k2);
  return json_is_string(v) ? sbx__strdup(json_string_value(v)) : NULL;
}

static int read_head(rd *r, const json_t *root) {
  sbx_baseline *b = r->b;
  b->source = sbx__strdup(r->path);
  b->org_id = str_at(root, "organisation", "id");
  b->survey_id = str_at(root, "survey", "id");
  b->survey_version = str_at(root, "survey", "version");
  b->wave_id = str_at(root, "wave", "id");
  b->wave_name = str_at(root, "wave", "name");
  b->wave_date = str_at(root, "wave", "date");
  return b->source ? 0 : nomem(r);
}

static int check_root(const json_t *root, const char *path, sbx_ctx *ctx) {
  const char *schema = json_string_value(json_object_get(root, "schema"));
  if (!json_is_object(root) || !schema)
    return sbx__error(ctx, SBX_EDATA, path, 0, NULL,
                      "this is not a sixbox results.json (no \"schema\"); give the "
                      "results.json of an earlier 'sixbox diagnose' run");
  /* Version 1 differs only in how a hidden unit gives its reason, which is not read. */
  if (strcmp(schema, SBX__RESULTS_SCHEMA) != 0 && strcmp(schema, "sixbox-results/1") != 0)
    return sbx__error(ctx, SBX_EDATA, path, 0, schema, "unsupported results schema; this "
                      "sixbox reads %s and sixbox-results/1", SBX__RESULTS_SCHEMA);
  if (!json_is_array(json_object_get(root, "units")))
    return sbx__error(ctx, SBX_EDATA, path, 0, "units",
                      "the results have no \"units\" list; the file is incomplete");
  return 0;
}

int sbx__baseline_from_json(sbx_baseline **out, const json_t *root, const char *path,
                            sbx_ctx *ctx) {
  *out = NULL;
  int rc = check_root(root, path, ctx);
  if (rc) return rc;
  rd r = { sbx__calloc(1, sizeof(sbx_baseline)), path, ctx, 0 };
  if (!r.b) return nomem(&r);
  rc = read_head(&r, root);
  if (!rc) rc = read_scales(&r, json_object_get(root, "scales"));
  if (!rc) rc = read_units(&r, json_object_get(root, "units"));
  if (!rc) rc = read_goals(&r, json_object_get(root, "goals"));
  if (rc) {
    sbx_baseline_free(r.b);
    return rc;
  }
  *out = r.b;
  return 0;
}

int sbx_baseline_load(sbx_baseline **out, const char *path, sbx_ctx *ctx) {
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  int rc = sbx__read_file(path, BASELINE_MAX_BYTES, &data, &len, ctx);
  if (rc) return rc;
  json_error_t err;
  json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
  sbx__free(data);
  if (!root && json_error_code(&err) == json_error_out_of_memory)
    return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  if (!root)
    return sbx__error(ctx, SBX_EDATA, path, err.line, NULL,
                      "not valid JSON: %s; give an unchanged results.json", err.text);
  rc = sbx__baseline_from_json(out, root, path, ctx);
  json_decref(root);
  return rc;
}

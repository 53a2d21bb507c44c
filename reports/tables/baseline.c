/* sbx_baseline_load(): the previous wave from its results.json (schema
 * sixbox-results/1): each visible cell's n, mean and sd, and each goal's status.
 * Suppressed units and cells are skipped: they carry no figures to compare with. */
#include "reports/tables/tables.h"
#include "reports/tables/jsonutil.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BASELINE_MAX_BYTES (256u * 1024u * 1024u)

static sbx_goal_status goal_status_from_id(const char *s) {
  if (!s) return SBX_GOAL_UNKNOWN;
  if (strcmp(s, "at-risk") == 0) return SBX_GOAL_AT_RISK;
  if (strcmp(s, "watch") == 0) return SBX_GOAL_WATCH;
  if (strcmp(s, "on-track") == 0) return SBX_GOAL_ON_TRACK;
  return SBX_GOAL_UNKNOWN;
}

static int add_cell(sbx_baseline *b, size_t *cap, const char *unit, const json_t *c) {
  const char *scale = json_string_value(json_object_get(c, "id"));
  json_t *n = json_object_get(c, "n");
  double mean = sbx__jget_num(c, "mean"), sd = sbx__jget_num(c, "sd");
  if (!scale || json_is_true(json_object_get(c, "suppressed")) || !json_is_integer(n) ||
      json_integer_value(n) <= 0 || !isfinite(mean))
    return 0; /* nothing to compare with */
  if (sbx__grow(&b->cell, cap, b->ncell + 1, sizeof *b->cell)) return SBX_ENOMEM;
  sbx_baseline_cell *x = &b->cell[b->ncell];
  x->unit = sbx__strdup(unit);
  x->scale = sbx__strdup(scale);
  x->n = (size_t)json_integer_value(n);
  x->mean = mean;
  x->sd = sd;
  if (!x->unit || !x->scale) {
    free(x->unit);
    free(x->scale);
    return SBX_ENOMEM;
  }
  b->ncell++;
  return 0;
}

static int read_units(sbx_baseline *b, const json_t *units) {
  size_t cap = 0, i;
  json_t *u;
  json_array_foreach(units, i, u) {
    const char *id = json_string_value(json_object_get(u, "id"));
    if (!id || json_is_true(json_object_get(u, "suppressed"))) continue;
    size_t k;
    json_t *c;
    json_array_foreach(json_object_get(u, "scales"), k, c) {
      if (add_cell(b, &cap, id, c)) return SBX_ENOMEM;
    }
  }
  return 0;
}

static int read_goals(sbx_baseline *b, const json_t *goals) {
  size_t cap = 0, i;
  json_t *g;
  json_array_foreach(goals, i, g) {
    const char *id = json_string_value(json_object_get(g, "id"));
    if (!id) continue;
    if (sbx__grow(&b->goal, &cap, b->ngoal + 1, sizeof *b->goal)) return SBX_ENOMEM;
    b->goal[b->ngoal].goal = sbx__strdup(id);
    if (!b->goal[b->ngoal].goal) return SBX_ENOMEM;
    b->goal[b->ngoal].status =
        goal_status_from_id(json_string_value(json_object_get(g, "status")));
    b->ngoal++;
  }
  return 0;
}

static int check_root(const json_t *root, const char *path, sbx_ctx *ctx) {
  const char *schema = json_string_value(json_object_get(root, "schema"));
  if (!json_is_object(root) || !schema)
    return sbx__error(ctx, SBX_EDATA, path, 0, NULL,
                      "this is not a sixbox results.json (no \"schema\"); give the "
                      "results.json of an earlier 'sixbox diagnose' run");
  if (strcmp(schema, "sixbox-results/1") != 0)
    return sbx__error(ctx, SBX_EDATA, path, 0, schema,
                      "unsupported results schema; this sixbox reads sixbox-results/1");
  if (!json_is_array(json_object_get(root, "units")))
    return sbx__error(ctx, SBX_EDATA, path, 0, "units",
                      "the results have no \"units\" list; the file is incomplete");
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
  free(data);
  if (!root)
    return sbx__error(ctx, SBX_EDATA, path, err.line, NULL,
                      "not valid JSON: %s; give an unchanged results.json", err.text);
  rc = check_root(root, path, ctx);
  sbx_baseline *b = rc ? NULL : calloc(1, sizeof *b);
  if (!rc && !b) rc = sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  if (!rc && (read_units(b, json_object_get(root, "units")) ||
              read_goals(b, json_object_get(root, "goals"))))
    rc = sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  json_decref(root);
  if (rc) {
    sbx_baseline_free(b);
    return rc;
  }
  *out = b;
  return 0;
}

/* The rules of an organisation that its schema cannot say: unit and goal ids unique,
 * parents known and free of cycles, one top unit, goal levels in order (vision →
 * strategic → operative → activity), operative goals owned by a known unit; then the
 * records move into the model in pre-order; no two units share a label (id, name or
 * alias) as the importer compares them. Also sbx_org_check_survey. */
#include "surveys/xml/org_xml.h"
#include "surveys/norm.h"

#include <stdlib.h>
#include <string.h>

static sbx__idref *index_ids(sbx__xb *b, size_t n, const char *what,
                             const char *(*id)(const sbx__orgb *, size_t),
                             long (*line)(const sbx__orgb *, size_t), const sbx__orgb *ob,
                             size_t *nref) {
  sbx__idref *r = sbx__calloc(n + 1, sizeof *r);
  *nref = 0;
  if (!r) {
    b->nomem = 1;
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    if (id(ob, i)) {
      r[*nref] = (sbx__idref){ id(ob, i), line(ob, i), i };
      (*nref)++;
    }
  sbx__xb_unique(b, r, *nref, what);
  return r;
}

static const char *unit_id(const sbx__orgb *ob, size_t i) { return ob->unit[i].id; }
static long unit_line(const sbx__orgb *ob, size_t i) { return ob->unit[i].line; }
static const char *goal_id(const sbx__orgb *ob, size_t i) { return ob->goal[i].id; }
static long goal_line(const sbx__orgb *ob, size_t i) { return ob->goal[i].line; }

static void resolve_units(sbx__orgb *ob, const sbx__idref *ids, size_t nids) {
  size_t root = SBX_NONE;
  for (size_t i = 0; i < ob->nunit; i++) {
    sbx__raw *r = &ob->uraw[i];
    const sbx_unit *u = &ob->unit[i];
    if (r->nested != SBX_NONE) {
      r->parent = r->nested;
      if (r->parent_id && strcmp(r->parent_id, ob->unit[r->nested].id) != 0)
        sbx__xb_error(ob->b, u->line, "unit %s stands inside unit %s but names parent '%s'; "
                      "remove the parent attribute", u->id, ob->unit[r->nested].id,
                      r->parent_id);
    } else if (r->parent_id) {
      r->parent = sbx__xb_lookup(ids, nids, r->parent_id);
      if (r->parent == SBX_NONE)
        sbx__xb_error(ob->b, u->line, "unit %s: parent '%s' is not a unit", u->id,
                      r->parent_id);
    } else if (root == SBX_NONE) {
      root = i;
    } else {
      sbx__xb_error(ob->b, u->line, "unit %s has no parent, but unit %s (line %ld) is "
                    "already the whole organisation; give it parent=\"...\"", u->id,
                    ob->unit[root].id, ob->unit[root].line);
    }
  }
}

/* Reports each parent cycle once, by one of its members. */
static void report_cycles(sbx__orgb *ob, const sbx__raw *raw, size_t n, int units) {
  size_t *first = sbx__calloc(n + 1, sizeof *first), nfirst = 0;
  if (!first || sbx__tree_cycles(raw, n, first, &nfirst)) {
    ob->b->nomem = 1;
    sbx__free(first);
    return;
  }
  for (size_t k = 0; k < nfirst; k++) {
    size_t i = first[k];
    sbx__xb_error(ob->b, units ? ob->unit[i].line : ob->goal[i].line,
                  "%s %s: its parents form a cycle (through '%s')", units ? "unit" : "goal",
                  units ? ob->unit[i].id : ob->goal[i].id,
                  units ? ob->unit[raw[i].parent].id : ob->goal[raw[i].parent].id);
  }
  sbx__free(first);
}

static size_t find_vision(const sbx__orgb *ob) {
  for (size_t i = 0; i < ob->ngoal; i++)
    if (ob->goal[i].level == SBX_GOAL_VISION) return i;
  return SBX_NONE;
}

static void resolve_goal_parent(sbx__orgb *ob, size_t i, const sbx__idref *ids, size_t nids,
                                size_t vision) {
  sbx__raw *r = &ob->graw[i];
  const sbx_goal *g = &ob->goal[i];
  if (r->nested != SBX_NONE) {
    r->parent = r->nested;
    if (r->parent_id && strcmp(r->parent_id, ob->goal[r->nested].id) != 0)
      sbx__xb_error(ob->b, g->line, "goal %s stands inside goal %s but names parent '%s'; "
                    "remove the parent attribute", g->id, ob->goal[r->nested].id,
                    r->parent_id);
  } else if (r->parent_id) {
    r->parent = sbx__xb_lookup(ids, nids, r->parent_id);
    if (r->parent == SBX_NONE)
      sbx__xb_error(ob->b, g->line, "goal %s: parent '%s' is not a goal", g->id,
                    r->parent_id);
  } else if (g->level == SBX_GOAL_STRATEGIC) {
    r->parent = vision;
  } else if (g->level != SBX_GOAL_VISION) {
    sbx__xb_error(ob->b, g->line, "goal %s (level %s) needs a parent %s goal; nest it "
                  "there or add parent=\"...\"", g->id, sbx__goal_level_id(g->level),
                  sbx__goal_level_id(g->level - 1));
  }
  if (r->parent != SBX_NONE && ob->goal[r->parent].level != g->level - 1)
    sbx__xb_error(ob->b, g->line, "goal %s (level %s) cannot stand under the %s goal %s; "
                  "the order is %s > %s > %s > %s", g->id, sbx__goal_level_id(g->level),
                  sbx__goal_level_id(ob->goal[r->parent].level), ob->goal[r->parent].id,
                  sbx__goal_level_id(SBX_GOAL_VISION), sbx__goal_level_id(SBX_GOAL_STRATEGIC),
                  sbx__goal_level_id(SBX_GOAL_OPERATIVE), sbx__goal_level_id(SBX_GOAL_ACTIVITY));
}

static void resolve_goal_unit(sbx__orgb *ob, size_t i, const sbx__idref *uids, size_t nu) {
  sbx__raw *r = &ob->graw[i];
  sbx_goal *g = &ob->goal[i];
  if (r->unit_id) {
    g->unit = sbx__xb_lookup(uids, nu, r->unit_id);
    if (g->unit == SBX_NONE)
      sbx__xb_error(ob->b, g->line, "goal %s: unit '%s' is not in the organisation", g->id,
                    r->unit_id);
  } else if (g->level == SBX_GOAL_OPERATIVE) {
    sbx__xb_error(ob->b, g->line, "goal %s: an operative goal needs unit=\"...\", the unit "
                  "that owns it", g->id);
  }
}

static void free_unit(sbx_unit *u) {
  sbx__free(u->id);
  sbx__text_free(&u->name);
  sbx__free(u->kind);
  for (size_t k = 0; k < u->nalias; k++) sbx__free(u->alias[k]);
  sbx__free(u->alias);
}

static void free_goal(sbx_goal *g) {
  sbx__free(g->id);
  sbx__text_free(&g->title);
  sbx__free(g->critical);
}

void sbx__org_build_free(sbx__orgb *ob) {
  for (size_t i = 0; i < ob->nunit; i++) free_unit(&ob->unit[i]);
  for (size_t i = 0; i < ob->ngoal; i++) free_goal(&ob->goal[i]);
  sbx__free(ob->unit);
  sbx__free(ob->uraw);
  sbx__free(ob->goal);
  sbx__free(ob->graw);
  memset(ob, 0, sizeof *ob);
}

/* Moves n records into out[] in pre-order; newidx maps a record to its place. */
static int preorder(const sbx__raw *raw, size_t n, size_t **order, size_t *newidx) {
  size_t placed = 0;
  *order = sbx__calloc(n + 1, sizeof **order);
  if (!*order) return SBX_ENOMEM;
  int rc = sbx__tree_order(raw, n, *order, &placed);
  if (rc) return rc;
  if (placed != n) return SBX_EINTERNAL;
  for (size_t k = 0; k < n; k++) newidx[(*order)[k]] = k;
  return 0;
}

static int move_units(sbx__orgb *ob, sbx_org *o, size_t *unew) {
  size_t *order = NULL, n = ob->nunit;
  int rc = preorder(ob->uraw, n, &order, unew);
  if (!rc && !(o->unit = sbx__calloc(n + 1, sizeof *o->unit))) rc = SBX_ENOMEM;
  if (rc) {
    sbx__free(order);
    return rc;
  }
  for (size_t k = 0; k < n; k++) {
    sbx_unit *u = &o->unit[k];
    *u = ob->unit[order[k]];
    size_t p = ob->uraw[order[k]].parent;
    u->parent = p == SBX_NONE ? SBX_NONE : unew[p];
    u->depth = p == SBX_NONE ? 0 : o->unit[u->parent].depth + 1;
  }
  o->nunit = n;
  ob->nunit = 0;
  sbx__free(order);
  return 0;
}

static int move_goals(sbx__orgb *ob, sbx_org *o, const size_t *unew) {
  size_t n = ob->ngoal, *order = NULL, *gnew = sbx__calloc(n + 1, sizeof *gnew);
  int rc = gnew ? preorder(ob->graw, n, &order, gnew) : SBX_ENOMEM;
  if (!rc && !(o->goal = sbx__calloc(n + 1, sizeof *o->goal))) rc = SBX_ENOMEM;
  for (size_t k = 0; !rc && k < n; k++) {
    sbx_goal *g = &o->goal[k];
    *g = ob->goal[order[k]];
    size_t p = ob->graw[order[k]].parent;
    g->parent = p == SBX_NONE ? SBX_NONE : gnew[p];
    if (g->unit != SBX_NONE) g->unit = unew[g->unit];
    else if (g->level == SBX_GOAL_ACTIVITY && g->parent != SBX_NONE)
      g->unit = o->goal[g->parent].unit; /* an activity belongs to its goal's unit */
    if (g->level == SBX_GOAL_ACTIVITY && g->parent != SBX_NONE && g->unit != SBX_NONE &&
        o->goal[g->parent].unit != SBX_NONE &&
        !sbx__org_is_within(o, g->unit, o->goal[g->parent].unit))
      sbx__warning(ob->b->ctx, SBX_EDATA, ob->b->source, g->line, NULL,
                   "goal %s: its unit %s is outside the unit %s of its goal %s", g->id,
                   o->unit[g->unit].id, o->unit[o->goal[g->parent].unit].id,
                   o->goal[g->parent].id);
  }
  if (!rc) {
    o->ngoal = n;
    ob->ngoal = 0;
  }
  sbx__free(order);
  sbx__free(gnew);
  return rc;
}

/* One label of a unit (its id, a name or an alias) in the map of normalised labels: a
 * label that another unit has too, once the importer's normalisation (case, spacing,
 * punctuation) is applied, would let an answer match two units. */
static int put_label(sbx__orgb *ob, sbx__smap *m, size_t i, const char *kind,
                     const char *label) {
  char *key = label ? sbx__norm_dup(label) : NULL;
  if (label && !key) return SBX_ENOMEM;
  int32_t old = -1;
  int rc = key && *key ? sbx__smap_put(m, key, strlen(key), (int32_t)i, &old) : 1;
  int same_id = old >= 0 && strcmp(kind, "id") == 0 && strcmp(ob->unit[old].id, label) == 0;
  if (rc == 0 && old != (int32_t)i && !same_id) /* equal ids are reported already */
    sbx__xb_error(ob->b, ob->unit[i].line,
                  "unit %s: its %s '%s' reads the same as a name, alias or id of unit %s "
                  "(line %ld) once case, spacing and punctuation are set aside, so an answer "
                  "'%s' could belong to either; change one of them", ob->unit[i].id, kind,
                  label, ob->unit[old].id, ob->unit[old].line, label);
  sbx__free(key);
  return rc < 0 ? rc : 0;
}

static void unique_unit_labels(sbx__orgb *ob) {
  sbx__smap m = { 0 };
  int rc = 0;
  for (size_t i = 0; i < ob->nunit && !rc; i++) {
    const sbx_unit *u = &ob->unit[i];
    rc = put_label(ob, &m, i, "id", u->id);
    for (size_t k = 0; k < u->name.n && !rc; k++) rc = put_label(ob, &m, i, "name", u->name.value[k]);
    for (size_t k = 0; k < u->nalias && !rc; k++) rc = put_label(ob, &m, i, "alias", u->alias[k]);
  }
  if (rc) ob->b->nomem = 1;
  sbx__smap_free(&m);
}

/* continues: an earlier unit, not one of this file (a unit that still exists keeps its
 * own line), and each earlier unit continued by one unit only (a split starts new
 * lines: docs/formats.md, "Reorganisations"). */
static void check_continues(sbx__orgb *ob, const sbx__idref *uids, size_t nu) {
  for (size_t i = 0; i < ob->nunit; i++) {
    const sbx_unit *u = &ob->unit[i];
    for (size_t k = 0; k < u->ncontinues; k++) {
      const char *id = u->continues[k];
      if (sbx__xb_lookup(uids, nu, id) != SBX_NONE) {
        sbx__xb_error(ob->b, u->line, "unit %s continues '%s', which is a unit of this file; "
                      "name only earlier units that no longer exist", u->id, id);
        continue;
      }
      for (size_t j = 0; j <= i; j++)
        for (size_t m = 0; m < ob->unit[j].ncontinues && (j < i || m < k); m++)
          if (strcmp(ob->unit[j].continues[m], id) == 0) {
            sbx__xb_error(ob->b, u->line, "unit %s continues '%s', which unit %s (line %ld) "
                          "continues already; an earlier unit goes on in one unit only",
                          u->id, id, ob->unit[j].id, ob->unit[j].line);
            j = i + 1;
            break;
          }
    }
  }
}

void sbx__org_place(sbx__orgb *ob, sbx_org *o) {
  sbx__xb *b = ob->b;
  size_t nu = 0, ng = 0;
  sbx__idref *uids = index_ids(b, ob->nunit, "unit", unit_id, unit_line, ob, &nu);
  sbx__idref *gids = index_ids(b, ob->ngoal, "goal", goal_id, goal_line, ob, &ng);
  if (uids && gids) {
    resolve_units(ob, uids, nu);
    check_continues(ob, uids, nu);
    size_t vision = find_vision(ob);
    for (size_t i = 0; i < ob->ngoal; i++) {
      resolve_goal_parent(ob, i, gids, ng, vision);
      resolve_goal_unit(ob, i, uids, nu);
    }
    report_cycles(ob, ob->uraw, ob->nunit, 1);
    report_cycles(ob, ob->graw, ob->ngoal, 0);
    unique_unit_labels(ob);
  }
  sbx__free(uids);
  sbx__free(gids);
  if (b->nerr || b->nomem) return;
  size_t *unew = sbx__calloc(ob->nunit + 1, sizeof *unew);
  int rc = unew ? move_units(ob, o, unew) : SBX_ENOMEM;
  if (!rc) rc = move_goals(ob, o, unew);
  sbx__free(unew);
  if (rc == SBX_ENOMEM) b->nomem = 1;
  else if (rc) sbx__xb_error(b, 0, "internal error placing the trees (a bug in sixbox)");
}

int sbx_org_check_survey(const sbx_org *org, const sbx_survey *s, sbx_ctx *ctx) {
  int have[SBX_BOX_COUNT] = { 0 }, rc = 0;
  for (size_t i = 0; i < s->nscale; i++)
    if (s->scale[i].kind == SBX_SCALE_BOX && s->scale[i].box != SBX_BOX_NONE)
      have[s->scale[i].box] = 1;
  for (size_t i = 0; i < org->ngoal; i++) {
    const sbx_goal *g = &org->goal[i];
    for (size_t k = 0; k < g->ncritical; k++)
      if (!have[g->critical[k].box])
        rc = sbx__error(ctx, SBX_EDATA, org->source, g->line, NULL,
                        "goal %s: critical box %s is not a scale of survey %s", g->id,
                        sbx_box_id(g->critical[k].box), s->id);
  }
  return rc;
}

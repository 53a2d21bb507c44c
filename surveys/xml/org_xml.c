/* Organisations: from a schema-valid <organisation> document to sbx_org. Units and
 * goals are first read as records (nested, or flat with a parent attribute), then
 * placed in their trees in pre-order; org_rules.c checks parents, cycles, goal
 * levels, units and critical boxes. The format: surveys/README.md. */
#include "surveys/xml/org_xml.h"

#include <stdlib.h>
#include <string.h>

/* continues="a b": the earlier units this one carries on (schema: a list of ids). */
static void read_continues(sbx__xb *b, xmlNode *n, sbx_unit *u) {
  const char *v = sbx__xml_attr(n, "continues");
  while (v && *v && !b->nomem) {
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') v++;
    size_t len = strcspn(v, " \t\n\r");
    if (!len) break;
    char **nc = sbx__realloc(u->continues, (u->ncontinues + 1) * sizeof *nc);
    if (nc) u->continues = nc;
    char *id = nc ? sbx__strndup(v, len) : NULL;
    if (!id) {
      b->nomem = 1;
      return;
    }
    u->continues[u->ncontinues++] = id;
    v += len;
  }
}

/* Adds unit n and the units inside it: 0, SBX_ELIMIT past the cap (recorded once) or
 * SBX_ENOMEM (b->nomem set); a failure stops the walk. add_goal() is the same for goals. */
static int add_unit(sbx__orgb *ob, xmlNode *n, size_t nested) {
  sbx__xb *b = ob->b;
  if (ob->nunit >= SBX_XML_MAX_UNITS) {
    if (!ob->capped)
      sbx__xb_error(b, sbx__xml_line(n), "more than %d units; the file is refused",
                    SBX_XML_MAX_UNITS);
    ob->capped = 1;
    return SBX_ELIMIT;
  }
  if (sbx__grow(&ob->unit, &ob->unit_cap, ob->nunit + 1, sizeof *ob->unit) ||
      sbx__grow(&ob->uraw, &ob->uraw_cap, ob->nunit + 1, sizeof *ob->uraw)) {
    b->nomem = 1;
    return SBX_ENOMEM;
  }
  size_t i = ob->nunit++;
  sbx_unit *u = &ob->unit[i];
  memset(u, 0, sizeof *u);
  ob->uraw[i] = (sbx__raw){ sbx__xml_attr(n, "parent"), nested, NULL, SBX_NONE };
  u->id = sbx__xb_strdup(b, sbx__xml_attr(n, "id"));
  const char *kind = sbx__xml_attr(n, "kind");
  u->kind = kind ? sbx__xb_strdup(b, kind) : NULL;
  u->headcount = sbx__xb_long(n, "headcount", -1);
  u->parent = SBX_NONE;
  u->line = sbx__xml_line(n);
  char what[128];
  snprintf(what, sizeof what, "unit %s", u->id ? u->id : "?");
  sbx__xb_texts(b, n, "name", &u->name, what);
  sbx__xb_aliases(b, n, &u->alias, &u->nalias);
  read_continues(b, n, u);
  int rc = 0;
  for (xmlNode *c = n->children; c && !b->nomem && !rc; c = c->next)
    if (sbx__xml_is(c, "unit")) rc = add_unit(ob, c, i);
  return rc;
}

static void add_critical(sbx__orgb *ob, xmlNode *n, sbx_goal *g) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (!sbx__xml_is(c, "critical")) continue;
    const char *box = sbx__xml_attr(c, "box");
    double w = sbx__xb_double(c, "weight", 1);
    long line = sbx__xml_line(c);
    sbx_box bx = sbx_box_from_id(box);
    if (bx == SBX_BOX_NONE) {
      sbx__xb_error(ob->b, line, "goal %s: '%s' is not a box; use purposes, structure, "
                    "relationships, rewards, leadership or helpful-mechanisms", g->id,
                    box ? box : "");
      continue;
    }
    if (!(w > 0))
      sbx__xb_error(ob->b, line, "goal %s: the weight of box %s must be above 0", g->id, box);
    int dup = 0;
    for (size_t k = 0; k < g->ncritical; k++) dup |= g->critical[k].box == bx;
    if (dup) {
      sbx__xb_error(ob->b, line, "goal %s: box %s is named twice", g->id, box);
      continue;
    }
    sbx_critical *nc = sbx__realloc(g->critical, (g->ncritical + 1) * sizeof *nc);
    if (!nc) {
      ob->b->nomem = 1;
      return;
    }
    g->critical = nc;
    nc[g->ncritical++] = (sbx_critical){ bx, w };
  }
}

static sbx_goal_level level_of(const xmlNode *n) {
  if (sbx__xml_is(n, "vision")) return SBX_GOAL_VISION;
  sbx_goal_level l = SBX_GOAL_STRATEGIC; /* the schema requires level=; the vision is <vision> */
  if (sbx__goal_level_from_id(&l, sbx__xml_attr(n, "level")) || l == SBX_GOAL_VISION)
    return SBX_GOAL_STRATEGIC;
  return l;
}

static int add_goal(sbx__orgb *ob, xmlNode *n, size_t nested) {
  sbx__xb *b = ob->b;
  if (ob->ngoal >= SBX_XML_MAX_GOALS) {
    if (!ob->capped)
      sbx__xb_error(b, sbx__xml_line(n), "more than %d goals; the file is refused",
                    SBX_XML_MAX_GOALS);
    ob->capped = 1;
    return SBX_ELIMIT;
  }
  if (sbx__grow(&ob->goal, &ob->goal_cap, ob->ngoal + 1, sizeof *ob->goal) ||
      sbx__grow(&ob->graw, &ob->graw_cap, ob->ngoal + 1, sizeof *ob->graw)) {
    b->nomem = 1;
    return SBX_ENOMEM;
  }
  size_t i = ob->ngoal++;
  sbx_goal *g = &ob->goal[i];
  memset(g, 0, sizeof *g);
  ob->graw[i] = (sbx__raw){ sbx__xml_attr(n, "parent"), nested, sbx__xml_attr(n, "unit"),
                            SBX_NONE };
  g->id = sbx__xb_strdup(b, sbx__xml_attr(n, "id"));
  if (!g->id) return SBX_ENOMEM; /* b->nomem is set */
  g->level = level_of(n);
  g->parent = g->unit = SBX_NONE;
  g->line = sbx__xml_line(n);
  char what[128];
  snprintf(what, sizeof what, "goal %s", g->id);
  sbx__xb_texts(b, n, "title", &g->title, what);
  add_critical(ob, n, g);
  sbx__org_indicators(b, n, g);
  int rc = 0;
  for (xmlNode *c = n->children; c && !b->nomem && !rc; c = c->next)
    if (sbx__xml_is(c, "goal")) rc = add_goal(ob, c, i);
  return rc;
}

static void read_head(sbx__xb *b, xmlNode *root, sbx_org *o) {
  o->id = sbx__xb_strdup(b, sbx__xml_attr(root, "id"));
  xmlNode *langs = sbx__xml_elem(root->children);
  if (sbx__xml_is(langs, "languages")) sbx__xb_languages(b, langs, &o->lang, &o->nlang);
  b->lang = o->lang;
  b->nlang = o->nlang;
  sbx__xb_texts(b, root, "name", &o->name, "organisation");
  for (xmlNode *r = root->children; r; r = r->next) {
    if (!sbx__xml_is(r, "report")) continue;
    const char *d = sbx__xml_attr(r, "date");
    if (d) o->report_date = sbx__xb_strdup(b, d);
    int resp = 0;
    for (xmlNode *p = r->children; p; p = p->next) {
      resp |= sbx__xml_is(p, "responsible");
      if (!sbx__xml_is(p, "period")) continue;
      const char *from = sbx__xml_attr(p, "from"), *to = sbx__xml_attr(p, "to");
      if (!from || !to) continue; /* the schema said so already */
      if (strcmp(from, to) > 0)
        sbx__xb_error(b, sbx__xml_line(p), "the survey period ends (%s) before it starts (%s)",
                      to, from);
      o->period_from = sbx__xb_strdup(b, from);
      o->period_to = sbx__xb_strdup(b, to);
    }
    if (resp) sbx__xb_texts(b, r, "responsible", &o->responsible, "report");
  }
  sbx__org_kolada(b, root, o);
}

void sbx__org_build(sbx__xb *b, xmlNode *root, sbx_org *o) {
  sbx__orgb ob = { .b = b };
  read_head(b, root, o);
  for (xmlNode *c = root->children; c && !b->nomem && !ob.capped; c = c->next) {
    if (sbx__xml_is(c, "unit")) add_unit(&ob, c, SBX_NONE);
    else if (sbx__xml_is(c, "vision") || sbx__xml_is(c, "goal")) add_goal(&ob, c, SBX_NONE);
  }
  if (!b->nomem && !ob.capped) sbx__org_place(&ob, o);
  sbx__org_build_free(&ob);
}

/* The organisation builder and its rules. Library-internal. */
#ifndef SBX_ORG_XML_H
#define SBX_ORG_XML_H

#include "surveys/xml/xmldoc.h"

/* A unit or goal as read, before it is placed in its tree. */
typedef struct sbx__raw {
  const char *parent_id;    /* the parent's id as written (borrowed from the doc) */
  size_t nested;            /* index of the enclosing element's record, or SBX_NONE */
  const char *unit_id;      /* goals: the unit attribute (borrowed) */
  size_t parent;            /* resolved index into the records, or SBX_NONE */
} sbx__raw;

/* Records in file order while reading. */
typedef struct sbx__orgb {
  sbx__xb *b;
  sbx_unit *unit;
  sbx__raw *uraw;
  size_t nunit, unit_cap, uraw_cap;
  sbx_goal *goal;
  sbx__raw *graw;
  size_t ngoal, goal_cap, graw_cap;
  int capped;
} sbx__orgb;

/* Fills o from a schema-valid <organisation> root: units and goals in pre-order,
 * parents resolved, depths set. Problems are counted in b. */
void sbx__org_build(sbx__xb *b, xmlNode *root, sbx_org *o);

/* tree.c: a pre-order of the records reachable from those without a parent
 * (children in file order) into order[0..*nout); order has room for n. */
int sbx__tree_order(const sbx__raw *raw, size_t n, size_t *order, size_t *nout);
/* One record on each parent cycle, into first[0..*nfirst) (room for n). */
int sbx__tree_cycles(const sbx__raw *raw, size_t n, size_t *first, size_t *nfirst);

/* org_rules.c: resolves parents and units, checks the trees and goal levels, and
 * moves the records into o in pre-order. */
void sbx__org_place(sbx__orgb *ob, sbx_org *o);
/* Frees whatever records were not moved into an org. */
void sbx__org_build_free(sbx__orgb *ob);

/* org_indicators.c: a goal's <indicator>s, and the organisation's Kolada ids. */
void sbx__org_indicators(sbx__xb *b, xmlNode *n, sbx_goal *g);
void sbx__org_kolada(sbx__xb *b, xmlNode *root, sbx_org *o);

#endif

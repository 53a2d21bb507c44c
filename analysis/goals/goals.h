/* Goal linkage and key drivers: the internal interface that goals.c and drivers.c
 * share with the report writers and the tests. The rules are written down in
 * docs/statistics.md ("Goals at risk"), so a reader can recompute every status by hand. */
#ifndef SBX_GOALS_H
#define SBX_GOALS_H

#include <stddef.h>
#include "analysis/results.h"

/* The ids of the rules (sbx__goal_rule_id) live with the results writers in
 * reports/tables/; those of the levels (sbx__goal_level_id) with the model,
 * surveys/model.h. */

/* The survey's scale for a box: the first scale of kind box with that box, or
 * SBX_NONE. */
size_t sbx__box_scale(const sbx_survey *s, sbx_box box);

/* The red thread: the goal's ancestors from the top (usually the vision) down to the
 * goal itself. Writes at most cap indices into out and returns the chain's length
 * (call with cap 0 to learn it; org->ngoal entries always suffice). 0 if goal is out
 * of range. Parents must come before children (org pre-order); a parent index that
 * does not ends the chain there. */
size_t sbx__goal_chain(const sbx_org *org, size_t goal, size_t *out, size_t cap);

/* How far and how surely one box cell falls short, in [0, 1] (docs/statistics.md, "Risk score"):
 * (max(0, d(mean)) + max(0, d(good-side bound))) / (2 × room), with d the distance
 * beyond the cut-off towards the problem side and room the scale's extent on that
 * side. 0 for a cell without figures. */
double sbx__box_risk(const sbx_survey *s, size_t scale, const sbx_cell *c);

/* The goals in reading order: at-risk first, then watch, on-track, unknown; within a
 * status by risk, highest first; ties by org order. Writes res->ngoal indices. */
void sbx__goal_order(const sbx_results *res, size_t *order);

/* ---- drivers ---- */

/* A unit gets drivers from this many complete cases on. */
#define SBX_DRIVERS_MIN_N 30

/* Johnson's (2000) relative weights from a (p+1) × (p+1) correlation matrix, row-major,
 * the p predictors first and the outcome last. eps receives p raw weights (they sum to
 * R², written to *r2). SBX_EDATA when the predictors' correlation matrix is singular
 * or not positive definite, SBX_ENOMEM, 0 otherwise. */
int sbx__relweights(const double *corr, size_t p, double *eps, double *r2);

/* Pearson correlation matrix (q × q, row-major) of n rows of q doubles (row-major).
 * SBX_EDATA when n < 2 or a column has no variance. */
int sbx__correlation(const double *x, size_t n, size_t q, double *corr);

#endif

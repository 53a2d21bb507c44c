/* Hand-built surveys, organisations and result skeletons for the goal and driver
 * tests: everything allocated the way the loaders do, so the library's own *_free
 * functions release it. */
#ifndef SBX_TEST_GOALS_FIXTURE_H
#define SBX_TEST_GOALS_FIXTURE_H

#include "analysis/results.h"

/* A survey with the six box scales (Weisbord's order), then, if with_outcome, a scale
 * "attitude-to-change" (kind extra). Each scale has nitem items on one answer scale
 * min..max with the given cut-off and direction; if reverse_last, each scale's last
 * item is reverse keyed. survey->outcome is SBX_NONE (found by id). */
sbx_survey *fx_survey(size_t nitem, int with_outcome, int min, int max, double cutoff,
                      sbx_direction dir, int reverse_last);

/* An organisation with only a root unit "kommun". */
sbx_org *fx_org(void);
size_t fx_unit(sbx_org *o, const char *id, size_t parent);
/* A goal; boxes and weights are ncritical long (weights may be NULL: all 1). */
size_t fx_goal(sbx_org *o, const char *id, sbx_goal_level level, size_t parent,
               size_t unit, size_t ncritical, const sbx_box *boxes, const double *weights);

/* A result skeleton for hand-made cases: one unit result per org unit (or one without
 * an org), every cell without figures (status NONE, NaN). */
sbx_results *fx_results(const sbx_survey *s, const sbx_org *o);
/* Sets a cell's figures and status. */
void fx_cell(sbx_results *res, size_t unit, size_t scale, double mean, double lo,
             double hi, size_t n, sbx_status status);
/* The cell of a box in a unit. */
sbx_cell *fx_box_cell(sbx_results *res, size_t unit, sbx_box box);

/* Reads a small CSV of our own (no quoting) into rows of fields; returns rows. */
size_t fx_read_csv(const char *path, char ****rows, size_t **nfield);
void fx_free_csv(char ***rows, size_t *nfield, size_t nrows);

#endif

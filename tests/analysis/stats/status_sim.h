/* Simulated surveys for the status-rule tests: a survey on any answer scale (min..max,
 * cut-off, favourable threshold, direction, optional practical threshold), an
 * organisation of three förvaltningar with leaves of given sizes, and responses whose
 * box scores have an exactly known true mean per unit and box.
 *
 * How the true mean is exact: each answer is x = mu + R (a P + (1 - a) E), P a person
 * effect and E an item effect, both symmetric on [-1, 1] (2 Beta(2,2) - 1, the median
 * of three uniforms), R no larger than the room to either end of the scale, and x is
 * rounded at random to one of its two neighbouring points with probabilities that keep
 * its expectation (floor with probability ceil - x). No clipping is needed, so every
 * answer, and so every box score, has expectation mu. */
#ifndef SBX_TEST_STATUS_SIM_H
#define SBX_TEST_STATUS_SIM_H

#include <stddef.h>
#include "analysis/results.h"

typedef struct sim_scale {
  int min, max;
  double cutoff, favourable;
  int low_is_good;
  double practical;         /* < 0: attribute absent (the default) */
} sim_scale;

#define SIM_NLEAF 12
#define SIM_NBOX 6

/* Distance of each box's true mean from the cut-off towards the good side, in points,
 * per leaf (planted leaves differ), and the spread factor in (0, 1]. */
typedef struct sim_plan {
  double good[SIM_NLEAF][SIM_NBOX];
  double spread[SIM_NBOX];
} sim_plan;

/* Leaves: id, parent förvaltning (1..3), respondents. Total 20 000. */
extern const char *const sim_leaf_id[SIM_NLEAF];
extern const size_t sim_leaf_n[SIM_NLEAF];

/* Loads the survey and organisation, draws the responses and analyses them (k = 5).
 * Fails the test on any error. */
sbx_results *sim_run(const sim_scale *sc, const sim_plan *plan, unsigned long seed,
                     sbx_survey **s, sbx_org **o, sbx_responses **r);
void sim_free(sbx_results *res, sbx_survey *s, sbx_org *o, sbx_responses *r);

/* The survey XML of sc (caller frees). */
char *sim_survey_xml(const sim_scale *sc);

#endif

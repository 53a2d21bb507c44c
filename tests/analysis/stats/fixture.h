/* Test fixtures for the stats module: surveys, organisations and response sets built
 * in memory from the small CSV files under tests/data/analysis/ (written by
 * reference.R), a results structure laid out as sbx_analyse() lays it out, and the
 * comparison of every figure with R's reference values. */
#ifndef SBX_TEST_STATS_FIXTURE_H
#define SBX_TEST_STATS_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include "analysis/results.h"

/* Survey from <set>_survey.csv: one answer scale per scale (points min..max). */
sbx_survey *fx_survey_csv(const char *path);
/* Organisation from <set>_units.csv (pre-order, parent by id). */
sbx_org *fx_org_csv(const char *path);
/* Responses from a data CSV: unit_col names the unit column, whose value (prefixed
 * with unit_prefix) is a unit id; an empty value is an unknown unit. */
sbx_responses *fx_responses_csv(const char *path, const sbx_survey *s, const sbx_org *org,
                                const char *unit_col, const char *unit_prefix);
sbx_baseline *fx_baseline_csv(const char *path);
/* A root with nleaf leaves u1..u<nleaf>. */
sbx_org *fx_org_simple(size_t nleaf);

/* A small survey built in code: nscale scales of nitem items on points 1..npoint. */
sbx_survey *fx_survey_simple(size_t nscale, size_t nitem, int npoint, double cutoff,
                             double favourable);

/* The results structure as sbx_analyse() allocates it (every double NaN), with resp
 * attached; opts from SBX_ANALYSIS_OPTS_INIT. */
sbx_results *fx_results_new(const sbx_survey *s, const sbx_org *org, const sbx_responses *r);
/* Hides units with fewer than k respondents the way suppression does. */
void fx_hide_small(sbx_results *res, size_t k);

/* Compares every row of a reference CSV with the results; returns the number of
 * mismatches (each printed) and counts the values compared in *compared. Prints the
 * largest absolute difference per field. */
int fx_check_reference(const sbx_results *res, const char *path, double tol, size_t *compared);
/* The same for one unit's rows and the whole organisation's reliability. */
int fx_check_reference_only(const sbx_results *res, const char *path, double tol,
                            const char *only_unit, size_t *compared);

char *fx_path(const char *name); /* SBX_TEST_DATA "/analysis/" name; caller frees */

#endif

/* The diagnosis: scores, reliability, agreement, comparisons, suppression of small
 * groups, drivers and goal linkage, computed from a response set. No file I/O and no
 * text formatting happen here; reports/ turns the results into files. */
#ifndef SIXBOX_ANALYSIS_H
#define SIXBOX_ANALYSIS_H

#include <sixbox/survey.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_results sbx_results;
typedef struct sbx_baseline sbx_baseline;

typedef struct sbx_analysis_opts {
  int min_group;            /* minimum group size k; never below 3; default 5 */
  int min_comment_group;    /* free text only for groups this large; >= k; default 10 */
  double level;             /* confidence level; default 0.95 */
  unsigned long seed;       /* for bootstrap intervals and comment order */
  int bootstrap;            /* bootstrap replicates for driver intervals; default 1000 */
  const sbx_baseline *baseline; /* the previous wave, or NULL */
} sbx_analysis_opts;

#define SBX_ANALYSIS_OPTS_INIT { 5, 10, 0.95, 20261128UL, 1000, NULL }

/* Runs the whole analysis. org may be NULL (then only the whole organisation is
 * analysed). On failure *out is NULL and ctx says why. */
int sbx_analyse(sbx_results **out, const sbx_survey *s, const sbx_org *org,
                const sbx_responses *r, const sbx_analysis_opts *opts, sbx_ctx *ctx);
void sbx_results_free(sbx_results *res);

/* The previous wave, read by reports/ from an earlier results.json. */
void sbx_baseline_free(sbx_baseline *b);

#ifdef __cplusplus
}
#endif
#endif

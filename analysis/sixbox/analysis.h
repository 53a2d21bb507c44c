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
/* The previous wave (opaque), made from an earlier results.json by sbx_baseline_load()
 * and freed by sbx_baseline_free(), both in sixbox/report.h: the file format is the
 * reports' business, and this layer only reads a baseline it is given. */
typedef struct sbx_baseline sbx_baseline;

/* The defaults an options field of 0 stands for (the minimum group size's are in
 * sixbox/survey.h). */
#define SBX_MIN_COMMENT_GROUP_DEFAULT 10
#define SBX_LEVEL_DEFAULT 0.95
#define SBX_SEED_DEFAULT 20261128UL
#define SBX_BOOTSTRAP_DEFAULT 1000

#define SBX_ANALYSIS_OPTS_VERSION 1

/* 0 or NULL = the default (see sixbox/common.h). */
typedef struct sbx_analysis_opts {
  unsigned int version;     /* SBX_ANALYSIS_OPTS_VERSION */
  int min_group;            /* minimum group size k (>= SBX_MIN_GROUP_FLOOR); 0 = SBX_MIN_GROUP_DEFAULT */
  /* Free text only for groups this large; raised to k when below; 0 = 10. */
  int min_comment_group;
  double level;             /* confidence level in (0, 1); 0 = 0.95 */
  unsigned long seed;       /* bootstrap and comment order; 0 = SBX_SEED_DEFAULT */
  /* Bootstrap replicates for driver intervals; 0 = 1000; SBX_OPT_NONE = no intervals. */
  int bootstrap;
  const sbx_baseline *baseline; /* the previous wave, or NULL */
} sbx_analysis_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_analysis_opts_init(sbx_analysis_opts *opts, unsigned int version);
#define SBX_ANALYSIS_OPTS_INIT { .version = SBX_ANALYSIS_OPTS_VERSION }

/* Runs the whole analysis. org may be NULL (then only the whole organisation is
 * analysed). On failure *out is NULL and ctx says why. */
SBX_EXTERN int sbx_analyse(sbx_results **out, const sbx_survey *s, const sbx_org *org,
                           const sbx_responses *r, const sbx_analysis_opts *opts,
                           sbx_ctx *ctx);
SBX_EXTERN void sbx_results_free(sbx_results *res);

#ifdef __cplusplus
}
#endif
#endif

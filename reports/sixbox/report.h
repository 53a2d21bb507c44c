/* The diagnosis as files: results.json (the contract in docs/formats.md, "What `diagnose` writes"), results.csv (tidy
 * long form, one row per unit × scale), report.html (one self-contained page for
 * leadership and analysts), and the previous wave read back from its results.json. */
#ifndef SIXBOX_REPORT_H
#define SIXBOX_REPORT_H

#include <stdio.h>
#include <sixbox/analysis.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SBX_REPORT_OPTS_VERSION 1

/* 0 or NULL = the default (see sixbox/common.h). */
typedef struct sbx_report_opts {
  unsigned int version;   /* SBX_REPORT_OPTS_VERSION */
  const char *lang;       /* "sv", "en", "fi", ...; NULL = the survey's first language */
  const char *generated;  /* a timestamp to print (from SOURCE_DATE_EPOCH), or NULL */
  /* The response set the results came from (per-source counts for the data section);
   * may be NULL, then only the totals in the results are shown. */
  const sbx_responses *responses;
  /* Set (e.g. by a signal handler) to stop writing early with SBX_EINTR. */
  const sbx_cancel_flag *cancel;
} sbx_report_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_report_opts_init(sbx_report_opts *opts, unsigned int version);
#define SBX_REPORT_OPTS_INIT { .version = SBX_REPORT_OPTS_VERSION }

/* Each writes one whole file to f and returns 0 or SBX_E*. Suppressed units and cells
 * carry no figure in any of them. */
SBX_EXTERN int sbx_report_write_json(FILE *f, const sbx_results *res,
                                     const sbx_report_opts *opts, sbx_ctx *ctx);
SBX_EXTERN int sbx_report_write_csv(FILE *f, const sbx_results *res,
                                    const sbx_report_opts *opts, sbx_ctx *ctx);
SBX_EXTERN int sbx_report_write_html(FILE *f, const sbx_results *res,
                                     const sbx_report_opts *opts, sbx_ctx *ctx);

/* comments.html, the appendix of comments: every free-text comment the confidentiality
 * rules allow (the same as in report.html), grouped by förvaltning and question,
 * identical ones once with a count, with their themes (boxes, by keywords). */
SBX_EXTERN int sbx_report_write_comments_html(FILE *f, const sbx_results *res,
                                              const sbx_report_opts *opts, sbx_ctx *ctx);

/* Reads an earlier results.json (schema sixbox-results/1) as the baseline wave: the
 * visible cells' n, mean and sd, and the goals' statuses. On failure *out is NULL.
 * The baseline goes to sbx_analysis_opts.baseline (sixbox/analysis.h), which only
 * borrows it; free it with sbx_baseline_free() (NULL is fine). */
SBX_EXTERN int sbx_baseline_load(sbx_baseline **out, const char *path, sbx_ctx *ctx);
SBX_EXTERN void sbx_baseline_free(sbx_baseline *b);

#ifdef __cplusplus
}
#endif
#endif

/* `sixbox progress` in one call, for HR while a survey is open: load the survey and
 * the organisation, import the exports as they stand (as `sixbox fetch` writes them),
 * and show the responses and the response rate per unit against the organisation
 * file's headcount, lowest first, with a report's confidentiality: a unit under the
 * minimum group size only as a band, no count that subtraction could recover, and a
 * headcount that is exceeded as an error in the organisation file. */
#ifndef SIXBOX_PROGRESS_H
#define SIXBOX_PROGRESS_H

#include <stddef.h>
#include <stdio.h>
#include <sixbox/survey.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SBX_PROGRESS_OPTS_VERSION 1

/* 0 or NULL = the default (see sixbox/common.h). */
typedef struct sbx_progress_opts {
  unsigned int version;          /* SBX_PROGRESS_OPTS_VERSION */
  const char *survey;            /* survey definition (path) */
  const char *org;               /* organisation (path) */
  const char *const *exports;    /* response exports (paths) */
  size_t nexports;
  const char *output;            /* the page (HTML) to write, or NULL for none */
  const char *lang;              /* "sv", "en", "fi", ...; NULL = the survey's first language */
  int min_group;                 /* minimum group size (>= SBX_MIN_GROUP_FLOOR); 0 = SBX_MIN_GROUP_DEFAULT */
  const char *generated;         /* "as of" timestamp printed, or NULL for none */
  const sbx_cancel_flag *cancel; /* set to stop early with SBX_EINTR; nothing is written */
} sbx_progress_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_progress_opts_init(sbx_progress_opts *opts, unsigned int version);
#define SBX_PROGRESS_OPTS_INIT { .version = SBX_PROGRESS_OPTS_VERSION }

/* Runs it: the plain table to table (may be NULL), the page to opts->output (whole or
 * not at all). 0 or SBX_E*; details in ctx (warnings too: rejected rows, a headcount
 * exceeded, naming the organisation file's line). A unit with more respondents than
 * its headcount is an error of the organisation file: the table and the page are
 * written all the same (that unit without a rate), and the call returns SBX_EDATA, so
 * a scheduled run sees the failure. */
SBX_EXTERN int sbx_progress(FILE *table, const sbx_progress_opts *opts, sbx_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

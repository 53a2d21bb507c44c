/* The whole job in one call: load the survey and the organisation, import the exports,
 * analyse, and write report.html, results.json, results.csv, goals.csv,
 * handlingsplan.xlsx, handlingsplan.csv and import-log.json into one folder (and, with
 * a follow-up database, the wave into it), all together or none (an earlier report
 * there stays intact). */
#ifndef SIXBOX_DIAGNOSE_H
#define SIXBOX_DIAGNOSE_H

#include <stddef.h>
#include <sixbox/survey.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  SBX_STAGE_LOAD = 0,   /* reading the survey, the organisation, the baseline */
  SBX_STAGE_IMPORT,     /* n = rows read so far in the file named by what */
  SBX_STAGE_ANALYSE,    /* n = accepted responses about to be analysed */
  SBX_STAGE_ANALYSED,   /* n = units analysed */
  SBX_STAGE_WRITE,      /* what = the file being written */
  SBX_STAGE_DONE        /* what = the folder */
} sbx_diagnose_stage;

#define SBX_DIAGNOSE_OPTS_VERSION 1

/* 0 or NULL = the default (see sixbox/common.h). */
typedef struct sbx_diagnose_opts {
  unsigned int version;          /* SBX_DIAGNOSE_OPTS_VERSION */
  const char *survey;            /* survey definition (path) */
  const char *org;               /* organisation (path) */
  const char *const *exports;    /* response exports (paths) */
  size_t nexports;
  const char *outdir;            /* created when missing (its parent must exist) */
  const char *lang;              /* a language with a catalogue (docs/languages.md); NULL = the survey's first */
  int min_group;                 /* minimum group size (>= SBX_MIN_GROUP_FLOOR); 0 = SBX_MIN_GROUP_DEFAULT */
  const char *baseline;          /* an earlier results.json, or NULL */
  const char *generated;         /* timestamp printed in the files, or NULL for none */
  /* Set by the caller (e.g. a signal handler) to stop: the run ends with SBX_EINTR at
   * the next stage and leaves no temporary file. */
  const sbx_cancel_flag *cancel;
  void (*progress)(void *ud, sbx_diagnose_stage stage, const char *what, size_t n);
  void *progress_ud;
  /* Told when a temporary output file appears (created 1) and when it is gone or has
   * been renamed into place (0), so a signal handler can unlink what is left. */
  void (*temp_file)(void *ud, const char *path, int created);
  void *temp_ud;
  /* Free-text comments only under units this large; 0 = the default 10; when set, at
   * least the minimum group size. */
  int min_comment_group;
  /* Seed of the driver bootstrap and the comment order; 0 = the analysis's fixed
   * default SBX_SEED_DEFAULT (same input, same bytes). */
  unsigned long seed;
  /* Kolada key figures (tidy CSV, docs/formats.md, "Kolada"), or NULL: HME beside the peer
   * group's and the country's, and the goals' indicators. year: the year the survey was
   * carried out (what Kolada files HME under), 0 = not given. */
  const char *benchmark;
  int year;
  /* The follow-up system (docs/formats.md, "Follow-up"). history: a follow-up database
   * (created when missing) this wave is added to, in the same all-or-nothing step as
   * the files; its previous wave is the baseline unless `baseline` names one. wave: the
   * wave's id (needed with history); wave_name, wave_date (YYYY-MM-DD) may be NULL.
   * replace_wave: replace a stored wave of the same id instead of refusing. actions:
   * the last wave's handlingsplan as the units filled it in (XLSX or CSV), or NULL. */
  const char *history;
  const char *wave;
  const char *wave_name;
  const char *wave_date;
  int replace_wave;
  const char *actions;
} sbx_diagnose_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_diagnose_opts_init(sbx_diagnose_opts *opts, unsigned int version);
/* The same as a static initialiser. */
#define SBX_DIAGNOSE_OPTS_INIT { .version = SBX_DIAGNOSE_OPTS_VERSION }

/* Runs the job. 0 or SBX_E*; details in ctx (warnings too, e.g. rejected rows). */
SBX_EXTERN int sbx_diagnose(const sbx_diagnose_opts *opts, sbx_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

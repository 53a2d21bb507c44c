/* Realistic synthetic responses for demos, tests and benchmarks: respondents spread
 * over the organisation's leaf units, answers drawn from a latent organisation + unit
 * + person effect per scale, item noise, missing answers, "don't know", free-text
 * comments, and weaknesses planted where asked; written in the export format of a
 * survey tool. Deterministic for a seed. */
#ifndef SIXBOX_SIMULATE_H
#define SIXBOX_SIMULATE_H

#include <stdio.h>
#include <sixbox/survey.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_simulation sbx_simulation;

/* A planted weakness: scale (a box id or another scale's id) is weak in unit (a leaf,
 * or a unit above leaves: then every leaf below it). shift is in points on the
 * good-is-high scale (negative = worse); applied in the scale's own direction. */
typedef struct sbx_sim_weak {
  const char *unit;
  const char *scale;
  double shift;
} sbx_sim_weak;

#define SBX_SIM_DEFAULT_SHIFT (-1.5)

#define SBX_SIMULATE_OPTS_VERSION 1

/* 0 or NULL = the default; SBX_OPT_NONE = none (see sixbox/common.h). */
typedef struct sbx_simulate_opts {
  unsigned int version;      /* SBX_SIMULATE_OPTS_VERSION */
  long respondents;          /* total; 0 = each leaf's headcount × its response rate */
  unsigned long seed;        /* same seed, same responses; 0 = 1 */
  const sbx_sim_weak *weak;  /* planted weaknesses */
  size_t nweak;
  double missing;            /* share of answers left empty; 0 = 1.5 %; SBX_OPT_NONE */
  double dont_know;          /* share answered "don't know" where offered; 0 = 1 % */
  double comment_rate;       /* share answering each free-text question; 0 = 25 % */
} sbx_simulate_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_simulate_opts_init(sbx_simulate_opts *opts, unsigned int version);
#define SBX_SIMULATE_OPTS_INIT { .version = SBX_SIMULATE_OPTS_VERSION }

/* Parses spec, "UNIT:BOX[:SHIFT]", into w (w->unit and w->scale point into spec's copy
 * held in buf, which must outlive w). SBX_EUSAGE with a record in ctx when malformed. */
SBX_EXTERN int sbx_sim_weak_parse(sbx_sim_weak *w, char *buf, size_t size, const char *spec,
                                  sbx_ctx *ctx);

/* Draws the responses. s and org are borrowed and must outlive the simulation.
 * Unknown units or scales in opts->weak are SBX_EUSAGE with a record in ctx. */
SBX_EXTERN int sbx_simulate(sbx_simulation **out, const sbx_survey *s, const sbx_org *org,
                            const sbx_simulate_opts *opts, sbx_ctx *ctx);
SBX_EXTERN void sbx_simulation_free(sbx_simulation *sim);

/* The drawn values as a response set (borrowed): one row per respondent in the order
 * the exports list them, each answer the number chosen before reverse keying,
 * "don't know" and empty answers as missing. */
SBX_EXTERN const sbx_responses *sbx_simulation_responses(const sbx_simulation *sim);

/* Export formats: the id of each tool whose simulate is set in the table of tools
 * (sixbox/tools.h: "google-forms", "microsoft-forms", ...), and "csv" (the normalised
 * responses.csv form). */
SBX_EXTERN int sbx_simulate_format_known(const char *format);
/* Writes the simulation as format in lang (NULL = the survey's first language). The
 * XLSX of microsoft-forms is binary: open f in binary mode. */
SBX_EXTERN int sbx_simulate_write(FILE *f, const sbx_simulation *sim, const char *format,
                                  const char *lang, sbx_ctx *ctx);
/* The same into a file, atomically (written to a temporary file, then renamed). */
SBX_EXTERN int sbx_simulate_write_path(const char *path, const sbx_simulation *sim,
                                       const char *format, const char *lang, sbx_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

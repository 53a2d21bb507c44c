/* Shared by the results writers (JSON, CSV, HTML): ids of enums as they appear in
 * results.json, the report language, and what a writer may show of a unit or cell.
 * Library-internal. */
#ifndef SBX_TABLES_H
#define SBX_TABLES_H

#include <sixbox/report.h>
#include <jansson.h>
#include "analysis/results.h"

/* Why a unit or cell is hidden, as every output says it: one id for fewer than k and
 * for hidden to protect another group, so no output tells the two apart; NULL for
 * none. The engine's sbx_supp_reason never reaches an output. */
#define SBX__HIDDEN_REASON "min-group-or-complement"
/* results.json's schema. Version 2 (the one reason above, no "fewer_than" on a hidden
 * unit); the baseline reader takes version 1 too. */
#define SBX__RESULTS_SCHEMA "sixbox-results/2"
const char *sbx__supp_reason_id(sbx_supp_reason r);
/* "critical-weak", ..., "no-figures"; NULL for none. */
const char *sbx__goal_rule_id(sbx_goal_rule r);
/* The report language: opts->lang, else the survey's first language, else "en". */
const char *sbx__report_lang(const sbx_results *res, const sbx_report_opts *opts);

/* May figures of this unit / this cell be shown? (Never for a suppressed one.) */
int sbx__unit_visible(const sbx_results *res, size_t unit);
int sbx__cell_visible(const sbx_results *res, size_t unit, size_t scale);

/* The unit's id, name and kind; the root without an organisation is "all". */
const char *sbx__unit_id(const sbx_results *res, size_t unit);
const char *sbx__unit_name(const sbx_results *res, size_t unit, const char *lang);
/* Parent index or SBX_NONE. */
size_t sbx__unit_parent(const sbx_results *res, size_t unit);

/* The size band printed instead of an evidence entry's exact n (results.json, results.csv
 * and the report use the same bands): "1-4", "5-9", "10-19", "20-49", "50-99", "100+";
 * NULL for 0. */
const char *sbx__n_band(size_t n);

/* goals.csv: one row per goal × evidence entry (goals_csv.c). */
int sbx__report_write_goals_csv(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                sbx_ctx *ctx);

/* The baseline from a parsed results.json tree (baseline.c); path names it in
 * messages. On failure *out is NULL. */
#include <jansson.h>
int sbx__baseline_from_json(sbx_baseline **out, const json_t *root, const char *path,
                            sbx_ctx *ctx);

/* The handlingsplan's columns (plan.c): the column id, the catalogue key of its header
 * (planfile.col.<id>) and the header an earlier version wrote (NULL when the same). The
 * writer uses the report language's headers; the reader (engine/history) accepts the
 * headers of every language with a catalogue, the earlier ones and the ids. */
typedef struct sbx__plan_col {
  const char *id, *key, *old;
} sbx__plan_col;
#define SBX_PLAN_NCOL 12
extern const sbx__plan_col sbx__plan_cols[SBX_PLAN_NCOL];
int sbx__report_write_plan_csv(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                               sbx_ctx *ctx);
int sbx__report_write_plan_xlsx(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                sbx_ctx *ctx);
/* HME (hme_json.c): the delindex ids in Kolada's order ("motivation", "ledarskap",
 * "styrning"), Kolada's kommun KPIs for the totalindex and the delindex (U00200-U00203),
 * and results.json's "hme" member (null without the nine statements). */
extern const char *const sbx__hme_part_id[3];
extern const char *const sbx__hme_kpi_index[4];
json_t *sbx__hme_json(const sbx_results *res, int *bad);
/* kolada-hme.csv: the whole organisation's HME as the rows Kolada files it under
 * (U00200-U00203 by T, and K and M where shown; U00300-U00308 by T), in the benchmark's
 * columns, for the organisation's Kolada code and the survey year; unrounded (10
 * significant digits); only a header when there is no HME or it is hidden. */
int sbx__report_write_kolada_hme(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                 sbx_ctx *ctx);

/* benchmark.c: reads a benchmark CSV (kpi,municipality,period,gender,value,status);
 * every problem as file:row: reason; SBX_EDATA for a bad file. */
int sbx__benchmark_load(sbx_benchmark **out, const char *path, sbx_ctx *ctx);

/* indicators_out.c: goal indicators and the benchmark in results.json and goals.csv:
 * reading and indicator ids, a goal's "indicators" array and "reading", the top-level
 * "benchmark", and goals.csv's nine indicator columns (reading, indicator, target,
 * direction, indicator_status, indicator_year, indicator_value, peers_value,
 * country_value) for goal g's indicator i (empty past the last). */
const char *sbx__reading_id(sbx_reading r);
const char *sbx__ind_status_id(sbx_ind_status s);
json_t *sbx__goal_ind_json(const sbx_results *res, size_t g, int *bad);
json_t *sbx__goal_reading_json(const sbx_results *res, size_t g);
json_t *sbx__benchmark_json(const sbx_results *res, int *bad);
void sbx__goal_ind_csv(FILE *f, const sbx_results *res, size_t g, size_t i);

/* Has the caller asked to stop? */
int sbx__cancelled(const sbx_report_opts *opts);

/* results.json as the tree sbx_report_write_json() dumps, and the dump itself: reals
 * with SBX__JSON_PRECISION significant digits. diagnose stores the wave in the
 * follow-up database from the same tree, rounding reals the same way, so the database
 * holds exactly the published numbers without parsing the file back. */
#define SBX__JSON_PRECISION 10
int sbx__report_json_tree(json_t **out, const sbx_results *res, const sbx_report_opts *opts,
                          sbx_ctx *ctx);
int sbx__report_json_dump(const json_t *root, FILE *f, sbx_ctx *ctx);

/* `sixbox progress` (reports/html/progress.c), from sbx__progress_results(): the
 * self-contained page and the plain terminal table of responses per unit, lowest
 * response rate first; hidden units as a band with no rate. */
int sbx__report_write_progress_html(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                    sbx_ctx *ctx);
int sbx__report_write_progress_text(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                    sbx_ctx *ctx);

#endif

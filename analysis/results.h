/* Struct bodies of the analysis results: the one structure that scoring fills,
 * suppression thins out, goal linkage reads, and reports/ formats. Library-internal.
 *
 * Confidentiality by construction: after sbx__suppress() has run, a suppressed unit or
 * cell holds no figure at all (n = 0, every double NaN, histograms NULL); writers can
 * print only what is left. */
#ifndef SBX_RESULTS_H
#define SBX_RESULTS_H

#include <stddef.h>
#include <stdint.h>
#include <sixbox/analysis.h>
#include "surveys/model.h"

/* A box's status from how far it lies from the cut-off c (the practical threshold δ
 * of its answer scale) and how sure we are (the interval); docs/statistics.md ("How the
 * figures are computed"). Distances count towards the problem side. */
typedef enum {
  SBX_STATUS_NONE = 0,   /* no figure (too few answers, or suppressed) */
  SBX_STATUS_WEAK,       /* whole interval on the problem side, mean at least δ beyond c */
  SBX_STATUS_WATCH,      /* mean on the problem side, not weak */
  SBX_STATUS_OK,         /* mean at c or on the good side, not a strength */
  SBX_STATUS_STRENGTH    /* whole interval at least δ on the good side, >= half favourable */
} sbx_status;

const char *sbx__status_id(sbx_status s);   /* "weak", ..., NULL for NONE */

/* Which clause of the rule decided a cell's status (results.json "status_clause"). */
typedef enum {
  SBX_CLAUSE_NONE = 0,         /* no status */
  SBX_CLAUSE_WEAK,             /* weak: interval wholly on the problem side, mean >= δ */
  SBX_CLAUSE_WATCH_UNSURE,     /* watch: mean on the problem side, interval reaches c */
  SBX_CLAUSE_WATCH_NEAR,       /* watch: interval on the problem side, mean within δ */
  SBX_CLAUSE_OK_UNSURE,        /* ok: interval not wholly δ or more on the good side */
  SBX_CLAUSE_OK_FEW_FAVOURABLE,/* ok: interval clear, but under half favourable */
  SBX_CLAUSE_STRENGTH          /* strength: interval >= δ on the good side, >= half fav. */
} sbx_status_clause;

const char *sbx__status_clause_id(sbx_status_clause c); /* "weak-sure-and-far", NULL */

struct sbx_cell;
/* The status of a cell from its mean, interval and favourable share on answer scale
 * as (analysis/stats/status.c); *clause (may be NULL) gets the deciding clause. */
sbx_status sbx__cell_status(const sbx_answer_scale *as, const struct sbx_cell *c,
                            sbx_status_clause *clause);

typedef enum {
  SBX_SUPP_NONE = 0,
  SBX_SUPP_OWN_SIZE,     /* fewer than k respondents */
  SBX_SUPP_COMPLEMENT    /* hidden to protect another hidden group from subtraction */
} sbx_supp_reason;

/* Every statistic of a cell (a double), declared from this one list, X(name) per
 * field: a new cell and a suppressed one set each to NaN through it (sbx__cell_reset),
 * and test_suppress checks through it that a suppressed cell keeps none. A new
 * statistic goes here, never as a plain double in the struct (test_style fails). */
#define SBX_CELL_STATS(X)                                                             \
  X(mean) X(sd) X(median)                                                             \
  X(ci_lo) X(ci_hi)         /* t interval at opts->level */                           \
  X(fav) X(fav_lo) X(fav_hi) /* favourable share, Wilson interval */                  \
  X(rwg_j)                  /* multilevel::rwg.j with the uniform null; NaN if undefined */ \
  /* Against the rest of the organisation (root: all NaN). */                         \
  X(rest_mean) X(diff) X(t) X(df) X(p) X(p_adj) X(g)                                  \
  /* Change since the baseline wave (NaN, has_change 0, when either wave is hidden). */ \
  X(base_mean) X(change) X(change_lo) X(change_hi) X(change_p)                        \
  /* Added by the status rule (analysis/stats/status.c): the unfavourable share (box   \
   * score on the problem side of the cut-off) with its Wilson interval. */           \
  X(unfav) X(unfav_lo) X(unfav_hi)

/* One unit × one scale. */
#define SBX__CELL_STAT_FIELD(name) double name;
typedef struct sbx_cell {
  size_t n;              /* respondents with a score on this scale */
  SBX_CELL_STATS(SBX__CELL_STAT_FIELD)
  sbx_status status;
  int has_change;        /* 0 when either wave is hidden */
  /* Distributions: respondent scores rounded to the nearest point (npoint bins of the
   * scale's answer scale, lowest point first), and each item's answers (nitem × npoint,
   * the scale's items in order). NULL when suppressed. */
  size_t *score_hist;
  size_t *item_hist;
  size_t *item_n;        /* answers per item */
  size_t n_incomplete;   /* respondents who answered some but not all of the items (the
                          * item details' own rule needs it; never published) */
  double *item_mean;     /* mean per item (as answered, before reverse keying) */
  int suppressed;
  sbx_supp_reason reason;
  /* Added by the status rule (analysis/stats/status.c): the deciding clause, and the
   * box scores in bands, one per point of the answer scale, such that the bands at or
   * beyond the favourable threshold add up to fav and those on the problem side of the
   * cut-off to unfav (a score goes to the point at or below it, high-is-good; at or
   * above it, low-is-good; moved across a threshold it has passed). NULL when
   * suppressed. */
  sbx_status_clause clause;
  size_t *band_hist;
} sbx_cell;
#undef SBX__CELL_STAT_FIELD

/* Every statistic of a reliability (a double), declared from this one list as the
 * cell's are: not computed (sbx__reliability_none) and suppressed (sbx__rel_reset)
 * set each to NaN through it. A new statistic goes here (test_lists fails otherwise). */
#define SBX_REL_STATS(X)                                                              \
  X(alpha) X(alpha_std) X(average_r) X(lambda6)                                       \
  X(feldt_lo) X(feldt_hi) X(duhachek_lo) X(duhachek_hi)                               \
  X(omega)               /* McDonald's omega total, one factor (minres) */            \
  X(ase)                 /* Duhachek's asymptotic standard error of alpha */

/* Reliability of one scale in one group (psych::alpha defaults, pairwise). */
#define SBX__REL_STAT_FIELD(name) double name;
typedef struct sbx_reliability {
  int computed;          /* 0: not computed (too few respondents) */
  size_t n;              /* respondents with any answer on the scale */
  SBX_REL_STATS(SBX__REL_STAT_FIELD)
  size_t nitem;
  double *r_drop;        /* item-rest correlation per item (psych r.drop) */
  double *alpha_if_deleted; /* raw alpha with the item dropped */
  size_t items_used;     /* items with variance (psych drops the others) */
} sbx_reliability;
#undef SBX__REL_STAT_FIELD

/* A unit's response rate, judged (rates.c). */
typedef enum {
  SBX_RATE_NONE = 0,     /* no rate: headcount unknown or 0, or the unit is hidden */
  SBX_RATE_OK,           /* 50 % to 100 % */
  SBX_RATE_LOW,          /* under 50 %: read the unit's figures with care */
  SBX_RATE_OVER          /* more respondents than headcount: the organisation file's
                          * headcount is wrong; the rate itself is not kept (NaN) */
} sbx_rate_flag;

const char *sbx__rate_flag_id(sbx_rate_flag f); /* "ok", "low", "over-100"; NULL for none */

/* The unit's statistics drawn from the boxes' cells (a double each, declared from this
 * list): Weisbord's balance, leadership minus the mean of the other five boxes (both on
 * the scale's own numbers), and max - min over the six box means. NaN if unknown, and
 * set to NaN through this list when a box cell of the unit is hidden. */
#define SBX_UNIT_BOX_STATS(X) X(leadership_gap) X(box_spread)
/* Every statistic of a unit (a double): the box ones and, added by rates.c after
 * suppression, the response rate n / headcount (NaN when unknown, when over 100 % and
 * always for a hidden unit, whose rate would tell its size). A new unit and a hidden one
 * set each to NaN through this list (sbx__unit_reset, sbx__unit_hide_stats); a new
 * statistic goes here, never as a plain double in the struct (test_lists fails). */
#define SBX_UNIT_STATS(X) SBX_UNIT_BOX_STATS(X) X(rate)

#define SBX__UNIT_STAT_FIELD(name) double name;
typedef struct sbx_unit_result {
  size_t unit;           /* index into org->unit; 0 = the whole organisation */
  size_t n;              /* respondents in the unit and below */
  size_t n_direct;       /* respondents attached to this unit itself */
  int suppressed;
  sbx_supp_reason reason;
  sbx_cell *cell;        /* nscale cells, survey scale order */
  sbx_reliability *rel;  /* nscale entries where n >= 30, else NULL */
  SBX_UNIT_STATS(SBX__UNIT_STAT_FIELD)
  /* Added by rates.c, after suppression: the unit's headcount from the organisation
   * file (its own, else the sum of its sub-units' when every one is known; -1 when
   * unknown; organisation data, so kept for hidden units too), and the rate's flag. */
  long headcount;
  sbx_rate_flag rate_flag;
} sbx_unit_result;
#undef SBX__UNIT_STAT_FIELD

typedef struct sbx_scale_result {
  size_t scale;          /* index into survey->scale */
  sbx_reliability rel;   /* over the whole organisation */
  double icc1, icc2;     /* multilevel::ICC1/ICC2 over leaf units; NaN if undefined */
  size_t icc_groups;     /* leaf units used */
  /* Added by the stats module: the one-way ANOVA behind the ICCs. */
  double icc_f, icc_p;   /* F = MSB / MSW on (G - 1, N - G) df, and its p */
  double icc_k;          /* mean group size N / G (multilevel's k) */
  size_t icc_n;          /* respondents with a score in the leaf units */
} sbx_scale_result;

typedef enum {
  SBX_GOAL_UNKNOWN = 0, SBX_GOAL_ON_TRACK, SBX_GOAL_WATCH, SBX_GOAL_AT_RISK
} sbx_goal_status;

const char *sbx__goal_status_id(sbx_goal_status s); /* "unknown", "on-track", ... */

typedef enum {
  SBX_RULE_NONE = 0,
  SBX_RULE_CRITICAL_WEAK,     /* a critical box is weak in the owning unit */
  SBX_RULE_CRITICAL_WATCH,    /* a critical box is on watch */
  SBX_RULE_LEADERSHIP,        /* leadership weak in the unit: at least watch */
  SBX_RULE_ALL_OK,            /* every critical box ok or strength */
  SBX_RULE_ROLLUP,            /* strategic: from its operative goals and the whole org */
  SBX_RULE_NO_FIGURES         /* suppressed or no answers */
} sbx_goal_rule;

typedef struct sbx_evidence {
  size_t unit, scale;    /* indices */
  double weight;
  double mean, ci_lo, ci_hi;
  size_t n;              /* shown only as a band by reports */
  sbx_status status;
  /* Added by goal linkage (docs/statistics.md ("Goals at risk")): is this one of the goal's own
   * critical boxes (0: the leadership box, shown for rule LEADERSHIP), and the rule
   * this entry feeds. Suppressed or unscored cells: NaN figures, n 0, status NONE. */
  int critical;
  sbx_goal_rule rule;
} sbx_evidence;

typedef struct sbx_goal_result {
  size_t goal;           /* index into org->goal */
  sbx_goal_status status;
  sbx_goal_rule rule;
  double risk;           /* orders goals of equal status; 0 when unknown */
  sbx_evidence *ev;
  size_t nev;
  /* The previous wave's status of the same goal, for follow-up. */
  int has_base;
  sbx_goal_status base_status;
  /* The goal whose status this one carries: for rule ROLLUP the child that decided it,
   * for an activity its operative goal; SBX_NONE otherwise. Following `via` from the
   * vision down gives the red thread to the boxes (see also sbx__goal_chain). */
  size_t via;
  size_t unit;           /* the unit whose cells were read (0 for strategic/vision) */
  /* Added for activities (docs/statistics.md, "Activities"): 1 when the activity's own unit is
   * hidden and its boxes were read in its operative goal's unit instead. */
  int fallback;
} sbx_goal_result;

typedef struct sbx_driver {
  size_t scale;          /* a box scale */
  double weight;         /* relative weight (Johnson 2000), raw: sums to R² */
  double share;          /* weight / R² */
  double lo, hi;         /* bootstrap 95 % interval of weight */
} sbx_driver;

typedef struct sbx_drivers {
  size_t unit;           /* 0 = the whole organisation */
  size_t outcome;        /* scale index */
  size_t n;              /* complete cases used */
  double r2;
  sbx_driver *w;         /* one per box scale, survey order */
  size_t nw;
  /* Added by drivers.c: bootstrap replicates that gave weights, and rows drawn per
   * replicate: n (each replicate stands for all n rows, see boot_blocks). */
  size_t nboot, boot_rows;
  /* Added by drivers.c: blocks of summed statistics resampled per replicate
   * (min(n, 256); n: the ordinary row bootstrap). boot_rows is then n. */
  size_t boot_blocks;
} sbx_drivers;

/* One row of the action plan: a weak box behind a goal at risk, or (goal SBX_NONE,
 * after every goal-linked row) a weak box of a shown unit that no goal at risk names:
 * every weak box of every shown unit gets a row. */
typedef struct sbx_action {
  size_t goal, unit, scale;
  sbx_goal_status status, base_status;
  int has_base;
} sbx_action;

/* A free-text comment that may be shown: masked, unit at or above min_comment_group. */
typedef struct sbx_comment_out {
  size_t unit;           /* the smallest shown unit the comment belongs to */
  size_t question;       /* index into survey->free_text */
  char *text;            /* masked copy */
} sbx_comment_out;

typedef struct sbx_supp_entry {
  size_t unit;
  size_t scale;          /* SBX_NONE: the whole unit */
  sbx_supp_reason reason;
} sbx_supp_entry;

/* The previous wave's figures, read from its results.json by reports/. */
typedef struct sbx_baseline_cell {
  char *unit, *scale;
  size_t n;
  double mean, sd;
} sbx_baseline_cell;

typedef struct sbx_baseline_goal {
  char *goal;
  sbx_goal_status status;
} sbx_baseline_goal;

/* The previous wave's instrument, per scale: what decides whether a change may be shown
 * (docs/statistics.md, "Comparable or not"). fingerprint NULL: the file did not say (a
 * results.json from before fingerprints); then items and the answer scale's range
 * decide. */
typedef struct sbx_baseline_scale {
  char *id;
  char *fingerprint;     /* sbx__scale_fingerprint() of that wave's scale, or NULL */
  char *items;           /* item ids, comma-separated, or NULL */
  int min, max;          /* its answer scale's range; 0, 0 when unknown */
} sbx_baseline_scale;

/* Frees a baseline (NULL is fine). The public sbx_baseline_free() (sixbox/report.h,
 * beside sbx_baseline_load(), which makes one for a program) calls it. */
void sbx__baseline_free(sbx_baseline *b);

struct sbx_baseline {
  sbx_baseline_cell *cell;
  size_t ncell;
  sbx_baseline_goal *goal;
  size_t ngoal;
  /* Added by the follow-up system (#13): where the baseline came from and what it
   * measured with. All may be NULL / 0 for an old results.json. */
  char *source;          /* the file, or "history FILE wave ID" */
  char *org_id, *survey_id, *survey_version;
  char *wave_id, *wave_name, *wave_date;
  sbx_baseline_scale *scale;
  size_t nscale;
};

/* Can a scale be compared with the baseline wave? (docs/statistics.md, "Comparable or not".) */
typedef enum {
  SBX_CMP_NONE = 0,      /* no baseline */
  SBX_CMP_SAME,          /* same items, same answer scale: changes are shown */
  SBX_CMP_ITEMS,         /* the items differ */
  SBX_CMP_ANSWER_SCALE,  /* the answer scale differs (e.g. 5 against 7 points) */
  SBX_CMP_ABSENT         /* the baseline has no such scale */
} sbx_comparability;

const char *sbx__comparability_id(sbx_comparability c); /* "same", "items", ... */

/* The follow-up history (engine/history fills it from the database; the report draws
 * trends from it). Earlier waves only, oldest first; this wave is the results. Units
 * and goals are those of this wave's organisation: an earlier wave's unit appears under
 * the unit that continues it (docs/formats.md, "Reorganisations"). */
typedef struct sbx_trend_wave {
  char *id, *name, *date;
  char *survey_id, *survey_version;
} sbx_trend_wave;

typedef struct sbx_trend_point {
  int has;               /* a visible figure that wave, comparable with this wave's */
  size_t n;
  double mean, sd, lo, hi, fav;
  sbx_status status;
} sbx_trend_point;

typedef enum { SBX_PLAN_PLANNED = 0, SBX_PLAN_ONGOING, SBX_PLAN_DONE } sbx_plan_status;

/* One row of the last wave's filled-in handlingsplan and what became of it. */
typedef struct sbx_followup {
  long row;              /* row in the plan file */
  size_t unit, scale;    /* indices in this wave; scale SBX_NONE when unknown */
  char *goal, *step, *owner, *deadline;
  sbx_plan_status status;
  int has_target, target_is_share; /* target: a mean, or a favourable share (0..1) */
  double target;
  int has_result;        /* both waves visible and comparable */
  double before, now, change, lo, hi, p;
  int reached;           /* has_target && has_result: now reaches the target */
} sbx_followup;

typedef struct sbx_trend {
  sbx_trend_wave cur;    /* this wave: id, name, date (survey from the results) */
  sbx_trend_wave *wave;  /* earlier waves, oldest first */
  size_t nwave;
  size_t nunit, nscale, ngoal;
  sbx_trend_point *pt;   /* nwave × nunit × nscale */
  sbx_comparability *cmp; /* nwave × nscale: that wave's scale against this wave's */
  sbx_goal_status *goal; /* nwave × ngoal */
  unsigned char *goal_has;
  sbx_followup *fu;
  size_t nfu;
  char *plan_source;     /* the plan file read, or NULL */
} sbx_trend;

void sbx__trend_free(sbx_trend *t);
static inline sbx_trend_point *sbx__trend_pt(const sbx_trend *t, size_t w, size_t u,
                                             size_t sc) {
  return &t->pt[(w * t->nunit + u) * t->nscale + sc];
}
/* HME (Hållbart medarbetarengagemang, SKR/RKA) of one group, as Kolada defines it
 * (analysis/stats/hme.c; docs/statistics.md, "HME"): each statement's index on 0-100 (the mean
 * of 25 × (answer − 1) over those who answered it), each delindex the mean of its three
 * statements (motivation 1-3, ledarskap 4-6, styrning 7-9), the totalindex the mean of
 * the nine; unrounded. NaN where a statement has no shown answers (and then in every
 * index it enters); n[q] answers to statement q+1. */
typedef struct sbx_hme_figures {
  int shown;
  size_t n[9];
  double stmt[9];
  double part[3];
  double total;
} sbx_hme_figures;

/* Why the whole organisation has no split by gender. */
typedef enum {
  SBX_HME_GENDER_SHOWN = 0,
  SBX_HME_GENDER_NO_QUESTION,  /* the survey has no gender question */
  SBX_HME_GENDER_SMALL         /* a gender group (or the rest) under k, on a statement too */
} sbx_hme_gender;

typedef struct sbx_hme_result {
  sbx_hme_figures *unit;       /* nunit, org order (T: everyone); shown 0 when hidden */
  sbx_hme_gender gender;       /* the whole organisation's split: women (K), men (M) */
  sbx_hme_figures women, men;  /* shown only when gender is SBX_HME_GENDER_SHOWN */
} sbx_hme_result;

/* Key figures from Kolada (or written by hand in the same tidy form): one row per
 * kpi × municipality × period × gender (T, K, M); value NaN when empty. Rows sorted by
 * kpi, municipality, period, gender. Read by reports/tables/benchmark.c. */
typedef struct sbx_bench_row {
  char *kpi, *mun, *status;
  int period;
  char gender;
  double value;
} sbx_bench_row;

typedef struct sbx_benchmark {
  char *source;
  sbx_bench_row *row;
  size_t n;
} sbx_benchmark;

/* A value of the benchmark, NaN when absent or empty; the latest period <= max_period
 * (0: any) with a value, 0 when none (analysis/goals/indicators.c). */
double sbx__bench_value(const sbx_benchmark *b, const char *kpi, const char *mun, int period,
                        char gender);
int sbx__bench_latest(const sbx_benchmark *b, const char *kpi, const char *mun, int max_period);
void sbx__benchmark_free(sbx_benchmark *b);

/* A goal's indicator read against the benchmark (docs/statistics.md, "Goal indicators"). */
typedef enum {
  SBX_IND_NO_VALUE = 0,  /* no value for the municipality in the year asked */
  SBX_IND_MET,           /* on target */
  SBX_IND_NOT_MET        /* off target */
} sbx_ind_status;

typedef struct sbx_ind_result {
  size_t indicator;      /* index into the goal's indicators */
  sbx_ind_status status;
  int year;              /* the year judged (0 when no value) */
  double value, peers, country; /* the municipality's, the peer group's, the country's */
  int from;              /* the earlier year compared with (0: none) */
  double from_value;
} sbx_ind_result;

/* The two kinds of evidence read together. */
typedef enum {
  SBX_READ_NONE = 0,       /* the goal has no indicators */
  SBX_READ_NO_VALUE,       /* indicators without values: the boxes alone */
  SBX_READ_ORG_CAUSE,      /* off target, critical boxes weak: an organisational cause is likely */
  SBX_READ_ELSEWHERE,      /* off target, boxes fine: look elsewhere */
  SBX_READ_RISK_AHEAD,     /* on target, boxes weak: a risk ahead */
  SBX_READ_ON_COURSE,      /* on target, boxes fine */
  SBX_READ_BOXES_UNKNOWN   /* a value, but the boxes have no figures */
} sbx_reading;

typedef struct sbx_goal_ind {
  sbx_ind_result *ind;   /* one per indicator of the goal */
  size_t nind;
  sbx_reading reading;
} sbx_goal_ind;

struct sbx_results {
  const sbx_survey *survey;   /* borrowed: must outlive the results */
  const sbx_org *org;         /* borrowed; may be NULL */
  const sbx_responses *resp;  /* borrowed; NULL after the analysis has finished */
  sbx_analysis_opts opts;
  size_t read, accepted, rejected, duplicates; /* summed over sources */
  /* Set by suppression (docs/confidentiality.md): counts_shown 0 when the whole
   * organisation is below k (then no count of rows or respondents may be printed);
   * sources_shown 0 when per-source counts could give a hidden group's size away
   * (the source names may still be printed, their counts not). */
  int counts_shown, sources_shown;
  size_t nscale;
  sbx_scale_result *scale;    /* nscale */
  sbx_unit_result *unit;      /* org->nunit (or 1 without an org), org order */
  size_t nunit;
  size_t unknown_unit;        /* respondents with no known unit (root only) */
  sbx_supp_entry *supp;       /* suppression log */
  size_t nsupp;
  sbx_goal_result *goal;      /* one per org goal, org order */
  size_t ngoal;
  sbx_drivers *drivers;       /* [0] the whole organisation, then units with n >= 30 */
  size_t ndrivers;
  sbx_action *action;
  size_t naction;
  sbx_comment_out *comment;
  size_t ncomment;
  size_t ncomment_dropped;    /* comments with no unit large enough to show them under */
  /* Added by the follow-up system (#13): per scale, may it be compared with the
   * baseline (nscale entries; NULL without a baseline), and the history of earlier
   * waves (borrowed; NULL without --history). */
  sbx_comparability *base_cmp;
  const sbx_trend *trend;
  /* Added by rates.c: "don't know" answers per item (survey->nitem) over every accepted
   * row; NULL when the whole organisation is hidden or the import did not count them. */
  size_t *dont_know;
  sbx_hme_result *hme;        /* NULL unless the survey has the nine HME statements */
  /* Set by the pipeline after the analysis (--benchmark): borrowed, may be NULL; the
   * survey year (0: unknown); each goal's indicators and reading (ngoal, or NULL). */
  const sbx_benchmark *bench;
  int year;
  sbx_goal_ind *gind;
};

/* The steps of sbx_analyse(), in order; each in its own module.
 * scores.c:        cells, distributions, status, balance, reliability, ICC, rwg(j)
 * suppress.c:      minimum group size, complementary suppression, comments
 * rates.c:         headcounts, response rates (visible units only), "don't know" counts
 * compare.c:       rest-of-organisation tests, BH adjustment, baseline change (visible only)
 * drivers.c:       relative weights with bootstrap intervals (visible groups only)
 * goals.c:         goal statuses, evidence, action plan */
int sbx__score(sbx_results *res, sbx_ctx *ctx);
int sbx__suppress(sbx_results *res, sbx_ctx *ctx);
int sbx__compare(sbx_results *res, sbx_ctx *ctx);
int sbx__drivers(sbx_results *res, sbx_ctx *ctx);
int sbx__goals(sbx_results *res, sbx_ctx *ctx);
/* rates.c: headcounts, response rates and their flags, "don't know" counts. */
int sbx__rates(sbx_results *res, sbx_ctx *ctx);
/* progress.c: results for `sixbox progress` (no scales): each unit's respondents,
 * suppressed by the unit tree rule as in a report, headcounts and rates judged as by
 * sbx__rates; min_group 0 is the default. res->resp is NULL on return. */
int sbx__progress_results(sbx_results **out, const sbx_survey *s, const sbx_org *org,
                          const sbx_responses *r, int min_group, sbx_ctx *ctx);
/* hme.c: the HME index per unit from the shown item details (after suppression), and
 * the whole organisation by gender (needs res->resp). */
int sbx__hme(sbx_results *res, sbx_ctx *ctx);
/* indicators.c: reads each goal's indicators from res->bench and sets res->gind; run
 * after sbx__goals (it reads the goals' statuses). */
int sbx__indicators(sbx_results *res, sbx_ctx *ctx);
void sbx__hme_free(sbx_hme_result *h);

/* Replaces the 0 fields of o by their defaults (sixbox/analysis.h), raises
 * min_comment_group to min_group, and turns SBX_OPT_NONE bootstrap into 0 replicates.
 * sbx_analyse() keeps the result in res->opts, so every step reads plain values. */
void sbx__analysis_opts_resolve(sbx_analysis_opts *o);
/* The import's totals (read, accepted, rejected, duplicates) over every source. */
void sbx__results_sum_sources(sbx_results *res, const sbx_responses *r);

/* A respondent's score on a scale: mean of the answered items, reverse keys flipped,
 * NaN unless at least survey->min_item_share_pct % of the items were answered. */
/* Frees a cell's distributions (used by suppression to wipe a cell). */
void sbx__cell_clear(sbx_cell *c);
/* Sets a cell to no figure: every field 0, every statistic (SBX_CELL_STATS) NaN; the
 * distributions must have been freed (sbx__cell_clear) or never allocated. */
void sbx__cell_reset(sbx_cell *c);
/* Sets a reliability to none: every field 0, every statistic (SBX_REL_STATS) NaN; its
 * arrays must have been freed or never allocated. */
void sbx__rel_reset(sbx_reliability *r);
/* A new unit result for unit index u: every field 0 (no cells), headcount -1 (unknown)
 * and every statistic (SBX_UNIT_STATS) NaN. */
void sbx__unit_reset(sbx_unit_result *ur, size_t u);
/* Sets the unit's statistics to NaN: all (SBX_UNIT_STATS) for a hidden unit, the box
 * ones (SBX_UNIT_BOX_STATS) when only a box cell of it is hidden. */
void sbx__unit_hide_stats(sbx_unit_result *ur, int box_only);

double sbx__scale_score(const sbx_survey *s, size_t scale, const int8_t *row);

/* The one scoring rule every module uses (scores.c, accumulate.c, drivers.c):
 * the value answer v to item scores (reverse keys flipped: min + max - v), or
 * SBX_NO_SCORE when v is missing or not a point of the item's answer scale; and the
 * fewest answered items a scale of nitem items needs (min_item_share_pct, at least 1). */
#define SBX_NO_SCORE INT16_MIN
int sbx__item_score(const sbx_survey *s, size_t item, int v);
size_t sbx__min_answered(const sbx_survey *s, size_t nitem);

#endif

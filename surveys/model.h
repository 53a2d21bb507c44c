/* Struct bodies of the domain model, shared by the library's own modules (never by
 * the CLI). Indices, not pointers, link the parts, so a model is freed in one go and
 * copied without fix-ups. All strings are UTF-8, owned by the struct that holds them. */
#ifndef SBX_MODEL_H
#define SBX_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <sixbox/survey.h>

#define SBX_NONE ((size_t)-1)

/* A text in several languages: parallel arrays of language codes and strings. */
typedef struct sbx_text {
  size_t n;
  char **lang;
  char **value;
} sbx_text;

/* The text for lang, else the English one (the fallback of surveys/lang/lang.h), else
 * the first language's, else "". Never NULL. */
const char *sbx__text_get(const sbx_text *t, const char *lang);
/* Adds or replaces lang's text (copies both). */
int sbx__text_set(sbx_text *t, const char *lang, const char *value);
void sbx__text_free(sbx_text *t);

typedef enum { SBX_HIGH_IS_GOOD = 0, SBX_LOW_IS_GOOD = 1 } sbx_direction;

typedef struct sbx_point {
  int value;
  sbx_text label;
  char **alias;       /* further labels a tool may write, e.g. "7 - Instämmer helt" */
  size_t nalias;
} sbx_point;

typedef struct sbx_answer_scale {
  char *id;
  int min, max;             /* smallest and largest point value */
  double cutoff;            /* the neutral point: problem side below it (high-is-good) */
  double favourable;        /* a respondent's score at or beyond this is favourable */
  sbx_direction direction;
  sbx_point *point;         /* in ascending value order */
  size_t npoint;
  int has_dont_know;        /* a "don't know" option that counts as missing */
  sbx_text dont_know;       /* its label per language */
  char *dont_know_code;     /* the code a tool writes for it, e.g. "99"; may be NULL */
  long line;
  /* The practical threshold δ (attribute "practical"): how far beyond the cut-off a
   * box's mean must lie to count as weak, and its interval to count as a strength
   * (docs/statistics.md, "How the figures are computed"). has_practical 0: the default,
   * (max - min) / 24 (0.25 on 1-7); sbx__practical() gives the value in force. */
  int has_practical;
  double practical;
} sbx_answer_scale;

/* The practical threshold δ in force for an answer scale (see has_practical). */
double sbx__practical(const sbx_answer_scale *a);

typedef enum { SBX_SCALE_BOX = 0, SBX_SCALE_EXTRA = 1 } sbx_scale_kind;

typedef struct sbx_scale {
  char *id;
  sbx_scale_kind kind;
  sbx_box box;              /* for kind box; SBX_BOX_NONE otherwise */
  sbx_text name;
  size_t *item;             /* indices into survey->item, in survey order */
  size_t nitem;
  long line;
} sbx_scale;

typedef struct sbx_item {
  char *id;
  size_t scale;             /* index into survey->scale */
  size_t answer_scale;      /* index into survey->answer_scale */
  int reverse;              /* reverse keyed: x' = min + max - x */
  sbx_text text;
  char **alias;             /* extra column headers that mean this item */
  size_t nalias;
  long line;
  int hme;                  /* the HME statement it is (1-9, SKR's order), or 0 */
} sbx_item;

/* The unit question, a free-text question, or another demographic. */
typedef struct sbx_question {
  char *id;
  sbx_text text;
  char **alias;
  size_t nalias;
  long line;
} sbx_question;

struct sbx_survey {
  char *source;             /* the file it came from */
  char *id, *version;
  char **lang;              /* declared languages, first is the default */
  size_t nlang;
  sbx_text title;
  sbx_text intro;           /* instructions for respondents; may be empty */
  sbx_answer_scale *answer_scale;
  size_t nanswer_scale;
  sbx_scale *scale;         /* in file order */
  size_t nscale;
  sbx_item *item;           /* in questionnaire order */
  size_t nitem;
  int has_unit_question;
  sbx_question unit_question;
  sbx_question *free_text;
  size_t nfree_text;
  size_t outcome;           /* index of the outcome scale for drivers, or SBX_NONE */
  int min_item_share_pct;   /* a scale score needs this share of its items; 60 */
  /* The gender question (has_gender), stored as item gender_item on no scale (scale
   * SBX_NONE) whose answer scale holds its options; the option values that mean women
   * (Kolada's K) and men (M); other options count only in totals. */
  int has_gender;
  size_t gender_item;
  int gender_k, gender_m;
  /* has_hme: all nine HME statements are there (the index needs them all), statement
   * q being item hme_item[q] ([0] unused). Set by the loader's rules. */
  size_t hme_item[10];
  int has_hme;
};

typedef struct sbx_unit {
  char *id;
  sbx_text name;
  char *kind;               /* kommun, förvaltning, bolag, enhet, ... */
  long headcount;           /* -1 when unknown */
  size_t parent;            /* index, SBX_NONE for the root */
  char **alias;             /* other names or codes a respondent's answer may use */
  size_t nalias;
  size_t depth;             /* 0 for the root */
  long line;
  /* Ids of earlier units this one continues (a merged or renamed unit): the follow-up
   * history draws their earlier waves on this unit's line. */
  char **continues;
  size_t ncontinues;
} sbx_unit;

typedef enum {
  SBX_GOAL_VISION = 0, SBX_GOAL_STRATEGIC, SBX_GOAL_OPERATIVE, SBX_GOAL_ACTIVITY
} sbx_goal_level;

/* The goal levels' ids, one table (surveys/model.c) for every place that names a level:
 * "vision", "strategic", "operative", "activity" in the organisation file (level="...";
 * the vision is its own element), in sixbox show, results.json and goals.csv, and in
 * the report's message level.<id>. NULL for an invalid level. */
const char *sbx__goal_level_id(sbx_goal_level l);
/* The level of an id into *out: 0, or SBX_EDATA (*out unchanged) for an unknown id. */
int sbx__goal_level_from_id(sbx_goal_level *out, const char *id);

typedef struct sbx_critical {
  sbx_box box;
  double weight;            /* > 0; the weights of a goal need not sum to 1 */
} sbx_critical;

/* An indicator a goal is followed up on (a Kolada KPI or a local id). */
typedef struct sbx_indicator {
  char *kpi;
  double target;
  int at_most;              /* 1: the value should be at most target; 0: at least */
  int year, from;           /* 0 when not given */
  long line;
} sbx_indicator;

typedef struct sbx_goal {
  char *id;
  sbx_goal_level level;
  size_t parent;            /* index into org->goal, SBX_NONE for the vision */
  size_t unit;              /* owning unit index (operative, activity), else SBX_NONE */
  sbx_text title;
  sbx_critical *critical;
  size_t ncritical;
  long line;
  sbx_indicator *indicator;
  size_t nindicator;
} sbx_goal;

struct sbx_org {
  char *source;
  char *id;
  sbx_text name;
  char **lang;
  size_t nlang;
  sbx_unit *unit;           /* pre-order: a parent always before its children; [0] is the root */
  size_t nunit;
  sbx_goal *goal;           /* pre-order too; the vision first when there is one */
  size_t ngoal;
  /* For the report's title page (<report>, all optional): survey period and report
   * date as YYYY-MM-DD (NULL when absent), the unit responsible for the survey. */
  char *period_from, *period_to, *report_date;
  sbx_text responsible;
  /* Kolada ids (NULL when not given): the municipality, its peer group, the country. */
  char *kolada, *kolada_peers, *kolada_country;
};

/* Lookups; SBX_NONE when absent. */
size_t sbx__survey_find_item(const sbx_survey *s, const char *id);
size_t sbx__survey_find_scale(const sbx_survey *s, const char *id);
size_t sbx__org_find_unit(const sbx_org *o, const char *id);
size_t sbx__org_find_goal(const sbx_org *o, const char *id);
/* Is unit a equal to or below unit b? */
int sbx__org_is_within(const sbx_org *o, size_t a, size_t b);

/* ---- The response set ----------------------------------------------------------
 * One row per accepted response. Answers are stored as the number the respondent
 * chose (before reverse keying), one signed byte each, SBX_MISSING for none; a
 * million respondents × 35 items fit in 35 MB. Strings live in one arena. */
#define SBX_MISSING INT8_MIN
#define SBX_NO_UNIT UINT32_MAX

typedef struct sbx_source {
  char *name;               /* file name or URL as given */
  char *tool;               /* detected tool, e.g. "google-forms" */
  /* What became of its rows: read = accepted + rejected + duplicates. The importer
   * fills these; the report's data section shows them. */
  size_t read, accepted, rejected, duplicates;
} sbx_source;

struct sbx_responses {
  size_t nitem;             /* = survey->nitem; columns in survey item order */
  size_t n, cap;            /* rows */
  int8_t *value;            /* n × nitem, row-major */
  uint32_t *unit;           /* unit index per row, SBX_NO_UNIT when unknown */
  uint32_t *source;         /* index into sources per row */
  uint32_t *line;           /* line (or record number) in its source */
  uint32_t *id;             /* offset into arena of the response id; UINT32_MAX = none */
  char *arena;              /* NUL-terminated strings */
  size_t arena_len, arena_cap;
  sbx_source *src;
  size_t nsrc;
  /* Free-text answers, sparse: (row, question, text offset in arena). */
  struct sbx_comment { uint32_t row, question, text; } *comment;
  size_t ncomment, comment_cap;
  /* "Don't know" answers per item among the accepted rows (stored as SBX_MISSING in
   * value); NULL until the first one (sbx__responses_add_dont_know). */
  size_t *dont_know;
};

/* Building a response set (used by the importers, simulate and tests). The public
 * sbx_responses_free() (sixbox/import.h, beside sbx_import(), which makes one for a
 * program) calls sbx__responses_free(); the library's own code calls it directly. */
int sbx__responses_new(sbx_responses **out, size_t nitem);
void sbx__responses_free(sbx_responses *r); /* NULL is fine */
int sbx__responses_add_source(sbx_responses *r, const char *name, const char *tool,
                              uint32_t *index);
/* Appends a row; values has nitem entries (SBX_MISSING for none); id may be NULL. */
int sbx__responses_add(sbx_responses *r, const int8_t *values, uint32_t unit,
                       uint32_t source, uint32_t line, const char *id);
int sbx__responses_add_comment(sbx_responses *r, uint32_t row, uint32_t question,
                               const char *text);
static inline const int8_t *sbx__responses_row(const sbx_responses *r, size_t i) {
  return r->value + i * r->nitem;
}
/* Counts a "don't know" answer to item (an index below nitem) of an accepted row. */
int sbx__responses_add_dont_know(sbx_responses *r, size_t item);
const char *sbx__responses_id(const sbx_responses *r, size_t row); /* NULL if none */

#endif

/* Tool dialects: how a tool lays out its export's header (one to three rows), which
 * columns are its metadata, which column holds the response id, and which rows it
 * marks as not real responses (previews, tests, unfinished, rejected in review).
 * detect.c holds the table and the shared helpers; dialect_*.c one tool family each. */
#ifndef SBX_IMPORT_DIALECT_H
#define SBX_IMPORT_DIALECT_H

#include <stddef.h>
#include <stdint.h>
#include "engine/import/reader.h"

/* The first rows of an export, kept until the dialect is known. */
#define SBX_HDR_ROWS 3
typedef struct sbx__hdr {
  size_t nrow;
  char **cell[SBX_HDR_ROWS];
  size_t ncell[SBX_HDR_ROWS];
  uint32_t line[SBX_HDR_ROWS];
} sbx__hdr;

typedef enum { SBX_ROLE_QUESTION = 0, SBX_ROLE_METADATA, SBX_ROLE_OTHER } sbx__role;

/* Columns whose values decide whether a row is a real response. */
typedef enum {
  SBX_SPECIAL_NONE = 0,
  SBX_SPECIAL_ID,          /* the response id */
  SBX_SPECIAL_STATUS,      /* Qualtrics Status: previews, tests, spam */
  SBX_SPECIAL_FINISHED,    /* Qualtrics Finished: False / 0 = unfinished */
  SBX_SPECIAL_CHANNEL,     /* Qualtrics DistributionChannel: preview, test */
  SBX_SPECIAL_SUBMITDATE,  /* LimeSurvey submitdate: empty = incomplete */
  SBX_SPECIAL_REVIEW,      /* ODK Central ReviewState: rejected */
  SBX_SPECIAL_VALIDATION,  /* KoboToolbox _validation_status: not approved */
  SBX_SPECIAL_TIMESTAMP    /* when the response was given: rows without an id that
                              repeat answers and time are duplicates */
} sbx__special;

#define SBX_COL_KEYS 8
typedef struct sbx__column {
  char *name;              /* shown in the log and by inspect */
  char *key[SBX_COL_KEYS]; /* names to match against the survey, best first */
  size_t nkey;
  sbx__role role;
  sbx__special special;
} sbx__column;

typedef struct sbx__dialect {
  const char *name;        /* "google-forms", ... as inspect prints it */
  /* Non-zero when the first rows look like this tool's export. */
  int (*detect)(const sbx__hdr *h);
  /* How many of the first rows are header rows. */
  size_t (*header_rows)(const sbx__hdr *h);
  /* Describes column i (name, keys, role, special); 0 or SBX_ENOMEM. */
  int (*describe)(const sbx__hdr *h, size_t i, sbx__column *c);
  const char *group_sep;   /* separators of group paths whose last part is a key */
  int recode_missing;      /* out-of-scale recodes (999, -99) mean "seen, unanswered" */
} sbx__dialect;

extern const sbx__dialect sbx__dialect_qualtrics, sbx__dialect_qualtrics_legacy,
    sbx__dialect_surveymonkey, sbx__dialect_limesurvey, sbx__dialect_kobotoolbox,
    sbx__dialect_odk_central, sbx__dialect_microsoft_forms, sbx__dialect_google_forms,
    sbx__dialect_generic;

/* The dialect of the first rows (never NULL: generic at worst). */
const sbx__dialect *sbx__detect(const sbx__hdr *h);
/* The dialect of an export from its first rows h and what the reader found (info may
 * be NULL); tool (may be NULL) overrides detection. view is h as the dialect sees it
 * (record formats such as JSON have one header row). */
void sbx__choose_dialect(const sbx__hdr *h, const sbx_file_info *info, const char *tool,
                         const sbx__dialect **d, sbx__hdr *view, size_t *header_rows);
/* The dialect called name, or NULL. */
const sbx__dialect *sbx__dialect_by_name(const char *name);
/* The tool a file read as generic seems to come from (its first header row names a
 * tool's own columns), for a hint "try --tool X"; NULL when none. */
const char *sbx__dialect_hint(const sbx__hdr *h);
/* The i-th dialect in the order detection tries them; NULL past the last. */
const sbx__dialect *sbx__dialect_at(size_t i);
/* The ids of the tools (sixbox/tools.h), "google-forms, microsoft-forms, ...", only
 * those simulate writes when simulated is non-zero, then " or <or_last>" when
 * or_last is not NULL; written into buf (size bytes; cut short after a whole id when
 * it does not fit), which is returned. The dialects' names are the tools' ids: the
 * list for messages. */
char *sbx__tool_list(char *buf, size_t size, int simulated, const char *or_last);
#define SBX__TOOL_LIST_MAX 256

/* Describes every column of the header (the widest header row decides how many);
 * *cols is an array of *ncol columns to free with sbx__columns_free. */
int sbx__describe_columns(const sbx__dialect *d, const sbx__hdr *h, sbx__column **cols,
                          size_t *ncol);
void sbx__columns_free(sbx__column *cols, size_t ncol);

/* Why a row is not a real response, from the value of a special column; NULL when it
 * is one. The strings are static. */
const char *sbx__special_reject(sbx__special sp, const char *value);

/* Helpers for the dialects. */
const char *sbx__hdr_cell(const sbx__hdr *h, size_t row, size_t col);
int sbx__hdr_has(const sbx__hdr *h, size_t row, const char *name);
/* Is name (ASCII case-insensitively) one of the NULL-terminated list? */
int sbx__name_in(const char *name, const char *const *list);
int sbx__column_key(sbx__column *c, const char *key);
int sbx__column_init(sbx__column *c, const char *name, sbx__role role,
                     sbx__special special);
void sbx__hdr_free(sbx__hdr *h);

#endif

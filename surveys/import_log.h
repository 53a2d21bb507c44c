/* The import log's body: what became of every row of every export (read = accepted +
 * rejected + duplicates per file), each column's fate, unknown labels and units, and
 * out-of-range values; and what inspect finds. Filled by engine/import, written by reports/importlog; it lives
 * here, in the lowest layer, so that both may see it. */
#ifndef SBX_IMPORT_LOG_H
#define SBX_IMPORT_LOG_H

#include <stddef.h>
#include <stdint.h>

/* What a column was mapped to. */
typedef enum {
  SBX_TARGET_NONE = 0,     /* unmapped */
  SBX_TARGET_ITEM,         /* an item of the survey */
  SBX_TARGET_UNIT,         /* the unit question */
  SBX_TARGET_FREE_TEXT,    /* a free-text question (answers become comments) */
  SBX_TARGET_IGNORED       /* the mapping file says: ignore */
} sbx_log_target;

typedef struct sbx_log_column {
  char *name;
  int role;                /* 0 question, 1 metadata, 2 other */
  sbx_log_target target;
  char *target_id;         /* item or question id; NULL when unmapped */
  const char *how;         /* "mapping file", "id", "alias", "text", ...; static */
  char *note;              /* e.g. why it was left out; may be NULL */
} sbx_log_column;

typedef struct sbx_log_file {
  char *name;
  char *tool;
  char format[16], encoding[16];
  char delimiter;
  size_t header_rows;
  size_t read, accepted, rejected, duplicates;
  size_t blank;            /* empty rows skipped (not responses) */
  size_t out_of_range, unknown_labels, unknown_units, dont_know, seen_unanswered;
  sbx_log_column *column;
  size_t ncolumn;
} sbx_log_file;

/* A row that was not accepted: rejected (reason) or a duplicate (reason names the
 * first occurrence). */
typedef struct sbx_log_row {
  uint32_t file, line;
  char *reason;
  char *id;                /* the response id, when the row has one */
} sbx_log_row;

/* An unknown answer label or unit name, with how often it occurred. */
typedef struct sbx_log_label {
  uint32_t file, column;   /* column: index into that file's columns */
  char *value;
  size_t count;
  uint32_t first_line;
} sbx_log_label;

/* One out-of-range value (kept up to SBX_LOG_MAX_VALUES; the rest are counted). */
typedef struct sbx_log_value {
  uint32_t file, line, column;
  char *value;
} sbx_log_value;

#define SBX_LOG_MAX_VALUES 1000
#define SBX_LOG_MAX_LABELS 10000

struct sbx_import_log {
  char *survey_id;
  char *org_id;            /* NULL when no organisation was given */
  sbx_log_file *file;
  size_t nfile;
  sbx_log_row *rejected;
  size_t nrejected, rejected_cap;
  sbx_log_row *duplicate;
  size_t nduplicate, duplicate_cap;
  sbx_log_label *label;    /* unknown answer labels */
  size_t nlabel, label_cap, labels_dropped;
  sbx_log_label *unit;     /* unknown units */
  size_t nunit, unit_cap, units_dropped;
  sbx_log_value *range;    /* out-of-range values */
  size_t nrange, range_cap, range_dropped;
};

/* What inspect tells about an export. */
typedef struct sbx_inspect_column {
  char *name;
  int role;                /* 0 question, 1 metadata, 2 other */
} sbx_inspect_column;

typedef struct sbx_inspect_file {
  char *name, *tool;
  char format[16], encoding[16];
  char delimiter;
  size_t header_rows;
  size_t responses;        /* response records: non-empty rows after the header */
  sbx_inspect_column *column;
  size_t ncolumn;
} sbx_inspect_file;

struct sbx_inspection {
  sbx_inspect_file *file;
  size_t nfile;
};

/* "question", "metadata", "other". */
static inline const char *sbx_log_role_name(int role) {
  return role == 1 ? "metadata" : role == 2 ? "other" : "question";
}

#endif

/* One-header-row dialects: Google Forms (CSV from the linked sheet or the Forms
 * download: a localised timestamp first, `Question [Row]` grid columns, ", "-joined
 * checkboxes), Microsoft Forms (xlsx: ID, Start time, Completion time, Email, Name;
 * duplicate titles get a numeric suffix) and generic CSV. docs/formats.md, "Import". */
#include "engine/import/dialect.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

/* The localised names of Google's first column. */
static const char *const google_timestamp[] = {
  "Timestamp", "Tidstämpel", "Tidsstämpel", "Tidsstempel", "Marca temporal",
  "Carimbo de data/hora", "Horodateur", "Zeitstempel", "Aikaleima", "Tijdstempel", NULL
};
static const char *const google_meta[] = {
  "Timestamp", "Tidstämpel", "Tidsstämpel", "Tidsstempel", "Marca temporal",
  "Carimbo de data/hora", "Horodateur", "Zeitstempel", "Aikaleima", "Tijdstempel",
  "Email Address", "Email address", "E-postadress", "Score", "Poäng", NULL
};

static size_t one_row(const sbx__hdr *h) { (void)h; return 1; }

static int google_detect(const sbx__hdr *h) {
  return h->nrow > 0 && sbx__name_in(sbx__hdr_cell(h, 0, 0), google_timestamp);
}

static int google_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  const char *name = sbx__hdr_cell(h, 0, i);
  return sbx__column_init(c, name, sbx__name_in(name, google_meta) ? SBX_ROLE_METADATA
                                                                   : SBX_ROLE_QUESTION,
                           sbx__name_in(name, google_timestamp) ? SBX_SPECIAL_TIMESTAMP : 0);
}

const sbx__dialect sbx__dialect_google_forms = {
  "google-forms", google_detect, one_row, google_describe, NULL, 0
};

static const char *const ms_meta[] = {
  "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
  "Total points", "Quiz feedback", "Grade posted time", NULL
};

static int ms_detect(const sbx__hdr *h) {
  return h->nrow > 0 && strcmp(sbx__hdr_cell(h, 0, 0), "ID") == 0 &&
         strcmp(sbx__hdr_cell(h, 0, 1), "Start time") == 0 &&
         strcmp(sbx__hdr_cell(h, 0, 2), "Completion time") == 0;
}

/* "Name2" when "Name" is an earlier column: Forms' suffix for a duplicate title. */
static int ms_suffixed(const sbx__hdr *h, size_t i, const char *name, size_t *base) {
  size_t len = strlen(name);
  *base = len;
  while (*base > 0 && name[*base - 1] >= '0' && name[*base - 1] <= '9') (*base)--;
  if (*base == len || *base == 0) return 0;
  for (size_t k = 0; k < i; k++) {
    const char *o = sbx__hdr_cell(h, 0, k);
    if (strlen(o) == *base && memcmp(o, name, *base) == 0) return 1;
  }
  return 0;
}

static int ms_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  const char *name = sbx__hdr_cell(h, 0, i);
  sbx__role role = sbx__name_in(name, ms_meta) ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION;
  if (strncmp(name, "Points - ", 9) == 0 || strncmp(name, "Feedback - ", 11) == 0)
    role = SBX_ROLE_OTHER;
  sbx__special sp = strcmp(name, "ID") == 0 ? SBX_SPECIAL_ID
                  : strcmp(name, "Completion time") == 0 ? SBX_SPECIAL_TIMESTAMP : 0;
  int rc = sbx__column_init(c, name, role, sp);
  size_t base;
  if (rc == 0 && role == SBX_ROLE_QUESTION && ms_suffixed(h, i, name, &base)) {
    char *b = sbx__strndup(name, base);
    rc = b ? sbx__column_key(c, b) : SBX_ENOMEM;
    sbx__free(b);
  }
  return rc;
}

const sbx__dialect sbx__dialect_microsoft_forms = {
  "microsoft-forms", ms_detect, one_row, ms_describe, NULL, 0
};

/* Generic CSV: the response id by a common name; our own responses.csv re-imports. */
static const char *const generic_id[] = {
  "response_id", "responseid", "response id", "respondent_id", "respondent id", "id", NULL
};
static const char *const generic_meta[] = { "source", "timestamp", "submitted", NULL };
static const char *const generic_time[] = { "timestamp", "submitted", "submitdate",
                                            "date submitted", "Tidstämpel", NULL };

static int generic_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  const char *name = sbx__hdr_cell(h, 0, i);
  int is_id = sbx__name_in(name, generic_id);
  for (size_t k = 0; is_id && k < i; k++) /* only the first such column */
    if (sbx__name_in(sbx__hdr_cell(h, 0, k), generic_id)) is_id = 0;
  sbx__role role = is_id || sbx__name_in(name, generic_meta) ? SBX_ROLE_METADATA
                                                             : SBX_ROLE_QUESTION;
  sbx__special sp = is_id ? SBX_SPECIAL_ID
                  : sbx__name_in(name, generic_time) ? SBX_SPECIAL_TIMESTAMP : 0;
  return sbx__column_init(c, name, role, sp);
}

const sbx__dialect sbx__dialect_generic = {
  "generic", NULL, one_row, generic_describe, NULL, 0
};

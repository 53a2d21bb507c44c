/* Dialect detection from an export's first rows (docs/formats.md, "Import": the first
 * matching fingerprint wins), the table of dialects for --tool, the column
 * descriptions every dialect shares (grid and LimeSurvey brackets, group paths), and
 * the reasons a tool's own columns give for rejecting a row. */
#include "engine/import/dialect.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const sbx__dialect *const dialects[] = {
  &sbx__dialect_qualtrics, &sbx__dialect_qualtrics_legacy, &sbx__dialect_surveymonkey,
  &sbx__dialect_limesurvey, &sbx__dialect_kobotoolbox, &sbx__dialect_odk_central,
  &sbx__dialect_microsoft_forms, &sbx__dialect_google_forms, &sbx__dialect_generic,
};
#define NDIALECT (sizeof dialects / sizeof dialects[0])

const sbx__dialect *sbx__detect(const sbx__hdr *h) {
  for (size_t i = 0; i + 1 < NDIALECT; i++)
    if (dialects[i]->detect && dialects[i]->detect(h)) return dialects[i];
  return &sbx__dialect_generic;
}

const sbx__dialect *sbx__dialect_by_name(const char *name) {
  for (size_t i = 0; name && i < NDIALECT; i++)
    if (strcmp(dialects[i]->name, name) == 0) return dialects[i];
  return NULL;
}

const char *sbx__dialect_hint(const sbx__hdr *h) {
  static const struct { const char *column, *tool; } t[] = {
    { "Respondent ID", "surveymonkey" }, { "RespondentID", "surveymonkey" },
    { "ResponseId", "qualtrics" }, { "ResponseID", "qualtrics" },
    { "submitdate", "limesurvey" }, { "Date submitted", "limesurvey" },
    { "_submission_time", "kobotoolbox" }, { "SubmissionDate", "odk-central" },
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (sbx__hdr_has(h, 0, t[i].column)) return t[i].tool;
  return NULL;
}

const sbx__dialect *sbx__dialect_at(size_t i) {
  return i < NDIALECT ? dialects[i] : NULL;
}

static const sbx__dialect *by_json_kind(const char *kind) {
  static const struct { const char *kind, *dialect; } t[] = {
    { "kobotoolbox", "kobotoolbox" }, { "odk-odata", "odk-central" },
    { "odk-central", "odk-central" }, { "limesurvey-rc", "limesurvey" },
    { "limesurvey", "limesurvey" }, { "surveymonkey", "surveymonkey" },
    { "qualtrics", "qualtrics" },
  };
  for (size_t i = 0; kind && i < sizeof t / sizeof t[0]; i++)
    if (strcmp(kind, t[i].kind) == 0) return sbx__dialect_by_name(t[i].dialect);
  return NULL;
}

/* Record formats (JSON, LimeSurvey XML) have exactly one header row. */
static int record_format(const sbx_file_info *info) {
  return info && (strcmp(info->format, "json") == 0 || strcmp(info->format, "lsr") == 0 ||
                  strcmp(info->format, "lsa") == 0);
}

void sbx__choose_dialect(const sbx__hdr *h, const sbx_file_info *info, const char *tool,
                         const sbx__dialect **d, sbx__hdr *view, size_t *header_rows) {
  *view = *h;
  if (record_format(info) && view->nrow > 1) view->nrow = 1;
  *d = tool ? sbx__dialect_by_name(tool) : NULL;
  if (!*d && record_format(info)) *d = by_json_kind(info->json_kind);
  if (!*d) *d = sbx__detect(view);
  *header_rows = record_format(info) ? 1 : (*d)->header_rows(view);
}

const char *sbx__hdr_cell(const sbx__hdr *h, size_t row, size_t col) {
  return row < h->nrow && col < h->ncell[row] ? h->cell[row][col] : "";
}

int sbx__hdr_has(const sbx__hdr *h, size_t row, const char *name) {
  for (size_t i = 0; row < h->nrow && i < h->ncell[row]; i++)
    if (strcmp(h->cell[row][i], name) == 0) return 1;
  return 0;
}

int sbx__name_in(const char *name, const char *const *list) {
  for (; *list; list++)
    if (sbx__strcaseeq(name, *list)) return 1;
  return 0;
}

int sbx__column_key(sbx__column *c, const char *key) {
  if (!key || !*key || c->nkey == SBX_COL_KEYS) return 0;
  for (size_t i = 0; i < c->nkey; i++)
    if (strcmp(c->key[i], key) == 0) return 0;
  if (!(c->key[c->nkey] = sbx__strdup(key))) return SBX_ENOMEM;
  c->nkey++;
  return 0;
}

int sbx__column_init(sbx__column *c, const char *name, sbx__role role,
                     sbx__special special) {
  c->name = sbx__strdup(name);
  if (!c->name) return SBX_ENOMEM;
  c->role = *name ? role : SBX_ROLE_OTHER;
  c->special = special;
  return sbx__column_key(c, name);
}

/* "Heading [Row text]" -> "Row text"; LimeSurvey "Q1[SQ001]" -> "SQ001". */
static int bracket_key(sbx__column *c, const char *key) {
  size_t len = strlen(key);
  while (len && key[len - 1] == ' ') len--;
  if (len < 3 || key[len - 1] != ']') return 0;
  size_t open = len - 1;
  while (open > 0 && key[open] != '[') open--;
  if (key[open] != '[' || open == 0 || open + 2 >= len) return 0;
  char *inner = sbx__strndup(key + open + 1, len - open - 2);
  if (!inner) return SBX_ENOMEM;
  int rc = sbx__column_key(c, inner);
  sbx__free(inner);
  return rc;
}

/* Group paths: "grp/q" (KoboToolbox), "grp-q" (ODK Central) -> "q". */
static int path_key(sbx__column *c, const char *key, const char *seps) {
  const char *last = NULL;
  for (const char *p = key; *p; p++)
    if (strchr(seps, *p)) last = p;
  return last && last[1] ? sbx__column_key(c, last + 1) : 0;
}

int sbx__describe_columns(const sbx__dialect *d, const sbx__hdr *h, sbx__column **cols,
                          size_t *ncol) {
  size_t n = 0;
  for (size_t r = 0; r < h->nrow; r++)
    if (h->ncell[r] > n) n = h->ncell[r];
  *cols = NULL;
  *ncol = 0;
  sbx__column *c = sbx__calloc(n ? n : 1, sizeof *c);
  if (!c) return SBX_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    int rc = d->describe(h, i, &c[i]);
    size_t nk = c[i].nkey;
    for (size_t k = 0; rc == 0 && k < nk; k++) {
      rc = bracket_key(&c[i], c[i].key[k]);
      if (rc == 0 && d->group_sep) rc = path_key(&c[i], c[i].key[k], d->group_sep);
    }
    if (rc == 0 && !c[i].name) rc = sbx__column_init(&c[i], "", SBX_ROLE_OTHER, 0);
    if (rc) {
      sbx__columns_free(c, n);
      return rc;
    }
  }
  *cols = c;
  *ncol = n;
  return 0;
}

void sbx__columns_free(sbx__column *cols, size_t ncol) {
  for (size_t i = 0; cols && i < ncol; i++) {
    sbx__free(cols[i].name);
    for (size_t k = 0; k < cols[i].nkey; k++) sbx__free(cols[i].key[k]);
  }
  sbx__free(cols);
}

void sbx__hdr_free(sbx__hdr *h) {
  for (size_t r = 0; r < h->nrow; r++) {
    for (size_t i = 0; i < h->ncell[r]; i++) sbx__free(h->cell[r][i]);
    sbx__free(h->cell[r]);
  }
  memset(h, 0, sizeof *h);
}

static int contains_ci(const char *s, const char *word) {
  size_t n = strlen(word);
  for (; *s; s++) {
    size_t k = 0;
    while (k < n && s[k] && (s[k] | 32) == (word[k] | 32)) k++;
    if (k == n) return 1;
  }
  return 0;
}

/* Qualtrics Status codes (numeric export) and labels (label export). */
static const char *status_reason(const char *v) {
  if (strcmp(v, "1") == 0 || strcmp(v, "9") == 0 || strcmp(v, "17") == 0 ||
      contains_ci(v, "preview"))
    return "survey preview";
  if (strcmp(v, "2") == 0 || contains_ci(v, "test")) return "survey test";
  if (strcmp(v, "8") == 0 || strcmp(v, "12") == 0 || contains_ci(v, "spam"))
    return "spam";
  return NULL;
}

const char *sbx__special_reject(sbx__special sp, const char *v) {
  switch (sp) {
  case SBX_SPECIAL_STATUS: return status_reason(v);
  case SBX_SPECIAL_FINISHED:
    return strcmp(v, "0") == 0 || sbx__strcaseeq(v, "false") ? "unfinished (Finished = "
           "False)" : NULL;
  case SBX_SPECIAL_CHANNEL:
    if (sbx__strcaseeq(v, "preview")) return "survey preview";
    return sbx__strcaseeq(v, "test") ? "survey test" : NULL;
  case SBX_SPECIAL_SUBMITDATE:
    return *v ? NULL : "incomplete (empty submitdate)";
  case SBX_SPECIAL_REVIEW:
    return sbx__strcaseeq(v, "rejected") ? "rejected in review (ReviewState)" : NULL;
  case SBX_SPECIAL_VALIDATION:
    return contains_ci(v, "not_approved") || sbx__strcaseeq(v, "Not approved")
           ? "not approved in validation" : NULL;
  default: return NULL;
  }
}

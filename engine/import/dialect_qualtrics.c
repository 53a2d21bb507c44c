/* Qualtrics: the current export (three header rows: export tag, question text,
 * {"ImportId":...} JSON; columns keyed by ImportId, since tags repeat) and the legacy
 * export (two rows: V1..V10 + tags, then names and texts; BOM, trailing commas).
 * Status (previews, tests, spam) and Finished decide rejections; the seen-unanswered
 * recodes (999, -99) read as missing. docs/formats.md, "Import". */
#include "engine/import/dialect.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const import_meta[] = {
  "startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished",
  "recordedDate", "_recordId", "responseId", "recipientLastName", "recipientFirstName",
  "recipientEmail", "externalDataReference", "locationLatitude", "locationLongitude",
  "distributionChannel", "userLanguage", NULL
};

/* Auxiliary columns Qualtrics derives from a question: display order, timing,
 * meta-info. */
static const char *const aux_suffix[] = {
  "_DO", "_FIRST_CLICK", "_LAST_CLICK", "_PAGE_SUBMIT", "_CLICK_COUNT", "_BROWSER",
  "_VERSION", "_OS", "_RESOLUTION", NULL
};

/* Row 3 of the current export: {"ImportId":"QID1"}; the 2016 export wrote the same
 * object with single quotes, {'ImportId': 'QID1'}. */
static int import_row(const sbx__hdr *h) {
  const char *c = sbx__hdr_cell(h, 2, 0);
  while (*c == ' ') c++;
  return h->nrow >= 3 && (strncmp(c, "{\"ImportId\"", 11) == 0 ||
                          strncmp(c, "{'ImportId'", 11) == 0);
}

static int qx_detect(const sbx__hdr *h) { return import_row(h); }

/* Row-1 names of the response id (current, 2016 and API exports). */
static const char *const id_names[] = { "ResponseId", "ResponseID", "_recordId", NULL };
/* Row-2 texts of metadata columns: a second row holding them is a header row. */
static const char *const text_names[] = {
  "Start Date", "End Date", "Response Type", "Response ID", "Recorded Date",
  "IP Address", "Duration (in seconds)", "Distribution Channel", "User Language", NULL
};

static int starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Three rows when row 3 holds ImportIds. Without them (a file saved with one or two
 * header rows, read with --tool qualtrics) row 2 is a header only when it does not
 * hold a response: its id is not an R_/FS_ id, or it has the metadata texts. */
static size_t qx_rows(const sbx__hdr *h) {
  if (import_row(h)) return 3;
  if (h->nrow < 2) return 1;
  for (size_t i = 0; i < h->ncell[0]; i++)
    if (sbx__name_in(h->cell[0][i], id_names)) {
      const char *v = sbx__hdr_cell(h, 1, i);
      return *v && !starts(v, "R_") && !starts(v, "FS_") ? 2 : 1;
    }
  for (size_t i = 0; i < h->ncell[1]; i++)
    if (sbx__name_in(h->cell[1][i], text_names)) return 2;
  return 1;
}

/* The ImportId's value in a row-3 cell, copied; "" when there is none. Either quote. */
static char *import_id(const char *cell) {
  const char *p = strstr(cell, "ImportId");
  if (!p || p == cell || (p[-1] != '"' && p[-1] != '\'')) return sbx__strdup("");
  p += 8;
  if (*p == '"' || *p == '\'') p++;
  while (*p == ' ') p++;
  if (*p++ != ':') return sbx__strdup("");
  while (*p == ' ') p++;
  char q = *p;
  if (q != '"' && q != '\'') return sbx__strdup("");
  const char *e = strchr(p + 1, q);
  return e ? sbx__strndup(p + 1, (size_t)(e - p - 1)) : sbx__strdup("");
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Tags are the user's and often look like item ids by accident (Q1 and an item q1), so
 * they are tried last: the key the tag was put in first moves to the end. */
static void tag_last(sbx__column *c) {
  if (c->nkey < 2) return;
  char *tag = c->key[0];
  memmove(c->key, c->key + 1, (c->nkey - 1) * sizeof *c->key);
  c->key[c->nkey - 1] = tag;
}

/* "Question text - Statement" (a matrix row): the statement is a key too. */
static int statement_key(sbx__column *c, const char *text) {
  const char *dash = NULL;
  for (const char *p = strstr(text, " - "); p; p = strstr(p + 1, " - ")) dash = p;
  return dash && dash[3] ? sbx__column_key(c, dash + 3) : 0;
}

/* Row-1 names of Qualtrics' own columns, for files without the ImportId row. */
static const char *const tag_meta[] = {
  "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
  "Finished", "RecordedDate", "ResponseId", "ResponseID", "ResponseSet",
  "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
  "ExternalDataReference", "LocationLatitude", "LocationLongitude", "LocationAccuracy",
  "DistributionChannel", "UserLanguage", "Q_RecaptchaScore", "Q_RelevantIDDuplicate",
  NULL
};

static sbx__special special_of(const char *id, const char *tag) {
  if (sbx__strcaseeq(id, "_recordId") || sbx__strcaseeq(id, "responseId") ||
      (!*id && sbx__name_in(tag, id_names))) return SBX_SPECIAL_ID;
  if (sbx__strcaseeq(id, "status") || (!*id && strcmp(tag, "Status") == 0))
    return SBX_SPECIAL_STATUS;
  if (sbx__strcaseeq(id, "finished") || (!*id && strcmp(tag, "Finished") == 0))
    return SBX_SPECIAL_FINISHED;
  if (sbx__strcaseeq(id, "distributionChannel") ||
      (!*id && strcmp(tag, "DistributionChannel") == 0))
    return SBX_SPECIAL_CHANNEL;
  return SBX_SPECIAL_NONE;
}

static sbx__role role_of(const char *id, const char *tag) {
  if (sbx__name_in(id, import_meta) || (!*id && sbx__name_in(tag, tag_meta)))
    return SBX_ROLE_METADATA;
  if (*id && !strstr(id, "QID")) return SBX_ROLE_OTHER; /* embedded data, timing */
  for (size_t k = 0; aux_suffix[k]; k++)
    if (ends_with(*id ? id : tag, aux_suffix[k])) return SBX_ROLE_OTHER;
  return SBX_ROLE_QUESTION;
}

static int qx_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  size_t rows = qx_rows(h);
  char *id = import_id(rows >= 3 ? sbx__hdr_cell(h, 2, i) : "");
  if (!id) return SBX_ENOMEM;
  const char *tag = sbx__hdr_cell(h, 0, i), *text = rows >= 2 ? sbx__hdr_cell(h, 1, i) : "";
  int rc = sbx__column_init(c, tag, role_of(id, tag), special_of(id, tag));
  if (rc == 0) rc = sbx__column_key(c, text);
  if (rc == 0) rc = statement_key(c, text);
  if (rc == 0) rc = sbx__column_key(c, id);
  sbx__free(id);
  if (rc == 0) tag_last(c);
  return rc;
}

const sbx__dialect sbx__dialect_qualtrics = {
  "qualtrics", qx_detect, qx_rows, qx_describe, NULL, 1
};

static const char *const legacy_meta[] = {
  "ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress",
  "IPAddress", "Status", "StartDate", "EndDate", "Finished", "LocationLatitude",
  "LocationLongitude", "LocationAccuracy", NULL
};

static int legacy_detect(const sbx__hdr *h) {
  return h->nrow >= 2 && strcmp(sbx__hdr_cell(h, 0, 0), "V1") == 0 &&
         strcmp(sbx__hdr_cell(h, 0, 1), "V2") == 0 && sbx__hdr_has(h, 1, "ResponseID");
}

static size_t two(const sbx__hdr *h) { (void)h; return 2; }

static int is_v_tag(const char *s) {
  if (s[0] != 'V' || !s[1]) return 0;
  for (s++; *s; s++)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

static int legacy_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  const char *tag = sbx__hdr_cell(h, 0, i), *text = sbx__hdr_cell(h, 1, i);
  int meta = is_v_tag(tag) || sbx__name_in(text, legacy_meta);
  sbx__special sp = strcmp(text, "ResponseID") == 0 ? SBX_SPECIAL_ID
                  : strcmp(text, "Status") == 0 ? SBX_SPECIAL_STATUS
                  : strcmp(text, "Finished") == 0 ? SBX_SPECIAL_FINISHED : 0;
  int rc = sbx__column_init(c, is_v_tag(tag) || !*tag ? text : tag,
                            meta ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION, sp);
  if (rc == 0) rc = sbx__column_key(c, text);
  if (rc == 0) rc = statement_key(c, text);
  if (rc == 0) rc = sbx__column_key(c, tag);
  if (rc == 0 && c->nkey && strcmp(c->key[0], tag) == 0 && strcmp(tag, text) != 0)
    tag_last(c);
  return rc;
}

const sbx__dialect sbx__dialect_qualtrics_legacy = {
  "qualtrics-legacy", legacy_detect, two, legacy_describe, NULL, 1
};

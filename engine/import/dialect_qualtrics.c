/* Qualtrics: the current export (three header rows: export tag, question text,
 * {"ImportId":...} JSON; columns keyed by ImportId, since tags repeat) and the legacy
 * export (two rows: V1..V10 + tags, then names and texts; BOM, trailing commas).
 * Status (previews, tests, spam) and Finished decide rejections; the seen-unanswered
 * recodes (999, -99) read as missing. research/exports.md §1. */
#include "engine/import/dialect.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const import_meta[] = {
  "startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished",
  "recordedDate", "_recordId", "recipientLastName", "recipientFirstName",
  "recipientEmail", "externalDataReference", "locationLatitude", "locationLongitude",
  "distributionChannel", "userLanguage", NULL
};

/* Auxiliary columns Qualtrics derives from a question: display order, timing,
 * meta-info. */
static const char *const aux_suffix[] = {
  "_DO", "_FIRST_CLICK", "_LAST_CLICK", "_PAGE_SUBMIT", "_CLICK_COUNT", "_BROWSER",
  "_VERSION", "_OS", "_RESOLUTION", NULL
};

static int qx_detect(const sbx__hdr *h) {
  return h->nrow >= 3 && strncmp(sbx__hdr_cell(h, 2, 0), "{\"ImportId\"", 11) == 0;
}

static size_t three(const sbx__hdr *h) { (void)h; return 3; }

/* The ImportId's value in a row-3 cell, copied; "" when there is none. */
static char *import_id(const char *cell) {
  const char *p = strstr(cell, "\"ImportId\"");
  if (!p) return sbx__strdup("");
  p = strchr(p + 10, '"');
  if (!p) return sbx__strdup("");
  const char *e = strchr(p + 1, '"');
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

static int qx_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  char *id = import_id(sbx__hdr_cell(h, 2, i));
  if (!id) return SBX_ENOMEM;
  sbx__role role = SBX_ROLE_OTHER;
  sbx__special sp = 0;
  if (sbx__name_in(id, import_meta)) {
    role = SBX_ROLE_METADATA;
    sp = strcmp(id, "_recordId") == 0 ? SBX_SPECIAL_ID
       : strcmp(id, "status") == 0 ? SBX_SPECIAL_STATUS
       : strcmp(id, "finished") == 0 ? SBX_SPECIAL_FINISHED
       : strcmp(id, "distributionChannel") == 0 ? SBX_SPECIAL_CHANNEL : 0;
  } else if (strstr(id, "QID")) {
    role = SBX_ROLE_QUESTION;
    for (size_t k = 0; aux_suffix[k]; k++)
      if (ends_with(id, aux_suffix[k])) role = SBX_ROLE_OTHER;
  }
  int rc = sbx__column_init(c, sbx__hdr_cell(h, 0, i), role, sp);
  if (rc == 0) rc = sbx__column_key(c, sbx__hdr_cell(h, 1, i));
  if (rc == 0) rc = statement_key(c, sbx__hdr_cell(h, 1, i));
  if (rc == 0) rc = sbx__column_key(c, id);
  free(id);
  if (rc == 0) tag_last(c);
  return rc;
}

const sbx__dialect sbx__dialect_qualtrics = {
  "qualtrics", qx_detect, three, qx_describe, NULL, 1
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

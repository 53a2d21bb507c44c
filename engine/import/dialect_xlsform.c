/* XLSForm tools: KoboToolbox (';', all quoted, group paths `g/q`, metadata _id, _uuid,
 * _submission_time, ... and an optional HXL tag row) and ODK Central (group paths
 * `grp-q`, SubmissionDate first, KEY ... ReviewState last; rows rejected in review are
 * rejected). Also their JSON (Kobo data.json, OData) as the readers flatten it (nested
 * groups joined with "/").
 * docs/formats.md, "Import". */
#include "engine/import/dialect.h"
#include "surveys/util.h"

#include <string.h>

/* XLSForm metadata question types: the form fills them in, nobody answers them. */
static const char *const kobo_meta[] = {
  "start", "end", "today", "deviceid", "username", "phonenumber", "simserial",
  "subscriberid", "audit", "instanceID", "email", "start-geopoint", "background-audio",
  "instanceName",
  "sixbox_intro", "sixbox_promise", /* our questionnaires' notes (codes.h) */
  NULL
};

static int kobo_detect(const sbx__hdr *h) {
  return h->nrow > 0 && sbx__hdr_has(h, 0, "_uuid") &&
         sbx__hdr_has(h, 0, "_submission_time");
}

/* A second row of HXL hashtags (#date, #adm1+name) is a header row too. */
static size_t kobo_rows(const sbx__hdr *h) {
  size_t tags = 0;
  for (size_t i = 0; h->nrow >= 2 && i < h->ncell[1]; i++) {
    const char *v = h->cell[1][i];
    if (*v && *v != '#') return 1;
    tags += *v == '#';
  }
  return tags ? 2 : 1;
}

static int kobo_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  const char *name = sbx__hdr_cell(h, 0, i);
  int meta = name[0] == '_' || sbx__name_in(name, kobo_meta) ||
             strncmp(name, "meta/", 5) == 0 || strncmp(name, "formhub/", 8) == 0;
  sbx__special sp = strcmp(name, "_uuid") == 0 ? SBX_SPECIAL_ID
                  : strncmp(name, "_validation_status", 18) == 0 ? SBX_SPECIAL_VALIDATION
                  : 0;
  if (sp == SBX_SPECIAL_VALIDATION && name[18] && strcmp(name + 18, "/uid") != 0) sp = 0;
  return sbx__column_init(c, name, meta ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION, sp);
}

const sbx__dialect sbx__dialect_kobotoolbox = {
  "kobotoolbox", kobo_detect, kobo_rows, kobo_describe, "/", 0
};

static const char *const odk_meta[] = {
  "SubmissionDate", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
  "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
  "PARENT_KEY", "instanceID", "instanceName", "deprecatedID", NULL
};

static int odk_detect(const sbx__hdr *h) {
  return h->nrow > 0 && strcmp(sbx__hdr_cell(h, 0, 0), "SubmissionDate") == 0 &&
         sbx__hdr_has(h, 0, "KEY") &&
         (sbx__hdr_has(h, 0, "SubmitterID") || sbx__hdr_has(h, 0, "meta-instanceID"));
}

static size_t one(const sbx__hdr *h) { (void)h; return 1; }

static const char *last_part(const char *name) {
  const char *p = strrchr(name, '/');
  return p ? p + 1 : name;
}

static int odk_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  const char *name = sbx__hdr_cell(h, 0, i);
  /* the form's own metadata fields (start, end, today, deviceid, ...) as well */
  int meta = sbx__name_in(name, odk_meta) || sbx__name_in(last_part(name), kobo_meta) ||
             strncmp(name, "meta-", 5) == 0 || strncmp(name, "__", 2) == 0 ||
             strncmp(name, "meta/", 5) == 0;
  sbx__special sp = strcmp(name, "KEY") == 0 || strcmp(name, "__id") == 0
                    ? SBX_SPECIAL_ID
                    : sbx__strcaseeq(last_part(name), "ReviewState") ? SBX_SPECIAL_REVIEW
                    : 0;
  return sbx__column_init(c, name, meta ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION, sp);
}

const sbx__dialect sbx__dialect_odk_central = {
  "odk-central", odk_detect, one, odk_describe, "-/", 0
};

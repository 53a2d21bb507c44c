/* SurveyMonkey CSV/XLSX: two header rows. Row 1 holds the question text on the first
 * column of each question's block (blank on the continuation columns, so it is
 * carried forward); row 2 holds "Response", "Open-Ended Response" or the matrix row /
 * choice label. Respondent ID, Collector ID, dates, IP, e-mail and names are
 * metadata. docs/formats.md, "Import". */
#include "engine/import/dialect.h"
#include "surveys/model.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const sm_meta[] = {
  "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
  "Email Address", "First Name", "Last Name", "Custom Data", "RespondentID",
  "CollectorID", "StartDate", "EndDate", "IPAddress", "EmailAddress", "FirstName",
  "LastName", "CustomData",
  /* the header the reader makes of API v3 bulk responses (reader.h) */
  "id", "collector_id", "survey_id", "response_status", "date_created", "date_modified",
  "total_time", "ip_address", "email_address", "first_name", "last_name", "custom_value",
  NULL
};
static const char *const sm_id[] = { "Respondent ID", "RespondentID", "id", NULL };
static const char *const sm_end[] = { "End Date", "EndDate", "date_modified", NULL };
static const char *const sm_plain[] = { "Response", "Open-Ended Response", "", NULL };

/* The column of the respondent id, or SBX_NONE. */
static size_t id_column(const sbx__hdr *h) {
  for (size_t i = 0; h->nrow > 0 && i < h->ncell[0]; i++)
    if (sbx__name_in(h->cell[0][i], sm_id)) return i;
  return SBX_NONE;
}

/* Row 2 is SurveyMonkey's second header row: "Response" / "Open-Ended Response" in
 * it, or nothing under the respondent id (a response always has one). */
static int second_header(const sbx__hdr *h) {
  if (h->nrow < 2) return 0;
  if (sbx__hdr_has(h, 1, "Response") || sbx__hdr_has(h, 1, "Open-Ended Response")) return 1;
  size_t id = id_column(h);
  return id != SBX_NONE && !*sbx__hdr_cell(h, 1, id);
}

static int sm_detect(const sbx__hdr *h) { return id_column(h) != SBX_NONE && second_header(h); }

/* Two rows, unless --tool surveymonkey is given a file saved with one. */
static size_t sm_rows(const sbx__hdr *h) { return second_header(h) ? 2 : 1; }

static int sm_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  size_t q = i;
  while (q > 0 && !*sbx__hdr_cell(h, 0, q)) q--;
  int two = second_header(h);
  if (!two) q = i; /* one header row: every column names itself */
  const char *text = sbx__hdr_cell(h, 0, q), *sub = two ? sbx__hdr_cell(h, 1, i) : "";
  int meta = sbx__name_in(text, sm_meta) || strncmp(text, "Custom Data", 11) == 0 ||
             strncmp(text, "CustomData", 10) == 0 || strncmp(text, "custom_variables/", 17) == 0;
  sbx__special sp = sbx__name_in(text, sm_id) ? SBX_SPECIAL_ID
                  : sbx__name_in(text, sm_end) ? SBX_SPECIAL_TIMESTAMP : 0;
  if (meta || sbx__name_in(sub, sm_plain))
    return sbx__column_init(c, text, meta ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION, sp);
  char *name = sbx__asprintf("%s [%s]", text, sub);
  if (!name) return SBX_ENOMEM;
  int rc = sbx__column_init(c, name, SBX_ROLE_QUESTION, 0);
  sbx__free(name);
  if (rc == 0) rc = sbx__column_key(c, sub);
  return rc;
}

const sbx__dialect sbx__dialect_surveymonkey = {
  "surveymonkey", sm_detect, sm_rows, sm_describe, NULL, 0
};

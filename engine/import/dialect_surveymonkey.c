/* SurveyMonkey CSV/XLSX: two header rows. Row 1 holds the question text on the first
 * column of each question's block (blank on the continuation columns, so it is
 * carried forward); row 2 holds "Response", "Open-Ended Response" or the matrix row /
 * choice label. Respondent ID, Collector ID, dates, IP, e-mail and names are
 * metadata. research/exports.md §2. */
#include "engine/import/dialect.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const sm_meta[] = {
  "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
  "Email Address", "First Name", "Last Name", "Custom Data", NULL
};
static const char *const sm_plain[] = { "Response", "Open-Ended Response", "", NULL };

static int sm_detect(const sbx__hdr *h) {
  return h->nrow >= 2 && sbx__hdr_has(h, 0, "Respondent ID") &&
         (sbx__hdr_has(h, 1, "Response") || sbx__hdr_has(h, 1, "Open-Ended Response"));
}

static size_t two(const sbx__hdr *h) { (void)h; return 2; }

static int sm_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  size_t q = i;
  while (q > 0 && !*sbx__hdr_cell(h, 0, q)) q--;
  const char *text = sbx__hdr_cell(h, 0, q), *sub = sbx__hdr_cell(h, 1, i);
  int meta = sbx__name_in(text, sm_meta) || strncmp(text, "Custom Data", 11) == 0;
  sbx__special sp = strcmp(text, "Respondent ID") == 0 ? SBX_SPECIAL_ID : 0;
  if (meta || sbx__name_in(sub, sm_plain))
    return sbx__column_init(c, text, meta ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION, sp);
  char *name = sbx__asprintf("%s [%s]", text, sub);
  if (!name) return SBX_ENOMEM;
  int rc = sbx__column_init(c, name, SBX_ROLE_QUESTION, 0);
  free(name);
  if (rc == 0) rc = sbx__column_key(c, sub);
  return rc;
}

const sbx__dialect sbx__dialect_surveymonkey = {
  "surveymonkey", sm_detect, two, sm_describe, NULL, 0
};

/* LimeSurvey CSV (BOM, ';', every field quoted): code headings (id, submitdate,
 * lastpage, startlanguage, seed, ..., `Q1[SQ001]`) or full headings ("Response ID",
 * "Date submitted", ..., "Question [Subquestion]"). An empty submitdate marks an
 * incomplete response. The .lsr XML names columns in SGQA form. research/exports.md §5. */
#include "engine/import/dialect.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const ls_meta[] = {
  "id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
  "ipaddr", "refurl", "token", "Response ID", "Date submitted", "Last page",
  "Start language", "Seed", "Date started", "Date last action", "IP address",
  "Referrer URL", "Token", "interviewtime", "Total time", NULL
};

static int ls_detect(const sbx__hdr *h) {
  return h->nrow > 0 &&
         ((sbx__hdr_has(h, 0, "id") && sbx__hdr_has(h, 0, "submitdate") &&
           sbx__hdr_has(h, 0, "lastpage") && sbx__hdr_has(h, 0, "startlanguage")) ||
          (sbx__hdr_has(h, 0, "Response ID") && sbx__hdr_has(h, 0, "Date submitted") &&
           sbx__hdr_has(h, 0, "Last page") && sbx__hdr_has(h, 0, "Start language")));
}

static size_t one(const sbx__hdr *h) { (void)h; return 1; }

/* Q1[SQ001] -> also Q1_SQ001 (Expression Manager code) and Q1SQ001. */
static int code_keys(sbx__column *c, const char *name) {
  const char *open = strchr(name, '[');
  size_t len = strlen(name);
  if (!open || open == name || name[len - 1] != ']' || strchr(open + 1, '[')) return 0;
  char *em = sbx__asprintf("%.*s_%.*s", (int)(open - name), name,
                           (int)(len - (size_t)(open - name) - 2), open + 1);
  char *sgq = sbx__asprintf("%.*s%.*s", (int)(open - name), name,
                            (int)(len - (size_t)(open - name) - 2), open + 1);
  int rc = em && sgq ? sbx__column_key(c, em) : SBX_ENOMEM;
  if (rc == 0) rc = sbx__column_key(c, sgq);
  free(em);
  free(sgq);
  return rc;
}

/* SGQA names of the .lsr XML and the database, <sid>X<gid>X<qid><subcode>: the
 * subquestion code is a key ("293446X20X245anwesenheit" -> "anwesenheit"). */
static int sgqa_key(sbx__column *c, const char *name) {
  const char *p = name;
  for (int part = 0; part < 3; part++) {
    const char *d = p;
    while (*p >= '0' && *p <= '9') p++;
    if (p == d || (part < 2 && *p++ != 'X')) return 0;
  }
  return *p ? sbx__column_key(c, p) : 0;
}

static int ls_describe(const sbx__hdr *h, size_t i, sbx__column *c) {
  const char *name = sbx__hdr_cell(h, 0, i);
  int meta = sbx__name_in(name, ls_meta) || strncmp(name, "Question time: ", 15) == 0 ||
             strncmp(name, "Group time: ", 12) == 0;
  sbx__special sp = strcmp(name, "id") == 0 || strcmp(name, "Response ID") == 0
                    ? SBX_SPECIAL_ID
                    : strcmp(name, "submitdate") == 0 || strcmp(name, "Date submitted") == 0
                    ? SBX_SPECIAL_SUBMITDATE : 0;
  int rc = sbx__column_init(c, name, meta ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION, sp);
  if (rc == 0) rc = code_keys(c, name);
  if (rc == 0) rc = sgqa_key(c, name);
  return rc;
}

const sbx__dialect sbx__dialect_limesurvey = {
  "limesurvey", ls_detect, one, ls_describe, NULL, 0
};

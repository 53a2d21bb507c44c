/* LimeSurvey CSV (BOM, ';', every field quoted): code headings (id, submitdate,
 * lastpage, startlanguage, seed, ..., `Q1[SQ001]`) or full headings ("Response ID",
 * "Date submitted", ..., "Question [Subquestion]"). An empty submitdate marks an
 * incomplete response. "Question code & question text" headings ("id. Response ID",
 * "q1[SQ001]. Text [Sub]") are read by their code. The .lsr XML names columns in SGQA form.
 * docs/formats.md, "Import". */
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

/* "Question code & question text" headings: "id. Response ID", "q1[SQ001]. Text
 * [Sub]". The code is what comes before the first ". " when it has no space. */
static size_t code_len(const char *name) {
  const char *dot = strstr(name, ". ");
  if (!dot || dot == name) return 0;
  for (const char *p = name; p < dot; p++)
    if (*p == ' ') return 0;
  return (size_t)(dot - name);
}

/* The heading's code (the whole heading when it has none) into buf. */
static const char *code_of(const char *name, char *buf, size_t size) {
  size_t n = code_len(name);
  if (n == 0 || n >= size) return name;
  memcpy(buf, name, n);
  buf[n] = '\0';
  return buf;
}

static int has_code(const sbx__hdr *h, const char *code) {
  char buf[64];
  for (size_t i = 0; h->nrow > 0 && i < h->ncell[0]; i++)
    if (strcmp(code_of(h->cell[0][i], buf, sizeof buf), code) == 0) return 1;
  return 0;
}

static int ls_detect(const sbx__hdr *h) {
  return h->nrow > 0 &&
         ((has_code(h, "id") && has_code(h, "submitdate") && has_code(h, "lastpage") &&
           has_code(h, "startlanguage")) ||
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
  sbx__free(em);
  sbx__free(sgq);
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
  const char *heading = sbx__hdr_cell(h, 0, i);
  char buf[256];
  const char *name = code_of(heading, buf, sizeof buf);
  int meta = sbx__name_in(name, ls_meta) || strncmp(name, "Question time: ", 15) == 0 ||
             strncmp(name, "Group time: ", 12) == 0;
  sbx__special sp = strcmp(name, "id") == 0 || strcmp(name, "Response ID") == 0
                    ? SBX_SPECIAL_ID
                    : strcmp(name, "submitdate") == 0 || strcmp(name, "Date submitted") == 0
                    ? SBX_SPECIAL_SUBMITDATE : 0;
  int rc = sbx__column_init(c, heading, meta ? SBX_ROLE_METADATA : SBX_ROLE_QUESTION, sp);
  if (rc == 0 && name != heading) { /* the code before the text: tried first */
    rc = sbx__column_key(c, name);
    if (rc == 0 && c->nkey == 2) {
      char *t = c->key[0];
      c->key[0] = c->key[1];
      c->key[1] = t;
    }
    if (rc == 0) rc = sbx__column_key(c, heading + strlen(name) + 2);
  }
  if (rc == 0) rc = code_keys(c, name);
  if (rc == 0) rc = sgqa_key(c, name);
  return rc;
}

const sbx__dialect sbx__dialect_limesurvey = {
  "limesurvey", ls_detect, one, ls_describe, NULL, 0
};

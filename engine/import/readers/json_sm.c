/* SurveyMonkey API v3 bulk responses (data[].pages[].questions[].answers[]), which
 * carry only ids: the survey details (GET /v3/surveys/{id}/details, the companion
 * file) name them. Header: the response's own fields, custom variables, then one
 * column per question ("Heading"), per matrix row ("Heading [Row]") and per "other"
 * box ("Heading [Other]"); cells are choice texts ("; " between several) or text. */
#include "engine/import/readers/jsonread.h"

#include <stdlib.h>
#include <string.h>

static const char *const META[] = {"id", "collector_id", "survey_id", "response_status",
                                   "date_created", "date_modified", "total_time",
                                   "ip_address", "email_address", "first_name", "last_name",
                                   "custom_value"};
#define NMETA (sizeof META / sizeof META[0])

typedef struct sm {
  sbx__rd *rd;
  sbx__table t;
  json_t *choice;  /* choice id -> text */
  json_t *col;     /* "q<qid>", "r<qid>/<rowid>", "o<qid>" -> column */
  int warned;
} sm;

/* An id (string or number) copied into buf. */
static const char *id_of(const json_t *v, char *buf, size_t size) {
  const char *s = v ? sbx__json_scalar(v, buf, size) : NULL;
  if (s != buf) snprintf(buf, size, "%s", s ? s : "");
  return buf;
}

/* Registers a column under lookup key k, its name made unique if a heading repeats. */
static int add_col(sm *s, const char *k, const char *name, const char *qid) {
  size_t col;
  char *unique = NULL;
  if (json_object_get(s->t.index, name)) name = unique = sbx__asprintf("%s (%s)", name, qid);
  int rc = name ? sbx__table_col(&s->t, name, &col) : SBX_ENOMEM;
  if (!rc && json_object_set_new(s->col, k, json_integer((json_int_t)col))) rc = SBX_ENOMEM;
  sbx__free(unique);
  if (rc == SBX_ENOMEM)
    return sbx__error(s->rd->ctx, rc, s->rd->source, 0, NULL, "out of memory");
  return rc;
}

/* Returns 0 or SBX_ENOMEM: a choice left out would show as its id. */
static int add_choices(sm *s, const json_t *choices) {
  size_t i;
  json_t *c;
  char buf[64];
  json_array_foreach(choices, i, c) {
    json_t *text = json_object_get(c, "text");
    if (json_is_string(text) &&
        json_object_set(s->choice, id_of(json_object_get(c, "id"), buf, sizeof buf), text))
      return SBX_ENOMEM;
  }
  return 0;
}

/* The columns of one question of the details. */
static int question_cols(sm *s, const json_t *q) {
  char qid[64], rid[64], key[160], *name;
  const char *heading = json_string_value(
      json_object_get(json_array_get(json_object_get(q, "headings"), 0), "heading"));
  json_t *ans = json_object_get(q, "answers"), *rows = json_object_get(ans, "rows"), *r;
  size_t i;
  int rc = 0;
  id_of(json_object_get(q, "id"), qid, sizeof qid);
  if (!heading) heading = qid;
  rc = add_choices(s, json_object_get(ans, "choices"));
  json_array_foreach(json_object_get(ans, "cols"), i, r) { /* matrix of menus */
    if (!rc) rc = add_choices(s, json_object_get(r, "choices"));
  }
  if (rc) return sbx__error(s->rd->ctx, rc, s->rd->source, 0, NULL, "out of memory");
  if (json_array_size(rows) == 0) {
    snprintf(key, sizeof key, "q%s", qid);
    rc = add_col(s, key, heading, qid);
  }
  json_array_foreach(rows, i, r) {
    if (rc) break;
    const char *text = json_string_value(json_object_get(r, "text"));
    snprintf(key, sizeof key, "r%s/%s", qid, id_of(json_object_get(r, "id"), rid, sizeof rid));
    if (!(name = sbx__asprintf("%s [%s]", heading, text ? text : rid))) return SBX_ENOMEM;
    rc = add_col(s, key, name, qid);
    sbx__free(name);
  }
  json_t *other = json_object_get(ans, "other");
  if (!rc && json_is_object(other)) {
    const char *text = json_string_value(json_object_get(other, "text"));
    snprintf(key, sizeof key, "o%s", qid);
    if (!(name = sbx__asprintf("%s [%s]", heading, text && *text ? text : "Other")))
      return SBX_ENOMEM;
    rc = add_col(s, key, name, qid);
    sbx__free(name);
  }
  return rc;
}

static int columns(sm *s, const json_t *details, const json_t *data) {
  size_t i, j, col;
  json_t *p, *q, *resp;
  int rc = 0;
  for (i = 0; i < NMETA && !rc; i++) rc = sbx__table_col(&s->t, META[i], &col);
  json_array_foreach(data, i, resp) { /* custom variables: passed in the survey link */
    const char *k;
    json_t *v;
    char name[300];
    json_object_foreach(json_object_get(resp, "custom_variables"), k, v) {
      snprintf(name, sizeof name, "custom_variables/%s", k);
      if (!rc) rc = sbx__table_col(&s->t, name, &col);
    }
  }
  json_array_foreach(json_object_get(details, "pages"), i, p) {
    json_array_foreach(json_object_get(p, "questions"), j, q) {
      if (!rc) rc = question_cols(s, q);
    }
  }
  return rc;
}

static int put_col(sm *s, const char *key, const char *text) {
  json_t *c = json_object_get(s->col, key);
  if (!c) {
    if (!s->warned++)
      sbx__warning(s->rd->ctx, SBX_EDATA, s->rd->source, 0, key + 1,
                   "an answer names a question or row the survey details lack; are the "
                   "details of the same survey? Such answers are left out");
    return 0;
  }
  return sbx__table_put(&s->t, (size_t)json_integer_value(c), text, strlen(text), "; ");
}

static int put_answer(sm *s, const char *qid, const json_t *a) {
  char buf[64], key[160];
  json_t *choice = json_object_get(a, "choice_id"), *row = json_object_get(a, "row_id");
  const char *text = json_string_value(json_object_get(a, "text"));
  int rc = 0;
  if (row) snprintf(key, sizeof key, "r%s/%s", qid, id_of(row, buf, sizeof buf));
  else snprintf(key, sizeof key, "q%s", qid);
  if (choice) {
    const char *id = id_of(choice, buf, sizeof buf);
    const char *ct = json_string_value(json_object_get(s->choice, id));
    rc = put_col(s, key, ct ? ct : id);
  }
  if (!rc && text) {
    char okey[160];
    snprintf(okey, sizeof okey, "o%s", qid);
    int other = json_object_get(a, "other_id") || choice;
    rc = put_col(s, other && json_object_get(s->col, okey) ? okey : key, text);
  }
  return rc;
}

static int response_row(sm *s, const json_t *resp, size_t n) {
  char buf[64], name[300];
  size_t i, j, k, col;
  json_t *p, *q, *a;
  int rc = 0;
  for (i = 0; i < NMETA && !rc; i++) {
    const char *v = sbx__json_scalar(json_object_get(resp, META[i]), buf, sizeof buf);
    if (v && json_object_get(resp, META[i]) && !(rc = sbx__table_col(&s->t, META[i], &col)))
      rc = sbx__table_put(&s->t, col, v, strlen(v), NULL);
  }
  const char *key;
  json_t *v;
  json_object_foreach(json_object_get(resp, "custom_variables"), key, v) {
    const char *text = sbx__json_scalar(v, buf, sizeof buf);
    snprintf(name, sizeof name, "custom_variables/%s", key);
    if (!rc && text && !(rc = sbx__table_col(&s->t, name, &col)))
      rc = sbx__table_put(&s->t, col, text, strlen(text), NULL);
  }
  json_array_foreach(json_object_get(resp, "pages"), i, p) {
    json_array_foreach(json_object_get(p, "questions"), j, q) {
      char qid[64];
      id_of(json_object_get(q, "id"), qid, sizeof qid);
      json_array_foreach(json_object_get(q, "answers"), k, a) {
        if (!rc) rc = put_answer(s, qid, a);
      }
    }
  }
  return rc ? rc : sbx__table_row(&s->t, sbx__line32(n + 2));
}

static int load_details(sbx__rd *rd, const json_t *root, json_t **out) {
  char *data;
  size_t len;
  json_error_t err;
  *out = NULL;
  /* `sixbox fetch` stores the details beside the responses in one file. */
  json_t *embedded = json_object_get(root, "details");
  if (!rd->companion && json_is_array(json_object_get(embedded, "pages"))) {
    *out = json_incref(embedded);
    return 0;
  }
  if (!rd->companion)
    return sbx__error(rd->ctx, SBX_EUSAGE, rd->source, 0, NULL,
                      "SurveyMonkey responses name questions by id only: give the survey "
                      "details (GET /v3/surveys/{id}/details) beside them");
  int rc = sbx__read_file(rd->companion, SBX_IMPORT_MAX_JSON, &data, &len, rd->ctx);
  if (rc) return rc;
  *out = json_loadb(data, len, 0, &err);
  sbx__free(data);
  if (!*out && json_error_code(&err) == json_error_out_of_memory)
    return sbx__error(rd->ctx, SBX_ENOMEM, rd->companion, 0, NULL, "out of memory");
  if (!*out || !json_is_array(json_object_get(*out, "pages"))) {
    json_decref(*out);
    *out = NULL;
    return sbx__error(rd->ctx, SBX_EDATA, rd->companion, err.line > 0 ? err.line : 0, NULL,
                      "not SurveyMonkey survey details (no \"pages\")");
  }
  return 0;
}

int sbx__read_json_surveymonkey(sbx__rd *rd, const json_t *root) {
  sm s;
  json_t *details, *data = json_object_get(root, "data"), *resp;
  size_t i;
  memset(&s, 0, sizeof s);
  s.rd = rd;
  int rc = load_details(rd, root, &details);
  if (rc) return rc;
  s.choice = json_object();
  s.col = json_object();
  rc = sbx__table_init(&s.t, rd);
  if (!rc && (!s.choice || !s.col))
    rc = sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, NULL, "out of memory");
  if (!rc) rc = columns(&s, details, data);
  if (!rc) rc = sbx__table_header(&s.t);
  json_array_foreach(data, i, resp) {
    if (rc || rd->stop) break;
    rc = response_row(&s, resp, i);
  }
  sbx__table_free(&s.t);
  json_decref(s.choice);
  json_decref(s.col);
  json_decref(details);
  return rc;
}

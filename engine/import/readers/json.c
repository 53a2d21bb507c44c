/* JSON exports (jansson): tells KoboToolbox data.json ("results"), ODK Central OData
 * ("value"), SurveyMonkey v3 bulk responses ("data" with "pages"), LimeSurvey
 * RemoteControl export_responses (a JSON-RPC result or bare string of base64, read
 * again as CSV or JSON) and LimeSurvey/Qualtrics "responses" apart. Records become a
 * header row (the union of their flattened field names) and one row each: nested
 * objects give "group/field" names, arrays are kept as compact JSON text. */
#include "engine/import/readers/jsonread.h"

#include <stdlib.h>
#include <string.h>

#define MAX_KEY 4096

static void set_kind(sbx__rd *rd, const char *kind) {
  snprintf(rd->info->json_kind, sizeof rd->info->json_kind, "%s", kind);
}

/* Adds (fill == 0: registers the columns of) one value under key. */
static int flatten(sbx__table *t, const json_t *v, char *key, size_t klen, int fill) {
  char num[64];
  if (json_is_object(v)) {
    const char *k;
    json_t *sub;
    json_object_foreach((json_t *)v, k, sub) {
      size_t n = strlen(k), extra = klen ? 1 : 0;
      if (klen + extra + n >= MAX_KEY)
        return sbx__error(t->rd->ctx, SBX_ELIMIT, t->rd->source, 0, NULL,
                          "a field name is longer than %d bytes; refused", MAX_KEY);
      if (extra) key[klen] = '/';
      memcpy(key + klen + extra, k, n + 1);
      int rc = flatten(t, sub, key, klen + extra + n, fill);
      key[klen] = '\0';
      if (rc) return rc;
    }
    return 0;
  }
  size_t col;
  int rc = sbx__table_col(t, key, &col);
  if (rc || !fill) return rc;
  if (col < t->vcap && t->set[col]) /* "g/i1" beside "g": {"i1": ...}: never glued */
    return sbx__warning(t->rd->ctx, SBX_EDATA, t->rd->source, (long)t->rec + 1, key,
                        "record %zu has the field '%s' twice (a name with '/' and a "
                        "nested object); the first value is kept", t->rec, key), 0;
  const char *s = sbx__json_scalar(v, num, sizeof num);
  if (s) return sbx__table_put(t, col, s, strlen(s), NULL);
  char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
  if (!text) return sbx__error(t->rd->ctx, SBX_ENOMEM, t->rd->source, 0, NULL, "out of memory");
  rc = sbx__table_put(t, col, text, strlen(text), NULL);
  sbx__json_free(text);
  return rc;
}

/* The record proper: LimeSurvey's JSON wraps each one as {"<id>": {...}}, Qualtrics
 * keeps answers under "values". */
static int flatten_record(sbx__table *t, const json_t *rec, int fill) {
  char key[MAX_KEY] = "";
  if (json_object_size(rec) == 1) {
    const char *k = json_object_iter_key(json_object_iter((json_t *)rec));
    json_t *inner = json_object_get(rec, k);
    if (json_is_object(inner) && k[0] >= '0' && k[0] <= '9') rec = inner;
  }
  json_t *values = json_object_get(rec, "values");
  if (json_is_object(values) && json_object_get(rec, "responseId")) {
    int rc = flatten(t, json_object_get(rec, "responseId"), strcpy(key, "responseId"), 10, fill);
    key[0] = '\0';
    return rc ? rc : flatten(t, values, key, 0, fill);
  }
  return flatten(t, rec, key, 0, fill);
}

static int read_records(sbx__rd *rd, const json_t *arr) {
  sbx__table t;
  size_t i;
  json_t *rec;
  if (json_array_size(arr) == 0)
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL, "the export holds no records");
  int rc = sbx__table_init(&t, rd);
  json_array_foreach(arr, i, rec) {
    if (rc) break;
    if (!json_is_object(rec))
      rc = sbx__error(rd->ctx, SBX_EDATA, rd->source, (long)i + 2, NULL,
                      "record %zu is not a JSON object", i + 1);
    else
      rc = flatten_record(&t, rec, 0);
  }
  if (!rc) rc = sbx__table_header(&t);
  json_array_foreach(arr, i, rec) {
    if (rc || rd->stop) break;
    t.rec = i + 1;
    if (!(rc = flatten_record(&t, rec, 1))) rc = sbx__table_row(&t, sbx__line32(i + 2));
  }
  sbx__table_free(&t);
  return rc;
}

/* A LimeSurvey RemoteControl result: base64 of the export, read as a file of its own. */
static int read_rc_result(sbx__rd *rd, const json_t *result) {
  if (json_is_object(result) && json_is_string(json_object_get(result, "status")))
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                      "LimeSurvey answered \"%s\" instead of responses",
                      json_string_value(json_object_get(result, "status")));
  if (!json_is_string(result))
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                      "the JSON-RPC result is not an export");
  char *dec;
  size_t n;
  int rc = sbx__rd_base64_decode(&dec, &n, json_string_value(result), json_string_length(result));
  if (rc)
    return sbx__error(rd->ctx, rc, rd->source, 0, NULL,
                      rc == SBX_ENOMEM ? "out of memory" : "the result is not valid base64");
  set_kind(rd, "limesurvey-rc");
  sbx__src src;
  sbx__src_mem(&src, dec, n, rd->source, rd->ctx);
  rc = sbx__read_src(rd, &src);
  set_kind(rd, "limesurvey-rc");
  snprintf(rd->info->format, sizeof rd->info->format, "json");
  sbx__free(dec);
  return rc;
}

static int is_surveymonkey(const json_t *data) {
  json_t *first = json_array_get(data, 0);
  return json_is_object(first) && json_is_array(json_object_get(first, "pages"));
}

static int dispatch(sbx__rd *rd, const json_t *root) {
  json_t *a;
  if (json_is_string(root)) return read_rc_result(rd, root);
  if (json_is_array(root)) return set_kind(rd, "records"), read_records(rd, root);
  if (!json_is_object(root)) goto unknown;
  if (json_object_get(root, "result") &&
      (json_object_get(root, "id") || json_object_get(root, "error")))
    return read_rc_result(rd, json_object_get(root, "result"));
  if (json_is_array(a = json_object_get(root, "results")))
    return set_kind(rd, "kobotoolbox"), read_records(rd, a);
  if (json_is_array(a = json_object_get(root, "value")))
    return set_kind(rd, "odk-odata"), read_records(rd, a);
  if (json_is_array(a = json_object_get(root, "data")) && is_surveymonkey(a))
    return set_kind(rd, "surveymonkey"), sbx__read_json_surveymonkey(rd, root);
  if (json_is_array(a = json_object_get(root, "responses"))) {
    json_t *first = json_array_get(a, 0);
    set_kind(rd, json_object_get(first, "responseId") ? "qualtrics" : "limesurvey");
    return read_records(rd, a);
  }
unknown:
  return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                    "JSON that is not a known response export (KoboToolbox data, ODK "
                    "OData, SurveyMonkey bulk responses, LimeSurvey RemoteControl)");
}

/* Parses the export; a number too large (read as its text) or a duplicate key (named
 * per record, the last value kept) does not cost the whole file. *fixed is the copy
 * with quoted numbers, when one was made. */
static json_t *load(sbx__rd *rd, const char *data, size_t len, char **fixed,
                    json_error_t *err) {
  size_t flags = JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, flen;
  json_t *root = json_loadb(data, len, flags, err);
  for (int pass = 0; !root && pass < 2; pass++) {
    if (json_error_code(err) == json_error_numeric_overflow && !*fixed) {
      if (sbx__json_quote_big_numbers(data, len, fixed, &flen)) return NULL;
      data = *fixed;
      len = flen;
    } else if (json_error_code(err) == json_error_duplicate_key &&
               (flags & JSON_REJECT_DUPLICATES)) {
      if (sbx__json_report_dups(rd, data, len)) return NULL;
      flags &= ~(size_t)JSON_REJECT_DUPLICATES;
    } else {
      break;
    }
    root = json_loadb(data, len, flags, err);
  }
  return root;
}

int sbx__read_json(sbx__rd *rd, const char *data, size_t len) {
  json_error_t err;
  snprintf(rd->info->format, sizeof rd->info->format, "json");
  snprintf(rd->info->encoding, sizeof rd->info->encoding, "utf-8");
  if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 1, NULL,
                      "JSON in UTF-16; JSON exports are UTF-8: save the file as UTF-8");
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
    data += 3;
    len -= 3;
    snprintf(rd->info->encoding, sizeof rd->info->encoding, "utf-8-bom");
  }
  char *fixed = NULL;
  json_t *root = load(rd, data, len, &fixed, &err);
  if (!root) {
    sbx__free(fixed);
    if (json_error_code(&err) == json_error_out_of_memory)
      return sbx__error(rd->ctx, SBX_ENOMEM, rd->source, 0, NULL, "out of memory");
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, err.line, NULL,
                      "not valid JSON: %s; the file is damaged or incomplete", err.text);
  }
  int rc = dispatch(rd, root);
  json_decref(root);
  sbx__free(fixed);
  if (!rc && !rd->stop && rd->row == 0)
    rc = sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL, "the export holds no records");
  return rc;
}

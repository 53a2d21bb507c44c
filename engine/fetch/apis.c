/* The API drivers: Google Sheets / generic / ODK Central (one GET), Qualtrics v3
 * export-responses (start, poll, download the zip), LimeSurvey RemoteControl 2
 * (JSON-RPC: session key, export_responses as base64, release), KoboToolbox v2
 * data.json and SurveyMonkey v3 bulk responses (paging; SurveyMonkey with the survey
 * details the importer needs to name questions and choices). Formats: docs/formats.md, "Downloading exports". */
#include "engine/fetch/apis.h"
#include "engine/import/readers/readers.h"
#include "surveys/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PAGES 10000

static int looks_html(const sbx_http_resp *rs, const char *head) {
  if (strstr(rs->content_type, "text/html")) return 1;
  while (*head == ' ' || *head == '\n' || *head == '\r' || *head == '\t') head++;
  return strncmp(head, "<!DOCTYPE", 9) == 0 || strncmp(head, "<!doctype", 9) == 0 ||
         strncmp(head, "<html", 5) == 0 || strncmp(head, "<HTML", 5) == 0;
}

int sbx__fetch_plain(const char *url, const sbx_fetch_opts *o, int sheets, FILE *out,
                     sbx_ctx *ctx) {
  sbx_http_req rq = { "GET", url, NULL, o->token ? SBX_AUTH_BEARER : SBX_AUTH_NONE, NULL,
                      NULL };
  sbx_http_resp rs = { 0 };
  rs.file = out;
  int rc = sbx__http(o, &rq, &rs, ctx);
  if (rc) return rc;
  if (looks_html(&rs, rs.head)) {
    if (sheets)
      return sbx__error(ctx, SBX_EPROTO, url, 0, NULL,
                        "Google answered with a web page (a sign-in page), not CSV: the "
                        "sheet is not shared. Share it as 'anyone with the link can view', "
                        "or download the CSV by hand");
    return sbx__error(ctx, SBX_EPROTO, url, 0, NULL,
                      "the server answered with a web page (%s), not an export; check the "
                      "URL and the token", rs.content_type[0] ? rs.content_type : "HTML");
  }
  if (rs.status != 200 && rs.status != 203)
    return sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "unexpected HTTP status %ld", rs.status);
  return 0;
}

/* GET or POST returning JSON, parsed. */
static int get_json(const sbx_fetch_opts *o, const sbx_http_req *rq, json_t **out,
                    sbx_ctx *ctx) {
  sbx_http_resp rs = { 0 };
  int rc = sbx__http(o, rq, &rs, ctx);
  *out = NULL;
  if (!rc) {
    json_error_t err;
    *out = rs.data ? json_loadb(rs.data, rs.len, 0, &err) : NULL;
    if (!*out && rs.data && json_error_code(&err) == json_error_out_of_memory)
      rc = sbx__error(ctx, SBX_ENOMEM, rq->url, 0, NULL, "out of memory");
    else if (!*out)
      rc = sbx__error(ctx, SBX_EPROTO, rq->url, 0, NULL,
                      "the server's answer is not JSON (%s); check the URL",
                      rs.content_type[0] ? rs.content_type : "no content type");
  }
  sbx__http_resp_free(&rs);
  return rc;
}

int sbx__fetch_json(const sbx_fetch_opts *o, const sbx_http_req *rq, json_t **out,
                    sbx_ctx *ctx) {
  return get_json(o, rq, out, ctx);
}

static char *join_url(const char *base, const char *fmt, ...) SBX_PRINTF(2, 3);
static char *join_url(const char *base, const char *fmt, ...) {
  char tail[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tail, sizeof tail, fmt, ap);
  va_end(ap);
  size_t n = strlen(base);
  while (n && base[n - 1] == '/') n--;
  return sbx__asprintf("%.*s%s", (int)n, base, tail);
}

static void pause_s(double s, const sbx_cancel_flag *cancel) {
  while (s > 0 && !(cancel && *cancel)) {
    double step = s > 0.1 ? 0.1 : s;
    struct timespec ts = { 0, (long)(step * 1e9) };
    nanosleep(&ts, NULL);
    s -= step;
  }
}

/* ---- Qualtrics v3 ---- */

static int qualtrics_poll(const char *base, const sbx_fetch_opts *o, const char *hdr,
                          const char *progress, char **file_id, sbx_ctx *ctx) {
  char *url = join_url(base, "/surveys/%s/export-responses/%s", o->survey_id, progress);
  int rc = url ? 0 : SBX_ENOMEM;
  for (int i = 0; !rc && i < o->poll_max; i++) {
    sbx_http_req rq = { "GET", url, NULL, SBX_AUTH_HEADER, hdr, "Accept: application/json" };
    json_t *j;
    if ((rc = get_json(o, &rq, &j, ctx))) break;
    json_t *res = json_object_get(j, "result");
    const char *st = json_string_value(json_object_get(res, "status"));
    const char *fid = json_string_value(json_object_get(res, "fileId"));
    if (st && strcmp(st, "complete") == 0 && fid) {
      *file_id = sbx__strdup(fid);
      json_decref(j);
      sbx__free(url);
      return *file_id ? 0 : SBX_ENOMEM;
    }
    if (!st || strcmp(st, "failed") == 0)
      rc = sbx__error(ctx, SBX_EPROTO, url, 0, NULL,
                      "Qualtrics reports that the export %s", st ? "failed" : "has no status");
    json_decref(j);
    if (!rc) pause_s(o->poll_interval, o->cancel);
  }
  if (!rc)
    rc = sbx__error(ctx, SBX_ETEMP, url, 0, NULL,
                    "the export was not ready after %d polls; try again later", o->poll_max);
  sbx__free(url);
  return rc;
}

int sbx__fetch_qualtrics(const char *base, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx) {
  char *hdr = sbx__asprintf("X-API-TOKEN: %s", o->token);
  char *start = join_url(base, "/surveys/%s/export-responses", o->survey_id);
  char *progress = NULL, *file_id = NULL, *file_url = NULL;
  json_t *j = NULL;
  int rc = hdr && start ? 0 : SBX_ENOMEM;
  if (!rc) {
    /* Numeric answers, seen-but-unanswered as -99 (read as missing by the importer). */
    sbx_http_req rq = { "POST", start,
                        "{\"format\":\"csv\",\"useLabels\":false,\"seenUnansweredRecode\":-99,"
                        "\"exportResponsesInProgress\":false}",
                        SBX_AUTH_HEADER, hdr, "Accept: application/json" };
    rc = get_json(o, &rq, &j, ctx);
  }
  if (!rc) {
    const char *p = json_string_value(json_object_get(json_object_get(j, "result"),
                                                      "progressId"));
    if (!p) rc = sbx__error(ctx, SBX_EPROTO, start, 0, NULL, "Qualtrics gave no progressId");
    else if (!(progress = sbx__strdup(p))) rc = SBX_ENOMEM;
  }
  if (!rc) rc = qualtrics_poll(base, o, hdr, progress, &file_id, ctx);
  if (!rc && !(file_url = join_url(base, "/surveys/%s/export-responses/%s/file",
                                   o->survey_id, file_id)))
    rc = SBX_ENOMEM;
  if (!rc) {
    sbx_http_req rq = { "GET", file_url, NULL, SBX_AUTH_HEADER, hdr, NULL };
    sbx_http_resp rs = { 0 };
    rs.file = out;
    rc = sbx__http(o, &rq, &rs, ctx);
    if (!rc && (rs.head_len < 4 || memcmp(rs.head, "PK\003\004", 4) != 0))
      rc = sbx__error(ctx, SBX_EPROTO, file_url, 0, NULL,
                      "Qualtrics sent something other than a zip file");
  }
  json_decref(j);
  if (hdr) sbx_token_free(hdr);
  sbx__free(start);
  sbx__free(progress);
  sbx__free(file_id);
  sbx__free(file_url);
  return rc;
}

/* ---- LimeSurvey RemoteControl 2 ---- */

static int rpc(const char *url, const sbx_fetch_opts *o, json_t *params, const char *method,
               json_t **result, sbx_ctx *ctx) {
  json_t *req = json_pack("{s:s, s:o, s:i}", "method", method, "params", params, "id", 1);
  char *body = req ? json_dumps(req, JSON_COMPACT) : NULL;
  json_decref(req);
  if (!body) return sbx__error(ctx, SBX_ENOMEM, url, 0, NULL, "out of memory");
  sbx_http_req rq = { "POST", url, body, SBX_AUTH_NONE, NULL, "Accept: application/json" };
  json_t *j;
  int rc = get_json(o, &rq, &j, ctx);
  for (volatile char *p = body; *p; p++) *p = 0; /* it may hold the password */
  sbx__json_free(body);
  if (rc) return rc;
  *result = json_incref(json_object_get(j, "result"));
  json_decref(j);
  if (!*result || json_is_null(*result))
    return sbx__error(ctx, SBX_EPROTO, url, 0, method, "LimeSurvey gave no result");
  if (json_is_object(*result)) {
    const char *st = json_string_value(json_object_get(*result, "status"));
    int perm = st && (strstr(st, "Invalid") || strstr(st, "permission"));
    rc = sbx__error(ctx, perm ? SBX_EPERM : SBX_EPROTO, url, 0, method,
                    "LimeSurvey says: %s", st ? st : "error");
    json_decref(*result);
    *result = NULL;
  }
  return rc;
}

int sbx__fetch_limesurvey(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx) {
  json_t *key = NULL, *data = NULL;
  int rc = rpc(url, o, json_pack("[s, s]", o->user, o->token), "get_session_key", &key, ctx);
  if (rc) return rc;
  const char *k = json_string_value(key);
  if (!k) rc = sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "no session key from LimeSurvey");
  if (!rc)
    rc = rpc(url, o, json_pack("[s, s, s, n, s, s, s]", k, o->survey_id, "csv", "complete",
                               "code", "short"),
             "export_responses", &data, ctx);
  if (!rc && !json_is_string(data))
    rc = sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "export_responses gave no data");
  if (!rc) {
    char *bytes;
    size_t n;
    if (sbx__rd_base64_decode(&bytes, &n, json_string_value(data), json_string_length(data)))
      rc = sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "the export is not valid base64");
    else {
      if (n > o->max_bytes || fwrite(bytes, 1, n, out) != n)
        rc = sbx__error(ctx, n > o->max_bytes ? SBX_ELIMIT : SBX_EIO, url, 0, NULL,
                        "cannot store the export (%zu bytes)", n);
      sbx__free(bytes);
    }
  }
  if (k) { /* always release the session key */
    json_t *ignored = NULL;
    sbx_ctx *quiet = sbx_ctx_new();
    rpc(url, o, json_pack("[s]", k), "release_session_key", &ignored, quiet);
    sbx_ctx_free(quiet);
    json_decref(ignored);
  }
  json_decref(key);
  json_decref(data);
  return rc;
}

/* ---- paging APIs: KoboToolbox and SurveyMonkey ---- */

/* Collects the array `field` of every page, following `next_of(page)`; every page must
 * come from the first page's origin (the token goes along). */
static int collect_pages(const char *first, const sbx_fetch_opts *o, const sbx_http_req *tpl,
                         const char *field, const char *(*next_of)(json_t *),
                         json_t *all, json_t **last, sbx_ctx *ctx) {
  char *url = sbx__strdup(first);
  int rc = url ? 0 : SBX_ENOMEM;
  for (int page = 0; !rc && url; page++) {
    if (page >= MAX_PAGES) {
      rc = sbx__error(ctx, SBX_ELIMIT, first, 0, NULL, "more than %d pages", MAX_PAGES);
      break;
    }
    sbx_http_req rq = *tpl;
    rq.url = url;
    json_t *j;
    if ((rc = get_json(o, &rq, &j, ctx))) break;
    json_t *arr = json_object_get(j, field);
    if (!json_is_array(arr)) {
      rc = sbx__error(ctx, SBX_EPROTO, url, 0, field, "the page has no '%s' list", field);
      json_decref(j);
      break;
    }
    json_array_extend(all, arr);
    const char *next = next_of(j);
    sbx__free(url);
    url = NULL;
    if (next && *next) {
      if (!sbx__same_origin(next, first))
        rc = sbx__error(ctx, SBX_EPROTO, first, 0, next,
                        "the next page is on another server; refusing to send the token there");
      else if (!(url = sbx__strdup(next)))
        rc = SBX_ENOMEM;
    }
    json_decref(*last);
    *last = j;
  }
  sbx__free(url);
  return rc;
}

static const char *kobo_next(json_t *j) { return json_string_value(json_object_get(j, "next")); }
static const char *sm_next(json_t *j) {
  return json_string_value(json_object_get(json_object_get(j, "links"), "next"));
}

static int write_json(json_t *j, FILE *out, const char *url, sbx_ctx *ctx) {
  if (json_dumpf(j, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0)
    return sbx__error(ctx, SBX_EIO, url, 0, NULL, "cannot write the export");
  return 0;
}

int sbx__fetch_kobo(const char *url, const sbx_fetch_opts *o, FILE *out, sbx_ctx *ctx) {
  char *first = o->form_id ? join_url(url, "/api/v2/assets/%s/data.json?limit=1000",
                                      o->form_id)
                           : sbx__strdup(url);
  char *hdr = sbx__asprintf("Authorization: Token %s", o->token);
  json_t *all = json_array(), *last = NULL;
  int rc = first && hdr && all ? 0 : SBX_ENOMEM;
  sbx_http_req tpl = { "GET", NULL, NULL, SBX_AUTH_HEADER, hdr, "Accept: application/json" };
  if (!rc) rc = collect_pages(first, o, &tpl, "results", kobo_next, all, &last, ctx);
  if (!rc) {
    json_t *doc = json_pack("{s:I, s:n, s:n, s:O}", "count", (json_int_t)json_array_size(all),
                            "next", "previous", "results", all);
    rc = doc ? write_json(doc, out, first, ctx) : SBX_ENOMEM;
    json_decref(doc);
  }
  json_decref(all);
  json_decref(last);
  sbx__free(first);
  if (hdr) sbx_token_free(hdr);
  return rc;
}

int sbx__fetch_surveymonkey(const char *url, const sbx_fetch_opts *o, FILE *out,
                            sbx_ctx *ctx) {
  char *details_url = join_url(url, "/surveys/%s/details", o->survey_id);
  char *first = join_url(url, "/surveys/%s/responses/bulk?per_page=100&page=1", o->survey_id);
  json_t *all = json_array(), *last = NULL, *details = NULL;
  int rc = details_url && first && all ? 0 : SBX_ENOMEM;
  sbx_http_req tpl = { "GET", NULL, NULL, SBX_AUTH_BEARER, NULL, "Accept: application/json" };
  if (!rc) {
    sbx_http_req rq = tpl;
    rq.url = details_url;
    rc = get_json(o, &rq, &details, ctx);
  }
  if (!rc) rc = collect_pages(first, o, &tpl, "data", sm_next, all, &last, ctx);
  if (!rc) {
    /* One file: the responses as the bulk endpoint gives them, with the details the
     * importer needs to turn ids into question and choice texts. */
    json_t *doc = json_pack("{s:O, s:I, s:I, s:O}", "data", all, "total",
                            (json_int_t)json_array_size(all), "page", (json_int_t)1,
                            "details", details);
    rc = doc ? write_json(doc, out, first, ctx) : SBX_ENOMEM;
    json_decref(doc);
  }
  json_decref(all);
  json_decref(last);
  json_decref(details);
  sbx__free(details_url);
  sbx__free(first);
  return rc;
}

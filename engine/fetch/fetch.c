/* sbx_fetch(): picks the API driver for a URL and writes what it downloads atomically
 * (temporary file beside the target, fsync, rename), so a failed download leaves an
 * existing file untouched. */
#include <sixbox/fetch.h>
#include <sixbox/output.h>
#include "engine/fetch/apis.h"
#include "surveys/util.h"

#include <string.h>

static const char *const api_names[] = {
  "auto", "generic", "google-sheets", "qualtrics", "limesurvey", "kobotoolbox",
  "surveymonkey", "odk-central", "kolada"
};

int sbx_api_from_name(sbx_api *out, const char *name) {
  for (size_t i = 0; name && i < sizeof api_names / sizeof api_names[0]; i++)
    if (strcmp(name, api_names[i]) == 0) {
      *out = (sbx_api)i;
      return 0;
    }
  return SBX_EUSAGE;
}

const char *sbx_api_name(sbx_api api) {
  return (size_t)api < sizeof api_names / sizeof api_names[0] ? api_names[api] : "?";
}

static sbx_api detect(const char *url) {
  if (strstr(url, "docs.google.com/spreadsheets")) return SBX_API_GOOGLE_SHEETS;
  if (strstr(url, "qualtrics.com")) return SBX_API_QUALTRICS;
  if (strstr(url, "remotecontrol")) return SBX_API_LIMESURVEY;
  if (strstr(url, "kobotoolbox") || strstr(url, "/api/v2/assets/")) return SBX_API_KOBOTOOLBOX;
  if (strstr(url, "surveymonkey")) return SBX_API_SURVEYMONKEY;
  if (strstr(url, "api.kolada.se")) return SBX_API_KOLADA;
  if (strstr(url, "/v1/projects/") && strstr(url, "/forms/")) return SBX_API_ODK_CENTRAL;
  return SBX_API_GENERIC;
}

static int needs(const char *url, const char *what, const void *value, const char *opt,
                 sbx_ctx *ctx) {
  if (value) return 0;
  return sbx__error(ctx, SBX_EUSAGE, url, 0, NULL, "this API needs %s: give %s", what, opt);
}

static int run_driver(sbx_api api, const char *url, const sbx_fetch_opts *o, FILE *f,
                      sbx_ctx *ctx) {
  switch (api) {
  case SBX_API_QUALTRICS:
    if (needs(url, "a token", o->token, "--token-env or --token-file", ctx) ||
        needs(url, "the survey id", o->survey_id, "--survey-id SV_...", ctx))
      return SBX_EUSAGE;
    return sbx__fetch_qualtrics(url, o, f, ctx);
  case SBX_API_LIMESURVEY:
    if (needs(url, "a user name", o->user, "--user NAME", ctx) ||
        needs(url, "the password as token", o->token, "--token-env or --token-file", ctx) ||
        needs(url, "the survey id", o->survey_id, "--survey-id N", ctx))
      return SBX_EUSAGE;
    return sbx__fetch_limesurvey(url, o, f, ctx);
  case SBX_API_KOBOTOOLBOX:
    if (needs(url, "a token", o->token, "--token-env or --token-file", ctx)) return SBX_EUSAGE;
    return sbx__fetch_kobo(url, o, f, ctx);
  case SBX_API_SURVEYMONKEY:
    if (needs(url, "a token", o->token, "--token-env or --token-file", ctx) ||
        needs(url, "the survey id", o->survey_id, "--survey-id N", ctx))
      return SBX_EUSAGE;
    return sbx__fetch_surveymonkey(url, o, f, ctx);
  case SBX_API_GOOGLE_SHEETS:
    return sbx__fetch_plain(url, o, 1, f, ctx);
  case SBX_API_KOLADA:
    if (!o->kolada_groups &&
        (needs(url, "the KPIs", o->kolada_kpi, "--kpi U00200,N15419", ctx) ||
         needs(url, "the municipalities", o->kolada_municipality, "--municipality 1984,0000", ctx) ||
         needs(url, "the years", o->kolada_years, "--years 2019-2024", ctx)))
      return SBX_EUSAGE;
    return sbx__fetch_kolada(url, o, f, ctx);
  default:
    return sbx__fetch_plain(url, o, 0, f, ctx);
  }
}

int sbx_fetch_opts_init(sbx_fetch_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_FETCH_OPTS_VERSION);
}

/* 0 = the default, SBX_OPT_NONE (any negative) = none: after this the drivers read plain
 * values. */
static void resolve(sbx_fetch_opts *o) {
  if (!o->max_bytes) o->max_bytes = 512ull << 20;
  if (!o->connect_timeout) o->connect_timeout = 15;
  if (!o->low_speed_time) o->low_speed_time = 30;
  if (!o->total_timeout) o->total_timeout = 600;
  o->retries = o->retries == 0 ? 4 : o->retries < 0 ? 0 : o->retries;
  if (!(o->retry_base > 0)) o->retry_base = 1.0;
  double w = o->retry_max_wait;
  o->retry_max_wait = w == 0 ? 120.0 : w < 0 ? 0 : w;
  if (o->poll_max <= 0) o->poll_max = 120;
  o->poll_interval = o->poll_interval == 0 ? 1.0 : o->poll_interval < 0 ? 0 : o->poll_interval;
}

int sbx_fetch(const char *url, const char *path, const sbx_fetch_opts *opts, sbx_ctx *ctx) {
  int rc = sbx__opts_check(opts, SBX_FETCH_OPTS_VERSION, "sbx_fetch_opts", ctx);
  if (rc) return rc;
  sbx_fetch_opts o = SBX_FETCH_OPTS_INIT;
  if (opts) o = *opts;
  resolve(&o);
  if (o.api == SBX_API_AUTO) o.api = detect(url);
  char why[256];
  if (!sbx__url_allowed(url, why, sizeof why))
    return sbx__error(ctx, SBX_EUSAGE, url, 0, NULL, "%s", why);
  sbx_outfile *out;
  rc = sbx_outfile_open(&out, path, ctx);
  if (rc) return rc;
  rc = run_driver(o.api, url, &o, sbx_outfile_stream(out), ctx);
  if (rc) {
    sbx_outfile_fail(out, ctx);
    return rc;
  }
  return sbx_outfile_commit(out, ctx);
}

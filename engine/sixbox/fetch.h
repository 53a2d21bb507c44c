/* Downloading response exports from the tools' APIs over HTTPS with libcurl, hardened
 * (https only, TLS checks on, size and time caps, no credentials across hosts) and
 * atomic (the target file appears whole or not at all). */
#ifndef SIXBOX_FETCH_H
#define SIXBOX_FETCH_H

#include <stddef.h>
#include <sixbox/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  SBX_API_AUTO = 0,      /* from the URL's host and path */
  SBX_API_GENERIC,       /* one GET */
  SBX_API_GOOGLE_SHEETS, /* a Sheets CSV export URL; HTML instead of CSV is an error */
  SBX_API_QUALTRICS,     /* v3 export-responses: start, poll, download the zip */
  SBX_API_LIMESURVEY,    /* RemoteControl 2: session key, export_responses, release */
  SBX_API_KOBOTOOLBOX,   /* v2 data.json with paging */
  SBX_API_SURVEYMONKEY,  /* v3 responses/bulk with paging, plus the survey details */
  SBX_API_ODK_CENTRAL,   /* submissions.csv */
  SBX_API_KOLADA         /* Kolada v3 key figures or municipality groups, as tidy CSV */
} sbx_api;

/* "auto", "generic", "google-sheets", ... → *out; -1 if unknown. */
int sbx_api_from_name(const char *name, sbx_api *out);
const char *sbx_api_name(sbx_api api);

typedef struct sbx_fetch_opts {
  sbx_api api;
  const char *token;         /* secret; from a file or the environment, never argv */
  const char *user;          /* LimeSurvey user name (the token is the password) */
  const char *survey_id;     /* Qualtrics SV_..., LimeSurvey id, SurveyMonkey id */
  const char *form_id;       /* KoboToolbox asset uid */
  const char *proxy;         /* NULL: no proxy, whatever the environment says */
  const char *ca_file;       /* extra CA bundle; NULL = the system's */
  unsigned long long max_bytes; /* cap on what is received; default 512 MiB */
  long connect_timeout;      /* seconds; default 15 */
  long low_speed_time;       /* abort below 1 KiB/s for this long; default 30 s */
  long total_timeout;        /* per request; default 600 s */
  int retries;               /* on timeouts, 408, 429, 5xx; default 4 */
  double retry_base;         /* first back-off in seconds; default 1 */
  double retry_max_wait;     /* longest single wait (Retry-After clamped); default 120 s */
  int poll_max;              /* Qualtrics export polls; default 120 */
  double poll_interval;      /* seconds between polls; default 1 */
  volatile const int *cancel; /* set non-zero (e.g. by a signal handler) to stop */
  /* Kolada: comma-separated KPI ids, municipality ids (group ids "G..." too) and years
   * ("2018-2024" or "2020,2022"); or, instead, a title to look municipality groups up by. */
  const char *kolada_kpi, *kolada_municipality, *kolada_years, *kolada_groups;
} sbx_fetch_opts;

#define SBX_FETCH_OPTS_INIT \
  { SBX_API_AUTO, NULL, NULL, NULL, NULL, NULL, NULL, 512ull << 20, 15, 30, 600, 4, 1.0, \
    120.0, 120, 1.0, NULL, NULL, NULL, NULL, NULL }

/* Downloads from url into path atomically. On failure an existing file at path is left
 * untouched and ctx says why; the code maps to exit codes 69 (unavailable), 75
 * (temporary: timeouts, 429 after the retries), 76 (protocol: wrong content, bad
 * redirect, truncated body), 77 (permission: 401/403). */
int sbx_fetch(const char *url, const char *path, const sbx_fetch_opts *opts, sbx_ctx *ctx);

/* Reads a token from a file that must be a regular file owned by the user and
 * readable by nobody else (mode 0600 or stricter), at most 4 KiB, one line. */
int sbx_token_from_file(char **out, const char *path, sbx_ctx *ctx);
/* Reads and then unsets an environment variable, so child processes don't inherit it. */
int sbx_token_from_env(char **out, const char *var, sbx_ctx *ctx);
/* Overwrites and frees a secret. */
void sbx_token_free(char *token);

#ifdef __cplusplus
}
#endif
#endif

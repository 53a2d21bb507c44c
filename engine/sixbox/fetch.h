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

/* "auto", "generic", "google-sheets", ... → *out; SBX_EUSAGE (and *out unchanged) for an
 * unknown name or NULL, as sbx_questionnaire_format() does. */
SBX_EXTERN int sbx_api_from_name(sbx_api *out, const char *name);
SBX_EXTERN const char *sbx_api_name(sbx_api api);

#define SBX_FETCH_OPTS_VERSION 1

/* 0 or NULL = the default; SBX_OPT_NONE = none (see sixbox/common.h). */
typedef struct sbx_fetch_opts {
  unsigned int version;      /* SBX_FETCH_OPTS_VERSION */
  sbx_api api;               /* 0 = SBX_API_AUTO */
  const char *token;         /* secret; from a file or the environment, never argv */
  const char *user;          /* LimeSurvey user name (the token is the password) */
  const char *survey_id;     /* Qualtrics SV_..., LimeSurvey id, SurveyMonkey id */
  const char *form_id;       /* KoboToolbox asset uid */
  const char *proxy;         /* NULL: no proxy, whatever the environment says */
  const char *ca_file;       /* extra CA bundle; NULL = the system's */
  unsigned long long max_bytes; /* cap on what is received; 0 = 512 MiB */
  long connect_timeout;      /* seconds; 0 = 15 */
  long low_speed_time;       /* abort below 1 KiB/s for this long; 0 = 30 s */
  long total_timeout;        /* per request; 0 = 600 s */
  int retries;               /* on timeouts, 408, 429, 5xx; 0 = 4; SBX_OPT_NONE = none */
  double retry_base;         /* first back-off in seconds; 0 = 1 */
  /* Longest single wait (Retry-After clamped); 0 = 120 s; SBX_OPT_NONE = no waiting. */
  double retry_max_wait;
  int poll_max;              /* Qualtrics export polls; 0 = 120 */
  double poll_interval;      /* seconds between polls; 0 = 1; SBX_OPT_NONE = no pause */
  const sbx_cancel_flag *cancel; /* see sixbox/common.h */
  /* "HOST:PORT:ADDRESS": connect to ADDRESS for HOST:PORT, like curl --resolve (TLS
   * still checks HOST's certificate; plain http still only to a loopback address);
   * NULL = the system's resolver. */
  const char *resolve;
  /* Kolada: comma-separated KPI ids, municipality ids (group ids "G..." too) and years
   * ("2018-2024" or "2020,2022"); or, instead, a title to look municipality groups up by. */
  const char *kolada_kpi, *kolada_municipality, *kolada_years, *kolada_groups;
} sbx_fetch_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_fetch_opts_init(sbx_fetch_opts *opts, unsigned int version);
#define SBX_FETCH_OPTS_INIT { .version = SBX_FETCH_OPTS_VERSION }

/* Downloads from url into path atomically. On failure an existing file at path is left
 * untouched and ctx says why; the code maps to exit codes 69 (unavailable), 75
 * (temporary: timeouts, 429 after the retries), 76 (protocol: wrong content, bad
 * redirect, truncated body), 77 (permission: 401/403). */
SBX_EXTERN int sbx_fetch(const char *url, const char *path, const sbx_fetch_opts *opts,
                         sbx_ctx *ctx);

/* Reads a token from a file that must be a regular file owned by the user and
 * readable by nobody else (mode 0600 or stricter), at most 4 KiB, one line. */
SBX_EXTERN int sbx_token_from_file(char **out, const char *path, sbx_ctx *ctx);
/* Reads and then unsets an environment variable, so child processes don't inherit it. */
SBX_EXTERN int sbx_token_from_env(char **out, const char *var, sbx_ctx *ctx);
/* Overwrites and frees a secret. */
SBX_EXTERN void sbx_token_free(char *token);

#ifdef __cplusplus
}
#endif
#endif

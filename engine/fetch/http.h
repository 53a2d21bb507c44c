/* One hardened HTTP exchange with retries and manual redirects, for the API
 * drivers in fetch.c. Library-internal. */
#ifndef SBX_FETCH_HTTP_H
#define SBX_FETCH_HTTP_H

#include <stdio.h>
#include <sixbox/fetch.h>

typedef enum { SBX_AUTH_NONE = 0, SBX_AUTH_BEARER, SBX_AUTH_HEADER } sbx_auth_kind;

typedef struct sbx_http_req {
  const char *method;        /* "GET" or "POST" */
  const char *url;
  const char *body;          /* POST body (JSON) or NULL */
  sbx_auth_kind auth;
  const char *auth_header;   /* SBX_AUTH_HEADER: full header line, e.g. "X-API-TOKEN: ..." */
  const char *accept;        /* Accept header or NULL */
} sbx_http_req;

typedef struct sbx_http_resp {
  long status;
  char content_type[128];
  /* The body goes to `file` when set (truncated before each retry), else to memory. */
  FILE *file;
  char *data;                /* NUL-terminated when in memory */
  size_t len, cap;
  char final_url[2048];
  /* The body's first bytes, NUL-terminated, kept as they arrive: a body written to a
   * device or a pipe cannot be read back. */
  char head[64];
  size_t head_len;
} sbx_http_resp;

/* Performs rq with the options' caps, retries and redirect policy. A response with a
 * status other than 2xx after the retries is an error with a reason in ctx (401/403 →
 * SBX_EPERM, 404 → SBX_EUNAVAIL, other 4xx → SBX_EPROTO). */
int sbx__http(const sbx_fetch_opts *o, const sbx_http_req *rq, sbx_http_resp *rs,
              sbx_ctx *ctx);
void sbx__http_resp_free(sbx_http_resp *rs);

/* Is url acceptable: https, or http to a loopback address (for tests)? */
int sbx__url_allowed(const char *url, char *why, size_t whylen);
/* Do two URLs share scheme, host and port (credentials may go to both)? */
int sbx__same_origin(const char *a, const char *b);

#endif

/* The hardened transfer under every API driver (docs/formats.md, "Downloading exports"): https only
 * (plain http only to loopback, for tests), TLS checks on, no proxy unless asked, a
 * byte cap counted in the write callback (chunked bodies too), connect/low-speed/total
 * timeouts, retries with back-off honouring a clamped Retry-After, and redirects
 * followed by hand so that credentials never reach another origin. */
#include "engine/fetch/http.h"
#include "surveys/util.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_REDIRECTS 5

typedef struct sink {
  sbx_http_resp *rs;
  unsigned long long n, max;
  int over;
  const sbx_cancel_flag *cancel;
} sink;

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud) {
  sink *s = ud;
  size_t len = size * nmemb;
  if ((s->cancel && *s->cancel) || s->n + len > s->max) {
    s->over = !(s->cancel && *s->cancel);
    return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
  }
  s->n += len;
  sbx_http_resp *rs = s->rs;
  size_t keep = sizeof rs->head - 1 - rs->head_len;
  if (keep > len) keep = len;
  memcpy(rs->head + rs->head_len, p, keep);
  rs->head_len += keep;
  rs->head[rs->head_len] = '\0';
  if (rs->file) return fwrite(p, 1, len, rs->file) == len ? len : 0;
  if (sbx__grow(&rs->data, &rs->cap, rs->len + len + 1, 1)) return 0;
  memcpy(rs->data + rs->len, p, len);
  rs->len += len;
  rs->data[rs->len] = '\0';
  return len;
}

/* Plain http is let through only to a loopback address, decided on the address curl is
 * about to connect to (after name resolution, for every hop), never on the name: a
 * name such as "127.example.org" may resolve anywhere. */
typedef struct guard {
  int plain;     /* this hop is http:// */
  int refused;   /* the connection was refused for not being loopback */
  char addr[INET6_ADDRSTRLEN];
} guard;

static int addr_is_loopback(const struct sockaddr *sa) {
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  if (sa->sa_family == AF_INET6) {
    const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
    if (IN6_IS_ADDR_LOOPBACK(a)) return 1;
    return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
  }
  return 0;
}

static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a) {
  guard *g = ud;
  (void)purpose;
  if (g->plain && !addr_is_loopback(&a->addr)) {
    const void *raw = a->family == AF_INET6
                        ? (const void *)&((struct sockaddr_in6 *)(void *)&a->addr)->sin6_addr
                        : (const void *)&((struct sockaddr_in *)(void *)&a->addr)->sin_addr;
    if (!inet_ntop(a->family, raw, g->addr, sizeof g->addr)) snprintf(g->addr, sizeof g->addr, "?");
    g->refused = 1;
    return CURL_SOCKET_BAD; /* nothing has been sent: the request is never written */
  }
  return socket(a->family, a->socktype, a->protocol);
}

static int host_is_loopback(const char *host) {
  return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
         strcmp(host, "[::1]") == 0 || strcmp(host, "::1") == 0;
}

static int has_credentials(CURLU *u) {
  char *user = NULL, *pass = NULL;
  int has = curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
            curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK;
  curl_free(user);
  curl_free(pass);
  return has;
}

int sbx__url_allowed(const char *url, char *why, size_t whylen) {
  CURLU *u = curl_url();
  char *scheme = NULL, *host = NULL;
  int ok = 0;
  if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
    snprintf(why, whylen, "not a valid URL");
  } else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
             curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
    snprintf(why, whylen, "the URL has no scheme or host");
  } else if (has_credentials(u)) {
    snprintf(why, whylen, "the URL carries a user name or password, which other users of "
                          "this computer can read (e.g. with ps); remove it and give the "
                          "secret with --token-env VAR or --token-file FILE");
  } else if (sbx__strcaseeq(scheme, "https")) {
    ok = 1;
  } else if (sbx__strcaseeq(scheme, "http") && host_is_loopback(host)) {
    ok = 1;
  } else {
    snprintf(why, whylen, "only https:// URLs are allowed (got %s://)", scheme);
  }
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(u);
  return ok;
}

static char *url_part(const char *url, CURLUPart part) {
  CURLU *u = curl_url();
  char *v = NULL, *out = NULL;
  if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
      curl_url_get(u, part, &v, part == CURLUPART_PORT ? CURLU_DEFAULT_PORT : 0) == CURLUE_OK)
    out = sbx__strdup(v);
  curl_free(v);
  curl_url_cleanup(u);
  return out;
}

int sbx__same_origin(const char *a, const char *b) {
  static const CURLUPart parts[] = { CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT };
  int same = 1;
  for (size_t i = 0; i < 3 && same; i++) {
    char *x = url_part(a, parts[i]), *y = url_part(b, parts[i]);
    same = x && y && sbx__strcaseeq(x, y);
    sbx__free(x);
    sbx__free(y);
  }
  return same;
}

#define SET(h, o, v) do { if (curl_easy_setopt(h, o, v) != CURLE_OK) goto setopt_failed; } while (0)

/* Sets up one attempt at one URL; with_auth says whether credentials may go along. */
static int setup(CURL *h, const sbx_fetch_opts *o, const sbx_http_req *rq, const char *url,
                 int with_auth, struct curl_slist **hdrs, char *errbuf) {
  SET(h, CURLOPT_URL, url);
  SET(h, CURLOPT_PROTOCOLS_STR, "https,http"); /* http only passes sbx__url_allowed for loopback */
  SET(h, CURLOPT_FOLLOWLOCATION, 0L);
  SET(h, CURLOPT_SSL_VERIFYPEER, 1L);
  SET(h, CURLOPT_SSL_VERIFYHOST, 2L);
  SET(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
  if (o->ca_file) SET(h, CURLOPT_CAINFO, o->ca_file);
  SET(h, CURLOPT_PROXY, o->proxy ? o->proxy : "");
  SET(h, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
  SET(h, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  SET(h, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
  SET(h, CURLOPT_TIMEOUT, o->total_timeout);
  SET(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
  SET(h, CURLOPT_ERRORBUFFER, errbuf);
  SET(h, CURLOPT_NOSIGNAL, 1L);
  SET(h, CURLOPT_USERAGENT, "sixbox/" SIXBOX_VERSION);
  SET(h, CURLOPT_ACCEPT_ENCODING, ""); /* gzip on the wire is fine: the cap counts decoded bytes */
  if (rq->accept) *hdrs = curl_slist_append(*hdrs, rq->accept);
  if (with_auth && rq->auth == SBX_AUTH_BEARER && o->token) {
    SET(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER);
    SET(h, CURLOPT_XOAUTH2_BEARER, o->token);
  } else if (with_auth && rq->auth == SBX_AUTH_HEADER && rq->auth_header) {
    *hdrs = curl_slist_append(*hdrs, rq->auth_header);
  }
  if (rq->body) {
    *hdrs = curl_slist_append(*hdrs, "Content-Type: application/json");
    SET(h, CURLOPT_POSTFIELDS, rq->body);
  } else {
    SET(h, CURLOPT_HTTPGET, 1L);
  }
  if (*hdrs) SET(h, CURLOPT_HTTPHEADER, *hdrs);
  return 0;
setopt_failed:
  return SBX_EINTERNAL;
}

static int transient_curl(CURLcode c) {
  return c == CURLE_OPERATION_TIMEDOUT || c == CURLE_COULDNT_CONNECT ||
         c == CURLE_COULDNT_RESOLVE_HOST || c == CURLE_PARTIAL_FILE ||
         c == CURLE_RECV_ERROR || c == CURLE_SEND_ERROR || c == CURLE_GOT_NOTHING;
}

static int transient_status(long s) {
  return s == 408 || s == 429 || s == 500 || s == 502 || s == 503 || s == 504;
}

static void reset_body(sbx_http_resp *rs) {
  rs->len = 0;
  rs->head_len = 0;
  rs->head[0] = '\0';
  if (rs->data) rs->data[0] = '\0';
  if (rs->file) {
    fflush(rs->file);
    if (ftruncate(fileno(rs->file), 0) != 0) { /* checked by the later write */ }
    rewind(rs->file);
  }
}

static void sleep_seconds(double s, const sbx_cancel_flag *cancel) {
  while (s > 0 && !(cancel && *cancel)) {
    double step = s > 0.1 ? 0.1 : s;
    struct timespec ts = { 0, (long)(step * 1e9) };
    nanosleep(&ts, NULL);
    s -= step;
  }
}

/* The outcome of one attempt at one URL (no redirects followed). */
typedef struct attempt {
  CURLcode rc;
  long status;
  curl_off_t retry_after;
  char location[2048];
  int over_cap;
  guard g;         /* plain http: was the address loopback? */
} attempt;

/* The address guard and the caller's own name resolution (like curl --resolve). */
static int setup_guard(CURL *h, const sbx_fetch_opts *o, const char *url, attempt *at,
                       struct curl_slist **resolve) {
  char *scheme = url_part(url, CURLUPART_SCHEME);
  at->g.plain = !scheme || !sbx__strcaseeq(scheme, "https");
  sbx__free(scheme);
  if (o->resolve && !(*resolve = curl_slist_append(NULL, o->resolve))) return SBX_ENOMEM;
  if (curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket) != CURLE_OK ||
      curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &at->g) != CURLE_OK ||
      (*resolve && curl_easy_setopt(h, CURLOPT_RESOLVE, *resolve) != CURLE_OK))
    return SBX_EINTERNAL;
  return 0;
}

static int perform(const sbx_fetch_opts *o, const sbx_http_req *rq, const char *url,
                   int with_auth, sbx_http_resp *rs, attempt *at, char *errbuf) {
  CURL *h = curl_easy_init();
  if (!h) return SBX_ENOMEM;
  struct curl_slist *hdrs = NULL, *resolve = NULL;
  sink s = { rs, 0, o->max_bytes, 0, o->cancel };
  int rc = setup(h, o, rq, url, with_auth, &hdrs, errbuf);
  if (!rc) rc = setup_guard(h, o, url, at, &resolve);
  if (!rc && (curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK ||
              curl_easy_setopt(h, CURLOPT_WRITEDATA, &s) != CURLE_OK))
    rc = SBX_EINTERNAL;
  if (!rc) {
    if (strcmp(rq->method, "POST") == 0 && !rq->body) rc = SBX_EUSAGE;
  }
  if (!rc) {
    errbuf[0] = '\0';
    at->rc = curl_easy_perform(h);
    at->over_cap = s.over || at->rc == CURLE_FILESIZE_EXCEEDED;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &at->status);
    curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &at->retry_after);
    char *ct = NULL, *loc = NULL;
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
    curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc);
    snprintf(rs->content_type, sizeof rs->content_type, "%s", ct ? ct : "");
    snprintf(at->location, sizeof at->location, "%s", loc ? loc : "");
  }
  curl_easy_cleanup(h);
  curl_slist_free_all(hdrs);
  curl_slist_free_all(resolve);
  return rc;
}

static int status_error(const char *url, long status, sbx_ctx *ctx) {
  if (status == 401 || status == 403)
    return sbx__error(ctx, SBX_EPERM, url, 0, NULL,
                      "the server refused access (HTTP %ld); check the token and that it "
                      "may read this survey's responses", status);
  if (status == 404)
    return sbx__error(ctx, SBX_EUNAVAIL, url, 0, NULL,
                      "not found (HTTP 404); check the URL and the survey or form id");
  if (status >= 500 || transient_status(status))
    return sbx__error(ctx, status == 429 ? SBX_ETEMP : SBX_EUNAVAIL, url, 0, NULL,
                      "the server still answers HTTP %ld after the retries; try again later",
                      status);
  return sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "unexpected HTTP status %ld", status);
}

static int curl_error(const char *url, const attempt *at, const char *errbuf,
                      unsigned long long max, sbx_ctx *ctx) {
  if (at->over_cap)
    return sbx__error(ctx, SBX_ELIMIT, url, 0, NULL,
                      "the download is larger than the limit of %llu bytes; raise "
                      "--max-size if this is expected", max);
  const char *what = errbuf[0] ? errbuf : curl_easy_strerror(at->rc);
  switch (at->rc) {
  case CURLE_OPERATION_TIMEDOUT:
    return sbx__error(ctx, SBX_ETEMP, url, 0, NULL, "timed out (%s); try again later", what);
  case CURLE_COULDNT_CONNECT: case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return sbx__error(ctx, SBX_EUNAVAIL, url, 0, NULL, "cannot reach the server (%s)", what);
  case CURLE_PARTIAL_FILE: case CURLE_RECV_ERROR: case CURLE_GOT_NOTHING:
    return sbx__error(ctx, SBX_EPROTO, url, 0, NULL,
                      "the body arrived incomplete (%s); nothing was written", what);
  case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CONNECT_ERROR:
  case CURLE_SSL_CACERT_BADFILE:
    return sbx__error(ctx, SBX_EPROTO, url, 0, NULL,
                      "TLS verification failed (%s); sixbox never skips it", what);
  case CURLE_UNSUPPORTED_PROTOCOL:
    return sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "protocol not allowed (%s)", what);
  default:
    return sbx__error(ctx, SBX_EPROTO, url, 0, NULL, "transfer failed (%s)", what);
  }
}

/* Follows up to MAX_REDIRECTS redirects by hand; credentials only to the first origin. */
static int one_exchange(const sbx_fetch_opts *o, const sbx_http_req *rq, sbx_http_resp *rs,
                        attempt *at, char *errbuf, sbx_ctx *ctx) {
  char url[2048];
  snprintf(url, sizeof url, "%s", rq->url);
  sbx_http_req cur = *rq;
  for (int hop = 0;; hop++) {
    char why[256];
    if (!sbx__url_allowed(url, why, sizeof why))
      return sbx__error(ctx, SBX_EPROTO, rq->url, 0, url, "refused to follow a redirect: %s",
                        why);
    int with_auth = sbx__same_origin(url, rq->url);
    reset_body(rs);
    memset(at, 0, sizeof *at);
    int rc = perform(o, &cur, url, with_auth, rs, at, errbuf);
    if (rc) return sbx__error(ctx, rc, rq->url, 0, NULL, "cannot set up the transfer");
    if (at->g.refused)
      return sbx__error(ctx, hop ? SBX_EPROTO : SBX_EUSAGE, rq->url, 0, url,
                        "plain http:// goes only to this computer's loopback address, and "
                        "the server's address is %s; nothing was sent: use https://",
                        at->g.addr);
    snprintf(rs->final_url, sizeof rs->final_url, "%s", url);
    if (at->rc != CURLE_OK || at->status < 300 || at->status >= 400 || !at->location[0])
      return 0;
    if (hop + 1 >= MAX_REDIRECTS)
      return sbx__error(ctx, SBX_EPROTO, rq->url, 0, NULL, "too many redirects");
    snprintf(url, sizeof url, "%s", at->location);
    if (at->status == 303 || at->status == 302 || at->status == 301) {
      cur.method = "GET";
      cur.body = NULL;
    }
  }
}

int sbx__http(const sbx_fetch_opts *o, const sbx_http_req *rq, sbx_http_resp *rs,
              sbx_ctx *ctx) {
  char why[256], errbuf[CURL_ERROR_SIZE];
  if (!sbx__url_allowed(rq->url, why, sizeof why))
    return sbx__error(ctx, SBX_EUSAGE, rq->url, 0, NULL, "%s", why);
  char *scheme = url_part(rq->url, CURLUPART_SCHEME);
  int plain = scheme && !sbx__strcaseeq(scheme, "https");
  sbx__free(scheme);
  if (plain && o->proxy)
    return sbx__error(ctx, SBX_EUSAGE, rq->url, 0, NULL,
                      "plain http:// through a proxy would carry the token in clear text "
                      "beyond this computer; use https://");
  double wait = o->retry_base > 0 ? o->retry_base : 1.0;
  for (int tries = 0;; tries++) {
    attempt at;
    int rc = one_exchange(o, rq, rs, &at, errbuf, ctx);
    if (rc) return rc;
    rs->status = at.status;
    if (o->cancel && *o->cancel)
      return sbx__error(ctx, SBX_EINTR, rq->url, 0, NULL, "interrupted");
    int transient = at.rc != CURLE_OK ? transient_curl(at.rc) && !at.over_cap
                                      : transient_status(at.status);
    if (at.rc == CURLE_OK && at.status >= 200 && at.status < 300) return 0;
    if (!transient || tries >= o->retries) {
      if (at.rc != CURLE_OK) return curl_error(rq->url, &at, errbuf, o->max_bytes, ctx);
      return status_error(rq->url, at.status, ctx);
    }
    double delay = wait;
    if (at.retry_after > 0) delay = (double)at.retry_after;
    if (delay > o->retry_max_wait) {
      if (at.retry_after > 0)
        return sbx__error(ctx, SBX_ETEMP, rq->url, 0, NULL,
                          "the server asks to wait %.0f s (Retry-After), longer than the "
                          "limit of %.0f s; try again later", delay, o->retry_max_wait);
      delay = o->retry_max_wait;
    }
    sleep_seconds(delay, o->cancel);
    wait *= 2;
  }
}

void sbx__http_resp_free(sbx_http_resp *rs) {
  sbx__free(rs->data);
  rs->data = NULL;
  rs->len = rs->cap = 0;
}

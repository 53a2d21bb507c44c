/* The error context: a list of structured records, so that validation and import
 * report every problem. Also the codes' names, their sysexits, and global set-up. */
#include "surveys/util.h"

#include <sixbox/survey.h>

#include <curl/curl.h>
#include <gsl/gsl_errno.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sbx_ctx {
  sbx_error *rec;
  size_t n, cap, limit, dropped, errors;
};

sbx_ctx *sbx_ctx_new(void) {
  sbx_ctx *c = sbx__calloc(1, sizeof *c);
  if (c) c->limit = 10000;
  return c;
}

void sbx_ctx_clear(sbx_ctx *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) {
    sbx__free((char *)c->rec[i].message);
    sbx__free((char *)c->rec[i].source);
    sbx__free((char *)c->rec[i].item);
  }
  c->n = c->dropped = c->errors = 0;
}

void sbx_ctx_free(sbx_ctx *c) {
  if (!c) return;
  sbx_ctx_clear(c);
  sbx__free(c->rec);
  sbx__free(c);
}

size_t sbx_ctx_count(const sbx_ctx *c) { return c ? c->n : 0; }
size_t sbx_ctx_errors(const sbx_ctx *c) { return c ? c->errors : 0; }
size_t sbx_ctx_dropped(const sbx_ctx *c) { return c ? c->dropped : 0; }
void sbx_ctx_set_limit(sbx_ctx *c, size_t max) { if (c) c->limit = max; }
const sbx_error *sbx_ctx_get(const sbx_ctx *c, size_t i) {
  return c && i < c->n ? &c->rec[i] : NULL;
}

int sbx__verror(sbx_ctx *c, int code, sbx_severity sev, const char *source, long line,
                long column, const char *item, const char *fmt, va_list ap) {
  if (!c) return code;
  if (sev == SBX_SEV_ERROR) c->errors++;
  if (c->n >= c->limit || sbx__grow(&c->rec, &c->cap, c->n + 1, sizeof *c->rec)) {
    c->dropped++;
    return code;
  }
  char buf[2048];
  vsnprintf(buf, sizeof buf, fmt, ap);
  sbx_error *e = &c->rec[c->n];
  e->code = code;
  e->severity = sev;
  e->message = sbx__strdup(buf);
  e->source = sbx__strdup(source);
  e->item = sbx__strdup(item);
  e->line = line;
  e->column = column;
  if (!e->message) {
    sbx__free((char *)e->source);
    sbx__free((char *)e->item);
    c->dropped++;
    return code;
  }
  c->n++;
  return code;
}

int sbx__error(sbx_ctx *c, int code, const char *source, long line, const char *item,
               const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sbx__verror(c, code, SBX_SEV_ERROR, source, line, 0, item, fmt, ap);
  va_end(ap);
  return code;
}

int sbx__warning(sbx_ctx *c, int code, const char *source, long line, const char *item,
                 const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sbx__verror(c, code, SBX_SEV_WARNING, source, line, 0, item, fmt, ap);
  va_end(ap);
  return 0;
}

void sbx__ctx_name_source(sbx_ctx *c, size_t from, int code, const char *source) {
  for (size_t i = from; c && source && i < c->n; i++) {
    if (c->rec[i].code != code || c->rec[i].source) continue;
    c->rec[i].source = sbx__strdup(source); /* stays NULL when out of memory */
  }
}

size_t sbx_error_format(char *buf, size_t size, const sbx_error *e) {
  char place[64] = "";
  if (e->line > 0 && e->column > 0)
    snprintf(place, sizeof place, ":%ld:%ld", e->line, e->column);
  else if (e->line > 0)
    snprintf(place, sizeof place, ":%ld", e->line);
  const char *sev = e->severity == SBX_SEV_WARNING ? "warning: "
                    : e->severity == SBX_SEV_NOTE  ? "note: " : "";
  int n;
  if (e->item)
    n = snprintf(buf, size, "%s%s: %s%s (%s)", e->source ? e->source : "sixbox", place,
                 sev, e->message, e->item);
  else
    n = snprintf(buf, size, "%s%s: %s%s", e->source ? e->source : "sixbox", place, sev,
                 e->message);
  return n < 0 ? 0 : (size_t)n;
}

const char *sbx_strerror(int code) {
  switch (code) {
  case SBX_OK: return "success";
  case SBX_ENOMEM: return "out of memory";
  case SBX_EDATA: return "bad input data";
  case SBX_ENOENT: return "input missing";
  case SBX_EIO: return "input/output error";
  case SBX_ECREATE: return "cannot create output";
  case SBX_EUSAGE: return "wrong usage";
  case SBX_EUNAVAIL: return "service unavailable";
  case SBX_ETEMP: return "temporary failure";
  case SBX_EPROTO: return "protocol error";
  case SBX_EPERM: return "permission denied";
  case SBX_EINTERNAL: return "internal error";
  case SBX_ELIMIT: return "input exceeds a limit";
  case SBX_EINTR: return "interrupted";
  default: return "unknown error";
  }
}

int sbx_exit_code(int code) {
  switch (code) {
  case SBX_OK: return 0;
  case SBX_EUSAGE: return 64;
  case SBX_EDATA: case SBX_ELIMIT: return 65;
  case SBX_ENOENT: return 66;
  case SBX_EUNAVAIL: return 69;
  case SBX_ECREATE: return 73;
  case SBX_EIO: return 74;
  case SBX_ETEMP: return 75;
  case SBX_EPROTO: return 76;
  case SBX_EPERM: return 77;
  case SBX_EINTR: return 130;
  default: return 70;
  }
}

int sbx__check_min_group(int min_group, const char *source, sbx_ctx *ctx) {
  if (min_group == 0 || min_group >= SBX_MIN_GROUP_FLOOR) return 0;
  return sbx__error(ctx, SBX_EUSAGE, source, 0, NULL,
                    "the minimum group size is %d; it must be at least %d", min_group,
                    SBX_MIN_GROUP_FLOOR);
}

/* GSL's default error handler aborts the process. It is turned off once, by the first
 * call that may reach GSL (sbx_analyse, sbx_diagnose, sbx_simulate, the history's
 * trend) or by sbx_global_init(), whichever comes first, so that a program that never
 * called sbx_global_init() gets an error code, not an abort(). Process-wide, like the
 * handler itself: a program that wants its own handler sets it after that first call. */
static pthread_once_t gsl_once = PTHREAD_ONCE_INIT;
static void gsl_off(void) { gsl_set_error_handler_off(); }
void sbx__gsl_init(void) { (void)pthread_once(&gsl_once, gsl_off); }

int sbx_global_init(void) {
  sbx__gsl_init();
  xmlInitParser();
  return sbx__alloc_global_init();
}

void sbx_global_cleanup(void) {
  curl_global_cleanup();
  xmlCleanupParser();
}

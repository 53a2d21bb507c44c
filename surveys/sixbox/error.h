/* Error codes and the error context: every function that can fail returns 0 or a
 * negative SBX_E* code, and leaves the details as records in an sbx_ctx, so that a
 * validator or an importer reports every problem, not only the first. */
#ifndef SIXBOX_ERROR_H
#define SIXBOX_ERROR_H

#include <stddef.h>
#include <sixbox/alloc.h>
#include <sixbox/common.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  SBX_OK = 0,
  SBX_ENOMEM = -1,     /* out of memory */
  SBX_EDATA = -2,      /* bad input data (invalid file, row, value) */
  SBX_ENOENT = -3,     /* input missing */
  SBX_EIO = -4,        /* read or write error */
  SBX_ECREATE = -5,    /* cannot create output */
  SBX_EUSAGE = -6,     /* wrong arguments to a library call */
  SBX_EUNAVAIL = -7,   /* a service is unavailable */
  SBX_ETEMP = -8,      /* temporary failure, retry later */
  SBX_EPROTO = -9,     /* protocol error */
  SBX_EPERM = -10,     /* permission denied */
  SBX_EINTERNAL = -11, /* a bug of ours */
  SBX_ELIMIT = -12,    /* an input exceeded a hard cap */
  SBX_EINTR = -13      /* interrupted by a signal */
};

typedef enum { SBX_SEV_ERROR = 0, SBX_SEV_WARNING = 1, SBX_SEV_NOTE = 2 } sbx_severity;

/* One problem. Strings are owned by the context. */
typedef struct sbx_error {
  int code;             /* SBX_E* */
  sbx_severity severity;
  const char *message;  /* what is wrong and what to do */
  const char *source;   /* file name or URL; may be NULL */
  long line;            /* 1-based, 0 = none */
  long column;          /* 1-based, 0 = none */
  const char *item;     /* the id, column or value concerned; may be NULL */
} sbx_error;

typedef struct sbx_ctx sbx_ctx;

SBX_EXTERN sbx_ctx *sbx_ctx_new(void);
SBX_EXTERN void sbx_ctx_free(sbx_ctx *ctx);
/* Forget all records. */
SBX_EXTERN void sbx_ctx_clear(sbx_ctx *ctx);
SBX_EXTERN size_t sbx_ctx_count(const sbx_ctx *ctx);
/* Number of records of severity SBX_SEV_ERROR. */
SBX_EXTERN size_t sbx_ctx_errors(const sbx_ctx *ctx);
SBX_EXTERN const sbx_error *sbx_ctx_get(const sbx_ctx *ctx, size_t i);
/* At most this many records are kept (default 10000); later ones are counted only. */
SBX_EXTERN void sbx_ctx_set_limit(sbx_ctx *ctx, size_t max_records);
SBX_EXTERN size_t sbx_ctx_dropped(const sbx_ctx *ctx);

/* "source:line:column: message (item)" into buf (as snprintf: cut to size - 1 characters
 * and always terminated when size > 0); returns the length it needed. */
SBX_EXTERN size_t sbx_error_format(char *buf, size_t size, const sbx_error *e);

/* The short English name of a code, e.g. "bad input data". */
SBX_EXTERN const char *sbx_strerror(int code);
/* The sysexits exit code for a code: 0, 64, 65, 66, 69, 70, 73, 74, 75, 76, 77. */
SBX_EXTERN int sbx_exit_code(int code);

/* Once per process, before anything else: initialises libxml2 and libcurl (and routes
 * libcurl and SQLite through sixbox/alloc.h's allocator) and turns GSL's abort-on-error
 * off. Returns 0 or SBX_E*. GSL's handler is also turned off by the first call that may
 * reach GSL (sbx_analyse, sbx_diagnose, sbx_simulate), so a program that never called
 * this gets error codes from the statistics, not an abort(). */
SBX_EXTERN int sbx_global_init(void);
SBX_EXTERN void sbx_global_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif

/* Small helpers every module uses: error records, strings, growable arrays, reading
 * a whole file under a cap, UTF-8 checks. Library-internal. */
#ifndef SBX_UTIL_H
#define SBX_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <sixbox/alloc.h>
#include <sixbox/error.h>

#if defined(__GNUC__)
#define SBX_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SBX_PRINTF(f, a)
#endif

/* Records a problem in ctx (which may be NULL) and returns code, so that callers can
 * write `return sbx__error(...)`. item may be NULL. */
int sbx__error(sbx_ctx *ctx, int code, const char *source, long line, const char *item,
               const char *fmt, ...) SBX_PRINTF(6, 7);
/* A minimum group size given as an option: 0 (the default) or at least
 * SBX_MIN_GROUP_FLOOR; otherwise SBX_EUSAGE, naming both numbers. */
int sbx__check_min_group(int min_group, const char *source, sbx_ctx *ctx);
int sbx__warning(sbx_ctx *ctx, int code, const char *source, long line, const char *item,
                 const char *fmt, ...) SBX_PRINTF(6, 7);
int sbx__verror(sbx_ctx *ctx, int code, sbx_severity sev, const char *source, long line,
                long column, const char *item, const char *fmt, va_list ap);
/* Gives the records of code `code` from index `from` on that name no file the file
 * `source` (a writer that failed on a stream does not know the stream's file). */
void sbx__ctx_name_source(sbx_ctx *ctx, size_t from, int code, const char *source);

/* Every allocation of the library goes through these (the hook of sixbox/alloc.h).
 * sbx__malloc(0) and sbx__calloc(0, n) return a unique pointer, never NULL. */
void *sbx__malloc(size_t size);
void *sbx__calloc(size_t count, size_t size);
void *sbx__realloc(void *ptr, size_t size);
void sbx__free(void *ptr);
/* Turns GSL's aborting error handler off, once per process (pthread_once): every
 * public call that may reach GSL starts with it. */
void sbx__gsl_init(void);
/* Frees what jansson allocated for us (a json_dumps text): jansson is not routed
 * through the hook (sixbox/alloc.h). */
void sbx__json_free(void *p);
/* sbx_global_init()'s part: routes libcurl and SQLite through the hook. */
int sbx__alloc_global_init(void);

char *sbx__strdup(const char *s);                 /* NULL in, NULL out */
char *sbx__strndup(const char *s, size_t n);
char *sbx__asprintf(const char *fmt, ...) SBX_PRINTF(1, 2);

/* Makes room for at least `need` elements of `size` bytes in *p (capacity *cap).
 * Returns 0 or SBX_ENOMEM (then *p is untouched). */
int sbx__grow(void *p, size_t *cap, size_t need, size_t size);

/* The code for an input that cannot be opened, from errno: missing (ENOENT, ENOTDIR:
 * exit 66), not allowed (EACCES, EPERM: 77), anything else an I/O error (74). */
int sbx__open_error_code(int e);
/* Reads a whole file of at most `cap` bytes into a NUL-terminated buffer.
 * ENOENT, EIO or ELIMIT with a record in ctx naming the file. */
int sbx__read_file(const char *path, size_t cap, char **data, size_t *len, sbx_ctx *ctx);

/* Is s[0..len) valid UTF-8 (no overlongs, no surrogates)? On failure *bad is the
 * offset of the first bad byte. */
int sbx__utf8_valid(const char *s, size_t len, size_t *bad);

/* The options-struct convention (sixbox/common.h). sbx__opts_init zeroes the `size`
 * bytes at opts and sets their first field, the version, or is SBX_EUSAGE when
 * version is not in 1..current. sbx__opts_check is the same test for a struct a
 * caller passes in (NULL passes), with a record in ctx naming `what`. */
int sbx__opts_init(void *opts, size_t size, unsigned int version, unsigned int current);
int sbx__opts_check(const void *opts, unsigned int current, const char *what, sbx_ctx *ctx);

/* Case-insensitive ASCII comparison. */
int sbx__strcaseeq(const char *a, const char *b);

#endif

/* The allocator hook: a program may give the library its own allocator (to count, to
 * cap, or to fail the n-th allocation in a test), as libuv's uv_replace_allocator and
 * cmark's cmark_mem do. */
#ifndef SIXBOX_ALLOC_H
#define SIXBOX_ALLOC_H

#include <stddef.h>
#include <sixbox/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The four functions and their context. calloc may be NULL (the library then uses
 * malloc and clears); the others are required. They behave as the C library's: malloc
 * and calloc return NULL when out of memory, realloc returns NULL and keeps ptr, free
 * accepts NULL. */
typedef struct sbx_allocator {
  void *ctx;
  void *(*malloc)(void *ctx, size_t size);
  void *(*realloc)(void *ctx, void *ptr, size_t size);
  void *(*calloc)(void *ctx, size_t count, size_t size);
  void (*free)(void *ctx, void *ptr);
} sbx_allocator;

/* Every allocation of the library goes through *a from now on; NULL restores the C
 * library's malloc, realloc, calloc and free. The struct is copied. Returns 0, or
 * SBX_EUSAGE when a required function is missing.
 *
 * Call it first, before sbx_global_init() and while the library holds no memory
 * (no object of the library is alive): memory is always freed by the allocator that
 * gave it. Not thread-safe (like sbx_global_init()).
 *
 * The dependencies that allow it and survive a failed allocation are routed through
 * the same allocator: libxml2 from version 2.12 at once, libcurl and SQLite by
 * sbx_global_init() (they take their allocator when they are initialised). These
 * settings are process-wide: another user of those libraries in the same program
 * shares them. Not routed, so their allocations stay with the C library's malloc:
 *   - jansson: its parser ignores a failed allocation while it collects a token
 *     (lex_save in load.c drops the byte; a string is then scanned past the end of its
 *     buffer, a number trips an assert): a heap overflow or abort(), not an error
 *     (jansson issue #362, still open; seen with 2.14). sixbox parses exports,
 *     baselines and API answers with it, so a program's failing allocator must not
 *     reach it. The library leaves jansson's allocator as the program set it
 *     (json_set_alloc_funcs) and frees what jansson made with jansson's free.
 *   - libxml2 before 2.12 (Debian 12 has 2.9.14): see docs/memory.md, "libxml2".
 *   - GSL (its gsl_*_alloc call malloc directly), libzip and the zlib inside it have
 *     no such hook; their few allocations stay with the C library's malloc. */
SBX_EXTERN int sbx_set_allocator(const sbx_allocator *a);

#ifdef __cplusplus
}
#endif
#endif

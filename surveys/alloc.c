/* The allocator hook (sixbox/alloc.h): one process-wide allocator, the C library's
 * unless the program sets its own, and the dependencies that allow it and survive a
 * failed allocation routed through it (libxml2 from 2.12, libcurl, SQLite; libcsv per
 * parser, in its reader). */
#include "surveys/util.h"

#include <curl/curl.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <sqlite3.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The allocator is process-wide state by nature (as in libuv and cmark): it is set
 * once, before anything else, and only read afterwards. */
static sbx_allocator g_alloc;
static int g_custom;

void *sbx__malloc(size_t size) {
  return g_custom ? g_alloc.malloc(g_alloc.ctx, size ? size : 1) : malloc(size ? size : 1);
}

void *sbx__realloc(void *ptr, size_t size) {
  if (!size) size = 1;
  return g_custom ? g_alloc.realloc(g_alloc.ctx, ptr, size) : realloc(ptr, size);
}

void *sbx__calloc(size_t count, size_t size) {
  if (!g_custom) return calloc(count ? count : 1, size ? size : 1);
  if (g_alloc.calloc) return g_alloc.calloc(g_alloc.ctx, count ? count : 1, size ? size : 1);
  if (size && count > SIZE_MAX / size) return NULL;
  size_t n = count * size;
  if (!n) n = 1;
  void *p = g_alloc.malloc(g_alloc.ctx, n);
  if (p) memset(p, 0, n);
  return p;
}

void sbx__free(void *ptr) {
  if (!ptr) return;
  if (g_custom) g_alloc.free(g_alloc.ctx, ptr);
  else free(ptr);
}

/* The dependencies' hooks call these (they take no context). */
static void *dep_malloc(size_t size) { return sbx__malloc(size); }
static void *dep_realloc(void *ptr, size_t size) { return sbx__realloc(ptr, size); }
static void *dep_calloc(size_t count, size_t size) { return sbx__calloc(count, size); }
static char *dep_strdup(const char *s) { return sbx__strdup(s); }

/* libxml2 before 2.12 is not safe when an allocation fails: 2.9 crashes inside
 * xmlParseDocument (seen with the allocation-failure test, tests/library/test_oom.c);
 * the systematic malloc-failure testing of libxml2 came with 2.11 and 2.12. An older
 * libxml2 keeps the C library's allocator, so that a program's failing allocator does
 * not turn into a crash there; the library frees libxml2's memory with xmlFree only. */
static int xml_survives_oom(void) { return atoi(xmlParserVersion) >= 21200; }

int sbx_set_allocator(const sbx_allocator *a) {
  if (a && (!a->malloc || !a->realloc || !a->free)) return SBX_EUSAGE;
  if (a) g_alloc = *a;
  g_custom = a != NULL;
  /* jansson is left alone (sixbox/alloc.h says why): its parser is not safe when an
   * allocation fails. xmlMemSetup is a plain setter, safe before first use; a libxml2
   * string is freed with xmlFree, which then goes to the allocator that gave it. */
  if (xml_survives_oom()) {
    if (g_custom) xmlMemSetup(sbx__free, dep_malloc, dep_realloc, dep_strdup);
    else xmlMemSetup(free, malloc, realloc, strdup);
  }
  return 0;
}

/* jansson's allocations are its own (the program may have set them with
 * json_set_alloc_funcs): a text json_dumps made goes back to jansson's free. */
void sbx__json_free(void *p) {
  json_free_t f = NULL;
  json_get_alloc_funcs(NULL, &f);
  if (p) (f ? f : free)(p);
}

/* SQLite asks the size of a block back (xSize), so each block carries it in a header
 * of 16 bytes, which keeps the alignment malloc gives. */
#define SQL_HEAD 16

static void *sql_malloc(int n) {
  if (n <= 0) return NULL;
  unsigned char *p = sbx__malloc((size_t)n + SQL_HEAD);
  if (!p) return NULL;
  memcpy(p, &n, sizeof n);
  return p + SQL_HEAD;
}

static void sql_free(void *p) {
  if (p) sbx__free((unsigned char *)p - SQL_HEAD);
}

static int sql_size(void *p) {
  int n = 0;
  if (p) memcpy(&n, (unsigned char *)p - SQL_HEAD, sizeof n);
  return n;
}

static void *sql_realloc(void *p, int n) {
  if (!p) return sql_malloc(n);
  if (n <= 0) return NULL;
  unsigned char *q = sbx__realloc((unsigned char *)p - SQL_HEAD, (size_t)n + SQL_HEAD);
  if (!q) return NULL;
  memcpy(q, &n, sizeof n);
  return q + SQL_HEAD;
}

static int sql_roundup(int n) { return n > INT_MAX - 7 ? n : (n + 7) & ~7; }
static int sql_init(void *app) { (void)app; return SQLITE_OK; }
static void sql_shutdown(void *app) { (void)app; }

static const sqlite3_mem_methods sql_methods = {
  sql_malloc, sql_free, sql_realloc, sql_size, sql_roundup, sql_init, sql_shutdown, NULL
};

/* For sbx_global_init(): libcurl takes its allocator in its global initialisation, and
 * SQLite only before its own (sqlite3_config is refused once SQLite has started, e.g.
 * when the program opened a database first: then SQLite keeps its own allocator, which
 * is safe, as SQLite frees only what it allocated). */
int sbx__alloc_global_init(void) {
  CURLcode rc;
  if (g_custom) {
    (void)sqlite3_config(SQLITE_CONFIG_MALLOC, &sql_methods);
    rc = curl_global_init_mem(CURL_GLOBAL_DEFAULT, dep_malloc, sbx__free, dep_realloc,
                              dep_strdup, dep_calloc);
  } else {
    rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  }
  return rc == CURLE_OK ? 0 : rc == CURLE_OUT_OF_MEMORY ? SBX_ENOMEM : SBX_EINTERNAL;
}

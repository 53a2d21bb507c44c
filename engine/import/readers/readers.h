/* Shared plumbing of the readers: byte sources under caps (memory, file, zip entry),
 * the read state every reader carries (where rows go, where errors go), and the entry
 * points of each reader. Library-internal; the dialects see only engine/import/reader.h. */
#ifndef SBX_IMPORT_READERS_H
#define SBX_IMPORT_READERS_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include "engine/import/reader.h"
#include "surveys/util.h"

/* How much of a text file is looked at to detect its container, encoding, delimiter. */
#define SBX__SNIFF_BYTES 65536u
/* Bytes handed to the CSV parser at a time: memory stays bounded by this plus a row. */
#define SBX__CHUNK_BYTES (256u * 1024u)
/* Nesting of containers (base64 CSV inside JSON-RPC, CSV inside a zip...). */
#define SBX__MAX_DEPTH 3

typedef struct zip_file sbx__zip_file;

/* A stream of bytes read under a cap. */
typedef struct sbx__src {
  enum { SBX__SRC_MEM, SBX__SRC_FILE, SBX__SRC_ZIP } kind;
  const char *mem;     /* SRC_MEM: all the bytes */
  size_t memlen, mempos;
  FILE *f;             /* SRC_FILE, not owned */
  sbx__zip_file *zf;   /* SRC_ZIP, not owned */
  char *buf;           /* bytes read ahead (file, zip) */
  size_t bufcap, buflen, bufpos;
  uint64_t total;      /* bytes taken from the underlying stream so far */
  uint64_t cap;        /* more than this is refused */
  int declared;        /* SRC_ZIP: cap is the size the entry's header declares */
  const char *entry;   /* SRC_ZIP: the entry's name, for messages */
  int eof;
  const char *source;
  sbx_ctx *ctx;
} sbx__src;

void sbx__src_mem(sbx__src *s, const char *data, size_t len, const char *source,
                  sbx_ctx *ctx);
void sbx__src_file(sbx__src *s, FILE *f, uint64_t cap, const char *source, sbx_ctx *ctx);
void sbx__src_zip(sbx__src *s, sbx__zip_file *zf, uint64_t cap, const char *source,
                  sbx_ctx *ctx);
void sbx__src_free(sbx__src *s);
/* The first `want` bytes (fewer at end of input) without consuming them. */
int sbx__src_peek(sbx__src *s, size_t want, const char **p, size_t *n);
/* The next at most `max` bytes, consumed; *n == 0 at the end. The pointer stays valid
 * until the next call. */
int sbx__src_next(sbx__src *s, size_t max, const char **p, size_t *n);
/* Everything left, as one buffer of at most cap bytes. *owned is set (and the buffer
 * NUL-terminated) when the caller must free it; memory sources hand out their own
 * bytes, not terminated. */
int sbx__src_all(sbx__src *s, size_t cap, const char **data, size_t *len, char **owned);

/* The state of one read: where rows and errors go. */
typedef struct sbx__rd {
  const char *source;       /* names the file in messages */
  const char *companion;    /* SurveyMonkey survey details, or NULL */
  const sbx_read_opts *opts;
  sbx_row_fn fn;
  void *ud;
  sbx_file_info *info;
  sbx_ctx *ctx;
  size_t row;               /* rows handed out so far */
  int stop;                 /* the callback asked to stop */
  int stop_rc;              /* its value when negative (an SBX_E* of the caller) */
  int depth;
  const char *path;         /* the file on disk being read (sbx__read_export), or NULL */
} sbx__rd;

/* Hands one row to the caller. Returns non-zero when reading must stop (then
 * rd->stop is set). */
int sbx__rd_emit(sbx__rd *rd, uint32_t line, const char *const *cells, size_t n);
/* What a reader returns once finished: the caller's stop code, or 0. */
int sbx__rd_result(const sbx__rd *rd, int rc);
/* A line number for the row interface (saturates at UINT32_MAX). */
uint32_t sbx__line32(uint64_t line);

/* Detects the container of what src holds and reads it (depth-limited recursion for
 * nested containers). */
int sbx__read_src(sbx__rd *rd, sbx__src *src);

/* ---- the readers ---- */
int sbx__read_csv(sbx__rd *rd, sbx__src *src);
int sbx__read_zip_mem(sbx__rd *rd, const char *data, size_t len);
int sbx__read_zip_file(sbx__rd *rd, const char *path);
int sbx__read_json(sbx__rd *rd, const char *data, size_t len);
/* codes: the survey structure's question codes by SGQA name (sbx__lss_codes), or NULL:
 * then the structure is looked for beside the file as survey_<sid>.lss. */
int sbx__read_lsr(sbx__rd *rd, sbx__src *src, const json_t *codes);
/* Reads a LimeSurvey survey structure (.lss) into codes: each question's SGQA name
 * (<sid>X<gid>X<qid>, a subquestion's with its code after) -> its code as LimeSurvey's
 * own CSV export heads the column ("unit", "part1[q01]"). part names it in messages. */
int sbx__lss_codes(sbx__rd *rd, sbx__src *src, const char *part, json_t *codes);

/* RFC 4648 base64 (standard alphabet, padding optional, white space skipped).
 * Returns 0, SBX_EDATA on a bad character, SBX_ENOMEM; *out is NUL-terminated. */
int sbx__rd_base64_decode(char **out, size_t *outlen, const char *in, size_t len);

#endif

/* Atomic output files: written to a temporary file beside the target, flushed and
 * fsync'ed, then renamed over it, so the target appears whole or not at all. */
#ifndef SIXBOX_OUTPUT_H
#define SIXBOX_OUTPUT_H

#include <stdio.h>
#include <sixbox/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_outfile sbx_outfile;

/* Opens a temporary file in the target's directory ("-" = standard output, written
 * directly). */
SBX_EXTERN int sbx_outfile_open(sbx_outfile **out, const char *path, sbx_ctx *ctx);
FILE *sbx_outfile_stream(sbx_outfile *f);
/* Flushes, fsyncs and renames into place; frees f whatever happens. */
SBX_EXTERN int sbx_outfile_commit(sbx_outfile *f, sbx_ctx *ctx);
/* Removes the temporary file; frees f. NULL is fine. */
SBX_EXTERN void sbx_outfile_abort(sbx_outfile *f);
/* The temporary file's path (for signal handlers that must unlink it). */
SBX_EXTERN const char *sbx_outfile_temp_path(const sbx_outfile *f);

#ifdef __cplusplus
}
#endif
#endif

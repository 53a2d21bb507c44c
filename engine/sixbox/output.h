/* Output files: a regular file is written to a temporary file beside the target,
 * flushed and fsync'ed, then renamed over it, so the target appears whole or not at
 * all; a character device or a pipe (/dev/null, a FIFO) is written in place, since
 * renaming over it would replace the device with a plain file. */
#ifndef SIXBOX_OUTPUT_H
#define SIXBOX_OUTPUT_H

#include <stdio.h>
#include <sixbox/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_outfile sbx_outfile;

/* Opens a temporary file in the target's directory, keeping the mode of a file it will
 * replace ("-" = standard output, and a character device or FIFO: written directly;
 * a folder, a block device or a socket: refused). */
SBX_EXTERN int sbx_outfile_open(sbx_outfile **out, const char *path, sbx_ctx *ctx);
SBX_EXTERN FILE *sbx_outfile_stream(sbx_outfile *f);
/* Flushes, fsyncs and renames into place; frees f whatever happens. */
SBX_EXTERN int sbx_outfile_commit(sbx_outfile *f, sbx_ctx *ctx);
/* The two halves of commit, for a set of files that must appear together: finish
 * (flush and fsync: where a full disk shows) every file, and only when all succeeded
 * place (rename) each. finish keeps f; place frees it. */
SBX_EXTERN int sbx_outfile_finish(sbx_outfile *f, sbx_ctx *ctx);
SBX_EXTERN int sbx_outfile_place(sbx_outfile *f, sbx_ctx *ctx);
/* Finishes all n files, then places all of them, or on any failure aborts all of them
 * (the earlier files stay as they were). Frees every f[i] and sets it to NULL. */
SBX_EXTERN int sbx_outfiles_commit(sbx_outfile **f, size_t n, sbx_ctx *ctx);
/* After a writer failed on f: when the stream saw a write error, adds a record that
 * names the file and the system's reason (e.g. "No space left on device"); then
 * aborts f. NULL is fine. */
SBX_EXTERN void sbx_outfile_fail(sbx_outfile *f, sbx_ctx *ctx);
/* Removes the temporary file; frees f. NULL is fine. */
SBX_EXTERN void sbx_outfile_abort(sbx_outfile *f);
/* The temporary file's path (for signal handlers that must unlink it); NULL when the
 * output is written in place. */
SBX_EXTERN const char *sbx_outfile_temp_path(const sbx_outfile *f);
/* The target's path ("-" for standard output). */
SBX_EXTERN const char *sbx_outfile_path(const sbx_outfile *f);

/* Refuses (SBX_EUSAGE, one record per clash) an output that is one of the inputs or
 * another output: the same file by device and inode, so symbolic and hard links count
 * too. NULL entries and "-" are skipped. Devices (/dev/null) may be named twice. */
SBX_EXTERN int sbx_paths_check(const char *const *in, size_t nin, const char *const *out,
                               size_t nout, sbx_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

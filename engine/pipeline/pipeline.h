/* The diagnosis pipeline's parts: the set of output files written together (all four
 * or none). Library-internal. */
#ifndef SBX_PIPELINE_H
#define SBX_PIPELINE_H

#include <stdio.h>
#include <sixbox/diagnose.h>

/* One output of the set: its name in the folder and the writer that fills it. An
 * entry with name NULL is a commit hook: write(NULL, ud, ctx) runs once every file is
 * written and synced, before any is renamed; its failure aborts the whole set. */
typedef struct sbx__output {
  const char *name;
  int (*write)(FILE *f, void *ud, sbx_ctx *ctx);
} sbx__output;

/* Writes every output to a temporary file in dir, flushes and syncs them all, and only
 * then renames each into place; on any failure (or cancel) removes every temporary
 * file and leaves what was in dir before untouched. */
int sbx__outputs_write(const char *dir, const sbx__output *out, size_t n, void *ud,
                       const sbx_diagnose_opts *opts, sbx_ctx *ctx);

#endif

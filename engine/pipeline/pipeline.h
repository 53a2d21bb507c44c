/* The diagnosis pipeline's parts: the set of output files written together (all or
 * none). Library-internal. */
#ifndef SBX_PIPELINE_H
#define SBX_PIPELINE_H

#include <stdio.h>
#include <sixbox/diagnose.h>

/* The lock file in the report folder that serialises runs writing into it. */
#define SBX_OUTPUTS_LOCK ".sixbox.lock"

/* One output of the set: its name in the folder, the writer that fills it, and
 * optionally whether this run writes it at all (NULL = always). Adding a file to the
 * set is one line in the caller's table, e.g.
 *   { "handlingsplan.csv", write_plan_csv, has_history },
 * An entry with name NULL is a commit hook: write(NULL, ud, ctx) runs once every file
 * is written and synced, before any is renamed; its failure aborts the whole set. */
typedef struct sbx__output {
  const char *name;
  int (*write)(FILE *f, void *ud, sbx_ctx *ctx);
  int (*wanted)(void *ud);
} sbx__output;

/* Under an exclusive lock on dir/.sixbox.lock (a second run waits), writes every
 * wanted output to a temporary file in dir, flushes and syncs them all, and only then
 * renames each into place with the catchable signals held back; on any failure (or
 * cancel) removes every temporary file and leaves what was in dir before untouched.
 * Every failure names the file and the system's reason. Any number of outputs. */
int sbx__outputs_write(const char *dir, const sbx__output *out, size_t n, void *ud,
                       const sbx_diagnose_opts *opts, sbx_ctx *ctx);

/* The memory `diagnose` needs, measured with tests/bench/scale/run.sh: about
 * SBX_MEM_BASE plus SBX_MEM_PER_CELL per unit and scale when every unit is large enough
 * to be shown (a hidden unit needs less). README.md, "Limits", gives the same figures. */
#define SBX_MEM_BASE (64ULL << 20)
#define SBX_MEM_PER_CELL (9ULL << 10)
unsigned long long sbx__diagnose_memory(size_t nunit, size_t nscale);
/* Warns (and returns 1) when that estimate is more than half of ram bytes, the
 * machine's memory (0: unknown, no warning); source names the organisation file. */
int sbx__diagnose_memory_check(size_t nunit, size_t nscale, unsigned long long ram,
                               const char *source, sbx_ctx *ctx);

#endif

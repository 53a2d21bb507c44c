/* Where the time of `sixbox diagnose` goes: runs sbx_diagnose once and, from its
 * progress reports, prints wall and CPU time per stage (load, import, analyse, write).
 * Usage: bench_diagnose_stages SURVEY ORG OUTDIR EXPORT... */
#include <sixbox/diagnose.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const names[] = { "load", "import", "analyse", "analysed", "write", "done" };

typedef struct clock_state {
  double wall0, cpu0, wall, cpu;
  int stage;
  double spent_wall[6], spent_cpu[6];
} clock_state;

static double now(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Import reports come many times; only a change of stage closes the previous one. */
static void on_progress(void *ud, sbx_diagnose_stage st, const char *what, size_t n) {
  clock_state *c = ud;
  (void)what;
  (void)n;
  int s = st == SBX_STAGE_ANALYSED ? SBX_STAGE_WRITE : (int)st; /* analysed → writing */
  if (s == c->stage) return;
  double w = now(CLOCK_MONOTONIC), p = now(CLOCK_PROCESS_CPUTIME_ID);
  c->spent_wall[c->stage] += w - c->wall;
  c->spent_cpu[c->stage] += p - c->cpu;
  c->wall = w;
  c->cpu = p;
  c->stage = s;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s SURVEY ORG OUTDIR EXPORT...\n", argv[0]);
    return 64;
  }
  if (sbx_global_init() != 0) return 70;
  clock_state c;
  memset(&c, 0, sizeof c);
  c.wall0 = c.wall = now(CLOCK_MONOTONIC);
  c.cpu0 = c.cpu = now(CLOCK_PROCESS_CPUTIME_ID);
  sbx_diagnose_opts o = SBX_DIAGNOSE_OPTS_INIT;
  o.survey = argv[1];
  o.org = argv[2];
  o.outdir = argv[3];
  o.exports = (const char *const *)(argv + 4);
  o.nexports = (size_t)(argc - 4);
  o.progress = on_progress;
  o.progress_ud = &c;
  sbx_ctx *ctx = sbx_ctx_new();
  int rc = sbx_diagnose(&o, ctx);
  on_progress(&c, SBX_STAGE_DONE, NULL, 0);
  for (int s = 0; s < 6; s++)
    if (s != SBX_STAGE_ANALYSED && s != SBX_STAGE_DONE)
      printf("  %-8s wall %7.2f s  cpu %7.2f s\n", names[s], c.spent_wall[s], c.spent_cpu[s]);
  printf("  total    wall %7.2f s  cpu %7.2f s (rc %d)\n", now(CLOCK_MONOTONIC) - c.wall0,
         now(CLOCK_PROCESS_CPUTIME_ID) - c.cpu0, rc);
  sbx_ctx_free(ctx);
  sbx_global_cleanup();
  return rc ? 1 : 0;
}

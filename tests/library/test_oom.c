/* Out of memory: an allocator (sixbox/alloc.h) that fails the n-th allocation, for every
 * n along the survey and organisation loaders and each importer (CSV, XLSX, JSON, and
 * from the fixtures folder LimeSurvey's .lsr, its .lsa zip and a SurveyMonkey bulk JSON),
 * and along a whole `diagnose` of a tiny example and of a larger one for a spread of n
 * (every TINY_STRIDE-th, SMALL_STRIDE-th) and a sample drawn at random from a seed that
 * is printed.
 * Each run must end with SBX_ENOMEM or success, free all it took (counted here, and by
 * LeakSanitizer in the ASan build) and leave the output folder with the complete earlier
 * report: never a mix, never a temporary file. A diagnose that succeeds although an
 * allocation failed must have written what a clean run writes, byte for byte: otherwise
 * some reader or writer took SBX_ENOMEM for "absent" or "empty" and carried on with less.
 * The environment:
 *   SBX_OOM_STRIDE=k  every k-th n of both diagnoses, no draw (k=1: every n);
 *   SBX_OOM_SEED=s    the draw of seed s (as printed), to repeat a run;
 *   SBX_OOM_ONLY=n    only allocation n fails, in every sweep (with a debugger:
 *                     `break fail_here`);
 *   SBX_OOM_KEEP=dir  a copy of each differing report in dir/n, the clean one in dir/0;
 *   SBX_OOM_TEST=pat  only the tests whose name matches pat (oom_fixtures, oom_diagnose_*);
 *   SBX_OOM_VERBOSE=1 names each n whose failure the run absorbed (it succeeded).
 * docs/memory.md tells why jansson and libxml2 before 2.12 are not routed.
 * The folders are made in /dev/shm where there is one: each diagnose fsyncs its files,
 * and on a disk that, not the allocations, is what costs the time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sixbox/diagnose.h>
#include <sixbox/import.h>
#include <sixbox/simulate.h>

/* The failing allocator. Atomic: the drivers' bootstrap allocates on a thread of its own. */
static atomic_long seen;  /* allocations so far in this run */
static atomic_long live;  /* blocks handed out and not yet freed */
static long fail_at;      /* the allocation that fails, 1-based; 0 = none */
static long problems;     /* runs that broke a rule; each is printed */

/* A place for a debugger's breakpoint: `break fail_here` with SBX_OOM_ONLY=n. */
__attribute__((noinline)) static int fail_here(void) { return 1; }
static int must_fail(void) { return atomic_fetch_add(&seen, 1) + 1 == fail_at && fail_here(); }

static void *t_malloc(void *ud, size_t n) {
  (void)ud;
  if (must_fail()) return NULL;
  void *p = malloc(n);
  if (p) atomic_fetch_add(&live, 1);
  return p;
}

static void *t_calloc(void *ud, size_t c, size_t n) {
  (void)ud;
  if (must_fail()) return NULL;
  void *p = calloc(c, n);
  if (p) atomic_fetch_add(&live, 1);
  return p;
}

static void *t_realloc(void *ud, void *p, size_t n) {
  if (!p) return t_malloc(ud, n);
  if (must_fail()) return NULL;
  return realloc(p, n);
}

static void t_free(void *ud, void *p) {
  (void)ud;
  if (!p) return;
  atomic_fetch_sub(&live, 1);
  free(p);
}

static const sbx_allocator failing = { NULL, t_malloc, t_realloc, t_calloc, t_free };

/* The library leaves jansson alone (sixbox/alloc.h: its parser is not safe when an
 * allocation fails). The diagnoses parse no JSON, so for them this test routes jansson
 * through the failing allocator itself: the writers' handling of a jansson failure
 * (results.json, import-log.json) stays under test. */
static void *j_malloc(size_t n) { return t_malloc(NULL, n); }
static void j_free(void *p) { t_free(NULL, p); }

typedef int (*job_fn)(void *ud);

typedef struct tally { long runs, nomem, ok, total; double seconds, cpu; } tally;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One run of job with allocation n failing (0 = none); checks the code and the balance. */
static int run_once(job_fn job, void *ud, long n, const char *what) {
  xmlResetLastError();
  long before = atomic_load(&live);
  atomic_store(&seen, 0);
  fail_at = n;
  int rc = job(ud);
  fail_at = 0;
  xmlResetLastError();
  if (rc != 0 && rc != SBX_ENOMEM && ++problems)
    printf("FAIL %s: allocation %ld failed and the run ended with %d (%s), not SBX_ENOMEM\n",
           what, n, rc, sbx_strerror(rc));
  if (atomic_load(&live) != before && ++problems)
    printf("FAIL %s: allocation %ld failed and %ld blocks were not freed\n", what, n,
           atomic_load(&live) - before);
  return rc;
}

/* Which n to fail: every stride-th from 1 past the total (all allocations of a clean
 * run), and besides those `sample` more drawn at random, without repeats, from the seed
 * (printed with the result; SBX_OOM_SEED=s draws the same again). The spread keeps every
 * phase of the run covered on every run; the draw reaches, over many runs, each n the
 * spread steps over. */
typedef struct plan { long stride, sample; } plan;

static unsigned long long oom_seed(void) {
  static unsigned long long seed;
  if (!seed) {
    const char *env = getenv("SBX_OOM_SEED");
    seed = env && *env ? strtoull(env, NULL, 10)
                       : (unsigned long long)time(NULL) ^ (unsigned long long)getpid() << 20;
    if (!seed) seed = 1;
  }
  return seed;
}

static unsigned long long next_random(unsigned long long *x) { /* xorshift64* */
  *x ^= *x >> 12;
  *x ^= *x << 25;
  *x ^= *x >> 27;
  return *x * 2685821657736338717ULL;
}

/* The n of the plan, marked in a byte per n (1..total+1); returns how many. */
static long choose(unsigned char *pick, long total, plan p, unsigned long long seed) {
  long count = 0;
  for (long n = 1; n <= total + 1; n += p.stride) pick[n] = 1, count++;
  unsigned long long x = seed;
  for (long k = 0; k < p.sample && count < total + 1; k++) {
    long n = 1 + (long)(next_random(&x) % (unsigned long long)(total + 1));
    while (pick[n]) n = n % (total + 1) + 1;
    pick[n] = 1, count++;
  }
  return count;
}

static tally sweep(job_fn job, void *ud, plan p, const char *what) {
  tally t = { 0, 0, 0, 0, 0, 0 };
  double t0 = now(), c0 = (double)clock() / CLOCKS_PER_SEC;
  assert_int_equal(job(ud), 0); /* fills what is made once, on first use */
  assert_int_equal(run_once(job, ud, 0, what), 0);
  t.total = atomic_load(&seen);
  const char *only = getenv("SBX_OOM_ONLY");
  unsigned char *pick = calloc((size_t)t.total + 2, 1);
  assert_non_null(pick);
  unsigned long long seed = oom_seed();
  if (only) pick[atol(only) > 0 && atol(only) <= t.total + 1 ? atol(only) : 1] = 1;
  else choose(pick, t.total, p, seed);
  for (long n = 1; n <= t.total + 1; n++) {
    if (!pick[n]) continue;
    int rc = run_once(job, ud, n, what);
    t.runs++;
    if (rc == 0) t.ok++;
    else t.nomem++;
    if (rc == 0 && getenv("SBX_OOM_VERBOSE")) printf("# %s: allocation %ld failed, success\n", what, n);
  }
  free(pick);
  t.seconds = now() - t0;
  t.cpu = (double)clock() / CLOCKS_PER_SEC - c0;
  printf("# %s: %ld allocations, %ld runs (every %ld, and %ld drawn with seed %llu), %ld SBX_ENOMEM, "
         "%ld success, %.1f s (%.1f s of CPU)\n", what, t.total, t.runs, p.stride, p.sample, seed,
         t.nomem, t.ok, t.seconds, t.cpu);
  assert_int_equal(problems, 0);
  return t;
}

/* The plan of a diagnose: SBX_OOM_STRIDE=k in the environment, every k-th n and no
 * draw (k=1: every n); else the default. */
static plan diagnose_plan(plan dflt) {
  const char *env = getenv("SBX_OOM_STRIDE");
  long stride = env ? atol(env) : 0;
  return stride > 0 ? (plan){ stride, 0 } : dflt;
}

/* ---- the fixtures: exports simulated with the ordinary allocator ---- */
static char tmpdir[256];

static void path_in(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/%s", tmpdir, name);
}

static void simulate(const char *survey, const char *org, long n, const char *format,
                     const char *name) {
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  sbx_simulation *sim = NULL;
  assert_int_equal(sbx_survey_load(&s, survey, ctx), 0);
  assert_int_equal(sbx_org_load(&o, org, ctx), 0);
  sbx_simulate_opts so = { .version = SBX_SIMULATE_OPTS_VERSION, .respondents = n, .seed = 7 };
  assert_int_equal(sbx_simulate(&sim, s, o, &so, ctx), 0);
  char path[512];
  path_in(path, sizeof path, name);
  assert_int_equal(sbx_simulate_write_path(path, sim, format, NULL, ctx), 0);
  sbx_simulation_free(sim);
  sbx_org_free(o);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
}

/* What the library said when a run ends with neither success nor SBX_ENOMEM. */
static void report_unexpected(int rc, const sbx_ctx *ctx) {
  if (rc == 0 || rc == SBX_ENOMEM) return;
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    char line[512];
    sbx_error_format(line, sizeof line, sbx_ctx_get(ctx, i));
    printf("#   %s\n", line);
  }
}

/* ---- diagnose ---- */
typedef struct diag_job {
  const char *survey, *org, *outdir, *generated;
  const char *exports[3];
  size_t nexports;
} diag_job;

static int diagnose_job(void *ud) {
  diag_job *d = ud;
  sbx_diagnose_opts o = { .version = SBX_DIAGNOSE_OPTS_VERSION, .survey = d->survey,
                          .org = d->org, .exports = d->exports, .nexports = d->nexports,
                          .outdir = d->outdir, .generated = d->generated };
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return SBX_ENOMEM;
  int rc = sbx_diagnose(&o, ctx);
  report_unexpected(rc, ctx);
  sbx_ctx_free(ctx);
  return rc;
}

/* The names and bytes of the files in dir, sorted, as one buffer (each name, a newline,
 * then the bytes); at[i] is where the i-th file's name starts. */
typedef struct snap { char *b; size_t len; size_t *at; int n; } snap;

static int snap_eq(snap a, snap b) { return a.len == b.len && memcmp(a.b, b.b, a.len) == 0; }

static void snap_free(snap *s) {
  free(s->b);
  free(s->at);
}

/* The name of the first file where a and b differ, for the message. */
static void snap_first_diff(snap a, snap b, char *name, size_t size) {
  size_t off = 0;
  while (off < a.len && off < b.len && a.b[off] == b.b[off]) off++;
  int i = 0;
  while (i + 1 < a.n && a.at[i + 1] <= off) i++;
  const char *p = a.n ? a.b + a.at[i] : "(none)";
  size_t k = strcspn(p, "\n");
  snprintf(name, size, "%.*s (byte %zu of the set)", (int)k, p, off);
}

static snap snapshot(const char *dir) {
  struct dirent **e = NULL;
  int n = scandir(dir, &e, NULL, alphasort);
  assert_true(n >= 0);
  size_t len = 0, cap = 1 << 16;
  char *out = malloc(cap);
  size_t *at = calloc((size_t)n + 1, sizeof *at);
  assert_non_null(out);
  assert_non_null(at);
  int files = 0;
  for (int i = 0; i < n; i++) {
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, e[i]->d_name);
    struct stat st;
    if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
      FILE *f = fopen(p, "rb");
      assert_non_null(f);
      size_t need = len + strlen(p) + 2 + (size_t)st.st_size;
      while (need + 1 > cap) assert_non_null(out = realloc(out, cap *= 2));
      at[files++] = len;
      len += (size_t)sprintf(out + len, "%s\n", e[i]->d_name);
      len += fread(out + len, 1, (size_t)st.st_size, f);
      fclose(f);
    } else if (strcmp(e[i]->d_name, ".") && strcmp(e[i]->d_name, "..")) {
      fail_msg("%s: unexpected entry %s", dir, e[i]->d_name);
    }
    free(e[i]);
  }
  free(e);
  return (snap){ out, len, at, files };
}

/* SBX_OOM_KEEP=folder keeps a copy of each differing report there, as folder/n, beside the
 * clean run's, folder/0. */
static void keep_copy(const char *dir, long n) {
  const char *keep = getenv("SBX_OOM_KEEP");
  if (!keep) return;
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp -r '%s' '%s/%ld'", keep, dir, keep, n);
  if (system(cmd) != 0) printf("# could not keep a copy: %s\n", cmd);
}

/* After each failing run the folder must hold the earlier report, whole. */
typedef struct diag_check { diag_job *d; snap before, after; long mixed, degraded; } diag_check;

static int diagnose_checked(void *ud) {
  diag_check *c = ud;
  int rc = diagnose_job(c->d);
  if (fail_at == 0) { /* a clean run: put the earlier report back, uncounted */
    long n = atomic_load(&seen);
    const char *g = c->d->generated;
    c->d->generated = "2026-01-01 00:00";
    assert_int_equal(diagnose_job(c->d), 0);
    c->d->generated = g;
    atomic_store(&seen, n);
    return rc;
  }
  snap got = snapshot(c->d->outdir);
  if (rc != 0 && !snap_eq(got, c->before) && ++c->mixed)
    printf("FAIL allocation %ld failed and the folder does not hold the earlier report\n",
           fail_at);
  /* A run that absorbed the failure must have written what a clean run writes, byte for
   * byte: where it differs, some reader or writer took SBX_ENOMEM for "absent" or "empty"
   * and carried on with less. */
  if (rc == 0 && !snap_eq(got, c->after) && ++c->degraded) {
    char where[300];
    snap_first_diff(got, c->after, where, sizeof where);
    printf("FAIL allocation %ld failed, the run succeeded, and the report differs from a clean"
           " run's: first in %s\n", fail_at, where);
    keep_copy(c->d->outdir, fail_at);
  }
  snap_free(&got);
  if (rc == 0) { /* a tolerated failure: put the earlier report back for the next run */
    const char *g = c->d->generated;
    c->d->generated = "2026-01-01 00:00";
    long keep = fail_at;
    fail_at = 0;
    assert_int_equal(diagnose_job(c->d), 0);
    fail_at = keep;
    c->d->generated = g;
  }
  return rc;
}

static void diagnose_sweep(diag_job *d, plan p, const char *what) {
  json_set_alloc_funcs(j_malloc, j_free);
  d->generated = "2026-01-01 00:00";
  assert_int_equal(diagnose_job(d), 0);
  diag_check c = { d, snapshot(d->outdir), { NULL, 0, NULL, 0 }, 0, 0 };
  d->generated = "2026-02-02 00:00";
  assert_int_equal(diagnose_job(d), 0);
  c.after = snapshot(d->outdir);
  keep_copy(d->outdir, 0);
  assert_false(snap_eq(c.before, c.after));
  d->generated = "2026-01-01 00:00";
  assert_int_equal(diagnose_job(d), 0);
  d->generated = "2026-02-02 00:00";
  sweep(diagnose_checked, &c, p, what);
  assert_int_equal(c.mixed, 0);
  assert_int_equal(c.degraded, 0);
  snap_free(&c.before);
  snap_free(&c.after);
  json_set_alloc_funcs(malloc, free);
}

#define DATA SBX_TEST_DATA "/"

/* The default plans (about 5 200 and 11 100 allocations): a spread and a draw, smaller
 * under AddressSanitizer, where a run costs three times as much (each build's test
 * within about 40 s; docs/memory.md). */
#if defined(__SANITIZE_ADDRESS__)
#define OOM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_ASAN 1
#endif
#endif
#ifdef OOM_ASAN
#define TINY_STRIDE 16
#define TINY_SAMPLE 150
#define SMALL_STRIDE 100
#define SMALL_SAMPLE 80
#else
#define TINY_STRIDE 5
#define TINY_SAMPLE 400
#define SMALL_STRIDE 29
#define SMALL_SAMPLE 200
#endif

static void oom_diagnose_tiny(void **state) {
  (void)state;
  const char *s = DATA "surveys/mini-survey.xml", *o = DATA "surveys/mini-org.xml";
  simulate(s, o, 12, "google-forms", "tiny.csv");
  char exp[512], out[512];
  path_in(exp, sizeof exp, "tiny.csv");
  path_in(out, sizeof out, "tiny-out");
  diag_job d = { s, o, out, NULL, { exp }, 1 };
  diagnose_sweep(&d, diagnose_plan((plan){ TINY_STRIDE, TINY_SAMPLE }),
                 "diagnose, mini survey, 12 responses");
}

static void oom_diagnose_small(void **state) {
  (void)state;
  const char *s = DATA "suppress/survey.xml", *o = DATA "suppress/org.xml";
  simulate(s, o, 60, "google-forms", "small.csv");
  simulate(s, o, 40, "microsoft-forms", "small.xlsx");
  char e1[512], e2[512], out[512];
  path_in(e1, sizeof e1, "small.csv");
  path_in(e2, sizeof e2, "small.xlsx");
  path_in(out, sizeof out, "small-out");
  diag_job d = { s, o, out, NULL, { e1, e2 }, 2 };
  diagnose_sweep(&d, diagnose_plan((plan){ SMALL_STRIDE, SMALL_SAMPLE }),
                 "diagnose, 8 units, 100 responses");
}

/* ---- importers ---- */
/* An importer's output as bytes: the responses and the import log, or what inspect
 * found. The first clean run's is kept; a run that succeeds although an allocation
 * failed must give the same bytes. */
typedef struct imp_job {
  const sbx_survey *survey; /* loaded once, outside the runs (oom_loaders sweeps that) */
  const sbx_org *org;
  const char *path, *details;
  int inspect;
  char *clean;
  size_t nclean;
} imp_job;

static void imp_compare(imp_job *j, const sbx_responses *r, const sbx_survey *s,
                        const sbx_import_log *log, const sbx_inspection *in, sbx_ctx *ctx) {
  long keep = fail_at, n = atomic_load(&seen);
  fail_at = 0; /* the writing is not under test here, nor counted */
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  assert_non_null(m);
  if (in) assert_int_equal(sbx_inspection_write_json(m, in, ctx), 0);
  else assert_int_equal(sbx_responses_write_csv(m, r, s, NULL, ctx) || sbx_import_log_write_json(m, log, ctx), 0);
  assert_int_equal(fclose(m), 0);
  fail_at = keep;
  atomic_store(&seen, n);
  if (!j->clean) {
    j->clean = buf, j->nclean = len;
    return;
  }
  if ((len != j->nclean || memcmp(buf, j->clean, len) != 0) && ++problems)
    printf("FAIL %s: allocation %ld failed, the import succeeded, and its output differs from a "
           "clean run's\n", j->path, keep);
  free(buf);
}

static int import_job(void *ud) {
  imp_job *j = ud;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return SBX_ENOMEM;
  int rc;
  sbx_import_opts io = { .version = SBX_IMPORT_OPTS_VERSION, .details = j->details };
  if (j->inspect) {
    sbx_inspection *in = NULL;
    rc = sbx_inspection_new(&in);
    if (!rc) rc = sbx_inspect(in, j->path, &io, ctx);
    if (!rc) imp_compare(j, NULL, NULL, NULL, in, ctx);
    sbx_inspection_free(in);
    report_unexpected(rc, ctx);
  } else {
    sbx_responses *r = NULL;
    sbx_import_log *log = NULL;
    rc = sbx_import(&r, &log, j->survey, j->org, &j->path, 1, &io, ctx);
    if (!rc) imp_compare(j, r, j->survey, log, NULL, ctx);
    report_unexpected(rc, ctx);
    sbx_import_log_free(log);
    sbx_responses_free(r);
  }
  sbx_ctx_free(ctx);
  return rc;
}

/* The survey and organisation loaders, every n, once (the importers' runs start from
 * loaded ones, so that each sweep is its importer's). */
typedef struct load_job { const char *survey, *org; } load_job;

static int load_job_run(void *ud) {
  load_job *l = ud;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return SBX_ENOMEM;
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  int rc = sbx_survey_load(&s, l->survey, ctx);
  if (!rc) rc = sbx_org_load(&o, l->org, ctx);
  report_unexpected(rc, ctx);
  sbx_org_free(o);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
  return rc;
}

static void oom_importers(void **state) {
  (void)state;
  const char *sp = DATA "surveys/mini-survey.xml", *op = DATA "surveys/mini-org.xml";
  load_job l = { sp, op };
  sweep(load_job_run, &l, (plan){ 1, 0 }, "load the mini survey and organisation");
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  assert_int_equal(sbx_survey_load(&s, sp, ctx), 0);
  assert_int_equal(sbx_org_load(&o, op, ctx), 0);
  static const char *const formats[][2] = {
    { "google-forms", "imp.csv" }, { "microsoft-forms", "imp.xlsx" },
    { "kobotoolbox", "imp-kobo.json" }, { "surveymonkey", "imp-sm.csv" },
    { "qualtrics", "imp-q.csv" }, { "limesurvey", "imp-ls.csv" } };
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
    simulate(sp, op, 5, formats[i][0], formats[i][1]);
    char p[512], what[128];
    path_in(p, sizeof p, formats[i][1]);
    imp_job j = { s, o, p, NULL, 0, NULL, 0 };
    snprintf(what, sizeof what, "import %s (%s)", formats[i][1], formats[i][0]);
    sweep(import_job, &j, (plan){ 1, 0 }, what);
    free(j.clean);
  }
  sbx_org_free(o);
  sbx_survey_free(s);
  sbx_ctx_free(ctx);
}

/* The real exports of the fixtures folder (SBX_FIXTURES_DIR, which ctest sets): the .lsr
 * (XML), the .lsa (zip of it) and a SurveyMonkey bulk JSON, through inspect (no survey of
 * ours fits them). */
static void oom_fixtures(void **state) {
  (void)state;
  const char *dir = getenv("SBX_FIXTURES_DIR");
  static const char *const files[][2] = {
    { "exports/limesurvey/limesurveyrc2api_survey_293446_extracted/survey_293446_responses.lsr",
      NULL },
    { "exports/limesurvey/limesurveyrc2api_survey_293446_no_tokens.lsa", NULL },
    { "exports/surveymonkey/smR_api_v3_responses_bulk.json",
      "exports/surveymonkey/smR_api_v3_survey_details.json" } };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char p[768], det[768];
    snprintf(p, sizeof p, "%s/%s", dir ? dir : "", files[i][0]);
    if (files[i][1]) snprintf(det, sizeof det, "%s/%s", dir ? dir : "", files[i][1]);
    if (!dir || !*dir || access(p, R_OK) != 0) {
      printf("# skipped: %s absent (no fixtures folder here)\n", p);
      continue;
    }
    imp_job j = { NULL, NULL, p, files[i][1] ? det : NULL, 1, NULL, 0 };
    sweep(import_job, &j, (plan){ 1, 0 }, strrchr(p, '/') + 1);
    free(j.clean);
  }
}

/* libxml2 before 2.12 is left with the C library's allocator (sixbox/alloc.h): none of
 * its allocations may reach the failing one, so none counts as the library's in the
 * sweeps; from 2.12 on it is routed and they do. */
static void oom_libxml2_routing(void **state) {
  (void)state;
  static const char doc[] = "<a><b>x</b><c y=\"z\"/></a>";
  atomic_store(&seen, 0);
  xmlDocPtr d = xmlReadMemory(doc, (int)sizeof doc - 1, "t.xml", NULL, XML_PARSE_NONET);
  assert_non_null(d);
  xmlFreeDoc(d);
  long n = atomic_load(&seen);
  printf("# libxml2 %s: %ld of its allocations went through the hook\n", xmlParserVersion, n);
  if (atoi(xmlParserVersion) < 21200) assert_int_equal(n, 0);
  else assert_true(n > 0);
}

static int setup(void **state) {
  (void)state;
  /* In memory where there is such a folder: each diagnose fsyncs its files, and on a disk
   * that, not the allocations, is what costs the time. */
  const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  snprintf(tmpdir, sizeof tmpdir, "%s/sbx-oom-XXXXXX", base);
  if (!mkdtemp(tmpdir)) return -1;
  if (sbx_set_allocator(&failing) != 0 || sbx_global_init() != 0) return -1;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  sbx_global_cleanup();
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(oom_libxml2_routing),
    cmocka_unit_test(oom_importers),
    cmocka_unit_test(oom_fixtures),
    cmocka_unit_test(oom_diagnose_tiny),
    cmocka_unit_test(oom_diagnose_small),
  };
  if (getenv("SBX_OOM_TEST")) cmocka_set_test_filter(getenv("SBX_OOM_TEST"));
  return cmocka_run_group_tests(tests, setup, teardown);
}

/* Out of memory: an allocator (sixbox/alloc.h) that fails the n-th allocation, for every
 * n along each importer (CSV, XLSX, JSON, LimeSurvey's .lsr and its .lsa zip), every 5th
 * along a whole `diagnose` of a tiny example and every 37th along a larger one (each
 * diagnose fsyncs its files: that is what costs the time).
 * Each run must end with SBX_ENOMEM or success, free all it took (counted here, and by
 * LeakSanitizer in the ASan build) and leave the output folder with the complete earlier
 * report: never a mix, never a temporary file.
 * SBX_OOM_STRIDE=1 in the environment tests every n of both diagnoses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
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

typedef int (*job_fn)(void *ud);

typedef struct tally { long runs, nomem, ok, total; double seconds; } tally;

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

/* Every stride-th n from 1 past the total (all allocations of a clean run). */
static tally sweep(job_fn job, void *ud, long stride, const char *what) {
  tally t = { 0, 0, 0, 0, 0 };
  double t0 = now();
  assert_int_equal(job(ud), 0); /* fills what is made once, on first use */
  assert_int_equal(run_once(job, ud, 0, what), 0);
  t.total = atomic_load(&seen);
  const char *only = getenv("SBX_OOM_ONLY");
  for (long n = only ? atol(only) : 1; n <= t.total + 1; n += only ? t.total + 1 : stride) {
    int rc = run_once(job, ud, n, what);
    t.runs++;
    if (rc == 0) t.ok++;
    else t.nomem++;
  }
  t.seconds = now() - t0;
  assert_int_equal(problems, 0);
  printf("# %s: %ld allocations, %ld runs (every %ld), %ld SBX_ENOMEM, %ld success, %.1f s\n",
         what, t.total, t.runs, stride, t.nomem, t.ok, t.seconds);
  return t;
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

/* The names and bytes of the files in dir, sorted, as one buffer (names first). */
typedef struct snap { char *b; size_t len; } snap;

static int snap_eq(snap a, snap b) { return a.len == b.len && memcmp(a.b, b.b, a.len) == 0; }

static snap snapshot(const char *dir) {
  struct dirent **e = NULL;
  int n = scandir(dir, &e, NULL, alphasort);
  assert_true(n >= 0);
  size_t len = 0, cap = 1 << 16;
  char *out = malloc(cap);
  assert_non_null(out);
  for (int i = 0; i < n; i++) {
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, e[i]->d_name);
    struct stat st;
    if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
      FILE *f = fopen(p, "rb");
      assert_non_null(f);
      size_t need = len + strlen(p) + 2 + (size_t)st.st_size;
      while (need + 1 > cap) assert_non_null(out = realloc(out, cap *= 2));
      len += (size_t)sprintf(out + len, "%s\n", e[i]->d_name);
      len += fread(out + len, 1, (size_t)st.st_size, f);
      fclose(f);
    } else if (strcmp(e[i]->d_name, ".") && strcmp(e[i]->d_name, "..")) {
      fail_msg("%s: unexpected entry %s", dir, e[i]->d_name);
    }
    free(e[i]);
  }
  free(e);
  return (snap){ out, len };
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
  /* A run that absorbed the failure wrote a complete new set; where its bytes differ from
   * a clean run's, a failure was absorbed into the content: counted and shown, not failed
   * (an open issue: which writer drops what). */
  if (rc == 0 && !snap_eq(got, c->after) && ++c->degraded)
    printf("# note: allocation %ld failed, the run succeeded, and the report differs\n",
           fail_at);
  free(got.b);
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

static void diagnose_sweep(diag_job *d, long stride, const char *what) {
  d->generated = "2026-01-01 00:00";
  assert_int_equal(diagnose_job(d), 0);
  diag_check c = { d, snapshot(d->outdir), { NULL, 0 }, 0, 0 };
  d->generated = "2026-02-02 00:00";
  assert_int_equal(diagnose_job(d), 0);
  c.after = snapshot(d->outdir);
  assert_false(snap_eq(c.before, c.after));
  d->generated = "2026-01-01 00:00";
  assert_int_equal(diagnose_job(d), 0);
  d->generated = "2026-02-02 00:00";
  sweep(diagnose_checked, &c, stride, what);
  assert_int_equal(c.mixed, 0);
  free(c.before.b);
  free(c.after.b);
}

#define DATA SBX_TEST_DATA "/"

static void oom_diagnose_tiny(void **state) {
  (void)state;
  const char *s = DATA "surveys/mini-survey.xml", *o = DATA "surveys/mini-org.xml";
  simulate(s, o, 12, "google-forms", "tiny.csv");
  char exp[512], out[512];
  path_in(exp, sizeof exp, "tiny.csv");
  path_in(out, sizeof out, "tiny-out");
  diag_job d = { s, o, out, NULL, { exp }, 1 };
  const char *env = getenv("SBX_OOM_STRIDE");
  long stride = env ? atol(env) : 0;
  diagnose_sweep(&d, stride > 0 ? stride : 5, "diagnose, mini survey, 12 responses");
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
  const char *env = getenv("SBX_OOM_STRIDE");
  long stride = env ? atol(env) : 0;
  diag_job d = { s, o, out, NULL, { e1, e2 }, 2 };
  diagnose_sweep(&d, stride > 0 ? stride : 37, "diagnose, 8 units, 100 responses");
}

/* ---- importers ---- */
typedef struct imp_job { const char *survey, *org, *path, *details; int inspect; } imp_job;

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
    sbx_inspection_free(in);
    report_unexpected(rc, ctx);
  } else {
    sbx_survey *s = NULL;
    sbx_org *o = NULL;
    sbx_responses *r = NULL;
    sbx_import_log *log = NULL;
    rc = sbx_survey_load(&s, j->survey, ctx);
    if (!rc) rc = sbx_org_load(&o, j->org, ctx);
    if (!rc) rc = sbx_import(&r, &log, s, o, &j->path, 1, &io, ctx);
    report_unexpected(rc, ctx);
    sbx_import_log_free(log);
    sbx_responses_free(r);
    sbx_org_free(o);
    sbx_survey_free(s);
  }
  sbx_ctx_free(ctx);
  return rc;
}

static void oom_importers(void **state) {
  (void)state;
  const char *s = DATA "surveys/mini-survey.xml", *o = DATA "surveys/mini-org.xml";
  static const char *const formats[][2] = {
    { "google-forms", "imp.csv" }, { "microsoft-forms", "imp.xlsx" },
    { "kobotoolbox", "imp-kobo.json" }, { "surveymonkey", "imp-sm.csv" },
    { "qualtrics", "imp-q.csv" }, { "limesurvey", "imp-ls.csv" } };
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
    simulate(s, o, 5, formats[i][0], formats[i][1]);
    char p[512], what[128];
    path_in(p, sizeof p, formats[i][1]);
    imp_job j = { s, o, p, NULL, 0 };
    snprintf(what, sizeof what, "import %s (%s)", formats[i][1], formats[i][0]);
    sweep(import_job, &j, 1, what);
  }
}

/* The real exports of the shared fixtures: the .lsr (XML), the .lsa (zip of it) and a
 * SurveyMonkey bulk JSON, through inspect (no survey of ours fits them). */
static void oom_fixtures(void **state) {
  (void)state;
  const char *dir = getenv("SBX_SHARED_DIR");
  static const char *const files[][2] = {
    { "exports/limesurvey/limesurveyrc2api_survey_293446_extracted/survey_293446_responses.lsr",
      NULL },
    { "exports/limesurvey/limesurveyrc2api_survey_293446_no_tokens.lsa", NULL },
    { "exports/surveymonkey/smR_api_v3_responses_bulk.json",
      "exports/surveymonkey/smR_api_v3_survey_details.json" } };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char p[768], det[768];
    snprintf(p, sizeof p, "%s/fixtures/%s", dir ? dir : "", files[i][0]);
    if (files[i][1]) snprintf(det, sizeof det, "%s/fixtures/%s", dir ? dir : "", files[i][1]);
    if (!dir || access(p, R_OK) != 0) {
      printf("# skipped: %s absent (the shared fixtures are not here)\n", p);
      continue;
    }
    imp_job j = { NULL, NULL, p, files[i][1] ? det : NULL, 1 };
    sweep(import_job, &j, 1, strrchr(p, '/') + 1);
  }
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/sbx-oom-XXXXXX");
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
    cmocka_unit_test(oom_importers),
    cmocka_unit_test(oom_fixtures),
    cmocka_unit_test(oom_diagnose_tiny),
    cmocka_unit_test(oom_diagnose_small),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

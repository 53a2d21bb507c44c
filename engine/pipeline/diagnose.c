/* sbx_diagnose(): the whole job. Loads and cross-checks the survey and organisation,
 * reads the baseline, imports every export, analyses, and writes the report set
 * (report.html, comments.html, results.json, results.csv, goals.csv, handlingsplan.csv,
 * handlingsplan.xlsx, import-log.json) all together or not at all.
 * Checks the caller's cancel flag between stages; touches signals only to hold them
 * back during the renames that put the set in place (outputs.c). */
#include <sixbox/diagnose.h>
#include <sixbox/import.h>
#include <sixbox/report.h>
#include "analysis/results.h"
#include "engine/history/history.h"
#include "engine/history/plan.h"
#include "engine/pipeline/pipeline.h"
#include "reports/tables/tables.h"
#include "surveys/lang/lang.h"
#include "surveys/util.h"

#include <sixbox/output.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct job {
  const sbx_diagnose_opts *o;
  sbx_survey *survey;
  sbx_org *org;
  sbx_baseline *baseline;
  sbx_benchmark *bench;
  sbx_responses *resp;
  sbx_import_log *log;
  sbx_results *res;
  sbx_report_opts ropts;
  sbx_history *hist;     /* with opts->history */
  sbx_trend *trend;      /* earlier waves and the plan's follow-ups, or NULL */
  json_t *tree;          /* results.json as a tree: dumped once, stored from */
  char *json;            /* results.json as published */
  size_t json_len;
} job;

static int cancelled(const job *j, sbx_ctx *ctx) {
  if (j->o->cancel && *j->o->cancel)
    return sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted; nothing was written");
  return 0;
}

static void progress(const job *j, sbx_diagnose_stage st, const char *what, size_t n) {
  if (j->o->progress) j->o->progress(j->o->progress_ud, st, what, n);
}

static void import_progress(void *ud, const char *source, size_t rows) {
  progress(ud, SBX_STAGE_IMPORT, source, rows);
}

/* The folder: made when missing; must be a folder. */
static int prepare_dir(const char *dir, sbx_ctx *ctx) {
  struct stat st;
  if (stat(dir, &st) == 0) {
    if (!S_ISDIR(st.st_mode))
      return sbx__error(ctx, SBX_ECREATE, dir, 0, NULL,
                        "this is a file, not a folder; give -o a folder for the report");
    return 0;
  }
  if (mkdir(dir, 0755) != 0)
    return sbx__error(ctx, errno == EACCES ? SBX_EPERM : SBX_ECREATE, dir, 0, NULL,
                      "cannot create the output folder: %s; check that its parent exists "
                      "and is writable", strerror(errno));
  return 0;
}

/* A wave id as the organisation file's ids: letters, digits, _ . - (at most 64). */
static int valid_wave_id(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 64 || s[0] == '-' || s[0] == '.' || s[0] == '_') return 0;
  return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

static int valid_date(const char *s) {
  int y, m, d;
  char tail;
  if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return 0;
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return s[4] == '-' && s[7] == '-' && y >= 1900 && m >= 1 && m <= 12 && d >= 1 &&
         d <= (m == 2 && !leap ? 28 : days[m - 1]);
}

static int check_wave_opts(const sbx_diagnose_opts *o, sbx_ctx *ctx) {
  if (o->history && !o->wave)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "--history needs --wave ID for this wave");
  if (!o->history && (o->wave || o->wave_name || o->wave_date || o->replace_wave))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "--wave, --wave-name, --wave-date and --replace-wave go with --history FILE");
  if (o->wave && !valid_wave_id(o->wave))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, o->wave,
                      "a wave id is 1 to 64 letters, digits, '_', '.' or '-', e.g. 2027-host");
  if (o->wave_date && !valid_date(o->wave_date))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, o->wave_date,
                      "--wave-date wants a date as YYYY-MM-DD, e.g. 2027-10-15");
  return 0;
}

int sbx_diagnose_opts_init(sbx_diagnose_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_DIAGNOSE_OPTS_VERSION);
}

static int check_opts(const sbx_diagnose_opts *o, sbx_ctx *ctx) {
  int rc = sbx__opts_check(o, SBX_DIAGNOSE_OPTS_VERSION, "sbx_diagnose_opts", ctx);
  if (rc) return rc;
  if (!o || !o->survey || !o->org || !o->outdir)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "diagnose needs a survey, an organisation and an output folder");
  if (o->nexports == 0 || !o->exports)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "diagnose needs at least one export");
  if (o->lang && !sbx__lang_exists(o->lang))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, o->lang,
                      "no catalogue has this language (sv, en, fi are built in; "
                      "docs/languages.md)");
  if (sbx__check_min_group(o->min_group, NULL, ctx)) return SBX_EUSAGE;
  int k = o->min_group ? o->min_group : SBX_MIN_GROUP_DEFAULT;
  if (check_wave_opts(o, ctx)) return SBX_EUSAGE;
  if (o->min_comment_group != 0 && o->min_comment_group < k)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL,
                      "the minimum group for comments is %d; it must be at least the minimum "
                      "group size %d", o->min_comment_group, k);
  return 0;
}

/* The follow-up database: opened (made when missing), the wave id checked before any
 * work, the earlier waves read; the last is the baseline unless one was given. */
static int load_history(job *j, sbx_ctx *ctx) {
  const sbx_diagnose_opts *o = j->o;
  int rc = sbx_history_open(&j->hist, o->history, 1, ctx);
  int has = rc ? 0 : sbx__history_has_wave(j->hist, o->wave, ctx);
  if (!rc && has < 0) rc = has;
  if (!rc && has && !o->replace_wave)
    rc = sbx__error(ctx, SBX_EDATA, o->history, 0, o->wave,
                    "the follow-up database has a wave '%s' already; give this wave another "
                    "--wave, or add --replace-wave to replace it", o->wave);
  sbx__wave_meta w = { o->wave, o->wave_name, o->wave_date };
  if (!rc) rc = sbx__history_trend(j->hist, j->survey, j->org, &w, &j->trend,
                                   j->baseline ? NULL : &j->baseline, ctx);
  return rc;
}

static int load_plan(job *j, sbx_ctx *ctx) {
  if (!j->trend) {
    j->trend = sbx__calloc(1, sizeof *j->trend);
    if (!j->trend) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  return sbx__plan_read(j->o->actions, j->survey, j->org, j->trend, ctx);
}

unsigned long long sbx__diagnose_memory(size_t nunit, size_t nscale) {
  return SBX_MEM_BASE + (unsigned long long)nunit * (nscale ? nscale : 1) * SBX_MEM_PER_CELL;
}

int sbx__diagnose_memory_check(size_t nunit, size_t nscale, unsigned long long ram,
                               const char *source, sbx_ctx *ctx) {
  unsigned long long need = sbx__diagnose_memory(nunit, nscale);
  if (!ram || need <= ram / 2) return 0;
  const double gb = 1024.0 * 1024 * 1024;
  sbx__warning(ctx, SBX_ELIMIT, source, 0, NULL,
               "%zu units x %zu scales need up to about %.1f GB of memory (%llu KB per unit "
               "and scale), more than half of this machine's %.1f GB: the run may fail for "
               "want of memory. Diagnose each part of the organisation with an organisation "
               "file of its own, or run on a machine with more memory",
               nunit, nscale, (double)need / gb, SBX_MEM_PER_CELL >> 10, (double)ram / gb);
  return 1;
}

/* The machine's memory in bytes, 0 when unknown. */
static unsigned long long machine_memory(void) {
  long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
  return pages > 0 && size > 0 ? (unsigned long long)pages * (unsigned long long)size : 0;
}

static int load(job *j, sbx_ctx *ctx) {
  progress(j, SBX_STAGE_LOAD, j->o->survey, 0);
  int rc = sbx_survey_load(&j->survey, j->o->survey, ctx);
  if (!rc) rc = sbx_org_load(&j->org, j->o->org, ctx);
  if (!rc) rc = sbx_org_check_survey(j->org, j->survey, ctx);
  if (!rc && j->o->baseline) rc = sbx_baseline_load(&j->baseline, j->o->baseline, ctx);
  if (!rc && j->o->benchmark) rc = sbx__benchmark_load(&j->bench, j->o->benchmark, ctx);
  if (!rc && j->o->history) rc = load_history(j, ctx);
  if (!rc && j->o->actions) rc = load_plan(j, ctx);
  if (!rc)
    sbx__diagnose_memory_check(j->org->nunit, j->survey->nscale, machine_memory(), j->o->org, ctx);
  return rc;
}

static int run_import(job *j, sbx_ctx *ctx) {
  sbx_import_opts io = { .version = SBX_IMPORT_OPTS_VERSION,
                         .progress = import_progress,
                         .progress_ud = j };
  /* Loading is over: said before the first export is opened (which may block, or be
   * long), so a caller can show what loading found, e.g. the memory warning. */
  if (j->o->nexports) progress(j, SBX_STAGE_IMPORT, j->o->exports[0], 0);
  return sbx_import(&j->resp, &j->log, j->survey, j->org, j->o->exports, j->o->nexports, &io,
                    ctx);
}

static int run_analysis(job *j, sbx_ctx *ctx) {
  progress(j, SBX_STAGE_ANALYSE, NULL, sbx_responses_count(j->resp));
  sbx_analysis_opts ao = { .version = SBX_ANALYSIS_OPTS_VERSION,
                           .min_group = j->o->min_group,
                           .min_comment_group = j->o->min_comment_group,
                           .seed = j->o->seed,
                           .baseline = j->baseline };
  int rc = sbx_analyse(&j->res, j->survey, j->org, j->resp, &ao, ctx);
  if (!rc) {
    j->res->trend = j->trend;
    sbx__plan_evaluate(j->trend, j->res);
    j->res->bench = j->bench;
    j->res->year = j->o->year;
    rc = sbx__indicators(j->res, ctx);
  }
  if (!rc) progress(j, SBX_STAGE_ANALYSED, NULL, j->res->nunit);
  return rc;
}

static int write_html(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx_report_write_html(f, j->res, &j->ropts, ctx);
}

static int write_comments(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx_report_write_comments_html(f, j->res, &j->ropts, ctx);
}

/* results.json is made once in memory as a tree: dumped to the bytes of the file, and
 * stored from in the follow-up database with its reals rounded as the dump rounds them
 * (engine/history/db.c), so the database holds exactly what was published. */
static int make_json(job *j, sbx_ctx *ctx) {
  int rc = sbx__report_json_tree(&j->tree, j->res, &j->ropts, ctx);
  if (rc) return rc;
  FILE *m = open_memstream(&j->json, &j->json_len);
  if (!m) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  rc = sbx__report_json_dump(j->tree, m, ctx);
  if (fclose(m) != 0 && !rc) rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  if (!j->hist) { /* nothing else needs the tree */
    json_decref(j->tree);
    j->tree = NULL;
  }
  return rc;
}

static int write_json(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  if (fwrite(j->json, 1, j->json_len, f) != j->json_len)
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while writing results.json");
  return 0;
}

static int write_plan_csv(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx__report_write_plan_csv(f, j->res, &j->ropts, ctx);
}

static int write_plan_xlsx(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx__report_write_plan_xlsx(f, j->res, &j->ropts, ctx);
}

/* The wave goes into the database inside a transaction opened before the files are
 * written; it is committed by commit_history() once every file is on disk, just
 * before they are renamed into place. */
static int store_history(job *j, sbx_ctx *ctx) {
  if (!j->hist) return 0;
  sbx__wave_meta w = { j->o->wave, j->o->wave_name, j->o->wave_date };
  int rc = sbx__history_begin(j->hist, ctx);
  if (!rc) rc = sbx__history_store(j->hist, j->tree, &w, j->o->replace_wave, ctx);
  if (!rc) rc = sbx__history_store_followup(j->hist, j->o->wave, j->res, ctx);
  if (rc) sbx__history_rollback(j->hist);
  json_decref(j->tree);
  j->tree = NULL;
  return rc;
}

static int commit_history(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  (void)f;
  return j->hist ? sbx__history_commit(j->hist, ctx) : 0;
}

static int write_csv(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx_report_write_csv(f, j->res, &j->ropts, ctx);
}

static int write_goals(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx__report_write_goals_csv(f, j->res, &j->ropts, ctx);
}

static int write_kolada(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx__report_write_kolada_hme(f, j->res, &j->ropts, ctx);
}

static int write_log(FILE *f, void *ud, sbx_ctx *ctx) {
  job *j = ud;
  return sbx_import_log_write_json(f, j->log, ctx);
}

/* The report set: one line per file (see sbx__output). */
static const sbx__output outputs[] = {
  { "results.json", write_json, NULL },
  { "results.csv", write_csv, NULL },
  { "goals.csv", write_goals, NULL },
  { "kolada-hme.csv", write_kolada, NULL },
  { "handlingsplan.csv", write_plan_csv, NULL },
  { "handlingsplan.xlsx", write_plan_xlsx, NULL },
  { "import-log.json", write_log, NULL },
  { "report.html", write_html, NULL },
  { "comments.html", write_comments, NULL },
  { NULL, commit_history, NULL }, /* the follow-up database, before any rename */
};
#define NOUTPUTS (sizeof outputs / sizeof outputs[0])

/* No input may be one of the report files (it would be replaced): the same file by
 * device and inode, links included. */
static int check_paths(const sbx_diagnose_opts *o, sbx_ctx *ctx) {
  const char *in[5] = { o->survey, o->org, o->baseline, o->history, o->actions };
  char *out[NOUTPUTS] = { NULL };
  int rc = 0;
  for (size_t i = 0; i < NOUTPUTS && !rc; i++)
    if (outputs[i].name && !(out[i] = sbx__asprintf("%s/%s", o->outdir, outputs[i].name)))
      rc = sbx__error(ctx, SBX_ENOMEM, o->outdir, 0, NULL, "out of memory");
  if (!rc) rc = sbx_paths_check(in, 5, (const char *const *)out, NOUTPUTS, ctx);
  if (!rc) rc = sbx_paths_check(o->exports, o->nexports, (const char *const *)out, NOUTPUTS, ctx);
  for (size_t i = 0; i < NOUTPUTS; i++) sbx__free(out[i]);
  return rc;
}

static int write_all(job *j, sbx_ctx *ctx) {
  j->ropts = (sbx_report_opts){ .version = SBX_REPORT_OPTS_VERSION,
                                .lang = j->o->lang,
                                .generated = j->o->generated,
                                .responses = j->resp,
                                .cancel = j->o->cancel };
  int rc = make_json(j, ctx);
  if (!rc) rc = store_history(j, ctx);
  if (!rc) rc = sbx__outputs_write(j->o->outdir, outputs, NOUTPUTS, j, j->o, ctx);
  if (j->hist) sbx__history_rollback(j->hist); /* a no-op once committed */
  if (!rc) progress(j, SBX_STAGE_DONE, j->o->outdir, 0);
  return rc;
}

int sbx_diagnose(const sbx_diagnose_opts *opts, sbx_ctx *ctx) {
  sbx__gsl_init();
  int rc = check_opts(opts, ctx);
  if (!rc) rc = check_paths(opts, ctx);
  if (rc) return rc;
  job j;
  memset(&j, 0, sizeof j);
  j.o = opts;
  rc = load(&j, ctx);
  if (!rc) rc = cancelled(&j, ctx);
  if (!rc) rc = run_import(&j, ctx);
  if (!rc) rc = cancelled(&j, ctx);
  if (!rc) rc = run_analysis(&j, ctx);
  if (!rc) rc = cancelled(&j, ctx);
  if (!rc) rc = prepare_dir(opts->outdir, ctx);
  if (!rc) rc = write_all(&j, ctx);
  sbx_results_free(j.res);
  json_decref(j.tree);
  free(j.json); /* open_memstream's buffer comes from the C library */
  sbx__trend_free(j.trend);
  sbx_history_close(j.hist);
  sbx_import_log_free(j.log);
  sbx_responses_free(j.resp);
  sbx_baseline_free(j.baseline);
  sbx__benchmark_free(j.bench);
  sbx_org_free(j.org);
  sbx_survey_free(j.survey);
  return rc;
}

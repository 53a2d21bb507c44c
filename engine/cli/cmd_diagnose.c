/* sixbox diagnose: the whole job (import, analyse, report) for one organisation.
 * Parses the options, turns SOURCE_DATE_EPOCH into the printed timestamp, shows
 * progress on a terminal, and handles SIGINT/SIGTERM/SIGHUP: the first asks the
 * library to stop (it removes its temporary files), a second unlinks them and exits. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <sixbox/analysis.h>
#include <sixbox/diagnose.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static sbx_cancel_flag stop_signal;

static void on_signal(int sig) {
  if (stop_signal) { /* asked twice: clean up now and go */
    cli_temps_unlink();
    _exit(128 + sig);
  }
  stop_signal = sig;
}

static void on_temp(void *ud, const char *path, int created) {
  (void)ud;
  cli_temp_track(path, created);
}

/* The progress callback's state: the run's messages and how many are on the terminal
 * already. What loading found (the memory warning of a very large organisation, a
 * baseline's problems) is printed as soon as loading is over, not after a run that may
 * be killed for want of memory first. The first stage after loading runs on the calling
 * thread before the analysis starts its own, so reading ctx here is safe. */
typedef struct {
  const sbx_ctx *ctx;
  size_t printed;
  int flushed; /* loading's messages are out */
  int show;    /* progress lines on a terminal */
} progress_state;

static void on_progress(void *ud, sbx_diagnose_stage st, const char *what, size_t n) {
  progress_state *p = ud;
  if (st != SBX_STAGE_LOAD && !p->flushed) {
    p->flushed = 1;
    if (p->show && sbx_ctx_count(p->ctx) > p->printed) fprintf(stderr, "\r\033[K");
    cli_print_ctx_new(p->ctx, &p->printed);
  }
  if (!p->show) return;
  switch (st) {
  case SBX_STAGE_LOAD: fprintf(stderr, "\rsixbox diagnose: loading %s\033[K", what); break;
  case SBX_STAGE_IMPORT: fprintf(stderr, "\rsixbox diagnose: %s: %zu rows read\033[K", what, n); break;
  case SBX_STAGE_ANALYSE: fprintf(stderr, "\rsixbox diagnose: analysing %zu responses\033[K", n); break;
  case SBX_STAGE_ANALYSED: fprintf(stderr, "\rsixbox diagnose: %zu units analysed\033[K", n); break;
  case SBX_STAGE_WRITE: fprintf(stderr, "\rsixbox diagnose: writing %s\033[K", what); break;
  case SBX_STAGE_DONE: fprintf(stderr, "\r\033[K"); break;
  }
  fflush(stderr);
}

static void help(void) {
  printf("Usage: sixbox diagnose --survey S --org O EXPORT... -o DIR [OPTIONS]\n"
         "Import the exports, analyse every unit of the organisation and write the\n"
         "report set into DIR: report.html, results.json, results.csv, goals.csv\n"
         "(one row per goal and evidence entry), handlingsplan.xlsx and .csv (the\n"
         "action plan to fill in) and import-log.json, all together or none (an\n"
         "earlier set stays intact); with --history the wave joins the database in\n"
         "the same step.\n\n"
         "Options:\n"
         "  --survey S            survey definition (XML)\n"
         "  --org O               organisation with its units and goals (XML)\n"
         "  -o, --output DIR      the report folder (created when missing)\n"
         "  --lang L              sv, en, fi, ... (default: the survey's first language)\n"
         "  --min-group N         show no figure for groups under N respondents\n"
         "                        (default %d, at least %d)\n"
         "  --min-comment-group N show free-text comments only under units of at least\n"
         "                        N respondents (default %d, at least the minimum group)\n"
         "  --seed N              seed of the driver bootstrap and the comment order\n"
         "                        (default: a fixed seed, so reruns give the same bytes)\n"
         "  --baseline FILE       results.json of the previous wave, for change\n"
         "  --benchmark FILE      Kolada key figures (kpi,municipality,period,gender,\n"
         "                        value,status; from 'sixbox fetch --api kolada' or by\n"
         "                        hand): HME beside peers and country, goal indicators\n"
         "  --year YYYY           the year the survey was carried out (Kolada files HME\n"
         "                        under it); also writes kolada-hme.csv for that year\n"
         "  --history FILE        add this wave to a follow-up database (SQLite, made\n"
         "                        when missing); its previous wave is the baseline\n"
         "                        unless --baseline names one\n"
         "  --wave ID             this wave's id in the history (needed with --history)\n"
         "  --wave-name TEXT      its name, e.g. \"Medarbetarenkät hösten 2027\"\n"
         "  --wave-date DATE      its date, YYYY-MM-DD\n"
         "  --replace-wave        replace a stored wave of the same id\n"
         "  --actions PLAN        the last wave's handlingsplan.xlsx or .csv as the units\n"
         "                        filled it in: each action is followed up\n"
         "  --quiet               no progress on the terminal\n\n"
         "With SOURCE_DATE_EPOCH set, the files carry that time; otherwise none, and the\n"
         "same input gives the same bytes.\n\n"
         "Exit status: 0 done, 64 wrong usage, 65 bad input data, 66 a file is missing,\n"
         "70 internal error, 73 cannot create the output, 74 I/O error,\n"
         "77 permission denied, 128+N killed by signal N (nothing half-written).\n",
         SBX_MIN_GROUP_DEFAULT, SBX_MIN_GROUP_FLOOR, SBX_MIN_COMMENT_GROUP_DEFAULT);
}

typedef struct args {
  sbx_diagnose_opts o;
  int quiet;
  char stamp[64];
} args;

static int parse_option(args *a, int c, const char *arg) {
  long v;
  switch (c) {
  case 's': a->o.survey = arg; return 0;
  case 'g': a->o.org = arg; return 0;
  case 'o': a->o.outdir = arg; return 0;
  case 'b': a->o.baseline = arg; return 0;
  case 'q': a->quiet = 1; return 0;
  case 'B': a->o.benchmark = arg; return 0;
  case 'Y':
    if (cli_parse_long(&v, arg, 1900, 2100))
      return cli_usage_error("diagnose", "--year wants a year such as 2025");
    a->o.year = (int)v;
    return 0;
  case 'H': a->o.history = arg; return 0;
  case 'W': a->o.wave = arg; return 0;
  case 'N': a->o.wave_name = arg; return 0;
  case 'D': a->o.wave_date = arg; return 0;
  case 'R': a->o.replace_wave = 1; return 0;
  case 'A': a->o.actions = arg; return 0;
  case 'l':
    if (!cli_valid_lang(arg)) return cli_usage_error("diagnose", CLI_LANG_ERROR, arg);
    a->o.lang = arg;
    return 0;
  case 'm':
    if (cli_parse_long(&v, arg, SBX_MIN_GROUP_FLOOR, 1000000))
      return cli_usage_error("diagnose", "--min-group wants a whole number of at least %d",
                             SBX_MIN_GROUP_FLOOR);
    a->o.min_group = (int)v;
    return 0;
  case 'c':
    if (cli_parse_long(&v, arg, SBX_MIN_GROUP_FLOOR, 1000000))
      return cli_usage_error("diagnose",
                             "--min-comment-group wants a whole number of at least %d (and at "
                             "least --min-group)", SBX_MIN_GROUP_FLOOR);
    a->o.min_comment_group = (int)v;
    return 0;
  case 'S':
    if (cli_parse_long(&v, arg, 1, 4294967295L))
      return cli_usage_error("diagnose", "--seed wants a whole number from 1 to 4294967295");
    a->o.seed = (unsigned long)v;
    return 0;
  default: return CLI_UNKNOWN_OPTION;
  }
}

static int parse_args(args *a, int argc, char **argv) {
  static const struct option opts[] = {
    { "survey", required_argument, NULL, 's' }, { "org", required_argument, NULL, 'g' },
    { "output", required_argument, NULL, 'o' }, { "lang", required_argument, NULL, 'l' },
    { "min-group", required_argument, NULL, 'm' },
    { "min-comment-group", required_argument, NULL, 'c' }, { "seed", required_argument, NULL, 'S' },
    { "baseline", required_argument, NULL, 'b' }, { "quiet", no_argument, NULL, 'q' },
    { "benchmark", required_argument, NULL, 'B' }, { "year", required_argument, NULL, 'Y' },
    { "history", required_argument, NULL, 'H' }, { "wave", required_argument, NULL, 'W' },
    { "wave-name", required_argument, NULL, 'N' }, { "wave-date", required_argument, NULL, 'D' },
    { "replace-wave", no_argument, NULL, 'R' }, { "actions", required_argument, NULL, 'A' },
    { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":ho:q", opts, NULL)) != -1) {
    if (c == 'h') {
      help();
      return 1;
    }
    int rc = parse_option(a, c, optarg);
    if (rc > 0) return rc;
    if (rc == CLI_UNKNOWN_OPTION) return cli_option_error("diagnose", c, argv);
  }
  if (!a->o.survey || !a->o.org) return cli_usage_error("diagnose", "--survey and --org are needed");
  if (!a->o.outdir) return cli_usage_error("diagnose", "no output folder: give -o DIR");
  if (optind >= argc) return cli_usage_error("diagnose", "no export given: name at least one file");
  int k = a->o.min_group ? a->o.min_group : SBX_MIN_GROUP_DEFAULT;
  if (a->o.min_comment_group && a->o.min_comment_group < k)
    return cli_usage_error("diagnose",
                           "--min-comment-group %d is below the minimum group size %d; comments "
                           "need groups at least that large", a->o.min_comment_group, k);
  if (a->o.history && !a->o.wave)
    return cli_usage_error("diagnose", "--history needs --wave ID, the id of this wave");
  if (!a->o.history && (a->o.wave || a->o.wave_name || a->o.wave_date || a->o.replace_wave))
    return cli_usage_error("diagnose", "--wave, --wave-name, --wave-date and --replace-wave "
                           "go with --history FILE");
  a->o.exports = (const char *const *)(argv + optind);
  a->o.nexports = (size_t)(argc - optind);
  return cli_stamp("diagnose", 0, a->stamp, sizeof a->stamp, &a->o.generated);
}

static void handle_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
}

int cmd_diagnose(int argc, char **argv) {
  args a;
  memset(&a, 0, sizeof a);
  sbx_diagnose_opts_init(&a.o, SBX_DIAGNOSE_OPTS_VERSION);
  int rc = parse_args(&a, argc, argv);
  if (rc) return rc == 1 ? 0 : rc;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) {
    fprintf(stderr, "sixbox diagnose: out of memory\n");
    return 70;
  }
  handle_signals();
  a.o.cancel = &stop_signal;
  a.o.temp_file = on_temp;
  progress_state ps = { ctx, 0, 0, !a.quiet && isatty(STDERR_FILENO) };
  a.o.progress = on_progress;
  a.o.progress_ud = &ps;
  rc = sbx_diagnose(&a.o, ctx);
  cli_print_ctx_new(ctx, &ps.printed);
  if (sbx_ctx_dropped(ctx))
    fprintf(stderr, "sixbox: %zu further problems not shown\n", sbx_ctx_dropped(ctx));
  sbx_ctx_free(ctx);
  /* Stopped early: die of the signal. A run that completed anyway (the signal came
   * while the set was being moved into place) has written everything: exit 0. */
  if (stop_signal && rc != 0) cli_die_of_signal(stop_signal);
  if (rc == 0 && !a.quiet) printf("%s/report.html\n", a.o.outdir);
  return sbx_exit_code(rc);
}

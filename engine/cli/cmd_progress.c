/* sixbox progress --survey S --org O EXPORT... [-o progress.html]: responses and the
 * response rate per unit while the survey is open (HR, e.g. every morning after
 * `sixbox fetch`). Prints the table on standard output; with -o also writes the page.
 * The time printed is SOURCE_DATE_EPOCH when set, else now. A first SIGINT or
 * SIGTERM stops the run with nothing written; a second ends it at once. */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <sixbox/progress.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static sbx_cancel_flag stop_signal;

static void on_signal(int sig) {
  if (stop_signal) _exit(128 + sig);
  stop_signal = sig;
}

static void help(void) {
  printf("Usage: sixbox progress --survey S --org O EXPORT... [-o FILE] [OPTIONS]\n"
         "While a survey is open: the responses so far and the response rate per unit\n"
         "against the organisation file's headcount, lowest rate first, for reminders.\n"
         "Reads the exports as 'sixbox fetch' or the survey tool writes them, so it can\n"
         "run every morning. Prints a table; with -o also writes a self-contained page.\n\n"
         "A unit with fewer responses than the minimum group size is shown only as\n"
         "\"fewer than N\", with no rate, and a larger unit may be hidden too, so that no\n"
         "hidden count can be worked out by subtraction (the report's rules). More\n"
         "responses than a unit's headcount is an error in the organisation file: it is\n"
         "named with its line, no rate is shown for the unit, the table and the page are\n"
         "written, and the exit status is 65.\n\n"
         "Options:\n"
         "  --survey S            survey definition (XML)\n"
         "  --org O               organisation with its units and headcounts (XML)\n"
         "  -o, --output FILE     also write the page (HTML) there\n"
         "  --lang L              sv, en, fi, ... (default: the survey's first language)\n"
         "  --min-group N         show no count for groups under N respondents\n"
         "                        (default %d, at least %d; use the report's value)\n\n"
         "The time printed is SOURCE_DATE_EPOCH when it is set, otherwise now (UTC).\n\n"
         "Exit status: 0 done, 64 wrong usage, 65 bad input data (also a headcount\n"
         "exceeded, with the output written), 66 a file is missing, 70 internal error,\n"
         "73 cannot create the output, 74 I/O error, 77 permission denied, 128+N killed\n"
         "by signal N (nothing half-written).\n",
         SBX_MIN_GROUP_DEFAULT, SBX_MIN_GROUP_FLOOR);
}

typedef struct args {
  sbx_progress_opts o;
  char stamp[64];
} args;

static int parse_option(args *a, int c, const char *arg) {
  long v;
  switch (c) {
  case 's': a->o.survey = arg; return 0;
  case 'g': a->o.org = arg; return 0;
  case 'o': a->o.output = arg; return 0;
  case 'l':
    if (!cli_valid_lang(arg)) return cli_usage_error("progress", CLI_LANG_ERROR, arg);
    a->o.lang = arg;
    return 0;
  case 'm':
    if (cli_parse_long(&v, arg, SBX_MIN_GROUP_FLOOR, 1000000))
      return cli_usage_error("progress", "--min-group wants a whole number of at least %d",
                             SBX_MIN_GROUP_FLOOR);
    a->o.min_group = (int)v;
    return 0;
  default: return CLI_UNKNOWN_OPTION;
  }
}

static int parse_args(args *a, int argc, char **argv) {
  static const struct option opts[] = {
    { "survey", required_argument, NULL, 's' }, { "org", required_argument, NULL, 'g' },
    { "output", required_argument, NULL, 'o' }, { "lang", required_argument, NULL, 'l' },
    { "min-group", required_argument, NULL, 'm' }, { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
    if (c == 'h') {
      help();
      return 1;
    }
    int rc = parse_option(a, c, optarg);
    if (rc > 0) return rc;
    if (rc == CLI_UNKNOWN_OPTION) return cli_option_error("progress", c, argv);
  }
  if (!a->o.survey || !a->o.org) return cli_usage_error("progress", "--survey and --org are needed");
  if (optind >= argc) return cli_usage_error("progress", "no export given: name at least one file");
  a->o.exports = (const char *const *)(argv + optind);
  a->o.nexports = (size_t)(argc - optind);
  return cli_stamp("progress", 1, a->stamp, sizeof a->stamp, &a->o.generated);
}

int cmd_progress(int argc, char **argv) {
  args a;
  memset(&a, 0, sizeof a);
  sbx_progress_opts_init(&a.o, SBX_PROGRESS_OPTS_VERSION);
  int rc = parse_args(&a, argc, argv);
  if (rc) return rc == 1 ? 0 : rc;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) {
    fprintf(stderr, "sixbox progress: out of memory\n");
    return 70;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  a.o.cancel = &stop_signal;
  rc = sbx_progress(stdout, &a.o, ctx);
  cli_print_ctx(ctx);
  sbx_ctx_free(ctx);
  if (stop_signal && rc != 0) cli_die_of_signal(stop_signal);
  return sbx_exit_code(rc);
}

/* sixbox history FILE list | show WAVE | remove WAVE | export [--format csv|json]
 * [-o FILE]: looks after the follow-up database that `diagnose --history` fills. An
 * export to a file is written whole or not at all. */
#include "cli.h"

#include <getopt.h>
#include <sixbox/history.h>
#include <sixbox/output.h>
#include <stdio.h>
#include <string.h>

static void help(void) {
  printf("Usage: sixbox history FILE list\n"
         "       sixbox history FILE show WAVE\n"
         "       sixbox history FILE remove WAVE\n"
         "       sixbox history FILE export [--format csv|json] [-o FILE]\n"
         "Look after the follow-up database that 'sixbox diagnose --history' fills.\n\n"
         "  list     the waves, oldest first: id, date, name, survey, units, hidden units\n"
         "  show     one wave: its units (hidden ones without figures), box means,\n"
         "           goals, actions and the follow-up of the last handlingsplan\n"
         "  remove   removes a wave and everything stored with it\n"
         "  export   tidy long tables: CSV has one row per wave, unit and scale\n"
         "           (wave, unit, scale, n, mean, sd, ci_lo, ci_hi, favourable, status,\n"
         "           change...); JSON has every table (waves, units, cells, scales,\n"
         "           goals, evidence, actions, followup) as arrays of records\n\n"
         "Options:\n"
         "  --format F            csv (default) or json\n"
         "  -o, --output FILE     write the export there (default: standard output)\n\n"
         "Exit status: 0 done, 64 wrong usage, 65 not a follow-up database,\n"
         "66 no such file or wave, 73 cannot create the output, 74 I/O error,\n"
         "75 the database is busy (try again).\n");
}

typedef struct args {
  const char *file, *verb, *wave, *out;
  sbx_history_format format;
} args;

static int parse(args *a, int argc, char **argv) {
  static const struct option opts[] = { { "format", required_argument, NULL, 'f' },
                                        { "output", required_argument, NULL, 'o' },
                                        { "help", no_argument, NULL, 'h' },
                                        { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
    if (c == 'h') {
      help();
      return 1;
    } else if (c == 'o') {
      a->out = optarg;
    } else if (c == 'f' && (strcmp(optarg, "csv") == 0 || strcmp(optarg, "json") == 0)) {
      a->format = strcmp(optarg, "json") == 0 ? SBX_HISTORY_JSON : SBX_HISTORY_CSV;
    } else {
      return cli_usage_error("history", c == 'f' ? "--format is csv or json"
                                                 : "unknown option or missing value '%s'",
                             argv[optind - 1]);
    }
  }
  int n = argc - optind;
  if (n < 2) return cli_usage_error("history", "give the database file and what to do");
  a->file = argv[optind];
  a->verb = argv[optind + 1];
  int needs_wave = strcmp(a->verb, "show") == 0 || strcmp(a->verb, "remove") == 0;
  if (!needs_wave && strcmp(a->verb, "list") != 0 && strcmp(a->verb, "export") != 0)
    return cli_usage_error("history", "'%s' is not list, show, remove or export", a->verb);
  if (needs_wave && n != 3) return cli_usage_error("history", "%s wants one WAVE id", a->verb);
  if (!needs_wave && n != 2) return cli_usage_error("history", "%s takes no WAVE", a->verb);
  if ((a->out || a->format) && strcmp(a->verb, "export") != 0)
    return cli_usage_error("history", "--format and -o go with export");
  if (needs_wave) a->wave = argv[optind + 2];
  return 0;
}

static int run_export(sbx_history *h, const args *a, sbx_ctx *ctx) {
  sbx_outfile *o = NULL;
  int rc = sbx_outfile_open(&o, a->out ? a->out : "-", ctx);
  if (rc) return rc;
  rc = sbx_history_export(sbx_outfile_stream(o), h, a->format, ctx);
  if (rc) sbx_outfile_abort(o);
  else rc = sbx_outfile_commit(o, ctx);
  return rc;
}

static int run(const args *a, sbx_ctx *ctx) {
  sbx_history *h = NULL;
  int rc = sbx_history_open(&h, a->file, 0, ctx);
  if (rc) return rc;
  if (strcmp(a->verb, "list") == 0) rc = sbx_history_write_list(stdout, h, ctx);
  else if (strcmp(a->verb, "show") == 0) rc = sbx_history_write_show(stdout, h, a->wave, ctx);
  else if (strcmp(a->verb, "remove") == 0) rc = sbx_history_remove(h, a->wave, ctx);
  else rc = run_export(h, a, ctx);
  if (!rc && fflush(stdout) != 0) rc = SBX_EIO;
  sbx_history_close(h);
  return rc;
}

int cmd_history(int argc, char **argv) {
  args a;
  memset(&a, 0, sizeof a);
  int rc = parse(&a, argc, argv);
  if (rc) return rc == 1 ? 0 : rc;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) {
    fprintf(stderr, "sixbox history: out of memory\n");
    return 70;
  }
  rc = run(&a, ctx);
  cli_print_ctx(ctx);
  sbx_ctx_free(ctx);
  if (rc == 0 && strcmp(a.verb, "remove") == 0) fprintf(stderr, "sixbox history: wave %s removed\n", a.wave);
  return sbx_exit_code(rc);
}

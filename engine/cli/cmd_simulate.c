/* sixbox simulate: realistic synthetic responses in a survey tool's export format,
 * with weaknesses planted where asked (for demos, tests and benchmarks). Optionally
 * also the drawn values as a normalised responses.csv (--truth). */
#include "cli.h"

#include <sixbox/output.h>

#include <getopt.h>
#include <sixbox/simulate.h>
#include <sixbox/survey.h>
#include <sixbox/tools.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WEAK 64

static void help(void) {
  printf("Usage: sixbox simulate --survey S --org O -o FILE [OPTIONS]\n"
         "Write realistic synthetic responses to survey S for organisation O, as the\n"
         "export of a survey tool. The same seed gives the same bytes.\n\n"
         "Options:\n"
         "  --survey S            survey definition (XML)\n"
         "  --org O               organisation (XML); respondents go to its leaf units\n"
         "  --respondents N       total respondents (default: each unit's headcount\n"
         "                        times a response rate of 70-85 %%)\n"
         "  --seed N              random seed (default 1)\n"
         "  --weak UNIT:BOX[:SHIFT]  make BOX weak in UNIT (a unit, or a förvaltning or\n"
         "                        bolag: every unit below it); SHIFT in points on the\n"
         "                        good-is-high scale, default -1.5; repeatable\n"
         "  --format TOOL         ");
  cli_print_tools(24, 24, 1);
  printf(
         "  --lang L              sv, en, fi, ...: headers and labels (default: the survey's\n"
         "                        first language)\n"
         "  -o, --output FILE     where to write ('-' = standard output)\n"
         "  --truth FILE          also write the drawn values as responses.csv\n\n"
         "Exit status: 0 done, 64 wrong usage, 65 invalid survey or organisation,\n"
         "66 a file is missing, 73 cannot create the output.\n");
}

typedef struct args {
  const char *survey, *org, *format, *lang, *out, *truth;
  sbx_simulate_opts opts;
  sbx_sim_weak weak[MAX_WEAK];
  char weak_buf[MAX_WEAK][256];
} args;

static int parse_option(args *a, int c, const char *arg, sbx_ctx *ctx) {
  long v;
  switch (c) {
  case 's': a->survey = arg; return 0;
  case 'g': a->org = arg; return 0;
  case 'f': a->format = arg; return 0;
  case 'l': a->lang = arg; return 0;
  case 'o': a->out = arg; return 0;
  case 't': a->truth = arg; return 0;
  case 'n':
    if (cli_parse_long(&v, arg, 1, 1000000))
      return cli_usage_error("simulate", "--respondents wants a whole number 1-1000000");
    a->opts.respondents = v;
    return 0;
  case 'r':
    if (cli_parse_long(&v, arg, 1, 4294967295L))
      return cli_usage_error("simulate", "--seed wants a whole number 1-4294967295");
    a->opts.seed = (unsigned long)v;
    return 0;
  case 'w':
    if (a->opts.nweak >= MAX_WEAK)
      return cli_usage_error("simulate", "at most %d --weak options", MAX_WEAK);
    if (sbx_sim_weak_parse(&a->weak[a->opts.nweak], a->weak_buf[a->opts.nweak],
                           sizeof a->weak_buf[0], arg, ctx)) {
      cli_print_ctx(ctx);
      return 64;
    }
    a->opts.nweak++;
    return 0;
  default:
    return CLI_UNKNOWN_OPTION;
  }
}

static int parse_args(args *a, int argc, char **argv, sbx_ctx *ctx) {
  static const struct option opts[] = {
    { "survey", required_argument, NULL, 's' }, { "org", required_argument, NULL, 'g' },
    { "respondents", required_argument, NULL, 'n' }, { "seed", required_argument, NULL, 'r' },
    { "weak", required_argument, NULL, 'w' }, { "format", required_argument, NULL, 'f' },
    { "lang", required_argument, NULL, 'l' }, { "output", required_argument, NULL, 'o' },
    { "truth", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
    if (c == 'h') {
      help();
      return 1;
    }
    int rc = parse_option(a, c, optarg, ctx);
    if (rc > 0) return rc;
    if (rc == CLI_UNKNOWN_OPTION) return cli_option_error("simulate", c, argv);
  }
  if (optind < argc) return cli_usage_error("simulate", "unexpected '%s'", argv[optind]);
  if (!a->survey || !a->org) return cli_usage_error("simulate", "--survey and --org are needed");
  if (!a->out) return cli_usage_error("simulate", "no output: give -o FILE");
  if (!sbx_simulate_format_known(a->format))
    return cli_usage_error("simulate", "unknown --format '%s'", a->format);
  if (a->lang && !cli_valid_lang(a->lang))
    return cli_usage_error("simulate", CLI_LANG_ERROR, a->lang);
  const sbx_tool *t = sbx_tool_by_id(a->format);
  if (t && t->simulate && strcmp(t->simulate, "xlsx") == 0 && strcmp(a->out, "-") == 0)
    return cli_usage_error("simulate", "%s writes XLSX: give -o FILE.xlsx", t->id);
  return 0;
}

/* The export and the truth file appear together or not at all; neither may be an
 * input or the other. */
static int write_outputs(const args *a, const sbx_simulation *sim, sbx_ctx *ctx) {
  const char *in[2] = { a->survey, a->org }, *out[2] = { a->out, a->truth };
  int rc = sbx_paths_check(in, 2, out, 2, ctx);
  if (rc) return rc;
  sbx_outfile *f[2];
  rc = cli_outputs_open(f, out, 2, ctx);
  if (!rc) rc = sbx_simulate_write(sbx_outfile_stream(f[0]), sim, a->format, a->lang, ctx);
  if (!rc && a->truth) rc = sbx_simulate_write(sbx_outfile_stream(f[1]), sim, "csv", NULL, ctx);
  return cli_outputs_close(f, 2, rc, ctx);
}

static int run(const args *a, sbx_ctx *ctx) {
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  sbx_simulation *sim = NULL;
  int rc = sbx_survey_load(&s, a->survey, ctx);
  if (rc == 0) rc = sbx_org_load(&o, a->org, ctx);
  if (rc == 0) rc = sbx_org_check_survey(o, s, ctx);
  if (rc == 0) rc = sbx_simulate(&sim, s, o, &a->opts, ctx);
  if (rc == 0) rc = write_outputs(a, sim, ctx);
  if (rc == 0 && strcmp(a->out, "-") != 0)
    fprintf(stderr, "sixbox simulate: %zu respondents written to %s\n",
            sbx_responses_count(sbx_simulation_responses(sim)), a->out);
  sbx_simulation_free(sim);
  sbx_org_free(o);
  sbx_survey_free(s);
  return rc;
}

int cmd_simulate(int argc, char **argv) {
  sbx_ctx *ctx = sbx_ctx_new();
  args *a = calloc(1, sizeof *a);
  if (!ctx || !a) {
    sbx_ctx_free(ctx);
    free(a);
    fprintf(stderr, "sixbox simulate: out of memory\n");
    return 70;
  }
  sbx_simulate_opts_init(&a->opts, SBX_SIMULATE_OPTS_VERSION);
  a->opts.weak = a->weak;
  a->format = "csv";
  int rc = parse_args(a, argc, argv, ctx);
  if (rc == 0) {
    rc = run(a, ctx);
    cli_print_ctx(ctx);
    rc = sbx_exit_code(rc);
  } else if (rc == 1) {
    rc = 0;
  }
  sbx_ctx_free(ctx);
  free(a);
  return rc;
}

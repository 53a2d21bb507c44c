/* sixbox import --survey S [--org O] EXPORT... -o responses.csv [--log LOG.json]:
 * reads the tools' exports into one normalised response set and a log that accounts
 * for every row; both files are written atomically. */
#include "cli.h"

#include <getopt.h>
#include <sixbox/import.h>
#include <sixbox/output.h>
#include <sixbox/survey.h>
#include <stdio.h>
#include <string.h>

static void help(void) {
  printf(
    "Usage: sixbox import --survey S [--org O] EXPORT... -o responses.csv [--log LOG.json]\n"
    "                     [--tool T] [--mapping F] [--sheet NAME] [--details F] [--lang L]\n"
    "Read response exports (CSV, XLSX, JSON, LimeSurvey .lsr/.lsa, zip) from Google Forms,\n"
    "Microsoft Forms, SurveyMonkey, Qualtrics, LimeSurvey, KoboToolbox, ODK Central or a\n"
    "plain CSV, map their columns to the survey's items and their answers to numbers, and\n"
    "write one row per accepted response: response_id,source,unit,<item ids>.\n"
    "Läser svarsexporter, kopplar kolumner till enkätens påståenden och svar till tal.\n\n"
    "  --survey S      the survey definition (XML)\n"
    "  --org O         the organisation (XML): unit answers become unit ids\n"
    "  -o, --output F  the response set (CSV; '-' = standard output)\n"
    "  --log F         the import log (JSON): every row accepted or rejected with a\n"
    "                  reason, unmapped columns, unknown labels and units\n"
    "  --tool T        skip detection: ");
  cli_print_tools(34, 18, 0);
  printf(
    "  --mapping F     a CSV file of lines 'column,item' that overrides the automatic\n"
    "                  matching ('-' as item: ignore the column)\n"
    "  --sheet NAME    the XLSX sheet to read (default: the first)\n"
    "  --details F     SurveyMonkey survey details (JSON) for bulk response files\n"
    "  --lang L        the summary in language L, e.g. sv, en, fi (default: the survey's first language)\n\n"
    "Exit status: 0 done, 64 wrong usage, 65 a file is not usable as data,\n"
    "66 a file is missing, 73 an output cannot be written.\n");
}

typedef struct args {
  const char *survey, *org, *out, *log, *lang;
  sbx_import_opts opts;
  char **paths;
  int npaths;
} args;

static int parse(args *a, int argc, char **argv) {
  static const struct option lo[] = {
    { "survey", required_argument, NULL, 's' }, { "org", required_argument, NULL, 'O' },
    { "output", required_argument, NULL, 'o' }, { "log", required_argument, NULL, 'l' },
    { "tool", required_argument, NULL, 't' }, { "mapping", required_argument, NULL, 'm' },
    { "sheet", required_argument, NULL, 'S' }, { "details", required_argument, NULL, 'd' },
    { "lang", required_argument, NULL, 'L' }, { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", lo, NULL)) != -1) {
    switch (c) {
    case 's': a->survey = optarg; break;
    case 'O': a->org = optarg; break;
    case 'o': a->out = optarg; break;
    case 'l': a->log = optarg; break;
    case 't': a->opts.tool = optarg; break;
    case 'm': a->opts.mapping = optarg; break;
    case 'S': a->opts.sheet = optarg; break;
    case 'd': a->opts.details = optarg; break;
    case 'L':
      if (!cli_valid_lang(optarg))
        return cli_usage_error("import", CLI_LANG_ERROR, optarg);
      a->lang = optarg;
      break;
    case 'h': help(); return 0;
    default: return cli_option_error("import", c, argv);
    }
  }
  if (!a->survey) return cli_usage_error("import", "no --survey given");
  if (!a->out) return cli_usage_error("import", "no output given (-o responses.csv)");
  if (optind >= argc) return cli_usage_error("import", "no EXPORT given");
  a->paths = argv + optind;
  a->npaths = argc - optind;
  return CLI_RUN;
}

/* The response set and the log appear together or not at all: both are written and
 * flushed before either replaces an earlier file. */
static int write_outputs(const args *a, const sbx_responses *r, const sbx_survey *s,
                         const sbx_org *o, const sbx_import_log *log, sbx_ctx *ctx) {
  sbx_outfile *f[2];
  const char *paths[2] = { a->out, a->log };
  int rc = cli_outputs_open(f, paths, 2, ctx);
  if (!rc) rc = sbx_responses_write_csv(sbx_outfile_stream(f[0]), r, s, o, ctx);
  if (!rc && a->log) rc = sbx_import_log_write_json(sbx_outfile_stream(f[1]), log, ctx);
  return cli_outputs_close(f, 2, rc, ctx);
}

/* No output may be an input or the other output (the same file, links included). */
static int check_paths(const args *a, sbx_ctx *ctx) {
  const char *in[4] = { a->survey, a->org, a->opts.mapping, a->opts.details };
  const char *out[2] = { a->out, a->log };
  int rc = sbx_paths_check(in, 4, out, 2, ctx);
  if (!rc) rc = sbx_paths_check((const char *const *)a->paths, (size_t)a->npaths, out, 2, ctx);
  return rc;
}

/* What became of the rows, on stderr, in the survey's language unless --lang says. */
static void summary(const args *a, const sbx_survey *s, const sbx_import_log *log) {
  size_t n[4];
  sbx_import_log_totals(&n[0], &n[1], &n[2], &n[3], log);
  const char *lang = a->lang ? a->lang : sbx_survey_language(s, 0);
  if (!lang || !sbx_lang_available(lang)) lang = SBX_LANG_FALLBACK;
  char num[5][24];
  snprintf(num[0], sizeof num[0], "%d", a->npaths);
  for (int i = 0; i < 4; i++) snprintf(num[i + 1], sizeof num[i + 1], "%zu", n[i]);
  const char *kv[] = { "files", num[0], "read", num[1], "accepted", num[2], "rejected", num[3],
                       "duplicates", num[4], "log", a->log ? a->log : "", NULL };
  char *line = NULL, *details = NULL;
  sbx_lang_text(&line, lang, a->npaths == 1 ? "cli.import.summary-one" : "cli.import.summary",
                kv, NULL);
  if (a->log) sbx_lang_text(&details, lang, "cli.import.details", kv, NULL);
  fprintf(stderr, "sixbox import: %s%s\n", line ? line : "", details ? details : "");
  sbx_lang_text_free(line);
  sbx_lang_text_free(details);
}

static int run(const args *a, sbx_ctx *ctx) {
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  sbx_responses *r = NULL;
  sbx_import_log *log = NULL;
  int rc = check_paths(a, ctx);
  if (rc == 0) rc = sbx_survey_load(&s, a->survey, ctx);
  if (rc == 0 && a->org) rc = sbx_org_load(&o, a->org, ctx);
  if (rc == 0)
    rc = sbx_import(&r, &log, s, o, (const char *const *)a->paths, (size_t)a->npaths,
                    &a->opts, ctx);
  if (rc == 0) rc = write_outputs(a, r, s, o, log, ctx);
  if (rc == 0) summary(a, s, log);
  sbx_import_log_free(log);
  sbx_responses_free(r);
  sbx_org_free(o);
  sbx_survey_free(s);
  return rc;
}

int cmd_import(int argc, char **argv) {
  args a;
  memset(&a, 0, sizeof a);
  sbx_import_opts_init(&a.opts, SBX_IMPORT_OPTS_VERSION);
  int rc = parse(&a, argc, argv);
  if (rc != CLI_RUN) return rc;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return 70;
  rc = run(&a, ctx);
  cli_print_ctx(ctx);
  sbx_ctx_free(ctx);
  return sbx_exit_code(rc);
}

/* sixbox show FILE [--lang L] [--json]: a survey (answer scales, scales, items) or an
 * organisation (unit tree, goal tree), the kind from the root element; as text in one
 * language, or as JSON (the show --json contract in surveys/README.md). */
#include "cli.h"

#include <getopt.h>
#include <sixbox/show.h>
#include <sixbox/survey.h>
#include <stdio.h>

static void help(void) {
  printf("Usage: sixbox show FILE [--lang L] [--json]\n"
         "Print a survey definition (its answer scales, scales and items) or an\n"
         "organisation (its unit tree and goal tree with critical boxes).\n\n"
         "  --lang L   a language, e.g. sv, en, fi; the default is the file's first language\n"
         "  --json     the model as JSON instead of text\n"
         "  --help     this text\n\n"
         "Exit status: 0 done, 64 wrong usage, 65 the file is invalid (problems on\n"
         "stderr as FILE:LINE: reason), 66 the file is missing, 74 write error.\n");
}

static int show(const char *path, const char *lang, int json, sbx_ctx *ctx) {
  sbx_file_kind kind;
  int rc = sbx_definition_kind(&kind, path, ctx);
  if (rc) return rc;
  if (kind == SBX_FILE_SURVEY) {
    sbx_survey *s = NULL;
    rc = sbx_survey_load(&s, path, ctx);
    if (!rc) rc = sbx_show_survey(stdout, s, lang, json, ctx);
    sbx_survey_free(s);
  } else {
    sbx_org *o = NULL;
    rc = sbx_org_load(&o, path, ctx);
    if (!rc) rc = sbx_show_org(stdout, o, lang, json, ctx);
    sbx_org_free(o);
  }
  return rc;
}

int cmd_show(int argc, char **argv) {
  static const struct option opts[] = { { "lang", required_argument, NULL, 'l' },
                                        { "json", no_argument, NULL, 'j' },
                                        { "help", no_argument, NULL, 'h' },
                                        { NULL, 0, NULL, 0 } };
  const char *lang = NULL;
  int json = 0, c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":l:jh", opts, NULL)) != -1) {
    switch (c) {
    case 'l': lang = optarg; break;
    case 'j': json = 1; break;
    case 'h': help(); return 0;
    default: return cli_option_error("show", c, argv);
    }
  }
  if (lang && !cli_valid_lang(lang))
    return cli_usage_error("show", CLI_LANG_ERROR, lang);
  if (optind != argc - 1) return cli_usage_error("show", "give exactly one FILE");
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return 70;
  int rc = show(argv[optind], lang, json, ctx);
  cli_print_ctx(ctx);
  sbx_ctx_free(ctx);
  return sbx_exit_code(rc);
}

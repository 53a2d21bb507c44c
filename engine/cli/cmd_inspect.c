/* sixbox inspect EXPORT... [--json] [--tool T]: what each export is: the tool that
 * made it, format, encoding, delimiter, header rows, number of responses and each
 * column's role. */
#include "cli.h"

#include <getopt.h>
#include <sixbox/import.h>
#include <stdio.h>
#include <string.h>

static void help(void) {
  printf(
    "Usage: sixbox inspect EXPORT... [--json] [--lang L] [--tool T] [--sheet NAME]\n"
    "                      [--details F]\n"
    "Tell what each response export is: the tool that made it, its format, encoding,\n"
    "delimiter, header rows, number of responses, and each column's role (metadata,\n"
    "question, other). Visar vilket verktyg som gjort exporten och hur den ser ut.\n\n"
    "  --json          print JSON ({\"files\": [...]}) instead of text\n"
    "  --lang L        the text in language L, e.g. sv, en, fi (default en)\n"
    "  --tool T        skip detection: ");
  cli_print_tools(34, 18, 0);
  printf(
    "  --sheet NAME    the XLSX sheet to read (default: the first)\n"
    "  --details F     SurveyMonkey survey details (JSON) for bulk response files\n\n"
    "Exit status: 0 done, 64 wrong usage, 65 a file is not usable as data,\n"
    "66 a file is missing.\n");
}

/* The worse of two results: missing input beats bad data beats success. */
static int worse(int a, int b) {
  if (a == SBX_ENOENT || b == SBX_ENOENT) return SBX_ENOENT;
  return a ? a : b;
}

int cmd_inspect(int argc, char **argv) {
  static const struct option lo[] = {
    { "json", no_argument, NULL, 'j' }, { "tool", required_argument, NULL, 't' },
    { "lang", required_argument, NULL, 'L' },
    { "sheet", required_argument, NULL, 'S' }, { "details", required_argument, NULL, 'd' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 } };
  sbx_import_opts opts = SBX_IMPORT_OPTS_INIT;
  int json = 0, c;
  const char *lang = SBX_LANG_FALLBACK;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
    switch (c) {
    case 'j': json = 1; break;
    case 'L':
      if (!cli_valid_lang(optarg))
        return cli_usage_error("inspect", CLI_LANG_ERROR, optarg);
      lang = optarg;
      break;
    case 't': opts.tool = optarg; break;
    case 'S': opts.sheet = optarg; break;
    case 'd': opts.details = optarg; break;
    case 'h': help(); return 0;
    default: return cli_option_error("inspect", c, argv);
    }
  }
  if (optind >= argc) return cli_usage_error("inspect", "no EXPORT given");
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_inspection *insp = NULL;
  if (!ctx || sbx_inspection_new(&insp)) return 70;
  int rc = 0;
  for (int i = optind; i < argc; i++) {
    int one = sbx_inspect(insp, argv[i], &opts, ctx);
    if (one == SBX_EUSAGE) {
      cli_print_ctx(ctx);
      sbx_inspection_free(insp);
      sbx_ctx_free(ctx);
      return 64;
    }
    rc = worse(rc, one);
  }
  int wrc = json ? sbx_inspection_write_json(stdout, insp, ctx)
                 : sbx_inspection_write_text(stdout, insp, lang, ctx);
  fflush(stdout);
  cli_print_ctx(ctx);
  sbx_inspection_free(insp);
  sbx_ctx_free(ctx);
  return sbx_exit_code(rc ? rc : wrc);
}

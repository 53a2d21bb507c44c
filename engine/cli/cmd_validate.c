/* sixbox validate FILE...: checks survey and organisation files (the kind from the
 * root element) against their schema and their own rules; prints every problem as
 * FILE:LINE: reason on stderr and "FILE: ok" for each valid file. */
#include "cli.h"

#include <getopt.h>
#include <sixbox/survey.h>
#include <stdio.h>

static void help(void) {
  printf("Usage: sixbox validate FILE...\n"
         "Check survey definitions (<survey>) and organisation files (<organisation>)\n"
         "against their schema and their rules: ids unique, references known, every text\n"
         "in every declared language, all six boxes, goal levels in order, and more.\n\n"
         "Prints every problem as FILE:LINE: reason on stderr, and 'FILE: ok' on stdout\n"
         "for each valid file.\n\n"
         "Exit status: 0 all valid, 65 a file is invalid, 66 a file is missing,\n"
         "64 wrong usage.\n");
}

/* 0 valid, else an SBX_E* code; problems are printed. */
static int validate_one(const char *path) {
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return SBX_ENOMEM;
  sbx_file_kind kind;
  int rc = sbx_definition_kind(&kind, path, ctx);
  if (rc == 0 && kind == SBX_FILE_SURVEY) {
    sbx_survey *s = NULL;
    rc = sbx_survey_load(&s, path, ctx);
    sbx_survey_free(s);
  } else if (rc == 0) {
    sbx_org *o = NULL;
    rc = sbx_org_load(&o, path, ctx);
    sbx_org_free(o);
  }
  cli_print_ctx(ctx); /* also the warnings of a valid file */
  if (rc == 0) printf("%s: ok\n", path);
  sbx_ctx_free(ctx);
  return rc;
}

/* The worse of two results: missing input beats bad data beats success. */
static int worse(int a, int b) {
  if (a == SBX_ENOENT || b == SBX_ENOENT) return SBX_ENOENT;
  if (a == 0) return b;
  return a;
}

int cmd_validate(int argc, char **argv) {
  static const struct option opts[] = { { "help", no_argument, NULL, 'h' },
                                        { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    if (c == 'h') {
      help();
      return 0;
    }
    return cli_usage_error("validate", "unknown option '%s'", argv[optind - 1]);
  }
  if (optind >= argc) return cli_usage_error("validate", "no FILE given");
  int rc = 0;
  for (int i = optind; i < argc; i++) rc = worse(rc, validate_one(argv[i]));
  fflush(stdout);
  return sbx_exit_code(rc);
}

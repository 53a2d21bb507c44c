/* sixbox validate FILE...: checks survey and organisation files (the kind from the
 * root element) against their schema and their own rules, and every organisation
 * against every survey given with it (each goal's critical boxes must be box scales
 * of the survey). Prints every problem as FILE:LINE: reason on stderr and
 * "FILE: ok" for each valid file on stdout. */
#include "cli.h"

#include <getopt.h>
#include <sixbox/survey.h>
#include <stdio.h>
#include <stdlib.h>

static void help(void) {
  printf("Usage: sixbox validate FILE...\n"
         "Check survey definitions (<survey>) and organisation files (<organisation>)\n"
         "against their schema and their rules: ids unique, references known, every text\n"
         "in every declared language, all six boxes, goal levels in order, and more.\n"
         "When surveys and organisations are given together, every goal's critical\n"
         "boxes must also be box scales of each survey.\n\n"
         "Prints every problem as FILE:LINE: reason on stderr, and 'FILE: ok' on stdout\n"
         "for each valid file.\n\n"
         "Exit status: 0 all valid, 65 a file is invalid, 66 a file is missing,\n"
         "64 wrong usage.\n");
}

typedef struct loaded {
  sbx_survey **survey;
  size_t nsurvey;
  sbx_org **org;
  size_t norg;
} loaded;

/* 0 valid, else an SBX_E* code; problems are printed; a valid model is kept in l. */
static int validate_one(const char *path, loaded *l) {
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return SBX_ENOMEM;
  sbx_file_kind kind;
  int rc = sbx_definition_kind(&kind, path, ctx);
  if (rc == 0 && kind == SBX_FILE_SURVEY) {
    sbx_survey *s = NULL;
    rc = sbx_survey_load(&s, path, ctx);
    if (s) l->survey[l->nsurvey++] = s;
  } else if (rc == 0) {
    sbx_org *o = NULL;
    rc = sbx_org_load(&o, path, ctx);
    if (o) l->org[l->norg++] = o;
  }
  cli_print_ctx(ctx); /* also the warnings of a valid file */
  if (rc == 0) printf("%s: ok\n", path);
  sbx_ctx_free(ctx);
  return rc;
}

static int check_pairs(const loaded *l) {
  int rc = 0;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) return SBX_ENOMEM;
  for (size_t i = 0; i < l->norg; i++)
    for (size_t k = 0; k < l->nsurvey; k++)
      if (sbx_org_check_survey(l->org[i], l->survey[k], ctx)) rc = SBX_EDATA;
  cli_print_ctx(ctx);
  sbx_ctx_free(ctx);
  return rc;
}

/* The worse of two results: missing input beats bad data beats success. */
static int worse(int a, int b) {
  if (a == SBX_ENOENT || b == SBX_ENOENT) return SBX_ENOENT;
  return a ? a : b;
}

int cmd_validate(int argc, char **argv) {
  static const struct option opts[] = { { "help", no_argument, NULL, 'h' },
                                        { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
    if (c == 'h') {
      help();
      return 0;
    }
    return cli_option_error("validate", c, argv);
  }
  if (optind >= argc) return cli_usage_error("validate", "no FILE given");
  size_t n = (size_t)(argc - optind);
  loaded l = { calloc(n, sizeof *l.survey), 0, calloc(n, sizeof *l.org), 0 };
  int rc = 0;
  if (!l.survey || !l.org) {
    rc = SBX_ENOMEM;
  } else {
    for (int i = optind; i < argc; i++) rc = worse(rc, validate_one(argv[i], &l));
    rc = worse(rc, check_pairs(&l));
  }
  for (size_t i = 0; i < l.nsurvey; i++) sbx_survey_free(l.survey[i]);
  for (size_t i = 0; i < l.norg; i++) sbx_org_free(l.org[i]);
  free(l.survey);
  free(l.org);
  fflush(stdout);
  return sbx_exit_code(rc);
}

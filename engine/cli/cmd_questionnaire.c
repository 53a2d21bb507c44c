/* sixbox questionnaire S --format F [--lang L] [--org O] -o FILE: the questionnaire
 * for a survey tool (print HTML, LimeSurvey .lss, ODK XForm, KoboToolbox XLSForm,
 * Google Apps Script) or the keying template for paper answers, written atomically. */
#include "cli.h"

#include <getopt.h>
#include <sixbox/output.h>
#include <sixbox/questionnaire.h>
#include <sixbox/survey.h>
#include <stdio.h>
#include <string.h>

static void help(void) {
  printf("Usage: sixbox questionnaire SURVEY --format F -o FILE [--lang L] [--org O]\n"
         "Write the questionnaire of SURVEY for a survey tool. Codes come from the\n"
         "survey's ids, so the tool's response export imports without manual mapping.\n\n"
         "Formats:\n"
         "  print               A4 HTML to print or hand out (one language)\n"
         "  limesurvey          LimeSurvey survey structure (.lss, every language):\n"
         "                      import it under Create survey > Import\n"
         "  xform               ODK XForm (.xml, every language): ODK Central\n"
         "  xlsform             XLSForm (.xlsx, every language): KoboToolbox's\n"
         "                      Import XLSForm\n"
         "  google-apps-script  a script (.gs) that creates the Google Form in your\n"
         "                      own Google account (one language)\n"
         "  keying-csv          for paper forms (print): the template to key the\n"
         "  keying-xlsx         answers into, one row per form (response_id = the\n"
         "                      form's number, the unit id, the item codes printed\n"
         "                      on the form); the XLSX lists the codes on a second\n"
         "                      sheet. 'sixbox import' reads it as it is, with no\n"
         "                      mapping file\n\n"
         "Options:\n"
         "  --format F          one of the formats above\n"
         "  --lang L            sv, en, fi, ... (default: the survey's first language; the\n"
         "                      formats with every language put this one first)\n"
         "  --org O             organisation (XML): the unit question offers its units\n"
         "  --min-group N       smallest group reported, named in the promise (%d)\n"
         "  -o, --output FILE   where to write ('-' = standard output)\n\n"
         "Exit status: 0 done, 64 wrong usage, 65 invalid survey or organisation,\n"
         "66 a file is missing, 73 cannot create the output.\n",
         SBX_MIN_GROUP_DEFAULT);
}

typedef struct args {
  const char *survey, *org, *format, *lang, *out;
  long min_group;
} args;

static int parse_args(args *a, int argc, char **argv) {
  static const struct option opts[] = {
    { "format", required_argument, NULL, 'f' }, { "lang", required_argument, NULL, 'l' },
    { "org", required_argument, NULL, 'g' }, { "output", required_argument, NULL, 'o' },
    { "min-group", required_argument, NULL, 'm' }, { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 } };
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
    switch (c) {
    case 'h': help(); return 1;
    case 'f': a->format = optarg; break;
    case 'l': a->lang = optarg; break;
    case 'g': a->org = optarg; break;
    case 'o': a->out = optarg; break;
    case 'm':
      if (cli_parse_long(&a->min_group, optarg, SBX_MIN_GROUP_FLOOR, 1000000))
        return cli_usage_error("questionnaire", "--min-group wants a whole number of at least %d",
                               SBX_MIN_GROUP_FLOOR);
      break;
    default: return cli_option_error("questionnaire", c, argv);
    }
  }
  if (optind + 1 != argc)
    return cli_usage_error("questionnaire", optind >= argc ? "no SURVEY given"
                                                           : "give exactly one SURVEY");
  a->survey = argv[optind];
  if (!a->format) return cli_usage_error("questionnaire", "no --format given");
  sbx_qn_format fmt;
  if (sbx_questionnaire_format(&fmt, a->format))
    return cli_usage_error("questionnaire", "unknown --format '%s'", a->format);
  if (!a->out) return cli_usage_error("questionnaire", "no output: give -o FILE");
  if (a->lang && !cli_valid_lang(a->lang))
    return cli_usage_error("questionnaire", CLI_LANG_ERROR, a->lang);
  return 0;
}

static int run(const args *a, sbx_ctx *ctx) {
  sbx_survey *s = NULL;
  sbx_org *o = NULL;
  sbx_outfile *out = NULL;
  sbx_qn_format fmt;
  sbx_questionnaire_format(&fmt, a->format);
  const char *in[2] = { a->survey, a->org }, *outs[1] = { a->out };
  int rc = sbx_paths_check(in, 2, outs, 1, ctx);
  if (rc == 0) rc = sbx_survey_load(&s, a->survey, ctx);
  if (rc == 0 && a->org) rc = sbx_org_load(&o, a->org, ctx);
  if (rc == 0) {
    rc = cli_outputs_open(&out, outs, 1, ctx);
    sbx_questionnaire_opts qo = { .version = SBX_QUESTIONNAIRE_OPTS_VERSION,
                                  .lang = a->lang,
                                  .min_group = (int)a->min_group };
    if (rc == 0) rc = sbx_questionnaire_write(sbx_outfile_stream(out), s, o, fmt, &qo, ctx);
    rc = cli_outputs_close(&out, 1, rc, ctx);
  }
  sbx_org_free(o);
  sbx_survey_free(s);
  return rc;
}

int cmd_questionnaire(int argc, char **argv) {
  args a;
  memset(&a, 0, sizeof a);
  int rc = parse_args(&a, argc, argv);
  if (rc) return rc == 1 ? 0 : rc;
  sbx_ctx *ctx = sbx_ctx_new();
  if (!ctx) {
    fprintf(stderr, "sixbox questionnaire: out of memory\n");
    return 70;
  }
  rc = run(&a, ctx);
  cli_print_ctx(ctx);
  sbx_ctx_free(ctx);
  return sbx_exit_code(rc);
}

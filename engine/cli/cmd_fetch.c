/* sixbox fetch: download a response export over HTTPS. The token comes from an
 * environment variable or a file, never from the command line. */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sixbox/fetch.h>
#include <sixbox/output.h>

static sbx_cancel_flag cancelled; /* the signal that asked to stop, or 0 */
static void on_signal(int sig) { cancelled = sig; }

static void help(void) {
  printf(
    "Usage: sixbox fetch URL -o FILE [--api NAME] [--token-env VAR | --token-file PATH]\n"
    "                    [--survey-id ID] [--form-id ID] [--user NAME] [options]\n"
    "Downloads a response export over HTTPS and writes it to FILE atomically (the file\n"
    "appears whole or not at all). What was fetched is read by 'sixbox inspect' and\n"
    "'sixbox import' as it is.\n\n"
    "  --api NAME         auto (default), generic, google-sheets, qualtrics, limesurvey,\n"
    "                     kobotoolbox, surveymonkey, odk-central, kolada\n"
    "  --token-env VAR    read the token (or LimeSurvey password) from variable VAR\n"
    "  --token-file PATH  read it from PATH (mode 600, owned by you)\n"
    "  --survey-id ID     Qualtrics SV_..., LimeSurvey or SurveyMonkey survey id\n"
    "  --form-id ID       KoboToolbox asset uid (URL is then the server, e.g.\n"
    "                     https://kf.kobotoolbox.org)\n"
    "  --user NAME        LimeSurvey user name\n"
    "  --kpi IDS          Kolada: KPI ids, comma-separated (e.g. U00200,N15419)\n"
    "  --municipality IDS Kolada: municipality ids (0000 = Riket, G... = a group)\n"
    "  --years YEARS      Kolada: e.g. 2019-2024 or 2020,2022\n"
    "  --groups TITLE     Kolada: the municipality groups whose title holds TITLE\n"
    "                     (e.g. \"Liknande kommuner, övergripande, Arboga\"), as CSV\n"
    "                     group,title,member,member_title, instead of key figures\n"
    "                     (URL https://api.kolada.se/v3; key figures are written as\n"
    "                     kpi,municipality,period,gender,value,status)\n"
    "  --max-size BYTES   refuse larger downloads (default 536870912)\n"
    "  --timeout SECONDS  per request (default 600); --connect-timeout (15),\n"
    "                     --low-speed-time (30): abort below 1 KiB/s for that long\n"
    "  --retries N        on timeouts, 408, 429 and 5xx (default 4), with back-off\n"
    "                     honouring Retry-After up to --max-wait SECONDS (default 120)\n"
    "  --proxy URL        use this proxy (none otherwise, whatever the environment says)\n"
    "  --cacert FILE      an extra CA bundle (TLS checks are always on)\n"
    "  --resolve HOST:PORT:ADDRESS  connect to ADDRESS for HOST:PORT (as curl does)\n\n"
    "URLs: https only; plain http only where the address connected to is this\n"
    "machine's loopback (127.0.0.0/8, ::1), for tests. No user name or password in\n"
    "the URL: give secrets with --token-env or --token-file.\n"
    "Exit codes: 0 done, 64 usage, 65 larger than --max-size, 66 token missing,\n"
    "69 unavailable, 73 cannot create FILE, 75 try again later, 76 protocol error\n"
    "(wrong content, bad redirect, truncated body), 77 permission denied.\n");
}

enum { O_API = 256, O_TENV, O_TFILE, O_SURVEY, O_FORM, O_USER, O_MAX, O_TIMEOUT, O_CONNECT,
       O_LOWSPEED, O_RETRIES, O_MAXWAIT, O_PROXY, O_CACERT, O_RETRYBASE, O_POLL, O_RESOLVE,
       O_KPI, O_MUN, O_YEARS, O_GROUPS };

static const struct option longopts[] = {
  { "help", no_argument, 0, 'h' }, { "output", required_argument, 0, 'o' },
  { "api", required_argument, 0, O_API }, { "token-env", required_argument, 0, O_TENV },
  { "token-file", required_argument, 0, O_TFILE },
  { "survey-id", required_argument, 0, O_SURVEY }, { "form-id", required_argument, 0, O_FORM },
  { "user", required_argument, 0, O_USER }, { "max-size", required_argument, 0, O_MAX },
  { "timeout", required_argument, 0, O_TIMEOUT },
  { "connect-timeout", required_argument, 0, O_CONNECT },
  { "low-speed-time", required_argument, 0, O_LOWSPEED },
  { "retries", required_argument, 0, O_RETRIES }, { "max-wait", required_argument, 0, O_MAXWAIT },
  { "retry-base", required_argument, 0, O_RETRYBASE },
  { "poll-interval", required_argument, 0, O_POLL },
  { "proxy", required_argument, 0, O_PROXY }, { "cacert", required_argument, 0, O_CACERT },
  { "resolve", required_argument, 0, O_RESOLVE },
  { "kpi", required_argument, 0, O_KPI }, { "municipality", required_argument, 0, O_MUN },
  { "years", required_argument, 0, O_YEARS }, { "groups", required_argument, 0, O_GROUPS },
  { 0, 0, 0, 0 }
};

static int number(long *out, const char *opt, const char *v, long min, long max) {
  if (cli_parse_long(out, v, min, max) == 0) return 0;
  return cli_usage_error("fetch", "%s takes a whole number from %ld to %ld", opt, min, max);
}

int cmd_fetch(int argc, char **argv) {
  sbx_fetch_opts o = SBX_FETCH_OPTS_INIT;
  const char *out = NULL, *tenv = NULL, *tfile = NULL;
  long v;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
    switch (c) {
    case 'h': help(); return 0;
    case 'o': out = optarg; break;
    case O_API:
      if (sbx_api_from_name(&o.api, optarg))
        return cli_usage_error("fetch", "unknown --api '%s'", optarg);
      break;
    case O_TENV: tenv = optarg; break;
    case O_TFILE: tfile = optarg; break;
    case O_SURVEY: o.survey_id = optarg; break;
    case O_FORM: o.form_id = optarg; break;
    case O_USER: o.user = optarg; break;
    case O_MAX: if (number(&v, "--max-size", optarg, 1, 1L << 40)) return 64;
      o.max_bytes = (unsigned long long)v; break;
    case O_TIMEOUT: if (number(&v, "--timeout", optarg, 1, 86400)) return 64;
      o.total_timeout = v; break;
    case O_CONNECT: if (number(&v, "--connect-timeout", optarg, 1, 600)) return 64;
      o.connect_timeout = v; break;
    case O_LOWSPEED: if (number(&v, "--low-speed-time", optarg, 1, 3600)) return 64;
      o.low_speed_time = v; break;
    case O_RETRIES: if (number(&v, "--retries", optarg, 0, 20)) return 64;
      o.retries = v ? (int)v : SBX_OPT_NONE; break;
    case O_MAXWAIT: if (number(&v, "--max-wait", optarg, 0, 86400)) return 64;
      o.retry_max_wait = v ? (double)v : SBX_OPT_NONE; break;
    case O_RETRYBASE: o.retry_base = atof(optarg); break;
    case O_POLL: o.poll_interval = atof(optarg) > 0 ? atof(optarg) : SBX_OPT_NONE; break;
    case O_PROXY: o.proxy = optarg; break;
    case O_CACERT: o.ca_file = optarg; break;
    case O_RESOLVE: o.resolve = optarg; break;
    case O_KPI: o.kolada_kpi = optarg; break;
    case O_MUN: o.kolada_municipality = optarg; break;
    case O_YEARS: o.kolada_years = optarg; break;
    case O_GROUPS: o.kolada_groups = optarg; break;
    default: return cli_option_error("fetch", c, argv);
    }
  }
  if (optind + 1 != argc) return cli_usage_error("fetch", "give exactly one URL");
  if (!out) return cli_usage_error("fetch", "give the output file with -o FILE");
  if (tenv && tfile) return cli_usage_error("fetch", "give --token-env or --token-file, not both");
  sbx_ctx *ctx = sbx_ctx_new();
  char *token = NULL;
  const char *in[2] = { tfile, o.ca_file }, *outs[1] = { out };
  int rc = sbx_paths_check(in, 2, outs, 1, ctx);
  if (rc) { /* refused before anything is read */ }
  else if (tenv) rc = sbx_token_from_env(&token, tenv, ctx);
  else if (tfile) rc = sbx_token_from_file(&token, tfile, ctx);
  if (!rc) {
    o.token = token;
    o.cancel = &cancelled;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    rc = sbx_fetch(argv[optind], out, &o, ctx);
  }
  sbx_token_free(token);
  cli_print_ctx(ctx);
  sbx_ctx_free(ctx);
  if (cancelled && rc) cli_die_of_signal(cancelled); /* 128 + N, as a shell expects */
  if (!rc) fprintf(stderr, "sixbox fetch: wrote %s\n", out);
  return sbx_exit_code(rc);
}

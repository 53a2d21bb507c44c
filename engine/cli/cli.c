/* Helpers shared by the commands. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cli_print_ctx(const sbx_ctx *ctx) {
  char buf[4096];
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    sbx_error_format(sbx_ctx_get(ctx, i), buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
  }
  if (sbx_ctx_dropped(ctx))
    fprintf(stderr, "sixbox: %zu further problems not shown\n", sbx_ctx_dropped(ctx));
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "sixbox %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'sixbox %s --help'.\n", cmd);
  return 64;
}

int cli_option_error(const char *cmd, int c, char **argv) {
  char shortopt[3] = { '-', (char)optopt, '\0' };
  const char *arg = optind > 0 ? argv[optind - 1] : "";
  const char *name = strncmp(arg, "--", 2) != 0 && optopt > 0 && optopt < 128 ? shortopt : arg;
  if (c == ':') return cli_usage_error(cmd, "the option '%s' needs a value", name);
  return cli_usage_error(cmd, "unknown option '%s'", name);
}

void cli_die_of_signal(int sig) {
  fflush(stdout);
  fflush(stderr);
  signal(sig, SIG_DFL);
  raise(sig);
  _exit(128 + sig);
}

int cli_valid_lang(const char *s) { return sbx_lang_available(s); }

int cli_parse_long(const char *s, long min, long max, long *out) {
  if (!s || !*s) return -1;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || v < min || v > max) return -1;
  *out = v;
  return 0;
}

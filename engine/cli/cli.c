/* Helpers shared by the commands. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
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

int cli_valid_lang(const char *s) {
  return s && (strcmp(s, "sv") == 0 || strcmp(s, "en") == 0);
}

int cli_parse_long(const char *s, long min, long max, long *out) {
  if (!s || !*s) return -1;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || v < min || v > max) return -1;
  *out = v;
  return 0;
}

/* getopt_long with a leading ':' in its short options returns ':' for an option whose
 * value is missing and '?' for one it does not know; name the option either way. */
int cli_option_error(const char *cmd, int c, char *const *argv) {
  const char *arg = optind > 0 ? argv[optind - 1] : "";
  char name[64];
  if (strncmp(arg, "--", 2) == 0)
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
  else if (optopt > ' ' && optopt < 127)
    snprintf(name, sizeof name, "-%c", optopt);
  else
    snprintf(name, sizeof name, "%s", arg);
  if (c == ':') return cli_usage_error(cmd, "option %s needs a value", name);
  return cli_usage_error(cmd, "unknown option '%s'", name);
}

/* Helpers shared by the commands. */
#include "cli.h"

#include <sixbox/output.h>
#include <sixbox/tools.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void cli_print_ctx_new(const sbx_ctx *ctx, size_t *printed) {
  char buf[4096];
  size_t n = sbx_ctx_count(ctx);
  for (size_t i = *printed; i < n; i++) {
    sbx_error_format(buf, sizeof buf, sbx_ctx_get(ctx, i));
    fprintf(stderr, "%s\n", buf);
  }
  if (n > *printed) *printed = n;
}

void cli_print_ctx(const sbx_ctx *ctx) {
  size_t printed = 0;
  cli_print_ctx_new(ctx, &printed);
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

/* Prints text's words from column col, wrapped before column 80 with further lines
 * indented to indent, and ends the line. */
static void print_wrapped(const char *text, int col, int indent) {
  int pos = col, first = 1;
  while (*text) {
    int len = (int)strcspn(text, " ");
    if (!first && pos + 1 + len > 80) {
      printf("\n%*s", indent, "");
      pos = indent;
    } else if (!first) {
      putchar(' ');
      pos++;
    }
    printf("%.*s", len, text);
    pos += len;
    first = 0;
    text += len;
    text += strspn(text, " ");
  }
  putchar('\n');
}

void cli_print_tools(int col, int indent, int simulated) {
  char list[512];
  size_t used = 0;
  const sbx_tool *t;
  for (size_t i = 0; (t = sbx_tool_at(i)) != NULL && used < sizeof list; i++) {
    if (simulated && !t->simulate) continue;
    int xlsx = simulated && strcmp(t->simulate, "xlsx") == 0;
    int n = snprintf(list + used, sizeof list - used, "%s%s%s", used ? ", " : "", t->id,
                     xlsx ? " (XLSX)" : "");
    if (n > 0) used += (size_t)n;
  }
  if (simulated && used < sizeof list) snprintf(list + used, sizeof list - used, " or csv (default)");
  print_wrapped(list, col, indent);
}

int cli_parse_long(long *out, const char *s, long min, long max) {
  if (!s || !*s) return SBX_EUSAGE;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || v < min || v > max) return SBX_EUSAGE;
  *out = v;
  return 0;
}

/* ---- Temporary files to remove when a signal ends the command -------------------
 * Paths are copied into static storage, so the handler needs no allocation and calls
 * only unlink, sigprocmask, signal and raise (all async-signal-safe). */
#define CLI_MAX_TEMPS 12
#define CLI_TEMP_LEN 4096

static volatile sig_atomic_t temp_used[CLI_MAX_TEMPS];
static char temp_path[CLI_MAX_TEMPS][CLI_TEMP_LEN];

void cli_temp_track(const char *path, int created) {
  if (!path) return;
  size_t len = strlen(path);
  for (int i = 0; i < CLI_MAX_TEMPS; i++) {
    if (created && !temp_used[i] && len < CLI_TEMP_LEN) {
      memcpy(temp_path[i], path, len + 1);
      temp_used[i] = 1;
      return;
    }
    if (!created && temp_used[i] && strcmp(temp_path[i], path) == 0) {
      temp_used[i] = 0;
      return;
    }
  }
}

void cli_temps_forget(void) {
  for (int i = 0; i < CLI_MAX_TEMPS; i++) temp_used[i] = 0;
}

void cli_temps_unlink(void) {
  for (int i = 0; i < CLI_MAX_TEMPS; i++)
    if (temp_used[i]) {
      unlink(temp_path[i]);
      temp_used[i] = 0;
    }
}

static void die_cleanly(int sig) {
  cli_temps_unlink();
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  signal(sig, SIG_DFL);
  sigprocmask(SIG_UNBLOCK, &one, NULL);
  raise(sig);
  _exit(128 + sig);
}

void cli_temps_on_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = die_cleanly;
  sigfillset(&sa.sa_mask); /* one handler at a time */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
}

void cli_signals_hold(sigset_t *old) {
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, old);
}

void cli_signals_release(const sigset_t *old) { sigprocmask(SIG_SETMASK, old, NULL); }

int cli_outputs_open(sbx_outfile **f, const char *const *paths, size_t n, sbx_ctx *ctx) {
  cli_temps_on_signals();
  int rc = 0;
  for (size_t i = 0; i < n; i++) f[i] = NULL;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!paths[i]) continue;
    rc = sbx_outfile_open(&f[i], paths[i], ctx);
    if (!rc) cli_temp_track(sbx_outfile_temp_path(f[i]), 1);
  }
  return rc;
}

int cli_outputs_close(sbx_outfile **f, size_t n, int rc, sbx_ctx *ctx) {
  int written = rc == 0; /* else a writer failed: sbx_outfile_fail names file and cause */
  for (size_t i = 0; i < n && !rc; i++)
    if (f[i]) rc = sbx_outfile_finish(f[i], ctx);
  sigset_t old;
  cli_signals_hold(&old); /* all renamed or none, and no temporary file left behind */
  for (size_t i = 0; i < n; i++) {
    if (!f[i]) continue;
    if (!rc) rc = sbx_outfile_place(f[i], ctx);
    else if (written) sbx_outfile_abort(f[i]);
    else sbx_outfile_fail(f[i], ctx);
    f[i] = NULL;
  }
  cli_temps_forget();
  cli_signals_release(&old);
  return rc;
}

int cli_stamp(const char *cmd, int now_if_unset, char *buf, size_t size, const char **out) {
  const char *e = getenv("SOURCE_DATE_EPOCH");
  long v = 0;
  if (!e && !now_if_unset) return 0;
  if (e && cli_parse_long(&v, e, 0, 253402300799L))
    return cli_usage_error(cmd, "SOURCE_DATE_EPOCH must be whole seconds since 1970");
  time_t t = e ? (time_t)v : time(NULL);
  struct tm tm;
  if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm))
    return cli_usage_error(cmd, "the time is out of range");
  *out = buf;
  return 0;
}

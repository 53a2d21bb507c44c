/* Shared by the commands: the table entry type, error printing, common options.
 * The CLI uses only the public headers <sixbox/...>. */
#ifndef SBX_CLI_H
#define SBX_CLI_H

#include <signal.h>
#include <stdio.h>
#include <sixbox/error.h>
#include <sixbox/lang.h>

typedef struct cli_command {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv); /* argv[0] is the command name; returns exit code */
} cli_command;

int cmd_validate(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_questionnaire(int argc, char **argv);
int cmd_diagnose(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_progress(int argc, char **argv);

/* What a command's argument parsing returns besides an exit code (0-125): */
#define CLI_UNKNOWN_OPTION (-1) /* an option callback: not an option of this command */
#define CLI_RUN (-2)            /* the arguments are complete: run the command */

/* Prints every record of ctx to stderr as "source:line: message (item)". */
void cli_print_ctx(const sbx_ctx *ctx);
/* The time the files carry, "YYYY-MM-DD HH:MM UTC", into buf and *out: SOURCE_DATE_EPOCH
 * (reproducible-builds.org) when set, else now when now_if_unset, else none (*out kept).
 * 0, or the usage exit code after a message naming cmd. */
int cli_stamp(const char *cmd, int now_if_unset, char *buf, size_t size, const char **out);
/* Prints the records from *printed on and moves *printed past them (warnings a long
 * run should show before it goes on, e.g. that it may run out of memory). */
void cli_print_ctx_new(const sbx_ctx *ctx, size_t *printed);
/* "sixbox CMD: message" on stderr, then returns 64 (usage). */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The message for getopt_long's ':' (an option without its value; the option string
 * must start with ':') or '?' (an unknown option); returns 64. */
int cli_option_error(const char *cmd, int c, char **argv);
/* Ends the process as killed by sig (so a shell sees 128 + sig), after the command
 * has cleaned up. */
void cli_die_of_signal(int sig) __attribute__((noreturn));
/* Is there a catalogue for language s (built in, or under $SIXBOX_DATA_DIR)? */
#define CLI_LANG_ERROR \
  "--lang %s: no catalogue has this language (sv, en, fi are built in; docs/languages.md)"
int cli_valid_lang(const char *s);
/* Prints the ids of the tools (sixbox/tools.h), "google-forms, microsoft-forms, ...":
 * with simulated, only those simulate writes (" (XLSX)" after one it writes as XLSX),
 * then "or csv (default)". Starts at column col, wraps before column 80 with further
 * lines indented to indent, and ends the line: the lists in the commands' help. */
void cli_print_tools(int col, int indent, int simulated);
/* Parses s, a whole number in [min, max], into *out; 0, or SBX_EUSAGE (*out unchanged). */
int cli_parse_long(long *out, const char *s, long min, long max);

/* Temporary output files that a signal must not leave behind: track each when it is
 * created (created 1) and when it is gone (0; NULL paths are ignored). With
 * cli_temps_on_signals(), SIGINT, SIGTERM and SIGHUP remove every tracked file and end
 * the process as killed by the signal (exit 128 + N); earlier files stay as they were.
 * cli_temps_unlink() is async-signal-safe, for commands with their own handler. */
void cli_temp_track(const char *path, int created);
void cli_temps_forget(void);
void cli_temps_unlink(void);
void cli_temps_on_signals(void);
/* Holds back every catchable signal (around renames that must all happen or none),
 * and lets them through again: one that came meanwhile takes effect then. */
void cli_signals_hold(sigset_t *old);
void cli_signals_release(const sigset_t *old);

struct sbx_outfile;
/* The outputs of one command, together or not at all: opens f[i] for every non-NULL
 * paths[i] (the others stay NULL) with their temporary files tracked as above; after
 * the writers (rc: their result), close finishes every file and, only when all
 * succeeded, moves them into place with the signals held; otherwise removes them. */
int cli_outputs_open(struct sbx_outfile **f, const char *const *paths, size_t n, sbx_ctx *ctx);
int cli_outputs_close(struct sbx_outfile **f, size_t n, int rc, sbx_ctx *ctx);

#endif

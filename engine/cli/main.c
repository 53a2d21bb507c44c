/* sixbox: the command-line tool. A table of commands, each in its own cmd_*.c. */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static const cli_command commands[] = {
  { "validate", "check survey and organisation files", cmd_validate },
  { "show", "print a survey or an organisation (text or JSON)", cmd_show },
  { "inspect", "tell what a response export is", cmd_inspect },
  { "import", "import response exports into one response set", cmd_import },
  { "fetch", "download a response export over HTTPS", cmd_fetch },
  { "questionnaire", "write the questionnaire for a survey tool", cmd_questionnaire },
  { "diagnose", "import, analyse and report: the whole job", cmd_diagnose },
  { "simulate", "write realistic synthetic responses", cmd_simulate },
  { "history", "look after the follow-up database of waves", cmd_history },
  { "progress", "responses per unit while a survey is open", cmd_progress },
};

static void usage(FILE *f) {
  fprintf(f, "Usage: sixbox COMMAND [OPTIONS]...\n"
             "Organisational diagnosis with Weisbord's Six-box model.\n\nCommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].summary);
  fprintf(f, "\n'sixbox COMMAND --help' tells more. 'sixbox --version' prints the version.\n"
             "Exit codes: 0 done, 64 usage, 65 bad data, 66 input missing, 69 service\n"
             "unavailable, 70 internal error, 73 cannot create output, 74 I/O error,\n"
             "75 temporary failure, 76 protocol error, 77 permission denied.\n");
}

/* Whatever a command printed must have reached standard output: a full disk or a closed
 * pipe there is an I/O error (74), not success with the output lost. */
static int close_stdout(int rc) {
  errno = 0;
  int bad = fflush(stdout) != 0 || ferror(stdout);
  int e = errno;
  if (fclose(stdout) != 0 && !bad) {
    bad = 1;
    e = errno;
  }
  if (!bad) return rc;
  fprintf(stderr, "sixbox: cannot write to standard output: %s\n",
          e ? strerror(e) : "a write failed");
  return rc ? rc : 74;
}

int main(int argc, char **argv) {
  setlocale(LC_CTYPE, "");
  if (argc < 2) {
    usage(stderr);
    return 64;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return close_stdout(0);
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("sixbox %s\n", SIXBOX_VERSION);
    return close_stdout(0);
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (strcmp(argv[1], commands[i].name) == 0) {
      if (sbx_global_init() != 0) {
        fprintf(stderr, "sixbox: cannot initialise the libraries\n");
        return 70;
      }
      int rc = commands[i].run(argc - 1, argv + 1);
      sbx_global_cleanup();
      return close_stdout(rc);
    }
  }
  fprintf(stderr, "sixbox: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 64;
}

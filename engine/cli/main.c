/* sixbox: the command-line tool. A table of commands, each in its own cmd_*.c. */
#include "cli.h"

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

int main(int argc, char **argv) {
  setlocale(LC_CTYPE, "");
  if (argc < 2) {
    usage(stderr);
    return 64;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("sixbox %s\n", SIXBOX_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (strcmp(argv[1], commands[i].name) == 0) {
      if (sbx_global_init() != 0) {
        fprintf(stderr, "sixbox: cannot initialise the libraries\n");
        return 70;
      }
      int rc = commands[i].run(argc - 1, argv + 1);
      sbx_global_cleanup();
      return rc;
    }
  }
  fprintf(stderr, "sixbox: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 64;
}

/* sixbox import: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_import(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox import: not available yet in this build\n");
  return 70;
}

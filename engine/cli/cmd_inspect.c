/* sixbox inspect: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_inspect(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox inspect: not available yet in this build\n");
  return 70;
}

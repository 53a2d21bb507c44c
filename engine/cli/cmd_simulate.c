/* sixbox simulate: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_simulate(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox simulate: not available yet in this build\n");
  return 70;
}

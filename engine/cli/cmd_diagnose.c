/* sixbox diagnose: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_diagnose(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox diagnose: not available yet in this build\n");
  return 70;
}

/* sixbox validate: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_validate(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox validate: not available yet in this build\n");
  return 70;
}

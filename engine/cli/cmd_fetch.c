/* sixbox fetch: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_fetch(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox fetch: not available yet in this build\n");
  return 70;
}

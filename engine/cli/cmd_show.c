/* sixbox show: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_show(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox show: not available yet in this build\n");
  return 70;
}

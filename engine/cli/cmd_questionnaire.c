/* sixbox questionnaire: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_questionnaire(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "sixbox questionnaire: not available yet in this build\n");
  return 70;
}

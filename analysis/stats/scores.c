/* PLACEHOLDER until its issue lands: sbx__score does nothing yet. */
#include "analysis/results.h"

int sbx__score(sbx_results *res, sbx_ctx *ctx) {
  (void)res;
  (void)ctx;
  return 0;
}

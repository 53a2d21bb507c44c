/* PLACEHOLDER until its issue lands: sbx__drivers does nothing yet. */
#include "analysis/results.h"

int sbx__drivers(sbx_results *res, sbx_ctx *ctx) {
  (void)res;
  (void)ctx;
  return 0;
}

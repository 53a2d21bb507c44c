/* PLACEHOLDER until its issue lands: sbx__goals does nothing yet. */
#include "analysis/results.h"

int sbx__goals(sbx_results *res, sbx_ctx *ctx) {
  (void)res;
  (void)ctx;
  return 0;
}

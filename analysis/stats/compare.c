/* PLACEHOLDER until its issue lands: sbx__compare does nothing yet. */
#include "analysis/results.h"

int sbx__compare(sbx_results *res, sbx_ctx *ctx) {
  (void)res;
  (void)ctx;
  return 0;
}

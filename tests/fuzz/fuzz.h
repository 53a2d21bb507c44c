/* Shared by the fuzz targets of the readers: one read of a buffer with every row
 * touched, errors collected and dropped. */
#ifndef SBX_FUZZ_H
#define SBX_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "engine/import/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sbx_fuzz_row(void *ud, size_t row, uint32_t line, const char *const *cells,
                        size_t n) {
  size_t *sum = ud;
  (void)row;
  for (size_t i = 0; i < n; i++) *sum += strlen(cells[i]) + line; /* every cell is a string */
  return 0;
}

static inline void sbx_fuzz_read(const char *data, size_t size, const sbx_read_opts *opts) {
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_file_info info;
  size_t sum = 0;
  sbx__read_export_memory(data, size, "fuzz", opts, sbx_fuzz_row, &sum, &info, ctx);
  sbx_ctx_free(ctx);
}

#endif

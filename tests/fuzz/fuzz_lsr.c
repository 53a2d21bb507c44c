/* libFuzzer target: the LimeSurvey response XML reader (.lsr). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sbx_fuzz_read((const char *)data, size, NULL);
  return 0;
}

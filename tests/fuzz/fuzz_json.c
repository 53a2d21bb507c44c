/* libFuzzer target: the JSON reader (Kobo, ODK OData, LimeSurvey RemoteControl...). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sbx_fuzz_read((const char *)data, size, NULL);
  return 0;
}

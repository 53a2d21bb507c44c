/* libFuzzer target: the CSV reader. The first byte chooses the options (delimiter
 * detected or given, encoding detected or given), the rest is the file. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char delims[4] = {0, ',', ';', '\t'};
  static const char *const encs[4] = {NULL, NULL, "windows-1252", "utf-16le"};
  if (size == 0) return 0;
  sbx_read_opts o = SBX_READ_OPTS_INIT;
  o.delimiter = delims[data[0] & 3];
  o.encoding = encs[(data[0] >> 2) & 3];
  sbx_fuzz_read((const char *)data + 1, size - 1, &o);
  return 0;
}

/* libFuzzer target: the XLSX parts. Mutating zip bytes mostly breaks checksums, so the
 * input is the parts themselves, separated by a form feed: sheet, shared strings,
 * styles, workbook; they are packed into a workbook with libzip and read. */
#include <stdlib.h>
#include <zip.h>
#include "fuzz.h"

static const char *const NAMES[4] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                     "xl/styles.xml", "xl/workbook.xml"};
static const char *const DEFAULTS[4] = {
    "<worksheet><sheetData/></worksheet>", "<sst/>", "<styleSheet/>",
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>"};
static const char RELS[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

/* The packed workbook as malloc'd bytes, or NULL. */
static char *pack(const char *const *part, const size_t *len, size_t *outlen) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = buf ? zip_open_from_source(buf, ZIP_TRUNCATE, &ze) : NULL;
  char *out = NULL;
  if (!za) goto done;
  zip_source_keep(buf);
  for (int i = 0; i < 5; i++) { /* stored, not deflated: deflate's set-up cost dominates */
    const char *name = i < 4 ? NAMES[i] : "xl/_rels/workbook.xml.rels";
    zip_source_t *src = i < 4 ? zip_source_buffer(za, part[i], len[i], 0)
                              : zip_source_buffer(za, RELS, sizeof RELS - 1, 0);
    zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_OVERWRITE);
    if (idx >= 0) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
  }
  if (zip_close(za) != 0) {
    zip_discard(za);
    goto done;
  }
  zip_stat_t st;
  if (zip_source_stat(buf, &st) == 0 && zip_source_open(buf) == 0) {
    out = malloc(st.size ? st.size : 1);
    if (out && zip_source_read(buf, out, st.size) != (zip_int64_t)st.size) {
      free(out);
      out = NULL;
    }
    *outlen = st.size;
    zip_source_close(buf);
  }
done:
  if (buf) zip_source_free(buf);
  zip_error_fini(&ze);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *part[4];
  size_t len[4], k = 0, start = 0;
  for (size_t i = 0; i <= size && k < 4; i++) {
    if (i == size || data[i] == '\f') {
      part[k] = (const char *)data + start;
      len[k++] = i - start;
      start = i + 1;
    }
  }
  for (; k < 4; k++) {
    part[k] = DEFAULTS[k];
    len[k] = strlen(DEFAULTS[k]);
  }
  size_t n = 0;
  char *xlsx = pack(part, len, &n);
  if (xlsx) sbx_fuzz_read(xlsx, n, NULL);
  free(xlsx);
  return 0;
}

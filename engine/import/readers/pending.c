/* Readers not landed yet in this increment (zip, JSON, LimeSurvey XML): they refuse
 * clearly instead of guessing. Replaced by xlsx.c, zip.c, json*.c and lsr.c. */
#include "engine/import/readers/readers.h"

static int pending(sbx__rd *rd, const char *what) {
  return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                    "%s input is not supported by this build yet", what);
}
int sbx__read_zip_mem(sbx__rd *rd, const char *data, size_t len) { (void)data; (void)len; return pending(rd, "zip"); }
int sbx__read_zip_file(sbx__rd *rd, const char *path) { (void)path; return pending(rd, "zip"); }
int sbx__read_json(sbx__rd *rd, const char *data, size_t len) { (void)data; (void)len; return pending(rd, "JSON"); }
int sbx__read_lsr(sbx__rd *rd, sbx__src *src) { (void)src; return pending(rd, "XML"); }

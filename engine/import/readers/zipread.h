/* Zip archives for the readers (XLSX, LimeSurvey .lsa, Qualtrics and ODK zips): entries
 * are looked up by name inside the archive (never on disk) and inflated as byte sources
 * under the entry-count, size and ratio caps. Library-internal. */
#ifndef SBX_IMPORT_ZIPREAD_H
#define SBX_IMPORT_ZIPREAD_H

#include <zip.h>
#include "engine/import/readers/readers.h"

typedef struct sbx__zip {
  zip_t *za;
  sbx__rd *rd;
  zip_int64_t nentries;
  uint64_t inflated;   /* bytes inflated so far, all entries */
} sbx__zip;

/* An entry being read. */
typedef struct sbx__zent {
  zip_file_t *zf;
  sbx__src src;
  char name[256];
} sbx__zent;

/* The index of the entry called name (ASCII case ignored), or -1. */
zip_int64_t sbx__zip_find(const sbx__zip *z, const char *name);
/* Opens entry idx for reading under the caps. */
int sbx__zip_open_entry(sbx__zip *z, zip_int64_t idx, sbx__zent *e);
void sbx__zip_close_entry(sbx__zip *z, sbx__zent *e);

int sbx__read_xlsx(sbx__rd *rd, sbx__zip *z);

#endif

/* Zip containers: opens the archive with libzip (from memory, or the file, which libzip
 * reads by seeking), enforces the caps of docs/formats.md, "Untrusted input" (entry count,
 * declared sizes, inflate ratio, and bytes actually inflated, because headers lie), and
 * tells an XLSX workbook from a LimeSurvey .lsa and a zip of CSV (Qualtrics, ODK). */
#include "engine/import/readers/zipread.h"

#include <stdlib.h>
#include <string.h>

zip_int64_t sbx__zip_find(const sbx__zip *z, const char *name) {
  return zip_name_locate(z->za, name, ZIP_FL_NOCASE);
}

int sbx__zip_open_entry(sbx__zip *z, zip_int64_t idx, sbx__zent *e) {
  zip_stat_t st;
  sbx__rd *rd = z->rd;
  memset(e, 0, sizeof *e);
  zip_stat_init(&st);
  if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0)
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                      "the archive is damaged: %s", zip_strerror(z->za));
  snprintf(e->name, sizeof e->name, "%s", st.name ? st.name : "?");
  uint64_t left = SBX_ZIP_MAX_UNCOMPRESSED - z->inflated;
  uint64_t ratio_cap = UINT64_MAX;
  if (st.valid & ZIP_STAT_COMP_SIZE)
    ratio_cap = st.comp_size * (uint64_t)SBX_ZIP_MAX_RATIO + SBX_ZIP_RATIO_GRACE;
  uint64_t cap = left < ratio_cap ? left : ratio_cap;
  int declared = (st.valid & ZIP_STAT_SIZE) && st.size <= cap;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > cap)
    return sbx__error(rd->ctx, SBX_ELIMIT, rd->source, 0, e->name,
                      "the archive entry would inflate to %llu bytes, past the limits "
                      "(%llu bytes, ratio %u:1): a zip bomb? refused",
                      (unsigned long long)st.size, (unsigned long long)SBX_ZIP_MAX_UNCOMPRESSED,
                      SBX_ZIP_MAX_RATIO);
  e->zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
  if (!e->zf)
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, e->name,
                      "cannot read the archive entry: %s", zip_strerror(z->za));
  /* libzip inflates past a declared size that lies: the declared size is the cap */
  sbx__src_zip(&e->src, e->zf, declared ? st.size : cap, rd->source, rd->ctx);
  e->src.declared = declared;
  e->src.entry = e->name;
  return 0;
}

void sbx__zip_close_entry(sbx__zip *z, sbx__zent *e) {
  z->inflated += e->src.total;
  z->rd->info->inflated += e->src.total;
  sbx__src_free(&e->src);
  if (e->zf) zip_fclose(e->zf);
  e->zf = NULL;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && sbx__strcaseeq(s + a - b, suffix);
}

/* The data file of a plain zip: the CSV/TSV with the shortest name (ODK puts repeat
 * groups in longer-named files beside the main table), else a JSON file. */
static zip_int64_t pick_data_entry(const sbx__zip *z) {
  zip_int64_t best = -1, best_json = -1;
  size_t best_len = 0, best_json_len = 0;
  for (zip_int64_t i = 0; i < z->nentries; i++) {
    const char *n = zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
    if (!n || strncmp(n, "__MACOSX/", 9) == 0 || ends_with(n, "/")) continue;
    const char *base = strrchr(n, '/') ? strrchr(n, '/') + 1 : n;
    if (base[0] == '.') continue;
    size_t len = strlen(n);
    if (ends_with(n, ".csv") || ends_with(n, ".tsv") || ends_with(n, ".txt")) {
      if (best < 0 || len < best_len) best = i, best_len = len;
    } else if (ends_with(n, ".json")) {
      if (best_json < 0 || len < best_json_len) best_json = i, best_json_len = len;
    }
  }
  return best >= 0 ? best : best_json;
}

#define NO_ENTRY ((zip_int64_t)-1) /* find_suffix(): no such entry (libzip's own "none") */

/* The index of the first entry whose name ends with suffix, or NO_ENTRY. */
static zip_int64_t find_suffix(const sbx__zip *z, const char *suffix) {
  for (zip_int64_t i = 0; i < z->nentries; i++) {
    const char *n = zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
    if (n && ends_with(n, suffix) && strncmp(n, "__MACOSX/", 9) != 0) return i;
  }
  return NO_ENTRY;
}

/* Reads one entry through the detection of its content (CSV, JSON), or as .lsr XML. */
static int read_entry(sbx__rd *rd, sbx__zip *z, zip_int64_t idx, int lsr, const json_t *codes) {
  sbx__zent e;
  int rc = sbx__zip_open_entry(z, idx, &e);
  if (!rc) rc = lsr ? sbx__read_lsr(rd, &e.src, codes) : sbx__read_src(rd, &e.src);
  sbx__zip_close_entry(z, &e);
  return rc;
}

/* A LimeSurvey archive: its responses (.lsr), with the question codes of its survey
 * structure (.lss) when it holds one. */
static int read_lsa(sbx__rd *rd, sbx__zip *z, zip_int64_t lsr_idx) {
  zip_int64_t idx = find_suffix(z, ".lss");
  json_t *codes = idx >= 0 ? json_object() : NULL;
  int rc = idx >= 0 && !codes ? SBX_ENOMEM : 0;
  if (codes) {
    sbx__zent e;
    rc = sbx__zip_open_entry(z, idx, &e);
    if (!rc) rc = sbx__lss_codes(rd, &e.src, e.name, codes);
    sbx__zip_close_entry(z, &e);
  }
  if (!rc) rc = read_entry(rd, z, lsr_idx, 1, codes);
  json_decref(codes);
  return rc;
}

static int read_archive(sbx__rd *rd, zip_t *za) {
  sbx__zip z = {za, rd, zip_get_num_entries(za, 0), 0};
  if (z.nentries < 0 || (zip_uint64_t)z.nentries > SBX_ZIP_MAX_ENTRIES)
    return sbx__error(rd->ctx, SBX_ELIMIT, rd->source, 0, NULL,
                      "the archive has more than %u entries; refused", SBX_ZIP_MAX_ENTRIES);
  if (sbx__zip_find(&z, "xl/workbook.xml") >= 0) {
    snprintf(rd->info->format, sizeof rd->info->format, "xlsx");
    snprintf(rd->info->encoding, sizeof rd->info->encoding, "utf-8"); /* XML parts */
    return sbx__read_xlsx(rd, &z);
  }
  zip_int64_t idx = find_suffix(&z, ".lsr");
  if (idx >= 0) {
    int rc = read_lsa(rd, &z, idx);
    snprintf(rd->info->format, sizeof rd->info->format, "lsa");
    return rc;
  }
  idx = pick_data_entry(&z);
  if (idx < 0)
    return sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                      "the archive holds no workbook, LimeSurvey responses (.lsr) or "
                      "CSV/JSON file; give the export itself");
  int rc = read_entry(rd, &z, idx, 0, NULL);
  snprintf(rd->info->format, sizeof rd->info->format, "zip");
  return rc;
}

static int open_failed(sbx__rd *rd, zip_error_t *ze) {
  int rc = sbx__error(rd->ctx, SBX_EDATA, rd->source, 0, NULL,
                      "not a readable zip archive (%s); the file is damaged or incomplete",
                      zip_error_strerror(ze));
  zip_error_fini(ze);
  return rc;
}

int sbx__read_zip_mem(sbx__rd *rd, const char *data, size_t len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *zs = zip_source_buffer_create(data, len, 0, &ze);
  if (!zs) return open_failed(rd, &ze);
  zip_t *za = zip_open_from_source(zs, ZIP_RDONLY, &ze);
  if (!za) {
    zip_source_free(zs);
    return open_failed(rd, &ze);
  }
  zip_error_fini(&ze);
  int rc = read_archive(rd, za);
  zip_discard(za); /* also frees zs */
  return rc;
}

int sbx__read_zip_file(sbx__rd *rd, const char *path) {
  int err = 0;
  zip_t *za = zip_open(path, ZIP_RDONLY, &err);
  if (!za) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    return open_failed(rd, &ze);
  }
  int rc = read_archive(rd, za);
  zip_discard(za);
  return rc;
}

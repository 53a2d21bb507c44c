/* sbx_import: every export through its reader into one importer, the mapping file
 * first; and the public writers of the response set and the log, which live in
 * reports/importlog (reports may not include engine headers, so the engine wraps). */
#include <sixbox/import.h>
#include "engine/import/dialect.h"
#include "engine/import/importer.h"
#include "reports/importlog/importlog.h"
#include "surveys/model.h"
#include "surveys/util.h"

#include <string.h>

static const char *unit_qid(const sbx_survey *s) {
  return s->has_unit_question && s->unit_question.id ? s->unit_question.id : "unit";
}

typedef struct mapping_rd {
  sbx__importer *im;
  const char *source;
  int rc;
  size_t lines; /* lines that map a column */
} mapping_rd;

static int is_header(const char *const *cells, size_t n) {
  return n >= 2 && sbx__strcaseeq(cells[0], "column") && sbx__strcaseeq(cells[1], "item");
}

static int mapping_row(void *ud, size_t row, uint32_t line, const char *const *cells,
                       size_t n) {
  mapping_rd *m = ud;
  if (n == 0 || (n == 1 && !*cells[0])) return 0;
  if (row == 0 && is_header(cells, n)) return 0;
  m->lines++;
  int rc = sbx__importer_mapping(m->im, cells[0], n > 1 ? cells[1] : "", m->source, line);
  if (rc && !m->rc) m->rc = rc;
  return 0; /* go on: report every bad line */
}

/* Is the file empty, or white space (and BOMs) only? The readers would call it an
 * empty export; a mapping file deserves its own words. */
static int blank_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  unsigned char buf[4096];
  size_t n;
  int blank = 1;
  while (blank && (n = fread(buf, 1, sizeof buf, f)) > 0)
    for (size_t i = 0; blank && i < n; i++)
      blank = buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n' ||
              buf[i] == 0xEF || buf[i] == 0xBB || buf[i] == 0xBF;
  fclose(f);
  return blank;
}

static int load_mapping(sbx__importer *im, const char *path, sbx_ctx *ctx) {
  mapping_rd m = { im, path, 0, 0 };
  sbx_file_info info;
  memset(&info, 0, sizeof info);
  sbx_read_opts ro = SBX_READ_OPTS_INIT;
  if (blank_file(path))
    return sbx__error(ctx, SBX_EDATA, path, 0, NULL,
                      "the mapping file is empty; write one line 'column,item' for each "
                      "column to map (or leave out --mapping)");
  int rc = sbx__read_export(path, NULL, &ro, mapping_row, &m, &info, ctx);
  if (!rc && !m.rc && m.lines == 0)
    return sbx__error(ctx, SBX_EDATA, path, 0, NULL,
                      "the mapping file maps no column; write one line 'column,item' for "
                      "each column to map (or leave out --mapping)");
  return rc ? rc : m.rc;
}

/* An export with a header and no response rows leaves nothing to import or diagnose:
 * that is refused (SBX_EDATA, exit 65) rather than a run that reports nothing. A file
 * without responses beside others that have some is only named. */
static int no_responses(const sbx_responses *r, sbx_ctx *ctx) {
  size_t read = 0;
  for (size_t i = 0; i < r->nsrc; i++) read += r->src[i].read;
  for (size_t i = 0; i < r->nsrc; i++)
    if (!r->src[i].read)
      (read ? sbx__warning : sbx__error)(ctx, SBX_EDATA, r->src[i].name, 0, NULL,
                                        "the export holds no responses, only a header; "
                                        "export it again once answers have come in");
  return read == 0;
}

/* Most rows without a unit: the diagnosis would be of the whole organisation only,
 * so say it loudly (the CLI prints warnings on the terminal). */
static void warn_units(const sbx_responses *r, const sbx_import_log *log,
                       const sbx_survey *s, const sbx_org *org, sbx_ctx *ctx) {
  size_t none = 0;
  for (size_t i = 0; i < r->n; i++) none += r->unit[i] == SBX_NO_UNIT;
  if (!org || r->n == 0 || none * 2 <= r->n) return;
  int pct = (int)(100.0 * (double)none / (double)r->n + 0.5);
  if (log->nunit > 0)
    sbx__warning(ctx, SBX_EDATA, log->file[log->unit[0].file].name, 0, log->unit[0].value,
                 "%zu of %zu responses (%d %%) have no unit: their answers to the unit "
                 "question match no unit of organisation '%s', so the results cover the "
                 "whole organisation only. Check that --org is the organisation the "
                 "questionnaire was made from, or add the answers as aliases of the units "
                 "in the organisation file (first unknown answer in brackets)", none,
                 r->n, pct, org->id ? org->id : "");
  else
    sbx__warning(ctx, SBX_EDATA, NULL, 0, NULL,
                 "%zu of %zu responses (%d %%) have no unit: no column of the export is "
                 "the unit question '%s' or its answers are empty, so the results cover "
                 "the whole organisation only. Name the unit column in a mapping file "
                 "(--mapping, 'column,%s')", none, r->n, pct, unit_qid(s),
                 unit_qid(s));
}

void sbx_responses_free(sbx_responses *r) { sbx__responses_free(r); }

int sbx_import_opts_init(sbx_import_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_IMPORT_OPTS_VERSION);
}

int sbx_import(sbx_responses **out, sbx_import_log **log, const sbx_survey *s,
               const sbx_org *org, const char *const *paths, size_t npaths,
               const sbx_import_opts *opts, sbx_ctx *ctx) {
  *out = NULL;
  *log = NULL;
  if (!s || (npaths && !paths))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "sbx_import: no survey given");
  int rc = sbx__opts_check(opts, SBX_IMPORT_OPTS_VERSION, "sbx_import_opts", ctx);
  if (rc) return rc;
  char tools[SBX__TOOL_LIST_MAX];
  if (opts && opts->tool && !sbx__dialect_by_name(opts->tool))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, opts->tool, "unknown tool '%s'; use one of: %s",
                      opts->tool, sbx__tool_list(tools, sizeof tools, 0, NULL));
  sbx__importer *im;
  rc = sbx__importer_new(&im, s, org, opts, ctx);
  if (rc) return rc;
  if (opts && opts->mapping) rc = load_mapping(im, opts->mapping, ctx);
  for (size_t i = 0; rc == 0 && i < npaths; i++) {
    sbx_file_info info;
    memset(&info, 0, sizeof info);
    sbx_read_opts ro = SBX_READ_OPTS_INIT;
    ro.sheet = opts ? opts->sheet : NULL;
    rc = sbx__importer_begin(im, paths[i], &info);
    if (rc) break;
    rc = sbx__read_export(paths[i], opts ? opts->details : NULL, &ro, sbx__importer_row,
                          im, &info, ctx);
    sbx__importer_fail(im, rc);
    int end = sbx__importer_end(im);
    if (rc == 0) rc = end;
  }
  if (rc == 0) {
    sbx__importer_finish(im, out, log);
    warn_units(*out, *log, s, org, ctx);
  }
  sbx__importer_free(im);
  if (rc == 0 && npaths && no_responses(*out, ctx)) {
    sbx_responses_free(*out);
    sbx_import_log_free(*log);
    *out = NULL;
    *log = NULL;
    rc = SBX_EDATA;
  }
  return rc;
}

int sbx_responses_write_csv(FILE *f, const sbx_responses *r, const sbx_survey *s,
                            const sbx_org *org, sbx_ctx *ctx) {
  return sbx__responses_write_csv(f, r, s, org, ctx);
}

int sbx_import_log_write_json(FILE *f, const sbx_import_log *log, sbx_ctx *ctx) {
  return sbx__import_log_write_json(f, log, ctx);
}

/* sbx_inspect: what an export is, without a survey: the reader's findings (format,
 * encoding, delimiter), the dialect from the first rows, the header rows, the number
 * of response records (non-empty rows after the header) and each column's role. */
#include <sixbox/import.h>
#include "engine/import/dialect.h"
#include "reports/importlog/importlog.h"
#include "surveys/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct inspect_rd {
  sbx__hdr hdr;
  int blank[SBX_HDR_ROWS];
  size_t nonblank;               /* all non-empty rows, header rows included */
  int oom;
} inspect_rd;

static int inspect_row(void *ud, size_t row, uint32_t line, const char *const *cells,
                       size_t ncell) {
  inspect_rd *x = ud;
  (void)row;
  size_t i = 0;
  while (i < ncell && !cells[i][0]) i++;
  int blank = i == ncell;
  x->nonblank += !blank;
  size_t r = x->hdr.nrow;
  if (r >= SBX_HDR_ROWS) return 0;
  x->blank[r] = blank;
  char **copy = sbx__calloc(ncell ? ncell : 1, sizeof *copy);
  if (!copy) return x->oom = 1;
  x->hdr.cell[r] = copy;
  x->hdr.line[r] = line;
  x->hdr.nrow++;
  for (size_t k = 0; k < ncell; k++) {
    if (!(copy[k] = sbx__strdup(cells[k]))) return x->oom = 1;
    x->hdr.ncell[r] = k + 1;
  }
  return 0;
}

int sbx_inspection_new(sbx_inspection **out) {
  *out = sbx__calloc(1, sizeof **out);
  return *out ? 0 : SBX_ENOMEM;
}

static int describe(sbx_inspect_file *f, inspect_rd *x, const sbx_file_info *info,
                    const char *tool) {
  const sbx__dialect *d;
  sbx__hdr view;
  sbx__column *cols;
  size_t ncol;
  sbx__choose_dialect(&x->hdr, info, tool, &d, &view, &f->header_rows);
  if (!(f->tool = sbx__strdup(d->name))) return SBX_ENOMEM;
  size_t head = 0;
  for (size_t r = 0; r < f->header_rows && r < x->hdr.nrow; r++) head += !x->blank[r];
  f->responses = x->nonblank - head;
  int rc = sbx__describe_columns(d, &view, &cols, &ncol);
  if (rc) return rc;
  f->column = sbx__calloc(ncol ? ncol : 1, sizeof *f->column);
  for (size_t i = 0; f->column && i < ncol; i++) {
    f->column[i].name = cols[i].name; /* taken over */
    cols[i].name = NULL;
    f->column[i].role = (int)cols[i].role;
    f->ncolumn = i + 1;
  }
  sbx__columns_free(cols, ncol);
  return f->column ? 0 : SBX_ENOMEM;
}

static void file_free(sbx_inspect_file *f) {
  sbx__free(f->name);
  sbx__free(f->tool);
  for (size_t i = 0; i < f->ncolumn; i++) sbx__free(f->column[i].name);
  sbx__free(f->column);
}

/* Adds a copy of name as the next cell of header row 0. */
static int hdr_add(sbx__hdr *h, const char *name) {
  if (h->nrow == 0) h->nrow = 1;
  char **n = sbx__realloc(h->cell[0], (h->ncell[0] + 1) * sizeof *n);
  if (!n) return SBX_ENOMEM;
  h->cell[0] = n;
  if (!(n[h->ncell[0]] = sbx__strdup(name))) return SBX_ENOMEM;
  h->ncell[0]++;
  return 0;
}

/* The question ids of SurveyMonkey bulk responses (data[].pages[].questions[].id), as
 * columns "question <id>", first seen first. */
static int sm_questions(sbx__hdr *h, const json_t *data) {
  json_t *seen = json_object();
  size_t i, j, k;
  json_t *resp, *page, *q;
  int rc = seen ? 0 : SBX_ENOMEM;
  json_array_foreach(data, i, resp) {
    json_array_foreach(json_object_get(resp, "pages"), j, page) {
      json_array_foreach(json_object_get(page, "questions"), k, q) {
        const char *id = json_string_value(json_object_get(q, "id"));
        if (rc || !id || json_object_get(seen, id) || h->ncell[0] >= SBX_IMPORT_MAX_COLUMNS)
          continue;
        json_object_set_new(seen, id, json_true());
        char *name = sbx__asprintf("question %s", id);
        rc = name ? hdr_add(h, name) : SBX_ENOMEM;
        sbx__free(name);
      }
    }
  }
  json_decref(seen);
  return rc;
}

/* SurveyMonkey bulk responses without the survey details: they cannot be imported (the
 * questions and choices are ids), but inspect can still tell what they are. */
static int sm_without_details(inspect_rd *x, const char *path, sbx_ctx *ctx) {
  static const char *const meta[] = { "id", "collector_id", "survey_id",
    "response_status", "date_created", "date_modified", "total_time", "ip_address" };
  char *text;
  size_t len;
  int rc = sbx__read_file(path, SBX_IMPORT_MAX_JSON, &text, &len, ctx);
  if (rc) return rc;
  json_error_t err;
  json_t *root = json_loadb(text, len, 0, &err);
  sbx__free(text);
  if (!root && json_error_code(&err) == json_error_out_of_memory)
    return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  json_t *data = json_object_get(root, "data");
  sbx__hdr_free(&x->hdr);
  for (size_t i = 0; rc == 0 && i < sizeof meta / sizeof meta[0]; i++)
    rc = hdr_add(&x->hdr, meta[i]);
  if (rc == 0) rc = sm_questions(&x->hdr, data);
  x->nonblank = 1 + json_array_size(data);
  x->blank[0] = 0;
  if (rc == 0)
    sbx__warning(ctx, SBX_EUSAGE, path, 0, NULL,
                 "SurveyMonkey responses (%zu) without the survey details: they name "
                 "questions and choices by id only, so they cannot be imported as they are. "
                 "To import them, give the details (GET /v3/surveys/{id}/details) with "
                 "--details FILE, or download with 'sixbox fetch --api surveymonkey', which "
                 "stores the details in the same file", json_array_size(data));
  json_decref(root);
  return rc ? sbx__error(ctx, rc, path, 0, NULL, "out of memory") : 0;
}

/* Reads the export into x; a reader's complaint that SurveyMonkey responses need their
 * details becomes a description of what is there. */
static int inspect_read(inspect_rd *x, const char *path, const sbx_import_opts *opts,
                        sbx_file_info *info, sbx_ctx *ctx) {
  sbx_read_opts ro = SBX_READ_OPTS_INIT;
  ro.sheet = opts ? opts->sheet : NULL;
  const char *details = opts ? opts->details : NULL;
  sbx_ctx *rctx = sbx_ctx_new();
  if (!rctx) return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  int rc = sbx__read_export(path, details, &ro, inspect_row, x, info, rctx);
  if (rc == SBX_EUSAGE && !details && strcmp(info->json_kind, "surveymonkey") == 0) {
    sbx_ctx_free(rctx);
    return sm_without_details(x, path, ctx);
  }
  for (size_t i = 0; i < sbx_ctx_count(rctx); i++) { /* pass the reader's records on */
    const sbx_error *e = sbx_ctx_get(rctx, i);
    if (e->severity == SBX_SEV_ERROR)
      sbx__error(ctx, e->code, e->source, e->line, e->item, "%s", e->message);
    else
      sbx__warning(ctx, e->code, e->source, e->line, e->item, "%s", e->message);
  }
  sbx_ctx_free(rctx);
  return rc;
}

int sbx_inspect(sbx_inspection *insp, const char *path, const sbx_import_opts *opts,
                sbx_ctx *ctx) {
  if (sbx__opts_check(opts, SBX_IMPORT_OPTS_VERSION, "sbx_import_opts", ctx))
    return SBX_EUSAGE;
  const char *tool = opts ? opts->tool : NULL;
  char tools[SBX__TOOL_LIST_MAX];
  if (tool && !sbx__dialect_by_name(tool))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, tool, "unknown tool '%s'; use one of: %s",
                      tool, sbx__tool_list(tools, sizeof tools, 0, NULL));
  inspect_rd x;
  memset(&x, 0, sizeof x);
  sbx_file_info info;
  memset(&info, 0, sizeof info);
  int rc = inspect_read(&x, path, opts, &info, ctx);
  if (rc == 0 && x.oom) rc = sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  if (rc == 0 && x.hdr.nrow == 0)
    rc = sbx__error(ctx, SBX_EDATA, path, 0, NULL,
                    "the export is empty: no header row; export the responses again "
                    "with column headings");
  sbx_inspect_file f;
  memset(&f, 0, sizeof f);
  if (rc == 0) {
    memcpy(f.format, info.format, sizeof f.format);
    memcpy(f.encoding, info.encoding, sizeof f.encoding);
    f.format[sizeof f.format - 1] = f.encoding[sizeof f.encoding - 1] = '\0';
    f.delimiter = info.delimiter;
    f.name = sbx__strdup(path);
    rc = f.name ? describe(&f, &x, &info, tool) : SBX_ENOMEM;
    sbx_inspect_file *n = rc ? NULL : sbx__realloc(insp->file, (insp->nfile + 1) * sizeof *n);
    if (n) {
      insp->file = n;
      n[insp->nfile++] = f;
    } else {
      file_free(&f);
      if (rc == 0 || rc == SBX_ENOMEM)
        rc = sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
    }
  }
  sbx__hdr_free(&x.hdr);
  return rc;
}

int sbx_inspection_write_json(FILE *f, const sbx_inspection *insp, sbx_ctx *ctx) {
  return sbx__inspection_write_json(f, insp, ctx);
}

int sbx_inspection_write_text(FILE *f, const sbx_inspection *insp, const char *lang,
                              sbx_ctx *ctx) {
  return sbx__inspection_write_text(f, insp, lang, ctx);
}

void sbx_inspection_free(sbx_inspection *insp) {
  if (!insp) return;
  for (size_t i = 0; i < insp->nfile; i++) file_free(&insp->file[i]);
  sbx__free(insp->file);
  sbx__free(insp);
}

/* results.csv: the figures of results.json in tidy long form, one row per unit ×
 * scale, with a header row; RFC 4180 (CRLF row ends, quoting) and formula-safe text
 * cells (reports/sixbox/csvout.h). A suppressed cell has empty figures. */
#include "reports/tables/tables.h"
#include "surveys/util.h"

#include <math.h>

#include <sixbox/csvout.h>

static const char *const header[] = {
  "unit", "unit_name", "parent", "scale", "scale_kind", "suppressed", "reason", "n", "mean",
  "sd", "median", "ci_lo", "ci_hi", "favourable", "favourable_lo", "favourable_hi",
  "rwg_j", "status", "rest_mean", "diff", "p_adjusted", "hedges_g", "baseline_mean",
  "change", "change_lo", "change_hi", "headcount", "response_rate", "response_rate_flag",
  "status_clause", "unfavourable", "unfavourable_lo", "unfavourable_hi"
};
#define NCOL (sizeof header / sizeof header[0])

static void sep_num(FILE *f, double v) {
  fputc(',', f);
  sbx_csv_number(f, v);
}

static void write_figures(FILE *f, const sbx_cell *c) {
  fprintf(f, ",%zu", c->n);
  const double a[] = { c->mean, c->sd, c->median, c->ci_lo, c->ci_hi, c->fav, c->fav_lo,
                       c->fav_hi, c->rwg_j };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) sep_num(f, a[i]);
  fputc(',', f);
  const char *st = sbx__status_id(c->status);
  if (st) sbx_csv_cell(f, st);
  const double b[] = { c->rest_mean, c->diff, c->p_adj, c->g };
  for (size_t i = 0; i < sizeof b / sizeof b[0]; i++) sep_num(f, b[i]);
  if (c->has_change) {
    const double d[] = { c->base_mean, c->change, c->change_lo, c->change_hi };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) sep_num(f, d[i]);
  } else {
    fputs(",,,,", f);
  }
}

/* The clause that decided the status, and the unfavourable share. */
static void write_verdict(FILE *f, const sbx_cell *c) {
  fputc(',', f);
  const char *cl = sbx__status_clause_id(c->clause);
  if (cl) sbx_csv_cell(f, cl);
  const double e[] = { c->unfav, c->unfav_lo, c->unfav_hi };
  for (size_t i = 0; i < sizeof e / sizeof e[0]; i++) sep_num(f, e[i]);
}

/* The unit's headcount and response rate (a visible unit's; see json.c). */
static void write_rate(FILE *f, const sbx_unit_result *ur) {
  fputc(',', f);
  if (ur->headcount >= 0) fprintf(f, "%ld", ur->headcount);
  int shown = ur->rate_flag == SBX_RATE_OK || ur->rate_flag == SBX_RATE_LOW;
  sep_num(f, shown ? ur->rate : NAN);
  fputc(',', f);
  const char *flag = sbx__rate_flag_id(ur->rate_flag);
  if (flag) sbx_csv_cell(f, flag);
}

static void write_row(FILE *f, const sbx_results *res, size_t u, size_t s, const char *lang) {
  size_t parent = sbx__unit_parent(res, u);
  sbx_csv_cell(f, sbx__unit_id(res, u));
  fputc(',', f);
  sbx_csv_cell(f, sbx__unit_name(res, u, lang));
  fputc(',', f);
  if (parent != SBX_NONE) sbx_csv_cell(f, sbx__unit_id(res, parent));
  fputc(',', f);
  sbx_csv_cell(f, res->survey->scale[s].id);
  fputs(res->survey->scale[s].kind == SBX_SCALE_BOX ? ",box" : ",extra", f);
  if (sbx__cell_visible(res, u, s)) {
    fputs(",false,", f);
    write_figures(f, &res->unit[u].cell[s]);
    write_rate(f, &res->unit[u]);
    write_verdict(f, &res->unit[u].cell[s]);
  } else {
    fputs(",true,", f);
    sbx_csv_cell(f, SBX__HIDDEN_REASON);
    for (size_t i = 7; i < NCOL; i++) fputc(',', f);
  }
  fputs("\r\n", f);
}

int sbx_report_write_csv(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                         sbx_ctx *ctx) {
  if (!f || !res || !res->survey)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no results to write");
  if (sbx__opts_check(opts, SBX_REPORT_OPTS_VERSION, "sbx_report_opts", ctx))
    return SBX_EUSAGE;
  const char *lang = sbx__report_lang(res, opts);
  for (size_t i = 0; i < NCOL; i++) {
    if (i) fputc(',', f);
    sbx_csv_cell(f, header[i]);
  }
  fputs("\r\n", f);
  for (size_t u = 0; u < res->nunit; u++) {
    if (sbx__cancelled(opts)) return sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted");
    for (size_t s = 0; s < res->nscale; s++) write_row(f, res, u, s, lang);
  }
  if (ferror(f))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while writing the results as CSV");
  return 0;
}

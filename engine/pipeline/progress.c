/* sbx_progress(): `sixbox progress`. Loads and cross-checks the survey and the
 * organisation, imports the exports, counts the respondents per unit with the
 * report's suppression (analysis/stats/progress.c), then writes the page (whole or
 * not at all) and the terminal table (reports/html/progress.c). */
#include <sixbox/import.h>
#include <sixbox/output.h>
#include <sixbox/progress.h>
#include "analysis/results.h"
#include "reports/tables/tables.h"
#include "surveys/lang/lang.h"
#include "surveys/util.h"

#include <string.h>

int sbx_progress_opts_init(sbx_progress_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_PROGRESS_OPTS_VERSION);
}

static int check_opts(const sbx_progress_opts *o, sbx_ctx *ctx) {
  int rc = sbx__opts_check(o, SBX_PROGRESS_OPTS_VERSION, "sbx_progress_opts", ctx);
  if (rc) return rc;
  if (!o || !o->survey || !o->org)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "progress needs a survey and an organisation");
  if (o->nexports == 0 || !o->exports)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "progress needs at least one export");
  if (o->lang && !sbx__lang_exists(o->lang))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, o->lang,
                      "no catalogue has this language (sv, en, fi are built in; "
                      "docs/languages.md)");
  if (sbx__check_min_group(o->min_group, NULL, ctx)) return SBX_EUSAGE;
  if (!o->output) return 0;
  const char *in[2] = { o->survey, o->org };
  const char *out[1] = { o->output };
  rc = sbx_paths_check(in, 2, out, 1, ctx);
  if (!rc) rc = sbx_paths_check(o->exports, o->nexports, out, 1, ctx);
  return rc;
}

static int cancelled(const sbx_progress_opts *o, sbx_ctx *ctx) {
  if (o->cancel && *o->cancel)
    return sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted; nothing was written");
  return 0;
}

static int write_page(const sbx_progress_opts *o, const sbx_results *res,
                      const sbx_report_opts *ro, sbx_ctx *ctx) {
  sbx_outfile *f = NULL;
  int rc = sbx_outfile_open(&f, o->output, ctx);
  if (rc) return rc;
  rc = sbx__report_write_progress_html(sbx_outfile_stream(f), res, ro, ctx);
  if (!rc) rc = cancelled(o, ctx);
  if (rc) sbx_outfile_abort(f);
  else rc = sbx_outfile_commit(f, ctx);
  return rc;
}

/* Has a unit more respondents than its headcount (an error of the organisation file)? */
static int over_headcount(const sbx_results *res) {
  for (size_t u = 0; res && u < res->nunit; u++)
    if (res->unit[u].rate_flag == SBX_RATE_OVER) return 1;
  return 0;
}

int sbx_progress(FILE *table, const sbx_progress_opts *o, sbx_ctx *ctx) {
  int rc = check_opts(o, ctx);
  if (rc) return rc;
  sbx_survey *s = NULL;
  sbx_org *org = NULL;
  sbx_responses *resp = NULL;
  sbx_import_log *log = NULL;
  sbx_results *res = NULL;
  rc = sbx_survey_load(&s, o->survey, ctx);
  if (!rc) rc = sbx_org_load(&org, o->org, ctx);
  if (!rc) rc = sbx_org_check_survey(org, s, ctx);
  if (!rc) rc = sbx_import(&resp, &log, s, org, o->exports, o->nexports, NULL, ctx);
  if (!rc) rc = cancelled(o, ctx);
  if (!rc) rc = sbx__progress_results(&res, s, org, resp, o->min_group, ctx);
  sbx_report_opts ro = { .version = SBX_REPORT_OPTS_VERSION, .lang = o->lang,
                         .generated = o->generated, .cancel = o->cancel };
  if (!rc && o->output) rc = write_page(o, res, &ro, ctx);
  if (!rc && table) rc = sbx__report_write_progress_text(table, res, &ro, ctx);
  if (!rc && over_headcount(res)) rc = SBX_EDATA; /* written all the same (progress.h) */
  sbx_results_free(res);
  sbx_import_log_free(log);
  sbx_responses_free(resp);
  sbx_org_free(org);
  sbx_survey_free(s);
  return rc;
}

/* goals.csv: the red thread in tidy long form, one row per goal × evidence entry (a
 * goal without evidence gets one row with the evidence columns empty), so the goal
 * statuses can be recomputed by docs/statistics.md ("Goals at risk") from this file alone. n only
 * as a band (sbx__n_band); a hidden cell has "suppressed" true and no figure. */
#include "reports/tables/tables.h"
#include "surveys/util.h"

#include <sixbox/csvout.h>

static const char *const header[] = {
  "goal", "level", "parent", "goal_unit", "status", "rule", "risk", "via", "baseline_status",
  "unit", "scale", "critical", "weight", "evidence_rule", "suppressed", "n_band", "mean",
  "ci_lo", "ci_hi", "box_status", "reading", "indicator", "target", "direction",
  "indicator_status", "indicator_year", "indicator_value", "peers_value", "country_value"
};
#define NCOL (sizeof header / sizeof header[0])

static void cell(FILE *f, const char *s) {
  fputc(',', f);
  if (s) sbx_csv_cell(f, s);
}

static void num(FILE *f, double v) {
  fputc(',', f);
  sbx_csv_number(f, v);
}

static void goal_cols(FILE *f, const sbx_results *res, const sbx_goal_result *gr) {
  const sbx_org *o = res->org;
  const sbx_goal *g = &o->goal[gr->goal];
  sbx_csv_cell(f, g->id);
  cell(f, sbx__goal_level_id(g->level));
  cell(f, g->parent < o->ngoal ? o->goal[g->parent].id : NULL);
  cell(f, g->unit == SBX_NONE ? NULL : sbx__unit_id(res, g->unit));
  cell(f, sbx__goal_status_id(gr->status));
  cell(f, sbx__goal_rule_id(gr->rule));
  num(f, gr->risk);
  cell(f, gr->via < o->ngoal ? o->goal[gr->via].id : NULL);
  cell(f, gr->has_base ? sbx__goal_status_id(gr->base_status) : NULL);
}

static void evidence_cols(FILE *f, const sbx_results *res, const sbx_evidence *x) {
  cell(f, sbx__unit_id(res, x->unit));
  cell(f, res->survey->scale[x->scale].id);
  cell(f, x->critical ? "true" : "false");
  num(f, x->weight);
  cell(f, sbx__goal_rule_id(x->rule));
  int vis = sbx__cell_visible(res, x->unit, x->scale);
  cell(f, vis ? "false" : "true");
  const char *st = sbx__status_id(x->status);
  if (!vis || !st) {
    fputs(",,,,,", f);
    return;
  }
  cell(f, sbx__n_band(x->n));
  num(f, x->mean);
  num(f, x->ci_lo);
  num(f, x->ci_hi);
  cell(f, st);
}

int sbx__report_write_goals_csv(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                sbx_ctx *ctx) {
  if (!f || !res || !res->survey)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no results to write");
  for (size_t i = 0; i < NCOL; i++) {
    if (i) fputc(',', f);
    sbx_csv_cell(f, header[i]);
  }
  fputs("\r\n", f);
  for (size_t i = 0; res->org && i < res->ngoal; i++) {
    if (sbx__cancelled(opts)) return sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted");
    const sbx_goal_result *gr = &res->goal[i];
    if (gr->goal >= res->org->ngoal) continue;
    size_t nind = res->gind && res->gind[i].nind ? res->gind[i].nind : 1;
    for (size_t e = 0; e < (gr->nev ? gr->nev : 1); e++)
      for (size_t k = 0; k < nind; k++) { /* one row per evidence entry × indicator */
        goal_cols(f, res, gr);
        if (gr->nev && gr->ev[e].scale < res->nscale) evidence_cols(f, res, &gr->ev[e]);
        else fputs(",,,,,,,,,,,", f);
        sbx__goal_ind_csv(f, res, i, k);
        fputs("\r\n", f);
      }
  }
  if (ferror(f))
    return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while writing goals.csv");
  return 0;
}

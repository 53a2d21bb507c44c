/* Helpers shared by the results writers: enum ids, the report language, the
 * visibility rule (a suppressed unit or cell shows nothing), unit names. */
#include "reports/tables/tables.h"
#include "surveys/lang/lang.h"
#include "surveys/util.h"

#include <string.h>

/* One id for both reasons (docs/confidentiality.md, "One reason for every hidden
 * group"): "fewer than k" for some hidden groups and "hidden to protect another" for
 * the rest would say the latter have k or more, and beside a public headcount of k that
 * is the exact count, from which subtraction gives the small group's. */
const char *sbx__supp_reason_id(sbx_supp_reason r) {
  return r == SBX_SUPP_NONE ? NULL : SBX__HIDDEN_REASON;
}

const char *sbx__goal_rule_id(sbx_goal_rule r) {
  switch (r) {
  case SBX_RULE_CRITICAL_WEAK: return "critical-weak";
  case SBX_RULE_CRITICAL_WATCH: return "critical-watch";
  case SBX_RULE_LEADERSHIP: return "leadership";
  case SBX_RULE_ALL_OK: return "all-ok";
  case SBX_RULE_ROLLUP: return "rollup";
  case SBX_RULE_NO_FIGURES: return "no-figures";
  default: return NULL;
  }
}

const char *sbx__report_lang(const sbx_results *res, const sbx_report_opts *opts) {
  if (opts && opts->lang && *opts->lang) return opts->lang;
  if (res->survey && res->survey->nlang > 0) return res->survey->lang[0];
  return SBX_LANG_FALLBACK;
}

int sbx__unit_visible(const sbx_results *res, size_t unit) {
  return unit < res->nunit && !res->unit[unit].suppressed;
}

int sbx__cell_visible(const sbx_results *res, size_t unit, size_t scale) {
  return sbx__unit_visible(res, unit) && scale < res->nscale &&
         !res->unit[unit].cell[scale].suppressed;
}

const char *sbx__unit_id(const sbx_results *res, size_t unit) {
  if (res->org && unit < res->org->nunit) return res->org->unit[unit].id;
  return "all";
}

const char *sbx__unit_name(const sbx_results *res, size_t unit, const char *lang) {
  if (res->org && unit < res->org->nunit) {
    const char *n = sbx__text_get(&res->org->unit[unit].name, lang);
    return *n ? n : res->org->unit[unit].id;
  }
  return "all";
}

size_t sbx__unit_parent(const sbx_results *res, size_t unit) {
  if (res->org && unit < res->org->nunit) return res->org->unit[unit].parent;
  return SBX_NONE;
}

int sbx_report_opts_init(sbx_report_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_REPORT_OPTS_VERSION);
}

int sbx__cancelled(const sbx_report_opts *opts) {
  return opts && opts->cancel && *opts->cancel;
}

const char *sbx__n_band(size_t n) {
  static const struct { size_t lo; const char *band; } bands[] = {
    { 100, "100+" }, { 50, "50-99" }, { 20, "20-49" }, { 10, "10-19" }, { 5, "5-9" },
    { 1, "1-4" } };
  for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
    if (n >= bands[i].lo) return bands[i].band;
  return NULL;
}

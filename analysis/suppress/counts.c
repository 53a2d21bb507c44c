/* Counts of rows and respondents that could give a hidden group's size away (docs/confidentiality.md,
 * sections 1 and 7): the whole organisation's counts when it is below k, and
 * the counts per source (export file) when any source brought people of a hidden group,
 * as when each enhet answered through its own link or file. Only the decision is taken
 * here; the writers print what res->counts_shown and res->sources_shown allow. */
#include "analysis/suppress/suppress.h"

/* Is the respondent of this row in a hidden group? A hidden unit, or no known unit
 * while the people of unknown unit are fewer than k (then shown as "fewer than k"). */
static int in_hidden_group(const sbx_results *res, uint32_t unit) {
  if (unit == SBX_NO_UNIT) return res->unknown_unit < (size_t)res->opts.min_group;
  return (size_t)unit < res->nunit && res->unit[unit].suppressed;
}

void sbx__protect_counts(sbx_results *res) {
  const sbx_responses *r = res->resp;
  res->counts_shown = res->nunit > 0 && !res->unit[0].suppressed;
  /* One source: its counts are the totals. Several: shown only when none of them
   * brought anyone of a hidden group (then a source's count is a sum of shown units'
   * people and of people of unknown unit, at least k of them). */
  res->sources_shown = res->counts_shown;
  if (!r || r->nsrc < 2 || !res->counts_shown) return;
  for (size_t row = 0; row < r->n && res->sources_shown; row++)
    if (in_hidden_group(res, r->unit[row])) res->sources_shown = 0;
}

/* The Microsoft Forms export: an XLSX workbook with one sheet whose header row is ID,
 * Start time, Completion time, Email, Name and then one column per question (a Likert
 * statement's column is titled by the statement alone; a repeated title gets a numeric
 * suffix, as Forms does); times are Excel date-time serials. The workbook writer is
 * surveys/questionnaire/xlsx.c (deterministic bytes). */
#include "engine/simulate/sim.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/questionnaire/xlsx.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

/* The header titles; a title seen before gets "2", "3", ... appended. */
static char **titles(const sbx_survey *s, const char *lang, const sbx__lang *msgs, size_t *n) {
  static const char *const fixed[] = { "ID", "Start time", "Completion time", "Email",
                                       "Name" };
  size_t cap = 6 + s->nitem + s->nfree_text, k = 0;
  char **t = sbx__calloc(cap, sizeof *t);
  if (!t) return NULL;
  for (size_t i = 0; i < 5; i++) t[k++] = sbx__strdup(fixed[i]);
  t[k++] = sbx__strdup(sbx__qn_unit_text(s, lang, msgs));
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t i = 0; i < s->scale[sc].nitem; i++)
      t[k++] = sbx__strdup(sbx__text_get(&s->item[s->scale[sc].item[i]].text, lang));
  for (size_t q = 0; q < s->nfree_text; q++)
    t[k++] = sbx__strdup(sbx__text_get(&s->free_text[q].text, lang));
  for (size_t i = 0; i < k; i++) {
    char *base = t[i];
    for (int suffix = 2; base; suffix++) {
      size_t j = 0;
      while (j < i && !(t[j] && strcmp(t[j], t[i]) == 0)) j++;
      if (j == i) break;
      if (t[i] != base) sbx__free(t[i]);
      t[i] = sbx__asprintf("%s%d", base, suffix);
      if (!t[i]) break;
    }
    if (t[i] != base) sbx__free(base);
  }
  *n = k;
  return t;
}

static void free_titles(char **t, size_t n) {
  for (size_t i = 0; t && i < n; i++) sbx__free(t[i]);
  sbx__free(t);
}

static void sheet_row(sbx__xlsxw *x, const sbx_simulation *sim, size_t i, const char *lang) {
  const sbx_survey *s = sim->s;
  char buf[32];
  sbx__xlsxw_row(x);
  sbx__xlsxw_num(x, (double)(i + 1));
  sbx__xlsxw_date(x, sbx__sim_time_excel(sim->start[i]));
  sbx__xlsxw_date(x, sbx__sim_time_excel(sim->start[i] + sim->duration[i]));
  sbx__xlsxw_str(x, "anonymous");
  sbx__xlsxw_str(x, NULL); /* Name: empty for anonymous forms */
  uint32_t u = sim->r->unit[i];
  sbx__xlsxw_str(x, u == SBX_NO_UNIT ? "" : sbx__qn_unit_name(sim->org, u, lang));
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++)
      sbx__xlsxw_str(x, sbx__sim_answer_label(sim, i, s->scale[sc].item[k], lang, buf,
                                             sizeof buf));
  for (size_t q = 0; q < s->nfree_text; q++) sbx__xlsxw_str(x, sbx__sim_comment_of(sim, i, q));
}

static int workbook(FILE *f, const sbx_simulation *sim, const char *lang) {
  size_t nt = 0;
  char **t = titles(sim->s, lang, sim->msgs, &nt);
  int rc = t ? 0 : SBX_ENOMEM;
  for (size_t i = 0; rc == 0 && i < nt; i++)
    if (!t[i]) rc = SBX_ENOMEM;
  sbx__xlsxw *x = NULL;
  if (rc == 0) rc = sbx__xlsxw_new(&x);
  if (rc == 0) rc = sbx__xlsxw_sheet(x, "Sheet1");
  if (rc == 0) {
    sbx__xlsxw_row(x);
    for (size_t c = 0; c < nt; c++) sbx__xlsxw_str(x, t[c]);
    for (size_t i = 0; i < sim->r->n; i++) sheet_row(x, sim, i, lang);
    rc = sbx__xlsxw_write(x, f);
  }
  sbx__xlsxw_free(x);
  free_titles(t, nt);
  return rc;
}

int sbx__sim_write_msforms(FILE *f, const sbx_simulation *sim, const char *lang,
                           sbx_ctx *ctx) {
  int rc = workbook(f, sim, lang);
  if (rc) return sbx__error(ctx, rc, NULL, 0, "microsoft-forms",
                            rc == SBX_ENOMEM ? "out of memory" : "cannot write the XLSX");
  return 0;
}

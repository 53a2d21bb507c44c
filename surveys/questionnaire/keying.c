/* The keying template for paper answers: one header row that the importer maps by
 * itself (response_id, the unit question's id, the item ids in the questionnaire's
 * order, the free-text ids), as CSV, or as XLSX whose first sheet is that row and
 * whose second sheet lists what to type in each column: the printed form shows the
 * same codes (item codes beside the statements, unit ids beside the units). The keyer
 * writes the form number as response_id, so a form keyed twice is found as a
 * duplicate. */
#include "surveys/questionnaire/builders.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/questionnaire/xlsx.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

/* The header cells, in order; *n of them, borrowed from q (free the array only). */
static const char **columns(const sbx__qn *q, size_t *n) {
  const sbx_survey *s = q->s;
  const char **v = sbx__malloc((2 + s->nitem + s->nfree_text) * sizeof *v);
  if (!v) return NULL;
  *n = 0;
  v[(*n)++] = "response_id";
  v[(*n)++] = sbx__qn_unit_id(s);
  for (size_t j = 0; j < s->nitem; j++) v[(*n)++] = s->item[j].id;
  for (size_t k = 0; k < s->nfree_text; k++) v[(*n)++] = s->free_text[k].id;
  return v;
}

static int write_csv(FILE *f, const char *const *col, size_t n) {
  for (size_t i = 0; i < n; i++) { /* ids are XML NCNames: never quoted */
    fputs(i ? "," : "", f);
    fputs(col[i], f);
  }
  fputs("\r\n", f);
  return ferror(f) || fflush(f) ? SBX_EIO : 0;
}

/* "1–7; 99 = Vet ej" for an item's answer scale. */
static char *allowed(const sbx__qn *q, const sbx_answer_scale *a, const char *lang) {
  if (!a->has_dont_know) return sbx__asprintf("%d–%d", a->min, a->max);
  return sbx__asprintf("%d–%d; %s = %s", a->min, a->max, sbx__qn_dont_know_code(a),
                       sbx__qn_dk(q, a, lang));
}

static void code_row(sbx__xlsxw *x, const char *col, const char *meaning, const char *values) {
  sbx__xlsxw_row(x);
  sbx__xlsxw_str(x, col);
  sbx__xlsxw_str(x, meaning);
  sbx__xlsxw_str(x, values);
}

/* The second sheet: each column, what it is and what to type. */
static int codes_sheet(sbx__xlsxw *x, const sbx__qn *q, const char *lang) {
  const sbx_survey *s = q->s;
  sbx__xlsxw_sheet(x, sbx__qn_text(q, lang, "keying.codes"));
  code_row(x, sbx__qn_text(q, lang, "keying.column"), sbx__qn_text(q, lang, "keying.what"),
           sbx__qn_text(q, lang, "keying.type"));
  code_row(x, "response_id", sbx__qn_text(q, lang, "form_no"),
           sbx__qn_text(q, lang, "keying.form-number"));
  code_row(x, sbx__qn_unit_id(s), sbx__qn_unit_q(q, lang), NULL);
  for (size_t k = 0; k < q->nleaf; k++)
    code_row(x, NULL, sbx__qn_unit_name(q->org, q->leaf[k], lang), q->org->unit[q->leaf[k]].id);
  for (size_t j = 0; j < s->nitem; j++) {
    char *v = allowed(q, &s->answer_scale[s->item[j].answer_scale], lang);
    if (!v) return SBX_ENOMEM;
    code_row(x, s->item[j].id, sbx__text_get(&s->item[j].text, lang), v);
    sbx__free(v);
  }
  for (size_t k = 0; k < s->nfree_text; k++)
    code_row(x, s->free_text[k].id, sbx__text_get(&s->free_text[k].text, lang),
             sbx__qn_text(q, lang, "keying.as-written"));
  return 0;
}

int sbx__qn_keying(FILE *f, const sbx__qn *q, int xlsx, sbx_ctx *ctx) {
  (void)ctx;
  size_t n;
  const char **col = columns(q, &n);
  if (!col) return SBX_ENOMEM;
  if (!xlsx) {
    int rc = write_csv(f, col, n);
    sbx__free(col);
    return rc;
  }
  sbx__xlsxw *x = NULL;
  int rc = sbx__xlsxw_new(&x);
  if (rc == 0) rc = sbx__xlsxw_sheet(x, sbx__qn_text(q, q->lang, "keying.answers"));
  if (rc == 0) {
    sbx__xlsxw_row(x);
    for (size_t i = 0; i < n; i++) sbx__xlsxw_str(x, col[i]);
    rc = codes_sheet(x, q, q->lang);
  }
  if (rc == 0) rc = sbx__xlsxw_write(x, f);
  sbx__xlsxw_free(x);
  sbx__free(col);
  return rc;
}

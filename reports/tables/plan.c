/* handlingsplan.csv and handlingsplan.xlsx: the action plan as a form the units fill
 * in. One row per action (a weak critical box behind a goal at risk): wave, goal, unit,
 * box, a suggested first step (the box's first focus area), then empty columns for
 * ansvarig, klart senast, mål till nästa mätning and status. The next wave reads the
 * filled-in file back (engine/history/plan.c) by the same column table: the headers
 * are the report language's catalogue texts, and the reader takes those of every
 * language. CSV is RFC 4180 and formula-safe. */
#include "reports/tables/tables.h"
#include "surveys/lang/lang.h"
#include "surveys/questionnaire/xlsx.h"
#include "surveys/util.h"

#include <sixbox/csvout.h>
#include <string.h>

/* The headers are catalogue texts (planfile.col.<id>), so each language has its own.
 * Versions before 0.9 wrote the Swedish box columns as "Låd-id" and "Låda"; the reader
 * still takes them. */
const sbx__plan_col sbx__plan_cols[SBX_PLAN_NCOL] = {
  { "wave", "planfile.col.wave", NULL },
  { "goal", "planfile.col.goal", NULL },
  { "goal_title", "planfile.col.goal_title", NULL },
  { "unit", "planfile.col.unit", NULL },
  { "unit_name", "planfile.col.unit_name", NULL },
  { "box", "planfile.col.box", "Låd-id" },
  { "box_name", "planfile.col.box_name", "Låda" },
  { "step", "planfile.col.step", NULL },
  { "owner", "planfile.col.owner", NULL },
  { "deadline", "planfile.col.deadline", NULL },
  { "target", "planfile.col.target", NULL },
  { "status", "planfile.col.status", NULL },
};

/* The box's first focus area (the catalogue's focus-area.<box>.1), else "". */
static const char *first_step(const sbx_results *res, size_t scale, const sbx__lang *msgs) {
  sbx_box box = res->survey->scale[scale].box;
  char key[64];
  if (box == SBX_BOX_NONE) return "";
  snprintf(key, sizeof key, "focus-area.%s.1", sbx_box_id(box));
  return sbx__msg_has(msgs, key) ? sbx__msg(msgs, key) : "";
}

/* The text of each column for action i (the fill-in columns empty). */
static void row_texts(const sbx_results *res, size_t i, const sbx__lang *msgs, const char **v) {
  const char *lang = sbx__lang_code(msgs);
  const sbx_action *a = &res->action[i];
  /* An action may stand for a weak box behind no goal (goal SBX_NONE). */
  const sbx_goal *g = a->goal < res->org->ngoal ? &res->org->goal[a->goal] : NULL;
  const sbx_scale *sc = &res->survey->scale[a->scale];
  const sbx_trend *t = res->trend;
  memset(v, 0, SBX_PLAN_NCOL * sizeof *v);
  v[0] = t && t->cur.id ? t->cur.id : "";
  v[1] = g ? g->id : "";
  v[2] = g ? sbx__text_get(&g->title, lang) : "";
  v[3] = sbx__unit_id(res, a->unit);
  v[4] = sbx__unit_name(res, a->unit, lang);
  v[5] = sc->id;
  v[6] = sbx__text_get(&sc->name, lang);
  v[7] = first_step(res, a->scale, msgs);
}


int sbx__report_write_plan_csv(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                               sbx_ctx *ctx) {
  const char *lang = sbx__report_lang(res, opts);
  const char *v[SBX_PLAN_NCOL];
  sbx__lang *msgs = NULL;
  int rc = sbx__lang_load(&msgs, lang, ctx);
  if (rc) return rc;
  for (size_t c = 0; c < SBX_PLAN_NCOL; c++) {
    if (c) fputc(',', f);
    sbx_csv_cell(f, sbx__msg(msgs, sbx__plan_cols[c].key));
  }
  fputs("\r\n", f);
  for (size_t i = 0; res->org && i < res->naction; i++) {
    row_texts(res, i, msgs, v);
    for (size_t c = 0; c < SBX_PLAN_NCOL; c++) {
      if (c) fputc(',', f);
      if (v[c]) sbx_csv_cell(f, v[c]);
    }
    fputs("\r\n", f);
  }
  sbx__lang_free(msgs);
  if (ferror(f)) return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error in handlingsplan.csv");
  return 0;
}

/* The sheet's name as Excel takes it: at most 31 characters, none of []:*?/\ . */
static void sheet_name(char *out, size_t size, const char *name) {
  size_t n = 0, chars = 0;
  for (const char *p = name; *p && chars < 31; chars++) {
    size_t k = 1;
    while (((unsigned char)p[k] & 0xC0) == 0x80) k++;
    if (n + k >= size) break;
    for (size_t i = 0; i < k; i++) out[n++] = strchr("[]:*?/\\", p[i]) && k == 1 ? ' ' : p[i];
    p += k;
  }
  out[n] = 0;
}

int sbx__report_write_plan_xlsx(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                sbx_ctx *ctx) {
  const char *lang = sbx__report_lang(res, opts);
  const char *v[SBX_PLAN_NCOL];
  sbx__xlsxw *x = NULL;
  sbx__lang *msgs = NULL;
  int rc = sbx__lang_load(&msgs, lang, ctx);
  if (rc) return rc;
  char sheet[128];
  sheet_name(sheet, sizeof sheet, sbx__msg(msgs, "planfile.sheet"));
  if (sbx__xlsxw_new(&x) || sbx__xlsxw_sheet(x, sheet)) {
    sbx__xlsxw_free(x);
    sbx__lang_free(msgs);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  sbx__xlsxw_row(x);
  for (size_t c = 0; c < SBX_PLAN_NCOL; c++) sbx__xlsxw_str(x, sbx__msg(msgs, sbx__plan_cols[c].key));
  for (size_t i = 0; res->org && i < res->naction; i++) {
    row_texts(res, i, msgs, v);
    sbx__xlsxw_row(x);
    for (size_t c = 0; c < SBX_PLAN_NCOL; c++) sbx__xlsxw_str(x, v[c]);
  }
  rc = sbx__xlsxw_write(x, f);
  sbx__xlsxw_free(x);
  sbx__lang_free(msgs);
  if (rc) return sbx__error(ctx, rc, NULL, 0, NULL, "cannot write handlingsplan.xlsx");
  return 0;
}

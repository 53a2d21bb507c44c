/* The HME index (Hållbart medarbetarengagemang) exactly as Kolada defines it (KPI
 * U00200-U00203): per statement 0-100 over those who answered it, delindex = mean of
 * its three statements, totalindex = mean of the nine; unrounded. Per unit it is read
 * from the item details that suppression has left (so every hidden figure stays
 * hidden: no new figure is published, only a linear function of shown item means);
 * by gender only for the whole organisation, both genders or neither, with the rest
 * (other, unknown) 0 or at least k, so nothing is found by subtraction from the
 * total. docs/statistics.md ("HME") says what sixbox does where SKR's rules are unknown. */
#include "analysis/stats/stats.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sums of 25 × (answer − 1) (whole numbers, so the mean is one exact division). */
typedef struct hme_acc {
  size_t n[9];
  long long sum[9];
} hme_acc;

static void figures_from(sbx_hme_figures *f, const hme_acc *a) {
  f->shown = 0;
  for (int q = 0; q < 9; q++) {
    f->n[q] = a->n[q];
    f->stmt[q] = a->n[q] ? (double)a->sum[q] / (double)a->n[q] : NAN;
    f->shown |= a->n[q] > 0;
  }
  double all = 0;
  for (int p = 0; p < 3; p++) {
    double s = f->stmt[3 * p] + f->stmt[3 * p + 1] + f->stmt[3 * p + 2];
    f->part[p] = s / 3.0; /* NaN when a statement is */
    all += s;
  }
  f->total = all / 9.0;
}

static void figures_none(sbx_hme_figures *f) {
  hme_acc none;
  memset(&none, 0, sizeof none);
  figures_from(f, &none);
}

/* Position of item in its scale's item list. */
static size_t pos_in_scale(const sbx_survey *s, size_t item) {
  const sbx_scale *sc = &s->scale[s->item[item].scale];
  for (size_t j = 0; j < sc->nitem; j++)
    if (sc->item[j] == item) return j;
  return SBX_NONE;
}

/* One unit's statements from its shown cells: the answer counts per point. */
static void unit_figures(const sbx_results *res, size_t u, sbx_hme_figures *f) {
  const sbx_survey *s = res->survey;
  const sbx_unit_result *ur = &res->unit[u];
  hme_acc a;
  memset(&a, 0, sizeof a);
  for (int q = 0; q < 9 && !ur->suppressed; q++) {
    size_t item = s->hme_item[q + 1], sc = s->item[item].scale, j = pos_in_scale(s, item);
    const sbx_cell *c = &ur->cell[sc];
    if (c->suppressed || !c->item_n || !c->item_hist || j == SBX_NONE || !c->item_n[j]) continue;
    const sbx_answer_scale *as = &s->answer_scale[s->item[s->scale[sc].item[0]].answer_scale];
    for (size_t k = 0; k < as->npoint; k++) {
      size_t cnt = c->item_hist[j * as->npoint + k];
      a.n[q] += cnt;
      a.sum[q] += (long long)cnt * 25LL * (as->point[k].value - 1);
    }
  }
  figures_from(f, &a);
}

/* The whole organisation's answers by gender: 0 women, 1 men, 2 anyone else. */
static void gender_pass(const sbx_results *res, hme_acc acc[3], size_t resp[3]) {
  const sbx_survey *s = res->survey;
  const sbx_responses *r = res->resp;
  for (size_t i = 0; r && i < r->n; i++) {
    const int8_t *row = sbx__responses_row(r, i);
    int v = row[s->gender_item];
    int g = v == s->gender_k ? 0 : v == s->gender_m ? 1 : 2;
    resp[g]++;
    for (int q = 0; q < 9; q++) {
      int x = sbx__item_score(s, s->hme_item[q + 1], row[s->hme_item[q + 1]]);
      if (x == SBX_NO_SCORE) continue;
      acc[g].n[q]++;
      acc[g].sum[q] += 25LL * (x - 1);
    }
  }
}

/* Both genders pass k, and the rest is 0 or at least k: in respondents and on every
 * statement. Else neither is shown (one alone would give the other by subtraction). */
static int gender_ok(const sbx_results *res, const hme_acc acc[3], const size_t resp[3]) {
  size_t k = (size_t)res->opts.min_group;
  const sbx_hme_figures *root = &res->hme->unit[0];
  if (res->unit[0].suppressed || !root->shown) return 0;
  if (resp[0] < k || resp[1] < k || (resp[2] > 0 && resp[2] < k)) return 0;
  for (int q = 0; q < 9; q++) {
    if (root->n[q] != acc[0].n[q] + acc[1].n[q] + acc[2].n[q]) return 0; /* a hidden detail */
    if (acc[0].n[q] < k || acc[1].n[q] < k) return 0;
    if (acc[2].n[q] > 0 && acc[2].n[q] < k) return 0;
  }
  return 1;
}

static void by_gender(sbx_results *res) {
  sbx_hme_result *h = res->hme;
  figures_none(&h->women);
  figures_none(&h->men);
  if (!res->survey->has_gender) {
    h->gender = SBX_HME_GENDER_NO_QUESTION;
    return;
  }
  hme_acc acc[3];
  size_t resp[3] = { 0, 0, 0 };
  memset(acc, 0, sizeof acc);
  gender_pass(res, acc, resp);
  if (!gender_ok(res, acc, resp)) {
    h->gender = SBX_HME_GENDER_SMALL;
    return;
  }
  h->gender = SBX_HME_GENDER_SHOWN;
  figures_from(&h->women, &acc[0]);
  figures_from(&h->men, &acc[1]);
}

void sbx__hme_free(sbx_hme_result *h) {
  if (!h) return;
  sbx__free(h->unit);
  sbx__free(h);
}

int sbx__hme(sbx_results *res, sbx_ctx *ctx) {
  const sbx_survey *s = res->survey;
  if (!s || !s->has_hme || s->nscale != res->nscale) return 0;
  sbx_hme_result *h = sbx__calloc(1, sizeof *h);
  if (h) h->unit = sbx__calloc(res->nunit ? res->nunit : 1, sizeof *h->unit);
  if (!h || !h->unit) {
    sbx__hme_free(h);
    return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  res->hme = h;
  for (size_t u = 0; u < res->nunit; u++) unit_figures(res, u, &h->unit[u]);
  by_gender(res);
  return 0;
}

/* The HME figures in results.json ("hme") and the whole organisation's figures as a
 * Kolada file (kolada-hme.csv): the KPIs Kolada publishes HME under (U00200-U00203 by
 * T, K and M; U00300-U00308 per statement, T only), in the same tidy columns as
 * `sixbox fetch --api kolada` writes (kpi, municipality, period, gender, value,
 * status), unrounded. Hidden figures are absent, never written as a value. */
#include "reports/tables/tables.h"
#include "reports/tables/jsonutil.h"
#include "surveys/util.h"
#include <sixbox/csvout.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const sbx__hme_part_id[3] = { "motivation", "ledarskap", "styrning" };
/* Kolada's kommun-level KPIs: totalindex, then the delindex in the order above. */
const char *const sbx__hme_kpi_index[4] = { "U00200", "U00201", "U00202", "U00203" };

static json_t *figures_json(const sbx_hme_figures *f, int *bad) {
  json_t *o = json_object();
  sbx__jput(o, "total", sbx__jnum(f->total), bad);
  for (int p = 0; p < 3; p++) sbx__jput(o, sbx__hme_part_id[p], sbx__jnum(f->part[p]), bad);
  json_t *a = json_array();
  for (int q = 0; q < 9; q++) {
    json_t *s = json_object();
    sbx__jput(s, "statement", json_integer(q + 1), bad);
    sbx__jput(s, "index", sbx__jnum(f->stmt[q]), bad);
    sbx__jput(s, "n", json_integer((json_int_t)f->n[q]), bad);
    sbx__jappend(a, s, bad);
  }
  sbx__jput(o, "statements", a, bad);
  return o;
}

static const char *gender_status(sbx_hme_gender g) {
  return g == SBX_HME_GENDER_SHOWN ? "shown"
       : g == SBX_HME_GENDER_NO_QUESTION ? "no-gender-question" : "group-too-small";
}

static json_t *statements_json(const sbx_results *res, int *bad) {
  json_t *a = json_array();
  for (int q = 1; q <= 9; q++) {
    json_t *s = json_object();
    char kpi[8];
    snprintf(kpi, sizeof kpi, "U00%d", 299 + q);
    sbx__jput(s, "statement", json_integer(q), bad);
    sbx__jput(s, "item", json_string(res->survey->item[res->survey->hme_item[q]].id), bad);
    sbx__jput(s, "part", json_string(sbx__hme_part_id[(q - 1) / 3]), bad);
    sbx__jput(s, "kolada_kpi", json_string(kpi), bad);
    sbx__jappend(a, s, bad);
  }
  return a;
}

json_t *sbx__hme_json(const sbx_results *res, int *bad) {
  const sbx_hme_result *h = res->hme;
  if (!h) return json_null();
  json_t *o = json_object();
  sbx__jput(o, "scale", json_string("0-100"), bad);
  sbx__jput(o, "statements", statements_json(res, bad), bad);
  json_t *units = json_array();
  for (size_t u = 0; u < res->nunit; u++) {
    json_t *x = json_object();
    sbx__jput(x, "unit", json_string(sbx__unit_id(res, u)), bad);
    if (!sbx__unit_visible(res, u) || !h->unit[u].shown) {
      sbx__jput(x, "suppressed", json_true(), bad);
    } else {
      sbx__jput(x, "suppressed", json_false(), bad);
      sbx__jput(x, "figures", figures_json(&h->unit[u], bad), bad);
    }
    sbx__jappend(units, x, bad);
  }
  sbx__jput(o, "units", units, bad);
  json_t *g = json_object();
  sbx__jput(g, "status", json_string(gender_status(h->gender)), bad);
  if (h->gender == SBX_HME_GENDER_SHOWN) {
    sbx__jput(g, "K", figures_json(&h->women, bad), bad);
    sbx__jput(g, "M", figures_json(&h->men, bad), bad);
  }
  sbx__jput(o, "by_gender", g, bad);
  return o;
}

static void kolada_row(FILE *f, const char *kpi, const char *mun, int year, char g, double v) {
  if (isnan(v)) return; /* no figure: no row (Kolada reads a missing row as no value) */
  sbx_csv_cell(f, kpi);
  fputc(',', f);
  sbx_csv_cell(f, mun);
  if (year) fprintf(f, ",%d,%c,", year, g);
  else fprintf(f, ",,%c,", g);
  fprintf(f, "%.10g,\r\n", v);
}

static void kolada_group(FILE *f, const sbx_hme_figures *x, const char *mun, int year, char g) {
  kolada_row(f, sbx__hme_kpi_index[0], mun, year, g, x->total);
  for (int p = 0; p < 3; p++) kolada_row(f, sbx__hme_kpi_index[p + 1], mun, year, g, x->part[p]);
}

int sbx__report_write_kolada_hme(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                 sbx_ctx *ctx) {
  if (!f || !res) return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "no results to write");
  if (sbx__cancelled(opts)) return sbx__error(ctx, SBX_EINTR, NULL, 0, NULL, "interrupted");
  fputs("kpi,municipality,period,gender,value,status\r\n", f);
  const sbx_hme_result *h = res->hme;
  const char *mun = res->org && res->org->kolada ? res->org->kolada : "";
  if (h && sbx__unit_visible(res, 0) && h->unit[0].shown) {
    kolada_group(f, &h->unit[0], mun, res->year, 'T');
    if (h->gender == SBX_HME_GENDER_SHOWN) {
      kolada_group(f, &h->women, mun, res->year, 'K');
      kolada_group(f, &h->men, mun, res->year, 'M');
    }
    for (int q = 0; q < 9; q++) {
      char kpi[8];
      snprintf(kpi, sizeof kpi, "U00%d", 300 + q);
      kolada_row(f, kpi, mun, res->year, 'T', h->unit[0].stmt[q]);
    }
  }
  if (ferror(f)) return sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error in kolada-hme.csv");
  return 0;
}

/* Goal indicators and the Kolada benchmark in the tables: results.json (each goal's
 * "reading" and "indicators", and the top-level "benchmark": the municipality's, the peer
 * group's and the country's HME per year) and goals.csv (the indicator columns). The
 * reading rule: docs/statistics.md ("Goal indicators"). */
#include "reports/tables/tables.h"
#include "reports/tables/jsonutil.h"

#include <math.h>
#include <sixbox/csvout.h>
#include <string.h>

const char *sbx__reading_id(sbx_reading r) {
  switch (r) {
  case SBX_READ_NO_VALUE: return "no-value";
  case SBX_READ_ORG_CAUSE: return "organisational-cause-likely";
  case SBX_READ_ELSEWHERE: return "look-elsewhere";
  case SBX_READ_RISK_AHEAD: return "risk-ahead";
  case SBX_READ_ON_COURSE: return "on-course";
  case SBX_READ_BOXES_UNKNOWN: return "boxes-unknown";
  default: return NULL;
  }
}

const char *sbx__ind_status_id(sbx_ind_status s) {
  return s == SBX_IND_MET ? "met" : s == SBX_IND_NOT_MET ? "not-met" : "no-value";
}

static json_t *year_json(int y) { return y ? json_integer(y) : json_null(); }

json_t *sbx__goal_ind_json(const sbx_results *res, size_t g, int *bad) {
  json_t *a = json_array();
  const sbx_goal_ind *gi = res->gind ? &res->gind[g] : NULL;
  const sbx_goal *goal = &res->org->goal[res->goal[g].goal];
  for (size_t i = 0; gi && i < gi->nind; i++) {
    const sbx_ind_result *r = &gi->ind[i];
    const sbx_indicator *x = &goal->indicator[r->indicator];
    json_t *o = json_object();
    sbx__jput(o, "kpi", json_string(x->kpi), bad);
    sbx__jput(o, "target", sbx__jnum(x->target), bad);
    sbx__jput(o, "direction", json_string(x->at_most ? "at-most" : "at-least"), bad);
    sbx__jput(o, "status", json_string(sbx__ind_status_id(r->status)), bad);
    sbx__jput(o, "year", year_json(r->year), bad);
    sbx__jput(o, "value", sbx__jnum(r->value), bad);
    sbx__jput(o, "peers", sbx__jnum(r->peers), bad);
    sbx__jput(o, "country", sbx__jnum(r->country), bad);
    sbx__jput(o, "from_year", year_json(r->from), bad);
    sbx__jput(o, "from_value", sbx__jnum(r->from_value), bad);
    sbx__jappend(a, o, bad);
  }
  return a;
}

json_t *sbx__goal_reading_json(const sbx_results *res, size_t g) {
  const char *r = res->gind ? sbx__reading_id(res->gind[g].reading) : NULL;
  return r ? json_string(r) : json_null();
}

/* The HME KPIs for the municipality, its peers and the country, every year the file has. */
static json_t *hme_years(const sbx_results *res, int *bad) {
  const sbx_benchmark *b = res->bench;
  const sbx_org *o = res->org;
  const char *me = o->kolada ? o->kolada : o->id;
  const char *country = o->kolada_country ? o->kolada_country : "0000";
  json_t *a = json_array();
  for (int k = 0; k < 4; k++)
    for (int y = 1990; y <= 2100; y++) {
      double v[3] = { sbx__bench_value(b, sbx__hme_kpi_index[k], me, y, 'T'),
                      sbx__bench_value(b, sbx__hme_kpi_index[k], o->kolada_peers, y, 'T'),
                      sbx__bench_value(b, sbx__hme_kpi_index[k], country, y, 'T') };
      if (isnan(v[0]) && isnan(v[1]) && isnan(v[2])) continue;
      json_t *x = json_object();
      sbx__jput(x, "kpi", json_string(sbx__hme_kpi_index[k]), bad);
      sbx__jput(x, "year", json_integer(y), bad);
      sbx__jput(x, "municipality", sbx__jnum(v[0]), bad);
      sbx__jput(x, "peers", sbx__jnum(v[1]), bad);
      sbx__jput(x, "country", sbx__jnum(v[2]), bad);
      sbx__jappend(a, x, bad);
    }
  return a;
}

json_t *sbx__benchmark_json(const sbx_results *res, int *bad) {
  if (!res->bench || !res->org) return json_null();
  const sbx_org *o = res->org;
  json_t *j = json_object();
  sbx__jput(j, "source", json_string(res->bench->source), bad);
  sbx__jput(j, "municipality", json_string(o->kolada ? o->kolada : o->id), bad);
  sbx__jput(j, "peers", o->kolada_peers ? json_string(o->kolada_peers) : json_null(), bad);
  sbx__jput(j, "country", json_string(o->kolada_country ? o->kolada_country : "0000"), bad);
  sbx__jput(j, "year", year_json(res->year), bad);
  sbx__jput(j, "hme", hme_years(res, bad), bad);
  return j;
}

static void cell(FILE *f, const char *s) {
  fputc(',', f);
  if (s) sbx_csv_cell(f, s);
}

static void num(FILE *f, double v) {
  fputc(',', f);
  sbx_csv_number(f, v);
}

void sbx__goal_ind_csv(FILE *f, const sbx_results *res, size_t g, size_t i) {
  const sbx_goal_ind *gi = res->gind ? &res->gind[g] : NULL;
  cell(f, gi ? sbx__reading_id(gi->reading) : NULL);
  if (!gi || i >= gi->nind) {
    fputs(",,,,,,,,", f);
    return;
  }
  const sbx_ind_result *r = &gi->ind[i];
  const sbx_indicator *x = &res->org->goal[res->goal[g].goal].indicator[r->indicator];
  cell(f, x->kpi);
  num(f, x->target);
  cell(f, x->at_most ? "at-most" : "at-least");
  cell(f, sbx__ind_status_id(r->status));
  if (r->year) fprintf(f, ",%d", r->year);
  else fputc(',', f);
  const double v[] = { r->value, r->peers, r->country };
  for (size_t k = 0; k < 3; k++) num(f, v[k]);
}

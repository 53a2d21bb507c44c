/* Goal indicators (analysis/goals/indicators.c) on hand-made cases: the four readings of
 * indicator and boxes together (off target + weak, off + fine, on + weak, on + fine),
 * no value, boxes without figures, at-most targets, the latest year, peers and country
 * for the same year, the earlier year, and a goal without indicators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/results.h"
#include "surveys/util.h"

static const char ORG[] =
  "<organisation id='t' kolada='1984' kolada-peers='G1' kolada-country='G2'>"
  "<languages>sv</languages><name lang='sv'>T</name>"
  "<unit id='k'><name lang='sv'>K</name></unit>"
  "<goal id='s' level='strategic'><title lang='sv'>s</title>"
  "<goal id='cause' level='operative' unit='k'><title lang='sv'>a</title>"
  "<indicator kpi='N15419' target='80' direction='at-least' year='2022' from='2018'/></goal>"
  "<goal id='elsewhere' level='operative' unit='k'><title lang='sv'>b</title>"
  "<indicator kpi='N15419' target='80' direction='at-least'/></goal>"
  "<goal id='ahead' level='operative' unit='k'><title lang='sv'>c</title>"
  "<indicator kpi='U21401' target='15' direction='at-most' year='2022'/></goal>"
  "<goal id='course' level='operative' unit='k'><title lang='sv'>d</title>"
  "<indicator kpi='U21401' target='15' direction='at-most' year='2022'/>"
  "<indicator kpi='LOCAL' target='5' direction='at-least' year='2021'/></goal>"
  "<goal id='novalue' level='operative' unit='k'><title lang='sv'>e</title>"
  "<indicator kpi='N15419' target='80' direction='at-least' year='2010'/></goal>"
  "<goal id='unknownboxes' level='operative' unit='k'><title lang='sv'>f</title>"
  "<indicator kpi='N15419' target='60' direction='at-least' year='2022'/></goal>"
  "<goal id='mixed' level='operative' unit='k'><title lang='sv'>g</title>"
  "<indicator kpi='U21401' target='15' direction='at-most' year='2022'/>"
  "<indicator kpi='N15419' target='80' direction='at-least' year='2022'/></goal>"
  "<goal id='none' level='operative' unit='k'><title lang='sv'>h</title></goal>"
  "</goal></organisation>";

static sbx_bench_row rows[] = {
  { "LOCAL", "1984", "", 2021, 'T', 6.0 },
  { "N15419", "1984", "", 2018, 'T', 74.1 },
  { "N15419", "1984", "", 2021, 'T', 72.0 },
  { "N15419", "1984", "", 2022, 'T', 71.3 },
  { "N15419", "1984", "", 2023, 'T', NAN }, /* an empty value is no value */
  { "N15419", "G1", "", 2022, 'T', 59.9 },
  { "N15419", "G2", "", 2022, 'T', 70.26 },
  { "U21401", "1984", "", 2022, 'T', 15.0 },
  { "U21401", "G1", "", 2022, 'T', 15.7 },
};

static const sbx_goal_status boxes[] = { SBX_GOAL_AT_RISK, SBX_GOAL_AT_RISK, SBX_GOAL_ON_TRACK, SBX_GOAL_WATCH,
                                         SBX_GOAL_ON_TRACK, SBX_GOAL_AT_RISK, SBX_GOAL_UNKNOWN,
                                         SBX_GOAL_ON_TRACK, SBX_GOAL_AT_RISK };

static void test_readings(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_org *org = NULL;
  assert_int_equal(sbx_org_load_memory(&org, ORG, sizeof ORG - 1, "t.xml", ctx), 0);
  assert_int_equal(org->ngoal, 9);
  sbx_benchmark b = { (char *)"b.csv", rows, sizeof rows / sizeof rows[0] };
  sbx_results res;
  memset(&res, 0, sizeof res);
  res.org = org;
  res.bench = &b;
  res.ngoal = org->ngoal;
  res.goal = calloc(res.ngoal, sizeof *res.goal);
  for (size_t g = 0; g < res.ngoal; g++) {
    res.goal[g].goal = g;
    res.goal[g].status = boxes[g];
  }
  assert_int_equal(sbx__indicators(&res, ctx), 0);
  const sbx_reading want[] = { SBX_READ_NONE, SBX_READ_ORG_CAUSE, SBX_READ_ELSEWHERE, SBX_READ_RISK_AHEAD,
                               SBX_READ_ON_COURSE, SBX_READ_NO_VALUE, SBX_READ_BOXES_UNKNOWN,
                               SBX_READ_ELSEWHERE, SBX_READ_NONE };
  for (size_t g = 0; g < res.ngoal; g++) assert_int_equal(res.gind[g].reading, want[g]);
  const sbx_ind_result *c = &res.gind[1].ind[0];
  assert_int_equal(c->status, SBX_IND_NOT_MET);
  assert_int_equal(c->year, 2022);
  assert_true(fabs(c->value - 71.3) < 1e-12 && fabs(c->peers - 59.9) < 1e-12);
  assert_true(fabs(c->country - 70.26) < 1e-12 && fabs(c->from_value - 74.1) < 1e-12);
  /* No year given: the latest with a value (2023 is empty). */
  assert_int_equal(res.gind[2].ind[0].year, 2022);
  /* at-most: 15 is on a target of at most 15; no country row: NaN. */
  assert_int_equal(res.gind[3].ind[0].status, SBX_IND_MET);
  assert_true(isnan(res.gind[3].ind[0].country));
  assert_int_equal(res.gind[4].ind[1].status, SBX_IND_MET);
  assert_int_equal(res.gind[5].ind[0].status, SBX_IND_NO_VALUE);
  assert_int_equal(res.gind[5].ind[0].year, 2010); /* the year asked, without a value */
  assert_int_equal(res.gind[8].nind, 0);
  /* With --year 2021 the latest value up to it is judged. */
  for (size_t g = 0; g < res.ngoal; g++) free(res.gind[g].ind);
  free(res.gind);
  res.gind = NULL;
  res.year = 2021;
  assert_int_equal(sbx__indicators(&res, ctx), 0);
  assert_int_equal(res.gind[2].ind[0].year, 2021);
  assert_true(fabs(res.gind[2].ind[0].value - 72.0) < 1e-12);
  for (size_t g = 0; g < res.ngoal; g++) free(res.gind[g].ind);
  free(res.gind);
  free(res.goal);
  sbx_org_free(org);
  sbx_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(test_readings) };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

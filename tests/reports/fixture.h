/* A small hand-made diagnosis for the writer tests: a survey with the six boxes and
 * one extra scale, an organisation of five units (one hidden for size, one with a
 * hostile name), goals, drivers and an action, with figures set by hand. */
#ifndef SBX_TEST_REPORT_FIXTURE_H
#define SBX_TEST_REPORT_FIXTURE_H

#include "analysis/results.h"

/* A value planted in the hidden unit's cells: no writer may ever print it. */
#define FIX_SECRET 6.54321
#define FIX_SECRET_TEXT "6.54321"
/* The hostile unit name: a formula and markup. */
#define FIX_HOSTILE "=HYPERLINK(\"http://x\")<script>alert(1)</script>&amp;"

typedef struct fixture {
  sbx_survey *survey;
  sbx_org *org;
  sbx_results *res;
  sbx_responses *resp;
} fixture;

void fixture_make(fixture *f);
void fixture_free(fixture *f);

#endif

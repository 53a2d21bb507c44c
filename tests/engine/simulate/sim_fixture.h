/* A small survey and organisation built in memory (independent of the XML loader),
 * for the simulate and questionnaire tests: two languages, a 1–7 scale with a "don't
 * know" option, six boxes of three items (one reverse keyed each), an extra scale,
 * a unit question, two free-text questions, and a kommun with two förvaltningar and
 * five leaf units (one with only four staff). Texts carry å, ä, ö and markup-like
 * characters so that escaping is exercised. */
#ifndef SBX_TEST_SIM_FIXTURE_H
#define SBX_TEST_SIM_FIXTURE_H

#include "surveys/model.h"

sbx_survey *fixture_survey(void);
sbx_org *fixture_org(void);

#endif

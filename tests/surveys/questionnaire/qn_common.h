/* Helpers of the questionnaire tests: load the shipped full survey and the example
 * organisation, render a questionnaire into memory, read files. */
#ifndef SBX_TEST_QN_COMMON_H
#define SBX_TEST_QN_COMMON_H

#include <stddef.h>
#include <sixbox/questionnaire.h>
#include <sixbox/survey.h>

#define FULL_SURVEY SBX_SOURCE_DIR "/surveys/definitions/sixbox-full.xml"
#define EXAMPLE_ORG SBX_SOURCE_DIR "/surveys/examples/exempelstad/org.xml"

typedef struct qn_fx { sbx_survey *s; sbx_org *o; } qn_fx;

int qn_setup(void **state);
int qn_teardown(void **state);
/* The questionnaire in memory (NUL-terminated); fails the test on error. */
char *qn_render(const sbx_survey *s, const sbx_org *o, sbx_qn_format fmt,
                const char *lang, size_t *len);
/* A whole file, NUL-terminated, or NULL when it cannot be read. */
char *qn_slurp(const char *path, size_t *len);

#endif

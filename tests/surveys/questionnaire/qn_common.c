/* Helpers of the questionnaire tests (see qn_common.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "qn_common.h"

int qn_setup(void **state) {
  qn_fx *f = calloc(1, sizeof *f);
  sbx_ctx *ctx = sbx_ctx_new();
  int rc = sbx_survey_load(&f->s, FULL_SURVEY, ctx);
  if (rc == 0) rc = sbx_org_load(&f->o, EXAMPLE_ORG, ctx);
  sbx_ctx_free(ctx);
  *state = f;
  return rc;
}

int qn_teardown(void **state) {
  qn_fx *f = *state;
  sbx_survey_free(f->s);
  sbx_org_free(f->o);
  free(f);
  return 0;
}

char *qn_render(const sbx_survey *s, const sbx_org *o, sbx_qn_format fmt,
                const char *lang, size_t *len) {
  char *buf = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&buf, &n);
  assert_non_null(m);
  sbx_questionnaire_opts opts = SBX_QUESTIONNAIRE_OPTS_INIT;
  opts.lang = lang;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx_questionnaire_write(m, s, o, fmt, &opts, ctx), 0);
  assert_int_equal(sbx_ctx_count(ctx), 0);
  sbx_ctx_free(ctx);
  fclose(m);
  if (len) *len = n;
  return buf;
}

char *qn_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n + 65536 + 1 > cap) {
      cap = (n + 65536 + 1) * 2;
      char *b = realloc(buf, cap);
      if (!b) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = b;
    }
    got = fread(buf + n, 1, 65536, f);
    n += got;
  } while (got > 0);
  fclose(f);
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

/* Languages as data (surveys/lang): the built-in catalogue loads in every language it
 * has, a $SIXBOX_DATA_DIR folder adds a language or replaces texts key by key, the one
 * fallback (language, English, key), and broken catalogue files fail with file and
 * line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sixbox/lang.h>
#include <sixbox/survey.h>
#include "surveys/lang/lang.h"
#include "surveys/model.h"

/* A folder with catalog/NAME.tsv holding text; returns the folder (static buffer). */
static const char *data_dir(const char *name, const char *text) {
  static char dir[256];
  snprintf(dir, sizeof dir, "%s/sbx-lang-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  assert_non_null(mkdtemp(dir));
  char path[512];
  snprintf(path, sizeof path, "%s/catalog", dir);
  assert_int_equal(mkdir(path, 0700), 0);
  snprintf(path, sizeof path, "%s/catalog/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return dir;
}

static void remove_dir(const char *dir, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/catalog/%s", dir, name);
  unlink(path);
  snprintf(path, sizeof path, "%s/catalog", dir);
  rmdir(path);
  rmdir(dir);
}

/* Every language a built-in file's header names loads without a problem, and the
 * shipped languages are there. */
static void test_builtin(void **state) {
  (void)state;
  size_t languages = 0;
  for (size_t i = 0; i < sbx__lang_builtin_count; i++) {
    const sbx__lang_file *b = &sbx__lang_builtin[i];
    char *text = strndup((const char *)b->data, b->len), *line = text, *next;
    for (; line && (line[0] == '#' || line[0] == '\n'); line = strchr(line, '\n') + 1) {
    }
    assert_non_null(line);
    next = strchr(line, '\n');
    if (next) *next = '\0';
    assert_true(strncmp(line, "key\t", 4) == 0);
    for (char *c = strtok(line + 4, "\t"); c; c = strtok(NULL, "\t")) {
      sbx_ctx *ctx = sbx_ctx_new();
      sbx__lang *l = NULL;
      if (sbx__lang_load(&l, c, ctx) != 0) fail_msg("%s: language %s does not load", b->name, c);
      assert_int_equal(sbx_ctx_errors(ctx), 0);
      sbx__lang_free(l);
      sbx_ctx_free(ctx);
      languages++;
    }
    free(text);
  }
  assert_true(languages > 2);
  assert_true(sbx_lang_available("sv"));
  assert_true(sbx_lang_available("en"));
  assert_true(sbx_lang_available("fi"));
  assert_false(sbx_lang_available("de"));
  assert_false(sbx_lang_available("SV"));
  assert_false(sbx_lang_available(NULL));
}

/* A folder adds a language: its own texts, English for what it lacks, the key for
 * what English lacks too. */
static void test_added_language(void **state) {
  (void)state;
  const char *dir = data_dir("qps.tsv", "# a pseudo-language\nkey\tqps\n"
                                        "report.title\t[Öŕgáñísátíóñál]\n"
                                        "sim.comment.good.1\t[one]\nsim.comment.good.2\t[two]\n");
  assert_false(sbx_lang_available("qps"));
  setenv("SIXBOX_DATA_DIR", dir, 1);
  assert_true(sbx_lang_available("qps"));
  sbx__lang *l = NULL;
  assert_int_equal(sbx__lang_load(&l, "qps", NULL), 0);
  assert_string_equal(sbx__lang_code(l), "qps");
  assert_string_equal(sbx__msg(l, "report.title"), "[Öŕgáñísátíóñál]");
  assert_string_equal(sbx__msg(l, "box.structure"), "Structure"); /* English */
  assert_null(sbx__msg_own(l, "box.structure"));
  assert_string_equal(sbx__msg(l, "no.such.key"), "no.such.key");
  assert_true(sbx__msg_has(l, "box.structure"));
  assert_false(sbx__msg_has(l, "no.such.key"));
  assert_int_equal(sbx__msg_count(l, "sim.comment.good."), 2);
  assert_true(sbx__msg_count(l, "sim.comment.bad.") > 2); /* English's list */
  sbx__lang_free(l);
  char *t = NULL;
  assert_int_equal(sbx_lang_text(&t, "qps", "supp.fewer", (const char *const[]){ "k", "5", NULL },
                                 NULL), 0);
  assert_string_equal(t, "fewer than 5");
  sbx_lang_text_free(t);
  unsetenv("SIXBOX_DATA_DIR");
  remove_dir(dir, "qps.tsv");
}

/* A folder replaces single texts of a built-in language; the rest stays. */
static void test_override(void **state) {
  (void)state;
  const char *dir = data_dir("local.tsv", "key\tsv\nbox.structure\tOrganisation\n");
  char env[600];
  snprintf(env, sizeof env, "/no/such/dir-is-skipped-only-when-empty::%s", dir);
  setenv("SIXBOX_DATA_DIR", env, 1);
  sbx__lang *l = NULL;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__lang_load(&l, "sv", ctx), SBX_ENOENT); /* a missing folder is named */
  assert_null(l);
  assert_non_null(strstr(sbx_ctx_get(ctx, 0)->source, "/no/such/dir"));
  sbx_ctx_free(ctx);
  setenv("SIXBOX_DATA_DIR", dir, 1);
  assert_int_equal(sbx__lang_load(&l, "sv", NULL), 0);
  assert_string_equal(sbx__msg(l, "box.structure"), "Organisation");
  assert_string_equal(sbx__msg(l, "box.rewards"), "Belöningssystem");
  sbx__lang_free(l);
  unsetenv("SIXBOX_DATA_DIR");
  remove_dir(dir, "local.tsv");
}

static void expect_broken(const char *text, int code, long line) {
  const char *dir = data_dir("bad.tsv", text);
  setenv("SIXBOX_DATA_DIR", dir, 1);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx__lang *l = (sbx__lang *)1;
  assert_int_equal(sbx__lang_load(&l, "qps", ctx), code);
  assert_null(l);
  assert_true(sbx_ctx_errors(ctx) >= 1);
  const sbx_error *e = sbx_ctx_get(ctx, 0);
  assert_non_null(strstr(e->source, "bad.tsv"));
  assert_int_equal(e->line, line);
  sbx_ctx_free(ctx);
  unsetenv("SIXBOX_DATA_DIR");
  remove_dir(dir, "bad.tsv");
}

static void test_broken_files(void **state) {
  (void)state;
  expect_broken("# no header\nreport.title\tx\n", SBX_EDATA, 2);
  expect_broken("key\tQPS\nreport.title\tx\n", SBX_EDATA, 1);
  expect_broken("key\tqps\tsv\n\nreport.title\tx\n", SBX_EDATA, 3);
  expect_broken("key\tqps\nReport.Title\tx\n", SBX_EDATA, 2);
  expect_broken("key\tqps\nreport.title\tx\treport.title\ty\n", SBX_EDATA, 2);
}

/* The focus areas of the action plan, in every shipped language: for each box its
 * question and four to six areas, numbered without gaps, in the language itself. */
static void test_focus_areas(void **state) {
  (void)state;
  static const char *const shipped[] = { "sv", "en", "fi" };
  for (size_t l = 0; l < sizeof shipped / sizeof shipped[0]; l++) {
    sbx__lang *lang = NULL;
    assert_int_equal(sbx__lang_load(&lang, shipped[l], NULL), 0);
    for (int b = 0; b < SBX_BOX_COUNT; b++) {
      char key[96];
      snprintf(key, sizeof key, "focus-question.%s", sbx_box_id((sbx_box)b));
      if (!sbx__msg_own(lang, key)) fail_msg("%s: no %s", shipped[l], key);
      snprintf(key, sizeof key, "focus-area.%s.", sbx_box_id((sbx_box)b));
      size_t n = sbx__msg_count(lang, key);
      if (n < 4 || n > 6) fail_msg("%s: %zu areas for %s (4-6)", shipped[l], n, key);
      for (size_t i = 1; i <= n; i++) {
        snprintf(key, sizeof key, "focus-area.%s.%zu", sbx_box_id((sbx_box)b), i);
        if (!sbx__msg_own(lang, key)) fail_msg("%s: %s is English only", shipped[l], key);
      }
      snprintf(key, sizeof key, "focus-area.%s.7", sbx_box_id((sbx_box)b));
      assert_null(sbx__msg_own(lang, key));
    }
    sbx__lang_free(lang);
  }
}

/* The goal levels' one table (surveys/model.c): each id names its level back, and each
 * shipped language has its own name for it under level.<id> (the report's goal tree). */
static void test_goal_levels(void **state) {
  (void)state;
  static const char *const shipped[] = { "sv", "en", "fi" };
  for (int v = SBX_GOAL_VISION; v <= SBX_GOAL_ACTIVITY; v++) {
    const char *id = sbx__goal_level_id((sbx_goal_level)v);
    assert_non_null(id);
    sbx_goal_level back = SBX_GOAL_ACTIVITY;
    assert_int_equal(sbx__goal_level_from_id(&back, id), 0);
    assert_int_equal(back, v);
    for (size_t l = 0; l < sizeof shipped / sizeof shipped[0]; l++) {
      sbx__lang *lang = NULL;
      assert_int_equal(sbx__lang_load(&lang, shipped[l], NULL), 0);
      char key[64];
      snprintf(key, sizeof key, "level.%s", id);
      if (!sbx__msg_own(lang, key)) fail_msg("%s: no %s", shipped[l], key);
      sbx__lang_free(lang);
    }
  }
  assert_null(sbx__goal_level_id((sbx_goal_level)(SBX_GOAL_ACTIVITY + 1)));
  sbx_goal_level keep = SBX_GOAL_OPERATIVE;
  assert_int_equal(sbx__goal_level_from_id(&keep, "mission"), SBX_EDATA);
  assert_int_equal(sbx__goal_level_from_id(&keep, NULL), SBX_EDATA);
  assert_int_equal(keep, SBX_GOAL_OPERATIVE);
}

static void test_duplicate_and_unknown(void **state) {
  (void)state;
  const char *dir = data_dir("dup.tsv", "key\tqps\nreport.title\tx\nreport.title\ty\n");
  setenv("SIXBOX_DATA_DIR", dir, 1);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx__lang *l = NULL;
  assert_int_equal(sbx__lang_load(&l, "qps", ctx), SBX_EDATA);
  assert_string_equal(sbx_ctx_get(ctx, 0)->item, "report.title");
  sbx_ctx_free(ctx);
  unsetenv("SIXBOX_DATA_DIR");
  remove_dir(dir, "dup.tsv");
  ctx = sbx_ctx_new();
  assert_int_equal(sbx__lang_load(&l, "xx", ctx), SBX_EUSAGE);
  assert_int_equal(sbx__lang_load(&l, "sv/x", ctx), SBX_EUSAGE); /* no path in a code */
  assert_int_equal(sbx__lang_load(&l, NULL, ctx), SBX_EUSAGE);
  assert_int_equal(sbx_ctx_errors(ctx), 3);
  sbx_ctx_free(ctx);
  assert_string_equal(sbx__msg(NULL, "report.title"), "report.title");
}

int main(void) {
  unsetenv("SIXBOX_DATA_DIR");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_builtin),
    cmocka_unit_test(test_added_language),
    cmocka_unit_test(test_override),
    cmocka_unit_test(test_broken_files),
    cmocka_unit_test(test_focus_areas),
    cmocka_unit_test(test_goal_levels),
    cmocka_unit_test(test_duplicate_and_unknown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

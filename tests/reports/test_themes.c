/* The comment-theme lexicons as run-time data (reports/themes/themes.h): the shipped
 * Swedish lexicon, a user's own file named by $SIXBOX_LEXICON (which replaces the
 * shipped one), a $SIXBOX_DATA_DIR folder's themes/lexicon-<lang>.tsv, and errors that
 * name the file and the line. The report's comments use the lexicon they are given. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sixbox/survey.h>

#include "reports/themes/themes.h"
#include "surveys/util.h"

#define BIT(b) (1u << (b))

static char dir[512];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "%s/themes-XXXXXX", SBX_BINARY_DIR);
  if (!mkdtemp(dir)) return -1;
  unsetenv("SIXBOX_LEXICON");
  unsetenv("SIXBOX_DATA_DIR");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  unsetenv("SIXBOX_LEXICON");
  unsetenv("SIXBOX_DATA_DIR");
  return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

/* The themes of text; the call must succeed. */
static unsigned themes(const sbx__lexicon *lex, const char *text) {
  unsigned set = 99;
  assert_int_equal(sbx__themes_of(&set, lex, text), 0);
  return set;
}

static void test_shipped_swedish(void **state) {
  (void)state;
  sbx__lexicon *lex = NULL;
  assert_int_equal(sbx__lexicon_load(&lex, "sv", NULL), 0);
  assert_true(sbx__themes_has(lex));
  assert_string_equal(sbx__lexicon_source(lex), "built-in reports/themes/lexicon-sv.tsv");
  /* "chef" begins "Chefen" (case folded); "mål" begins "Målen" (Å folded). */
  assert_true(themes(lex, "Chefen lyssnar inte") & BIT(SBX_BOX_LEADERSHIP));
  assert_true(themes(lex, "MÅLEN är oklara") & BIT(SBX_BOX_PURPOSES));
  /* Only at the start of a word. */
  assert_false(themes(lex, "ingenmål") & BIT(SBX_BOX_PURPOSES));
  sbx__lexicon_free(lex);
  /* A language without a lexicon: empty, no themes. */
  assert_int_equal(sbx__lexicon_load(&lex, "xx", NULL), 0);
  assert_false(sbx__themes_has(lex));
  assert_null(sbx__lexicon_source(lex));
  assert_int_equal(themes(lex, "chef mål"), 0);
  sbx__lexicon_free(lex);
}

/* The shipped Finnish lexicon: stems that cover the inflected forms (and both grades of
 * consonant gradation: palkka/palkan, johto/johdon, työnjako/työnjaon), the common
 * compounds, and no false friends (käytän "I use", tavoittaa "to reach", palauttaa
 * "to return"). The sentences are the Finnish simulated comments (fi.tsv). */
static void test_shipped_finnish(void **state) {
  (void)state;
  sbx__lexicon *lex = NULL;
  assert_int_equal(sbx__lexicon_load(&lex, "fi", NULL), 0);
  assert_true(sbx__themes_has(lex));
  assert_string_equal(sbx__lexicon_name(lex), "reports/themes/lexicon-fi.tsv");
  static const struct { const char *text; unsigned want; } cases[] = {
    { "Työyhteisössä on hyvä yhteishenki, autamme toisiamme kiireen keskellä.",
      BIT(SBX_BOX_RELATIONSHIPS) | BIT(SBX_BOX_STRUCTURE) },
    { "Esihenkilöni kuuntelee ja antaa palautetta, hänestä näkee, että hän välittää.",
      BIT(SBX_BOX_LEADERSHIP) },
    { "Tiedän, mitä minulta odotetaan ja miten työni liittyy tavoitteisiin.", BIT(SBX_BOX_PURPOSES) },
    { "Viihdyn työkavereiden kanssa ja pidän tehtävästäni.", BIT(SBX_BOX_RELATIONSHIPS) },
    { "Selkeät käytännöt auttavat uusia työntekijöitä pääsemään nopeasti työhön kiinni.",
      BIT(SBX_BOX_HELPFUL_MECHANISMS) },
    { "Liikaa kokouksia ja liian vähän aikaa varsinaiselle työlle.", BIT(SBX_BOX_STRUCTURE) },
    { "Emme tiedä, kuka päättää mistäkin, kaikki vie pitkään.", BIT(SBX_BOX_STRUCTURE) },
    { "Palkka ei vastaa vastuuta.", BIT(SBX_BOX_REWARDS) },
    { "Johtoa ei koskaan näy arjen työssä.", BIT(SBX_BOX_LEADERSHIP) },
    { "Tietojärjestelmät takkuavat joka viikko, eikä kukaan ota siitä vastuuta.",
      BIT(SBX_BOX_HELPFUL_MECHANISMS) },
    { "Tavoitteet tuntuvat kaukaisilta arjen työstä.", BIT(SBX_BOX_PURPOSES) },
    /* Inflection and gradation, capitals folded (Ä, Ö). */
    { "PALKAN pitäisi nousta", BIT(SBX_BOX_REWARDS) },
    { "Johdon päätöksistä ei kerrota", BIT(SBX_BOX_LEADERSHIP) | BIT(SBX_BOX_STRUCTURE) },
    { "Työnjaon epäselvyys", BIT(SBX_BOX_STRUCTURE) },
    { "Lähiesihenkilön tuki puuttuu", BIT(SBX_BOX_LEADERSHIP) },
    { "Arvostusta ei näy, ÄLÄ kysy", BIT(SBX_BOX_REWARDS) },
    { "Organisaatiomuutos sekoitti kaiken", BIT(SBX_BOX_STRUCTURE) },
    /* False friends: none of these is a theme. */
    { "Käytän aikaa asiakkaisiin, en tavoittanut ketään, palautan ensi viikolla.", 0 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (themes(lex, cases[i].text) != cases[i].want)
      fail_msg("'%s': themes %#x, wanted %#x", cases[i].text, themes(lex, cases[i].text), cases[i].want);
  sbx__lexicon_free(lex);
  /* Every shipped lexicon names itself by its file. */
  static const char *const langs[] = { "sv", "en", "fi" };
  for (size_t i = 0; i < 3; i++) {
    char want[64];
    snprintf(want, sizeof want, "reports/themes/lexicon-%s.tsv", langs[i]);
    assert_int_equal(sbx__lexicon_load(&lex, langs[i], NULL), 0);
    assert_string_equal(sbx__lexicon_name(lex), want);
    sbx__lexicon_free(lex);
  }
}

static void test_user_lexicon(void **state) {
  (void)state;
  char path[600];
  snprintf(path, sizeof path, "%s/mine.tsv", dir);
  write_file(path, "\xef\xbb\xbf# min ordlista\r\n\r\nleadership\tgurk\r\nrewards\t  lön  \n");
  setenv("SIXBOX_LEXICON", path, 1);
  sbx__lexicon *lex = NULL;
  assert_int_equal(sbx__lexicon_load(&lex, "sv", NULL), 0);
  assert_string_equal(sbx__lexicon_source(lex), path);
  assert_string_equal(sbx__lexicon_name(lex), "mine.tsv"); /* no folder in the report */
  assert_int_equal(themes(lex, "Gurkan är god och lönen låg"),
                   BIT(SBX_BOX_LEADERSHIP) | BIT(SBX_BOX_REWARDS));
  /* The user's file replaces the shipped one: "chef" is no keyword any more. */
  assert_int_equal(themes(lex, "Chefen lyssnar inte"), 0);
  sbx__lexicon_free(lex);
}

static void test_data_dir(void **state) {
  (void)state;
  char sub[600], path[700], env[1300];
  snprintf(sub, sizeof sub, "%s/data/themes", dir);
  snprintf(path, sizeof path, "%s/data", dir);
  assert_int_equal(mkdir(path, 0700), 0);
  assert_int_equal(mkdir(sub, 0700), 0);
  snprintf(path, sizeof path, "%s/lexicon-sv.tsv", sub);
  write_file(path, "structure\tschema\n");
  /* An empty entry and a folder without a lexicon come first: skipped. */
  snprintf(env, sizeof env, ":%s/none:%s/data", dir, dir);
  setenv("SIXBOX_DATA_DIR", env, 1);
  sbx__lexicon *lex = NULL;
  assert_int_equal(sbx__lexicon_load(&lex, "sv", NULL), 0);
  assert_string_equal(sbx__lexicon_source(lex), path);
  assert_int_equal(themes(lex, "Schemat ändras hela tiden, chefen också"), BIT(SBX_BOX_STRUCTURE));
  sbx__lexicon_free(lex);
  /* English has no file there: the shipped one. */
  assert_int_equal(sbx__lexicon_load(&lex, "en", NULL), 0);
  assert_string_equal(sbx__lexicon_source(lex), "built-in reports/themes/lexicon-en.tsv");
  sbx__lexicon_free(lex);
}

/* Loading path's text fails with code; the first record names path and line. */
static void expect_error(const char *text, int code, long line, const char *words) {
  char path[600];
  snprintf(path, sizeof path, "%s/bad.tsv", dir);
  write_file(path, text);
  setenv("SIXBOX_LEXICON", path, 1);
  sbx_ctx *ctx = sbx_ctx_new();
  assert_non_null(ctx);
  sbx__lexicon *lex = (sbx__lexicon *)&lex;
  assert_int_equal(sbx__lexicon_load(&lex, "sv", ctx), code);
  assert_null(lex);
  assert_true(sbx_ctx_errors(ctx) >= 1);
  const sbx_error *e = sbx_ctx_get(ctx, 0);
  assert_string_equal(e->source, path);
  assert_int_equal(e->line, line);
  if (!strstr(e->message, words)) fail_msg("'%s' lacks '%s'", e->message, words);
  sbx_ctx_free(ctx);
}

static void test_errors_name_file_and_line(void **state) {
  (void)state;
  expect_error("# ok\nleadership\tchef\nledning\tchef\n", SBX_EDATA, 3, "unknown box id 'ledning'");
  expect_error("leadership\tchef\n\nleadership chef\n", SBX_EDATA, 3, "no TAB");
  expect_error("rewards\t \n", SBX_EDATA, 1, "keyword is empty");
  expect_error("rewards\tlön\tbonus\n", SBX_EDATA, 1, "second TAB");
  expect_error("leadership\tchef\nrewards\tl\xf6n\n", SBX_EDATA, 2, "not UTF-8");
  /* A $SIXBOX_LEXICON that is not there is an error, not a quiet fallback. */
  char path[600];
  snprintf(path, sizeof path, "%s/missing.tsv", dir);
  setenv("SIXBOX_LEXICON", path, 1);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx__lexicon *lex = NULL;
  assert_int_not_equal(sbx__lexicon_load(&lex, "sv", ctx), 0);
  assert_null(lex);
  assert_string_equal(sbx_ctx_get(ctx, 0)->source, path);
  sbx_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_shipped_swedish, setup, teardown),
    cmocka_unit_test_setup_teardown(test_shipped_finnish, setup, teardown),
    cmocka_unit_test_setup_teardown(test_user_lexicon, setup, teardown),
    cmocka_unit_test_setup_teardown(test_data_dir, setup, teardown),
    cmocka_unit_test_setup_teardown(test_errors_name_file_and_line, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The report set written as one: all files appear together; a failing writer, a
 * cancel between files, or a folder in a target's place leave the earlier files as
 * they were and no temporary file; the caller is told of every temporary path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/pipeline/pipeline.h"

static volatile sig_atomic_t stop;
static int fail_on; /* 1-based index of the writer that fails, 0 = none */
static int calls, temps_open;

static int writer(FILE *f, void *ud, sbx_ctx *ctx) {
  (void)ctx;
  calls++;
  fprintf(f, "%s run %d\n", (const char *)ud, calls);
  if (calls == 2 && fail_on == -1) stop = 1; /* a signal arrives while writing */
  return calls == fail_on ? SBX_EIO : 0;
}

static void on_temp(void *ud, const char *path, int created) {
  (void)ud;
  assert_non_null(strstr(path, ".tmp."));
  temps_open += created ? 1 : -1;
}

static const sbx__output outs[] = { { "a.json", writer }, { "b.csv", writer },
                                    { "c.html", writer } };

static char *slurp(const char *dir, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  static char buf[256];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

static int count_temps(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) n += strstr(e->d_name, ".tmp.") != NULL;
  closedir(d);
  return n;
}

static int run(const char *dir, const char *tag) {
  sbx_diagnose_opts o = SBX_DIAGNOSE_OPTS_INIT;
  o.cancel = &stop;
  o.temp_file = on_temp;
  calls = 0;
  stop = 0;
  sbx_ctx *ctx = sbx_ctx_new();
  int rc = sbx__outputs_write(dir, outs, 3, (void *)tag, &o, ctx);
  sbx_ctx_free(ctx);
  assert_int_equal(temps_open, 0);
  assert_int_equal(count_temps(dir), 0);
  return rc;
}

static void test_all_or_nothing(void **state) {
  (void)state;
  char dir[] = "/tmp/sbx-outputs-XXXXXX";
  assert_non_null(mkdtemp(dir));
  fail_on = 0;
  assert_int_equal(run(dir, "old"), 0);
  assert_string_equal(slurp(dir, "a.json"), "old run 1\n");
  assert_string_equal(slurp(dir, "c.html"), "old run 3\n");
  /* The last writer fails: nothing of the new run may show. */
  fail_on = 3;
  assert_int_equal(run(dir, "new"), SBX_EIO);
  assert_string_equal(slurp(dir, "a.json"), "old run 1\n");
  assert_string_equal(slurp(dir, "b.csv"), "old run 2\n");
  /* A signal between files. */
  fail_on = -1;
  assert_int_equal(run(dir, "new"), SBX_EINTR);
  assert_string_equal(slurp(dir, "a.json"), "old run 1\n");
  /* A folder where the second file goes: refused before anything is written. */
  char sub[600];
  snprintf(sub, sizeof sub, "%s/b.csv", dir);
  unlink(sub);
  assert_int_equal(mkdir(sub, 0755), 0);
  fail_on = 0;
  assert_int_equal(run(dir, "new"), SBX_ECREATE);
  assert_string_equal(slurp(dir, "a.json"), "old run 1\n");
  rmdir(sub);
  assert_int_equal(run(dir, "new"), 0);
  assert_string_equal(slurp(dir, "b.csv"), "new run 2\n");
  const char *names[] = { "a.json", "b.csv", "c.html" };
  for (int i = 0; i < 3; i++) {
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    unlink(p);
  }
  assert_int_equal(rmdir(dir), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(test_all_or_nothing) };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

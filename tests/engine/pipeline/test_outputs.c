/* The report set written as one: all files appear together; a failing writer, a
 * cancel between files, or a folder in a target's place leave the earlier files as
 * they were and no temporary file; the caller is told of every temporary path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/pipeline/pipeline.h"

static sbx_cancel_flag stop;
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

static const sbx__output outs[] = { { "a.json", writer, NULL }, { "b.csv", writer, NULL },
                                    { "c.html", writer, NULL } };

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

static void remove_dir(const char *dir) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  char p[600];
  for (struct dirent *e; (e = readdir(d));) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    unlink(p);
  }
  closedir(d);
  assert_int_equal(rmdir(dir), 0);
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
  remove_dir(dir);
}

/* A signal that arrives while the set is being moved into place (here: raised from
 * the callback the renames call) is held back until every file is in place. */
static volatile sig_atomic_t seen_in_handler = -1;
static char handler_dir[64];
static int raise_on_commit;

static void on_usr1(int sig) {
  (void)sig;
  char path[128];
  int all = 1;
  for (int i = 0; i < 3; i++) {
    static const char *names[] = { "a.json", "b.csv", "c.html" };
    snprintf(path, sizeof path, "%s/%s", handler_dir, names[i]);
    /* open and read only: they are async-signal-safe, fopen is not (ThreadSanitizer). */
    int fd = open(path, O_RDONLY);
    char buf[8] = "";
    if (fd < 0 || read(fd, buf, 4) != 4 || strncmp(buf, "sig ", 4) != 0) all = 0;
    if (fd >= 0) close(fd);
  }
  seen_in_handler = all;
}

static void temp_raise(void *ud, const char *path, int created) {
  (void)ud;
  (void)path;
  if (!created && raise_on_commit) {
    raise_on_commit = 0;
    raise(SIGUSR1);
  }
}

static void test_signal_during_renames(void **state) {
  (void)state;
  char dir[] = "/tmp/sbx-outputs-XXXXXX";
  assert_non_null(mkdtemp(dir));
  snprintf(handler_dir, sizeof handler_dir, "%s", dir);
  fail_on = 0;
  assert_int_equal(run(dir, "old"), 0);
  signal(SIGUSR1, on_usr1);
  sbx_diagnose_opts o = SBX_DIAGNOSE_OPTS_INIT;
  o.temp_file = temp_raise;
  raise_on_commit = 1;
  calls = 0;
  sbx_ctx *ctx = sbx_ctx_new();
  assert_int_equal(sbx__outputs_write(dir, outs, 3, "sig", &o, ctx), 0);
  sbx_ctx_free(ctx);
  signal(SIGUSR1, SIG_DFL);
  assert_int_equal(seen_in_handler, 1); /* delivered, and only after all three moved */
  remove_dir(dir);
}

/* Two processes writing the same folder over and over: every set in the end, and every
 * set a reader sees under the folder's lock, comes from one run. */
static void slow_renames(void *ud, const char *path, int created) {
  (void)ud;
  (void)path;
  if (!created) usleep(3000); /* widens the window between two renames */
}

static void write_many(const char *dir, const char *tag, int times) {
  for (int k = 0; k < times; k++) {
    sbx_ctx *ctx = sbx_ctx_new();
    calls = 0;
    sbx_diagnose_opts o = SBX_DIAGNOSE_OPTS_INIT;
    o.temp_file = slow_renames;
    if (sbx__outputs_write(dir, outs, 3, (void *)tag, &o, ctx)) _exit(1);
    sbx_ctx_free(ctx);
  }
}

static int set_consistent(const char *dir) {
  char first[64];
  snprintf(first, sizeof first, "%s", slurp(dir, "a.json"));
  char *sp = strchr(first, ' ');
  if (!sp) return 0;
  *sp = '\0';
  const char *rest[] = { "b.csv", "c.html" };
  for (int i = 0; i < 2; i++) {
    const char *s = slurp(dir, rest[i]);
    if (!s || strncmp(s, first, strlen(first)) != 0 || s[strlen(first)] != ' ') return 0;
  }
  return 1;
}

static void test_two_runs_one_folder(void **state) {
  (void)state;
  char dir[] = "/tmp/sbx-outputs-XXXXXX";
  assert_non_null(mkdtemp(dir));
  fail_on = 0;
  assert_int_equal(run(dir, "first"), 0);
  pid_t a = fork();
  if (a == 0) { write_many(dir, "AAAA", 15); _exit(0); }
  pid_t b = fork();
  if (b == 0) { write_many(dir, "BBBB", 15); _exit(0); }
  char lock[600];
  snprintf(lock, sizeof lock, "%s/" SBX_OUTPUTS_LOCK, dir);
  int bad = 0, done = 0, st;
  while (done < 2) { /* a reader that respects the lock sees whole sets */
    int fd = open(lock, O_RDONLY);
    if (fd < 0 || flock(fd, LOCK_SH) == 0) bad += !set_consistent(dir);
    if (fd >= 0) close(fd);
    usleep(1000);
    for (pid_t w; (w = waitpid(-1, &st, WNOHANG)) > 0; done++)
      assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  }
  assert_int_equal(bad, 0);
  assert_true(set_consistent(dir));
  assert_int_equal(count_temps(dir), 0);
  remove_dir(dir);
}

static int never(void *ud) {
  (void)ud;
  return 0;
}

/* Any number of outputs; one not wanted this run is neither written nor touched. */
static void test_many_and_optional(void **state) {
  (void)state;
  char dir[] = "/tmp/sbx-outputs-XXXXXX";
  assert_non_null(mkdtemp(dir));
  sbx__output many[12];
  char names[12][16];
  for (int i = 0; i < 12; i++) {
    snprintf(names[i], sizeof names[i], "f%02d.txt", i);
    many[i].name = names[i];
    many[i].write = writer;
    many[i].wanted = i == 5 ? never : NULL;
  }
  sbx_diagnose_opts o = SBX_DIAGNOSE_OPTS_INIT;
  sbx_ctx *ctx = sbx_ctx_new();
  calls = 0;
  fail_on = 0;
  assert_int_equal(sbx__outputs_write(dir, many, 12, "m", &o, ctx), 0);
  sbx_ctx_free(ctx);
  assert_string_equal(slurp(dir, "f11.txt"), "m run 11\n");
  assert_null(slurp(dir, "f05.txt"));
  remove_dir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(test_all_or_nothing),
                                      cmocka_unit_test(test_signal_during_renames),
                                      cmocka_unit_test(test_two_runs_one_folder),
                                      cmocka_unit_test(test_many_and_optional) };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

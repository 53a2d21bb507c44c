/* sbx_paths_check: an output that is an input or another output, by device and inode
 * (hard and symbolic links, ./ and ../ spellings), is refused; distinct files, "-",
 * NULL and device nodes named twice pass. And sbx_outfile on devices: written in
 * place, never renamed over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sixbox/output.h>

static char dir[] = "/tmp/sbx-paths-XXXXXX";
static char in[600], hard[600], soft[600], other[600], fresh[600], fresh2[600];

static int refused(const char *i, const char *o1, const char *o2) {
  const char *ins[2] = { i, NULL }, *outs[2] = { o1, o2 };
  sbx_ctx *ctx = sbx_ctx_new();
  int rc = sbx_paths_check(ins, 2, outs, 2, ctx);
  if (rc) assert_true(sbx_ctx_errors(ctx) > 0);
  sbx_ctx_free(ctx);
  return rc == SBX_EUSAGE;
}

static void touch(const char *p) {
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs("x\n", f);
  fclose(f);
}

static void test_same_files(void **state) {
  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(in, sizeof in, "%s/in.csv", dir);
  snprintf(hard, sizeof hard, "%s/hard.csv", dir);
  snprintf(soft, sizeof soft, "%s/soft.csv", dir);
  snprintf(other, sizeof other, "%s/other.csv", dir);
  snprintf(fresh, sizeof fresh, "%s/new.csv", dir);
  snprintf(fresh2, sizeof fresh2, "%s/../%s/new.csv", dir, strrchr(dir, '/') + 1);
  touch(in);
  touch(other);
  assert_int_equal(link(in, hard), 0);
  assert_int_equal(symlink("in.csv", soft), 0);
  assert_true(refused(in, in, NULL));
  assert_true(refused(in, hard, NULL));
  assert_true(refused(in, soft, NULL));
  assert_true(refused(in, NULL, hard));
  assert_true(refused(NULL, fresh, fresh2));  /* two spellings of a file not there yet */
  assert_true(refused(NULL, other, other));
  assert_false(refused(in, fresh, other));
  assert_false(refused(in, "-", "-"));
  assert_false(refused("-", fresh, NULL));
  assert_false(refused(NULL, "/dev/null", "/dev/null"));
  assert_false(refused("/nonexistent/x", "/nonexistent/x2", NULL));
}

/* A character device is written where it is: no temporary file, and it stays a device. */
static void test_device_in_place(void **state) {
  (void)state;
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_outfile *f = NULL;
  assert_int_equal(sbx_outfile_open(&f, "/dev/null", ctx), 0);
  assert_null(sbx_outfile_temp_path(f));
  fputs("nothing\n", sbx_outfile_stream(f));
  assert_int_equal(sbx_outfile_commit(f, ctx), 0);
  struct stat st;
  assert_int_equal(stat("/dev/null", &st), 0);
  assert_true(S_ISCHR(st.st_mode));
  /* A full device: the error names it and says why. */
  assert_int_equal(sbx_outfile_open(&f, "/dev/full", ctx), 0);
  fputs("x\n", sbx_outfile_stream(f));
  assert_int_equal(sbx_outfile_commit(f, ctx), SBX_EIO);
  const sbx_error *e = sbx_ctx_get(ctx, sbx_ctx_count(ctx) - 1);
  assert_string_equal(e->source, "/dev/full");
  assert_non_null(strstr(e->message, "No space left on device"));
  /* A folder is refused. */
  assert_int_equal(sbx_outfile_open(&f, dir, ctx), SBX_ECREATE);
  assert_null(f);
  sbx_ctx_free(ctx);
  unlink(in);
  unlink(hard);
  unlink(soft);
  unlink(other);
  assert_int_equal(rmdir(dir), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = { cmocka_unit_test(test_same_files),
                                      cmocka_unit_test(test_device_in_place) };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

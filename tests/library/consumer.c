/* A program outside the tree: built by test_install.sh against the installed library
 * with nothing but `pkg-config --cflags --libs sixbox` and the public headers. It
 * checks the version it runs against and diagnoses the exports it is given. */
#include <stdio.h>
#include <string.h>

#include <sixbox/diagnose.h>

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: consumer SURVEY ORG OUTDIR EXPORT...\n");
    return 64;
  }
  if (strcmp(sbx_version(), SBX_VERSION_STRING) != 0) {
    fprintf(stderr, "compiled against %s, runs against %s\n", SBX_VERSION_STRING,
            sbx_version());
    return 1;
  }
  if (sbx_global_init() != 0) return 1;
  sbx_diagnose_opts opts;
  if (sbx_diagnose_opts_init(&opts, SBX_DIAGNOSE_OPTS_VERSION) != 0) return 1;
  opts.survey = argv[1];
  opts.org = argv[2];
  opts.outdir = argv[3];
  opts.exports = (const char *const *)(argv + 4);
  opts.nexports = (size_t)(argc - 4);
  sbx_ctx *ctx = sbx_ctx_new();
  int rc = sbx_diagnose(&opts, ctx);
  for (size_t i = 0; i < sbx_ctx_count(ctx); i++) {
    char line[512];
    sbx_error_format(line, sizeof line, sbx_ctx_get(ctx, i));
    if (sbx_ctx_get(ctx, i)->severity == SBX_SEV_ERROR) fprintf(stderr, "%s\n", line);
  }
  sbx_ctx_free(ctx);
  sbx_global_cleanup();
  printf("sixbox %s: %s\n", sbx_version(), rc == 0 ? "diagnosed" : sbx_strerror(rc));
  return rc == 0 ? 0 : sbx_exit_code(rc);
}

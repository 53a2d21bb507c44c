/* Atomic output files (temporary file, fsync, rename): a failed or interrupted write
 * leaves an earlier file untouched. See research/security.md §6.1. */
#include <sixbox/output.h>
#include "surveys/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sbx_outfile {
  FILE *f;
  char *path, *tmp;
  int is_stdout;
};

int sbx_outfile_open(sbx_outfile **out, const char *path, sbx_ctx *ctx) {
  *out = NULL;
  sbx_outfile *o = calloc(1, sizeof *o);
  if (!o) return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  if (strcmp(path, "-") == 0) {
    o->is_stdout = 1;
    o->f = stdout;
    *out = o;
    return 0;
  }
  o->path = sbx__strdup(path);
  o->tmp = sbx__asprintf("%s.tmp.XXXXXX", path);
  if (!o->path || !o->tmp) {
    sbx_outfile_abort(o);
    return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  }
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    int e = errno;
    free(o->tmp);
    o->tmp = NULL;
    sbx_outfile_abort(o);
    return sbx__error(ctx, e == EACCES ? SBX_EPERM : SBX_ECREATE, path, 0, NULL,
                      "cannot create the output file: %s; check that the folder exists "
                      "and is writable", strerror(e));
  }
  fchmod(fd, 0644);
  o->f = fdopen(fd, "w+b"); /* readable too: a caller may check what it wrote */
  if (!o->f) {
    close(fd);
    sbx_outfile_abort(o);
    return sbx__error(ctx, SBX_ECREATE, path, 0, NULL, "cannot open the output file");
  }
  *out = o;
  return 0;
}

FILE *sbx_outfile_stream(sbx_outfile *o) { return o ? o->f : NULL; }
const char *sbx_outfile_temp_path(const sbx_outfile *o) { return o ? o->tmp : NULL; }

int sbx_outfile_commit(sbx_outfile *o, sbx_ctx *ctx) {
  if (!o) return SBX_EUSAGE;
  int rc = 0;
  if (o->is_stdout) {
    if (fflush(stdout) != 0 || ferror(stdout))
      rc = sbx__error(ctx, SBX_EIO, "-", 0, NULL, "write error on standard output");
    free(o);
    return rc;
  }
  if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
    rc = sbx__error(ctx, SBX_EIO, o->path, 0, NULL, "write error: %s; is the disk full?",
                    strerror(errno));
  if (fclose(o->f) != 0 && !rc)
    rc = sbx__error(ctx, SBX_EIO, o->path, 0, NULL, "write error: %s", strerror(errno));
  o->f = NULL;
  if (!rc && rename(o->tmp, o->path) != 0)
    rc = sbx__error(ctx, SBX_ECREATE, o->path, 0, NULL, "cannot move the file into place: %s",
                    strerror(errno));
  if (rc) unlink(o->tmp);
  free(o->path);
  free(o->tmp);
  free(o);
  return rc;
}

void sbx_outfile_abort(sbx_outfile *o) {
  if (!o) return;
  if (o->f && !o->is_stdout) fclose(o->f);
  if (o->tmp) unlink(o->tmp);
  free(o->path);
  free(o->tmp);
  free(o);
}

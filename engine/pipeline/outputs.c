/* The report set as one unit: each file goes to a temporary file beside its target;
 * only when all of them are written, flushed and synced are they renamed into place
 * (then the folder is synced). A failure or a cancel before that removes every
 * temporary file, so the folder holds the earlier set or the new one, never a mix. */
#include "engine/pipeline/pipeline.h"
#include "surveys/util.h"

#include <sixbox/output.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_OUTPUTS 12

static void told(const sbx_diagnose_opts *o, sbx_outfile *f, int created) {
  if (o && o->temp_file && f) o->temp_file(o->temp_ud, sbx_outfile_temp_path(f), created);
}

static int cancelled(const sbx_diagnose_opts *o) { return o && o->cancel && *o->cancel; }

/* A target that is a folder would make its rename fail after others had moved. */
static int check_target(const char *path, sbx_ctx *ctx) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    return sbx__error(ctx, SBX_ECREATE, path, 0, NULL,
                      "a folder stands where the report file should go; move it away");
  return 0;
}

static int flush_sync(sbx_outfile *f, const char *path, sbx_ctx *ctx) {
  FILE *s = sbx_outfile_stream(f);
  if (fflush(s) != 0 || ferror(s) || fsync(fileno(s)) != 0)
    return sbx__error(ctx, SBX_EIO, path, 0, NULL, "write error: %s; is the disk full?",
                      strerror(errno));
  return 0;
}

static void sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

static void abort_all(sbx_outfile **f, size_t n, const sbx_diagnose_opts *opts) {
  for (size_t i = 0; i < n; i++) {
    told(opts, f[i], 0);
    sbx_outfile_abort(f[i]);
    f[i] = NULL;
  }
}

int sbx__outputs_write(const char *dir, const sbx__output *out, size_t n, void *ud,
                       const sbx_diagnose_opts *opts, sbx_ctx *ctx) {
  if (n > MAX_OUTPUTS) return sbx__error(ctx, SBX_EINTERNAL, dir, 0, NULL, "too many outputs");
  sbx_outfile *f[MAX_OUTPUTS] = { NULL };
  char *path[MAX_OUTPUTS] = { NULL };
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!out[i].name) continue; /* a commit hook */
    path[i] = sbx__asprintf("%s/%s", dir, out[i].name);
    if (!path[i]) rc = sbx__error(ctx, SBX_ENOMEM, dir, 0, NULL, "out of memory");
    if (!rc) rc = check_target(path[i], ctx);
  }
  for (size_t i = 0; i < n && !rc; i++) {
    if (!out[i].name) continue;
    if (opts && opts->progress) opts->progress(opts->progress_ud, SBX_STAGE_WRITE, out[i].name, i);
    rc = sbx_outfile_open(&f[i], path[i], ctx);
    if (rc) break;
    told(opts, f[i], 1);
    rc = out[i].write(sbx_outfile_stream(f[i]), ud, ctx);
    if (!rc) rc = flush_sync(f[i], path[i], ctx);
    if (!rc && cancelled(opts)) rc = sbx__error(ctx, SBX_EINTR, dir, 0, NULL, "interrupted");
  }
  /* Every file is on disk: the hooks (the follow-up database's commit) run now, so a
   * failing one still leaves the folder as it was. */
  for (size_t i = 0; i < n && !rc; i++)
    if (!out[i].name) rc = out[i].write(NULL, ud, ctx);
  if (rc) {
    abort_all(f, n, opts);
  } else {
    /* Everything is on disk: move the set into place. */
    for (size_t i = 0; i < n; i++) {
      if (!f[i]) continue;
      told(opts, f[i], 0);
      if (rc)
        sbx_outfile_abort(f[i]); /* only a failed rename gets here: keep the rest out */
      else
        rc = sbx_outfile_commit(f[i], ctx);
      f[i] = NULL;
    }
    sync_dir(dir);
  }
  for (size_t i = 0; i < n; i++) free(path[i]);
  return rc;
}

/* The report set as one unit. Every file goes to a temporary file beside its target;
 * only when all of them are written, flushed and synced are they renamed into place
 * (then the folder is synced). A failure or a cancel before that removes every
 * temporary file, so the folder holds the earlier set or the new one, never a mix.
 *
 * Two runs into one folder: the whole write holds an exclusive lock on DIR/.sixbox.lock
 * (flock), so a second run waits and then replaces the whole set. Signals: the renames
 * run with the catchable signals held back (a few microseconds), so a second Ctrl-C
 * cannot end the process between two renames; it takes effect right after. We keep
 * plain files in the folder (rather than a symbolic link switched in one rename) so
 * that the folder can be copied to a share, mailed or opened on any system. */
#include "engine/pipeline/pipeline.h"
#include "surveys/util.h"

#include <sixbox/output.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static void told(const sbx_diagnose_opts *o, sbx_outfile *f, int created) {
  const char *tmp = sbx_outfile_temp_path(f);
  if (o && o->temp_file && tmp) o->temp_file(o->temp_ud, tmp, created);
}

static int cancelled(const sbx_diagnose_opts *o) { return o && o->cancel && *o->cancel; }

/* A target that is a folder or a device would make its rename fail after others had
 * moved, or be written in place outside the set. */
static int check_target(const char *path, sbx_ctx *ctx) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
    return sbx__error(ctx, SBX_ECREATE, path, 0, NULL,
                      "something other than a plain file stands where the report file "
                      "should go (a folder or a device); move it away");
  return 0;
}

static void sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

/* Waits for the folder's lock; a cancel while waiting ends the wait. */
static int lock_dir(const char *dir, const sbx_diagnose_opts *opts, int *fd, sbx_ctx *ctx) {
  char *path = sbx__asprintf("%s/" SBX_OUTPUTS_LOCK, dir);
  if (!path) return sbx__error(ctx, SBX_ENOMEM, dir, 0, NULL, "out of memory");
  *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  int rc = 0;
  if (*fd < 0)
    rc = sbx__error(ctx, errno == EACCES ? SBX_EPERM : SBX_ECREATE, path, 0, NULL,
                    "cannot create the lock file of the report folder: %s", strerror(errno));
  while (!rc && flock(*fd, LOCK_EX) != 0) {
    if (errno != EINTR)
      rc = sbx__error(ctx, SBX_EIO, path, 0, NULL, "cannot lock the report folder: %s",
                      strerror(errno));
    else if (cancelled(opts))
      rc = sbx__error(ctx, SBX_EINTR, dir, 0, NULL, "interrupted; nothing was written");
  }
  if (rc && *fd >= 0) close(*fd);
  if (rc) *fd = -1;
  sbx__free(path);
  return rc;
}

static void unlock_dir(int fd) {
  if (fd >= 0) close(fd); /* closing releases the flock */
}

/* Moves every finished file into place with the catchable signals held back. */
static int place_all(sbx_outfile **f, size_t n, const sbx_diagnose_opts *opts, sbx_ctx *ctx) {
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (!f[i]) continue; /* not wanted this time */
    told(opts, f[i], 0);
    if (rc) sbx_outfile_abort(f[i]); /* only a failed rename gets here: keep the rest out */
    else rc = sbx_outfile_place(f[i], ctx);
    f[i] = NULL;
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  return rc;
}

static void abort_all(sbx_outfile **f, size_t n, const sbx_diagnose_opts *opts, sbx_ctx *ctx) {
  for (size_t i = 0; i < n; i++) {
    told(opts, f[i], 0);
    sbx_outfile_fail(f[i], ctx);
    f[i] = NULL;
  }
}

/* Opens, fills and finishes output i. */
static int write_one(const char *path, const sbx__output *out, sbx_outfile **f, void *ud,
                     const sbx_diagnose_opts *opts, sbx_ctx *ctx) {
  int rc = sbx_outfile_open(f, path, ctx);
  if (rc) return rc;
  told(opts, *f, 1);
  rc = out->write(sbx_outfile_stream(*f), ud, ctx);
  if (!rc) rc = sbx_outfile_finish(*f, ctx);
  return rc;
}

static int write_set(const char *dir, const sbx__output *out, size_t n, void *ud,
                     const sbx_diagnose_opts *opts, sbx_outfile **f, char **path,
                     sbx_ctx *ctx) {
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!out[i].name) continue; /* a commit hook: runs below */
    if (out[i].wanted && !out[i].wanted(ud)) continue;
    path[i] = sbx__asprintf("%s/%s", dir, out[i].name);
    if (!path[i]) rc = sbx__error(ctx, SBX_ENOMEM, dir, 0, NULL, "out of memory");
    if (!rc) rc = check_target(path[i], ctx);
  }
  for (size_t i = 0; i < n && !rc; i++) {
    if (!path[i]) continue;
    if (opts && opts->progress) opts->progress(opts->progress_ud, SBX_STAGE_WRITE, out[i].name, i);
    rc = write_one(path[i], &out[i], &f[i], ud, opts, ctx);
    if (!rc && cancelled(opts)) rc = sbx__error(ctx, SBX_EINTR, dir, 0, NULL, "interrupted");
  }
  /* Every file is on disk: the hooks (the follow-up database's commit) run now, so a
   * failing one still leaves the folder as it was. */
  for (size_t i = 0; i < n && !rc; i++)
    if (!out[i].name && (!out[i].wanted || out[i].wanted(ud))) rc = out[i].write(NULL, ud, ctx);
  if (rc) abort_all(f, n, opts, ctx);
  else rc = place_all(f, n, opts, ctx);
  return rc;
}

int sbx__outputs_write(const char *dir, const sbx__output *out, size_t n, void *ud,
                       const sbx_diagnose_opts *opts, sbx_ctx *ctx) {
  sbx_outfile **f = sbx__calloc(n ? n : 1, sizeof *f);
  char **path = sbx__calloc(n ? n : 1, sizeof *path);
  int lock = -1;
  int rc = !f || !path ? sbx__error(ctx, SBX_ENOMEM, dir, 0, NULL, "out of memory") : 0;
  if (!rc) rc = lock_dir(dir, opts, &lock, ctx);
  if (!rc) rc = write_set(dir, out, n, ud, opts, f, path, ctx);
  if (!rc) sync_dir(dir);
  unlock_dir(lock);
  for (size_t i = 0; path && i < n; i++) sbx__free(path[i]);
  sbx__free(path);
  sbx__free(f);
  return rc;
}

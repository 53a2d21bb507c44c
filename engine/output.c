/* Output files. A regular file (or a new one) is written atomically: a temporary file
 * beside it, flushed, fsync'ed and renamed over it, so it appears whole or not at all
 * (docs/formats.md, "How every output file is written"). A character device or a pipe (/dev/null, /dev/stdout, a
 * FIFO) is written in place: renaming over it would replace the device node with a
 * plain file. Block devices, sockets and folders are refused. Every error names the
 * file and the system's reason. */
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
  char *path, *tmp; /* tmp is NULL when the file is written in place */
  int is_stdout;
  mode_t mode;      /* of the file it replaces, kept; 0644 for a new one */
  size_t mark;      /* records in the ctx when opened: a writer's come after */
};

static int oom(const char *path, sbx_ctx *ctx) {
  return sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
}

/* The code for a failed open of an output. */
static int create_code(int e) {
  return e == EACCES || e == EPERM ? SBX_EPERM : SBX_ECREATE;
}

/* A device or pipe: opened for writing where it is, without truncating anything. */
static int open_in_place(sbx_outfile *o, const struct stat *st, sbx_ctx *ctx) {
  if (!S_ISCHR(st->st_mode) && !S_ISFIFO(st->st_mode))
    return sbx__error(ctx, SBX_ECREATE, o->path, 0, NULL,
                      "this is %s, not a file; give -o a file name",
                      S_ISDIR(st->st_mode) ? "a folder"
                      : S_ISBLK(st->st_mode) ? "a disk device" : "a socket or special file");
  int fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return sbx__error(ctx, create_code(errno), o->path, 0, NULL, "cannot open for writing: %s",
                      strerror(errno));
  o->f = fdopen(fd, "wb");
  if (!o->f) {
    close(fd);
    return sbx__error(ctx, SBX_ECREATE, o->path, 0, NULL, "cannot open: %s", strerror(errno));
  }
  return 0;
}

static int open_temp(sbx_outfile *o, sbx_ctx *ctx) {
  o->tmp = sbx__asprintf("%s.tmp.XXXXXX", o->path);
  if (!o->tmp) return oom(o->path, ctx);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    int e = errno;
    sbx__free(o->tmp);
    o->tmp = NULL;
    return sbx__error(ctx, create_code(e), o->path, 0, NULL,
                      "cannot create the output file: %s; check that the folder exists "
                      "and is writable", strerror(e));
  }
  if (fchmod(fd, o->mode) != 0) { /* the default mode of mkstemp (0600) is the safe side */ }
  o->f = fdopen(fd, "w+b"); /* readable too: a caller may check what it wrote */
  if (!o->f) {
    close(fd);
    return sbx__error(ctx, SBX_ECREATE, o->path, 0, NULL, "cannot open the output file: %s",
                      strerror(errno));
  }
  return 0;
}

int sbx_outfile_open(sbx_outfile **out, const char *path, sbx_ctx *ctx) {
  *out = NULL;
  sbx_outfile *o = sbx__calloc(1, sizeof *o);
  if (!o) return oom(path, ctx);
  o->mark = sbx_ctx_count(ctx);
  if (strcmp(path, "-") == 0) {
    o->is_stdout = 1;
    o->f = stdout;
    *out = o;
    return 0;
  }
  o->path = sbx__strdup(path);
  if (!o->path) {
    sbx__free(o);
    return oom(path, ctx);
  }
  struct stat st;
  int rc;
  o->mode = 0644;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    rc = open_in_place(o, &st, ctx);
  } else {
    if (stat(path, &st) == 0) o->mode = st.st_mode & 07777; /* e.g. 0600 stays 0600 */
    rc = open_temp(o, ctx);
  }
  if (rc) {
    sbx_outfile_abort(o);
    return rc;
  }
  *out = o;
  return 0;
}

FILE *sbx_outfile_stream(sbx_outfile *o) { return o ? o->f : NULL; }
const char *sbx_outfile_temp_path(const sbx_outfile *o) { return o ? o->tmp : NULL; }
const char *sbx_outfile_path(const sbx_outfile *o) {
  return !o ? NULL : o->is_stdout ? "-" : o->path;
}

/* The test hook: SIXBOX_FAULT_SYNC names an output (its basename) whose write fails as
 * a full disk would, so tests can prove that a failure leaves the earlier files. */
static int injected_fault(const sbx_outfile *o) {
  const char *want = getenv("SIXBOX_FAULT_SYNC");
  if (!want || !*want || !o->path) return 0;
  const char *slash = strrchr(o->path, '/');
  return strcmp(slash ? slash + 1 : o->path, want) == 0;
}

/* earlier: the errno a failed write left, when a writer has given up on the stream */
static int finish(sbx_outfile *o, int earlier, sbx_ctx *ctx) {
  if (!o || !o->f) return SBX_EUSAGE;
  const char *name = o->is_stdout ? "(standard output)" : o->path;
  errno = 0;
  int bad = fflush(o->f) != 0 || ferror(o->f);
  int e = errno ? errno : earlier;
  if (!bad && o->tmp && fsync(fileno(o->f)) != 0) {
    bad = 1;
    e = errno;
  }
  if (!bad && injected_fault(o)) {
    bad = 1;
    e = ENOSPC;
  }
  if (!bad) return 0;
  return sbx__error(ctx, SBX_EIO, name, 0, NULL, "cannot write the file: %s%s",
                    e ? strerror(e) : "a write failed (a full disk or a device error)",
                    e == ENOSPC || e == EDQUOT ? "; free some space and run again" : "");
}

int sbx_outfile_finish(sbx_outfile *o, sbx_ctx *ctx) { return finish(o, 0, ctx); }

int sbx_outfile_place(sbx_outfile *o, sbx_ctx *ctx) {
  if (!o) return SBX_EUSAGE;
  int rc = 0;
  if (o->is_stdout) {
    sbx__free(o);
    return 0;
  }
  if (fclose(o->f) != 0)
    rc = sbx__error(ctx, SBX_EIO, o->path, 0, NULL, "cannot write the file: %s",
                    strerror(errno));
  o->f = NULL;
  if (!rc && o->tmp && rename(o->tmp, o->path) != 0)
    rc = sbx__error(ctx, create_code(errno), o->path, 0, NULL,
                    "cannot move the new file into place: %s", strerror(errno));
  if (o->tmp && rc) unlink(o->tmp);
  sbx__free(o->path);
  sbx__free(o->tmp);
  sbx__free(o);
  return rc;
}

int sbx_outfile_commit(sbx_outfile *o, sbx_ctx *ctx) {
  if (!o) return SBX_EUSAGE;
  int rc = sbx_outfile_finish(o, ctx);
  if (rc) {
    sbx_outfile_abort(o);
    return rc;
  }
  return sbx_outfile_place(o, ctx);
}

int sbx_outfiles_commit(sbx_outfile **f, size_t n, sbx_ctx *ctx) {
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) rc = sbx_outfile_finish(f[i], ctx);
  for (size_t i = 0; i < n; i++) {
    if (rc) sbx_outfile_abort(f[i]);
    else rc = sbx_outfile_place(f[i], ctx); /* a rename fails only on a broken folder */
    f[i] = NULL;
  }
  return rc;
}

void sbx_outfile_fail(sbx_outfile *o, sbx_ctx *ctx) {
  int earlier = errno; /* what the failed write left: the writer returned right after */
  if (!o) return;
  if (o->f && ferror(o->f)) { /* name the file in the writer's words, and the cause */
    sbx__ctx_name_source(ctx, o->mark, SBX_EIO, o->is_stdout ? "(standard output)" : o->path);
    finish(o, earlier, ctx);
  }
  sbx_outfile_abort(o);
}

void sbx_outfile_abort(sbx_outfile *o) {
  if (!o) return;
  if (o->f && !o->is_stdout) fclose(o->f);
  if (o->tmp) unlink(o->tmp);
  sbx__free(o->path);
  sbx__free(o->tmp);
  sbx__free(o);
}

/* What a path names, to tell when two paths are one file: the device and inode of the
 * file, or for a file not there yet, of its folder plus its name. */
typedef struct ident {
  dev_t dev;
  ino_t ino;
  const char *name; /* NULL for an existing file */
  int known, special;
} ident;

static ident identify(const char *path) {
  ident id = { 0, 0, NULL, 0, 0 };
  struct stat st;
  if (stat(path, &st) == 0) {
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    id.known = 1;
    id.special = !S_ISREG(st.st_mode); /* /dev/null twice is harmless */
    return id;
  }
  const char *slash = strrchr(path, '/');
  char *dir = slash ? sbx__strndup(path, slash == path ? 1 : (size_t)(slash - path))
                    : sbx__strdup(".");
  if (dir && stat(dir, &st) == 0) {
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    id.name = slash ? slash + 1 : path;
    id.known = 1;
  }
  sbx__free(dir);
  return id;
}

static int same(const ident *a, const ident *b) {
  if (!a->known || !b->known || a->dev != b->dev || a->ino != b->ino) return 0;
  if (!a->name && !b->name) return 1;
  return a->name && b->name && strcmp(a->name, b->name) == 0;
}

int sbx_paths_check(const char *const *in, size_t nin, const char *const *out, size_t nout,
                    sbx_ctx *ctx) {
  int rc = 0;
  for (size_t i = 0; i < nout; i++) {
    if (!out[i] || strcmp(out[i], "-") == 0) continue;
    ident o = identify(out[i]);
    for (size_t k = 0; k < nin; k++) {
      if (!in[k] || strcmp(in[k], "-") == 0) continue;
      ident x = identify(in[k]);
      if (!x.name && !x.special && same(&o, &x))
        rc = sbx__error(ctx, SBX_EUSAGE, out[i], 0, in[k],
                        "this output is the input %s (the same file); writing it would "
                        "destroy the input: choose another output name", in[k]);
    }
    for (size_t k = 0; k < i; k++) {
      if (!out[k] || strcmp(out[k], "-") == 0) continue;
      ident y = identify(out[k]);
      if (!o.special && same(&o, &y))
        rc = sbx__error(ctx, SBX_EUSAGE, out[i], 0, out[k],
                        "two outputs are the same file (%s); give each its own name", out[k]);
    }
  }
  return rc;
}

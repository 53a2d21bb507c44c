/* Where a token comes from (docs/formats.md, "Downloading exports"): a file that only its owner
 * can read, or an environment variable that is unset once read; never argv. */
#include <sixbox/fetch.h>
#include "surveys/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOKEN_MAX 4096

static int check_token(const char *t, const char *source, sbx_ctx *ctx) {
  if (!*t) return sbx__error(ctx, SBX_EDATA, source, 0, NULL, "the token is empty");
  for (const unsigned char *p = (const unsigned char *)t; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return sbx__error(ctx, SBX_EDATA, source, 0, NULL,
                        "the token holds a control character (a stray line break?); "
                        "put the token alone on one line");
  return 0;
}

int sbx_token_from_file(char **out, const char *path, sbx_ctx *ctx) {
  *out = NULL;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    int e = errno;
    return sbx__error(ctx, e == ELOOP ? SBX_EPERM : sbx__open_error_code(e), path,
                      0, NULL, "cannot open the token file: %s%s", strerror(e),
                      e == ELOOP ? " (symbolic links are refused)" : "");
  }
  struct stat st;
  int rc = 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    rc = sbx__error(ctx, SBX_EPERM, path, 0, NULL, "the token file is not a regular file");
  else if (st.st_uid != geteuid())
    rc = sbx__error(ctx, SBX_EPERM, path, 0, NULL, "the token file belongs to another user");
  else if (st.st_mode & 077)
    rc = sbx__error(ctx, SBX_EPERM, path, 0, NULL,
                    "the token file can be read by others; run: chmod 600 %s", path);
  char *buf = NULL;
  ssize_t n = 0;
  if (!rc && !(buf = sbx__calloc(1, TOKEN_MAX + 2)))
    rc = sbx__error(ctx, SBX_ENOMEM, path, 0, NULL, "out of memory");
  if (!rc) {
    size_t got = 0;
    while (got <= TOKEN_MAX && (n = read(fd, buf + got, TOKEN_MAX + 1 - got)) > 0)
      got += (size_t)n;
    if (n < 0) rc = sbx__error(ctx, SBX_EIO, path, 0, NULL, "read error: %s", strerror(errno));
    else if (got > TOKEN_MAX)
      rc = sbx__error(ctx, SBX_EDATA, path, 0, NULL, "the token file is larger than 4 KiB");
    else {
      while (got && (buf[got - 1] == '\n' || buf[got - 1] == '\r')) got--;
      buf[got] = '\0';
      rc = check_token(buf, path, ctx);
    }
  }
  close(fd);
  if (rc) {
    sbx_token_free(buf);
    return rc;
  }
  *out = buf;
  return 0;
}

int sbx_token_from_env(char **out, const char *var, sbx_ctx *ctx) {
  *out = NULL;
  const char *v = getenv(var);
  if (!v)
    return sbx__error(ctx, SBX_ENOENT, var, 0, NULL,
                      "the environment variable is not set; export it before running sixbox");
  char *t = sbx__strdup(v);
  if (!t) return sbx__error(ctx, SBX_ENOMEM, var, 0, NULL, "out of memory");
  unsetenv(var);
  int rc = check_token(t, var, ctx);
  if (rc) {
    sbx_token_free(t);
    return rc;
  }
  *out = t;
  return 0;
}

void sbx_token_free(char *t) {
  if (!t) return;
  volatile char *p = t;
  while (*p) *p++ = 0;
  sbx__free(t);
}

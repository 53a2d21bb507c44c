/* Replays a fuzz target's corpus as an ordinary test: calls LLVMFuzzerTestOneInput on
 * every file of SBX_FUZZ_CORPUS (or of the directories given as arguments). A crash or
 * a sanitizer report fails the test. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

static int replay_dir(const char *dir, int *n) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "cannot open the corpus %s\n", dir);
    return 1;
  }
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    size_t cap = 1 << 16, len = 0, k;
    unsigned char *buf = malloc(cap);
    while (buf && (k = fread(buf + len, 1, cap - len, f)) > 0)
      if ((len += k) == cap) buf = realloc(buf, cap *= 2);
    fclose(f);
    if (!buf) return 1;
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    (*n)++;
  }
  closedir(d);
  return 0;
}

int main(int argc, char **argv) {
  int n = 0, bad = 0;
  if (argc > 1)
    for (int i = 1; i < argc; i++) bad |= replay_dir(argv[i], &n);
  else
    bad = replay_dir(SBX_FUZZ_CORPUS, &n);
  printf("replayed %d corpus files\n", n);
  printf("%d passed, %d failed\n", bad ? 0 : n, bad);
  return bad || n == 0;
}

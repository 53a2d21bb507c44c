/* Benchmark of the CSV reader: writes N responses x 40 columns of CSV (id, date, unit,
 * 37 Likert answers, a few quoted text cells; ',' and CRLF as Qualtrics writes) to a
 * file under /tmp (~100 MB for a million rows), then streams it through
 * sbx__read_export and prints bytes, rows, seconds, MB/s, rows/s and peak RSS.
 * Usage: bench_read_csv [ROWS] [FILE]   (defaults: 1000000, /tmp/sixbox-bench-import.csv) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "engine/import/reader.h"

#define NCOL 40

typedef struct tally {
  size_t rows, cells, bytes;
} tally;

static int count_row(void *ud, size_t row, uint32_t line, const char *const *cells,
                     size_t n) {
  tally *t = ud;
  (void)row;
  (void)line;
  t->rows++;
  t->cells += n;
  for (size_t i = 0; i < n; i++) t->bytes += strlen(cells[i]);
  return 0;
}

static int write_file(const char *path, size_t nrow) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  static const char *answers[] = {"1", "2", "3", "4", "5", "", "\"Vet ej\"", "4"};
  fputs("id,submitdate,unit", f);
  for (int c = 3; c < NCOL; c++) fprintf(f, ",q%02d", c - 2);
  fputs("\r\n", f);
  unsigned long long x = 88172645463325252ull; /* xorshift: same file every run */
  for (size_t r = 0; r < nrow; r++) {
    fprintf(f, "%zu,2026-03-%02zu 10:%02zu:00,E%03zu", r + 1, r % 28 + 1, r % 60, r % 150);
    for (int c = 3; c < NCOL; c++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      fprintf(f, ",%s", answers[x % 8]);
    }
    fputs("\r\n", f);
  }
  return fclose(f);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  size_t nrow = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
  const char *path = argc > 2 ? argv[2] : "/tmp/sixbox-bench-import.csv";
  if (write_file(path, nrow) != 0) {
    fprintf(stderr, "cannot write %s\n", path);
    return 1;
  }
  FILE *f = fopen(path, "rb");
  fseek(f, 0, SEEK_END);
  double mb = (double)ftell(f) / 1e6;
  fclose(f);
  struct rusage before;
  getrusage(RUSAGE_SELF, &before);
  sbx_ctx *ctx = sbx_ctx_new();
  sbx_file_info info;
  tally t = {0, 0, 0};
  double t0 = now();
  int rc = sbx__read_export(path, NULL, NULL, count_row, &t, &info, ctx);
  double secs = now() - t0;
  struct rusage after;
  getrusage(RUSAGE_SELF, &after);
  if (rc) {
    char msg[512];
    sbx_error_format(msg, sizeof msg, sbx_ctx_get(ctx, 0));
    fprintf(stderr, "read failed: %s\n", msg);
    return 1;
  }
  printf("file: %s (%.1f MB, %s, %s, delimiter '%c')\n", path, mb, info.format,
         info.encoding, info.delimiter);
  printf("rows: %zu (%zu cells, %zu cell bytes)\n", t.rows, t.cells, t.bytes);
  double cpu = (double)(after.ru_utime.tv_sec - before.ru_utime.tv_sec) +
               (double)(after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
               (double)(after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
               (double)(after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
  printf("time: %.3f s wall, %.3f s CPU (user + system)\n", secs, cpu);
  printf("throughput: %.1f MB/s, %.0f rows/s (wall); %.1f MB/s per CPU second\n", mb / secs,
         (double)t.rows / secs, mb / cpu);
  printf("peak RSS: %ld KB (before reading: %ld KB)\n", after.ru_maxrss, before.ru_maxrss);
  sbx_ctx_free(ctx);
  return 0;
}

/* The simulated free-text comments, from the catalogue's lists sim.comment.good.N and
 * sim.comment.bad.N (reports/catalog/messages-simulate.tsv: a positive and a critical
 * tone, a few with an e-mail address or a telephone number so that the report's
 * masking has something to do), and calendar arithmetic for the timestamps. */
#include "engine/simulate/sim.h"

#include <stdio.h>
#include <string.h>

static void comment_key(char *key, size_t size, int critical, size_t index) {
  snprintf(key, size, "sim.comment.%s.%zu", critical ? "bad" : "good", index + 1);
}

size_t sbx__sim_comment_count(const sbx__lang *l, int critical) {
  return sbx__msg_count(l, critical ? "sim.comment.bad." : "sim.comment.good.");
}

const char *sbx__sim_comment(const sbx__lang *l, int critical, unsigned long index) {
  size_t n = sbx__sim_comment_count(l, critical);
  char key[64];
  if (n == 0) return "";
  comment_key(key, sizeof key, critical, (size_t)(index % n));
  return sbx__msg(l, key);
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian; H. Hinnant's method). */
static void civil(int64_t z, int *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

void sbx__sim_time_parts(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t rem = t - days * 86400;
  civil(days, y, mo, d);
  *h = (int)(rem / 3600);
  *mi = (int)(rem % 3600 / 60);
  *s = (int)(rem % 60);
}

void sbx__sim_time_iso(int64_t t, char *buf, size_t size) {
  int y, mo, d, h, mi, s;
  sbx__sim_time_parts(t, &y, &mo, &d, &h, &mi, &s);
  snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
}

double sbx__sim_time_excel(int64_t t) {
  return 25569.0 + (double)t / 86400.0; /* 25569 = 1970-01-01 in Excel's count */
}

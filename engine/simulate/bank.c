/* The simulated free-text comments (our own wording), in a positive and a critical
 * tone, and calendar arithmetic for the timestamps. A few comments carry an e-mail
 * address or a telephone number (from the range reserved for fiction), so that the
 * report's masking of personal data has something to do. */
#include "engine/simulate/sim.h"

#include <stdio.h>
#include <string.h>

static const char *const sv_good[] = {
  "Bra sammanhållning i arbetsgruppen, vi hjälper varandra när det är mycket.",
  "Min chef lyssnar och återkopplar, det märks att hon bryr sig.",
  "Jag vet vad som förväntas av mig och hur mitt arbete hänger ihop med målen.",
  "Trivs med kollegorna och med uppdraget.",
  "Arbetsplatsträffarna har blivit mycket bättre det senaste året.",
  "Tydliga rutiner gör att nya medarbetare snabbt kommer in i arbetet.",
  "Vi får gå på utbildningar och det uppskattas.",
  "Kontakta mig gärna på anna.lind@exempelstad.se om ni vill höra mer om vårt sätt att planera.",
};

static const char *const sv_bad[] = {
  "För många möten och för lite tid för det egentliga arbetet.",
  "Vi vet inte vem som beslutar om vad, allt tar lång tid.",
  "Lönen står inte i proportion till ansvaret.",
  "Ledningen syns aldrig ute i verksamheten.",
  "IT-systemen krånglar varje vecka och ingen tar ansvar för det.",
  "Målen i aktivitetsplanen känns långt borta från vardagen.",
  "Det saknas vikarier, så vi går på knäna när någon är sjuk.",
  "Ring mig på 070-174 06 42 så berättar jag mer, jag vill inte skriva det här.",
  "Svårt att få information om förändringar i tid. Mejla per.holm@exempelstad.se så förklarar jag.",
  "Belöningar går alltid till samma personer.",
};

static const char *const en_good[] = {
  "Good team spirit, we help each other when there is a lot to do.",
  "My manager listens and gives feedback.",
  "I know what is expected of me and how my work connects to the goals.",
  "Clear routines help new colleagues get started quickly.",
  "Feel free to contact me at anna.lind@exempelstad.se to hear how we plan our work.",
};

static const char *const en_bad[] = {
  "Too many meetings and too little time for the actual work.",
  "Nobody knows who decides what, everything takes a long time.",
  "Pay does not match the responsibility.",
  "The IT systems break down every week.",
  "Call me on 070-174 06 42 and I will tell you more.",
  "The goals in the activity plan feel far from everyday work.",
};

#define N(a) (sizeof a / sizeof a[0])

size_t sbx__sim_comment_count(const char *lang, int critical) {
  int en = lang && strcmp(lang, "en") == 0;
  if (en) return critical ? N(en_bad) : N(en_good);
  return critical ? N(sv_bad) : N(sv_good);
}

const char *sbx__sim_comment(const char *lang, int critical, unsigned long index) {
  int en = lang && strcmp(lang, "en") == 0;
  size_t n = sbx__sim_comment_count(lang, critical);
  index %= n;
  if (en) return critical ? en_bad[index] : en_good[index];
  return critical ? sv_bad[index] : sv_good[index];
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

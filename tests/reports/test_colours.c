/* The report's status fills (weak, watch, ok, strength), read from the stylesheet the
 * report embeds (reports/html/style.c), must stay apart for readers who do not see
 * them as designed, and text on them must stay readable:
 *
 * - Under protanopia and deuteranopia, simulated with the matrices of Machado, Oliveira
 *   and Fernandes (2009, severity 1.0, applied to linear RGB), every pair of fills is at
 *   least MIN_DE00 apart in CIEDE2000. A ΔE00 of 1 is a just-noticeable difference for
 *   large side-by-side patches; for marks the size of a table cell Szafir (2017,
 *   "Modeling color difference for visualization design") finds about 5-10 units needed
 *   for half of viewers to tell two colours apart. A category must be recognised at a
 *   glance, not just detected, so 15 (half again above that band) is the floor; the
 *   palette itself holds about 20 or more.
 * - In greyscale (a black-and-white printer, a photocopy) only lightness is left: every
 *   pair at least MIN_DL apart in CIE L*. Ten L* units is about the step of a
 *   five-grade greyscale ramp from paper white to mid-grey, which a photocopy keeps.
 * - The report's ink on every fill meets WCAG 2.1 AA for normal text (4.5:1).
 * - The checks must be able to fail: a red and a green of similar lightness pass in
 *   normal vision and fail under deuteranopia and in greyscale. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/html/html.h"

#define MIN_DE00 15.0
#define MIN_DL 10.0
#define MIN_CONTRAST 4.5

typedef struct rgb {
  double r, g, b; /* linear, 0..1 */
} rgb;

typedef struct lab {
  double l, a, b;
} lab;

enum { NORMAL, PROTAN, DEUTAN };

static const double machado[3][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
};

static double lin1(unsigned v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static rgb from_hex(const char *hex) {
  unsigned v = (unsigned)strtoul(hex, NULL, 16);
  rgb c = { lin1(v >> 16 & 0xff), lin1(v >> 8 & 0xff), lin1(v & 0xff) };
  return c;
}

static double clamp01(double x) {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

static rgb simulate(rgb c, int kind) {
  const double (*m)[3] = machado[kind];
  rgb o = { clamp01(m[0][0] * c.r + m[0][1] * c.g + m[0][2] * c.b),
            clamp01(m[1][0] * c.r + m[1][1] * c.g + m[1][2] * c.b),
            clamp01(m[2][0] * c.r + m[2][1] * c.g + m[2][2] * c.b) };
  return o;
}

static double luminance(rgb c) {
  return 0.2126729 * c.r + 0.7151522 * c.g + 0.0721750 * c.b;
}

static double lab_f(double t) {
  const double d = 6.0 / 29.0;
  return t > d * d * d ? cbrt(t) : t / (3 * d * d) + 4.0 / 29.0;
}

static lab to_lab(rgb c) {
  double x = (0.4124564 * c.r + 0.3575761 * c.g + 0.1804375 * c.b) / 0.95047;
  double y = luminance(c);
  double z = (0.0193339 * c.r + 0.1191920 * c.g + 0.9503041 * c.b) / 1.08883;
  lab o = { 116 * lab_f(y) - 16, 500 * (lab_f(x) - lab_f(y)), 200 * (lab_f(y) - lab_f(z)) };
  return o;
}

static double deg(double r) {
  double d = r * 180.0 / M_PI;
  return d < 0 ? d + 360 : d;
}

static double rad(double d) {
  return d * M_PI / 180.0;
}

/* CIEDE2000 (Sharma, Wu and Dalal 2005), kL = kC = kH = 1. */
static double de2000(lab x, lab y) {
  double c1 = hypot(x.a, x.b), c2 = hypot(y.a, y.b), cb = (c1 + c2) / 2;
  double g = 0.5 * (1 - sqrt(pow(cb, 7) / (pow(cb, 7) + pow(25, 7))));
  double a1 = (1 + g) * x.a, a2 = (1 + g) * y.a;
  double c1p = hypot(a1, x.b), c2p = hypot(a2, y.b);
  double h1 = deg(atan2(x.b, a1)), h2 = deg(atan2(y.b, a2));
  double dh = 0, hb = h1 + h2;
  if (c1p * c2p != 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
    hb = fabs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }
  double dl = y.l - x.l, dc = c2p - c1p, dhh = 2 * sqrt(c1p * c2p) * sin(rad(dh / 2));
  double lb = (x.l + y.l) / 2, cbp = (c1p + c2p) / 2;
  double t = 1 - 0.17 * cos(rad(hb - 30)) + 0.24 * cos(rad(2 * hb)) + 0.32 * cos(rad(3 * hb + 6)) -
             0.20 * cos(rad(4 * hb - 63));
  double dth = 30 * exp(-pow((hb - 275) / 25, 2));
  double rc = 2 * sqrt(pow(cbp, 7) / (pow(cbp, 7) + pow(25, 7)));
  double sl = 1 + 0.015 * (lb - 50) * (lb - 50) / sqrt(20 + (lb - 50) * (lb - 50));
  double sc = 1 + 0.045 * cbp, sh = 1 + 0.015 * cbp * t, rt = -sin(rad(2 * dth)) * rc;
  return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

static double contrast(rgb x, rgb y) {
  double a = luminance(x) + 0.05, b = luminance(y) + 0.05;
  return a > b ? a / b : b / a;
}

/* The colour the stylesheet gives the custom property name ("--weak"), as hex digits. */
static rgb css_colour(const char *name) {
  char want[32];
  snprintf(want, sizeof want, "%s:#", name);
  const char *p = strstr(sbx__report_css, want);
  assert_non_null(p);
  p += strlen(want);
  assert_true(strspn(p, "0123456789abcdefABCDEF") == 6);
  return from_hex(p);
}

static const char *const fills[] = { "--weak", "--watch", "--ok", "--strength" };
#define NFILLS (sizeof fills / sizeof fills[0])

/* The smallest ΔE00 of a pair under kind; pair names in *worst. */
static double min_de(const rgb *c, size_t n, int kind, size_t worst[2]) {
  double best = INFINITY;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      double d = de2000(to_lab(simulate(c[i], kind)), to_lab(simulate(c[j], kind)));
      if (d < best) best = d, worst[0] = i, worst[1] = j;
    }
  return best;
}

static double min_dl(const rgb *c, size_t n, size_t worst[2]) {
  double best = INFINITY;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      double d = fabs(to_lab(c[i]).l - to_lab(c[j]).l);
      if (d < best) best = d, worst[0] = i, worst[1] = j;
    }
  return best;
}

static void test_fills_apart_under_cvd(void **state) {
  (void)state;
  rgb c[NFILLS];
  for (size_t i = 0; i < NFILLS; i++) c[i] = css_colour(fills[i]);
  static const char *const kinds[] = { "normal vision", "protanopia", "deuteranopia" };
  for (int k = NORMAL; k <= DEUTAN; k++) {
    size_t w[2] = { 0, 0 };
    double d = min_de(c, NFILLS, k, w);
    printf("# %s: smallest CIEDE2000 %.1f (%s / %s)\n", kinds[k], d, fills[w[0]], fills[w[1]]);
    if (d < MIN_DE00)
      fail_msg("%s: %s and %s are only %.1f apart (CIEDE2000); at least %.0f needed", kinds[k],
               fills[w[0]], fills[w[1]], d, MIN_DE00);
  }
}

static void test_fills_apart_in_greyscale(void **state) {
  (void)state;
  rgb c[NFILLS];
  for (size_t i = 0; i < NFILLS; i++) c[i] = css_colour(fills[i]);
  size_t w[2] = { 0, 0 };
  double d = min_dl(c, NFILLS, w);
  printf("# greyscale: smallest L* difference %.1f (%s / %s)\n", d, fills[w[0]], fills[w[1]]);
  if (d < MIN_DL)
    fail_msg("greyscale: %s and %s differ by only %.1f in L*; at least %.0f needed", fills[w[0]], fills[w[1]],
             d, MIN_DL);
}

static void test_text_on_fills_aa(void **state) {
  (void)state;
  rgb ink = css_colour("--ink");
  for (size_t i = 0; i < NFILLS; i++) {
    double r = contrast(ink, css_colour(fills[i]));
    printf("# ink on %s: %.2f:1\n", fills[i], r);
    if (r < MIN_CONTRAST) fail_msg("text on %s has contrast %.2f:1; WCAG AA needs 4.5:1", fills[i], r);
  }
}

/* The checks can fail: a red and a green of nearly the same lightness. */
static void test_checks_see_a_bad_pair(void **state) {
  (void)state;
  rgb bad[2] = { from_hex("e06666"), from_hex("6aa84f") };
  size_t w[2];
  assert_true(min_de(bad, 2, NORMAL, w) > MIN_DE00);
  assert_true(min_de(bad, 2, DEUTAN, w) < MIN_DE00);
  assert_true(min_dl(bad, 2, w) < MIN_DL);
  /* CIEDE2000 reference pair 1 of Sharma et al.: 2.0425. */
  lab p = { 50, 2.6772, -79.7751 }, q = { 50, 0, -82.7485 };
  assert_true(fabs(de2000(p, q) - 2.0425) < 1e-4);
  /* WCAG: black on white is 21:1. */
  assert_true(fabs(contrast(from_hex("000000"), from_hex("ffffff")) - 21.0) < 1e-5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fills_apart_under_cvd),
    cmocka_unit_test(test_fills_apart_in_greyscale),
    cmocka_unit_test(test_text_on_fills_aa),
    cmocka_unit_test(test_checks_see_a_bad_pair),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

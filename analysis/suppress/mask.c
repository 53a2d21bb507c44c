/* Masking of identifiers in free text, as a small byte scanner (no regex): e-mail
 * addresses, phone numbers (Swedish national 08-123 456 78, 070-123 45 67, and
 * international +46 70 123 45 67, 0046 ...), Swedish personal identity and
 * co-ordination numbers (YYMMDD-XXXX, YYMMDD+XXXX, YYYYMMDD-XXXX, YYYYMMDDXXXX).
 * Bytes of 0x80 and above (UTF-8: å, ä, ö) count as letters. The scan runs over a
 * folded copy where every Unicode dash is '-', every space variant ' ', zero-width
 * characters are gone and full-width digits and @ are ASCII, so "070–123 45 67" or
 * "850412‑1234" is found as its ASCII twin; the marks are then mapped back. */
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

enum { TOK_NONE = 0, TOK_EMAIL, TOK_PHONE, TOK_PIN, TOK_START = 0x80 };

static int digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int letter(unsigned char c) { return alpha(c) || c >= 0x80; }

static int local_char(unsigned char c) {
  return digit(c) || letter(c) || (c && strchr(".!#$%&'*+/=?^_`{|}~-", c));
}

static int domain_char(unsigned char c) {
  return digit(c) || letter(c) || c == '-' || c == '.';
}

/* The address around the '@' at `at`, not reaching back before `floor`. */
static int email_at(const unsigned char *s, size_t len, size_t at, size_t floor, size_t *b,
                    size_t *e) {
  size_t i = at;
  while (i > floor && local_char(s[i - 1])) i--;
  while (i < at && !digit(s[i]) && !letter(s[i])) i++; /* "(anna@x.se", "/c@d.se" */
  if (i == at) return 0;
  size_t j = at + 1;
  while (j < len && domain_char(s[j])) j++;
  while (j > at + 1 && (s[j - 1] == '.' || s[j - 1] == '-')) j--;
  size_t dot = SBX_NONE;
  for (size_t d = at + 1; d < j; d++)
    if (s[d] == '.') dot = d;
  if (dot == SBX_NONE || dot == at + 1 || dot + 1 >= j || s[at + 1] == '.') return 0;
  *b = i;
  *e = j;
  return 1;
}

static size_t run_of_digits(const unsigned char *s, size_t len, size_t i) {
  size_t j = i;
  while (j < len && digit(s[j])) j++;
  return j - i;
}

static int two(const unsigned char *p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

/* YYMMDD (or CCYYMMDD): a month, and a day or a co-ordination day (day + 60). */
static int plausible_date(const unsigned char *p, int century) {
  if (century) {
    int cc = two(p);
    if (cc < 18 || cc > 20) return 0;
    p += 2;
  }
  int mm = two(p + 2), dd = two(p + 4);
  return mm >= 1 && mm <= 12 && ((dd >= 1 && dd <= 31) || (dd >= 61 && dd <= 91));
}

/* The Luhn check over YYMMDDXXXX, as the Swedish Tax Agency computes it. */
static int luhn10(const unsigned char *p) {
  int sum = 0;
  for (int i = 0; i < 10; i++) {
    int d = (p[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 == 0;
}

/* A personal identity number starting at i (a digit not preceded by one). With a
 * separator the date alone decides; without one a number starting with 0 must also
 * pass the Luhn check, so that 0701234567 stays a phone number. */
static int pin_at(const unsigned char *s, size_t len, size_t i, size_t *e) {
  size_t d = run_of_digits(s, len, i);
  if (d == 10 || d == 12) {
    const unsigned char *yy = s + i + (d == 12 ? 2 : 0);
    if (!plausible_date(s + i, d == 12)) return 0;
    if (d == 10 && s[i] == '0' && !luhn10(yy)) return 0;
    *e = i + d;
    return 1;
  }
  if (d != 6 && d != 8) return 0;
  /* The separator: "-", "+" or a space, also " - " as some write it. */
  size_t j = i + d;
  if (j < len && s[j] == ' ') j++;
  if (j < len && (s[j] == '-' || s[j] == '+')) j++;
  if (j < len && s[j] == ' ' && j > i + d && s[j - 1] != ' ') j++;
  if (j == i + d || run_of_digits(s, len, j) != 4 || !plausible_date(s + i, d == 8)) return 0;
  *e = j + 4;
  return 1;
}

static int phone_sep(unsigned char c) { return c == ' ' || c == '-' || c == '(' || c == ')'; }

/* Is a number of `digits` digits, written as it started, a phone number? National
 * numbers have 8 to 10 digits and an area code of 2 to 4 (two only for 08). */
static int phone_ok(int intl, size_t digits, size_t first, int stockholm) {
  if (intl == 1) return digits >= 8 && digits <= 15;
  if (intl == 2) return digits >= 10 && digits <= 17;
  return digits >= 8 && digits <= 10 && first >= 2 && (first != 2 || stockholm);
}

/* A phone number starting at i: digit groups joined by up to three of space, hyphen
 * and brackets; the longest prefix that ends a group and looks like a number wins. It
 * stops before text already masked (m), as if the token were there. */
static int phone_at(const unsigned char *s, const unsigned char *m, size_t len, size_t i,
                    size_t *e) {
  size_t j = i;
  int intl = 0;
  if (s[j] == '+') intl = 1, j++;
  else if (s[j] == '(') j++;
  if (j >= len || !digit(s[j]) || (!intl && s[j] != '0')) return 0;
  if (!intl && j + 1 < len && s[j + 1] == '0') intl = 2;
  int stockholm = !intl && j + 1 < len && s[j + 1] == '8';
  size_t digits = 0, first = 0, best = 0;
  for (;;) {
    size_t g = run_of_digits(s, len, j);
    digits += g;
    j += g;
    if (!first) first = g;
    if (phone_ok(intl, digits, first, stockholm)) best = j;
    size_t k = j;
    while (k < len && k - j < 4 && phone_sep(s[k]) && !m[k]) k++;
    if (k == j || k - j > 3 || k >= len || !digit(s[k]) || m[k]) break;
    j = k;
  }
  if (!best) return 0;
  *e = best;
  return 1;
}

static void mark(unsigned char *m, size_t b, size_t e, unsigned char tok) {
  for (size_t i = b; i < e; i++) m[i] = tok;
  m[b] = (unsigned char)(tok | TOK_START);
}

static int free_span(const unsigned char *m, size_t b, size_t e) {
  for (size_t i = b; i < e; i++)
    if (m[i]) return 0;
  return 1;
}

static void find_numbers(const unsigned char *s, size_t len, unsigned char *m) {
  for (size_t i = 0; i < len;) {
    /* The end of a masked span counts as a boundary, as its token will. */
    unsigned char c = s[i], prev = i && !m[i - 1] ? s[i - 1] : ' ';
    size_t e;
    int start = !m[i] && (digit(c) || c == '+' || c == '(') && !digit(prev) &&
                !alpha(prev) && prev != '+';
    if (start && digit(c) && pin_at(s, len, i, &e) && free_span(m, i, e)) {
      mark(m, i, e, TOK_PIN);
      i = e;
    } else if (start && phone_at(s, m, len, i, &e) && free_span(m, i, e)) {
      mark(m, i, e, TOK_PHONE);
      i = e;
    } else {
      i += digit(c) ? run_of_digits(s, len, i) : 1;
    }
  }
}

static const char *token(unsigned char tok) {
  switch (tok & ~TOK_START) {
  case TOK_EMAIL: return SBX_MASK_EMAIL;
  case TOK_PHONE: return SBX_MASK_PHONE;
  default: return SBX_MASK_PIN;
  }
}

static char *emit(const unsigned char *s, size_t len, const unsigned char *m, size_t *nmasked) {
  size_t out = 0, count = 0;
  for (size_t i = 0; i < len; i++)
    out += m[i] & TOK_START ? strlen(token(m[i])) : m[i] ? 0 : 1;
  char *r = sbx__malloc(out + 1), *w = r;
  if (!r) return NULL;
  for (size_t i = 0; i < len; i++) {
    if (m[i] & TOK_START) {
      const char *t = token(m[i]);
      memcpy(w, t, strlen(t));
      w += strlen(t);
      count++;
    } else if (!m[i]) {
      *w++ = (char)s[i];
    }
  }
  *w = '\0';
  if (nmasked) *nmasked = count;
  return r;
}

#define KEEP_AS_IS (-1) /* fold_char(): the sequence stays as it is */

/* What a UTF-8 sequence at s folds to: a byte ('-', ' ', a digit, '@'), 0 to drop it
 * (zero-width), or KEEP_AS_IS; *n is its length. */
static int fold_char(const unsigned char *s, size_t left, size_t *n) {
  *n = 1;
  if (s[0] == '\t') return ' ';
  if (s[0] < 0x80 || left < 2) return KEEP_AS_IS;
  unsigned a = s[0], b = s[1], c = left >= 3 ? s[2] : 0;
  *n = 2;
  if (a == 0xC2 && b == 0xA0) return ' ';                        /* no-break space */
  if (a == 0xC2 && b == 0xAD) return '-';                        /* soft hyphen */
  if (left < 3 || (c & 0xC0) != 0x80) return *n = 1, KEEP_AS_IS;
  *n = 3;
  if (a == 0xE2 && b == 0x80) {
    if (c <= 0x8A || c == 0xAF) return ' ';                      /* U+2000-200A, U+202F */
    if (c <= 0x8D) return 0;                                     /* U+200B-200D */
    if (c >= 0x90 && c <= 0x95) return '-';                      /* U+2010-2015 */
  }
  if (a == 0xE2 && b == 0x81 && c == 0x9F) return ' ';           /* U+205F */
  if (a == 0xE2 && b == 0x81 && c == 0xA0) return 0;             /* word joiner */
  if (a == 0xE2 && b == 0x88 && c == 0x92) return '-';           /* minus sign */
  if ((a == 0xE3 && b == 0x80 && c == 0x80) || (a == 0xE1 && b == 0x9A && c == 0x80))
    return ' ';                                                  /* U+3000, U+1680 */
  if (a == 0xEF && b == 0xB9 && (c == 0x98 || c == 0xA3)) return '-'; /* small dashes */
  if (a == 0xEF && b == 0xBB && c == 0xBF) return 0;             /* BOM as ZWNBSP */
  if (a == 0xEF && b == 0xBC && c == 0x8D) return '-';           /* full-width hyphen */
  if (a == 0xEF && b == 0xBC && c >= 0x90 && c <= 0x99) return '0' + (int)(c - 0x90);
  if (a == 0xEF && b == 0xBC && c == 0xA0) return '@';
  *n = 1;
  return KEEP_AS_IS;
}

/* The folded copy f of s and, for each folded byte k, the offset pos[k] in s where it
 * starts; dropped characters belong to the folded byte after them (pos[n] is where
 * the dropped tail starts, else len). 0 or SBX_ENOMEM (the caller frees *f and *pos). */
static int fold(unsigned char **f, size_t **pos, size_t *n, const unsigned char *s,
                size_t len) {
  *f = sbx__malloc(len + 1);
  *pos = sbx__malloc((len + 1) * sizeof **pos);
  if (!*f || !*pos) return SBX_ENOMEM;
  size_t k = 0, dropped = SBX_NONE;
  for (size_t i = 0, w; i < len; i += w) {
    int c = fold_char(s + i, len - i, &w);
    if (c == 0) {
      if (dropped == SBX_NONE) dropped = i;
      continue;
    }
    for (size_t j = 0; j < (c == KEEP_AS_IS ? w : 1); j++) {
      (*pos)[k] = j == 0 && dropped != SBX_NONE ? dropped : i + j;
      (*f)[k++] = c == KEEP_AS_IS ? s[i + j] : (unsigned char)c;
    }
    dropped = SBX_NONE;
  }
  (*pos)[k] = dropped != SBX_NONE ? dropped : len;
  (*f)[k] = '\0';
  *n = k;
  return 0;
}

/* Marks over the folded text become marks over the original bytes: folded byte k
 * stands for s[pos[k] .. pos[k + 1]). */
static void unfold_marks(const unsigned char *mf, const size_t *pos, size_t n,
                         unsigned char *m) {
  for (size_t k = 0; k < n; k++) {
    if (!mf[k]) continue;
    m[pos[k]] = mf[k];
    for (size_t i = pos[k] + 1; i < pos[k + 1]; i++) m[i] = (unsigned char)(mf[k] & ~TOK_START);
  }
}

static void find_all(const unsigned char *s, size_t len, unsigned char *m) {
  for (size_t i = 0, floor = 0, b, e; i < len; i++) {
    if (s[i] == '@' && email_at(s, len, i, floor, &b, &e)) {
      mark(m, b, e, TOK_EMAIL);
      floor = e;
      i = e - 1;
    }
  }
  find_numbers(s, len, m);
}

char *sbx__mask_text(const char *text, size_t *nmasked) {
  const unsigned char *s = (const unsigned char *)text;
  size_t len = strlen(text), n = 0;
  unsigned char *m = sbx__calloc(len ? len : 1, 1), *f = NULL, *mf = NULL;
  size_t *pos = NULL;
  char *r = NULL;
  if (!m || fold(&f, &pos, &n, s, len) || !(mf = sbx__calloc(n ? n : 1, 1))) goto cleanup;
  find_all(f, n, mf);
  unfold_marks(mf, pos, n, m);
  r = emit(s, len, m, nmasked);
cleanup:
  sbx__free(m);
  sbx__free(f);
  sbx__free(mf);
  sbx__free(pos);
  return r;
}

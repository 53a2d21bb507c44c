/* Free-text comments in the report and in their appendix (comments.html): grouped by
 * question with the question's text, identical comments (same words, whatever the case
 * and spacing) shown once with a count, comments that are nothing but masked
 * placeholders left out, counts in grammatical Swedish and English, and themes: the
 * boxes each comment speaks of by the keyword lexicon (reports/themes). The analysis
 * has already decided which comments may be shown, and under which unit (docs/confidentiality.md,
 * section 5); here a comment is shown only under a visible unit. */
#include "reports/html/html.h"
#include "reports/catalog/catalog.h"
#include "reports/themes/themes.h"
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Distinct comments shown per question on a förvaltning page; the rest are in the
 * appendix. */
#define SHOWN_PER_QUESTION 6

typedef struct group {
  const char *text;    /* the first comment's masked text */
  char *norm;          /* folded for comparison */
  size_t count, first;
  unsigned themes;
} group;

/* Case-folded (ASCII), spacing collapsed, trailing full stops and exclamation marks
 * dropped: "Bra chef!" and "bra  chef" are the same comment. */
static char *normalise(const char *s) {
  size_t n = strlen(s), k = 0;
  char *o = sbx__malloc(n + 1);
  if (!o) return NULL;
  int space = 1;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!space) o[k++] = ' ';
      space = 1;
      continue;
    }
    o[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    space = 0;
  }
  while (k > 0 && (o[k - 1] == ' ' || o[k - 1] == '.' || o[k - 1] == '!')) k--;
  o[k] = '\0';
  return o;
}

/* Is there anything left once the masking tokens, spaces and punctuation are gone? */
int sbx__comment_is_placeholder(const char *s) {
  static const char *const tok[] = { SBX_MASK_EMAIL, SBX_MASK_PHONE, SBX_MASK_PIN };
  while (*s) {
    size_t skip = 0;
    for (size_t t = 0; t < 3 && !skip; t++)
      if (strncmp(s, tok[t], strlen(tok[t])) == 0) skip = strlen(tok[t]);
    unsigned char c = (unsigned char)*s;
    if (!skip && (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                  (c >= 'A' && c <= 'Z')))
      return 0;
    s += skip ? skip : 1;
  }
  return 1;
}

/* May comment i be shown under root's subtree (or, with own, only under root itself)? */
static int belongs(const sbx__html *h, size_t i, size_t root, int own) {
  const sbx_comment_out *c = &h->res->comment[i];
  if (!c->text || c->unit >= h->res->nunit || !sbx__unit_visible(h->res, c->unit)) return 0;
  if (own) return c->unit == root;
  return !h->res->org || sbx__org_is_within(h->res->org, c->unit, root);
}

static int cmp_group(const void *a, const void *b) {
  const group *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

static void groups_free(group *g, size_t n) {
  for (size_t i = 0; i < n; i++) sbx__free(g[i].norm);
  sbx__free(g);
}

/* The distinct comments to question q under root, most frequent first; *total counts
 * every comment among them. Returns the number of groups; *out NULL when none. */
static size_t build_groups(sbx__html *h, size_t root, int own, size_t q, group **out,
                           size_t *total) {
  group *g = NULL;
  size_t n = 0, cap = 0;
  *total = 0;
  for (size_t i = 0; i < h->res->ncomment; i++) {
    const sbx_comment_out *c = &h->res->comment[i];
    if (c->question != q || !belongs(h, i, root, own) || sbx__comment_is_placeholder(c->text))
      continue;
    char *norm = normalise(c->text);
    if (!norm) goto nomem;
    size_t k = 0;
    while (k < n && strcmp(g[k].norm, norm) != 0) k++;
    (*total)++;
    if (k < n) {
      g[k].count++;
      sbx__free(norm);
      continue;
    }
    unsigned themes;
    if (sbx__themes_of(&themes, h->lex, c->text) || sbx__grow(&g, &cap, n + 1, sizeof *g)) {
      sbx__free(norm);
      goto nomem;
    }
    g[n++] = (group){ c->text, norm, 1, i, themes };
  }
  if (n) qsort(g, n, sizeof *g, cmp_group);
  *out = g;
  return n;
nomem:
  h->bad = 1;
  groups_free(g, n);
  *out = NULL;
  *total = 0;
  return 0;
}

/* "1 kommentar" / "3 kommentarer": key.1 for one, key.n otherwise, {n} filled. */
char *sbx__h_plural(sbx__html *h, const char *key, size_t n) {
  char k[64];
  snprintf(k, sizeof k, "%s.%s", key, n == 1 ? "1" : "n");
  const char *kv[] = { "n", sbx__h_int(h, n), NULL };
  return sbx__h_fill(h, k, kv);
}

static void themes_line(sbx__html *h, xmlNodePtr parent, unsigned set) {
  if (!set) return;
  char buf[256] = "";
  for (int b = 0; b < SBX_BOX_COUNT; b++) {
    if (!(set & (1u << b))) continue;
    size_t sc = sbx__h_box_scale(h, (sbx_box)b);
    size_t used = strlen(buf);
    snprintf(buf + used, sizeof buf - used, "%s%s", used ? ", " : "",
             sc != SBX_NONE ? sbx__h_scale_name(h, sc) : sbx_box_id((sbx_box)b));
  }
  const char *kv[] = { "boxes", buf, NULL };
  xmlNodePtr p = sbx__h_sentence(h, parent, "span", "comments.tagged", kv);
  sbx__h_attr(h, p, "class", "muted");
}

/* One question's comments: a heading with the question and its count, the distinct
 * comments (at most max, 0 = all) each with its count and themes, and how many more
 * there are in the appendix. */
static void question_block(sbx__html *h, xmlNodePtr parent, size_t root, int own, size_t q,
                           size_t max, const char *htag) {
  group *g;
  size_t total, n = build_groups(h, root, own, q, &g, &total);
  if (n == 0) return;
  xmlNodePtr hd = sbx__h_el(h, parent, htag, sbx__text_get(&h->res->survey->free_text[q].text,
                                                          h->lang));
  char *cnt = sbx__h_plural(h, "comments.count", total);
  sbx__h_text(h, hd, " ");
  sbx__h_elc(h, hd, "span", "count", cnt ? cnt : "");
  sbx__free(cnt);
  size_t shown = 0, rest = 0;
  for (size_t i = 0; i < n; i++) {
    if (max && shown == max) {
      rest += g[i].count;
      continue;
    }
    shown++;
    xmlNodePtr bq = sbx__h_el(h, parent, "blockquote", g[i].text);
    if (g[i].count > 1) {
      char *same = sbx__h_plural(h, "comments.same", g[i].count);
      sbx__h_text(h, bq, " ");
      sbx__h_elc(h, bq, "span", "count", same ? same : "");
      sbx__free(same);
    }
    if (g[i].themes) {
      sbx__h_text(h, bq, " ");
      themes_line(h, bq, g[i].themes);
    }
  }
  if (rest) {
    char *more = sbx__h_plural(h, "comments.more", rest);
    sbx__h_el(h, parent, "p", more ? more : "");
    sbx__free(more);
  }
  groups_free(g, n);
}

void sbx__comments_unit(sbx__html *h, xmlNodePtr parent, size_t unit) {
  size_t total = 0;
  for (size_t i = 0; i < h->res->ncomment; i++)
    total += belongs(h, i, unit, 0) && !sbx__comment_is_placeholder(h->res->comment[i].text);
  if (!total) return;
  xmlNodePtr div = sbx__h_elc(h, parent, "div", "comments", NULL);
  sbx__h_label(h, div, "h4", "units.comments");
  sbx__h_label(h, div, "p", "comments.intro");
  for (size_t q = 0; q < h->res->survey->nfree_text; q++)
    question_block(h, div, unit, 0, q, SHOWN_PER_QUESTION, "h5");
}

/* Comments per theme (box) in one unit's subtree, or the unit's own with own. */
static void theme_counts(sbx__html *h, size_t root, int own, size_t *count) {
  memset(count, 0, SBX_BOX_COUNT * sizeof *count);
  for (size_t i = 0; i < h->res->ncomment; i++) {
    if (!belongs(h, i, root, own) || sbx__comment_is_placeholder(h->res->comment[i].text))
      continue;
    unsigned set;
    if (sbx__themes_of(&set, h->lex, h->res->comment[i].text)) h->bad = 1;
    for (int b = 0; b < SBX_BOX_COUNT; b++) count[b] += (set >> b) & 1u;
  }
}

/* Which units' comments are grouped together: the whole organisation's own (comments
 * that can only be shown there), then each förvaltning and bolag with its subtree. */
static int comment_root(const sbx__html *h, size_t u, int *own) {
  *own = u == 0;
  return u == 0 || !h->res->org || h->res->org->unit[u].depth == 1;
}

void sbx__comments_themes_table(sbx__html *h, xmlNodePtr parent) {
  xmlNodePtr tb = NULL;
  for (size_t u = 0; u < h->res->nunit; u++) {
    int own;
    size_t count[SBX_BOX_COUNT], any = 0;
    if (!comment_root(h, u, &own) || !sbx__unit_visible(h->res, u)) continue;
    theme_counts(h, u, own, count);
    for (int b = 0; b < SBX_BOX_COUNT; b++) any += count[b];
    if (!any) continue;
    if (!tb) {
      sbx__h_label(h, parent, "h3", "comments.themes");
      const char *name = sbx__lexicon_name(h->lex);
      sbx__h_sentence(h, parent, "p", "comments.themes-intro",
                      (const char *const[]){ "lexicon", name ? name : "", NULL });
      tb = sbx__h_table(h, parent, "comments.themes-table", (const char *const[]){ "col.unit", NULL });
      xmlNodePtr head = tb ? xmlPreviousElementSibling(tb) : NULL; /* <thead> */
      for (int b = 0; b < SBX_BOX_COUNT && head; b++) {
        size_t sc = sbx__h_box_scale(h, (sbx_box)b);
        xmlNodePtr th = sbx__h_el(h, head->children, "th",
                                  sc != SBX_NONE ? sbx__h_scale_name(h, sc) : sbx_box_id((sbx_box)b));
        sbx__h_attr(h, th, "scope", "col");
      }
    }
    xmlNodePtr tr = sbx__h_tr(h, tb);
    sbx__h_th_row(h, tr, own ? sbx__h_msg(h, "comments.whole-own") : sbx__h_unit_name(h, u));
    for (int b = 0; b < SBX_BOX_COUNT; b++) sbx__h_tdn(h, tr, sbx__h_int(h, count[b]));
  }
}

/* ---- comments.html: every comment the rules allow, for leadership to open -------- */

static int appendix(sbx__html *h, xmlNodePtr body) {
  if (!body) return SBX_ENOMEM;
  xmlNodePtr main = sbx__h_el(h, body, "main", NULL);
  const char *org = h->res->org ? sbx__text_get(&h->res->org->name, h->lang) : "";
  sbx__h_label(h, main, "h1", "comments.title");
  if (*org) sbx__h_el(h, main, "p", org);
  char k[16];
  snprintf(k, sizeof k, "%d", h->res->opts.min_comment_group);
  const char *kv[] = { "m", k, NULL };
  sbx__h_sentence(h, main, "p", "comments.appendix-intro", kv);
  sbx__h_label(h, main, "p", "comments.intro");
  sbx__comments_themes_table(h, main);
  size_t any = 0;
  for (size_t u = 0; u < h->res->nunit; u++) {
    int own;
    if (sbx__cancelled(h->opts)) return 1;
    if (!comment_root(h, u, &own) || !sbx__unit_visible(h->res, u)) continue;
    size_t total = 0;
    for (size_t i = 0; i < h->res->ncomment; i++)
      total += belongs(h, i, u, own) && !sbx__comment_is_placeholder(h->res->comment[i].text);
    if (!total) continue;
    any++;
    xmlNodePtr sec = sbx__h_el(h, main, "section", NULL);
    sbx__h_el(h, sec, "h2", own ? sbx__h_msg(h, "comments.whole-own") : sbx__h_unit_name(h, u));
    for (size_t q = 0; q < h->res->survey->nfree_text; q++)
      question_block(h, sec, u, own, q, 0, "h3");
  }
  if (!any) sbx__h_label(h, main, "p", "comments.none");
  return h->bad ? SBX_ENOMEM : 0;
}

int sbx_report_write_comments_html(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                   sbx_ctx *ctx) {
  return sbx__html_write(f, res, opts, "comments.title", appendix, ctx);
}

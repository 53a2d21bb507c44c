/* The page and the terminal table of `sixbox progress`: responses so far per unit
 * against the organisation file's headcount, lowest response rate first, for
 * reminders while the survey is open. They print only what the results allow (see
 * analysis/stats/progress.c): a hidden unit as a band with no rate, a headcount that
 * is exceeded as an error in the organisation file. The order uses nothing of a
 * hidden unit but its headcount from the organisation file. */
#include "reports/catalog/catalog.h"
#include "reports/html/html.h"
#include "surveys/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct prow {
  size_t u;
  int group;             /* hidden, rated, no rate, headcount error */
  double key;
} prow;

static int by_group(const void *a, const void *b) {
  const prow *x = a, *y = b;
  if (x->group != y->group) return x->group < y->group ? -1 : 1;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->u < y->u ? -1 : x->u > y->u;
}

/* The units below the root in display order: the hidden ones (largest headcount
 * first: the lowest rates are likely there), the rest by response rate, lowest first,
 * then those without a rate and those whose headcount is exceeded. */
static prow *ordered(const sbx_results *res, size_t *n) {
  *n = res->nunit > 1 ? res->nunit - 1 : 0;
  prow *r = sbx__calloc(*n ? *n : 1, sizeof *r);
  if (!r) return NULL;
  for (size_t i = 0; i < *n; i++) {
    const sbx_unit_result *ur = &res->unit[i + 1];
    prow *p = &r[i];
    p->u = i + 1;
    if (ur->suppressed) {
      p->group = 0;
      p->key = ur->headcount >= 0 ? -(double)ur->headcount : 0;
    } else if (ur->rate_flag == SBX_RATE_OK || ur->rate_flag == SBX_RATE_LOW) {
      p->group = 1;
      p->key = ur->rate;
    } else {
      p->group = ur->rate_flag == SBX_RATE_OVER ? 3 : 2;
    }
  }
  qsort(r, *n, sizeof *r, by_group);
  return r;
}

static const char *headcount_text(sbx__html *h, size_t u) {
  long hc = h->res->unit[u].headcount;
  return hc >= 0 ? sbx__h_int(h, (size_t)hc) : "\xe2\x80\x93";
}

/* A hidden unit's count: one text for both reasons. "Fewer than k" for some and
 * "hidden to protect another" for the rest would say the latter have at least k, and
 * with the headcount beside it (k employees, say) that can be the exact count. */
static const char *count_text(sbx__html *h, size_t u) {
  if (sbx__unit_visible(h->res, u)) return sbx__h_int(h, h->res->unit[u].n);
  char *b = h->ring[h->next];
  h->next = (h->next + 1) % (sizeof h->ring / sizeof h->ring[0]);
  const char *kk[] = { "k", sbx__h_int(h, (size_t)h->res->opts.min_group), NULL };
  char *t = sbx__h_fill(h, "progress.hidden-cell", kk);
  snprintf(b, sizeof h->ring[0], "%s", t ? t : "");
  sbx__free(t);
  return b;
}

static const char *parent_name(sbx__html *h, size_t u) {
  size_t p = sbx__unit_parent(h->res, u);
  return p == SBX_NONE ? "" : sbx__h_unit_name(h, p);
}

/* The whole organisation in one sentence. */
static char *whole_text(sbx__html *h) {
  const sbx_unit_result *root = &h->res->unit[0];
  const char *k = sbx__h_int(h, (size_t)h->res->opts.min_group);
  const char *kv[] = { "n", sbx__h_int(h, root->n), "headcount", headcount_text(h, 0), "rate",
                       sbx__h_rate(h, 0), "k", k, NULL };
  const char *key = root->suppressed ? "progress.whole-hidden"
                    : root->rate_flag == SBX_RATE_OK || root->rate_flag == SBX_RATE_LOW
                        ? "progress.whole"
                    : root->rate_flag == SBX_RATE_OVER ? "progress.whole-over" : "progress.whole-unknown";
  return sbx__h_fill(h, key, kv);
}

/* One sentence per visible unit whose headcount is exceeded, naming the file's line. */
static char *over_text(sbx__html *h, size_t u) {
  const sbx_unit *un = &h->res->org->unit[u];
  char line[32];
  snprintf(line, sizeof line, "%ld", un->line);
  const char *kv[] = { "unit", sbx__h_unit_name(h, u), "id", un->id, "n",
                       sbx__h_int(h, h->res->unit[u].n), "headcount", headcount_text(h, u),
                       "file", h->res->org->source ? h->res->org->source : "", "line", line, NULL };
  return sbx__h_fill(h, un->headcount >= 0 ? "progress.over" : "progress.over-sum", kv);
}

static void html_sentence(sbx__html *h, xmlNodePtr parent, const char *tag, char *text) {
  sbx__h_el(h, parent, tag, text ? text : "");
  sbx__free(text);
}

static void html_header(sbx__html *h, xmlNodePtr body) {
  xmlNodePtr hdr = sbx__h_el(h, body, "header", NULL);
  const char *org = sbx__text_get(&h->res->org->name, h->lang);
  const char *kt[] = { "org", *org ? org : h->res->org->id, NULL };
  sbx__h_sentence(h, hdr, "h1", "progress.heading", kt);
  const char *survey = sbx__text_get(&h->res->survey->title, h->lang);
  const char *ks[] = { "survey", *survey ? survey : h->res->survey->id, NULL };
  sbx__h_sentence(h, hdr, "p", "progress.intro", ks);
  if (h->opts && h->opts->generated) {
    const char *kd[] = { "date", h->opts->generated, NULL };
    sbx__h_sentence(h, hdr, "p", "progress.asof", kd);
  }
}

static void html_row(sbx__html *h, xmlNodePtr table, size_t u) {
  xmlNodePtr tr = sbx__h_tr(h, table);
  xmlNodePtr th = sbx__h_th_row(h, tr, sbx__h_unit_name(h, u));
  const char *part = parent_name(h, u);
  if (*part) {
    char *p = sbx__asprintf("(%s)", part);
    sbx__h_text(h, th, " ");
    sbx__h_elc(h, th, "small", NULL, p ? p : "");
    if (!p) h->bad = 1;
    sbx__free(p);
  }
  sbx__h_tdn(h, tr, headcount_text(h, u));
  if (!sbx__unit_visible(h->res, u)) {
    sbx__h_elc(h, tr, "td", "hidden-cell", count_text(h, u));
    sbx__h_tdn(h, tr, "\xe2\x80\x93");
  } else {
    sbx__h_tdn(h, tr, count_text(h, u));
    sbx__h_rate_cell(h, tr, u);
  }
}

static int html_build(sbx__html *h, xmlNodePtr body) {
  if (!body) return SBX_ENOMEM;
  html_header(h, body);
  h->main = sbx__h_el(h, body, "main", NULL);
  html_sentence(h, h->main, "p", whole_text(h));
  for (size_t u = 1; u < h->res->nunit; u++)
    if (sbx__unit_visible(h->res, u) && h->res->unit[u].rate_flag == SBX_RATE_OVER) {
      xmlNodePtr c = sbx__h_elc(h, h->main, "p", "caution-note", NULL);
      sbx__h_attr(h, c, "role", "note");
      sbx__h_label(h, c, "strong", "rate.error");
      sbx__h_text(h, c, " ");
      char *t = over_text(h, u);
      sbx__h_text(h, c, t ? t : "");
      sbx__free(t);
    }
  const char *kk[] = { "k", sbx__h_int(h, (size_t)h->res->opts.min_group), NULL };
  sbx__h_sentence(h, h->main, "p", "progress.hidden", kk);
  size_t n;
  prow *rows = ordered(h->res, &n);
  if (!rows) return SBX_ENOMEM;
  static const char *const cols[] = { "col.unit", "col.headcount", "col.n", "col.rate", NULL };
  xmlNodePtr table = sbx__h_table(h, h->main, "progress.caption", cols);
  for (size_t i = 0; i < n; i++) html_row(h, table, rows[i].u);
  sbx__free(rows);
  xmlNodePtr f = sbx__h_el(h, body, "footer", NULL);
  const char *kv[] = { "version", SIXBOX_VERSION, NULL };
  sbx__h_sentence(h, f, "p", "report.footer", kv);
  return h->bad ? SBX_ENOMEM : 0;
}

int sbx__report_write_progress_html(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                    sbx_ctx *ctx) {
  if (!f || !res || !res->survey || !res->org || res->nunit == 0)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "the progress page needs results");
  sbx__html h;
  xmlNodePtr body = sbx__html_open(&h, res, opts, "progress.title", ctx);
  return sbx__html_finish(&h, html_build(&h, body), f, ctx);
}

/* ---- The terminal table ----------------------------------------------------------- */

/* Characters on a terminal: UTF-8 code points (the names are letters). */
static size_t width(const char *s) {
  size_t w = 0;
  for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
  return w;
}

static void cell(FILE *f, const char *s, size_t w, int right, int last) {
  size_t pad = w > width(s) ? w - width(s) : 0;
  if (right) fprintf(f, "%*s%s", (int)pad, "", s);
  else fprintf(f, "%s%*s", s, last ? 0 : (int)pad, "");
  fputs(last ? "\n" : "  ", f);
}

enum { NCOL = 5 };

/* Column texts of one row (r == NULL: the heading); h's ring keeps them for a row. */
static void row_texts(sbx__html *h, const prow *r, const char *t[NCOL]) {
  if (!r) {
    static const char *const keys[NCOL] = { "col.unit", "progress.col.id", "col.headcount",
                                            "col.n", "col.rate" };
    for (size_t i = 0; i < NCOL; i++) t[i] = sbx__h_msg(h, keys[i]);
    return;
  }
  t[0] = sbx__h_unit_name(h, r->u);
  t[1] = h->res->org->unit[r->u].id;
  t[2] = headcount_text(h, r->u);
  t[3] = count_text(h, r->u);
  t[4] = sbx__h_rate(h, r->u);
}

static void text_table(sbx__html *h, FILE *f, const prow *rows, size_t n) {
  size_t w[NCOL] = { 0 };
  const char *t[NCOL];
  for (size_t i = 0; i <= n; i++) {
    row_texts(h, i ? &rows[i - 1] : NULL, t);
    for (size_t c = 0; c < NCOL; c++)
      if (width(t[c]) > w[c]) w[c] = width(t[c]);
  }
  for (size_t i = 0; i <= n; i++) {
    row_texts(h, i ? &rows[i - 1] : NULL, t);
    for (size_t c = 0; c < NCOL; c++) cell(f, t[c], w[c], c >= 2 && i > 0, c + 1 == NCOL);
  }
}

int sbx__report_write_progress_text(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                                    sbx_ctx *ctx) {
  if (!f || !res || !res->survey || !res->org || res->nunit == 0)
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, NULL, "the progress table needs results");
  sbx__html h;
  memset(&h, 0, sizeof h);
  h.res = res;
  h.opts = opts;
  h.lang = sbx__report_lang(res, opts);
  int rc = sbx__lang_load(&h.msgs, h.lang, ctx);
  if (rc) return rc;
  char *whole = whole_text(&h);
  const char *kk[] = { "k", sbx__h_int(&h, (size_t)res->opts.min_group), NULL };
  char *note = sbx__h_fill(&h, "progress.hidden", kk);
  size_t n;
  prow *rows = ordered(res, &n);
  rc = whole && note && rows ? 0 : sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  if (!rc) {
    if (opts && opts->generated) fprintf(f, "%s %s\n", sbx__h_msg(&h, "progress.title"), opts->generated);
    fprintf(f, "%s\n", whole);
    for (size_t u = 1; u < res->nunit; u++)
      if (sbx__unit_visible(res, u) && res->unit[u].rate_flag == SBX_RATE_OVER) {
        char *o = over_text(&h, u);
        fprintf(f, "%s %s\n", sbx__h_msg(&h, "rate.error"), o ? o : "");
        sbx__free(o);
      }
    fprintf(f, "%s\n\n", note);
    text_table(&h, f, rows, n);
    /* A text that could not be made (h.bad) fails the table as a whole. */
    if (h.bad) rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
    else if (ferror(f)) rc = sbx__error(ctx, SBX_EIO, NULL, 0, NULL, "write error while writing the table");
  }
  sbx__free(whole);
  sbx__free(note);
  sbx__free(rows);
  sbx__lang_free(h.msgs);
  return rc;
}

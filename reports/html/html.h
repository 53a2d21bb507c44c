/* The HTML report's building blocks: a builder that owns the libxml2 document, and
 * helpers for elements, catalogue labels, numbers in the report's language, status
 * badges, tables and SVG charts. Escaping is libxml2's: text and attribute values go
 * into the tree as they are and the serializer escapes them. Library-internal. */
#ifndef SBX_HTML_H
#define SBX_HTML_H

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "reports/catalog/catalog.h"
#include "reports/tables/tables.h"

typedef struct sbx__html {
  xmlDocPtr doc;
  xmlNodePtr main;            /* <main>: the sections go here */
  const sbx_results *res;
  const sbx_report_opts *opts;
  const char *lang;            /* the report's language code */
  sbx__lang *msgs;             /* its catalogue (surveys/lang/lang.h) */
  int lang_rc;                 /* why the catalogue did not load, else 0 */
  int bad;                    /* an allocation failed somewhere */
  char ring[24][64];          /* formatted numbers, reused round-robin */
  unsigned next;
  const struct sbx__lexicon *lex; /* the comment themes' lexicon (reports/themes), or NULL */
} sbx__html;

/* A new document in the report's language with the head (CSP, stylesheet, print
 * footer, <title> from title_key and the organisation); returns <body>, NULL when out
 * of memory or when the language has no catalogue (h->lang_rc, the record in ctx).
 * Then sbx__html_finish() serialises it to f (built: 0 done, 1 cancelled, -1 failed)
 * and frees the tree. */
xmlNodePtr sbx__html_open(sbx__html *h, const sbx_results *res, const sbx_report_opts *opts,
                          const char *title_key, sbx_ctx *ctx);
int sbx__html_finish(sbx__html *h, int built, FILE *f, sbx_ctx *ctx);
/* A whole document: checks the arguments, loads the comment lexicon, opens the page
 * titled by the catalogue's title_key, lets fill build the body, writes it to f. */
int sbx__html_write(FILE *f, const sbx_results *res, const sbx_report_opts *opts,
                    const char *title_key, int (*fill)(sbx__html *h, xmlNodePtr body),
                    sbx_ctx *ctx);

/* Elements. text may be NULL. Every failure sets h->bad; NULL parents are fine. */
xmlNodePtr sbx__h_el(sbx__html *h, xmlNodePtr parent, const char *tag, const char *text);
/* An element with a class attribute. */
xmlNodePtr sbx__h_elc(sbx__html *h, xmlNodePtr parent, const char *tag, const char *cls,
                      const char *text);
void sbx__h_attr(sbx__html *h, xmlNodePtr n, const char *name, const char *value);
void sbx__h_text(sbx__html *h, xmlNodePtr parent, const char *text);
/* An element whose text is the catalogue's label for key. */
xmlNodePtr sbx__h_label(sbx__html *h, xmlNodePtr parent, const char *tag, const char *key);
/* A catalogue sentence with {name} placeholders filled (kv: name, value, ..., NULL)
 * as a new element. */
xmlNodePtr sbx__h_sentence(sbx__html *h, xmlNodePtr parent, const char *tag, const char *key,
                           const char *const *kv);
const char *sbx__h_msg(const sbx__html *h, const char *key);
/* sbx__msg_fill's text (malloc'ed), or NULL with h->bad set when out of memory: a text
 * that could not be made fails the page, never shows as empty. */
char *sbx__h_fill(sbx__html *h, const char *key, const char *const *kv);

/* Numbers for people: fixed decimals, a decimal comma in Swedish, U+2212 for minus.
 * The strings live in h's ring buffer (valid for the next 23 calls). NaN gives "–". */
const char *sbx__h_num(sbx__html *h, double v, int decimals);
const char *sbx__h_int(sbx__html *h, size_t v);
/* A count of people: exact when 0 or at least k, else "färre än k" / "fewer than k". */
const char *sbx__h_count(sbx__html *h, size_t v);
const char *sbx__h_pct(sbx__html *h, double share); /* 0.62 → "62 %" / "62%" */
/* A formatted number with the per cent sign as the language writes it. */
const char *sbx__h_pct_of(sbx__html *h, const char *number);
const char *sbx__h_range(sbx__html *h, double lo, double hi, int decimals);
/* The size band of n for people, with an en dash: "20–49" ("0" for none). */
const char *sbx__h_band(sbx__html *h, size_t n);

/* A section <section id=ID> with <h2> from the catalogue key; returns the section. */
xmlNodePtr sbx__h_section(sbx__html *h, const char *id, const char *title_key);
/* A table with a caption (catalogue key, or NULL); returns the <table>. Header cells
 * with scope="col" from catalogue keys (NULL-terminated). */
xmlNodePtr sbx__h_table(sbx__html *h, xmlNodePtr parent, const char *caption_key,
                        const char *const *col_keys);
/* Table body row, a header cell with scope="row", a data cell. */
xmlNodePtr sbx__h_tr(sbx__html *h, xmlNodePtr table);
xmlNodePtr sbx__h_th_row(sbx__html *h, xmlNodePtr tr, const char *text);
xmlNodePtr sbx__h_td(sbx__html *h, xmlNodePtr tr, const char *text);
/* A numeric data cell (right-aligned). */
xmlNodePtr sbx__h_tdn(sbx__html *h, xmlNodePtr tr, const char *text);

/* Status: css class ("st-weak"...), symbol, catalogue word. */
const char *sbx__h_status_class(sbx_status s);
const char *sbx__h_status_symbol(sbx_status s);
const char *sbx__h_status_word(const sbx__html *h, sbx_status s);
const char *sbx__h_goal_word(const sbx__html *h, sbx_goal_status s);
const char *sbx__h_goal_class(sbx_goal_status s);
/* A badge <span class="badge st-..."><span aria-hidden>SYM</span> word</span>. */
xmlNodePtr sbx__h_badge(sbx__html *h, xmlNodePtr parent, sbx_status s);
xmlNodePtr sbx__h_goal_badge(sbx__html *h, xmlNodePtr parent, sbx_goal_status s);
/* A cell showing a unit × scale figure: mean with symbol, or "fewer than k"/"hidden". */
void sbx__h_cell_figure(sbx__html *h, xmlNodePtr td, size_t unit, size_t scale);
/* The text shown instead of a suppressed unit's figures. */
const char *sbx__h_hidden_text(sbx__html *h, size_t unit, size_t scale);

/* Names in the report's language. */
const char *sbx__h_scale_name(const sbx__html *h, size_t scale);
const char *sbx__h_unit_name(const sbx__html *h, size_t unit);
const char *sbx__h_goal_title(const sbx__html *h, size_t goal);
/* "unit-12": the anchor of a unit's page or row. */
const char *sbx__h_unit_anchor(sbx__html *h, size_t unit);
/* The scale index of a box, or SBX_NONE. */
size_t sbx__h_box_scale(const sbx__html *h, sbx_box box);
/* A unit's headcount: its own, else the sum of its sub-units' when every one is
 * known; -1 when unknown. */
long sbx__h_headcount(const sbx__html *h, size_t unit);
/* Response rates, as the analysis judged them (rates.c). The rate as text: "62 %",
 * "unknown", or the words for a headcount error (never a rate over 100 %, never a hidden
 * unit's). A table cell with it and a caution mark ("!") when low or wrong. A paragraph
 * "n respondents of H employees: rate", with the caution under 50 % or the headcount
 * error; nothing for a hidden unit (for the first page and the förvaltning pages). Is
 * some visible unit at or below root flagged f? */
const char *sbx__h_rate(sbx__html *h, size_t unit);
void sbx__h_rate_cell(sbx__html *h, xmlNodePtr tr, size_t unit);
void sbx__h_rate_note(sbx__html *h, xmlNodePtr parent, size_t unit);
int sbx__h_rate_any(const sbx__html *h, size_t root, sbx_rate_flag f);
/* Number of points of a scale's answer scale (0 if it has no items). */
size_t sbx__h_points(const sbx__html *h, size_t scale);
const sbx_answer_scale *sbx__h_answer_scale(const sbx__html *h, size_t scale);

/* SVG charts (svg.c). Every chart has role="img", an aria-label and a <title>. */
/* Weisbord's circle of boxes for one unit; size in CSS pixels (width). */
void sbx__svg_sixbox(sbx__html *h, xmlNodePtr parent, size_t unit, int width);
/* Bars of counts (n bars) with labels; the caption is the accessible name. */
void sbx__svg_bars(sbx__html *h, xmlNodePtr parent, const size_t *count, size_t n,
                   const char *const *labels, const char *name);
/* Horizontal bars of values with intervals (drivers). */
void sbx__svg_weights(sbx__html *h, xmlNodePtr parent, const sbx_drivers *d, const char *name);

/* The driver with the largest weight (*best) and the next (*next), SBX_NONE where
 * none; 1 when best's interval lies wholly above next's, so that best may be called
 * the strongest (sec_drivers.c). */
int sbx__drivers_top(const sbx_drivers *d, size_t *best, size_t *next);

/* The heatmap table of the units at and below root (sec_heatmap.c). */
void sbx__heatmap_table(sbx__html *h, xmlNodePtr parent, size_t root, const char *caption_key);

/* The focus areas of a box scale, where an action plan starts (sec_actions.c). */
void sbx__actions_focus(sbx__html *h, xmlNodePtr td, size_t scale);
/* One red-thread line for goal gi (sec_thread.c): inriktningsmål → operativt mål
 * (owning unit) → its weak critical box(es) with mean, positive share and n band →
 * the first suggested step. */
void sbx__thread_line(sbx__html *h, xmlNodePtr parent, size_t gi);

/* Comments (comments.c): a förvaltning's comments grouped by question, identical ones
 * once with a count, placeholder-only ones left out, at most a few per question (the
 * rest are in comments.html); the table of comments per theme (box, by keywords) per
 * förvaltning; "1 kommentar"/"2 kommentarer" from key.1/key.n (malloc'ed, NULL when out
 * of memory); is a masked comment nothing but placeholders? */
void sbx__comments_unit(sbx__html *h, xmlNodePtr parent, size_t unit);
void sbx__comments_themes_table(sbx__html *h, xmlNodePtr parent);
char *sbx__h_plural(sbx__html *h, const char *key, size_t n);
int sbx__comment_is_placeholder(const char *s);

/* The "don't know" answers per box and item, whole organisation (dontknow.c). */
void sbx__dont_know_table(sbx__html *h, xmlNodePtr sec);

/* The sections, in report order. */
void sbx__sec_leadership(sbx__html *h);
void sbx__sec_thread(sbx__html *h);
void sbx__sec_heatmap(sbx__html *h);
void sbx__sec_boxes(sbx__html *h);
void sbx__sec_units(sbx__html *h);
void sbx__sec_drivers(sbx__html *h);
/* sec_hme.c: HME beside the boxes; and a goal's indicators with their reading, under
 * goal result g in the red thread. */
void sbx__sec_hme(sbx__html *h);
void sbx__h_goal_indicators(sbx__html *h, xmlNodePtr li, size_t g);
void sbx__sec_actions(sbx__html *h);
void sbx__sec_method(sbx__html *h);
/* The follow-up section (sec_trend.c): trends, comparability, goal timelines, what
 * improved, the handlingsplan's follow-up; nothing without a history or baseline. */
void sbx__sec_trend(sbx__html *h);
/* This wave's and the baseline's name and date as sentences under parent. */
void sbx__trend_waves_line(sbx__html *h, xmlNodePtr parent);
/* The baseline's name and date ("Jämförs med: ...") under parent, for every place that
 * shows a change; nothing without a baseline. */
void sbx__trend_base_line(sbx__html *h, xmlNodePtr parent);
/* May the change of unit u, scale sc since the baseline be shown? (A baseline, the
 * same instrument by fingerprint, the unit's box visible in both waves.) */
int sbx__h_has_change(const sbx__html *h, size_t u, size_t sc);
/* Appends the change to parent: "+0,32 (0,12 – 0,52) ▲", the mark only where the
 * whole interval lies on one side of zero, with words for screen readers; nothing
 * where it may not be shown. Returns 1 when something was written. */
int sbx__h_change(sbx__html *h, xmlNodePtr parent, size_t u, size_t sc);
/* The same for narrow table cells: "+0,32 ▲", then the interval on a line of its own. */
int sbx__h_change_stacked(sbx__html *h, xmlNodePtr parent, size_t u, size_t sc);

/* The report's stylesheet (screen and A4 print). */
extern const char sbx__report_css[];

#endif

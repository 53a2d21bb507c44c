/* Helpers of the HTML report: elements into the libxml2 tree, catalogue labels,
 * numbers formatted for the report's language, tables and status badges. */
#include "reports/html/html.h"
#include "surveys/util.h"
#include "reports/catalog/catalog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

xmlNodePtr sbx__h_el(sbx__html *h, xmlNodePtr parent, const char *tag, const char *text) {
  if (!parent) {
    h->bad = 1;
    return NULL;
  }
  xmlNodePtr n = xmlNewTextChild(parent, NULL, X(tag), text ? X(text) : NULL);
  if (!n) h->bad = 1;
  return n;
}

void sbx__h_attr(sbx__html *h, xmlNodePtr n, const char *name, const char *value) {
  if (!n || !xmlNewProp(n, X(name), X(value ? value : ""))) h->bad = 1;
}

xmlNodePtr sbx__h_elc(sbx__html *h, xmlNodePtr parent, const char *tag, const char *cls,
                      const char *text) {
  xmlNodePtr n = sbx__h_el(h, parent, tag, text);
  if (cls) sbx__h_attr(h, n, "class", cls);
  return n;
}

void sbx__h_text(sbx__html *h, xmlNodePtr parent, const char *text) {
  xmlNodePtr t = xmlNewText(X(text ? text : ""));
  if (!parent || !t || !xmlAddChild(parent, t)) {
    xmlFreeNode(t);
    h->bad = 1;
  }
}

const char *sbx__h_msg(const sbx__html *h, const char *key) { return sbx__msg(h->msgs, key); }

char *sbx__h_fill(sbx__html *h, const char *key, const char *const *kv) {
  char *s = sbx__msg_fill(h->msgs, key, kv);
  if (!s) h->bad = 1;
  return s;
}

xmlNodePtr sbx__h_label(sbx__html *h, xmlNodePtr parent, const char *tag, const char *key) {
  return sbx__h_el(h, parent, tag, sbx__h_msg(h, key));
}

xmlNodePtr sbx__h_sentence(sbx__html *h, xmlNodePtr parent, const char *tag, const char *key,
                           const char *const *kv) {
  char *s = sbx__h_fill(h, key, kv);
  if (!s) return NULL;
  xmlNodePtr n = sbx__h_el(h, parent, tag, s);
  sbx__free(s);
  return n;
}

static char *ring(sbx__html *h) {
  char *b = h->ring[h->next];
  h->next = (h->next + 1) % (sizeof h->ring / sizeof h->ring[0]);
  return b;
}

/* The language's decimal mark (the catalogue's format.decimal, one character) and a
 * real minus sign, in place (buf has room). */
static void localise(const sbx__html *h, char *buf, size_t size) {
  const char *mark = sbx__msg(h->msgs, "format.decimal");
  if (mark[0] && !mark[1] && mark[0] != '.')
    for (char *p = buf; *p; p++)
      if (*p == '.') *p = mark[0];
  if (buf[0] == '-') {
    size_t len = strlen(buf);
    if (len + 3 < size) {
      memmove(buf + 3, buf + 1, len);
      memcpy(buf, "\xe2\x88\x92", 3);
    }
  }
}

const char *sbx__h_num(sbx__html *h, double v, int decimals) {
  char *b = ring(h);
  if (!isfinite(v)) return "\xe2\x80\x93";
  double scale = pow(10, decimals);
  double r = round(v * scale) / scale;
  if (r == 0) r = 0; /* no "-0.00" */
  snprintf(b, 64, "%.*f", decimals, r);
  localise(h, b, 64);
  return b;
}

const char *sbx__h_int(sbx__html *h, size_t v) {
  char *b = ring(h);
  snprintf(b, 64, "%zu", v);
  return b;
}

const char *sbx__h_count(sbx__html *h, size_t v) {
  size_t k = (size_t)h->res->opts.min_group;
  if (v == 0 || v >= k) return sbx__h_int(h, v);
  const char *kk[] = { "k", sbx__h_int(h, k), NULL };
  char *few = sbx__h_fill(h, "supp.fewer", kk), *b = ring(h);
  snprintf(b, 64, "%s", few ? few : "");
  sbx__free(few);
  return b;
}

const char *sbx__h_pct(sbx__html *h, double share) {
  if (!isfinite(share)) return "\xe2\x80\x93";
  return sbx__h_pct_of(h, sbx__h_num(h, share * 100, 0));
}

const char *sbx__h_pct_of(sbx__html *h, const char *number) {
  /* The catalogue's format.percent: "{n} %" with a no-break space in Swedish. */
  char *s = sbx__h_fill(h, "format.percent", (const char *const[]){ "n", number, NULL });
  char *b = ring(h);
  snprintf(b, 64, "%s", s ? s : "");
  sbx__free(s);
  return b;
}

const char *sbx__h_range(sbx__html *h, double lo, double hi, int decimals) {
  if (!isfinite(lo) || !isfinite(hi)) return "\xe2\x80\x93";
  const char *a = sbx__h_num(h, lo, decimals), *z = sbx__h_num(h, hi, decimals);
  char *b = ring(h);
  snprintf(b, 64, "%s\xe2\x80\x93%s", a, z);
  return b;
}

xmlNodePtr sbx__h_section(sbx__html *h, const char *id, const char *title_key) {
  xmlNodePtr s = sbx__h_el(h, h->main, "section", NULL);
  sbx__h_attr(h, s, "id", id);
  char hid[64];
  snprintf(hid, sizeof hid, "%s-h", id);
  sbx__h_attr(h, s, "aria-labelledby", hid);
  xmlNodePtr h2 = sbx__h_label(h, s, "h2", title_key);
  sbx__h_attr(h, h2, "id", hid);
  return s;
}

xmlNodePtr sbx__h_table(sbx__html *h, xmlNodePtr parent, const char *caption_key,
                        const char *const *col_keys) {
  xmlNodePtr wrap = sbx__h_elc(h, parent, "div", "table-wrap", NULL);
  xmlNodePtr t = sbx__h_el(h, wrap, "table", NULL);
  if (caption_key) sbx__h_label(h, t, "caption", caption_key);
  xmlNodePtr tr = sbx__h_el(h, sbx__h_el(h, t, "thead", NULL), "tr", NULL);
  for (size_t i = 0; col_keys && col_keys[i]; i++) {
    xmlNodePtr th = sbx__h_label(h, tr, "th", col_keys[i]);
    sbx__h_attr(h, th, "scope", "col");
  }
  return sbx__h_el(h, t, "tbody", NULL);
}

xmlNodePtr sbx__h_tr(sbx__html *h, xmlNodePtr tbody) { return sbx__h_el(h, tbody, "tr", NULL); }

xmlNodePtr sbx__h_th_row(sbx__html *h, xmlNodePtr tr, const char *text) {
  xmlNodePtr th = sbx__h_el(h, tr, "th", text);
  sbx__h_attr(h, th, "scope", "row");
  return th;
}

xmlNodePtr sbx__h_td(sbx__html *h, xmlNodePtr tr, const char *text) {
  return sbx__h_el(h, tr, "td", text);
}

xmlNodePtr sbx__h_tdn(sbx__html *h, xmlNodePtr tr, const char *text) {
  return sbx__h_elc(h, tr, "td", "num", text);
}

const char *sbx__h_status_class(sbx_status s) {
  switch (s) {
  case SBX_STATUS_WEAK: return "st-weak";
  case SBX_STATUS_WATCH: return "st-watch";
  case SBX_STATUS_OK: return "st-ok";
  case SBX_STATUS_STRENGTH: return "st-strength";
  default: return "st-none";
  }
}

const char *sbx__h_status_symbol(sbx_status s) {
  switch (s) {
  case SBX_STATUS_WEAK: return "\xe2\x96\xbc";     /* ▼ */
  case SBX_STATUS_WATCH: return "\xe2\x97\x86";    /* ◆ */
  case SBX_STATUS_OK: return "\xe2\x97\x8b";       /* ○ */
  case SBX_STATUS_STRENGTH: return "\xe2\x96\xb2"; /* ▲ */
  default: return "\xc2\xb7";                      /* · */
  }
}

const char *sbx__h_status_word(const sbx__html *h, sbx_status s) {
  switch (s) {
  case SBX_STATUS_WEAK: return sbx__h_msg(h, "status.weak");
  case SBX_STATUS_WATCH: return sbx__h_msg(h, "status.watch");
  case SBX_STATUS_OK: return sbx__h_msg(h, "status.ok");
  case SBX_STATUS_STRENGTH: return sbx__h_msg(h, "status.strength");
  default: return sbx__h_msg(h, "status.none");
  }
}

const char *sbx__h_goal_word(const sbx__html *h, sbx_goal_status s) {
  switch (s) {
  case SBX_GOAL_AT_RISK: return sbx__h_msg(h, "goal.at-risk");
  case SBX_GOAL_WATCH: return sbx__h_msg(h, "goal.watch");
  case SBX_GOAL_ON_TRACK: return sbx__h_msg(h, "goal.on-track");
  default: return sbx__h_msg(h, "goal.unknown");
  }
}

const char *sbx__h_goal_class(sbx_goal_status s) {
  switch (s) {
  case SBX_GOAL_AT_RISK: return "badge st-weak";
  case SBX_GOAL_WATCH: return "badge st-watch";
  case SBX_GOAL_ON_TRACK: return "badge st-strength";
  default: return "badge st-none";
  }
}

static xmlNodePtr badge(sbx__html *h, xmlNodePtr parent, const char *cls, const char *sym,
                        const char *word) {
  xmlNodePtr b = sbx__h_elc(h, parent, "span", cls, NULL);
  xmlNodePtr s = sbx__h_elc(h, b, "span", "sym", sym);
  sbx__h_attr(h, s, "aria-hidden", "true");
  sbx__h_text(h, b, " ");
  sbx__h_text(h, b, word);
  return b;
}

xmlNodePtr sbx__h_badge(sbx__html *h, xmlNodePtr parent, sbx_status s) {
  char cls[32];
  snprintf(cls, sizeof cls, "badge %s", sbx__h_status_class(s));
  return badge(h, parent, cls, sbx__h_status_symbol(s), sbx__h_status_word(h, s));
}

xmlNodePtr sbx__h_goal_badge(sbx__html *h, xmlNodePtr parent, sbx_goal_status s) {
  static const sbx_status as[] = { SBX_STATUS_NONE, SBX_STATUS_STRENGTH, SBX_STATUS_WATCH,
                                   SBX_STATUS_WEAK };
  return badge(h, parent, sbx__h_goal_class(s), sbx__h_status_symbol(as[s]),
               sbx__h_goal_word(h, s));
}

/* One text for both reasons (docs/confidentiality.md, "One reason for every hidden
 * group"): the unit and scale are not looked at, so nothing here can tell them apart. */
const char *sbx__h_hidden_text(sbx__html *h, size_t unit, size_t scale) {
  (void)unit;
  (void)scale;
  const char *k = sbx__h_int(h, (size_t)h->res->opts.min_group);
  char *b = ring(h);
  char *s = sbx__h_fill(h, "supp.hidden.short", (const char *const[]){ "k", k, NULL });
  snprintf(b, 64, "%s", s ? s : "");
  sbx__free(s);
  return b;
}

void sbx__h_cell_figure(sbx__html *h, xmlNodePtr td, size_t unit, size_t scale) {
  if (!sbx__cell_visible(h->res, unit, scale)) {
    sbx__h_attr(h, td, "class", "hidden-cell");
    sbx__h_text(h, td, sbx__h_hidden_text(h, unit, scale));
    return;
  }
  const sbx_cell *c = &h->res->unit[unit].cell[scale];
  if (c->n == 0 || !isfinite(c->mean)) {
    sbx__h_attr(h, td, "class", "st-none");
    sbx__h_text(h, td, sbx__h_msg(h, "status.no-answers"));
    return;
  }
  char cls[32];
  snprintf(cls, sizeof cls, "num %s", sbx__h_status_class(c->status));
  sbx__h_attr(h, td, "class", cls);
  sbx__h_text(h, td, sbx__h_num(h, c->mean, 2));
  sbx__h_text(h, td, " ");
  xmlNodePtr s = sbx__h_elc(h, td, "span", "sym", sbx__h_status_symbol(c->status));
  sbx__h_attr(h, s, "aria-hidden", "true");
  sbx__h_text(h, td, " ");
  sbx__h_elc(h, td, "span", "vh", sbx__h_status_word(h, c->status));
}

/* ---- Response rates (docs/statistics.md, "Response rates") ---------------------------------
 * The analysis has judged every visible unit's rate (rates.c): a rate over 100 % is an
 * error in the organisation file and is never printed; a hidden unit has none. */

const char *sbx__h_rate(sbx__html *h, size_t unit) {
  if (unit >= h->res->nunit || !sbx__unit_visible(h->res, unit)) return "\xe2\x80\x93";
  const sbx_unit_result *ur = &h->res->unit[unit];
  switch (ur->rate_flag) {
  case SBX_RATE_OK:
  case SBX_RATE_LOW: return sbx__h_pct(h, ur->rate);
  case SBX_RATE_OVER: return sbx__h_msg(h, "rate.over");
  default: return sbx__h_msg(h, "rate.unknown");
  }
}

void sbx__h_rate_cell(sbx__html *h, xmlNodePtr tr, size_t unit) {
  sbx_rate_flag f = unit < h->res->nunit ? h->res->unit[unit].rate_flag : SBX_RATE_NONE;
  xmlNodePtr td = sbx__h_elc(h, tr, "td", f == SBX_RATE_LOW ? "num rate-low"
                                          : f == SBX_RATE_OVER ? "num rate-over" : "num", NULL);
  sbx__h_text(h, td, sbx__h_rate(h, unit));
  if (f != SBX_RATE_LOW && f != SBX_RATE_OVER) return;
  sbx__h_text(h, td, " ");
  xmlNodePtr m = sbx__h_elc(h, td, "span", "caution", "!");
  sbx__h_attr(h, m, "aria-hidden", "true");
  sbx__h_elc(h, td, "span", "vh", sbx__h_msg(h, f == SBX_RATE_LOW ? "rate.low-short"
                                                                   : "rate.over-short"));
}

int sbx__h_rate_any(const sbx__html *h, size_t root, sbx_rate_flag f) {
  for (size_t u = 0; u < h->res->nunit; u++)
    if ((!h->res->org || sbx__org_is_within(h->res->org, u, root)) &&
        sbx__unit_visible(h->res, u) && h->res->unit[u].rate_flag == f)
      return 1;
  return 0;
}

void sbx__h_rate_note(sbx__html *h, xmlNodePtr parent, size_t unit) {
  if (unit >= h->res->nunit || !sbx__unit_visible(h->res, unit)) return;
  const sbx_unit_result *ur = &h->res->unit[unit];
  const char *kv[] = { "n", sbx__h_int(h, ur->n),
                       "headcount", ur->headcount >= 0 ? sbx__h_int(h, (size_t)ur->headcount) : "",
                       "rate", sbx__h_rate(h, unit), NULL };
  switch (ur->rate_flag) {
  case SBX_RATE_OK:
    sbx__h_sentence(h, parent, "p", "rate.note", kv);
    break;
  case SBX_RATE_LOW: {
    sbx__h_sentence(h, parent, "p", "rate.note", kv);
    xmlNodePtr c = sbx__h_elc(h, parent, "p", "caution-note", NULL);
    sbx__h_elc(h, c, "strong", NULL, sbx__h_msg(h, "rate.caution"));
    sbx__h_text(h, c, " ");
    sbx__h_text(h, c, sbx__h_msg(h, "rate.low"));
    break;
  }
  case SBX_RATE_OVER: {
    xmlNodePtr c = sbx__h_elc(h, parent, "p", "caution-note", NULL);
    sbx__h_attr(h, c, "role", "note");
    sbx__h_elc(h, c, "strong", NULL, sbx__h_msg(h, "rate.error"));
    sbx__h_text(h, c, " ");
    char *s = sbx__h_fill(h, "rate.over-note", kv);
    sbx__h_text(h, c, s ? s : "");
    sbx__free(s);
    break;
  }
  default:
    sbx__h_sentence(h, parent, "p", ur->headcount > 0 ? "rate.note" : "rate.note-unknown", kv);
  }
}

const char *sbx__h_band(sbx__html *h, size_t n) {
  const char *b = sbx__n_band(n);
  if (!b) return "0";
  char *o = ring(h), *w = o;
  for (const char *p = b; *p && w < o + 60; p++) { /* "20-49" -> "20–49" */
    if (*p == '-') {
      memcpy(w, "\xe2\x80\x93", 3);
      w += 3;
    } else {
      *w++ = *p;
    }
  }
  *w = '\0';
  return o;
}

/* The suppression module's own interface: the tree rule that every layer (units, each
 * scale's cells, comment groups) applies, the comment step, and the masking of
 * identifiers in free text. Library-internal; docs/confidentiality.md explains the rules. */
#ifndef SBX_SUPPRESS_H
#define SBX_SUPPRESS_H

#include <stddef.h>
#include "analysis/results.h"

/* Minimum size and no recovery by subtraction over one layer of a tree.
 * parent[u] < u for every u > 0 (SBX_NONE for roots); count[u] is the number of people
 * in u and below as it would be published; hid[u] is SBX_SUPP_NONE for a group that may
 * be shown, or the reason it is already hidden (kept). On return every group with
 * count < k is hidden (OWN_SIZE), and for every shown group P,
 *   count[P] - sum of count[D] over the nearest shown groups D below P
 * is 0 or at least k (more groups hidden as COMPLEMENT where needed). On inconsistent
 * counts (the groups below P add up to more than P) returns SBX_EINTERNAL and sets
 * *bad to P; hid is then incomplete and must not be used. */
int sbx__protect(const size_t *parent, size_t n, const size_t *count, sbx_supp_reason *hid,
                 size_t k, size_t *bad);

/* The residual of every shown group as defined above (SBX_NONE for hidden groups and
 * when the counts are inconsistent). res_out has n entries. Used to check the rule. */
void sbx__protect_residuals(const size_t *parent, size_t n, const size_t *count,
                            const sbx_supp_reason *hid, size_t *res_out);

/* Item details of shown cells (item_n, item_mean, item_hist): the same rule per item
 * of every scale, run after the cells are settled. Needs res->survey; without one
 * there are no item details to protect. */
int sbx__protect_items(sbx_results *res, const size_t *parent, sbx_ctx *ctx);

/* ICC(1)/ICC(2) per scale over the shown leaf units only, wherever a leaf unit with
 * answers on the scale is hidden (the scorer's values are kept otherwise). Run before
 * the hidden cells are wiped; chid is nscale blocks of nunit cell decisions. */
int sbx__agreement_visible(sbx_results *res, const size_t *parent, const sbx_supp_reason *uhid,
                           const sbx_supp_reason *chid, sbx_ctx *ctx);

/* Free-text comments: attaches each to the smallest shown unit of at least
 * opts.min_comment_group respondents whose comment group passes the same tree rule,
 * masks identifiers, orders them by a keyed hash. count and uhid are the units'
 * respondent counts (before wiping) and their suppression. Fills res->comment,
 * res->ncomment, res->ncomment_dropped. */
int sbx__comments(sbx_results *res, const size_t *parent, const size_t *count,
                  const sbx_supp_reason *uhid, sbx_ctx *ctx);

/* Which counts of rows and respondents may be published (res->counts_shown,
 * res->sources_shown); run after the units are settled, while res->resp is set. */
void sbx__protect_counts(sbx_results *res);

/* What masked identifiers are replaced with (fixed tokens, so that a writer may
 * translate them). */
#define SBX_MASK_EMAIL "[e-post]"
#define SBX_MASK_PHONE "[telefonnummer]"
#define SBX_MASK_PIN "[personnummer]"

/* A copy of text with e-mail addresses, phone numbers (Swedish and international
 * formats) and Swedish personal identity or co-ordination numbers replaced by the
 * tokens above; *nmasked (may be NULL) counts replacements. NULL when out of memory. */
char *sbx__mask_text(const char *text, size_t *nmasked);

#endif

/* Free-text comments: which unit a comment may be shown under, masking of identifiers,
 * and a deterministic order that says nothing about when or where it was written.
 * A comment goes to the smallest shown unit whose comment group (its respondents not
 * covered by a smaller comment unit) has at least min_comment_group people. */
#include "analysis/suppress/suppress.h"
#include "surveys/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct pending {
  size_t unit, question;
  uint64_t key;
  char *text;
} pending;

static uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* A keyed hash of the masked text: the order depends on the seed and on what is
 * shown, never on input order, rows, sources or times. */
static uint64_t keyed_hash(uint64_t seed, const char *s) {
  uint64_t key = mix64(seed), h = 0xcbf29ce484222325ULL ^ key;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    h ^= *p;
    h *= 0x100000001b3ULL;
  }
  return mix64(h ^ key);
}

static int cmp_pending(const void *a, const void *b) {
  const pending *x = a, *y = b;
  if (x->unit != y->unit) return x->unit < y->unit ? -1 : 1;
  if (x->question != y->question) return x->question < y->question ? -1 : 1;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return strcmp(x->text, y->text);
}

static int blank(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return 0;
  return 1;
}

/* The unit a row's comment is shown under, or SBX_NONE. Rows with no known unit
 * belong to the whole organisation only. */
static size_t attach(const sbx_results *res, const size_t *parent,
                     const sbx_supp_reason *elig, size_t row) {
  uint32_t ru = res->resp->unit ? res->resp->unit[row] : SBX_NO_UNIT;
  size_t u = ru == SBX_NO_UNIT || ru >= res->nunit ? 0 : ru;
  while (u != SBX_NONE && elig[u] != SBX_SUPP_NONE) u = parent[u];
  return u;
}

static int collect(sbx_results *res, const size_t *parent, const sbx_supp_reason *elig,
                   pending **out, size_t *nout, sbx_ctx *ctx) {
  const sbx_responses *r = res->resp;
  size_t cap = 0, nq = res->survey ? res->survey->nfree_text : SIZE_MAX;
  for (size_t i = 0; i < r->ncomment; i++) {
    const struct sbx_comment *c = &r->comment[i];
    if (c->row >= r->n || c->question >= nq || c->text >= r->arena_len) continue;
    const char *text = r->arena + c->text;
    if (blank(text)) continue;
    size_t u = attach(res, parent, elig, c->row);
    if (u == SBX_NONE) {
      res->ncomment_dropped++;
      continue;
    }
    if (sbx__grow(out, &cap, *nout + 1, sizeof **out)) goto nomem;
    pending *p = &(*out)[*nout];
    p->unit = u;
    p->question = c->question;
    if (!(p->text = sbx__mask_text(text, NULL))) goto nomem;
    p->key = keyed_hash((uint64_t)res->opts.seed, p->text);
    (*nout)++;
  }
  return 0;
nomem:
  return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
}

int sbx__comments(sbx_results *res, const size_t *parent, const size_t *count,
                  const sbx_supp_reason *uhid, sbx_ctx *ctx) {
  res->ncomment_dropped = 0;
  if (!res->resp || res->resp->ncomment == 0 || res->nunit == 0) return 0;
  size_t m = (size_t)res->opts.min_comment_group, k = (size_t)res->opts.min_group, bad;
  if (m < k) m = k;
  /* Comment groups: the shown units, thinned by the same tree rule with threshold m. */
  sbx_supp_reason *elig = sbx__malloc(res->nunit * sizeof *elig);
  if (!elig) return sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  memcpy(elig, uhid, res->nunit * sizeof *elig);
  int rc = sbx__protect(parent, res->nunit, count, elig, m, &bad);
  if (rc) {
    sbx__free(elig);
    return sbx__error(ctx, rc, NULL, 0, NULL, "suppression of comment groups failed");
  }
  pending *p = NULL;
  size_t np = 0;
  rc = collect(res, parent, elig, &p, &np, ctx);
  sbx__free(elig);
  if (!rc && np) {
    qsort(p, np, sizeof *p, cmp_pending);
    res->comment = sbx__calloc(np, sizeof *res->comment);
    if (!res->comment) rc = sbx__error(ctx, SBX_ENOMEM, NULL, 0, NULL, "out of memory");
  }
  for (size_t i = 0; i < np; i++) {
    if (rc) {
      sbx__free(p[i].text);
      continue;
    }
    res->comment[i].unit = p[i].unit;
    res->comment[i].question = p[i].question;
    res->comment[i].text = p[i].text;
    res->ncomment = i + 1;
  }
  sbx__free(p);
  return rc;
}

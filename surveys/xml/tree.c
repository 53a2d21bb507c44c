/* Placing records in a forest: pre-order with children in file order, and the
 * records on a parent cycle. Iterative and linear, so a hostile flat list of
 * 100 000 units costs neither stack nor quadratic time. */
#include "surveys/xml/org_xml.h"

#include <stdlib.h>

int sbx__tree_order(const sbx__raw *raw, size_t n, size_t *order, size_t *nout) {
  size_t *count = sbx__calloc(n + 1, sizeof *count), *kids = sbx__calloc(n + 1, sizeof *kids);
  size_t *stack = sbx__calloc(n + 1, sizeof *stack), *next = sbx__calloc(n + 1, sizeof *next);
  int rc = 0;
  *nout = 0;
  if (!count || !kids || !stack || !next) {
    rc = SBX_ENOMEM;
    goto cleanup;
  }
  /* count[p + 1] children of p, then prefix sums: kids[count[p]..count[p+1]) */
  for (size_t i = 0; i < n; i++)
    if (raw[i].parent != SBX_NONE) count[raw[i].parent + 1]++;
  for (size_t p = 0; p < n; p++) count[p + 1] += count[p];
  for (size_t p = 0; p <= n; p++) next[p] = p < n ? count[p] : 0;
  for (size_t i = 0; i < n; i++)
    if (raw[i].parent != SBX_NONE) kids[next[raw[i].parent]++] = i;
  for (size_t r = 0; r < n; r++) {
    if (raw[r].parent != SBX_NONE) continue;
    size_t top = 0;
    stack[top++] = r;
    next[r] = count[r];
    order[(*nout)++] = r;
    while (top > 0) {
      size_t p = stack[top - 1];
      if (next[p] == count[p + 1]) {
        top--;
        continue;
      }
      size_t c = kids[next[p]++];
      next[c] = count[c];
      order[(*nout)++] = c;
      stack[top++] = c;
    }
  }
cleanup:
  sbx__free(count);
  sbx__free(kids);
  sbx__free(stack);
  sbx__free(next);
  return rc;
}

int sbx__tree_cycles(const sbx__raw *raw, size_t n, size_t *first, size_t *nfirst) {
  unsigned char *state = sbx__calloc(n + 1, 1); /* 0 new, 1 on the current path, 2 done */
  if (!state) return SBX_ENOMEM;
  *nfirst = 0;
  for (size_t i = 0; i < n; i++) {
    size_t p = i;
    while (p != SBX_NONE && state[p] == 0) {
      state[p] = 1;
      p = raw[p].parent;
    }
    if (p != SBX_NONE && state[p] == 1) first[(*nfirst)++] = p;
    for (size_t q = i; q != SBX_NONE && state[q] == 1; q = raw[q].parent) state[q] = 2;
  }
  sbx__free(state);
  return 0;
}

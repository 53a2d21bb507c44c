/* Hand-built surveys, organisations and result skeletons for the goal and driver
 * tests (see fixture.h). Allocation failures abort the test: this is test code. */
#include "tests/analysis/goals/fixture.h"
#include "surveys/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) abort();
  return p;
}

static char *xstrdup(const char *s) {
  char *p = sbx__strdup(s);
  if (!p) abort();
  return p;
}

static void add_scale(sbx_survey *s, const char *id, sbx_box box, size_t nitem,
                      int reverse_last) {
  sbx_scale *sc = &s->scale[s->nscale];
  sc->id = xstrdup(id);
  sc->kind = box == SBX_BOX_NONE ? SBX_SCALE_EXTRA : SBX_SCALE_BOX;
  sc->box = box;
  sbx__text_set(&sc->name, "en", id);
  sc->item = xcalloc(nitem, sizeof *sc->item);
  sc->nitem = nitem;
  for (size_t i = 0; i < nitem; i++) {
    sbx_item *it = &s->item[s->nitem];
    char buf[64];
    snprintf(buf, sizeof buf, "%s-%zu", id, i + 1);
    it->id = xstrdup(buf);
    it->scale = s->nscale;
    it->answer_scale = 0;
    it->reverse = reverse_last && i + 1 == nitem;
    sc->item[i] = s->nitem++;
  }
  s->nscale++;
}

sbx_survey *fx_survey(size_t nitem, int with_outcome, int min, int max, double cutoff,
                      sbx_direction dir, int reverse_last) {
  sbx_survey *s = xcalloc(1, sizeof *s);
  s->id = xstrdup("test-survey");
  s->version = xstrdup("1");
  s->lang = xcalloc(2, sizeof *s->lang);
  s->lang[0] = xstrdup("sv");
  s->lang[1] = xstrdup("en");
  s->nlang = 2;
  s->answer_scale = xcalloc(1, sizeof *s->answer_scale);
  s->nanswer_scale = 1;
  sbx_answer_scale *a = &s->answer_scale[0];
  a->id = xstrdup("agree");
  a->min = min;
  a->max = max;
  a->cutoff = cutoff;
  a->favourable = dir == SBX_HIGH_IS_GOOD ? cutoff + 1 : cutoff - 1;
  a->direction = dir;
  a->npoint = (size_t)(max - min + 1);
  a->point = xcalloc(a->npoint, sizeof *a->point);
  for (size_t k = 0; k < a->npoint; k++) a->point[k].value = min + (int)k;
  size_t nscale = SBX_BOX_COUNT + (with_outcome ? 1 : 0);
  s->scale = xcalloc(nscale, sizeof *s->scale);
  s->item = xcalloc(nscale * nitem, sizeof *s->item);
  for (int b = 0; b < SBX_BOX_COUNT; b++)
    add_scale(s, sbx_box_id((sbx_box)b), (sbx_box)b, nitem, reverse_last);
  if (with_outcome) add_scale(s, "attitude-to-change", SBX_BOX_NONE, nitem, reverse_last);
  s->outcome = SBX_NONE;
  s->min_item_share_pct = 60;
  return s;
}

sbx_org *fx_org(void) {
  sbx_org *o = xcalloc(1, sizeof *o);
  o->id = xstrdup("test-org");
  o->unit = xcalloc(64, sizeof *o->unit);
  o->goal = xcalloc(64, sizeof *o->goal);
  fx_unit(o, "kommun", SBX_NONE);
  return o;
}

size_t fx_unit(sbx_org *o, const char *id, size_t parent) {
  if (o->nunit == 64) abort();
  sbx_unit *u = &o->unit[o->nunit];
  u->id = xstrdup(id);
  u->kind = xstrdup(parent == SBX_NONE ? "kommun" : "enhet");
  u->headcount = -1;
  u->parent = parent;
  u->depth = parent == SBX_NONE ? 0 : o->unit[parent].depth + 1;
  sbx__text_set(&u->name, "sv", id);
  return o->nunit++;
}

size_t fx_goal(sbx_org *o, const char *id, sbx_goal_level level, size_t parent,
               size_t unit, size_t ncritical, const sbx_box *boxes, const double *weights) {
  if (o->ngoal == 64) abort();
  sbx_goal *g = &o->goal[o->ngoal];
  g->id = xstrdup(id);
  g->level = level;
  g->parent = parent;
  g->unit = unit;
  sbx__text_set(&g->title, "sv", id);
  g->critical = ncritical ? xcalloc(ncritical, sizeof *g->critical) : NULL;
  g->ncritical = ncritical;
  for (size_t i = 0; i < ncritical; i++)
    g->critical[i] = (sbx_critical){ boxes[i], weights ? weights[i] : 1.0 };
  return o->ngoal++;
}

sbx_results *fx_results(const sbx_survey *s, const sbx_org *o) {
  sbx_results *res = xcalloc(1, sizeof *res);
  sbx_analysis_opts opts = SBX_ANALYSIS_OPTS_INIT;
  sbx__analysis_opts_resolve(&opts);
  res->survey = s;
  res->org = o;
  res->opts = opts;
  res->nscale = s->nscale;
  res->nunit = o ? o->nunit : 1;
  res->scale = xcalloc(res->nscale, sizeof *res->scale);
  res->unit = xcalloc(res->nunit, sizeof *res->unit);
  for (size_t u = 0; u < res->nunit; u++) {
    res->unit[u].unit = u;
    res->unit[u].cell = xcalloc(res->nscale, sizeof *res->unit[u].cell);
    for (size_t k = 0; k < res->nscale; k++) {
      sbx_cell *c = &res->unit[u].cell[k];
      c->mean = c->sd = c->median = c->ci_lo = c->ci_hi = NAN;
      c->status = SBX_STATUS_NONE;
    }
  }
  return res;
}

void fx_cell(sbx_results *res, size_t unit, size_t scale, double mean, double lo,
             double hi, size_t n, sbx_status status) {
  sbx_cell *c = &res->unit[unit].cell[scale];
  c->mean = mean;
  c->ci_lo = lo;
  c->ci_hi = hi;
  c->n = n;
  c->status = status;
}

sbx_cell *fx_box_cell(sbx_results *res, size_t unit, sbx_box box) {
  for (size_t k = 0; k < res->survey->nscale; k++)
    if (res->survey->scale[k].kind == SBX_SCALE_BOX && res->survey->scale[k].box == box)
      return &res->unit[unit].cell[k];
  abort();
}

size_t fx_read_csv(const char *path, char ****rows, size_t **nfield) {
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  char line[4096];
  size_t n = 0, cap = 0;
  *rows = NULL;
  *nfield = NULL;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = 0;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      *rows = realloc(*rows, cap * sizeof **rows);
      *nfield = realloc(*nfield, cap * sizeof **nfield);
      if (!*rows || !*nfield) abort();
    }
    size_t k = 1;
    for (char *p = line; *p; p++) k += *p == ',';
    char **fields = xcalloc(k, sizeof *fields);
    char *start = line;
    for (size_t i = 0; i < k; i++) {
      size_t len = strcspn(start, ",");
      fields[i] = sbx__strndup(start, len);
      start += len + (i + 1 < k);
    }
    (*rows)[n] = fields;
    (*nfield)[n++] = k;
  }
  fclose(f);
  return n;
}

void fx_free_csv(char ***rows, size_t *nfield, size_t nrows) {
  for (size_t r = 0; r < nrows; r++) {
    for (size_t i = 0; i < nfield[r]; i++) free(rows[r][i]);
    free(rows[r]);
  }
  free(rows);
  free(nfield);
}

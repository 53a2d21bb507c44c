/* Test fixtures for the stats module (see fixture.h): small CSV readers for the
 * files reference.R writes, in-memory surveys and organisations, and the comparison of
 * every reference value with the results. Test code: aborts on malformed fixtures. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "surveys/util.h"

#define MAXF 64

char *fx_path(const char *name) {
  return sbx__asprintf("%s/analysis/%s", SBX_TEST_DATA, name);
}

/* Splits a line on commas in place (the fixtures never quote). */
static size_t split(char *line, char **f) {
  size_t n = 0;
  line[strcspn(line, "\r\n")] = 0;
  f[n++] = line;
  for (char *p = line; *p && n < 256; p++)
    if (*p == ',') *p = 0, f[n++] = p + 1;
  return n;
}

typedef struct csv {
  FILE *fp;
  char *line;
  size_t cap;
  char *f[256];
  size_t nf;
} csv;

static int csv_open(csv *c, const char *path) {
  memset(c, 0, sizeof *c);
  c->fp = fopen(path, "r");
  return c->fp ? 0 : -1;
}
static int csv_next(csv *c) {
  if (getline(&c->line, &c->cap, c->fp) < 0) return 0;
  c->nf = split(c->line, c->f);
  return 1;
}
static void csv_close(csv *c) {
  if (c->fp) fclose(c->fp);
  free(c->line);
}

static void fail(const char *what, const char *path) {
  fprintf(stderr, "fixture: %s: %s\n", path, what);
  abort();
}

static size_t add_scale(sbx_survey *s, char **f) {
  for (size_t i = 0; i < s->nscale; i++)
    if (!strcmp(s->scale[i].id, f[0])) return i;
  size_t k = s->nscale++;
  s->scale = realloc(s->scale, s->nscale * sizeof *s->scale);
  s->answer_scale = realloc(s->answer_scale, s->nscale * sizeof *s->answer_scale);
  s->nanswer_scale = s->nscale;
  sbx_scale *sc = &s->scale[k];
  memset(sc, 0, sizeof *sc);
  sc->id = sbx__strdup(f[0]);
  sc->kind = strcmp(f[8], "box") ? SBX_SCALE_EXTRA : SBX_SCALE_BOX;
  sc->box = sc->kind == SBX_SCALE_BOX ? sbx_box_from_id(f[9]) : SBX_BOX_NONE;
  sbx_answer_scale *as = &s->answer_scale[k];
  memset(as, 0, sizeof *as);
  as->id = sbx__strdup(f[0]);
  as->min = atoi(f[3]);
  as->max = atoi(f[4]);
  as->cutoff = atof(f[5]);
  as->favourable = atof(f[6]);
  as->direction = strcmp(f[7], "low-is-good") ? SBX_HIGH_IS_GOOD : SBX_LOW_IS_GOOD;
  as->npoint = (size_t)(as->max - as->min + 1);
  as->point = calloc(as->npoint, sizeof *as->point);
  for (size_t p = 0; p < as->npoint; p++) as->point[p].value = as->min + (int)p;
  return k;
}

sbx_survey *fx_survey_csv(const char *path) {
  csv c;
  if (csv_open(&c, path)) fail("cannot open", path);
  sbx_survey *s = calloc(1, sizeof *s);
  s->id = sbx__strdup("test");
  s->min_item_share_pct = 60;
  s->outcome = SBX_NONE;
  csv_next(&c);
  while (csv_next(&c)) {
    if (c.nf < 10) fail("short row", path);
    size_t k = add_scale(s, c.f);
    s->item = realloc(s->item, (s->nitem + 1) * sizeof *s->item);
    sbx_item *it = &s->item[s->nitem];
    memset(it, 0, sizeof *it);
    it->id = sbx__strdup(c.f[1]);
    it->scale = k;
    it->answer_scale = k;
    it->reverse = atoi(c.f[2]);
    sbx_scale *sc = &s->scale[k];
    sc->item = realloc(sc->item, (sc->nitem + 1) * sizeof *sc->item);
    sc->item[sc->nitem++] = s->nitem++;
  }
  csv_close(&c);
  return s;
}

sbx_survey *fx_survey_simple(size_t nscale, size_t nitem, int npoint, double cutoff,
                             double favourable) {
  sbx_survey *s = calloc(1, sizeof *s);
  s->id = sbx__strdup("simple");
  s->min_item_share_pct = 60;
  s->outcome = SBX_NONE;
  for (size_t k = 0; k < nscale; k++) {
    char id[32], mx[8], cut[32], fav[32];
    snprintf(id, sizeof id, "s%zu", k);
    snprintf(mx, sizeof mx, "%d", npoint);
    snprintf(cut, sizeof cut, "%g", cutoff);
    snprintf(fav, sizeof fav, "%g", favourable);
    char *f[10] = { id, "", "0", "1", mx, cut, fav, "high-is-good", "box",
                    (char *)sbx_box_id((sbx_box)(k % SBX_BOX_COUNT)) };
    add_scale(s, f);
    for (size_t i = 0; i < nitem; i++) {
      s->item = realloc(s->item, (s->nitem + 1) * sizeof *s->item);
      sbx_item *it = &s->item[s->nitem];
      memset(it, 0, sizeof *it);
      it->id = sbx__asprintf("s%zu_%zu", k, i);
      it->scale = it->answer_scale = k;
      sbx_scale *sc = &s->scale[k];
      sc->item = realloc(sc->item, (sc->nitem + 1) * sizeof *sc->item);
      sc->item[sc->nitem++] = s->nitem++;
    }
  }
  return s;
}

sbx_org *fx_org_csv(const char *path) {
  csv c;
  if (csv_open(&c, path)) fail("cannot open", path);
  sbx_org *o = calloc(1, sizeof *o);
  o->id = sbx__strdup("test-org");
  csv_next(&c);
  while (csv_next(&c)) {
    o->unit = realloc(o->unit, (o->nunit + 1) * sizeof *o->unit);
    sbx_unit *u = &o->unit[o->nunit];
    memset(u, 0, sizeof *u);
    u->id = sbx__strdup(c.f[0]);
    u->headcount = -1;
    u->parent = c.nf > 1 && *c.f[1] ? sbx__org_find_unit(o, c.f[1]) : SBX_NONE;
    u->depth = u->parent == SBX_NONE ? 0 : o->unit[u->parent].depth + 1;
    o->nunit++;
  }
  csv_close(&c);
  return o;
}

sbx_responses *fx_responses_csv(const char *path, const sbx_survey *s, const sbx_org *org,
                                const char *unit_col, const char *unit_prefix) {
  csv c;
  if (csv_open(&c, path) || !csv_next(&c)) fail("cannot open", path);
  size_t col[256], ucol = SBX_NONE, nf = c.nf;
  for (size_t i = 0; i < s->nitem; i++) col[i] = SBX_NONE;
  for (size_t f = 0; f < c.nf; f++) {
    if (!strcmp(c.f[f], unit_col)) ucol = f;
    size_t it = sbx__survey_find_item(s, c.f[f]);
    if (it != SBX_NONE) col[it] = f;
  }
  sbx_responses *r;
  uint32_t src;
  sbx__responses_new(&r, s->nitem);
  sbx__responses_add_source(r, path, "csv", &src);
  int8_t *v = malloc(s->nitem);
  uint32_t line = 1;
  while (csv_next(&c)) {
    if (c.nf != nf) fail("ragged row", path);
    for (size_t i = 0; i < s->nitem; i++)
      v[i] = col[i] == SBX_NONE || !*c.f[col[i]] ? SBX_MISSING : (int8_t)atoi(c.f[col[i]]);
    uint32_t unit = SBX_NO_UNIT;
    if (ucol != SBX_NONE && *c.f[ucol]) {
      char id[128];
      snprintf(id, sizeof id, "%s%s", unit_prefix, c.f[ucol]);
      size_t u = org ? sbx__org_find_unit(org, id) : SBX_NONE;
      if (u == SBX_NONE) fail("unknown unit", id);
      unit = (uint32_t)u;
    }
    sbx__responses_add(r, v, unit, src, ++line, NULL);
  }
  free(v);
  csv_close(&c);
  return r;
}

sbx_baseline *fx_baseline_csv(const char *path) {
  csv c;
  if (csv_open(&c, path)) fail("cannot open", path);
  sbx_baseline *b = calloc(1, sizeof *b);
  csv_next(&c);
  while (csv_next(&c)) {
    b->cell = realloc(b->cell, (b->ncell + 1) * sizeof *b->cell);
    sbx_baseline_cell *bc = &b->cell[b->ncell++];
    bc->unit = sbx__strdup(c.f[0]);
    bc->scale = sbx__strdup(c.f[1]);
    bc->n = (size_t)atol(c.f[2]);
    bc->mean = atof(c.f[3]);
    bc->sd = atof(c.f[4]);
  }
  csv_close(&c);
  return b;
}

sbx_org *fx_org_simple(size_t nleaf) {
  sbx_org *o = calloc(1, sizeof *o);
  o->id = sbx__strdup("simple-org");
  o->nunit = nleaf + 1;
  o->unit = calloc(o->nunit, sizeof *o->unit);
  o->unit[0].id = sbx__strdup("root");
  o->unit[0].parent = SBX_NONE;
  for (size_t u = 1; u <= nleaf; u++) {
    o->unit[u].id = sbx__asprintf("u%zu", u);
    o->unit[u].parent = 0;
    o->unit[u].depth = 1;
  }
  return o;
}

/* Mapping columns to items and answers to numbers (see mapping.h). Every lookup is a
 * hash of a normalised text built once per import; a cell is normalised into a scratch
 * buffer the caller owns, so the per-row path does not allocate. */
#include "engine/import/mapping.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Label map values: value + VALUE_BIAS, or DONT_KNOW. */
#define VALUE_BIAS 1000
#define DONT_KNOW 5000

static const char *const how_name[] = { "mapping file", "id", "alias", "text" };

/* Words tools and respondents use for "don't know" / not applicable (normalised). */
static const char *const dont_know_words[] = {
  "vet ej", "vet inte", "ingen åsikt", "ej aktuellt", "inte aktuellt", "kan ej bedöma",
  "kan inte bedöma", "vill ej svara", "don t know", "dont know", "do not know",
  "n a", "na", "not applicable", "no opinion", "prefer not to say", "ej tillämpligt",
  NULL
};

static int32_t pack(sbx_log_target kind, uint32_t index, int how) {
  return (int32_t)(((uint32_t)how << 28) | ((uint32_t)kind << 24) | (index & 0xFFFFFFu));
}

static void unpack(int32_t v, sbx__target *t) {
  t->kind = (sbx_log_target)(((uint32_t)v >> 24) & 0xF);
  t->index = (uint32_t)v & 0xFFFFFFu;
  t->how = how_name[((uint32_t)v >> 28) & 3];
}

/* Adds the normalised form of text; keeps the first target of a key. */
static int put_norm(sbx__smap *m, const char *text, int32_t value) {
  if (!text || !*text) return 0;
  char *n = sbx__norm_dup(text);
  if (!n) return SBX_ENOMEM;
  int rc = *n ? sbx__smap_put(m, n, strlen(n), value, NULL) : 0;
  sbx__free(n);
  return rc < 0 ? rc : 0;
}

static int put_text(sbx__smap *m, const sbx_text *t, int32_t value) {
  for (size_t i = 0; i < t->n; i++) {
    int rc = put_norm(m, t->value[i], value);
    if (rc) return rc;
  }
  return 0;
}

static int put_aliases(sbx__smap *m, char *const *alias, size_t n, int32_t value) {
  for (size_t i = 0; i < n; i++) {
    int rc = put_norm(m, alias[i], value);
    if (rc) return rc;
  }
  return 0;
}

/* Ids first, then aliases, then texts: an id wins over a text that reads the same. */
static int build_names(sbx__matcher *m) {
  const sbx_survey *s = m->s;
  int rc = 0;
  for (int pass = 1; pass <= 3 && rc == 0; pass++) {
    for (size_t i = 0; i < s->nitem && rc == 0; i++) {
      int32_t v = pack(SBX_TARGET_ITEM, (uint32_t)i, pass);
      const sbx_item *it = &s->item[i];
      rc = pass == 1 ? put_norm(&m->names, it->id, v)
         : pass == 2 ? put_aliases(&m->names, it->alias, it->nalias, v)
                     : put_text(&m->names, &it->text, v);
    }
    for (size_t i = 0; i <= s->nfree_text && rc == 0; i++) {
      const sbx_question *q = i < s->nfree_text ? &s->free_text[i] : &s->unit_question;
      if (i == s->nfree_text && !s->has_unit_question) break;
      int32_t v = i < s->nfree_text ? pack(SBX_TARGET_FREE_TEXT, (uint32_t)i, pass)
                                    : pack(SBX_TARGET_UNIT, 0, pass);
      rc = pass == 1 ? put_norm(&m->names, q->id, v)
         : pass == 2 ? put_aliases(&m->names, q->alias, q->nalias, v)
                     : put_text(&m->names, &q->text, v);
    }
  }
  return rc;
}

static int build_scale(sbx__lookup *l, const sbx_answer_scale *a) {
  l->min = a->min;
  l->max = a->max;
  l->dk_code = a->dont_know_code;
  int rc = 0;
  for (size_t k = 0; k < a->npoint && rc == 0; k++) {
    int32_t v = a->point[k].value + VALUE_BIAS;
    rc = put_text(&l->label, &a->point[k].label, v);
    if (rc == 0) rc = put_aliases(&l->label, a->point[k].alias, a->point[k].nalias, v);
  }
  if (rc == 0 && a->has_dont_know) rc = put_text(&l->label, &a->dont_know, DONT_KNOW);
  if (rc == 0 && a->dont_know_code) rc = put_norm(&l->label, a->dont_know_code, DONT_KNOW);
  for (size_t k = 0; dont_know_words[k] && rc == 0; k++)
    rc = put_norm(&l->label, dont_know_words[k], DONT_KNOW);
  return rc;
}

/* A unit label two units share (validation refuses such organisations; this holds even
 * for a model built another way): it matches neither, never the first of the two. Its
 * value is AMBIGUOUS_UNIT - k, k indexing the first two units it names in m->amb. */
#define AMBIGUOUS_UNIT (-2)

static int put_unit(sbx__matcher *mt, const char *text, int32_t unit) {
  if (!text || !*text) return 0;
  char *n = sbx__norm_dup(text);
  if (!n) return SBX_ENOMEM;
  int32_t old = -1;
  int rc = *n ? sbx__smap_put(&mt->units, n, strlen(n), unit, &old) : 1;
  if (rc == 0 && old >= 0 && old != unit) {
    if (sbx__grow(&mt->amb, &mt->amb_cap, mt->namb + 1, sizeof *mt->amb)) {
      rc = SBX_ENOMEM;
    } else {
      mt->amb[mt->namb][0] = (uint32_t)old;
      mt->amb[mt->namb][1] = (uint32_t)unit;
      sbx__smap_set(&mt->units, n, strlen(n), AMBIGUOUS_UNIT - (int32_t)mt->namb++);
    }
  }
  sbx__free(n);
  return rc < 0 ? rc : 0;
}

/* The codes our questionnaires give the leaf units, after every id, name and alias (so
 * that these win): the LimeSurvey answer codes U001, U002... (LimeSurvey allows five
 * letters and digits, too few for unit ids) and the XForm choice names. */
static int put_unit_codes(sbx__matcher *m) {
  size_t *leaf, nleaf;
  int rc = sbx__qn_leaf_units(m->org, &leaf, &nleaf);
  for (size_t k = 0; rc == 0 && k < nleaf; k++) {
    char code[SBX_QN_CODE_SIZE];
    sbx__qn_ls_unit_code(k, code, sizeof code);
    rc = put_norm(&m->units, code, (int32_t)leaf[k]);
    sbx__qn_xml_name(m->org->unit[leaf[k]].id, code, sizeof code);
    if (rc == 0) rc = put_norm(&m->units, code, (int32_t)leaf[k]);
  }
  sbx__free(leaf);
  return rc;
}

static int build_units(sbx__matcher *m) {
  int rc = 0;
  for (size_t i = 0; m->org && i < m->org->nunit && rc == 0; i++) {
    const sbx_unit *u = &m->org->unit[i];
    rc = put_unit(m, u->id, (int32_t)i);
    for (size_t k = 0; k < u->name.n && rc == 0; k++)
      rc = put_unit(m, u->name.value[k], (int32_t)i);
    for (size_t k = 0; k < u->nalias && rc == 0; k++)
      rc = put_unit(m, u->alias[k], (int32_t)i);
  }
  return rc == 0 && m->org ? put_unit_codes(m) : rc;
}

int sbx__matcher_init(sbx__matcher *m, const sbx_survey *s, const sbx_org *org) {
  memset(m, 0, sizeof *m);
  m->s = s;
  m->org = org;
  m->scale = sbx__calloc(s->nanswer_scale ? s->nanswer_scale : 1, sizeof *m->scale);
  if (!m->scale) return SBX_ENOMEM;
  m->nscale = s->nanswer_scale;
  int rc = build_names(m);
  for (size_t i = 0; i < s->nanswer_scale && rc == 0; i++)
    rc = build_scale(&m->scale[i], &s->answer_scale[i]);
  if (rc == 0) rc = build_units(m);
  if (rc) sbx__matcher_free(m);
  return rc;
}

void sbx__matcher_free(sbx__matcher *m) {
  sbx__smap_free(&m->names);
  sbx__smap_free(&m->manual_exact);
  sbx__smap_free(&m->manual_norm);
  sbx__smap_free(&m->units);
  sbx__free(m->amb);
  for (size_t i = 0; m->scale && i < m->nscale; i++) sbx__smap_free(&m->scale[i].label);
  sbx__free(m->scale);
  memset(m, 0, sizeof *m);
}

int sbx__matcher_add_manual(sbx__matcher *m, const char *column, const char *target,
                            const char *source, uint32_t line, sbx_ctx *ctx) {
  const sbx_survey *s = m->s;
  int32_t v = -1;
  if (!*target || strcmp(target, "-") == 0) v = pack(SBX_TARGET_IGNORED, 0, 0);
  size_t i = v < 0 ? sbx__survey_find_item(s, target) : SBX_NONE;
  if (i != SBX_NONE) v = pack(SBX_TARGET_ITEM, (uint32_t)i, 0);
  if (v < 0 && s->has_unit_question && strcmp(s->unit_question.id, target) == 0)
    v = pack(SBX_TARGET_UNIT, 0, 0);
  for (size_t k = 0; v < 0 && k < s->nfree_text; k++)
    if (strcmp(s->free_text[k].id, target) == 0) v = pack(SBX_TARGET_FREE_TEXT, (uint32_t)k, 0);
  if (v < 0)
    return sbx__error(ctx, SBX_EDATA, source, line, target,
                      "the mapping names '%s', which is no item or question of survey "
                      "'%s'; use an id from the survey, or '-' to ignore the column",
                      target, s->id ? s->id : "");
  int rc = sbx__smap_put(&m->manual_exact, column, strlen(column), v, NULL);
  if (rc == 0)
    sbx__warning(ctx, SBX_EDATA, source, line, column,
                 "column '%s' is mapped twice; the first line wins", column);
  if (rc >= 0) rc = put_norm(&m->manual_norm, column, v);
  if (rc < 0) return sbx__error(ctx, rc, source, line, NULL, "out of memory");
  m->nmanual++;
  return 0;
}

int sbx__matcher_column(const sbx__matcher *m, const char *name,
                        const char *const *keys, size_t nkey, int automatic,
                        sbx__target *out, sbx__scratch *scratch) {
  int32_t v = sbx__smap_get(&m->manual_exact, name, strlen(name));
  for (size_t k = 0; v < 0 && k < nkey; k++)
    v = sbx__smap_get(&m->manual_exact, keys[k], strlen(keys[k]));
  for (int pass = 0; pass < 2; pass++) {
    const sbx__smap *map = pass == 0 ? &m->manual_norm : &m->names;
    if (pass == 0 ? !m->nmanual : !automatic) continue;
    for (size_t k = 0; v < 0 && k < nkey; k++) {
      size_t n = sbx__scratch_norm(scratch, keys[k], strlen(keys[k]));
      if (n == (size_t)-1) return SBX_ENOMEM;
      if (n) v = sbx__smap_get(map, scratch->buf, n);
    }
  }
  if (v < 0) return 0;
  unpack(v, out);
  return 1;
}

/* A whole number, optionally with a zero fraction ("4", "-2", "4.0", "4,00"). Returns
 * 1 and *v when the text is a number; *frac when it had a non-zero fraction. */
static int parse_number(const char *p, size_t len, long *v, int *frac) {
  size_t i = 0;
  int neg = 0;
  long x = 0;
  *frac = 0;
  if (i < len && (p[i] == '-' || p[i] == '+')) neg = p[i++] == '-';
  size_t d0 = i;
  while (i < len && p[i] >= '0' && p[i] <= '9') {
    if (x < 100000000) x = x * 10 + (p[i] - '0');
    i++;
  }
  if (i == d0) return 0;
  if (i < len && (p[i] == '.' || p[i] == ',')) {
    size_t f0 = ++i;
    for (; i < len && p[i] >= '0' && p[i] <= '9'; i++)
      if (p[i] != '0') *frac = 1;
    if (i == f0) return 0;
  }
  if (i != len) return 0;
  *v = neg ? -x : x;
  return 1;
}

static int8_t ranged(const sbx__lookup *l, long v, int frac, int recode,
                     sbx__val_status *st) {
  if (!frac && v >= l->min && v <= l->max) {
    *st = SBX_VAL_OK;
    return (int8_t)v;
  }
  *st = recode && !frac && (v == 999 || v == -99 || v == -999 || v == 9999)
        ? SBX_VAL_SEEN_UNANSWERED : SBX_VAL_OUT_OF_RANGE;
  return SBX_MISSING;
}

int8_t sbx__matcher_value(const sbx__lookup *l, const char *cell, int recode,
                          sbx__scratch *sc, sbx__val_status *st) {
  /* The common case first: a single digit. */
  if (cell[0] >= '0' && cell[0] <= '9' && cell[1] == '\0' &&
      !(l->dk_code && cell[0] == l->dk_code[0] && l->dk_code[1] == '\0'))
    return ranged(l, cell[0] - '0', 0, recode, st);
  size_t len = strlen(cell);
  while (len && (cell[len - 1] == ' ' || cell[len - 1] == '\t')) len--;
  while (len && (*cell == ' ' || *cell == '\t')) cell++, len--;
  if (len == 0) {
    *st = SBX_VAL_EMPTY;
    return SBX_MISSING;
  }
  if (l->dk_code && strlen(l->dk_code) == len && memcmp(l->dk_code, cell, len) == 0) {
    *st = SBX_VAL_DONT_KNOW;
    return SBX_MISSING;
  }
  long v;
  int frac;
  if (parse_number(cell, len, &v, &frac)) return ranged(l, v, frac, recode, st);
  size_t n = sbx__scratch_norm(sc, cell, len);
  if (n == (size_t)-1) {
    *st = SBX_VAL_NOMEM;
    return SBX_MISSING;
  }
  const char *scratch = sc->buf;
  int32_t hit = n ? sbx__smap_get(&l->label, scratch, n) : SBX__SMAP_ABSENT;
  if (hit == DONT_KNOW) {
    *st = SBX_VAL_DONT_KNOW;
    return SBX_MISSING;
  }
  if (hit >= 0) {
    *st = SBX_VAL_OK;
    return (int8_t)(hit - VALUE_BIAS);
  }
  /* "7 - Instämmer helt": a leading number and a label. */
  size_t d = 0;
  while (d < n && scratch[d] >= '0' && scratch[d] <= '9') d++;
  if (d > 0 && d < n && scratch[d] == ' ' && parse_number(scratch, d, &v, &frac))
    return ranged(l, v, 0, 0, st);
  *st = n ? SBX_VAL_UNKNOWN : SBX_VAL_EMPTY;
  return SBX_MISSING;
}

uint32_t sbx__matcher_unit(const sbx__matcher *m, const char *cell, sbx__scratch *sc,
                           uint32_t both[2]) {
  both[0] = both[1] = SBX_NO_UNIT;
  if (!m->org || !*cell) return SBX_NO_UNIT;
  size_t n = sbx__scratch_norm(sc, cell, strlen(cell));
  int32_t u = n && n != (size_t)-1 ? sbx__smap_get(&m->units, sc->buf, n) : SBX__SMAP_ABSENT;
  if (u <= AMBIGUOUS_UNIT && (size_t)(AMBIGUOUS_UNIT - u) < m->namb) {
    both[0] = m->amb[AMBIGUOUS_UNIT - u][0];
    both[1] = m->amb[AMBIGUOUS_UNIT - u][1];
  }
  return u < 0 ? SBX_NO_UNIT : (uint32_t)u;
}

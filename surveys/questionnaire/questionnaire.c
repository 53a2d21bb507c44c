/* sbx_questionnaire_write: picks the builder for a format, and gathers what every
 * builder needs (languages in output order, the organisation's leaf units). */
#include "surveys/questionnaire/builders.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <libxml/xmlsave.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = { "print", "limesurvey", "xform", "google-apps-script",
                                      "xlsform", "keying-csv", "keying-xlsx" };

int sbx_questionnaire_format(sbx_qn_format *out, const char *name) {
  for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0) {
      *out = (sbx_qn_format)i;
      return 0;
    }
  return SBX_EUSAGE;
}

int sbx__qn_dump_xml(FILE *f, xmlDocPtr doc) {
  xmlChar *mem = NULL;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
  if (!mem) return SBX_ENOMEM;
  int rc = fwrite(mem, 1, (size_t)size, f) == (size_t)size && fflush(f) == 0 ? 0 : SBX_EIO;
  xmlFree(mem);
  return rc;
}

const sbx__lang *sbx__qn_msgs(const sbx__qn *q, const char *lang) {
  for (size_t i = 0; lang && i < q->nlangs; i++)
    if (strcmp(q->langs[i], lang) == 0) return q->msgs[i];
  return q->msgs[0];
}

const char *sbx__qn_text(const sbx__qn *q, const char *lang, const char *key) {
  return sbx__qn_ui(sbx__qn_msgs(q, lang), key);
}

char *sbx__qn_ui_fill(const sbx__qn *q, const char *lang, const char *key, const char *name,
                      const char *value) {
  char k[64];
  snprintf(k, sizeof k, "qn.%s", key);
  return sbx__msg_fill(sbx__qn_msgs(q, lang), k, (const char *const[]){ name, value, NULL });
}

const char *sbx__qn_lang_name(const sbx__qn *q, const char *lang, char *buf, size_t size) {
  snprintf(buf, size, "%s (%s)", sbx__msg(sbx__qn_msgs(q, lang), "lang.name"), lang);
  return buf;
}

const char *sbx__qn_dk(const sbx__qn *q, const sbx_answer_scale *a, const char *lang) {
  return sbx__qn_dont_know_label(a, lang, sbx__qn_msgs(q, lang));
}

const char *sbx__qn_unit_q(const sbx__qn *q, const char *lang) {
  return sbx__qn_unit_text(q->s, lang, sbx__qn_msgs(q, lang));
}

const char *sbx__qn_heading(const sbx__qn *q, const sbx__qn_part *p, const char *lang,
                            char *buf, size_t size) {
  return sbx__qn_part_heading(q->s, p, lang, sbx__qn_msgs(q, lang), buf, size);
}

char *sbx__qn_promise(const sbx__qn *q, const char *lang) {
  char k[24];
  snprintf(k, sizeof k, "%d", q->min_group);
  return sbx__qn_ui_fill(q, lang, "promise", "k", k);
}

/* Each language's catalogue; a survey language without one gets English's texts. */
static int load_msgs(sbx__qn *q, sbx_ctx *ctx) {
  for (size_t i = 0; i < q->nlangs; i++) {
    int rc = sbx__lang_load_or_fallback(&q->msgs[i], q->langs[i], ctx);
    if (rc) return rc;
  }
  return 0;
}

int sbx_questionnaire_opts_init(sbx_questionnaire_opts *opts, unsigned int version) {
  return sbx__opts_init(opts, sizeof *opts, version, SBX_QUESTIONNAIRE_OPTS_VERSION);
}

char *sbx__qn_instructions(const sbx__qn *q, const char *lang) {
  const sbx_answer_scale *a = q->s->nanswer_scale ? &q->s->answer_scale[0] : NULL;
  const sbx__lang *m = sbx__qn_msgs(q, lang);
  char minutes[24];
  snprintf(minutes, sizeof minutes, "%d", sbx__qn_minutes(q->s));
  char *instr = sbx__qn_ui_fill(q, lang, "instructions", "dont-know",
                                a && a->has_dont_know ? sbx__qn_dont_know_label(a, lang, m) : "");
  char *dur = sbx__qn_ui_fill(q, lang, "duration", "minutes", minutes);
  char *all = instr && dur ? sbx__asprintf("%s %s", instr, dur) : NULL;
  sbx__free(instr);
  sbx__free(dur);
  return all;
}

int sbx_questionnaire_write(FILE *f, const sbx_survey *s, const sbx_org *org,
                            sbx_qn_format format, const sbx_questionnaire_opts *opts,
                            sbx_ctx *ctx) {
  sbx_questionnaire_opts defaults = SBX_QUESTIONNAIRE_OPTS_INIT;
  if (!opts) opts = &defaults;
  if (sbx__opts_check(opts, SBX_QUESTIONNAIRE_OPTS_VERSION, "sbx_questionnaire_opts", ctx))
    return SBX_EUSAGE;
  if (!f || !s)
    return sbx__error(ctx, SBX_EUSAGE, "questionnaire", 0, NULL, "no survey to write");
  /* The promise names the group size the report keeps to; one diagnose refuses is none. */
  if (sbx__check_min_group(opts->min_group, "questionnaire", ctx)) return SBX_EUSAGE;
  sbx__qn q;
  memset(&q, 0, sizeof q);
  q.s = s;
  q.org = org;
  q.lang = sbx__qn_lang(s, opts->lang);
  q.min_group = opts->min_group > 0 ? opts->min_group : SBX_MIN_GROUP_DEFAULT;
  q.langs[q.nlangs++] = q.lang;
  for (size_t i = 0; i < s->nlang && q.nlangs < 8; i++)
    if (strcmp(s->lang[i], q.lang) != 0) q.langs[q.nlangs++] = s->lang[i];
  int rc = load_msgs(&q, ctx);
  if (rc == 0 && (sbx__qn_leaf_units(org, &q.leaf, &q.nleaf) ||
                  sbx__qn_parts(s, &q.parts, &q.nparts)))
    rc = sbx__error(ctx, SBX_ENOMEM, "questionnaire", 0, NULL, "out of memory");
  if (rc) {
    sbx__free(q.leaf);
    for (size_t i = 0; i < q.nlangs; i++) sbx__lang_free(q.msgs[i]);
    return rc;
  }
  switch (format) {
  case SBX_QN_PRINT: rc = sbx__qn_print(f, &q, ctx); break;
  case SBX_QN_LIMESURVEY: rc = sbx__qn_lss(f, &q, ctx); break;
  case SBX_QN_XFORM: rc = sbx__qn_xform(f, &q, ctx); break;
  case SBX_QN_GOOGLE_APPS_SCRIPT: rc = sbx__qn_gas(f, &q, ctx); break;
  case SBX_QN_XLSFORM: rc = sbx__qn_xlsform(f, &q, ctx); break;
  case SBX_QN_KEYING_CSV: rc = sbx__qn_keying(f, &q, 0, ctx); break;
  case SBX_QN_KEYING_XLSX: rc = sbx__qn_keying(f, &q, 1, ctx); break;
  default:
    rc = sbx__error(ctx, SBX_EUSAGE, "questionnaire", 0, NULL, "unknown format");
  }
  sbx__free(q.leaf);
  sbx__free(q.parts);
  for (size_t i = 0; i < q.nlangs; i++) sbx__lang_free(q.msgs[i]);
  if (rc == SBX_ENOMEM || rc == SBX_EIO)
    sbx__error(ctx, rc, NULL, 0, names[format],
               rc == SBX_EIO ? "cannot write the questionnaire" : "out of memory");
  return rc;
}

void sbx__qn_notes(const sbx__qn *q, sbx_text *intro, sbx_text *promise) {
  for (size_t i = 0; i < q->nlangs; i++) {
    const char *own = sbx__text_get(&q->s->intro, q->langs[i]);
    char *instr = sbx__qn_instructions(q, q->langs[i]);
    char *both = sbx__asprintf("%s%s%s", own, own[0] ? "\n\n" : "", instr ? instr : "");
    char *prom = sbx__qn_promise(q, q->langs[i]);
    sbx__text_set(intro, q->langs[i], both ? both : "");
    sbx__text_set(promise, q->langs[i], prom ? prom : "");
    sbx__free(instr);
    sbx__free(both);
    sbx__free(prom);
  }
}

/* The LimeSurvey survey structure (.lss XML, the format of Survey → Import and of the
 * real files in fixtures/exports/limesurvey): a group per part of the questionnaire
 * (sbx__qn_parts: the survey's order), an array question (type F) per part with its
 * items as subquestions coded from the item ids, answer
 * codes = the scale's point values (and the "don't know" code), the unit question as a
 * drop-down list (type !) of the leaf units coded U001... (LimeSurvey's answer codes
 * are at most five letters and digits; the importer maps the codes back), the free-text questions as long text (T);
 * every row in every language of the survey. Values are CDATA, as LimeSurvey writes. */
#include "surveys/questionnaire/builders.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

static const char *const f_answers[] = { "qid", "code", "answer", "sortorder",
  "assessment_value", "language", "scale_id" };
static const char *const f_groups[] = { "gid", "sid", "group_name", "group_order",
  "description", "language", "randomization_group", "grelevance" };
static const char *const f_questions[] = { "qid", "parent_qid", "sid", "gid", "type",
  "title", "question", "preg", "help", "other", "mandatory", "question_order",
  "language", "scale_id", "same_default", "relevance", "modulename" };
static const char *const f_lang[] = { "surveyls_survey_id", "surveyls_language",
  "surveyls_title", "surveyls_description", "surveyls_welcometext", "surveyls_endtext",
  "surveyls_url", "surveyls_urldescription", "surveyls_dateformat",
  "surveyls_numberformat" };

#define N(a) (sizeof a / sizeof a[0])

/* A table section: <name><fields>...</fields><rows/></name>; returns <rows>. */
static xmlNodePtr table(xmlNodePtr root, const char *name, const char *const *fields,
                        size_t n) {
  xmlNodePtr t = xmlNewChild(root, NULL, X(name), NULL);
  xmlNodePtr fl = xmlNewChild(t, NULL, X("fields"), NULL);
  for (size_t i = 0; i < n; i++) xmlNewChild(fl, NULL, X("fieldname"), X(fields[i]));
  return xmlNewChild(t, NULL, X("rows"), NULL);
}

/* <name><![CDATA[value]]></name>, or <name/> for an empty value. */
static void cell(xmlNodePtr row, const char *name, const char *value) {
  xmlNodePtr c = xmlNewChild(row, NULL, X(name), NULL);
  if (c && value && value[0]) {
    xmlNodePtr d = xmlNewCDataBlock(row->doc, X(value), (int)strlen(value));
    if (d) xmlAddChild(c, d);
  }
}

static void celln(xmlNodePtr row, const char *name, long v) {
  char b[24];
  snprintf(b, sizeof b, "%ld", v);
  cell(row, name, b);
}

/* A survey id LimeSurvey accepts (six digits), stable for a survey id. */
static long survey_sid(const sbx_survey *s) {
  unsigned long h = 5381;
  for (const char *p = s->id ? s->id : ""; *p; p++) h = h * 33 + (unsigned char)*p;
  return 100000 + (long)(h % 900000);
}

typedef struct lss {
  const sbx__qn *q;
  long sid;
  xmlNodePtr answers, groups, questions, subquestions;
} lss;

static void group_row(lss *l, long gid, long order, const char *lang, const char *name,
                      const char *desc) {
  xmlNodePtr r = xmlNewChild(l->groups, NULL, X("row"), NULL);
  celln(r, "gid", gid);
  celln(r, "sid", l->sid);
  cell(r, "group_name", name);
  celln(r, "group_order", order);
  cell(r, "description", desc);
  cell(r, "language", lang);
  cell(r, "randomization_group", NULL);
  cell(r, "grelevance", "1");
}

typedef struct qrow {
  long qid, parent, gid, order;
  const char *type, *title, *text, *mandatory;
} qrow;

static void question_row(lss *l, xmlNodePtr table_rows, const qrow *x, const char *lang) {
  xmlNodePtr r = xmlNewChild(table_rows, NULL, X("row"), NULL);
  celln(r, "qid", x->qid);
  celln(r, "parent_qid", x->parent);
  celln(r, "sid", l->sid);
  celln(r, "gid", x->gid);
  cell(r, "type", x->type);
  cell(r, "title", x->title);
  cell(r, "question", x->text);
  cell(r, "preg", NULL);
  cell(r, "help", NULL);
  cell(r, "other", "N");
  cell(r, "mandatory", x->mandatory);
  celln(r, "question_order", x->order);
  cell(r, "language", lang);
  cell(r, "scale_id", "0");
  cell(r, "same_default", "0");
  cell(r, "relevance", "1");
  cell(r, "modulename", NULL);
}

static void answer_row(lss *l, long qid, const char *code, const char *text, long order,
                       long value, const char *lang) {
  xmlNodePtr r = xmlNewChild(l->answers, NULL, X("row"), NULL);
  celln(r, "qid", qid);
  cell(r, "code", code);
  cell(r, "answer", text);
  celln(r, "sortorder", order);
  celln(r, "assessment_value", value);
  cell(r, "language", lang);
  cell(r, "scale_id", "0");
}

/* Group 1: the unit question (qid 1), a drop-down of the leaf units coded U001... */
static void unit_part(lss *l, const char *lang) {
  const sbx__qn *q = l->q;
  char code[SBX_QN_CODE_SIZE];
  char *hint = sbx__strdup(sbx__qn_text(q, lang, q->nleaf ? "unit_hint" : "unit_free"));
  group_row(l, 1, 0, lang, sbx__qn_unit_q(q, lang), hint);
  sbx__free(hint);
  sbx__qn_ls_code(sbx__qn_unit_id(q->s), code, sizeof code);
  qrow x = { 1, 0, 1, 0, q->nleaf ? "!" : "S", code, sbx__qn_unit_q(q, lang), "Y" };
  question_row(l, l->questions, &x, lang);
  for (size_t k = 0; k < q->nleaf; k++) {
    char ucode[32];
    sbx__qn_ls_unit_code(k, ucode, sizeof ucode);
    answer_row(l, 1, ucode, sbx__qn_unit_name(q->org, q->leaf[k], lang), (long)k + 1, 0,
               lang);
  }
}

/* Group 2+k: part k of the questionnaire (sbx__qn_parts) as an array question (qid
 * 2+k), its items as subquestions in the survey's order. */
static void part_group(lss *l, size_t k, long *next_sub, const char *lang) {
  const sbx__qn *q = l->q;
  const sbx_survey *s = q->s;
  const sbx__qn_part *p = &q->parts[k];
  long qid = 2 + (long)k, gid = 2 + (long)k;
  char code[SBX_QN_CODE_SIZE], sub[SBX_QN_CODE_SIZE], num[16], head[64];
  const char *name = sbx__qn_heading(q, p, lang, head, sizeof head);
  if (!name[0]) name = sbx__text_get(&s->item[p->first].text, lang);
  group_row(l, gid, (long)k + 1, lang, name, NULL);
  sbx__qn_part_code(s, p, 0, code, sizeof code);
  qrow qr = { qid, 0, gid, 0, "F", code, name, "N" };
  question_row(l, l->questions, &qr, lang);
  for (size_t j = p->first; j < p->first + p->count; j++) {
    sbx__qn_ls_item_code(s, j, sub, sizeof sub);
    qrow sr = { (*next_sub)++, qid, gid, (long)(j - p->first) + 1, "T", sub,
                sbx__text_get(&s->item[j].text, lang), "N" };
    question_row(l, l->subquestions, &sr, lang);
  }
  const sbx_answer_scale *a = &s->answer_scale[s->item[p->first].answer_scale];
  for (size_t m = 0; m < a->npoint; m++) {
    char code2[32];
    snprintf(code2, sizeof code2, "%d", a->point[m].value);
    answer_row(l, qid, code2, sbx__qn_point_label(a, m, lang, num, sizeof num), (long)m + 1,
               a->point[m].value, lang);
  }
  if (a->has_dont_know)
    answer_row(l, qid, sbx__qn_dont_know_code(a), sbx__qn_dk(q, a, lang),
               (long)a->npoint + 1, 0, lang);
}

/* The last group: the free-text questions (long text). */
static void free_part(lss *l, const char *lang) {
  const sbx__qn *q = l->q;
  const sbx_survey *s = q->s;
  if (s->nfree_text == 0) return;
  long gid = 2 + (long)l->q->nparts;
  char code[SBX_QN_CODE_SIZE];
  group_row(l, gid, (long)l->q->nparts + 1, lang, sbx__qn_text(q, lang, "free_text"),
            sbx__qn_text(q, lang, "comments_hint"));
  for (size_t k = 0; k < s->nfree_text; k++) {
    sbx__qn_ls_code(s->free_text[k].id, code, sizeof code);
    qrow x = { 2 + (long)l->q->nparts + (long)k, 0, gid, (long)k, "T", code,
               sbx__text_get(&s->free_text[k].text, lang), "N" };
    question_row(l, l->questions, &x, lang);
  }
}

/* The survey's settings: anonymous, date-stamped, group by group, no IP or referrer. */
static const char *const survey_settings[][2] = {
  { "admin", "" }, { "adminemail", "" }, { "anonymized", "Y" }, { "faxto", "" },
  { "format", "G" }, { "savetimings", "N" }, { "template", "default" },
  { "language", NULL }, { "additional_languages", NULL }, { "datestamp", "Y" },
  { "usecookie", "N" }, { "allowregister", "N" }, { "allowsave", "N" },
  { "autonumber_start", "0" }, { "autoredirect", "N" }, { "allowprev", "Y" },
  { "printanswers", "N" }, { "ipaddr", "N" }, { "refurl", "N" },
  { "publicstatistics", "N" }, { "publicgraphs", "N" }, { "listpublic", "N" },
  { "htmlemail", "Y" }, { "sendconfirmation", "N" }, { "tokenanswerspersistence", "N" },
  { "assessments", "N" }, { "usecaptcha", "N" }, { "usetokens", "N" },
  { "bounce_email", "" }, { "attributedescriptions", "" }, { "emailresponseto", "" },
  { "emailnotificationto", "" }, { "tokenlength", "15" }, { "showxquestions", "Y" },
  { "showgroupinfo", "B" }, { "shownoanswer", "N" }, { "showqnumcode", "X" },
  { "bounceprocessing", "N" }, { "showwelcome", "Y" }, { "showprogress", "Y" },
  { "questionindex", "0" }, { "navigationdelay", "0" }, { "nokeyboard", "N" },
  { "alloweditaftercompletion", "N" },
};

static void surveys_part(lss *l, xmlNodePtr root) {
  const sbx__qn *q = l->q;
  const char *fields[N(survey_settings) + 1];
  fields[0] = "sid";
  for (size_t i = 0; i < N(survey_settings); i++) fields[i + 1] = survey_settings[i][0];
  xmlNodePtr rows = table(root, "surveys", fields, N(survey_settings) + 1);
  xmlNodePtr r = xmlNewChild(rows, NULL, X("row"), NULL);
  char extra[64] = "";
  for (size_t i = 1; i < q->nlangs; i++) {
    if (i > 1) strncat(extra, " ", sizeof extra - strlen(extra) - 1);
    strncat(extra, q->langs[i], sizeof extra - strlen(extra) - 1);
  }
  celln(r, "sid", l->sid);
  for (size_t i = 0; i < N(survey_settings); i++) {
    const char *v = survey_settings[i][1];
    if (strcmp(survey_settings[i][0], "language") == 0) v = q->lang;
    if (strcmp(survey_settings[i][0], "additional_languages") == 0) v = extra;
    cell(r, survey_settings[i][0], v);
  }
}

static void language_row(lss *l, xmlNodePtr rows, const char *lang) {
  const sbx__qn *q = l->q;
  char *promise = sbx__qn_promise(q, lang);
  char *instr = sbx__qn_instructions(q, lang);
  const char *intro = sbx__text_get(&q->s->intro, lang);
  char *welcome = sbx__asprintf("%s%s%s", intro, intro[0] ? " " : "", instr ? instr : "");
  xmlNodePtr r = xmlNewChild(rows, NULL, X("row"), NULL);
  celln(r, "surveyls_survey_id", l->sid);
  cell(r, "surveyls_language", lang);
  cell(r, "surveyls_title", sbx__text_get(&q->s->title, lang));
  cell(r, "surveyls_description", promise);
  cell(r, "surveyls_welcometext", welcome);
  cell(r, "surveyls_endtext", sbx__qn_text(q, lang, "thanks"));
  cell(r, "surveyls_url", NULL);
  cell(r, "surveyls_urldescription", NULL);
  cell(r, "surveyls_dateformat", "6"); /* yyyy-mm-dd */
  cell(r, "surveyls_numberformat", "1"); /* decimal comma */
  sbx__free(promise);
  sbx__free(instr);
  sbx__free(welcome);
}

int sbx__qn_lss(FILE *f, const sbx__qn *q, sbx_ctx *ctx) {
  xmlDocPtr doc = xmlNewDoc(X("1.0"));
  xmlNodePtr root = doc ? xmlNewNode(NULL, X("document")) : NULL;
  if (!root) {
    xmlFreeDoc(doc);
    return SBX_ENOMEM;
  }
  xmlDocSetRootElement(doc, root);
  xmlNewChild(root, NULL, X("LimeSurveyDocType"), X("Survey"));
  xmlNewChild(root, NULL, X("DBVersion"), X("261"));
  xmlNodePtr langs = xmlNewChild(root, NULL, X("languages"), NULL);
  for (size_t i = 0; i < q->nlangs; i++) xmlNewChild(langs, NULL, X("language"), X(q->langs[i]));
  lss l = { q, survey_sid(q->s), NULL, NULL, NULL, NULL };
  l.answers = table(root, "answers", f_answers, N(f_answers));
  l.groups = table(root, "groups", f_groups, N(f_groups));
  l.questions = table(root, "questions", f_questions, N(f_questions));
  l.subquestions = table(root, "subquestions", f_questions, N(f_questions));
  for (size_t i = 0; i < q->nlangs; i++) {
    long next_sub = 2 + (long)q->nparts + (long)q->s->nfree_text;
    unit_part(&l, q->langs[i]);
    for (size_t k = 0; k < q->nparts; k++) part_group(&l, k, &next_sub, q->langs[i]);
    free_part(&l, q->langs[i]);
  }
  surveys_part(&l, root);
  xmlNodePtr rows = table(root, "surveys_languagesettings", f_lang, N(f_lang));
  for (size_t i = 0; i < q->nlangs; i++) language_row(&l, rows, q->langs[i]);
  int rc = sbx__qn_dump_xml(f, doc);
  xmlFreeDoc(doc);
  (void)ctx;
  return rc;
}

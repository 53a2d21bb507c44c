/* The simulated CSV exports, each as its tool writes it (docs/formats.md, "Import"):
 * Google Forms (one header row, grid columns "Title [Row]", localised "Tidstämpel"),
 * SurveyMonkey (two header rows), Qualtrics (three header rows, ImportId JSON),
 * LimeSurvey (BOM, ';', every field quoted, Q[SQ] codes), KoboToolbox (';', quoted,
 * group paths) and the normalised responses.csv form. The exports of the tools we make
 * questionnaires for (Google Forms, LimeSurvey, KoboToolbox) follow the questionnaire's
 * parts (codes.h, sbx__qn_parts); the others the survey's scales in file order. */
#include "engine/simulate/csvw.h"
#include "engine/simulate/sim.h"
#include "surveys/questionnaire/codes.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The tools' own words and date formats are the tool's dialect, known in Swedish and
 * English (engine/import): Swedish for sv, the tool's English for every other language. */
static int tool_sv(const char *lang) { return strcmp(lang, "sv") == 0; }

/* The unit's name as the unit question offers it. */
static const char *unit_answer(const sbx_simulation *sim, size_t row, const char *lang) {
  uint32_t u = sim->r->unit[row];
  return u == SBX_NO_UNIT ? "" : sbx__qn_unit_name(sim->org, u, lang);
}

static void add_labels(sbx__csvw *w, const sbx_simulation *sim, size_t row,
                       const char *lang) {
  const sbx_survey *s = sim->s;
  char buf[32];
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++)
      sbx__csvw_add(w, sbx__sim_answer_label(sim, row, s->scale[sc].item[k], lang, buf,
                                             sizeof buf));
}

/* The items on scales in the survey's order: the order of the questionnaires made for
 * LimeSurvey, KoboToolbox and Google Forms (sbx__qn_parts), so their exports too. */
static void add_labels_ordered(sbx__csvw *w, const sbx_simulation *sim, size_t row,
                               const char *lang) {
  const sbx_survey *s = sim->s;
  char buf[32];
  for (size_t j = 0; j < s->nitem; j++)
    if (s->item[j].scale != SBX_NONE)
      sbx__csvw_add(w, sbx__sim_answer_label(sim, row, j, lang, buf, sizeof buf));
}

/* Calls fn for each item of a part that is not a lone question, with the part. */
static int each_part_item(const sbx_survey *s, void (*fn)(void *, const sbx__qn_part *,
                                                          size_t), void *ud) {
  sbx__qn_part *parts;
  size_t np;
  if (sbx__qn_parts(s, &parts, &np)) return SBX_ENOMEM;
  for (size_t k = 0; k < np; k++)
    for (size_t j = parts[k].first; !parts[k].question && j < parts[k].first + parts[k].count; j++)
      fn(ud, &parts[k], j);
  sbx__free(parts);
  return 0;
}

typedef struct hdr_ud {
  sbx__csvw *w;
  const sbx_survey *s;
  const char *lang;
  const sbx__lang *msgs;
} hdr_ud;

static void google_col(void *ud, const sbx__qn_part *p, size_t j) {
  hdr_ud *h = ud;
  char head[64];
  const char *t = sbx__qn_part_heading(h->s, p, h->lang, h->msgs, head, sizeof head);
  sbx__csvw_addf(h->w, "%s [%s]", t, sbx__text_get(&h->s->item[j].text, h->lang));
}

static void limesurvey_col(void *ud, const sbx__qn_part *p, size_t j) {
  hdr_ud *h = ud;
  char code[SBX_QN_CODE_SIZE], sub[SBX_QN_CODE_SIZE];
  sbx__qn_part_code(h->s, p, 0, code, sizeof code);
  sbx__qn_ls_item_code(h->s, j, sub, sizeof sub);
  sbx__csvw_addf(h->w, "%s[%s]", code, sub);
}

static void kobo_col(void *ud, const sbx__qn_part *p, size_t j) {
  hdr_ud *h = ud;
  char g[SBX_QN_CODE_SIZE], n[SBX_QN_CODE_SIZE];
  sbx__qn_part_code(h->s, p, 1, g, sizeof g);
  sbx__qn_xml_name(h->s->item[j].id, n, sizeof n);
  sbx__csvw_addf(h->w, "%s/%s", g, n);
}

static void add_comments(sbx__csvw *w, const sbx_simulation *sim, size_t row) {
  for (size_t q = 0; q < sim->s->nfree_text; q++) {
    const char *c = sbx__sim_comment_of(sim, row, q);
    sbx__csvw_add(w, c ? c : "");
  }
}

static void google_time(char *buf, size_t size, int64_t t, const char *lang) {
  int y, mo, d, h, mi, s;
  sbx__sim_time_parts(t, &y, &mo, &d, &h, &mi, &s);
  if (!tool_sv(lang)) snprintf(buf, size, "%d/%d/%04d %d:%02d:%02d", mo, d, y, h, mi, s);
  else snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
}

static int write_google(FILE *f, const sbx_simulation *sim, const char *lang) {
  const sbx_survey *s = sim->s;
  sbx__csvw w;
  sbx__csvw_init(&w, f, ',', 0, "\r\n", 0); /* CRLF, no final line end */
  sbx__csvw_add(&w, tool_sv(lang) ? "Tidstämpel" : "Timestamp");
  sbx__csvw_add(&w, sbx__qn_unit_text(s, lang, sim->msgs));
  if (s->has_gender) sbx__csvw_add(&w, sbx__text_get(&s->item[s->gender_item].text, lang));
  hdr_ud hu = { &w, s, lang, sim->msgs };
  if (each_part_item(s, google_col, &hu)) return SBX_ENOMEM;
  for (size_t q = 0; q < s->nfree_text; q++)
    sbx__csvw_add(&w, sbx__text_get(&s->free_text[q].text, lang));
  sbx__csvw_end(&w);
  for (size_t i = 0; i < sim->r->n; i++) {
    char t[40];
    google_time(t, sizeof t, sim->start[i] + sim->duration[i], lang);
    sbx__csvw_add(&w, t);
    sbx__csvw_add(&w, unit_answer(sim, i, lang));
    char g[32];
    if (s->has_gender)
      sbx__csvw_add(&w, sbx__sim_answer_label(sim, i, s->gender_item, lang, g, sizeof g));
    add_labels_ordered(&w, sim, i, lang);
    add_comments(&w, sim, i);
    sbx__csvw_end(&w);
  }
  return sbx__csvw_finish(&w);
}

static void us_time(char *buf, size_t size, int64_t t) {
  int y, mo, d, h, mi, s;
  sbx__sim_time_parts(t, &y, &mo, &d, &h, &mi, &s);
  snprintf(buf, size, "%02d/%02d/%04d %02d:%02d:%02d %s", mo, d, y,
           h % 12 ? h % 12 : 12, mi, s, h < 12 ? "AM" : "PM");
}

static const char *const sm_meta[] = {
  "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
  "Email Address", "First Name", "Last Name", "Custom Data 1"
};

static void sm_header(sbx__csvw *w, const sbx_survey *s, const char *lang,
                      const sbx__lang *msgs) {
  for (size_t k = 0; k < 9; k++) sbx__csvw_add(w, sm_meta[k]);
  sbx__csvw_add(w, sbx__qn_unit_text(s, lang, msgs));
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++)
      sbx__csvw_add(w, k == 0 ? sbx__text_get(&s->scale[sc].name, lang) : "");
  for (size_t q = 0; q < s->nfree_text; q++)
    sbx__csvw_add(w, sbx__text_get(&s->free_text[q].text, lang));
  sbx__csvw_end(w);
  for (size_t k = 0; k < 9; k++) sbx__csvw_add(w, "");
  sbx__csvw_add(w, "Response");
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++)
      sbx__csvw_add(w, sbx__text_get(&s->item[s->scale[sc].item[k]].text, lang));
  for (size_t q = 0; q < s->nfree_text; q++) sbx__csvw_add(w, "Open-Ended Response");
  sbx__csvw_end(w);
}

static int write_surveymonkey(FILE *f, const sbx_simulation *sim, const char *lang) {
  sbx__csvw w;
  sbx__csvw_init(&w, f, ',', 0, "\r\n", 1);
  sm_header(&w, sim->s, lang, sim->msgs);
  for (size_t i = 0; i < sim->r->n; i++) {
    char a[40], b[40];
    us_time(a, sizeof a, sim->start[i]);
    us_time(b, sizeof b, sim->start[i] + sim->duration[i]);
    sbx__csvw_addf(&w, "%llu", 114000000000ULL + (unsigned long long)(sim->token[i] % 999999999ULL));
    sbx__csvw_add(&w, "431873520");
    sbx__csvw_add(&w, a);
    sbx__csvw_add(&w, b);
    for (int k = 0; k < 5; k++) sbx__csvw_add(&w, "");
    sbx__csvw_add(&w, unit_answer(sim, i, lang));
    add_labels(&w, sim, i, lang);
    add_comments(&w, sim, i);
    sbx__csvw_end(&w);
  }
  return sbx__csvw_finish(&w);
}

/* Qualtrics's third header row: one compact JSON object per column. */
static void add_import_id(sbx__csvw *w, const char *id, const char *tz) {
  json_t *o = json_object();
  if (!o) {
    w->err = SBX_ENOMEM;
    return;
  }
  int bad = json_object_set_new(o, "ImportId", json_string(id)) != 0;
  if (tz && json_object_set_new(o, "timeZone", json_string(tz))) bad = 1;
  char *s = bad ? NULL : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (!s) w->err = SBX_ENOMEM;
  else sbx__csvw_add(w, s);
  sbx__json_free(s);
}

static const char *const q_tag[] = {
  "StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished",
  "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage"
};
static const char *const q_text[] = {
  "Start Date", "End Date", "Response Type", "Progress", "Duration (in seconds)",
  "Finished", "Recorded Date", "Response ID", "Distribution Channel", "User Language"
};
static const char *const q_import[] = {
  "startDate", "endDate", "status", "progress", "duration", "finished", "recordedDate",
  "_recordId", "distributionChannel", "userLanguage"
};
#define Q_TZ "Europe/Stockholm"

/* Question numbers: the unit question is Q1, scale sc is Q(2+sc), free-text q follows. */
static void qualtrics_header(sbx__csvw *w, const sbx_survey *s, const char *lang,
                             const sbx__lang *msgs) {
  for (size_t k = 0; k < 10; k++) sbx__csvw_add(w, q_tag[k]);
  sbx__csvw_add(w, "Q1");
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++) sbx__csvw_addf(w, "Q%zu_%zu", sc + 2, k + 1);
  for (size_t q = 0; q < s->nfree_text; q++) sbx__csvw_addf(w, "Q%zu", s->nscale + 2 + q);
  sbx__csvw_end(w);
  for (size_t k = 0; k < 10; k++) sbx__csvw_add(w, q_text[k]);
  sbx__csvw_add(w, sbx__qn_unit_text(s, lang, msgs));
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++)
      sbx__csvw_addf(w, "%s - %s", sbx__text_get(&s->scale[sc].name, lang),
                     sbx__text_get(&s->item[s->scale[sc].item[k]].text, lang));
  for (size_t q = 0; q < s->nfree_text; q++)
    sbx__csvw_add(w, sbx__text_get(&s->free_text[q].text, lang));
  sbx__csvw_end(w);
  for (size_t k = 0; k < 10; k++)
    add_import_id(w, q_import[k], k == 0 || k == 1 || k == 6 ? Q_TZ : NULL);
  add_import_id(w, "QID1", NULL);
  char id[48];
  for (size_t sc = 0; sc < s->nscale; sc++)
    for (size_t k = 0; k < s->scale[sc].nitem; k++) {
      snprintf(id, sizeof id, "QID%zu_%zu", sc + 2, k + 1);
      add_import_id(w, id, NULL);
    }
  for (size_t q = 0; q < s->nfree_text; q++) {
    snprintf(id, sizeof id, "QID%zu_TEXT", s->nscale + 2 + q);
    add_import_id(w, id, NULL);
  }
  sbx__csvw_end(w);
}

/* "R_" and 15 letters and digits, from the row's token. */
static void qualtrics_id(char *buf, uint64_t token) {
  static const char a[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  buf[0] = 'R';
  buf[1] = '_';
  for (int k = 0; k < 15; k++) {
    token = token * 6364136223846793005ULL + 1442695040888963407ULL;
    buf[2 + k] = a[(token >> 33) % 62];
  }
  buf[17] = '\0';
}

static int write_qualtrics(FILE *f, const sbx_simulation *sim, const char *lang) {
  sbx__csvw w;
  sbx__csvw_init(&w, f, ',', 0, "\r\n", 1);
  qualtrics_header(&w, sim->s, lang, sim->msgs);
  for (size_t i = 0; i < sim->r->n; i++) {
    char a[40], b[40], id[24];
    sbx__sim_time_iso(sim->start[i], a, sizeof a);
    sbx__sim_time_iso(sim->start[i] + sim->duration[i], b, sizeof b);
    qualtrics_id(id, sim->token[i]);
    sbx__csvw_add(&w, a);
    sbx__csvw_add(&w, b);
    sbx__csvw_add(&w, "IP Address");
    sbx__csvw_add(&w, "100");
    sbx__csvw_addf(&w, "%ld", (long)sim->duration[i]);
    sbx__csvw_add(&w, "True");
    sbx__csvw_add(&w, b);
    sbx__csvw_add(&w, id);
    sbx__csvw_add(&w, "anonymous");
    char ul[16]; /* Qualtrics' UserLanguage: the code in capitals */
    size_t k = 0;
    for (; lang[k] && k + 1 < sizeof ul; k++)
      ul[k] = lang[k] >= 'a' && lang[k] <= 'z' ? (char)(lang[k] - 'a' + 'A') : lang[k];
    ul[k] = '\0';
    sbx__csvw_add(&w, ul);
    sbx__csvw_add(&w, unit_answer(sim, i, lang));
    add_labels(&w, sim, i, lang);
    add_comments(&w, sim, i);
    sbx__csvw_end(&w);
  }
  return sbx__csvw_finish(&w);
}

/* LimeSurvey's CSV export with question codes as headings and full answers as values
 * (so units and answers come back as the texts the questionnaire offered). */
static int write_limesurvey(FILE *f, const sbx_simulation *sim, const char *lang) {
  const sbx_survey *s = sim->s;
  static const char *const meta[] = { "id", "submitdate", "lastpage", "startlanguage",
                                      "seed", "startdate", "datestamp" };
  char code[SBX_QN_CODE_SIZE];
  sbx__csvw w;
  fputs("\xEF\xBB\xBF", f);
  sbx__csvw_init(&w, f, ';', 1, "\r\n", 1);
  for (size_t k = 0; k < 7; k++) sbx__csvw_add(&w, meta[k]);
  sbx__qn_ls_code(sbx__qn_unit_id(s), code, sizeof code);
  sbx__csvw_add(&w, code);
  hdr_ud hu = { &w, s, lang, sim->msgs };
  if (each_part_item(s, limesurvey_col, &hu)) return SBX_ENOMEM;
  for (size_t q = 0; q < s->nfree_text; q++) {
    sbx__qn_ls_code(s->free_text[q].id, code, sizeof code);
    sbx__csvw_add(&w, code);
  }
  sbx__csvw_end(&w);
  for (size_t i = 0; i < sim->r->n; i++) {
    char a[40], b[40];
    sbx__sim_time_iso(sim->start[i], a, sizeof a);
    sbx__sim_time_iso(sim->start[i] + sim->duration[i], b, sizeof b);
    sbx__csvw_addf(&w, "%zu", i + 1);
    sbx__csvw_add(&w, b);
    sbx__csvw_addf(&w, "%zu", s->nscale + 1 + (s->nfree_text ? 1 : 0));
    sbx__csvw_add(&w, lang);
    sbx__csvw_addf(&w, "%lu", (unsigned long)(sim->token[i] % 2000000000ULL));
    sbx__csvw_add(&w, a);
    sbx__csvw_add(&w, b);
    sbx__csvw_add(&w, unit_answer(sim, i, lang));
    add_labels_ordered(&w, sim, i, lang);
    for (size_t q = 0; q < s->nfree_text; q++) {
      const char *c = sbx__sim_comment_of(sim, i, q);
      sbx__csvw_add(&w, c); /* NULL: not answered */
    }
    sbx__csvw_end(&w);
  }
  fputs("\r\n", f); /* the writer's close() adds an empty line */
  return sbx__csvw_finish(&w);
}

/* The XForm's choice name of an answer: the point's value, or the "don't know" code. */
static void kobo_value(sbx__csvw *w, const sbx_simulation *sim, size_t i, size_t j) {
  const sbx_survey *s = sim->s;
  const sbx_answer_scale *a = &s->answer_scale[s->item[j].answer_scale];
  int v = sbx__responses_row(sim->r, i)[j];
  if (sim->dk[i * s->nitem + j]) sbx__csvw_add(w, sbx__qn_dont_know_code(a));
  else if (v == SBX_MISSING) sbx__csvw_add(w, "");
  else sbx__csvw_addf(w, "%d", v);
}

static int kobo_header(sbx__csvw *w, const sbx_survey *s) {
  static const char *const tail[] = { "_id", "_uuid", "_submission_time",
    "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags",
    "_index" };
  char n[SBX_QN_CODE_SIZE];
  sbx__csvw_add(w, "start");
  sbx__csvw_add(w, "end");
  sbx__qn_xml_name(sbx__qn_unit_id(s), n, sizeof n);
  sbx__csvw_add(w, n);
  hdr_ud hu = { w, s, NULL, NULL }; /* the columns are codes, in no language */
  if (each_part_item(s, kobo_col, &hu)) return SBX_ENOMEM;
  for (size_t q = 0; q < s->nfree_text; q++) {
    sbx__qn_xml_name(s->free_text[q].id, n, sizeof n);
    sbx__csvw_add(w, n);
  }
  for (size_t k = 0; k < 10; k++) sbx__csvw_add(w, tail[k]);
  sbx__csvw_end(w);
  return 0;
}

static void kobo_meta(sbx__csvw *w, const sbx_simulation *sim, size_t i) {
  uint64_t t = sim->token[i];
  char sub[40];
  sbx__sim_time_iso(sim->start[i] + sim->duration[i] - 3600, sub, sizeof sub);
  sub[10] = 'T'; /* UTC, no zone suffix */
  sbx__csvw_addf(w, "%llu", 180000000ULL + (unsigned long long)(t % 90000000ULL));
  sbx__csvw_addf(w, "%08lx-%04lx-4%03lx-a%03lx-%012llx", (unsigned long)(t >> 32),
                 (unsigned long)(t >> 16) & 0xffffUL, (unsigned long)(t >> 4) & 0xfffUL,
                 (unsigned long)(t >> 20) & 0xfffUL,
                 (unsigned long long)((t * 0x9E3779B97F4A7C15ULL) >> 16));
  sbx__csvw_add(w, sub);
  for (int k = 0; k < 2; k++) sbx__csvw_add(w, "");
  sbx__csvw_add(w, "submitted_via_web");
  sbx__csvw_add(w, "");
  sbx__csvw_add(w, "vSixboxSimulated");
  sbx__csvw_add(w, "");
  sbx__csvw_addf(w, "%zu", i + 1);
}

static int write_kobo(FILE *f, const sbx_simulation *sim) {
  const sbx_survey *s = sim->s;
  char n[SBX_QN_CODE_SIZE];
  sbx__csvw w;
  sbx__csvw_init(&w, f, ';', 1, "\r\n", 1);
  if (kobo_header(&w, s)) return SBX_ENOMEM;
  for (size_t i = 0; i < sim->r->n; i++) {
    char a[40], b[40];
    sbx__sim_time_iso(sim->start[i], a, sizeof a);
    sbx__sim_time_iso(sim->start[i] + sim->duration[i], b, sizeof b);
    a[10] = b[10] = 'T';
    sbx__csvw_addf(&w, "%s.000+01:00", a);
    sbx__csvw_addf(&w, "%s.000+01:00", b);
    uint32_t u = sim->r->unit[i];
    if (u == SBX_NO_UNIT) n[0] = '\0';
    else sbx__qn_xml_name(sim->org->unit[u].id, n, sizeof n);
    sbx__csvw_add(&w, n);
    for (size_t j = 0; j < s->nitem; j++)
      if (s->item[j].scale != SBX_NONE) kobo_value(&w, sim, i, j);
    add_comments(&w, sim, i);
    kobo_meta(&w, sim, i);
    sbx__csvw_end(&w);
  }
  return sbx__csvw_finish(&w);
}

/* The normalised form: response_id,source,unit,<item ids in survey order>. */
static int write_plain(FILE *f, const sbx_simulation *sim) {
  const sbx_survey *s = sim->s;
  sbx__csvw w;
  sbx__csvw_init(&w, f, ',', 0, "\n", 1);
  sbx__csvw_add(&w, "response_id");
  sbx__csvw_add(&w, "source");
  sbx__csvw_add(&w, "unit");
  for (size_t j = 0; j < s->nitem; j++) sbx__csvw_add(&w, s->item[j].id);
  sbx__csvw_end(&w);
  for (size_t i = 0; i < sim->r->n; i++) {
    sbx__csvw_addf(&w, "%zu", i + 1);
    sbx__csvw_add(&w, "simulate");
    uint32_t u = sim->r->unit[i];
    sbx__csvw_add(&w, u == SBX_NO_UNIT ? "" : sim->org->unit[u].id);
    const int8_t *row = sbx__responses_row(sim->r, i);
    for (size_t j = 0; j < s->nitem; j++) {
      if (row[j] == SBX_MISSING) sbx__csvw_add(&w, "");
      else sbx__csvw_addf(&w, "%d", row[j]);
    }
    sbx__csvw_end(&w);
  }
  return sbx__csvw_finish(&w);
}

int sbx__sim_write_csv(FILE *f, const sbx_simulation *sim, const char *format,
                       const char *lang, sbx_ctx *ctx) {
  int rc;
  if (strcmp(format, "google-forms") == 0) rc = write_google(f, sim, lang);
  else if (strcmp(format, "surveymonkey") == 0) rc = write_surveymonkey(f, sim, lang);
  else if (strcmp(format, "qualtrics") == 0) rc = write_qualtrics(f, sim, lang);
  else if (strcmp(format, "limesurvey") == 0) rc = write_limesurvey(f, sim, lang);
  else if (strcmp(format, "kobotoolbox") == 0) rc = write_kobo(f, sim);
  else if (strcmp(format, "csv") == 0) rc = write_plain(f, sim);
  else return sbx__error(ctx, SBX_EUSAGE, "simulate", 0, format, "unknown export format");
  if (rc == SBX_ENOMEM) return sbx__error(ctx, rc, "simulate", 0, format, "out of memory");
  if (rc) return sbx__error(ctx, rc, NULL, 0, format, "cannot write the export");
  return 0;
}

/* Questionnaires for the tools HR already uses, from one survey definition: a printable
 * A4 HTML questionnaire, a LimeSurvey survey structure (.lss), an ODK XForm, an
 * XLSForm for KoboToolbox and a Google Apps Script that creates the Google Form. Codes
 * come from the survey's ids, so the tools' exports come back without manual mapping.
 * Same input, same bytes. */
#ifndef SIXBOX_QUESTIONNAIRE_H
#define SIXBOX_QUESTIONNAIRE_H

#include <stdio.h>
#include <sixbox/survey.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  SBX_QN_PRINT = 0,          /* A4 HTML, one language */
  SBX_QN_LIMESURVEY,         /* .lss XML, every language of the survey */
  SBX_QN_XFORM,              /* ODK XForm with itext translations */
  SBX_QN_GOOGLE_APPS_SCRIPT, /* .gs creating the Google Form, one language */
  SBX_QN_XLSFORM,            /* XLSForm (.xlsx) for KoboToolbox, every language */
  SBX_QN_KEYING_CSV,         /* keying template for paper answers: CSV header row */
  SBX_QN_KEYING_XLSX         /* the same as .xlsx, with a sheet of codes */
} sbx_qn_format;

/* "print", "limesurvey", "xform", "google-apps-script", "xlsform", "keying-csv",
 * "keying-xlsx"; SBX_EUSAGE when unknown. */
SBX_EXTERN int sbx_questionnaire_format(sbx_qn_format *out, const char *name);

#define SBX_QUESTIONNAIRE_OPTS_VERSION 1

/* 0 or NULL = the default (see sixbox/common.h). */
typedef struct sbx_questionnaire_opts {
  unsigned int version; /* SBX_QUESTIONNAIRE_OPTS_VERSION */
  const char *lang;   /* NULL = the survey's first language (the formats that hold
                         every language put this one first) */
  int min_group;      /* the smallest group reported, named in the promise; 0 = SBX_MIN_GROUP_DEFAULT;
                       * below SBX_MIN_GROUP_FLOOR: SBX_EUSAGE, as diagnose */
} sbx_questionnaire_opts;

/* Sets every field to its default and version to `version`; SBX_EUSAGE for a version
 * this library does not know. */
SBX_EXTERN int sbx_questionnaire_opts_init(sbx_questionnaire_opts *opts,
                                           unsigned int version);
#define SBX_QUESTIONNAIRE_OPTS_INIT { .version = SBX_QUESTIONNAIRE_OPTS_VERSION }

/* Writes the questionnaire. org may be NULL: then the unit question is a free-text
 * answer; otherwise it offers the organisation's leaf units. */
SBX_EXTERN int sbx_questionnaire_write(FILE *f, const sbx_survey *s, const sbx_org *org,
                                       sbx_qn_format format,
                                       const sbx_questionnaire_opts *opts, sbx_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

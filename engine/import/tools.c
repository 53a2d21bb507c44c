/* The table of survey tools (sixbox/tools.h): the one list of the tools' ids, names
 * and what sixbox does with each. Its ids are the import dialects' names (detect.c
 * matches them), simulate's export formats (engine/simulate/write.c) and the lists in
 * the commands' help. */
#include <sixbox/tools.h>
#include "engine/import/dialect.h"

#include <stdio.h>
#include <string.h>

static const sbx_tool tools[] = {
  /* id, name, simulate, questionnaire, api */
  { "google-forms", "Google Forms", "csv", "google-apps-script", "google-sheets" },
  { "microsoft-forms", "Microsoft Forms", "xlsx", NULL, NULL },
  { "surveymonkey", "SurveyMonkey", "csv", NULL, "surveymonkey" },
  { "qualtrics", "Qualtrics", "csv", NULL, "qualtrics" },
  { "qualtrics-legacy", "Qualtrics (legacy export)", NULL, NULL, NULL },
  { "limesurvey", "LimeSurvey", "csv", "limesurvey", "limesurvey" },
  { "kobotoolbox", "KoboToolbox", "csv", "xlsform", "kobotoolbox" },
  { "odk-central", "ODK Central", NULL, "xform", "odk-central" },
  { "generic", "a plain CSV or XLSX file", NULL, NULL, "generic" },
};

const sbx_tool *sbx_tool_at(size_t i) {
  return i < sizeof tools / sizeof tools[0] ? &tools[i] : NULL;
}

char *sbx__tool_list(char *buf, size_t size, int simulated, const char *or_last) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
    if (simulated && !tools[i].simulate) continue;
    int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", tools[i].id);
    if (n < 0 || (size_t)n >= size - used) {
      buf[used] = '\0'; /* cut short after a whole id */
      return buf;
    }
    used += (size_t)n;
  }
  if (or_last && snprintf(buf + used, size - used, " or %s", or_last) >= (int)(size - used))
    buf[used] = '\0';
  return buf;
}

const sbx_tool *sbx_tool_by_id(const char *id) {
  for (size_t i = 0; id && i < sizeof tools / sizeof tools[0]; i++)
    if (strcmp(id, tools[i].id) == 0) return &tools[i];
  return NULL;
}

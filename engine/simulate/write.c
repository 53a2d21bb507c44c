/* Writing a simulation: the export formats by name, to a stream or atomically to a
 * file. */
#include "engine/simulate/sim.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"

#include <sixbox/output.h>
#include <string.h>

static const char *const formats[] = {
  "google-forms", "microsoft-forms", "surveymonkey", "qualtrics", "limesurvey",
  "kobotoolbox", "csv"
};

int sbx_simulate_format_known(const char *format) {
  for (size_t i = 0; format && i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp(format, formats[i]) == 0) return 1;
  return 0;
}

int sbx_simulate_write(FILE *f, const sbx_simulation *sim, const char *format,
                       const char *lang, sbx_ctx *ctx) {
  if (!f || !sim)
    return sbx__error(ctx, SBX_EUSAGE, "simulate", 0, NULL, "nothing to write");
  if (!format) format = "csv";
  if (!sbx_simulate_format_known(format))
    return sbx__error(ctx, SBX_EUSAGE, "simulate", 0, format,
                      "unknown format; use google-forms, microsoft-forms, surveymonkey, "
                      "qualtrics, limesurvey, kobotoolbox or csv");
  lang = sbx__qn_lang(sim->s, lang);
  if (strcmp(format, "microsoft-forms") == 0)
    return sbx__sim_write_msforms(f, sim, lang, ctx);
  return sbx__sim_write_csv(f, sim, format, lang, ctx);
}

int sbx_simulate_write_path(const char *path, const sbx_simulation *sim,
                            const char *format, const char *lang, sbx_ctx *ctx) {
  sbx_outfile *out = NULL;
  int rc = sbx_outfile_open(&out, path, ctx);
  if (rc) return rc;
  rc = sbx_simulate_write(sbx_outfile_stream(out), sim, format, lang, ctx);
  if (rc) {
    sbx_outfile_fail(out, ctx);
    return rc;
  }
  return sbx_outfile_commit(out, ctx);
}

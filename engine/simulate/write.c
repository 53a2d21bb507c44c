/* Writing a simulation: the export formats by name, to a stream or atomically to a
 * file. */
#include "engine/simulate/sim.h"
#include "surveys/questionnaire/codes.h"
#include "surveys/util.h"
#include "engine/import/dialect.h"

#include <sixbox/output.h>
#include <sixbox/tools.h>
#include <string.h>

/* The formats: every tool of the table (sixbox/tools.h) whose export simulate writes,
 * and "csv", the normalised responses.csv. */
int sbx_simulate_format_known(const char *format) {
  const sbx_tool *t = sbx_tool_by_id(format);
  return (format && strcmp(format, "csv") == 0) || (t && t->simulate);
}

int sbx_simulate_write(FILE *f, const sbx_simulation *sim, const char *format,
                       const char *lang, sbx_ctx *ctx) {
  if (!f || !sim)
    return sbx__error(ctx, SBX_EUSAGE, "simulate", 0, NULL, "nothing to write");
  if (!format) format = "csv";
  char formats[SBX__TOOL_LIST_MAX];
  if (!sbx_simulate_format_known(format))
    return sbx__error(ctx, SBX_EUSAGE, "simulate", 0, format, "unknown format; use %s",
                      sbx__tool_list(formats, sizeof formats, 1, "csv"));
  lang = sbx__qn_lang(sim->s, lang);
  sbx__lang *msgs = NULL;
  int rc = sbx__lang_load_or_fallback(&msgs, lang, ctx);
  if (rc) return rc;
  sbx_simulation with = *sim; /* the same simulation, with the language's catalogue */
  with.msgs = msgs;
  if (strcmp(format, "microsoft-forms") == 0) rc = sbx__sim_write_msforms(f, &with, lang, ctx);
  else rc = sbx__sim_write_csv(f, &with, format, lang, ctx);
  sbx__lang_free(msgs);
  return rc;
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

/* The survey tools sixbox works with, in one table: the name the commands take, the
 * name people know, and what sixbox does with each (reads its export, writes a
 * simulated one, builds its questionnaire, downloads its responses). The import
 * dialects, simulate's formats and the commands' help all come from it. */
#ifndef SIXBOX_TOOLS_H
#define SIXBOX_TOOLS_H

#include <stddef.h>
#include <sixbox/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_tool {
  const char *id;            /* "google-forms", ...: --tool of import and inspect (the
                                dialect of its export), --format of simulate */
  const char *name;          /* "Google Forms": as people know it */
  const char *simulate;      /* the file simulate writes its export as, "csv" or "xlsx";
                                NULL when it writes none */
  const char *questionnaire; /* the questionnaire format (sbx_questionnaire_format) that
                                builds the form in the tool; NULL when none */
  const char *api;           /* the API (sbx_api_from_name) that downloads its
                                responses; NULL when none */
} sbx_tool;

/* The i-th tool (from 0, in the order the help lists them); NULL past the last.
 * Thread-safe: the table is constant. */
SBX_EXTERN const sbx_tool *sbx_tool_at(size_t i);
/* The tool called id, or NULL. Thread-safe. */
SBX_EXTERN const sbx_tool *sbx_tool_by_id(const char *id);

#ifdef __cplusplus
}
#endif

#endif

/* The domain model: survey definitions, the organisation with its goal programme,
 * and the response set the importers fill and the analysis reads. Types are opaque
 * here; the library's own modules see the struct bodies in surveys/model.h. */
#ifndef SIXBOX_SURVEY_H
#define SIXBOX_SURVEY_H

#include <stddef.h>
#include <stdio.h>
#include <sixbox/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sbx_survey sbx_survey;
typedef struct sbx_org sbx_org;
typedef struct sbx_responses sbx_responses;

/* The six boxes, in Weisbord's order; ids as in surveys/README.md. */
typedef enum {
  SBX_BOX_PURPOSES = 0,
  SBX_BOX_STRUCTURE,
  SBX_BOX_RELATIONSHIPS,
  SBX_BOX_REWARDS,
  SBX_BOX_LEADERSHIP,
  SBX_BOX_HELPFUL_MECHANISMS,
  SBX_BOX_COUNT,
  SBX_BOX_NONE = -1
} sbx_box;

/* "purposes", ..., "helpful-mechanisms"; NULL for an invalid box. */
SBX_EXTERN const char *sbx_box_id(sbx_box box);
/* The box of an id, or SBX_BOX_NONE. */
SBX_EXTERN sbx_box sbx_box_from_id(const char *id);

/* The minimum group size: no figure for a group smaller than this leaves the
 * library. The default, and the floor below which no caller may set it. */
#define SBX_MIN_GROUP_DEFAULT 5
#define SBX_MIN_GROUP_FLOOR 3

/* Hard cap on a survey or organisation file, in bytes. */
#define SBX_XML_MAX_BYTES (8u * 1024u * 1024u)

/* The kind of a definition file, from its root element. */
typedef enum { SBX_FILE_UNKNOWN = 0, SBX_FILE_SURVEY, SBX_FILE_ORG } sbx_file_kind;

/* Reads PATH (at most SBX_XML_MAX_BYTES) and tells its kind from the root element;
 * problems go to ctx. */
SBX_EXTERN int sbx_definition_kind(sbx_file_kind *out, const char *path, sbx_ctx *ctx);

/* Load and validate (schema and rules). On any error *out is NULL, every problem is
 * recorded in ctx as source:line: reason, and SBX_EDATA (or ENOENT, EIO, ELIMIT) is
 * returned. Warnings do not fail a load. */
SBX_EXTERN int sbx_survey_load(sbx_survey **out, const char *path, sbx_ctx *ctx);
SBX_EXTERN int sbx_survey_load_memory(sbx_survey **out, const char *data, size_t len,
                                      const char *source, sbx_ctx *ctx);
SBX_EXTERN void sbx_survey_free(sbx_survey *s);

SBX_EXTERN int sbx_org_load(sbx_org **out, const char *path, sbx_ctx *ctx);
SBX_EXTERN int sbx_org_load_memory(sbx_org **out, const char *data, size_t len,
                                   const char *source, sbx_ctx *ctx);
/* Checks what joins the two: every goal's critical boxes exist in the survey. */
SBX_EXTERN int sbx_org_check_survey(const sbx_org *org, const sbx_survey *s, sbx_ctx *ctx);
SBX_EXTERN void sbx_org_free(sbx_org *org);

/* A few getters for programs that use the library. Borrowed pointers. */
SBX_EXTERN const char *sbx_survey_id(const sbx_survey *s);
SBX_EXTERN const char *sbx_survey_version(const sbx_survey *s);
SBX_EXTERN size_t sbx_survey_language_count(const sbx_survey *s);
SBX_EXTERN const char *sbx_survey_language(const sbx_survey *s, size_t i);
SBX_EXTERN size_t sbx_survey_item_count(const sbx_survey *s);
SBX_EXTERN size_t sbx_survey_scale_count(const sbx_survey *s);
SBX_EXTERN const char *sbx_org_id(const sbx_org *org);
SBX_EXTERN size_t sbx_org_unit_count(const sbx_org *org);

/* A response set is made by sbx_import() and freed by sbx_responses_free(), both in
 * sixbox/import.h (sbx_simulation_responses() lends one). */
SBX_EXTERN size_t sbx_responses_count(const sbx_responses *r);

#ifdef __cplusplus
}
#endif
#endif

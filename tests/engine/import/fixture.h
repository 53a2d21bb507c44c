/* A small survey and organisation built directly in the model's structs, for the
 * import tests: four items on a 1-5 agreement scale (sv, en), a unit question, a
 * free-text question; units kommun > hr, ekonomi. And a row feeder. */
#ifndef TFX_FIXTURE_H
#define TFX_FIXTURE_H

#include <stddef.h>
#include "surveys/model.h"

sbx_survey *tfx_survey(void);
sbx_org *tfx_org(void);

/* Feeds rows given as one string each, cells separated by '|', to an sbx_row_fn, as
 * a reader would (row numbers from 0, lines from 1). Returns what fn returned last. */
typedef int (*tfx_row_fn)(void *ud, size_t row, uint32_t line, const char *const *cells,
                          size_t ncell);
int tfx_feed(tfx_row_fn fn, void *ud, const char *const *rows, size_t nrows);

#endif

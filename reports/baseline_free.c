/* sbx_baseline_free(), the public free of a baseline, declared in sixbox/report.h beside
 * sbx_baseline_load() (reports/tables/baseline.c), which makes one: a program frees what
 * it loaded with the call of the same header. The library's own code (the analysis, the
 * follow-up history) calls sbx__baseline_free() (analysis/results.h). */
#include <sixbox/report.h>
#include "analysis/results.h"

void sbx_baseline_free(sbx_baseline *b) { sbx__baseline_free(b); }

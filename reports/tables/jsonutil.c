/* jansson helpers: NaN-safe numbers, pairs, failure-remembering setters. */
#include "reports/tables/jsonutil.h"

#include <math.h>

json_t *sbx__jnum(double v) {
  if (!isfinite(v)) return json_null();
  if (v == 0) v = 0; /* no "-0.0" */
  return json_real(v);
}

json_t *sbx__jpair(double lo, double hi) {
  if (!isfinite(lo) || !isfinite(hi)) return json_null();
  json_t *a = json_array();
  if (!a) return NULL;
  if (json_array_append_new(a, sbx__jnum(lo)) || json_array_append_new(a, sbx__jnum(hi))) {
    json_decref(a);
    return NULL;
  }
  return a;
}

void sbx__jput(json_t *o, const char *k, json_t *v, int *bad) {
  if (!o || !v || json_object_set_new(o, k, v) != 0) {
    if (o == NULL) json_decref(v);
    *bad = 1;
  }
}

void sbx__jappend(json_t *a, json_t *v, int *bad) {
  if (!a || !v || json_array_append_new(a, v) != 0) {
    if (a == NULL) json_decref(v);
    *bad = 1;
  }
}

double sbx__jget_num(const json_t *o, const char *k) {
  json_t *v = json_object_get(o, k);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

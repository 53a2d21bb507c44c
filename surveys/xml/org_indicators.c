/* A goal's indicators (a Kolada KPI or a local id, target, direction, years) and the
 * organisation's Kolada ids: what diagnose --benchmark reads values for. The format:
 * surveys/README.md; the rule that reads them: README.md ("Goal indicators"). */
#include "surveys/xml/org_xml.h"

#include <stdlib.h>
#include <string.h>

void sbx__org_indicators(sbx__xb *b, xmlNode *n, sbx_goal *g) {
  for (xmlNode *c = n->children; c && !b->nomem; c = c->next) {
    if (!sbx__xml_is(c, "indicator")) continue;
    sbx_indicator *ni = sbx__realloc(g->indicator, (g->nindicator + 1) * sizeof *ni);
    if (!ni) {
      b->nomem = 1;
      return;
    }
    g->indicator = ni;
    sbx_indicator *x = &ni[g->nindicator++];
    memset(x, 0, sizeof *x);
    x->kpi = sbx__xb_strdup(b, sbx__xml_attr(c, "kpi"));
    x->target = sbx__xb_double(c, "target", 0);
    const char *dir = sbx__xml_attr(c, "direction");
    x->at_most = dir && strcmp(dir, "at-most") == 0;
    x->year = (int)sbx__xb_long(c, "year", 0);
    x->from = (int)sbx__xb_long(c, "from", 0);
    x->line = sbx__xml_line(c);
    if (x->year && x->from && x->from >= x->year)
      sbx__xb_error(b, x->line, "goal %s, indicator %s: from=\"%d\" must be before "
                    "year=\"%d\"", g->id, x->kpi ? x->kpi : "", x->from, x->year);
    for (size_t k = 0; x->kpi && k + 1 < g->nindicator; k++)
      if (g->indicator[k].kpi && strcmp(g->indicator[k].kpi, x->kpi) == 0)
        sbx__xb_error(b, x->line, "goal %s: indicator %s is given twice", g->id, x->kpi);
  }
}

static char *attr_dup(sbx__xb *b, xmlNode *n, const char *name) {
  const char *v = sbx__xml_attr(n, name);
  return v ? sbx__xb_strdup(b, v) : NULL;
}

void sbx__org_kolada(sbx__xb *b, xmlNode *root, sbx_org *o) {
  o->kolada = attr_dup(b, root, "kolada");
  o->kolada_peers = attr_dup(b, root, "kolada-peers");
  o->kolada_country = attr_dup(b, root, "kolada-country");
}

#!/bin/sh
# check_internals.sh catches what it is for: each planted use of a dependency's internals
# (one small C file each, in a temporary folder) fails it with its reason, and the public
# ways of doing the same pass.
set -eu
: "${SBX_SOURCE_DIR:?}"
check="$SBX_SOURCE_DIR/tests/style/check_internals.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/surveys/xml"
fails=0
# plant NAME EXPECTED-TEXT: the file $tmp/NAME must fail the check, naming EXPECTED-TEXT.
plant() {
  if SBX_SOURCE_DIR="$tmp" sh "$check" "$1" >"$tmp/out" 2>&1; then
    echo "FAIL: $1 passed the check; it should not" >&2
    fails=1
  elif ! grep -q "$2" "$tmp/out"; then
    echo "FAIL: $1 failed the check without '$2':" >&2
    cat "$tmp/out" >&2
    fails=1
  else
    echo "ok: $1 fails: $(grep "$2" "$tmp/out" | head -n 1)"
  fi
}
# clean NAME: the file $tmp/NAME must pass.
clean() {
  if ! SBX_SOURCE_DIR="$tmp" sh "$check" "$1" >"$tmp/out" 2>&1; then
    echo "FAIL: $1 failed the check; it should pass:" >&2
    cat "$tmp/out" >&2
    fails=1
  else
    echo "ok: $1 passes"
  fi
}

cat >"$tmp/include.c" <<'EOF'
#include <libxml/parser.h>
#  include <libxml/parserInternals.h>
EOF
plant include.c "parserInternals.h"

cat >"$tmp/errno.c" <<'EOF'
static int failed(xmlParserCtxtPtr ctxt) { return ctxt->errNo != 0 || !ctxt->wellFormed; }
EOF
plant errno.c "parser field errNo"

cat >"$tmp/input.c" <<'EOF'
static long line(void *user) {
  xmlParserCtxt *c = user;
  return c->input ? c->input->line : 0;
}
EOF
plant input.c "parser field input"

cat >"$tmp/mydoc.c" <<'EOF'
static xmlDocPtr take(htmlParserCtxtPtr h) { return h->myDoc; }
EOF
plant mydoc.c "parser field myDoc"

cat >"$tmp/csv.c" <<'EOF'
#include <csv.h>
struct reader { struct csv_parser p; };
static int open_quote(struct reader *r) { return r->p.pstate == 2 && r->p.quoted; }
static size_t size(struct csv_parser *q) { return q->entry_size; }
EOF
plant csv.c "field pstate of struct csv_parser"
plant csv.c "field entry_size of struct csv_parser"

cat >"$tmp/docenc.c" <<'EOF'
struct page { htmlDocPtr doc; };
static void utf8(struct page *h) { h->doc->encoding = xmlStrdup(BAD_CAST "UTF-8"); }
EOF
plant docenc.c "xmlDoc's encoding"

cat >"$tmp/message.c" <<'EOF'
static void on_error(void *user, const xmlError *e) {
  if (strstr(e->message, "Excessive depth")) deep(user);
}
EOF
plant message.c "compares libxml2's message text"

cat >"$tmp/msgcopy.c" <<'EOF'
static void on_error(void *user, xmlErrorPtr e) {
  char msg[512];
  snprintf(msg, sizeof msg, "%s", e->message);
  if (strncmp(msg, "Premature end", 13) == 0) truncated(user);
}
EOF
plant msgcopy.c "compares libxml2's message text"

# The allowed access, in another function of its file: still refused.
cat >"$tmp/surveys/xml/parse.c" <<'EOF'
static xmlParserCtxtPtr new_parser(parse_state *st) {
  xmlParserCtxtPtr c = xmlNewParserCtxt();
  if (c) *c->sax = st->handler;
  return c;
}
static void quiet(xmlParserCtxtPtr c) { c->sax->warning = NULL; }
EOF
plant surveys/xml/parse.c "parser field sax"

# The public ways: _private, xmlError's code, libcsv's calls, a tree built by its calls;
# the allowed access in its function; names in comments and strings.
cat >"$tmp/public.c" <<'EOF'
#include <csv.h>
#include <libxml/parser.h>
/* ctxt->errNo and p.pstate in a comment are not code; neither is "doc->encoding" */
static void on_error(void *user, const xmlError *e) {
  xmlParserCtxtPtr c = user;
  state *st = c->_private;
  if (e->code == XML_ERR_NO_MEMORY) st->nomem = 1;
  if (strcmp(st->name, "ctxt->input") == 0) st->odd = 1;
}
static size_t grown(struct csv_parser *p) { return csv_get_buffer_size(p); }
static xmlNodePtr root(xmlDocPtr doc) { return doc->children; }
EOF
clean public.c
cat >"$tmp/surveys/xml/parse.c" <<'EOF'
static xmlParserCtxtPtr new_parser(parse_state *st) {
  xmlParserCtxtPtr c = xmlNewParserCtxt();
  if (c) *c->sax = st->handler;
  return c;
}
EOF
clean surveys/xml/parse.c

if [ "$fails" != 0 ]; then
  echo "FAIL: check_internals.sh misses or wrongly refuses a case above" >&2
  exit 1
fi
echo "ok: check_internals.sh catches every planted use of a dependency's internals"

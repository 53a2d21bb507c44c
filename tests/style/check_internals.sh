#!/bin/sh
# The code uses its dependencies through their public calls only (docs/architecture.md,
# "Dependencies' internals we rely on"). Fails on:
#   - #include <libxml/parserInternals.h>;
#   - a field of a libxml2 parser context or parser input (a variable or parameter declared
#     in the same file as xmlParserCtxtPtr, xmlParserCtxt *, htmlParserCtxtPtr or
#     xmlParserInputPtr), except _private, the field libxml2 keeps for its caller's data;
#   - a field of libcsv's struct csv_parser (a variable or member declared in the same file
#     as struct csv_parser): libcsv's public calls (csv.h) say all that is needed;
#   - the fields of an xmlDoc that its parser and serialiser own (encoding, charset, version,
#     standalone, compression, dict, ids, refs, parseFlags, properties) on a name declared
#     anywhere as xmlDocPtr or htmlDocPtr;
#   - comparing libxml2's message text (strstr, strcmp, memcmp and the like on a message or
#     msg) in a file that handles an xmlError: tell errors by xmlError's code and fields.
# An access that must stay is allowed in one function only, listed below with the field,
# and described in docs/architecture.md. Comments are not read; string literals are read
# only for the message rule.
# With file arguments, checks those files (the self-test plants violations that way);
# without, every tracked C file.
set -eu
: "${SBX_SOURCE_DIR:?}"
cd "$SBX_SOURCE_DIR"
# "file function field;" for each access that stays (see docs/architecture.md).
allow='surveys/xml/parse.c new_parser sax;'
if [ "$#" -gt 0 ]; then
  files="$*"
else
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "SKIP: not a git checkout (the check reads the tracked files)"
    exit 77
  fi
  files=$(git ls-files '*.c' '*.h' '*.c.in')
fi
# Every name declared as an xmlDoc pointer, in any file (a struct member is used elsewhere).
docnames=$(cat $files 2>/dev/null |
  grep -oE '(xmlDocPtr|htmlDocPtr)[ *]+[A-Za-z_][A-Za-z0-9_]*|(xmlDoc|htmlDoc) *[*]+ *[A-Za-z_][A-Za-z0-9_]*' |
  sed -E 's/.*[ *]//' | sort -u | tr '\n' ' ')
bad=0
for f in $files; do
  [ -f "$f" ] || continue
  awk -v f="$f" -v allow="$allow" -v docnames="$docnames" '
    function report(line, what) { printf "%s:%d: %s\n", f, line, what; bad = 1 }
    function allowed(field,   i, n, a) {
      n = split(allow, a, ";")
      for (i = 1; i <= n; i++) if (a[i] == f " " fn " " field) return 1
      return 0
    }
    # Every "name->field" (or name.field) in s for the names in set; sets hits[] to fields.
    function fields(s, names, sep,   n, k, nm, rest, pos, re, fld) {
      n = 0
      for (nm in names) {
        re = "(^|[^A-Za-z0-9_])" nm sep "[A-Za-z_][A-Za-z0-9_]*"
        rest = s
        while ((pos = match(rest, re)) > 0) {
          fld = substr(rest, RSTART, RLENGTH)
          sub(/^.*(->|[.])/, "", fld)
          hits[++n] = fld
          rest = substr(rest, RSTART + RLENGTH)
        }
      }
      return n
    }
    BEGIN {
      nd = split(docnames, d, " ")
      for (i = 1; i <= nd; i++) docs[d[i]] = 1
      docfields = "^(encoding|charset|version|standalone|compression|dict|ids|refs|parseFlags|properties)$"
    }
    { raw[NR] = $0 }
    END {
      # Pass 1: comments out; the names of parser contexts and csv_parsers in this file.
      incomment = 0
      for (i = 1; i <= NR; i++) {
        s = raw[i]
        out = ""
        while (s != "") {
          if (incomment) {
            p = index(s, "*/")
            if (p == 0) { s = ""; break }
            s = substr(s, p + 2); incomment = 0
          } else {
            p = index(s, "/*"); q = index(s, "//")
            if (q > 0 && (p == 0 || q < p)) { out = out substr(s, 1, q - 1); s = ""; break }
            if (p == 0) { out = out s; s = ""; break }
            out = out substr(s, 1, p - 1); s = substr(s, p + 2); incomment = 1
          }
        }
        code[i] = out
        if (out ~ /xmlError/) handles_errors = 1
        t = out
        while (match(t, /(xmlParserCtxtPtr|htmlParserCtxtPtr|xmlParserInputPtr)[ *]+[A-Za-z_][A-Za-z0-9_]*|(xmlParserCtxt|htmlParserCtxt|xmlParserInput) *[*]+ *[A-Za-z_][A-Za-z0-9_]*/)) {
          nm = substr(t, RSTART, RLENGTH); sub(/.*[ *]/, "", nm); ctxts[nm] = 1
          t = substr(t, RSTART + RLENGTH)
        }
        t = out
        while (match(t, /struct csv_parser[ *]+[A-Za-z_][A-Za-z0-9_]*/)) {
          nm = substr(t, RSTART, RLENGTH); sub(/.*[ *]/, "", nm); csvs[nm] = 1
          t = substr(t, RSTART + RLENGTH)
        }
      }
      # Pass 2: the rules, line by line, knowing the function each line is in.
      fn = ""
      for (i = 1; i <= NR; i++) {
        s = code[i]
        if (s ~ /^[A-Za-z_]/ && s !~ /;[ \t]*$/ && match(s, /[A-Za-z_][A-Za-z0-9_]*\(/))
          fn = substr(s, RSTART, RLENGTH - 1)
        if (s ~ /#[ \t]*include[ \t]*<libxml\/parserInternals[.]h>/)
          report(i, "includes libxml/parserInternals.h, libxml2'"'"'s internals: use the public headers")
        if (handles_errors && s ~ /(strstr|strcmp|strncmp|strcasecmp|strncasecmp|strcasestr|memcmp|xmlStrstr|xmlStrEqual|xmlStrcmp|xmlStrncmp)[ \t]*\(/ &&
            s ~ /(->message|(^|[^A-Za-z0-9_])(msg|message)([^A-Za-z0-9_]|$))/)
          report(i, "compares libxml2'"'"'s message text: tell the error by xmlError'"'"'s code and fields")
        gsub(/"([^"\\]|\\.)*"/, "\"\"", s)
        n = fields(s, ctxts, "->")
        for (k = 1; k <= n; k++)
          if (hits[k] != "_private" && !allowed(hits[k]))
            report(i, "reads or writes the libxml2 parser field " hits[k] ": use a public call (or list the one function that must, in check_internals.sh and docs/architecture.md)")
        n = fields(s, csvs, "(->|[.])")
        for (k = 1; k <= n; k++)
          if (!allowed(hits[k]))
            report(i, "reads or writes libcsv'"'"'s field " hits[k] " of struct csv_parser: use csv.h'"'"'s calls or keep the value yourself")
        n = fields(s, docs, "->")
        for (k = 1; k <= n; k++)
          if (hits[k] ~ docfields && !allowed(hits[k]))
            report(i, "reads or writes xmlDoc'"'"'s " hits[k] ", which libxml2'"'"'s parser and serialiser own: use a public call")
      }
      exit bad
    }' "$f" >&2 || bad=1
done
if [ "$bad" != 0 ]; then
  echo "FAIL: a dependency's internals are used (see docs/architecture.md, \"Dependencies' internals we rely on\")" >&2
  exit 1
fi
echo "ok: dependencies are used through their public calls"

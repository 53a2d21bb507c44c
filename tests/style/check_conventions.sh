#!/bin/sh
# The API conventions of CONTRIBUTING.md ("Conventions") that a script can check, on the
# tracked sources so the result is the same on any clean clone:
#  1. No bare `return -1;` (nor `return (-1);`, nor a `? -1 : 0` / `? 0 : -1` failure
#     flag) in the library's C code (engine/, surveys/, analysis/, reports/): -1 is
#     SBX_ENOMEM, so a failure returns its SBX_E* code, and a sentinel ("not found", "keep as it is") gets
#     a named constant (#define NO_ENTRY (-1), SBX_NONE, ...) that says what it means.
#  2. In every SBX_EXTERN declaration of a public header (*/sixbox/*.h), the parameters
#     the function writes through come first: no non-const pointer parameter after a
#     const pointer or a value (sbx_ctx * is exempt: it comes last, or first for the
#     context's own calls), and a FILE * is the first parameter.
#  3. A public call that hands back an object through `sbx_T **` (or makes one with
#     `sbx_T *sbx_T_new(...)`) has the call that ends it, sbx_T_free(), _close() or
#     _abort(), in the same header; a `char **` comes with a `_free(char *)` there.
#  4. One cancel flag: every parameter or field named `cancel` is a
#     `const sbx_cancel_flag *` (sixbox/common.h).
# Usage: check_conventions.sh [ROOT]; ROOT defaults to $SBX_SOURCE_DIR. A tree that is
# not a git checkout is checked file by file from ROOT (the planted-violation test
# points it at a copy).
set -eu
root=${1:-${SBX_SOURCE_DIR:?}}
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && [ -z "${SBX_CONVENTIONS_UNTRACKED:-}" ]; then
  list() { git ls-files "$@"; }
else
  list() { # the files under ROOT matching any of the patterns
    all=$(find . -type f \( -name '*.c' -o -name '*.h' \) | sed 's|^\./||')
    for p in "$@"; do
      for f in $all; do
        # shellcheck disable=SC2254 # p is a pattern
        case $f in $p) echo "$f" ;; esac
      done
    done | sort -u
  }
fi
bad=0

# 1. -1 as an error code.
c_files=$(list 'engine/*.c' 'engine/*.h' 'surveys/*.c' 'surveys/*.h' 'analysis/*.c' \
  'analysis/*.h' 'reports/*.c' 'reports/*.h')
# shellcheck disable=SC2086 # the lists are paths without spaces, one a word
[ -z "$c_files" ] || awk '
  /return[ \t]+\(?-1\)?[ \t]*;/ ||
  /return[^;]*\?[ \t]*-1[ \t]*:[ \t]*0[ \t]*;/ || /return[^;]*\?[ \t]*0[ \t]*:[ \t]*-1[ \t]*;/ {
    printf "%s:%d: -1 returned (it is SBX_ENOMEM): return the SBX_E* code of the failure, " \
           "or name the sentinel (#define NAME (-1) /* what it means */)\n    %s\n", FILENAME, FNR, $0
    b = 1
  }
  END { exit b }' $c_files >&2 || bad=1

# The public declarations, one a line: header<TAB>return type<TAB>name<TAB>params (";"-separated).
decls() {
  for h in $(list '*/sixbox/*.h'); do
    awk -v h="$h" '
      { # drop comments and preprocessor lines
        line = $0; res = ""
        while (line != "") {
          if (incom) {
            j = index(line, "*/")
            if (!j) break
            line = substr(line, j + 2); incom = 0
          } else {
            j = index(line, "/*")
            if (!j) { res = res line; break }
            res = res substr(line, 1, j - 1); line = substr(line, j + 2); incom = 1
          }
        }
        if (res !~ /^[ \t]*#/) flat = flat " " res
      }
      END {
        gsub(/[ \t]+/, " ", flat)
        s = split(flat, stmt, ";")
        for (k = 1; k <= s; k++) {
          p = index(stmt[k], "SBX_EXTERN ")
          if (!p) continue
          d = substr(stmt[k], p + 11)
          o = index(d, "("); head = substr(d, 1, o - 1); args = substr(d, o + 1)
          sub(/\)[ ]*$/, "", args); sub(/[ ]+$/, "", head)
          name = head; sub(/.*[ *]/, "", name)
          type = substr(head, 1, length(head) - length(name)); sub(/[ ]+$/, "", type)
          gsub(/ *, */, ";", args); sub(/^ +/, "", args)
          printf "%s\t%s\t%s\t%s\n", h, type, name, args
        }
      }' "$h"
  done
}
decls >"${TMPDIR:-/tmp}/sbx_conventions.$$"
trap 'rm -f "${TMPDIR:-/tmp}/sbx_conventions.$$"' EXIT
[ -s "${TMPDIR:-/tmp}/sbx_conventions.$$" ] || { echo "FAIL: no SBX_EXTERN declaration found" >&2; exit 1; }

# 2. Out-parameters first; FILE * first.
awk -F '\t' '
  function writes(p) { # a pointer parameter whose pointee is not const
    if (p !~ /\*/ || p ~ /^sbx_ctx \*/) return 0
    return p !~ /^const /
  }
  {
    n = split($4, p, ";"); seen_in = ""
    for (i = 1; i <= n; i++) {
      if (p[i] == "void" || p[i] ~ /^sbx_ctx \*/) continue
      if (p[i] ~ /^FILE \*/ && i > 1) {
        printf "%s: %s(): the FILE * (%s) comes first, as in the other writers\n", $1, $3, p[i]; b = 1
      }
      if (writes(p[i]) && seen_in != "") {
        printf "%s: %s(): %s is written through but comes after %s: out-parameters first\n",
               $1, $3, p[i], seen_in; b = 1
      } else if (!writes(p[i]) && seen_in == "") seen_in = p[i]
    }
  }
  END { exit b }' "${TMPDIR:-/tmp}/sbx_conventions.$$" >&2 || bad=1

# 3. What a header hands back, the same header ends.
awk -F '\t' '
  { hdr[NR] = $1; nm[NR] = $3; ty[NR] = $2; args[NR] = $4; has[$1 SUBSEP $3] = 1
    if ($3 ~ /_free$/ && $4 ~ /^char \*[a-z_]*$/) strfree[$1] = 1 }
  END {
    for (r = 1; r <= NR; r++) {
      n = split(args[r], p, ";")
      for (i = 1; i <= n; i++) {
        t = ""
        if (p[i] ~ /^sbx_[a-z_]+ \*\*/) { t = p[i]; sub(/ .*/, "", t) }
        if (p[i] ~ /^char \*\*/ && !strfree[hdr[r]]) {
          printf "%s: %s() hands back a string (%s) but no _free(char *) is declared there\n",
                 hdr[r], nm[r], p[i]; b = 1
        }
        if (t != "") need(r, t)
      }
      if (nm[r] ~ /_new$/ && ty[r] ~ /^sbx_[a-z_]+ \*$/) { t = ty[r]; sub(/ .*/, "", t); need(r, t) }
    }
    exit b
  }
  function need(r, t) {
    if (has[hdr[r] SUBSEP t "_free"] || has[hdr[r] SUBSEP t "_close"] || has[hdr[r] SUBSEP t "_abort"]) return
    printf "%s: %s() hands back an %s, but %s_free() (or _close/_abort) is not declared in this header\n",
           hdr[r], nm[r], t, t; b = 1
  }' "${TMPDIR:-/tmp}/sbx_conventions.$$" >&2 || bad=1

# 4. One cancel-flag type.
cancel_files=$(list '*/sixbox/*.h' 'engine/*.c' 'engine/*.h' 'surveys/*.c' 'surveys/*.h' 'analysis/*.c' \
  'analysis/*.h' 'reports/*.c' 'reports/*.h')
# shellcheck disable=SC2086
[ -z "$cancel_files" ] || awk '
  /[A-Za-z0-9_][ \t]*[*][ \t]*cancel[ \t]*[;,)]/ && !/const sbx_cancel_flag \*cancel/ {
    printf "%s:%d: a cancel flag is a const sbx_cancel_flag * (sixbox/common.h)\n    %s\n", FILENAME, FNR, $0
    b = 1
  }
  END { exit b }' $cancel_files >&2 || bad=1

if [ "$bad" != 0 ]; then
  echo "FAIL: API conventions broken (see CONTRIBUTING.md, Conventions)" >&2
  exit 1
fi
echo "ok: API conventions hold ($(wc -l <"${TMPDIR:-/tmp}/sbx_conventions.$$") public declarations)"

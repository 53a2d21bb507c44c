#!/bin/sh
# No tracked file points at a path outside the repository, so that a clone has every
# document the code and the docs refer to. Fails on:
#   - a relative path whose parent-folder steps climb above the repository's root: in a
#     Markdown file counted from the file's folder (as a link is), elsewhere from the root
#     (as prose and comments mean it); after "$(dirname "$0")", "$here" or
#     "${CMAKE_CURRENT_SOURCE_DIR}" from the file's folder; after "${CMAKE_SOURCE_DIR}",
#     "$SBX_SOURCE_DIR" or "$root" from the root; after anything else (a temporary folder,
#     a format) not at all;
#   - the absolute folder of the build machine's work area;
#   - the design notes and research notes that live beside the project, not in it (the
#     design, style and statistics notes, the research folder): docs/ holds what the code
#     relies on.
# One exception: the default of the CMake option SIXBOX_FIXTURES_DIR (the fixtures folder
# beside the project, read by tests at run time), on a line that names the option.
# Test data (tests/data/, fuzz corpora) is input, not a pointer, and is not read.
# This file spells its patterns so that it does not match itself.
set -eu
: "${SBX_SOURCE_DIR:?}"
cd "$SBX_SOURCE_DIR"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "SKIP: not a git checkout (the check reads the tracked files)"
  exit 77
fi
notes='(^|[^A-Za-z0-9_/])(DESIGN|STYLE)[.]md|(^|[^A-Za-z0-9_])stats[.]md|(^|[^A-Za-z0-9_.])research[/]'
notes="$notes|(^|[^A-Za-z0-9_/-])(exports|security|kolada-hme|platforms|style)[.]md"
workdir='(^|[^A-Za-z0-9_.])/work[/]'
# scan: every tracked file of the current folder's checkout; problems on stderr, 1 if any.
scan() {
  bad=0
  files=$(git ls-files | grep -v '^tests/data/' | grep -v '/corpus/' | grep -v '/node_modules/')
  for f in $files; do
    [ -f "$f" ] && [ -s "$f" ] || continue
    grep -Iq . "$f" 2>/dev/null || continue # binary
    dir=$(dirname "$f")
    depth=0
    [ "$dir" = . ] || depth=$(printf '%s\n' "$dir" | awk -F/ '{ print NF }')
    case $f in *.md) md=1 ;; *) md=0 ;; esac
    awk -v f="$f" -v depth="$depth" -v md="$md" -v notes="$notes" -v workdir="$workdir" '
      function up(s) { return gsub(/\.\./, "", s) }
      function complain(what) { printf "%s:%d: %s: %s\n", f, NR, what, $0; bad = 1 }
      {
        line = $0
        if (line ~ /SIXBOX_FIXTURES_DIR/) gsub(/\.\.\/shared\/fixtures/, "", line)
        if (line ~ notes) complain("points at notes outside the repository (use docs/)")
        if (line ~ workdir) complain("an absolute path of the build machine")
        rest = line; off = 0
        while (match(rest, /(\.\.\/)*\.\.(\/[A-Za-z0-9_$]|["\047 )]|$)/)) {
          s = RSTART; run = substr(rest, s, RLENGTH)
          before = substr(rest, 1, s - 1)
          prev = s > 1 ? substr(rest, s - 1, 1) : ""
          rest = substr(rest, s + RLENGTH)
          if (prev ~ /[A-Za-z0-9_.]/ || (prev != "/" && run !~ /\//)) continue # 1..5, "..", a.b
          if (prev == "/") {
            b = substr(before, 1, length(before) - 1)
            if (b ~ /(CMAKE_SOURCE_DIR|SBX_SOURCE_DIR|PROJECT_SOURCE_DIR)\}?$/ || b ~ /\$\{?root\}?$/) base = 0
            else if (b ~ /CMAKE_CURRENT_SOURCE_DIR\}?$/ || b ~ /dirname "?\$0"?\)$/ || b ~ /\$\{?here\}?$/) base = depth
            else continue
          } else base = md ? depth : 0
          if (up(run) > base) complain("a path above the repository root")
        }
      }
      END { exit bad }' "$f" >&2 || bad=1
  done
  return "$bad"
}

# First on a scratch checkout with one planted case per rule, so that a check that
# stopped finding anything cannot pass.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/t/a/b" "$tmp/t/docs"
{
  printf 'see %s/shared/x\n' ..                                # 1: above the root
  printf 'root=$(cd "$(dirname "$0")/%s/%s/%s" && pwd)\n' .. .. .. # 2: above, from the file
  printf 'set(X ${CMAKE_SOURCE_DIR}/%s/other)\n' ..          # 3: above, from the root
  printf 'see DESIGN%s and research%s\n' .md /x              # 4: notes
  printf 'see /wor%s/x\n' k                                  # 5: the work area
  # fine: ranges, prose, other bases, links inside, the fixtures option's default
  printf 'range 1..5, "..", a ... b, ./ and ../ spellings, %%s/../%%s, $tmp/../x\n'
  printf 'set(SIXBOX_FIXTURES_DIR "${CMAKE_SOURCE_DIR}/../shared/fixtures")\n'
} >"$tmp/t/a/b/f.sh"
printf '[x](%s/README.md)\n[y](%s/%s/z.md)\n' .. .. .. >"$tmp/t/docs/d.md" # 6: the 2nd link
(cd "$tmp/t" && git init -q && git add -A)
found=$(cd "$tmp/t" && scan 2>&1 | wc -l) || true
if [ "$found" != 6 ]; then
  echo "FAIL: the check found $found of the 6 planted cases:" >&2
  (cd "$tmp/t" && scan) || true
  exit 1
fi

cd "$SBX_SOURCE_DIR"
bad=0
scan || bad=1
if [ "$bad" != 0 ]; then
  echo "FAIL: files point outside the repository; point at docs/ (or, for the fixtures," \
    "use SIXBOX_FIXTURES_DIR: CONTRIBUTING.md)" >&2
  exit 1
fi
echo "ok: no tracked file points outside the repository"

#!/bin/sh
# The layout rules every tracked file keeps, checked on the whole tree so the result is
# the same on any clean clone: C sources and headers have no tab characters and lines of
# at most 120 characters; no text file has trailing spaces or CR line ends; every text
# file ends with a newline. .clang-format describes the rest of the layout.
set -eu
: "${SBX_SOURCE_DIR:?}"
cd "$SBX_SOURCE_DIR"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "SKIP: not a git checkout (the check reads the tracked files)"
  exit 77
fi
bad=0
report() { echo "$1" >&2; bad=1; }
c_files=$(git ls-files '*.c' '*.h' '*.c.in')
text_files=$(git ls-files '*.c' '*.h' '*.in' '*.sh' '*.txt' '*.md' '*.tsv' '*.xml' '*.xsd' \
  '*.R' '*.py' '*.js' '*.json' 'CMakeLists.txt' '*/CMakeLists.txt' '.clang-format' |
  grep -v '^tests/browser/node_modules/' | grep -v '^tests/data/' | grep -v '/corpus/')
for f in $c_files; do
  [ -f "$f" ] || continue
  if grep -q "$(printf '\t')" "$f"; then report "$f: a tab character (indent with spaces)"; fi
  awk -v f="$f" 'length > 120 { printf "%s:%d: line of %d characters (at most 120)\n", f, NR, length; b = 1 }
    END { exit b }' "$f" >&2 || bad=1
done
for f in $text_files; do
  [ -f "$f" ] && [ -s "$f" ] || continue
  if grep -q ' $' "$f"; then report "$f:$(grep -n ' $' "$f" | head -n 1 | cut -d: -f1): trailing space"; fi
  if grep -q "$(printf '\r')" "$f"; then report "$f: CR line ends (use LF)"; fi
  [ -z "$(tail -c 1 "$f")" ] || report "$f: no newline at the end"
done
if [ "$bad" != 0 ]; then
  echo "FAIL: style rules broken (see CONTRIBUTING.md, Conventions)" >&2
  exit 1
fi
echo "ok: style rules hold"

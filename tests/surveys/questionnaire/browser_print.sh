#!/bin/sh
# The printable questionnaire renders in headless Chromium: an A4 PDF of a few pages,
# and the rendered DOM keeps one row per statement and every unit. Skips (77) when
# Chromium is not installed.
set -eu
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "SKIP: no Chromium found (install chromium to run this test)"
  exit 77
fi
dir=$(mktemp -d "${SBX_BINARY_DIR:-/tmp}/qn-browser-XXXXXX")
trap 'rm -rf "$dir"' EXIT
survey="$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml"
org="$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml"
"$SIXBOX" questionnaire "$survey" --org "$org" --format print -o "$dir/q.html"
run() {
  timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$dir/profile" "$@" 2>/dev/null
}
run --dump-dom "file://$dir/q.html" > "$dir/dom.html"
rows=$(grep -c '<td class="answer">' "$dir/dom.html" || true)
tr=$(grep -o '<td class="no">[0-9]*\.<span class="code">' "$dir/dom.html" | wc -l)
units=$(grep -o '<span class="box"></span>' "$dir/dom.html" | wc -l)
echo "rendered: $tr statement rows, $units units"
[ "$tr" -eq 35 ] || { echo "FAIL: expected 35 statement rows, got $tr"; exit 1; }
[ "$units" -eq 29 ] || { echo "FAIL: expected 29 units, got $units"; exit 1; }
[ "$rows" -ge 35 ] || { echo "FAIL: answer cells missing"; exit 1; }
grep -q '<script' "$dir/dom.html" && { echo "FAIL: a script element"; exit 1; }
run --print-to-pdf="$dir/q.pdf" --no-pdf-header-footer "file://$dir/q.html" >/dev/null
head -c 5 "$dir/q.pdf" | grep -q '%PDF-' || { echo "FAIL: no PDF"; exit 1; }
if command -v pdfinfo >/dev/null 2>&1; then
  pages=$(pdfinfo "$dir/q.pdf" | awk '/^Pages:/ { print $2 }')
  size=$(pdfinfo "$dir/q.pdf" | sed -n 's/^Page size: *//p')
  echo "PDF: $pages pages of $size"
  [ "$pages" -ge 2 ] && [ "$pages" -le 8 ] || { echo "FAIL: $pages pages"; exit 1; }
  case "$size" in *"(A4)"*) ;; *) echo "FAIL: not A4 ($size)"; exit 1 ;; esac
fi
echo "ok"

#!/bin/sh
# report.html in a real browser (Debian's headless Chromium): no console message, no
# refused or failed load, a screenshot, an A4 PDF with a sensible page count,
# axe-core finding no WCAG 2.1 A/AA violation, and every heatmap fitting a 1280 px window
# (browser-check.js layout-result). Skips (77) only without chromium or node.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
here=$SBX_SOURCE_DIR/tests/browser
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "SKIP: chromium is not installed (apt-get install chromium)"; exit 77; }
command -v node >/dev/null 2>&1 || { echo "SKIP: node is not installed (apt-get install nodejs)"; exit 77; }
axe=$here/node_modules/axe-core/axe.min.js
sh "$here/npm-ready" "$here" axe-core/axe.min.js ||
  { echo "FAIL: cannot install axe-core (sh tests/setup-test-tools.sh)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
browse() { # browse OUTPUT-OPTIONS... URL: one fresh headless Chromium
  profile=$(mktemp -d "$tmp/profile.XXXXXX")
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --log-level=0 "$@"
}

ex=$SBX_SOURCE_DIR/surveys/examples/exempelstad
"$SIXBOX" diagnose --survey "$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml" \
  --org "$ex/org.xml" "$ex/google-forms-sv.csv" "$ex/microsoft-forms.xlsx" \
  -o "$tmp/out" --quiet
report=$tmp/out/report.html

# 0. What the report and the tables say (browser-check.js outputs): response rates in
# results.json and results.csv, rates over 100 % flagged, comments grouped by question.
# Again on a copy of the example with Hemtjänst Norr's headcount below its respondents
# and one comment that is nothing but an e-mail address; and the check must see a
# planted "116 %" and a planted placeholder-only comment.
node "$here/browser-check.js" outputs "$tmp/out" || fail "rates or comments (above)"
mkdir "$tmp/ex2"
sed 's/<unit id="hemtjanst-norr" kind="enhet" headcount="120">/<unit id="hemtjanst-norr" kind="enhet" headcount="40">/' \
  "$ex/org.xml" >"$tmp/ex2/org.xml"
sed '2s/Kontakta mig gärna på anna.lind@exempelstad.se om ni vill höra mer om vårt sätt att planera\./anna.lind@exempelstad.se/' \
  "$ex/google-forms-sv.csv" >"$tmp/ex2/google-forms-sv.csv"
! cmp -s "$ex/org.xml" "$tmp/ex2/org.xml" && ! cmp -s "$ex/google-forms-sv.csv" "$tmp/ex2/google-forms-sv.csv" ||
  fail "the example changed: the test's edits of org.xml and google-forms-sv.csv no longer apply"
"$SIXBOX" diagnose --survey "$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml" \
  --org "$tmp/ex2/org.xml" "$tmp/ex2/google-forms-sv.csv" "$ex/microsoft-forms.xlsx" \
  -o "$tmp/out2" --quiet 2>/dev/null
grep -q '"text": *"\[[^]"]*\]"' "$tmp/out2/results.json" || fail "the e-mail-only comment is not in results.json"
node "$here/browser-check.js" outputs "$tmp/out2" >"$tmp/out2.log" ||
  fail "rates or comments with a headcount error and a placeholder-only comment (above)"
grep -q '[1-9] over 100 % flagged' "$tmp/out2.log" || fail "no rate over 100 % in the edited example"
cp -r "$tmp/out2" "$tmp/planted"
sed -i '0,/<td class="num">[0-9]*[^0-9<]*%<\/td>/s//<td class="num">116 %<\/td>/; 0,/<\/h5>/s//<\/h5><blockquote>[e-post]<\/blockquote>/' \
  "$tmp/planted/report.html"
node "$here/browser-check.js" outputs "$tmp/planted" 2>"$tmp/planted.log" >/dev/null &&
  fail "the outputs check did not see a planted 116 % and placeholder-only comment"
grep -q "116 %" "$tmp/planted.log" && grep -q "nothing but placeholders" "$tmp/planted.log" ||
  { cat "$tmp/planted.log" >&2; fail "the outputs check missed one of the planted faults"; }

# The console scan must see what it looks for: a page that logs and breaks its CSP.
cat >"$tmp/noisy.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy"
content="default-src 'none'; script-src 'unsafe-inline'"><title>t</title></head>
<body><img src="https://example.invalid/x.png" alt="x"><script>console.error("noisy")</script></body></html>
HTML
browse --dump-dom "file://$tmp/noisy.html" >/dev/null 2>"$tmp/noisy.log" || true
node "$here/browser-check.js" console "$tmp/noisy.log" 2>/dev/null &&
  fail "the console scan does not see console errors or CSP refusals"

# 1. Rendered, as a screenshot, with no console message and nothing refused.
browse --window-size=1280,2000 --screenshot="$tmp/report.png" "file://$report" \
  2>"$tmp/console.log" || fail "chromium could not render the report"
[ "$(head -c 8 "$tmp/report.png" | od -An -c | tr -d ' \n')" = "211PNG\r\n032\n" ] ||
  fail "no PNG screenshot"
node "$here/browser-check.js" console "$tmp/console.log" || fail "console messages (above)"

# 3. Printed to PDF (A4): one page per section and per förvaltning/bolag at least.
browse --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" "file://$report" 2>/dev/null
pages=$(grep -a -o '/Type */Pages*' "$tmp/report.pdf" | grep -c -v Pages || true)
units=$(grep -c '<div class="unit-page"' "$report")
min=$((8 + units)); max=$((8 + units * 6 + 40))
[ "$pages" -ge "$min" ] && [ "$pages" -le "$max" ] ||
  fail "the PDF has $pages pages; expected $min-$max"
grep -a -q 'MediaBox \[0 0 59[45][.0-9]* 84[12]' "$tmp/report.pdf" || fail "the PDF pages are not A4"

# 4. axe-core on a copy with axe loaded (the report itself allows no script); first on
# a page with a known violation, so a silent axe cannot pass.
cat >"$tmp/bad.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy"
content="default-src 'none'"><title>t</title></head><body><main><h1>t</h1>
<p style="color:#bbb;background:#fff">low contrast</p>
<div style="width:300px;overflow-x:auto"><table class="heatmap" style="width:900px"><caption>planted</caption>
<thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody>
</table></div></main></body></html>
HTML
node "$here/browser-check.js" axe-page "$tmp/bad.html" "$axe" "$tmp/bad-axe.html"
browse --virtual-time-budget=60000 --dump-dom "file://$tmp/bad-axe.html" \
  >"$tmp/bad-dom.html" 2>/dev/null || true
node "$here/browser-check.js" axe-result "$tmp/bad-dom.html" >/dev/null 2>&1 &&
  fail "axe-core did not find the planted low-contrast text"
node "$here/browser-check.js" layout-result "$tmp/bad-dom.html" >/dev/null 2>&1 &&
  fail "the layout probe did not see the planted overflowing heatmap"
node "$here/browser-check.js" axe-page "$report" "$axe" "$tmp/out/axe.html"
browse --virtual-time-budget=60000 --window-size=1280,2000 --dump-dom \
  "file://$tmp/out/axe.html" >"$tmp/axe-dom.html" 2>/dev/null || true
grep -q '<h1>' "$tmp/axe-dom.html" || fail "the rendered page has no heading"
node "$here/browser-check.js" axe-result "$tmp/axe-dom.html" || fail "accessibility (above)"
# 5. The heatmap at 1280 px (measured in the same page, before axe ran): it fits its
# container and the window, its last column whole.
layout=$(node "$here/browser-check.js" layout-result "$tmp/axe-dom.html") || fail "heatmap layout at 1280 px (above)"
echo "browser: no console errors, screenshot, $pages PDF pages, no WCAG 2.1 AA violations; $layout"

#!/bin/sh
# The printed report, page by page: the Swedish example rendered to an A4 PDF by
# headless Chromium, each page's text extracted with pdftotext (poppler-utils). No
# psychometric term (alpha, omega, ICC, rwg, Welch, Hedges, R², explained variance)
# may appear before the analyst appendix; the appendix itself must have them (so a
# scan that sees nothing cannot pass); the first page is the summary for leadership
# with the operative goals at risk. Skips (77) only without chromium or pdftotext.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "SKIP: chromium is not installed (apt-get install chromium)"; exit 77; }
command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 ||
  { echo "SKIP: pdftotext is not installed (apt-get install poppler-utils)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

ex=$SBX_SOURCE_DIR/surveys/examples/exempelstad
"$SIXBOX" diagnose --survey "$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml" \
  --org "$ex/org.xml" "$ex/google-forms-sv.csv" "$ex/microsoft-forms.xlsx" \
  -o "$tmp/out" --quiet --lang sv 2>/dev/null
timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --no-pdf-header-footer \
  --print-to-pdf="$tmp/report.pdf" "file://$tmp/out/report.html" 2>/dev/null ||
  fail "chromium could not print the report"
pages=$(pdfinfo "$tmp/report.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -gt 5 ] || fail "the PDF has ${pages:-no} pages"

terms='\b(alpha|alfa|omega|ICC|rwg|Welch|Hedges|Cronbach)\b|R²|förklarad varians|explained variance'
appendix='Den här bilagan är skriven för analytiker'
p=1
start=0
while [ "$p" -le "$pages" ]; do
  pdftotext -layout -f "$p" -l "$p" "$tmp/report.pdf" "$tmp/page.txt"
  # pdftotext breaks lines where the page does: join them so a sentence is one line.
  tr '\n' ' ' <"$tmp/page.txt" | tr -s ' ' >"$tmp/flat.txt"
  if grep -q "$appendix" "$tmp/flat.txt"; then
    start=$p
    sed "s/$appendix.*//" "$tmp/flat.txt" >"$tmp/before.txt"
    grep -o -i -E "$terms" "$tmp/before.txt" | head -3 | sed "s/^/page $p: /" >"$tmp/hits.txt"
    [ -s "$tmp/hits.txt" ] && { cat "$tmp/hits.txt" >&2; fail "psychometric term before the appendix"; }
    break
  fi
  if grep -o -i -E "$terms" "$tmp/flat.txt" | head -3 | sed "s/^/page $p: /" >"$tmp/hits.txt" &&
     [ -s "$tmp/hits.txt" ]; then
    cat "$tmp/hits.txt" >&2
    fail "psychometric term on page $p, before the analyst appendix"
  fi
  p=$((p + 1))
done
[ "$start" -gt 0 ] || fail "no analyst appendix found in the PDF"
pdftotext -f "$start" -l "$pages" "$tmp/report.pdf" - | tr '\n' ' ' >"$tmp/rest.txt"
for t in "Cronbachs alfa" "ICC(2)" "rwg(j)"; do
  grep -q -F "$t" "$tmp/rest.txt" || fail "the appendix does not have '$t' (is the scan blind?)"
done
# Page 1 is the summary for leadership, with the operative goals at risk counted.
pdftotext -f 1 -l 2 "$tmp/report.pdf" - | tr '\n' ' ' | tr -s ' ' >"$tmp/first.txt"
grep -q "Sammanfattning för ledningen" "$tmp/first.txt" || fail "no summary for leadership at the start"
grep -q -E "[0-9]+ av [0-9]+ operativa mål är i riskzonen" "$tmp/first.txt" ||
  fail "the first pages do not count the operative goals at risk"
echo "print: $pages PDF pages; no psychometric term on pages 1-$((start - 1)) nor before the appendix on page $start"

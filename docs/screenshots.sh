#!/bin/sh
# docs/screenshots.sh: the two pictures of the report in README.md, made anew from the
# Swedish example (surveys/examples/exempelstad):
#   docs/img/report-screen.png  the report on screen, a 1280 px wide window at the heatmap
#   docs/img/report-print.png   the printed heatmap page of the A4 PDF that sixbox-pdf makes
# Run from the source tree after building:  sh docs/screenshots.sh [path/to/sixbox]
# Needs chromium and poppler-utils (pdftoppm, pdfinfo, pdftotext), as sixbox-pdf does.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
sixbox=${1:-${SIXBOX:-$root/build/sixbox}}
die() { echo "screenshots: $*" >&2; exit 1; }
[ -x "$sixbox" ] || die "no sixbox at $sixbox; build first (README.md) or give its path"
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$chromium" ] || die "no Chromium found: install chromium or set CHROMIUM"
for t in pdftoppm pdftotext pdfinfo; do
  command -v "$t" >/dev/null 2>&1 || die "$t not found: install poppler-utils"
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ex=$root/surveys/examples/exempelstad
"$sixbox" diagnose --survey "$root/surveys/definitions/sixbox-full.xml" --org "$ex/org.xml" \
  "$ex/google-forms-sv.csv" "$ex/microsoft-forms.xlsx" -o "$tmp/out" --lang sv --quiet 2>/dev/null ||
  die "sixbox diagnose failed on the example"
img=$root/docs/img
mkdir -p "$img"
sandbox=
[ "$(id -u)" -ne 0 ] || sandbox=--no-sandbox
# The screen: a 1280 px window at the heatmap. Headless Chromium paints nothing when
# asked for report.html#heatmap, so a copy hides what comes before the heatmap instead
# (the report's CSP allows inline style); the rest renders as the report does.
sed 's|</head>|<style>header,nav,#lead,#thread{display:none}</style></head>|' "$tmp/out/report.html" \
  >"$tmp/out/screen.html"
timeout 300 "$chromium" --headless $sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
  --window-size=1280,1000 --screenshot="$img/report-screen.png" "file://$tmp/out/screen.html" \
  >"$tmp/chromium.log" 2>&1 || { tail -5 "$tmp/chromium.log" >&2; die "Chromium could not take the screenshot"; }
# The print: the PDF edition, and its page with the heatmap's table.
CHROMIUM=$chromium sh "$root/reports/pdf/sixbox-pdf.sh" "$tmp/out/report.html" "$tmp/report.pdf" >/dev/null
pages=$(pdfinfo "$tmp/report.pdf" | sed -n 's/^Pages: *//p')
p=1
while [ "$p" -le "$pages" ] && ! pdftotext -f "$p" -l "$p" "$tmp/report.pdf" - | grep -q "Värmekarta: medelvärde"; do
  p=$((p + 1))
done
[ "$p" -le "$pages" ] || die "no heatmap table found in the PDF"
pdftoppm -f "$p" -l "$p" -singlefile -r 72 -png "$tmp/report.pdf" "$tmp/print"
mv "$tmp/print.png" "$img/report-print.png"
echo "screenshots: $img/report-screen.png (1280 px screen), $img/report-print.png (page $p of $pages, A4 at 72 dpi)"

#!/bin/sh
# sixbox-pdf REPORT.html [OUT.pdf]: the report as an A4 PDF whose table of contents
# gives the page each section starts on.
#
# report.html is made without a browser, so it cannot know where a browser's pages will
# break, and today's browsers do not compute target-counter() (the CSS for "the page
# of that heading"). So this script prints the report with headless Chromium, reads the
# page of every section from the PDF's named destinations (pdfinfo -dests, poppler-utils),
# writes those numbers into a copy of the report's contents, and prints again, until
# the numbers stand still (twice, as a rule: the contents end with a page break, so the
# numbers move nothing). The report itself is left as it is. Printed from a browser
# instead, the contents carry no numbers but a note that they are in this PDF edition;
# every page has its number at the foot either way.
#
# Needs chromium (or set CHROMIUM to a Chromium or Chrome binary) and poppler-utils.
# Neither is needed by sixbox itself.
set -eu
die() { echo "sixbox-pdf: $*" >&2; exit 1; }
[ $# -ge 1 ] && [ $# -le 2 ] && [ "$1" != "-h" ] && [ "$1" != "--help" ] || {
  echo "usage: sixbox-pdf REPORT.html [OUT.pdf]   (OUT.pdf: REPORT.pdf beside it)" >&2; exit 2; }
html=$1
out=${2:-${html%.html}.pdf}
[ -f "$html" ] || die "$html: no such file; give the report.html that sixbox diagnose wrote"
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$chromium" ] || die "no Chromium found: install chromium (apt-get install chromium) or set CHROMIUM"
command -v pdfinfo >/dev/null 2>&1 || die "pdfinfo not found: install poppler-utils (apt-get install poppler-utils)"
grep -q '<nav class="toc"' "$html" ||
  die "$html: no contents with class=\"toc\"; is it a report from sixbox diagnose (0.9 or later)?"

dir=$(cd "$(dirname "$html")" && pwd)
tmp=$(mktemp -d)
# The working copy sits beside the report, so its links (comments.html) still resolve.
work=$dir/.sixbox-pdf.$$.html
trap 'rm -rf "$tmp"; rm -f "$work"' EXIT
trap 'exit 130' INT TERM
sandbox=
[ "$(id -u)" -ne 0 ] || sandbox=--no-sandbox # Chromium refuses to run as root with it

print() { # print HTML PDF
  timeout 300 "$chromium" --headless $sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --no-pdf-header-footer --print-to-pdf="$2" \
    "file://$1" >"$tmp/chromium.log" 2>&1 && [ -s "$2" ] ||
    { tail -5 "$tmp/chromium.log" >&2; die "Chromium could not print $html"; }
}

# The contents say they are numbered (which hides the browser note) from the first
# print on, so that every print lays out the same first page.
sed 's/<nav class="toc"/<nav class="toc toc-numbered"/' "$html" >"$tmp/base.html"
ids=$(grep -o 'class="toc-page" data-section="[a-z0-9-]*"' "$tmp/base.html" | sed 's/.*data-section="//; s/"//')
cp "$tmp/base.html" "$work"
prev=
round=0
while :; do
  print "$work" "$tmp/report.pdf"
  pdfinfo -dests "$tmp/report.pdf" >"$tmp/dests" || die "pdfinfo could not read the PDF"
  : >"$tmp/fill.sed"
  for id in $ids; do
    page=$(awk -v n="\"$id\"" '$NF == n { print $1; exit }' "$tmp/dests")
    [ -n "$page" ] &&
      echo "s|data-section=\"$id\"></span>|data-section=\"$id\">$page</span>|" >>"$tmp/fill.sed"
  done
  now=$(cat "$tmp/fill.sed")
  [ -n "$now" ] || die "the PDF names no section (pdfinfo -dests); cannot number the contents"
  [ "$now" != "$prev" ] || break
  round=$((round + 1))
  [ "$round" -le 4 ] || die "the page numbers did not settle after $round prints"
  sed -f "$tmp/fill.sed" "$tmp/base.html" >"$work"
  prev=$now
done
mv "$tmp/report.pdf" "$out"
pages=$(pdfinfo "$out" | sed -n 's/^Pages: *//p')
echo "sixbox-pdf: $out, $pages pages (contents numbered; $((round + 1)) prints)"

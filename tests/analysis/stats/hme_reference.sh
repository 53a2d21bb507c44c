#!/bin/sh
# The HME index through the command against an independent computation: the data and
# the reference values were written by hme_reference.py (Kolada's definition, exact
# fractions; committed, so no Python is needed here). Every unit's totalindex,
# delindex and statement indices, and the whole organisation's by gender, must agree
# within 1e-6 (results.json prints 10 significant digits).
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v jq >/dev/null 2>&1 || { echo "FAIL: jq is not installed (quickstart.sh installs it)"; exit 1; }
D=$SBX_SOURCE_DIR/tests/data/analysis/hme
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$SIXBOX" diagnose --survey "$SBX_SOURCE_DIR/surveys/definitions/sixbox-hme.xml" \
  --org "$D/org.xml" "$D/responses.csv" -o "$T/out" --quiet
# A third column says whether the figure rests on item details that the confidentiality
# rules hid (a statement with n 0; docs/confidentiality.md, section 3): the reference does
# not model suppression, so there "NA" is right where the reference has a value.
jq -r '
  def hid($s; $from; $to): [$s[$from:$to][] | select(.n == 0)] | length > 0 ;
  def rows($g): .statements as $s |
    ["total", .total, hid($s; 0; 9)], ["motivation", .motivation, hid($s; 0; 3)],
    ["ledarskap", .ledarskap, hid($s; 3; 6)], ["styrning", .styrning, hid($s; 6; 9)],
    (.statements[] | ["statement\(.statement)", .index, (.n == 0)])
    | [$g] + . ;
  (.hme.units[] | .unit as $u | .figures | rows($u)),
  (.hme.by_gender | .K | rows("kommun:K")),
  (.hme.by_gender | .M | rows("kommun:M"))
  | map(if . == null then "NA" else tostring end) | @tsv' "$T/out/results.json" > "$T/got.tsv"
# by_gender rows carry no statements' n: mark them not hidden.
awk -F'\t' 'BEGIN { OFS = "\t" } NF == 3 { $4 = "false" } { print }' "$T/got.tsv" > "$T/got4.tsv"
mv "$T/got4.tsv" "$T/got.tsv"
tail -n +2 "$D/hme_ref.tsv" | sort > "$T/want.tsv"
sort "$T/got.tsv" > "$T/got.sorted"
if ! cut -f1,2 "$T/want.tsv" | cmp -s - "$(cut -f1,2 "$T/got.sorted" > "$T/k"; echo "$T/k")"; then
  echo "FAIL: the groups and figures differ from the reference"
  diff "$T/k" - <<EOT || true
$(cut -f1,2 "$T/want.tsv")
EOT
  exit 1
fi
paste "$T/want.tsv" "$T/got.sorted" | awk -F'\t' '
  { if ($3 != "NA" && $6 == "NA" && $7 == "true") { hidden++; next }
    if (($3 == "NA") != ($6 == "NA")) { print "FAIL: " $1 " " $2 ": " $3 " vs " $6; bad++; next }
    if ($3 != "NA") { d = $3 - $6; if (d < 0) d = -d; if (d > max) max = d
      if (d > 1e-6) { print "FAIL: " $1 " " $2 ": want " $3 ", got " $6; bad++ } }
    n++ }
  END { printf "%d HME figures checked, largest difference %.3g; %d hidden by the item rule\n",
              n, max, hidden
        exit bad > 0 || hidden > n }'

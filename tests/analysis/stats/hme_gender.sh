#!/bin/sh
# HME by gender and its suppression, through the command: both genders or neither; the
# rest (other options, no answer) 0 or at least k; a survey without a gender question
# has no split; a hidden split leaves no K or M figure in results.json or kolada-hme.csv.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v jq >/dev/null 2>&1 || { echo "FAIL: jq is not installed (quickstart.sh installs it)"; exit 1; }
D=$SBX_SOURCE_DIR/tests/data/analysis/hme
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-hme.xml
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # NAME, then a command that must succeed
  name=$1; shift
  if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi
}
run() { "$SIXBOX" diagnose --survey "$1" --org "$D/org.xml" "$2" -o "$3" --quiet --year 2025 "$4" "$5"; }
status() { jq -r '.hme.by_gender.status' "$1/results.json"; }

run "$S" "$D/responses.csv" "$T/k5" --min-group 5
check "split shown at k=5" [ "$(status "$T/k5")" = shown ]
check "K and M rows in kolada-hme.csv" [ "$(grep -c ',2025,[KM],' "$T/k5/kolada-hme.csv")" = 8 ]

# The rest (other options and no answer) is about 34 people: under k = 40.
run "$S" "$D/responses.csv" "$T/k40" --min-group 40
check "rest under k: no split" [ "$(status "$T/k40")" = group-too-small ]
check "no K or M figures in results.json" [ "$(jq '.hme.by_gender | has("K") or has("M")' "$T/k40/results.json")" = false ]
check "no K or M rows in kolada-hme.csv" [ "$(grep -c ',[KM],' "$T/k40/kolada-hme.csv" || true)" = 0 ]
check "the total is still shown" [ "$(jq '.hme.units[0].figures.total != null' "$T/k40/results.json")" = true ]

# Only two people of other or unknown gender: a rest of 2 would be T - K - M.
awk -F, 'BEGIN { OFS = "," } NR > 1 && ($4 == "3" || $4 == "") { if (++n > 2) $4 = "1" } { print }' \
  "$D/responses.csv" > "$T/rest2.csv"
run "$S" "$T/rest2.csv" "$T/rest2" --min-group 5
check "rest of 2: no split" [ "$(status "$T/rest2")" = group-too-small ]
awk -F, 'BEGIN { OFS = "," } NR > 1 && ($4 == "3" || $4 == "") { $4 = "1" } { print }' \
  "$D/responses.csv" > "$T/rest0.csv"
run "$S" "$T/rest0.csv" "$T/rest0" --min-group 5
check "rest of 0: split shown" [ "$(status "$T/rest0")" = shown ]

# Men under k: neither gender (women alone would give the men by subtraction).
awk -F, 'BEGIN { OFS = "," } NR > 1 && $4 == "2" { if (++n > 4) $4 = "1" } { print }' \
  "$D/responses.csv" > "$T/men4.csv"
run "$S" "$T/men4.csv" "$T/men4" --min-group 5
check "4 men: no split at all" [ "$(jq '.hme.by_gender | .status == "group-too-small" and (has("K") | not)' "$T/men4/results.json")" = true ]

# Without a gender question.
sed -e '/<gender-question/,/<\/gender-question>/d' "$S" > "$T/nogender.xml"
cut -d, -f1-3,5- "$D/responses.csv" > "$T/nogender.csv"
run "$T/nogender.xml" "$T/nogender.csv" "$T/ng" --min-group 5
check "no gender question" [ "$(status "$T/ng")" = no-gender-question ]
[ "$fails" = 0 ]

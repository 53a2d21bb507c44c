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

# ---- options without a value name the option ----
expect_rc 64 "$SIXBOX" import --survey "$S" "$T/rev0.csv" -o
has "$T/err" "the option '-o' needs a value"
hasnt "$T/err" "unknown option"
expect_rc 64 "$SIXBOX" import "$T/rev0.csv" -o "$T/r.csv" --survey
has "$T/err" "the option '--survey' needs a value"
expect_rc 64 "$SIXBOX" diagnose --survey "$S" --org "$O" "$T/rev0.csv" -o
has "$T/err" "the option '-o' needs a value"
expect_rc 64 "$SIXBOX" inspect "$T/rev0.csv" --tool
has "$T/err" "the option '--tool' needs a value"
expect_rc 64 "$SIXBOX" show --lang
has "$T/err" "the option '--lang' needs a value"
expect_rc 64 "$SIXBOX" import --bogus
has "$T/err" "unknown option '--bogus'"
expect_rc 64 "$SIXBOX" validate -x "$S"
has "$T/err" "unknown option '-x'"

# ---- an empty mapping file, and one with its header only ----
: >"$T/empty.map"
expect_rc 65 "$SIXBOX" import --survey "$S" --org "$O" --mapping "$T/empty.map" \
  "$T/rev0.csv" -o "$T/r.csv"
has "$T/err" "empty.map: the mapping file is empty"
hasnt "$T/err" "export the responses again"
printf 'column,item\r\n\r\n' >"$T/header.map"
expect_rc 65 "$SIXBOX" import --survey "$S" --org "$O" --mapping "$T/header.map" \
  "$T/rev0.csv" -o "$T/r.csv"
has "$T/err" "header.map: the mapping file maps no column"

# ---- a UTF-8 file with one Windows-1252 row: mixed, and where ----
{
  printf 'response_id;Enhet;p01;p02;Övriga synpunkter\n'
  printf 'r1;hr;4;4;Bra stämning\n'
  printf 'r2;hr;3;4;F\366r lite folk\n'   # ö as Windows-1252 writes it
  printf 'r3;hr;3;4;Hej\n'
} >"$T/mixed.csv"
expect_rc 65 "$SIXBOX" import --survey "$S" --org "$O" "$T/mixed.csv" -o "$T/r.csv"
has "$T/err" "mixed.csv:3: the file mixes encodings"
hasnt "$T/err" "none of the"
# a file that is Windows-1252 throughout is still read as such
printf 'response_id;Enhet;p01;p02;\326vriga synpunkter\nr1;hr;4;4;F\366r lite\n' >"$T/cp.csv"
expect_rc 0 "$SIXBOX" import --survey "$S" --org "$O" "$T/cp.csv" -o "$T/r.csv"

# ---- a doubled BOM does not hide the id column ----
{ printf '\357\273\277\357\273\277'; printf 'response_id,Enhet,p01,p02\nr1,hr,4,4\nr1,hr,3,3\n'; } >"$T/bom2.csv"
expect_rc 0 "$SIXBOX" import --survey "$S" --org "$O" "$T/bom2.csv" -o "$T/r.csv" --log "$T/log.json"
has "$T/log.json" '"duplicates": 1'
has "$T/r.csv" '^r1,'

# ---- ids padded with spaces are one respondent ----
printf 'response_id,Enhet,p01,p02\n r7 ,hr,4,4\nr7,hr,3,3\n"r7\t",hr,2,2\n' >"$T/pad.csv"
expect_rc 0 "$SIXBOX" import --survey "$S" --org "$O" "$T/pad.csv" -o "$T/r.csv" --log "$T/log.json"
has "$T/log.json" '"duplicates": 2'
has "$T/r.csv" '^r7,'

# ---- a duplicated column name: an error naming both positions ----
printf 'response_id,Enhet,p01,p02,p01\nr1,hr,4,4,1\n' >"$T/dupcol.csv"
expect_rc 65 "$SIXBOX" import --survey "$S" --org "$O" "$T/dupcol.csv" -o "$T/r.csv"
has "$T/err" "columns 3 and 5 are both called 'p01'"

# ---- an export without responses: exit 65 from import and diagnose ----
printf 'response_id,Enhet,p01,p02\n\n' >"$T/none.csv"
expect_rc 65 "$SIXBOX" import --survey "$S" --org "$O" "$T/none.csv" -o "$T/r.csv"
has "$T/err" "none.csv: the export holds no responses"
expect_rc 65 "$SIXBOX" diagnose --survey "$S" --org "$O" "$T/none.csv" -o "$T/dnone"
has "$T/err" "none.csv: the export holds no responses"
[ ! -e "$T/dnone/report.html" ] || fail "a report was written for an export without responses"
# beside an export with responses it is only named
expect_rc 0 "$SIXBOX" import --survey "$S" --org "$O" "$T/none.csv" "$T/rev0.csv" -o "$T/r.csv"
has "$T/err" "none.csv: warning: the export holds no responses"

# ---- an XML export whose bytes contradict its declared encoding: one message of ours,
# naming the file, and nothing that libxml2 writes to stderr by itself (fuzz_csv found it)
for enc in SHIFT_JIS UTF-7 UCS-4; do
  printf '<?xml version="1.0" encoding="%s"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\377\376\0\0\200\201</Workbook>' \
    "$enc" >"$T/enc.xml"
  expect_rc 65 "$SIXBOX" import --survey "$S" --org "$O" "$T/enc.xml" -o "$T/r.csv"
  has "$T/err" "enc.xml"
  hasnt "$T/err" "^encoding error"
  hasnt "$T/err" "^I/O error"
  hasnt "$T/err" "^xmlParseChunk"
  [ "$(grep -vc "^$T/enc.xml" "$T/err")" -eq 0 ] || fail "$enc: a line not of ours on stderr"
  [ "$(wc -l <"$T/err")" -eq 1 ] || fail "$enc: one message expected (a damaged file is not also empty)"
done

[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all passed"

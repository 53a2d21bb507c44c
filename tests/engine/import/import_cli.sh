#!/bin/sh
# End to end: `sixbox import` and `sixbox inspect --json` on the shipped pulse survey
# and example organisation, with a Swedish Google Forms export; broken inputs give a
# clear message and the documented exit code; outputs are the same bytes every run.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
S="$SBX_SOURCE_DIR/surveys/definitions/sixbox-pulse.xml"
O="$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml"
D="$SBX_SOURCE_DIR/tests/data/import"
T=$(mktemp -d "${TMPDIR:-/tmp}/sbx-import-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect_rc WANT CMD...: runs CMD, stderr to $T/err, stdout to $T/out
expect_rc() {
  want=$1; shift
  "$@" >"$T/out" 2>"$T/err"; got=$?
  [ "$got" -eq "$want" ] || { fail "exit $got (want $want): $*"; cat "$T/err"; }
}
has() { grep -q -- "$2" "$1" || { fail "$1 lacks '$2'"; sed -n 1,40p "$1"; }; }

expect_rc 0 "$SIXBOX" import --help
has "$T/out" "Usage: sixbox import"
expect_rc 0 "$SIXBOX" inspect --help
has "$T/out" "Usage: sixbox inspect"

# The whole job on a Swedish Google Forms export.
expect_rc 0 "$SIXBOX" import --survey "$S" --org "$O" "$D/google_sv_pulse.csv" \
  -o "$T/r.csv" --log "$T/log.json"
has "$T/err" "5 rader lästa: 4 godtagna, 1 avvisade, 0 dubbletter"
tr -d '\r' <"$T/r.csv" >"$T/r.txt"
[ "$(wc -l <"$T/r.txt")" -eq 5 ] || fail "responses.csv should have a header and 4 rows"
has "$T/r.txt" "^response_id,source,unit,p01,p02,p03,p04,p05,p06,p07,p08,p09,p10,p11,p12$"
has "$T/r.txt" "^,$D/google_sv_pulse.csv,hr,5,4,4,,3,2,2,1,5,4,5,3$"
has "$T/r.txt" "^,$D/google_sv_pulse.csv,,1,2,3,4,5,1,2,3,4,5,1,2$"
has "$T/r.txt" "^,$D/google_sv_pulse.csv,ekonomi,,4,4,4,4,4,4,4,4,4,4,4$"
has "$T/log.json" '"tool": "google-forms"'
has "$T/log.json" '"read": 5'
has "$T/log.json" '"blank_rows": 1'
has "$T/log.json" '"reason": "no answer to any item of the survey"'
has "$T/log.json" '"unit": "Okänd enhet"'
has "$T/log.json" '"label": "Kanske"'
has "$T/log.json" '"value": "9"'
has "$T/log.json" '"Något annat"'

# Same input, same bytes (the summary in English this time).
expect_rc 0 "$SIXBOX" import --survey "$S" --org "$O" "$D/google_sv_pulse.csv" \
  -o "$T/r2.csv" --log "$T/log2.json" --lang en
has "$T/err" "5 rows read: 4 accepted, 1 rejected, 0 duplicates"
cmp -s "$T/r.csv" "$T/r2.csv" || fail "responses.csv differs between runs"
cmp -s "$T/log.json" "$T/log2.json" || fail "import-log.json differs between runs"

# inspect --json
expect_rc 0 "$SIXBOX" inspect --json "$D/google_sv_pulse.csv" "$D/limesurvey.csv"
has "$T/out" '"tool": "google-forms"'
has "$T/out" '"tool": "limesurvey"'
has "$T/out" '"delimiter": ";"'
has "$T/out" '"encoding": "utf-8-bom"'
has "$T/out" '"responses": 5'
has "$T/out" '"name": "Tidstämpel"'
has "$T/out" '"role": "metadata"'
expect_rc 0 "$SIXBOX" inspect --tool generic --json "$D/google_sv_pulse.csv"
has "$T/out" '"tool": "generic"'
expect_rc 0 "$SIXBOX" inspect "$D/qualtrics.csv"
has "$T/out" "header rows: *3$"
expect_rc 0 "$SIXBOX" inspect --lang sv "$D/qualtrics.csv"
has "$T/out" "rubrikrader: *3$"
has "$T/out" "avgränsare: *komma"
expect_rc 64 "$SIXBOX" inspect --lang de "$D/qualtrics.csv"

# A mapping file overrides matching; a formula-looking id is neutralised.
printf 'response_id,Enhet,Fråga 1,p02\n=HYPERLINK("x"),HR-enheten,4,5\n' >"$T/g.csv"
printf 'column,item\nFråga 1,p01\np02,-\n' >"$T/map.csv"
expect_rc 0 "$SIXBOX" import --survey "$S" --org "$O" --mapping "$T/map.csv" "$T/g.csv" \
  -o "$T/m.csv"
has "$T/m.csv" "^\"'=HYPERLINK(\"\"x\"\")\",$T/g.csv,hr,4,,,,"

# Broken inputs: message names the file, documented exit codes, no output left behind.
expect_rc 66 "$SIXBOX" import --survey "$S" "$T/nosuch.csv" -o "$T/x.csv"
has "$T/err" "nosuch.csv"
[ ! -e "$T/x.csv" ] || fail "output written although the import failed"
expect_rc 64 "$SIXBOX" import "$D/google_sv_pulse.csv" -o "$T/x.csv"
has "$T/err" "no --survey"
expect_rc 64 "$SIXBOX" import --survey "$S" "$D/google_sv_pulse.csv"
expect_rc 64 "$SIXBOX" import --survey "$S" --tool nosuch "$D/google_sv_pulse.csv" -o "$T/x.csv"
has "$T/err" "unknown tool"
expect_rc 64 "$SIXBOX" inspect --tool nosuch "$D/google_sv_pulse.csv"
expect_rc 64 "$SIXBOX" inspect
: >"$T/empty.csv"
expect_rc 65 "$SIXBOX" import --survey "$S" "$T/empty.csv" -o "$T/x.csv"
has "$T/err" "empty.csv"
expect_rc 65 "$SIXBOX" inspect "$T/empty.csv"
printf 'a,b,c\n1,2,3\n' >"$T/other.csv"
expect_rc 65 "$SIXBOX" import --survey "$S" "$T/other.csv" -o "$T/x.csv"
has "$T/err" "other.csv:1: none of the 3 columns matches an item"
printf 'Fråga 1,p01\n' >"$T/badmap.csv"
printf 'column,item\nFråga 1,p99\n' >"$T/badmap.csv"
expect_rc 65 "$SIXBOX" import --survey "$S" --mapping "$T/badmap.csv" "$T/g.csv" -o "$T/x.csv"
has "$T/err" "badmap.csv:2:"
expect_rc 73 "$SIXBOX" import --survey "$S" "$D/google_sv_pulse.csv" -o "$T/no/such/dir/r.csv"
has "$T/err" "r.csv"
expect_rc 66 "$SIXBOX" inspect "$T/nosuch.csv"

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "import/inspect end to end: all checks passed"

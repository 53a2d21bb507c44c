#!/bin/sh
# sixbox simulate and sixbox questionnaire end to end: same seed → same bytes (the
# XLSX too), another seed → other bytes, --truth, usage and missing-file exit codes,
# and the questionnaire command's output equal to the golden files.
set -u
dir=$(mktemp -d "${SBX_BINARY_DIR:-/tmp}/sim-cli-XXXXXX")
trap 'rm -rf "$dir"' EXIT
S="$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml"
O="$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml"
G="$SBX_SOURCE_DIR/tests/data/questionnaire/golden"
fail=0
check() { # expected-exit description command...
  want=$1; what=$2; shift 2
  "$@" >"$dir/out" 2>"$dir/err"; got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$dir/err"; fail=1
  fi
}
for f in google-forms microsoft-forms surveymonkey qualtrics limesurvey kobotoolbox csv; do
  check 0 "simulate $f" "$SIXBOX" simulate --survey "$S" --org "$O" --format "$f" \
    --seed 9 --respondents 300 --weak soc:leadership -o "$dir/a-$f"
  check 0 "simulate $f again" "$SIXBOX" simulate --survey "$S" --org "$O" --format "$f" \
    --seed 9 --respondents 300 --weak soc:leadership -o "$dir/b-$f"
  cmp -s "$dir/a-$f" "$dir/b-$f" || { echo "FAIL: $f differs for the same seed"; fail=1; }
done
for f in google-forms microsoft-forms; do
  check 0 "simulate $f seed 10" "$SIXBOX" simulate --survey "$S" --org "$O" \
    --format "$f" --seed 10 --respondents 300 --weak soc:leadership -o "$dir/c-$f"
  cmp -s "$dir/a-$f" "$dir/c-$f" && { echo "FAIL: $f same for another seed"; fail=1; }
done
head -c 4 "$dir/a-microsoft-forms" | grep -q PK || { echo "FAIL: XLSX is no zip"; fail=1; }
head -n 1 "$dir/a-google-forms" | grep -q '^Tidstämpel,' || { echo "FAIL: Google header"; fail=1; }
check 0 "truth" "$SIXBOX" simulate --survey "$S" --org "$O" --format google-forms \
  --lang en --respondents 50 -o "$dir/g.csv" --truth "$dir/t.csv"
[ "$(wc -l < "$dir/t.csv")" -eq 51 ] || { echo "FAIL: truth rows"; fail=1; }
head -n 1 "$dir/g.csv" | grep -q '^Timestamp,' || { echo "FAIL: English header"; fail=1; }
check 64 "no org" "$SIXBOX" simulate --survey "$S" -o "$dir/x"
check 64 "bad weak" "$SIXBOX" simulate --survey "$S" --org "$O" --weak soc -o "$dir/x"
check 64 "unknown unit" "$SIXBOX" simulate --survey "$S" --org "$O" --weak nowhere:leadership -o "$dir/x"
check 64 "bad format" "$SIXBOX" simulate --survey "$S" --org "$O" --format word -o "$dir/x"
check 64 "bad seed" "$SIXBOX" simulate --survey "$S" --org "$O" --seed -3 -o "$dir/x"
check 66 "missing survey" "$SIXBOX" simulate --survey "$dir/none.xml" --org "$O" -o "$dir/x"
check 0 "help" "$SIXBOX" simulate --help
[ -e "$dir/x" ] && { echo "FAIL: output left behind after an error"; fail=1; }
for f in print:full-print-sv.html limesurvey:full-limesurvey.lss xform:full-xform.xml \
         google-apps-script:full-google-form-sv.gs xlsform:full-xlsform.xlsx; do
  fmt=${f%%:*}; gold=${f#*:}
  check 0 "questionnaire $fmt" "$SIXBOX" questionnaire "$S" --org "$O" --format "$fmt" \
    -o "$dir/q-$fmt"
  cmp -s "$dir/q-$fmt" "$G/$gold" || { echo "FAIL: questionnaire $fmt differs from $gold"; fail=1; }
done
check 0 "print en" "$SIXBOX" questionnaire "$S" --org "$O" --format print --lang en -o "$dir/en.html"
cmp -s "$dir/en.html" "$G/full-print-en.html" || { echo "FAIL: print en"; fail=1; }
check 64 "questionnaire no format" "$SIXBOX" questionnaire "$S" -o "$dir/y"
check 64 "questionnaire bad lang" "$SIXBOX" questionnaire "$S" --format print --lang de -o "$dir/y"
check 66 "questionnaire missing org" "$SIXBOX" questionnaire "$S" --org "$dir/none.xml" --format xform -o "$dir/y"
check 0 "questionnaire help" "$SIXBOX" questionnaire --help
[ "$fail" -eq 0 ] && echo ok
exit "$fail"

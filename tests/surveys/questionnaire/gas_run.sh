#!/bin/sh
# The Google Apps Script run (node, a recording FormApp: gas-run.js) for the full and
# the HME survey in both languages: the gender question is a plain multiple-choice
# question, no grid has a single row, and the form's questions are exactly the columns
# of a Google Forms export of it (as simulate writes it), which imports back to the
# same units and answers with every row accounted for. Skips (77) only without node.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v node >/dev/null 2>&1 || { echo "SKIP: node is not installed (apt-get install nodejs)"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/sbx-gas.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
run=$SBX_SOURCE_DIR/tests/surveys/questionnaire/gas-run.js
for survey in sixbox-full sixbox-hme; do
  S=$SBX_SOURCE_DIR/surveys/definitions/$survey.xml
  for lang in sv en; do
    "$SIXBOX" questionnaire "$S" --org "$O" --format google-apps-script --lang "$lang" \
      -o "$T/form.gs" || fail "$survey $lang: questionnaire"
    "$SIXBOX" simulate --survey "$S" --org "$O" --respondents 40 --seed 3 --format google-forms \
      --lang "$lang" -o "$T/export.csv" --truth "$T/truth.csv" >/dev/null 2>&1 ||
      fail "$survey $lang: simulate"
    node "$run" "$T/form.gs" "$T/export.csv" >"$T/questions" 2>"$T/err" ||
      { cat "$T/err"; fail "$survey $lang: the script's form (above)"; }
    "$SIXBOX" import --survey "$S" --org "$O" "$T/export.csv" -o "$T/got.csv" \
      --log "$T/log.json" 2>"$T/err" || { cat "$T/err"; fail "$survey $lang: import"; }
    cut -d, -f3- "$T/truth.csv" | tr -d '\r' >"$T/want"
    cut -d, -f3- "$T/got.csv" | tr -d '\r' >"$T/have"
    cmp -s "$T/want" "$T/have" || { diff "$T/want" "$T/have" | head -5; fail "$survey $lang: values differ"; }
    grep -q '"read": 40' "$T/log.json" && grep -q '"accepted": 40' "$T/log.json" ||
      fail "$survey $lang: 40 rows read and accepted"
  done
done
grep -qx 'Gender' "$T/questions" || fail "the HME form has no plain question 'Gender'"
echo "google apps script: plain gender question, export columns = the form's questions, round trip"

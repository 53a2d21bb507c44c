#!/bin/sh
# Adding a language needs no C change. The test makes a pseudo-language "qps" from the
# English column of the shipped catalogue (every text bracketed ⟦…⟧ and accented,
# placeholders kept), and the Six-box survey and the example organisation with qps
# texts beside their English ones, in a temporary folder; points sixbox at it with
# SIXBOX_DATA_DIR; then runs diagnose and questionnaire in qps. Every text a person
# reads in the report, the comments appendix and the questionnaires must come from
# the pseudo-language (bracketed); what is not is data (numbers, ids, file names, the
# respondents' own comments) or a failure. A second run without the folder must find
# no language qps (the only way in is the data folder).
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
src=$SBX_SOURCE_DIR
ex=$src/surveys/examples/exempelstad

python3 "$src/tests/surveys/lang/pseudo_lang.py" make "$src" "$tmp" || exit 1

if "$SIXBOX" questionnaire "$tmp/survey.xml" --format print --lang qps -o "$tmp/x.html" \
     2>"$tmp/err"; then
  echo "FAIL: --lang qps was accepted without the data folder"; exit 1
fi
grep -q "no catalogue has this language" "$tmp/err" ||
  { echo "FAIL: the refusal does not say why:"; cat "$tmp/err"; exit 1; }

export SIXBOX_DATA_DIR="$tmp/data"
export SOURCE_DATE_EPOCH=1700000000
"$SIXBOX" diagnose --survey "$tmp/survey.xml" --org "$tmp/org.xml" "$ex/google-forms-sv.csv" \
  -o "$tmp/out" --quiet --lang qps 2>"$tmp/err" || { echo "FAIL: diagnose:"; cat "$tmp/err"; exit 1; }
for f in print xform limesurvey; do
  "$SIXBOX" questionnaire "$tmp/survey.xml" --format "$f" --lang qps --org "$tmp/org.xml" \
    -o "$tmp/out/q-$f" 2>"$tmp/err" || { echo "FAIL: questionnaire $f:"; cat "$tmp/err"; exit 1; }
done
"$SIXBOX" inspect --lang qps "$ex/google-forms-sv.csv" >"$tmp/out/inspect.txt" 2>"$tmp/err" ||
  { echo "FAIL: inspect:"; cat "$tmp/err"; exit 1; }
python3 "$src/tests/surveys/lang/pseudo_lang.py" check "$src" "$tmp" || exit 1
echo "PASS"

#!/bin/sh
# Round trip: `sixbox simulate` writes each tool's export (Swedish and English headers
# and labels) with the drawn values beside it (--truth); `sixbox import` must give back
# exactly those units and answers, with every row accepted and nothing unmapped.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
S="$SBX_SOURCE_DIR/surveys/definitions/sixbox-pulse.xml"
O="$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml"
T=$(mktemp -d "${TMPDIR:-/tmp}/sbx-roundtrip.XXXXXX")
trap 'rm -rf "$T"' EXIT
if ! "$SIXBOX" simulate --survey "$S" --org "$O" --respondents 5 -o "$T/probe.csv" \
     >/dev/null 2>&1; then
  echo "FAIL: sixbox simulate does not run"
  exit 1
fi
fails=0
for lang in sv en; do
  for fmt in google-forms microsoft-forms surveymonkey qualtrics limesurvey kobotoolbox csv; do
    ext=csv
    [ "$fmt" = microsoft-forms ] && ext=xlsx
    x="$T/$fmt-$lang.$ext"
    if ! "$SIXBOX" simulate --survey "$S" --org "$O" --respondents 60 --seed 7 \
         --format "$fmt" --lang "$lang" -o "$x" --truth "$T/truth.csv" >/dev/null 2>&1; then
      echo "FAIL: simulate --format $fmt --lang $lang"; fails=$((fails + 1)); continue
    fi
    if ! "$SIXBOX" import --survey "$S" --org "$O" "$x" -o "$T/got.csv" \
         --log "$T/log.json" 2>"$T/err"; then
      echo "FAIL: import of $fmt ($lang)"; cat "$T/err"; fails=$((fails + 1)); continue
    fi
    # response_id and source differ by tool; unit and answers must not
    cut -d, -f3- "$T/truth.csv" | tr -d '\r' >"$T/want"
    cut -d, -f3- "$T/got.csv" | tr -d '\r' >"$T/have"
    if ! cmp -s "$T/want" "$T/have"; then
      echo "FAIL: $fmt ($lang): imported values differ from the truth"
      diff "$T/want" "$T/have" | head -5; fails=$((fails + 1))
    fi
    grep -q '"unmapped_columns": \[\]' "$T/log.json" ||
      { echo "FAIL: $fmt ($lang): unmapped columns"; grep -A3 unmapped_columns "$T/log.json"; fails=$((fails + 1)); }
    grep -q '"unknown_labels": \[\]' "$T/log.json" ||
      { echo "FAIL: $fmt ($lang): unknown labels"; fails=$((fails + 1)); }
  done
done
[ "$fails" -eq 0 ] || { echo "$fails round trip(s) failed"; exit 1; }
echo "simulate -> import round trip: 7 tools x 2 languages exact"

#!/bin/sh
# Issue #15 end to end, with fixtures built from sixbox's own questionnaires and the
# documented formats (collect_fixtures.py):
# - the keying template (keying-csv, keying-xlsx) filled as a keyer would imports
#   without a mapping file, a form keyed twice is a duplicate, and diagnose runs on it;
# - a LimeSurvey archive (.lsa) of the .lss: the unit question's SGQA column maps to
#   the unit through the archive's survey structure, its answer codes U001... to the
#   units; the same with the .lsr extracted beside its .lss; an .lsr alone says what
#   is missing;
# - an import where most rows find no unit: diagnose warns on the terminal and the
#   report says so in its first section.
# Every import log: read = accepted + rejected + duplicates. Skips (77) without python3.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/sbx-collect.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
fx() { python3 "$SBX_SOURCE_DIR/tests/engine/import/collect_fixtures.py" "$@"; }
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-pulse.xml

# log FILE READ ACCEPTED REJECTED DUPLICATES: the totals, and each file accounts for its rows
log() {
  python3 - "$@" <<'PY' || return 1
import json, sys
l = json.load(open(sys.argv[1]))
want = [int(v) for v in sys.argv[2:6]]
t = l['totals']
got = [t['read'], t['accepted'], t['rejected'], t['duplicates']]
bad = [f['file'] for f in l['files'] if f['read'] != f['accepted'] + f['rejected'] + f['duplicates']]
if got != want or bad:
    sys.exit('totals %s, wanted %s; unaccounted rows in %s' % (got, want, bad))
PY
}

# ---- the keying template ----
"$SIXBOX" questionnaire --help >"$T/help" || fail "questionnaire --help"
grep -q '^  keying-csv ' "$T/help" && grep -q '^  keying-xlsx ' "$T/help" ||
  fail "questionnaire --help does not name the keying formats"
for fmt in csv xlsx; do
  "$SIXBOX" questionnaire "$S" --org "$O" --format "keying-$fmt" -o "$T/template.$fmt" ||
    { fail "questionnaire --format keying-$fmt"; continue; }
  fx keying "$T/template.$fmt" "$T/keyed.$fmt" "$O" "$S" || { fail "filling the $fmt template"; continue; }
  if ! "$SIXBOX" import --survey "$S" --org "$O" "$T/keyed.$fmt" -o "$T/got.csv" \
       --log "$T/log.json" 2>"$T/err"; then
    fail "import of the keyed $fmt template"; cat "$T/err"; continue
  fi
  tail -n +2 "$T/got.csv" | tr -d '\r' | cut -d, -f1,3- >"$T/have"
  cmp -s "$T/keyed.$fmt.expected" "$T/have" ||
    { fail "keying-$fmt: imported values differ"; diff "$T/keyed.$fmt.expected" "$T/have" | head -5; }
  log "$T/log.json" 41 40 0 1 || fail "keying-$fmt: the import log"
  grep -q '"unmapped_columns": \[\]' "$T/log.json" || fail "keying-$fmt: unmapped columns"
  grep -q '"unknown_units": 0' "$T/log.json" || fail "keying-$fmt: unknown units"
  grep -q "duplicate of response id 'B008' first seen in [^ ]*keyed.$fmt line 9" "$T/log.json" ||
    fail "keying-$fmt: the form keyed twice is not named"
done
if "$SIXBOX" diagnose --survey "$S" --org "$O" "$T/keyed.xlsx" -o "$T/diag" --quiet 2>"$T/err"; then
  log "$T/diag/import-log.json" 41 40 0 1 || fail "diagnose of the keyed template: the log"
  grep -q 'Ekonomienheten' "$T/diag/report.html" || fail "the keyed units are not in the report"
else
  fail "diagnose of the keyed template"; cat "$T/err"
fi

# ---- LimeSurvey: .lsa, extracted .lsr + .lss, .lsr alone ----
"$SIXBOX" questionnaire "$S" --org "$O" --format limesurvey -o "$T/s.lss" || fail "questionnaire limesurvey"
mkdir "$T/ls"
sid=$(fx lsa "$T/s.lss" "$O" "$T/ls") || fail "building the LimeSurvey archive"
check_ls() { # FILE: every unit and answer as in expected.json
  python3 - "$T/ls/expected.json" "$T/got.csv" <<'PY'
import csv, json, sys
e = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8')))
bad = []
if len(rows) != len(e['rows']):
    bad.append('%d rows, wanted %d' % (len(rows), len(e['rows'])))
for want, got in zip(e['rows'], rows):
    if got['response_id'] != want['id'] or got['unit'] != want['unit']:
        bad.append('response %s: unit %r, wanted %r' % (got['response_id'], got['unit'], want['unit']))
    for code, v in want['items'].items():
        if got.get(code) != v:
            bad.append('response %s: %s = %r, wanted %r' % (want['id'], code, got.get(code), v))
if bad:
    sys.exit('; '.join(bad[:5]))
PY
}
for f in "survey_$sid.lsa" "extracted/survey_${sid}_responses.lsr"; do
  if "$SIXBOX" import --survey "$S" --org "$O" "$T/ls/$f" -o "$T/got.csv" --log "$T/log.json" \
     2>"$T/err"; then
    check_ls || fail "$f: units or answers differ"
    log "$T/log.json" 13 12 1 0 || fail "$f: the import log"
    grep -q 'have no unit' "$T/err" && fail "$f: units reported missing"
  else
    fail "import of $f"; cat "$T/err"
  fi
done
"$SIXBOX" import --survey "$S" --org "$O" "$T/ls/alone/survey_${sid}_responses.lsr" \
  -o "$T/got.csv" --log "$T/log.json" 2>"$T/err" || fail "import of the .lsr alone"
grep -q "survey_$sid.lss beside this file" "$T/err" || fail "the .lsr alone does not say what is missing"
grep -q '12 of 12 responses (100 %) have no unit' "$T/err" || fail "the .lsr alone: no loud unit warning"
log "$T/log.json" 13 12 1 0 || fail "the .lsr alone: the import log"

# ---- most rows without a unit: the terminal and the report's first section ----
"$SIXBOX" simulate --survey "$S" --org "$O" --respondents 80 --seed 5 -o "$T/sim.csv" \
  >/dev/null 2>&1 || fail "simulate"
awk -F, 'BEGIN { OFS = "," } NR > 1 && NR % 5 != 0 { $3 = "Z9" } { print }' "$T/sim.csv" >"$T/units.csv"
"$SIXBOX" diagnose --survey "$S" --org "$O" "$T/units.csv" -o "$T/u" 2>"$T/err" ||
  { fail "diagnose with unknown units"; cat "$T/err"; }
grep -q '64 of 80 responses (80 %) have no unit' "$T/err" || { fail "no terminal warning"; cat "$T/err"; }
log "$T/u/import-log.json" 80 80 0 0 || fail "unknown units: the import log"
python3 - "$T/u/report.html" <<'PY' || fail "the report's first section does not say that most units are missing"
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
first = re.search(r'<section[^>]*>(.*?)</section>', html, re.S).group(1)
sys.exit(0 if 'kunde inte knytas till en enhet' in first and 'class="warning"' in first else 1)
PY

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "collect: keying CSV/XLSX, LimeSurvey .lsa/.lsr units, missing units said first"

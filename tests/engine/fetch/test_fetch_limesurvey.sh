#!/bin/sh
# `sixbox fetch --api limesurvey` then `sixbox import`, end to end against the loopback
# server (server.py): the survey is sixbox's own .lss, the server's RemoteControl
# answers export_responses for survey 77 only when asked for code headings and short
# answers, with what LimeSurvey would hold (collect_fixtures.py rc2); the unit
# question's answer codes U001... come back as the units, every answer as given, and
# read = accepted + rejected + duplicates. Skips (77) without python3.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
work=$(mktemp -d)
log="$work/server.log"
: >"$log"
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml
fail() { echo "FAIL: $*"; cat "$work/err" 2>/dev/null; exit 1; }
"$SIXBOX" questionnaire "$S" --org "$O" --format limesurvey -o "$work/s.lss" || fail "questionnaire"
python3 "$SBX_SOURCE_DIR/tests/engine/import/collect_fixtures.py" rc2 "$work/s.lss" "$O" \
  "$work/export.csv" || fail "building the export"
SBX_LIME_EXPORT="$work/export.csv" python3 "$SBX_SOURCE_DIR/tests/engine/fetch/server.py" \
  "$work/port" "$log" /nonexistent &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$work/port")
export SBX_TEST_TOKEN=s3cret-token
"$SIXBOX" fetch --api limesurvey --user hr --token-env SBX_TEST_TOKEN --survey-id 77 \
  "http://127.0.0.1:$port/index.php/admin/remotecontrol" -o "$work/lime.csv" 2>"$work/err" ||
  fail "fetch --api limesurvey"
cmp -s "$work/lime.csv" "$work/export.csv" || fail "the fetched file is not the export"
grep -q "released kkkk" "$log" || fail "the session key was not released"
"$SIXBOX" import --survey "$S" --org "$O" "$work/lime.csv" -o "$work/got.csv" \
  --log "$work/log.json" 2>"$work/err" || fail "import of the fetched export"
grep -q 'have no unit' "$work/err" && fail "units reported missing"
python3 - "$work/export.csv.expected.json" "$work/got.csv" "$work/log.json" <<'PY' ||
import csv, json, sys
e = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8')))
l = json.load(open(sys.argv[3]))
bad = []
f = l['files'][0]
if f['tool'] != 'limesurvey':
    bad.append('read as %s' % f['tool'])
if f['read'] != f['accepted'] + f['rejected'] + f['duplicates'] or f['accepted'] != len(e['rows']):
    bad.append('read %d, accepted %d, rejected %d, duplicates %d' %
               (f['read'], f['accepted'], f['rejected'], f['duplicates']))
if f['unknown_units'] or f['unmapped_columns']:
    bad.append('unknown units %d, unmapped %s' % (f['unknown_units'], f['unmapped_columns']))
for want, got in zip(e['rows'], rows):
    if got['unit'] != want['unit']:
        bad.append('response %s: unit %r, wanted %r' % (want['id'], got['unit'], want['unit']))
    for code, v in want['items'].items():
        if got.get(code) != v:
            bad.append('response %s: %s = %r, wanted %r' % (want['id'], code, got.get(code), v))
if bad:
    sys.exit('; '.join(bad[:5]))
PY
  fail "the imported responses (above)"
echo "fetch --api limesurvey -> import: units from U001..., answers, log accounted"

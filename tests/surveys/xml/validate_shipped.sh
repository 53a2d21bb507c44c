#!/bin/sh
# End to end: every shipped survey definition and example organisation validates,
# a broken file gives exit 65 with FILE:LINE, a missing one 66, no FILE 64.
set -u
cd "$SBX_SOURCE_DIR" || exit 1
out=$("$SIXBOX" validate surveys/definitions/*.xml surveys/examples/*/org.xml 2>&1)
rc=$?
echo "$out"
[ "$rc" -eq 0 ] || { echo "FAIL: validate of the shipped files exited $rc"; exit 1; }
n=$(echo "$out" | grep -c ': ok$')
[ "$n" -ge 4 ] || { echo "FAIL: expected at least 4 'ok' lines, got $n"; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sed 's/id="i2"/id="i1"/' tests/data/surveys/mini-survey.xml > "$tmp/bad.xml"
"$SIXBOX" validate "$tmp/bad.xml" 2> "$tmp/err" > "$tmp/out"
rc=$?
[ "$rc" -eq 65 ] || { echo "FAIL: a bad file exited $rc, not 65"; exit 1; }
grep -q "^$tmp/bad.xml:20: question id 'i1' is used twice" "$tmp/err" ||
  { echo "FAIL: no FILE:LINE message"; cat "$tmp/err"; exit 1; }
[ ! -s "$tmp/out" ] || { echo "FAIL: an invalid file printed on stdout"; exit 1; }

# An organisation is checked against the surveys given with it.
cat > "$tmp/nobox.xml" <<'XML'
<survey id="x" version="1"><languages>sv en</languages>
<title><text lang="sv">X</text><text lang="en">X</text></title>
<answer-scale id="a" min="1" max="2" cutoff="1.5" favourable="2" direction="high-is-good"><point value="1"><label lang="sv">Nej</label><label lang="en">No</label></point><point value="2"><label lang="sv">Ja</label><label lang="en">Yes</label></point></answer-scale>
<scale id="mood" kind="extra"><name lang="sv">M</name><name lang="en">M</name></scale>
<item id="q" scale="mood" answer-scale="a"><text lang="sv">Q</text><text lang="en">Q</text></item>
</survey>
XML
"$SIXBOX" validate "$tmp/nobox.xml" tests/data/surveys/mini-org.xml 2> "$tmp/err" >/dev/null
rc=$?
[ "$rc" -eq 65 ] || { echo "FAIL: org against a survey without its boxes exited $rc"; exit 1; }
grep -q "mini-org.xml:14: goal o1: critical box leadership is not a scale of survey x" "$tmp/err" ||
  { echo "FAIL: no cross-check message"; cat "$tmp/err"; exit 1; }

# The examples in surveys/README.md are valid too.
awk '/A complete small survey/{f=1;next} f&&/^```xml/{g=1;next} g&&/^```$/{exit} g' \
  surveys/README.md > "$tmp/readme-survey.xml"
awk '/A small organisation:/{f=1;next} f&&/^```xml/{g=1;next} g&&/^```$/{exit} g' \
  surveys/README.md > "$tmp/readme-org.xml"
"$SIXBOX" validate "$tmp/readme-survey.xml" "$tmp/readme-org.xml" ||
  { echo "FAIL: the examples in surveys/README.md do not validate"; exit 1; }

"$SIXBOX" validate "$tmp/none.xml" 2>/dev/null
rc=$?
[ "$rc" -eq 66 ] || { echo "FAIL: a missing file exited $rc, not 66"; exit 1; }
"$SIXBOX" validate 2>/dev/null
rc=$?
[ "$rc" -eq 64 ] || { echo "FAIL: no FILE exited $rc, not 64"; exit 1; }
"$SIXBOX" validate --help | grep -q '^Usage: sixbox validate' || { echo "FAIL: --help"; exit 1; }
"$SIXBOX" show --lang fr surveys/definitions/sixbox-pulse.xml 2>/dev/null
rc=$?
[ "$rc" -eq 64 ] || { echo "FAIL: show --lang fr exited $rc, not 64"; exit 1; }
"$SIXBOX" show "$tmp/bad.xml" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 65 ] || { echo "FAIL: show of a bad file exited $rc, not 65"; exit 1; }
# A cross-file problem: printed as FILE:LINE: reason, and the organisation is not "ok".
"$SIXBOX" validate "$tmp/nobox.xml" tests/data/surveys/mini-org.xml >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 65 ] || { echo "FAIL: a cross-file problem exited $rc, not 65"; exit 1; }
grep -q "mini-org.xml:14: goal o1: critical box leadership is not a scale of survey x" "$tmp/err" ||
  { echo "FAIL: the cross-file problem is not printed: $(cat "$tmp/err")"; exit 1; }
! grep -q "mini-org.xml: ok" "$tmp/out" || { echo "FAIL: the organisation is called ok"; exit 1; }
# A scale with only one point labelled is refused (a form would offer that point only).
sed 's|<point value="2"><label lang="sv">Ja</label><label lang="en">Yes</label></point>||' "$tmp/nobox.xml" > "$tmp/onept.xml"
"$SIXBOX" validate "$tmp/onept.xml" 2>"$tmp/err" >/dev/null
rc=$?
[ "$rc" -eq 65 ] && grep -q "onept.xml:3: answer scale a: 1 of the points 1..2 have no <point>" "$tmp/err" ||
  { echo "FAIL: an unlabelled point passed ($rc): $(cat "$tmp/err")"; exit 1; }
echo "PASS"

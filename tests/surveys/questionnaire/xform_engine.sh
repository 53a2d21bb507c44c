#!/bin/sh
# The XForm questionnaire in ODK's real form engine (@getodk/xforms-engine under jsdom,
# from npm into tests/browser: sh tests/setup-test-tools.sh): the introduction and the
# confidentiality promise shown first in every language, the items in the instrument's
# order with their texts, the unit question offering the unit ids; two respondents
# answered and submitted by the engine; ODK Central's CSV and OData JSON and
# KoboToolbox's CSV of those submissions import back to the same units and answers,
# with read = accepted + rejected + duplicates. Skips (77) only without node.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
here=$SBX_SOURCE_DIR/tests/browser
command -v node >/dev/null 2>&1 || { echo "SKIP: node is not installed (apt-get install nodejs)"; exit 77; }
sh "$here/npm-ready" "$here" @getodk/xforms-engine/package.json jsdom/package.json ||
  { echo "FAIL: cannot install @getodk/xforms-engine and jsdom (sh tests/setup-test-tools.sh)"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/sbx-xform.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
"$SIXBOX" questionnaire "$S" --org "$O" --format xform -o "$T/form.xml" ||
  fail "sixbox questionnaire --format xform"

# The checks must see what they look for: a form without the promise note fails.
sed '/<input ref="\/data\/sixbox_promise">/,/<\/input>/d' "$T/form.xml" >"$T/nopromise.xml"
mkdir "$T/neg"
if node "$here/xform-engine.mjs" "$T/nopromise.xml" "$S" "$O" "$T/neg" >"$T/neg.out" 2>&1; then
  fail "the engine check passes a form without the confidentiality promise"
fi
grep -q "no visible promise note" "$T/neg.out" || { cat "$T/neg.out"; fail "wrong complaint"; }

node "$here/xform-engine.mjs" "$T/form.xml" "$S" "$O" "$T" || fail "the form in ODK's engine (above)"

for x in odk-central.csv odk-central.json kobotoolbox.csv; do
  "$SIXBOX" import --survey "$S" --org "$O" "$T/$x" -o "$T/got.csv" --log "$T/log.json" \
    2>"$T/err" || { cat "$T/err"; fail "import of $x"; }
  # unit and answers as given in the engine ("don't know" is no value)
  cut -d, -f2- "$T/expected.csv" >"$T/want"
  tail -n +2 "$T/got.csv" | tr -d '\r' | cut -d, -f3- >"$T/have"
  cmp -s "$T/want" "$T/have" || { diff "$T/want" "$T/have"; fail "$x: imported values differ"; }
  # every export gives the instance id without ODK's "uuid:" (Kobo's _uuid is bare)
  cut -d, -f1 "$T/expected.csv" >"$T/want"
  tail -n +2 "$T/got.csv" | cut -d, -f1 >"$T/have"
  cmp -s "$T/want" "$T/have" || fail "$x: the response ids are not the instance ids"
  node -e '
    const l = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const f = l.files[0], t = l.totals;
    const bad = [];
    if (f.read !== f.accepted + f.rejected + f.duplicates) bad.push("read != accepted + rejected + duplicates");
    if (t.read !== 2 || t.accepted !== 2) bad.push(`read ${t.read}, accepted ${t.accepted}`);
    if (f.dont_know !== 1) bad.push(`dont_know ${f.dont_know}`);
    if (f.unmapped_columns.length) bad.push(`unmapped ${f.unmapped_columns}`);
    if (bad.length) { console.error(bad.join("; ")); process.exit(1); }' "$T/log.json" ||
    fail "$x: the import log (above)"
done

# The same submissions from three exports (Central CSV and JSON, Kobo CSV): the second and
# third files' are duplicates.
"$SIXBOX" import --survey "$S" --org "$O" "$T/odk-central.csv" "$T/odk-central.json" \
  "$T/kobotoolbox.csv" -o "$T/got.csv" --log "$T/log.json" 2>"$T/err" ||
  { cat "$T/err"; fail "import of all three"; }
node -e '
  const l = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const [a, b, c] = l.files;
  for (const f of l.files)
    if (f.read !== f.accepted + f.rejected + f.duplicates) process.exit(1);
  process.exit(a.accepted === 2 && b.duplicates === 2 && c.duplicates === 2 &&
               l.totals.accepted === 2 ? 0 : 1);' \
  "$T/log.json" || fail "the same submissions from Central (CSV, JSON) and Kobo are not found as duplicates"
echo "xform in @getodk/xforms-engine: notes, order, units; ODK Central CSV/JSON and Kobo CSV round trip"

#!/bin/sh
# End-to-end test of the follow-up system: four simulated waves through
# `diagnose --history` (a reorganisation in the third, a changed instrument in the
# fourth). Checks with the sqlite3 command that the database holds exactly what each
# wave's results.json published (hidden units without figures), that the report shows
# three-point trends and goal timelines, that the changed scale is not compared, that
# a failed, interrupted or killed run leaves the database as it was, that a filled-in
# handlingsplan comes back as the next wave's follow-up, and that a pulse baseline
# against a full survey gives no change figures.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is not installed (quickstart.sh installs it)"; exit 1; }
command -v jq >/dev/null || { echo "FAIL: jq is not installed (quickstart.sh installs it)"; exit 1; }
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml
P=$SBX_SOURCE_DIR/surveys/definitions/sixbox-pulse.xml
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
db=$tmp/h.db
q() { sqlite3 -batch "$db" "$@"; }
expect() { # expect CODE CMD...
  want=$1; shift
  set +e; "$@" >"$tmp/stdout" 2>"$tmp/stderr"; got=$?; set -e
  [ "$got" = "$want" ] || fail "exit $got, wanted $want: $* ($(cat "$tmp/stderr"))"
}

# Wave 3's organisation: the HR and finance units merge into one, the social services
# department is renamed (new id), both saying which units they continue.
sed -e 's|<unit id="ekonomi" kind="enhet" headcount="24">|<unit id="ekonomi-hr" kind="enhet" headcount="42" continues="ekonomi hr">|' \
    -e 's|<unit id="hr" kind="enhet" headcount="18">|<unit id="hr-gone" kind="enhet" headcount="0">|' \
    -e 's|<unit id="soc" kind="förvaltning"|<unit id="sof" kind="förvaltning" continues="soc"|' \
    -e 's|unit="soc"|unit="sof"|g' -e 's|unit="hr"|unit="ekonomi-hr"|g' -e 's|unit="ekonomi"|unit="ekonomi-hr"|g' "$O" >"$tmp/org3.xml"
# Drop the emptied unit so nobody is simulated there.
awk '/<unit id="hr-gone"/{skip=1} skip&&/<\/unit>/{skip=0;next} !skip' "$tmp/org3.xml" >"$tmp/org3b.xml"
mv "$tmp/org3b.xml" "$tmp/org3.xml"
"$SIXBOX" validate "$tmp/org3.xml" >/dev/null || fail "org3.xml invalid: $("$SIXBOX" validate "$tmp/org3.xml" 2>&1)"
# Wave 4's instrument: one purposes item replaced (new id), everything else the same.
sed -e 's|<item id="q01" scale="purposes"|<item id="q01b" scale="purposes"|' "$S" >"$tmp/full4.xml"

sim() { # sim SURVEY ORG SEED FILE [WEAK]
  "$SIXBOX" simulate --survey "$1" --org "$2" --seed "$3" --respondents 700 ${5:+--weak "$5"} \
    -o "$4" 2>/dev/null
}
diag() { # diag SURVEY ORG EXPORT DIR WAVE [more options]
  s=$1 o=$2 e=$3 d=$4 w=$5; shift 5
  "$SIXBOX" diagnose --survey "$s" --org "$o" --quiet "$e" -o "$d" --history "$db" --wave "$w" \
    --wave-name "Mätning $w" --wave-date "202$(echo "$w" | tr -dc 0-9)-10-01" "$@"
}
sim "$S" "$O" 1 "$tmp/e1.csv" bun:purposes
sim "$S" "$O" 2 "$tmp/e2.csv" bun:purposes
sim "$S" "$tmp/org3.xml" 3 "$tmp/e3.csv"
sim "$tmp/full4.xml" "$tmp/org3.xml" 4 "$tmp/e4.csv"

diag "$S" "$O" "$tmp/e1.csv" "$tmp/w1" w1 || fail "wave 1"
diag "$S" "$O" "$tmp/e2.csv" "$tmp/w2" w2 || fail "wave 2"
[ "$(q 'PRAGMA user_version')" = 4 ] || fail "schema version"

# The database holds exactly what results.json published: every visible cell, no
# hidden one, the same numbers; units with their hidden flag; goals and actions.
same() { # same WAVE DIR
  n=$(q "WITH r AS (SELECT readfile('$2/results.json') AS j),
    pub AS (SELECT json_extract(u.value,'\$.id'), json_extract(c.value,'\$.id'),
      json_extract(c.value,'\$.n'), json_extract(c.value,'\$.mean'), json_extract(c.value,'\$.sd'),
      json_extract(c.value,'\$.ci[0]'), json_extract(c.value,'\$.ci[1]'),
      json_extract(c.value,'\$.favourable'), json_extract(c.value,'\$.status')
      FROM r, json_each(r.j,'\$.units') u, json_each(u.value,'\$.scales') c
      WHERE json_extract(c.value,'\$.n') IS NOT NULL),
    db AS (SELECT unit, scale, n, mean, sd, ci_lo, ci_hi, favourable, status FROM cell WHERE wave='$1'),
    pu AS (SELECT json_extract(u.value,'\$.id'), json_extract(u.value,'\$.suppressed'),
      json_extract(u.value,'\$.n') FROM r, json_each(r.j,'\$.units') u),
    du AS (SELECT id, suppressed, n FROM unit WHERE wave='$1'),
    pg AS (SELECT json_extract(g.value,'\$.id'), json_extract(g.value,'\$.status'),
      json_extract(g.value,'\$.risk') FROM r, json_each(r.j,'\$.goals') g),
    dg AS (SELECT id, status, risk FROM goal WHERE wave='$1'),
    pa AS (SELECT json_extract(a.value,'\$.goal'), json_extract(a.value,'\$.unit'),
      json_extract(a.value,'\$.scale') FROM r, json_each(r.j,'\$.actions') a),
    da AS (SELECT goal, unit, scale FROM action WHERE wave='$1')
    SELECT (SELECT count(*) FROM (SELECT * FROM pub EXCEPT SELECT * FROM db))
         + (SELECT count(*) FROM (SELECT * FROM db EXCEPT SELECT * FROM pub))
         + (SELECT count(*) FROM (SELECT * FROM pu EXCEPT SELECT * FROM du))
         + (SELECT count(*) FROM (SELECT * FROM du EXCEPT SELECT * FROM pu))
         + (SELECT count(*) FROM (SELECT * FROM pg EXCEPT SELECT * FROM dg))
         + (SELECT count(*) FROM (SELECT * FROM dg EXCEPT SELECT * FROM pg))
         + (SELECT count(*) FROM (SELECT * FROM pa EXCEPT SELECT * FROM da))
         + (SELECT count(*) FROM (SELECT * FROM da EXCEPT SELECT * FROM pa))")
  [ "$n" = 0 ] || fail "wave $1: $n rows differ between the database and $2/results.json"
  [ "$(q "SELECT count(*) FROM cell WHERE wave='$1'")" -gt 100 ] || fail "wave $1: too few cells"
}
same w1 "$tmp/w1"
same w2 "$tmp/w2"
hidden=$(q "SELECT count(*) FROM unit WHERE suppressed = 1")
[ "$hidden" -gt 0 ] || fail "no hidden unit in the simulated waves: the test needs one"
[ "$(q "SELECT count(*) FROM cell c JOIN unit u ON u.wave = c.wave AND u.id = c.unit WHERE u.suppressed")" = 0 ] \
  || fail "a hidden unit has stored figures"
[ "$(q "SELECT count(*) FROM unit WHERE suppressed AND (n IS NOT NULL OR response_rate IS NOT NULL)")" = 0 ] \
  || fail "a hidden unit has a stored count or rate"
[ "$(q "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%answer%' AND name NOT IN ('scale')")" = 0 ] \
  || fail "a table for raw answers"

# The same wave id again is refused, with the database untouched; --replace-wave replaces.
before=$(q .dump | cksum)
expect 65 diag "$S" "$O" "$tmp/e2.csv" "$tmp/w2again" w2
grep -q "wave 'w2' already" "$tmp/stderr" || fail "no clear message for an existing wave"
[ ! -e "$tmp/w2again/report.html" ] || fail "files written for a refused wave"
diag "$S" "$O" "$tmp/e2.csv" "$tmp/w2" w2 --replace-wave || fail "replace"
same w2 "$tmp/w2"
[ "$(q "SELECT seq FROM wave WHERE id='w2'")" = 2 ] || fail "a replaced wave keeps its place"

# A failed run (a folder where report.html should go) and a killed run leave the
# database as it was.
before=$(q .dump | cksum)
mkdir -p "$tmp/w3/report.html"
expect 73 diag "$S" "$tmp/org3.xml" "$tmp/e3.csv" "$tmp/w3" w3
[ "$(q .dump | cksum)" = "$before" ] || fail "a failed run changed the database"
rmdir "$tmp/w3/report.html"
# (exec: the signal must reach sixbox itself, not a subshell that leaves it running)
(exec "$SIXBOX" diagnose --survey "$S" --org "$tmp/org3.xml" --quiet "$tmp/e3.csv" -o "$tmp/wk" \
  --history "$db" --wave wk --wave-date 2023-11-01) &
pid=$!
sleep 0.2
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "a killed run damaged the database"
if [ "$(q "SELECT count(*) FROM wave WHERE id='wk'")" = 1 ]; then
  [ "$(q "SELECT count(*) FROM cell WHERE wave='wk'")" -gt 100 ] || fail "a killed run stored half a wave"
  "$SIXBOX" history "$db" remove wk 2>/dev/null
else
  [ "$(q .dump | cksum)" = "$before" ] || fail "a killed run changed the database"
fi

# An interrupted run (SIGTERM, as Ctrl-C): it stops with 128 + 15 and the database
# as it was; or, when the signal came once the set was being put in place, exit 0
# with the whole wave stored.
before=$(q .dump | cksum)
set +e
(exec "$SIXBOX" diagnose --survey "$S" --org "$tmp/org3.xml" --quiet "$tmp/e3.csv" -o "$tmp/wi" \
  --history "$db" --wave w9 --wave-date 2029-10-01) &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
set -e
if [ "$rc" = 0 ]; then
  [ "$(q "SELECT count(*) FROM cell WHERE wave='w9'")" -gt 100 ] || fail "an interrupted run stored half a wave"
  "$SIXBOX" history "$db" remove w9 2>/dev/null
else
  [ "$rc" = 143 ] || fail "an interrupted run exited $rc"
  [ "$(q .dump | cksum)" = "$before" ] || fail "an interrupted run changed the database"
  [ ! -e "$tmp/wi/report.html" ] || fail "an interrupted run left a report"
fi

# The handlingsplan: written beside the report, filled in, read back by wave 3.
for f in handlingsplan.xlsx handlingsplan.csv; do [ -s "$tmp/w2/$f" ] || fail "$f missing"; done
n_act=$(jq '.actions | length' "$tmp/w2/results.json")
[ "$n_act" -gt 0 ] || fail "wave 2 proposes no action: the test needs one"
[ "$(($(wc -l <"$tmp/w2/handlingsplan.csv") - 1))" = "$n_act" ] || fail "one plan row per action"
# Filled in as a unit would: the plan wave 2 wrote, its four empty columns (Ansvarig,
# Klart senast, Mål till nästa mätning, Status) given on every row.
head -1 "$tmp/w2/handlingsplan.csv" | grep -q 'Enhets-id,Enhet,Box-id,Box,.*Ansvarig,Klart senast,Mål till nästa mätning' \
  || fail "the plan's header: $(head -1 "$tmp/w2/handlingsplan.csv")"
sed '2,$s/,,,,\(\r\{0,1\}\)$/,Anna Ek,2023-06-30,"4,5",klar\1/' "$tmp/w2/handlingsplan.csv" >"$tmp/plan.csv"
[ "$(grep -c 'Anna Ek' "$tmp/plan.csv")" = "$n_act" ] || fail "the plan could not be filled in"
printf 'unit,box,owner,deadline,target,status\nsoc,rewards,A,2023-02-30,9,kanske\nnope,x,A,,,\n' >"$tmp/bad.csv"
expect 65 diag "$S" "$tmp/org3.xml" "$tmp/e3.csv" "$tmp/w3" w3 --actions "$tmp/bad.csv"
for m in "bad.csv:2: the date '2023-02-30'" "bad.csv:2: the status 'kanske'" "bad.csv:2: the target '9'" \
         "bad.csv:3: unknown unit 'nope'" "bad.csv:3: unknown box 'x'"; do
  grep -q "$m" "$tmp/stderr" || fail "no error '$m': $(cat "$tmp/stderr")"
done
# A plan without its columns is bad data (65), said once, never "out of memory".
printf 'unit,box\nsoc,rewards\n' >"$tmp/nocols.csv"
expect 65 diag "$S" "$tmp/org3.xml" "$tmp/e3.csv" "$tmp/w3" w3 --actions "$tmp/nocols.csv"
grep -q "nocols.csv:1: the handlingsplan has no column" "$tmp/stderr" || fail "no missing column: $(cat "$tmp/stderr")"
! grep -q "out of memory" "$tmp/stderr" || fail "a missing column called out of memory: $(cat "$tmp/stderr")"
diag "$S" "$tmp/org3.xml" "$tmp/e3.csv" "$tmp/w3" w3 --actions "$tmp/plan.csv" || fail "wave 3"
same w3 "$tmp/w3"
[ "$(q "SELECT count(*) FROM followup WHERE wave='w3' AND owner='Anna Ek' AND status='done' AND target=4.5")" = "$n_act" ] \
  || fail "the plan's actions are not stored with wave 3"
grep -q 'Uppföljning av förra mätningens handlingsplan' "$tmp/w3/report.html" || fail "no follow-up in the report"
grep -q '<td>Anna Ek</td>' "$tmp/w3/report.html" || fail "the owner is not in the report"

# Reorganisation: the renamed department's line carries its predecessor's waves.
grep -q 'aria-label="Uppgift och mål, Socialförvaltningen: [0-9],[0-9]*; [0-9],[0-9]*; [0-9],[0-9]*"' \
  "$tmp/w3/report.html" || fail "no three-point trend for the renamed department"
grep -q 'aria-label="Uppgift och mål, Barn- och utbildningsförvaltningen: [0-9],[0-9]*; [0-9],[0-9]*; [0-9],[0-9]*"' \
  "$tmp/w3/report.html" || fail "no three-point trend"
jq -e '[.units[] | select(.id == "sof") | .scales[] | select(.change != null)] | length > 0' \
  "$tmp/w3/results.json" >/dev/null || fail "the renamed department has no change since its predecessor"
grep -q 'Målens status per mätning' "$tmp/w3/report.html" || fail "no goal timeline"
grep -q 'Mätning: Mätning w3 (2023-10-01)' "$tmp/w3/report.html" || fail "no wave name on the first page"
grep -q 'Jämförs med: Mätning w2 (2022-10-01)' "$tmp/w3/report.html" || fail "no baseline wave named"

# Change marks: in the heatmap exactly the cells results.json gives a change (shown in
# both waves, same instrument), with interval and a mark where beyond chance; on the
# box pages, the förvaltning pages and the first page's red thread; the baseline wave
# named wherever a change is shown.
marks() { # marks DIR: heatmap changes = results.json changes
  got=$(sed -n '/<section id="heatmap"/,/<\/section>/p' "$1/report.html" | grep -o '<small>' | wc -l)
  want=$(jq '[.units[] | .scales[]? | select(.change != null)] | length' "$1/results.json")
  [ "$got" = "$want" ] && [ "$want" -gt 0 ] || fail "$1: $got changes in the heatmap, results.json has $want"
}
marks "$tmp/w3"
grep -q '(−\{0,1\}[0-9],[0-9][0-9]–−\{0,1\}[0-9],[0-9][0-9]) <span class="sym" aria-hidden="true">[▲▼]</span><span class="vh">[a-zö]* större än slumpen' \
  "$tmp/w3/report.html" || fail "no change beyond chance marked"
[ "$(grep -c 'Jämförs med: Mätning w2 (2022-10-01)' "$tmp/w3/report.html")" -ge 7 ] || fail "the baseline is not named in every comparison"
grep -q 'Förändring sedan förra mätningen, hela organisationen: [+−]' "$tmp/w3/report.html" || fail "no change on the box pages"
grep -q 'class="red-thread"' "$tmp/w2/report.html" || fail "wave 2 has no red thread: the test needs one"
sed -n '/class="red-thread"/,/<\/ol>/p' "$tmp/w2/report.html" | grep -q 'sedan förra mätningen [+−][0-9]' \
  || fail "no change in the first page's red thread"

# Wave 4, changed instrument: purposes is not compared, the other boxes are.
diag "$tmp/full4.xml" "$tmp/org3.xml" "$tmp/e4.csv" "$tmp/w4" w4 || fail "wave 4"
same w4 "$tmp/w4"
jq -e '.scales[] | select(.id == "purposes") | .baseline.comparable == false and .baseline.reason == "items"' \
  "$tmp/w4/results.json" >/dev/null || fail "the changed scale is not marked as not comparable"
jq -e '[.units[].scales[]? | select(.id == "purposes" and .change != null)] | length == 0' \
  "$tmp/w4/results.json" >/dev/null || fail "a change shown for the changed scale"
jq -e '[.units[].scales[]? | select(.id == "structure" and .change != null)] | length > 0' \
  "$tmp/w4/results.json" >/dev/null || fail "no change for an unchanged scale"
grep -q 'Uppgift och mål: Ingen förändring visas: frågorna' "$tmp/w4/report.html" || fail "no sentence for the changed scale"
marks "$tmp/w4"
grep -q '<h3>Uppgift och mål</h3>.*Ingen förändring visas: frågorna' "$tmp/w4/report.html" \
  || [ "$(grep -c 'Ingen förändring visas: frågorna' "$tmp/w4/report.html")" -ge 2 ] || fail "no sentence on the box page"

# history list/show/export/remove.
"$SIXBOX" history "$db" list >"$tmp/list" || fail "list"
[ "$(grep -c '^w[1-4]	' "$tmp/list")" = 4 ] || fail "list shows $(cat "$tmp/list")"
"$SIXBOX" history "$db" show w3 | grep -q 'Anna Ek' || fail "show"
"$SIXBOX" history "$db" export -o "$tmp/long.csv" || fail "export csv"
head -1 "$tmp/long.csv" | grep -q '^wave,wave_name,wave_date,unit,scale,n,mean' || fail "export header"
[ "$(($(wc -l <"$tmp/long.csv") - 1))" = "$(q 'SELECT count(*) FROM cell')" ] || fail "export rows"
"$SIXBOX" history "$db" export --format json | jq -e '.waves | length == 4' >/dev/null || fail "export json"
expect 66 "$SIXBOX" history "$db" show nope
expect 64 "$SIXBOX" history "$db" frobnicate
expect 66 "$SIXBOX" history "$tmp/none.db" list
echo "not a database" >"$tmp/junk.db"
expect 65 "$SIXBOX" history "$tmp/junk.db" list
# Waves follow their dates (then ids), not the order they were added: a wave added
# last with the earliest date comes first and has no baseline; one dated between w2
# and w3 is compared with w2.
diag "$S" "$O" "$tmp/e1.csv" "$tmp/w0" w0 --wave-date 2019-05-01 || fail "wave w0"
! grep -q 'Jämförs med' "$tmp/w0/report.html" || fail "the earliest wave has a baseline"
diag "$S" "$O" "$tmp/e2.csv" "$tmp/w25" w25 --wave-date 2022-12-01 || fail "wave w25"
grep -q 'Jämförs med: Mätning w2 (2022-10-01)' "$tmp/w25/report.html" || fail "w25 not compared with w2"
[ "$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM wave ORDER BY seq)")" = "w0 w1 w2 w25 w3 w4" ] \
  || fail "waves out of date order: $(q 'SELECT id, seq, date FROM wave ORDER BY seq')"
[ "$(q "SELECT min(seq) || ' ' || max(seq) || ' ' || count(DISTINCT seq) FROM wave")" = "1 6 6" ] || fail "seq numbers"
"$SIXBOX" history "$db" list | cut -f1 | tr '\n' ' ' | grep -q '^wave w0 w1 w2 w25 w3 w4 $' || fail "list order"
"$SIXBOX" history "$db" remove w0 2>/dev/null && "$SIXBOX" history "$db" remove w25 2>/dev/null || fail "remove w0 w25"
"$SIXBOX" history "$db" remove w4 2>/dev/null || fail "remove"
[ "$(q "SELECT count(*) FROM cell WHERE wave='w4'")" = 0 ] || fail "remove left cells"

# Pulse (5-point) against full (7-point): no change figures, one sentence per box, exit 0.
"$SIXBOX" simulate --survey "$P" --org "$O" --seed 9 -o "$tmp/pulse.csv" 2>/dev/null
"$SIXBOX" diagnose --survey "$P" --org "$O" --quiet "$tmp/pulse.csv" -o "$tmp/pulse" || fail "pulse"
"$SIXBOX" diagnose --survey "$S" --org "$O" --quiet "$tmp/e1.csv" -o "$tmp/full" \
  --baseline "$tmp/pulse/results.json" || fail "full against a pulse baseline"
! grep -q '"change": {' "$tmp/full/results.json" || fail "change figures against a pulse baseline"
grep -q 'Ingen förändring visas' "$tmp/full/report.html" || fail "no sentence for the pulse baseline"
# A baseline of another organisation, or with absurd values, is refused.
sed 's/"id": "exempelstad"/"id": "annanstad"/' "$tmp/w1/results.json" >"$tmp/other.json"
expect 65 "$SIXBOX" diagnose --survey "$S" --org "$O" --quiet "$tmp/e2.csv" -o "$tmp/x" --baseline "$tmp/other.json"
grep -q "organisation 'annanstad'" "$tmp/stderr" || fail "no message for another organisation"
jq '.units[0].scales[0].mean = 1e308' "$tmp/w1/results.json" >"$tmp/absurd.json"
expect 65 "$SIXBOX" diagnose --survey "$S" --org "$O" --quiet "$tmp/e2.csv" -o "$tmp/x" --baseline "$tmp/absurd.json"
grep -q "cannot come from a sixbox diagnosis" "$tmp/stderr" || fail "no message for an absurd baseline"
[ ! -e "$tmp/x" ] || [ ! -e "$tmp/x/report.html" ] || fail "files written for a refused baseline"

# Usage errors.
expect 64 "$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/e1.csv" -o "$tmp/x" --history "$db"
expect 64 "$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/e1.csv" -o "$tmp/x" --wave w9
expect 64 "$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/e1.csv" -o "$tmp/x" --history "$db" --wave 'bad id'
expect 64 "$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/e1.csv" -o "$tmp/x" --history "$db" --wave w9 --wave-date 2027-13-01
echo "history: all checks passed"

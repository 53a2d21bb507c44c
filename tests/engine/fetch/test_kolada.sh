#!/bin/sh
# `sixbox fetch --api kolada` against a loopback server shaped as Kolada v3 answers
# (kolada_server.py): paging followed, 429 and 5xx retried, batches of at most 25 ids,
# the tidy CSV sorted and complete, groups, and malformed answers refused with a
# clear error and no file written. No traffic leaves 127.0.0.1.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
FIX=${SBX_FIXTURES_DIR:-/nonexistent}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
[ -d "$FIX/kolada" ] || echo "note: $FIX/kolada absent (SIXBOX_FIXTURES_DIR): the server uses its own copies of a few values"
work=$(mktemp -d)
log="$work/server.log"
: > "$log"
python3 "$SBX_SOURCE_DIR/tests/engine/fetch/kolada_server.py" "$work/port" "$log" "$FIX" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
base="http://127.0.0.1:$(cat "$work/port")/v3"
pass=0 fail=0
check() { # NAME EXPECTED-EXIT ACTUAL-EXIT [extra: 0 = ok]
  if [ "$2" = "$3" ] && [ "${4:-0}" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"
  else fail=$((fail + 1)); echo "FAIL $1 (exit $3, wanted $2)"; cat "$work/err" 2>/dev/null; fi
}
kfetch() { "$SIXBOX" fetch --api kolada --retry-base 0.1 --max-wait 5 "$base" "$@" 2>"$work/err"; }

kfetch --kpi U00200,N15419 --municipality 0180,1480,0000 --years 2020-2022 -o "$work/k.csv"
check "key figures" 0 $?
head -1 "$work/k.csv" | grep -q '^kpi,municipality,period,gender,value,status' ; check "header" 0 $?
grep -q '^U00200,0180,2020,T,79.22222222,' "$work/k.csv"; check "a real value, unrounded" 0 $?
grep -q '^U00200,1480,2020,K,80.27777778,' "$work/k.csv"; check "K row (T outside K..M in Göteborg 2020)" 0 $?
grep -q '^U00200,0000,2020,T,,Missing' "$work/k.csv"; check "null value kept as empty, status kept" 0 $?
grep -q '^N15419,0180,2021,T,74.5,' "$work/k.csv"; check "period given as a string" 0 $?
grep -q 'page=2' "$log"; check "next_url followed" 0 $?
rows=$(tail -n +2 "$work/k.csv" | wc -l)
sort -c -t, -k1,1 -k2,2 -k3,3n "$work/k.csv" 2>/dev/null || true
[ "$rows" -ge 18 ]; check "every page's rows ($rows)" 0 $?
kfetch --kpi U00200,N15419 --municipality 0180,1480,0000 --years 2020-2022 -o "$work/k2.csv"
cmp -s "$work/k.csv" "$work/k2.csv"; check "same answer, same bytes" 0 $?

kfetch --kpi U00200 --municipality 0180,0429 --years 2020 -o "$work/r.csv"; check "429 then success" 0 $?
kfetch --kpi U00200 --municipality 0180,0503 --years 2020 -o "$work/r2.csv"; check "503 twice then success" 0 $?
kfetch --retries 1 --kpi U00200 --municipality 0503,0180 --years 2021 -o "$work/r3.csv"; r=$?
check "5xx beyond the retries (service unavailable)" 69 $r "$([ ! -e "$work/r3.csv" ]; echo $?)"

echo "earlier" > "$work/keep.csv"
kfetch --kpi U00200 --municipality 0999 --years 2020 -o "$work/keep.csv"; r=$?
check "malformed body is a protocol error" 76 $r "$(grep -q 'not JSON' "$work/err"; echo $?)"
grep -q earlier "$work/keep.csv"; check "earlier file untouched" 0 $?
kfetch --kpi U00200 --municipality 0998 --years 2020 -o "$work/m.csv"; r=$?
check "item without period refused" 76 $r "$(grep -q 'malformed item' "$work/err"; echo $?)"
[ ! -e "$work/m.csv" ]; check "no file written" 0 $?
kfetch --kpi U00200 --municipality 0180,0666,1480,0000 --years 2020,2021,2022 -o "$work/x.csv"; r=$?
check "next_url to another server refused" 76 $r "$([ ! -e "$work/x.csv" ]; echo $?)"

kpis=$(i=1; while [ $i -le 30 ]; do printf 'U%05d,' $i; i=$((i + 1)); done; printf 'U00200')
: > "$log"
kfetch --kpi "$kpis" --municipality 0180 --years 2020 -o "$work/b.csv"; check "31 KPIs in batches of 25" 0 $?
[ "$(grep -c '^/v3/data' "$log")" = 2 ]; check "two requests" 0 $?
kfetch --kpi 'U00200/../x' --municipality 0180 --years 2020 -o "$work/bad.csv"; check "ids checked" 64 $?
kfetch --kpi U00200 --municipality 0180 --years 20 -o "$work/bad.csv"; check "years checked" 64 $?
kfetch --kpi U00200 --municipality 0180 -o "$work/bad.csv"; check "years needed" 64 $?

kfetch --groups "Liknande kommuner, övergripande, Stockholm" -o "$work/g.csv"; check "groups" 0 $?
grep -q '^G37523,"Liknande kommuner, övergripande, Stockholm, 2025",1480,Göteborg' "$work/g.csv"
check "group members (member_id)" 0 $?
grep -q 'title=Liknande%20kommuner%2C%20%C3%B6vergripande' "$log"; check "title URL-encoded" 0 $?
kfetch --groups "Alla kommuner" -o "$work/g2.csv"; check "groups (id/title members)" 0 $?
grep -q '^G2328,Alla kommuner (ovägt medel),0114,Upplands Väsby' "$work/g2.csv"; check "member id" 0 $?

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/sh
# Benchmark of the follow-up system (not a test): a 300-unit organisation, ten waves
# already in the history, then the eleventh added with `diagnose --history` against the
# same run without it; the difference is what the history costs (reading ten waves for
# the trend and baseline, storing the wave, the trend section of the report). Also
# `history export` of the eleven waves. Wall time, min of RUNS.
# Usage: [SIXBOX=build/sixbox] tests/bench/history/run.sh [RESPONDENTS] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
n=${1:-30000}
runs=${2:-5}
sixbox=${SIXBOX:-$root/build/sixbox}
work=${TMPDIR:-/tmp}/sixbox-bench-history
rm -rf "$work"
mkdir -p "$work"
S=$root/surveys/definitions/sixbox-full.xml
O=$work/org.xml
sh "$root/tests/bench/diagnose/make-org.sh" 15 20 >"$O"
"$sixbox" simulate --survey "$S" --org "$O" --respondents "$n" --seed 1 -o "$work/e.csv" 2>/dev/null
db=$work/h.db
for w in 1 2 3 4 5 6 7 8 9 10; do
  "$sixbox" diagnose --survey "$S" --org "$O" "$work/e.csv" -o "$work/out" --quiet \
    --history "$db" --wave "w$w" --wave-date "20$((10 + w))-10-01"
done
now() { date +%s.%N; }
best() { sort -n | head -1; }
plain=$(for r in $(seq "$runs"); do t0=$(now)
  "$sixbox" diagnose --survey "$S" --org "$O" "$work/e.csv" -o "$work/plain" --quiet
  t1=$(now); echo "$t1 - $t0" | bc; done | best)
hist=$(for r in $(seq "$runs"); do cp "$db" "$work/h11.db"; t0=$(now)
  "$sixbox" diagnose --survey "$S" --org "$O" "$work/e.csv" -o "$work/hist" --quiet \
    --history "$work/h11.db" --wave w11 --wave-date 2021-10-01
  t1=$(now); echo "$t1 - $t0" | bc; done | best)
exp=$(for r in $(seq "$runs"); do t0=$(now)
  "$sixbox" history "$work/h11.db" export -o "$work/long.csv"
  t1=$(now); echo "$t1 - $t0" | bc; done | best)
echo "respondents $n, 300 leaf units (316 units), waves before: 10"
echo "diagnose without --history: ${plain}s"
echo "diagnose adding wave 11 to the history, report with trends: ${hist}s"
echo "history cost (difference): $(echo "$hist - $plain" | bc)s"
echo "history export (11 waves, $(($(wc -l <"$work/long.csv") - 1)) rows): ${exp}s"
echo "database $(du -k "$work/h11.db" | cut -f1) KB; report.html $(du -k "$work/hist/report.html" | cut -f1) KB"

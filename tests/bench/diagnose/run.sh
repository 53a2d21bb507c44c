#!/bin/sh
# Benchmark of `sixbox diagnose` end to end (not a test): N respondents (default
# 1 000 000) × 35 items over 300 leaf units, as one simulated CSV export; five runs,
# min and median wall time and peak memory; then the same with a tenth of the
# respondents, to show that the report's size and writing time follow the number of
# units, not of respondents.
# Usage: [SIXBOX=build/sixbox] tests/bench/diagnose/run.sh [RESPONDENTS] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${SIXBOX_BENCH_BUILD:-$root/build-bench}
n=${1:-1000000}
runs=${2:-5}
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
# SIXBOX=path uses a built command as it is; otherwise a Release build is made.
if [ -n "${SIXBOX:-}" ]; then
  sixbox=$SIXBOX
else
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSIXBOX_TESTS=ON \
    -DSIXBOX_BENCH=ON >/dev/null
  cmake --build "$build" -j2 --target sixbox_cli bench_diagnose_stages >/dev/null
  sixbox=$build/sixbox
  stages=$build/tests/bench/diagnose/bench_diagnose_stages
fi
work=${TMPDIR:-/tmp}/sixbox-bench-diagnose
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
survey=$root/surveys/definitions/sixbox-full.xml
sh "$here/make-org.sh" 15 20 >"$work/org.xml"
"$sixbox" validate "$work/org.xml" >/dev/null

measure() { # measure EXPORT LABEL: $runs runs of diagnose, min and median
  : >"$work/times"
  i=0
  while [ "$i" -lt "$runs" ]; do
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$sixbox" diagnose --survey "$survey" \
      --org "$work/org.xml" "$1" -o "$work/out" --quiet >/dev/null
    cat "$work/t" >>"$work/times"
    i=$((i + 1))
  done
  sort -n "$work/times" | awk -v label="$2" -v runs="$runs" '
    { t[NR] = $1; m[NR] = $2; c[NR] = $3 + $4 }
    END { mid = int((NR + 1) / 2); maxm = 0; minc = c[1]
          for (i = 1; i <= NR; i++) { if (m[i] > maxm) maxm = m[i]; if (c[i] < minc) minc = c[i] }
          printf "%s: wall min %.2f s, median %.2f s over %d runs; least CPU %.2f s; peak RSS %.0f MB\n",
                 label, t[1], t[mid], runs, minc, maxm / 1024 }'
  printf "  report.html %s bytes, results.json %s bytes, results.csv %s bytes\n" \
    "$(wc -c <"$work/out/report.html")" "$(wc -c <"$work/out/results.json")" \
    "$(wc -c <"$work/out/results.csv")"
}

echo "simulating $n respondents x 35 items over 300 leaf units ..."
/usr/bin/time -f "  simulate: %e s" "$sixbox" simulate --survey "$survey" --org "$work/org.xml" \
  --respondents "$n" --seed 7 --weak f3:structure --format csv -o "$work/big.csv" 2>&1 |
  grep -v "respondents written" || true
ls -l "$work/big.csv" | awk '{ printf "  export: %.0f MB\n", $5 / 1048576 }'
measure "$work/big.csv" "diagnose, $n respondents"
if [ -n "${stages:-}" ]; then
  echo "time per stage, $n respondents:"
  "$stages" "$survey" "$work/org.xml" "$work/out" "$work/big.csv"
fi
small=$((n / 10))
"$sixbox" simulate --survey "$survey" --org "$work/org.xml" --respondents "$small" --seed 7 \
  --weak f3:structure --format csv -o "$work/small.csv" 2>/dev/null
measure "$work/small.csv" "diagnose, $small respondents"

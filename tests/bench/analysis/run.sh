#!/bin/sh
# Builds and runs the analysis benchmark: bench_analysis on 1 000 000 respondents x 35
# items x 300 leaf units (in memory), then the same data (written once to /tmp as CSV)
# through psych and multilevel in bench.R, if R is installed. Prints both timings.
# Usage: tests/bench/analysis/run.sh [RESPONDENTS]
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
build="$root/build-bench"
n=${1:-1000000}
csv=/tmp/sixbox-bench-analysis.csv
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSIXBOX_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target bench_analysis >/dev/null
if command -v Rscript >/dev/null 2>&1; then
  "$build/tests/bench/analysis/bench_analysis" --respondents "$n" --csv "$csv"
  Rscript "$root/tests/bench/analysis/bench.R" "$csv"
  rm -f "$csv"
else
  "$build/tests/bench/analysis/bench_analysis" --respondents "$n"
  echo "Rscript not found: the R side was skipped"
fi

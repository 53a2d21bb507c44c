#!/bin/sh
# Builds and runs the CSV reading benchmark: 1 000 000 responses x 40 columns (~100 MB)
# written to /tmp, streamed by the reader; prints throughput and peak RSS.
# Usage: tests/bench/import/run.sh [ROWS]
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
build="$root/build-bench"
rows=${1:-1000000}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSIXBOX_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target bench_read_csv >/dev/null
file=/tmp/sixbox-bench-import.csv
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$build/tests/bench/import/bench_read_csv" "$rows" "$file" 2>"$build/time.txt"
  grep -E "Maximum resident|Elapsed" "$build/time.txt"
else
  "$build/tests/bench/import/bench_read_csv" "$rows" "$file"
fi
rm -f "$file"

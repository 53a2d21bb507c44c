#!/bin/sh
# Builds the readers' libFuzzer targets with clang (library instrumented for coverage
# and AddressSanitizer) and runs each for SECONDS (default 60) from a copy of its seed
# corpus. Crashes land in build-fuzz/artifacts/. Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
# (a quick look; the ten-minute campaign over every reader is campaign.sh)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-csv xlsx json lsr zip}
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIXBOX_FUZZ=ON \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
  >/dev/null
for t in $targets; do
  cmake --build "$build" -j2 --target "fuzz_$t" >/dev/null
done
mkdir -p "$build/artifacts"
for t in $targets; do
  work="$build/corpus-$t"
  mkdir -p "$work"
  cp "$root/tests/fuzz/corpus/$t/"* "$work/"
  echo "== fuzz_$t for ${secs}s"
  dict=""
  [ -f "$root/tests/fuzz/dict/$t.dict" ] && dict="-dict=$root/tests/fuzz/dict/$t.dict"
  # shellcheck disable=SC2086
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 \
    -timeout=10 -print_final_stats=1 $dict -artifact_prefix="$build/artifacts/$t-" "$work" \
    2>"$build/fuzz_$t.log" || { tail -40 "$build/fuzz_$t.log"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:" "$build/fuzz_$t.log" | tail -3
done

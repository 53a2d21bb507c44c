#!/bin/sh
# The fuzzing campaign: every reader's libFuzzer target for SECONDS each (default 600),
# at most JOBS at a time (default 2), at the lowest priority, because the machine is
# shared. Not part of CI or `ctest`: run it by hand before a release or after a change
# to a reader. Usage: tests/fuzz/campaign.sh [SECONDS] [TARGET...]
#   environment: JOBS (parallel targets), FUZZ_BUILD (build folder, default build-fuzz),
#   FUZZ_TIMEOUT (seconds one input may take before it counts as a hang, default 60: on a
#   loaded machine a 10-second limit reported stalls of the scheduler as hangs; every
#   timeout input is run again alone and its time printed, so a real hang is told apart)
# Each target starts from its regression corpus (tests/fuzz/corpus/<t>, replayed in
# every build) and its dictionary (tests/fuzz/dict/<t>.dict) where there is one.
# Results in $FUZZ_BUILD/campaign/: <t>.log, summary.tsv (target, seconds, executions,
# executions per second, peak RSS, crashes); crashing inputs in artifacts/. A crash makes
# the script exit 1; fix it, then copy the input into tests/fuzz/corpus/<t>/ so every
# build replays it.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
secs=${1:-600}
timeout=${FUZZ_TIMEOUT:-60}
[ $# -gt 0 ] && shift
targets=${*:-csv xlsx json lsr zip}
jobs=${JOBS:-2}
out="$build/campaign"
mkdir -p "$out/artifacts"

CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIXBOX_FUZZ=ON \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
  >/dev/null
for t in $targets; do
  nice -n 19 cmake --build "$build" -j"$jobs" --target "fuzz_$t" >/dev/null
done

# One target: a scratch copy of its corpus (new inputs stay out of the tree).
run_one() {
  t=$1
  work="$out/corpus-$t"
  rm -rf "$work" "$out/artifacts/$t-"*
  mkdir -p "$work"
  cp "$root/tests/fuzz/corpus/$t/"* "$work/"
  dict=""
  [ -f "$root/tests/fuzz/dict/$t.dict" ] && dict="-dict=$root/tests/fuzz/dict/$t.dict"
  # shellcheck disable=SC2086
  rc=0
  nice -n 19 "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 \
    -max_len=65536 -timeout="$timeout" -print_final_stats=1 $dict \
    -artifact_prefix="$out/artifacts/$t-" "$work" >"$out/$t.log" 2>&1 || rc=$?
  echo "$rc" >"$out/$t.rc"
}

# Targets run for the same time, so JOBS at a time, then the next JOBS.
n=0
for t in $targets; do
  echo "== fuzz_$t for ${secs}s (from $(date -u +%H:%M:%S) UTC)"
  run_one "$t" &
  n=$((n + 1))
  if [ "$n" -ge "$jobs" ]; then
    wait
    n=0
  fi
done
wait

printf 'target\tseconds_ran\texecutions\texec_per_s\tpeak_rss_mb\tcrashes\n' >"$out/summary.tsv"
bad=0
for t in $targets; do
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log" | tail -1)
  ran=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out/$t.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$t.log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$out/$t.log" | tail -1)
  crashes=$(find "$out/artifacts" -name "$t-*" | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${ran:-stopped}" "${execs:-?}" "${rate:-?}" "${rss:-?}" \
    "$crashes" >>"$out/summary.tsv"
  if [ "$(cat "$out/$t.rc")" != 0 ] || [ "$crashes" -gt 0 ]; then
    bad=1
    echo "fuzz_$t found a problem:"
    grep -E "ERROR|SUMMARY|Test unit written" "$out/$t.log" | head -5
    for a in "$out/artifacts/$t-timeout-"*; do
      [ -f "$a" ] || continue
      s0=$(date +%s)
      "$build/tests/fuzz/fuzz_$t" "$a" >/dev/null 2>&1 || true
      echo "  $a alone: $(($(date +%s) - s0)) s (a stall of a loaded machine if far below $timeout s)"
    done
  fi
done
cat "$out/summary.tsv"
exit $bad

#!/bin/sh
# Benchmark of `sixbox diagnose` against the number of units (not a test): lean
# organisations of about 1 000, 10 000 and 100 000 units (a kommun, D förvaltningar of U
# enheter each), R respondents (default 300 000) simulated over their leaf units, and
# per size the wall and CPU time and the peak memory (GNU time), and the memory per unit
# and scale beside the estimate diagnose warns with (README.md, "Limits").
# Usage: [SIXBOX=build/sixbox] tests/bench/scale/run.sh [RESPONDENTS] [SIZES]
#   SIZES: a list of D:U pairs, default "50:20 100:100 100:998" (1 051, 10 101, 99 901
#   units; an organisation file has at most 100 000 units and 8 MiB).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${SIXBOX_BENCH_BUILD:-$root/build-bench}
n=${1:-300000}
sizes=${2:-"50:20 100:100 100:998"}
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
if [ -n "${SIXBOX:-}" ]; then
  sixbox=$SIXBOX
else
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 --target sixbox_cli >/dev/null
  sixbox=$build/sixbox
fi
work=${TMPDIR:-/tmp}/sixbox-bench-scale
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
survey=$root/surveys/definitions/sixbox-full.xml
nscale=$(grep -c '<scale ' "$survey")

org() { # D U: one language and short names, so that 100 000 units fit in 8 MiB
  awk -v D="$1" -v U="$2" 'BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<organisation id=\"scale\">"
    print "<languages>sv</languages>\n<name lang=\"sv\">Skalkommun</name>"
    print "<unit id=\"k\" kind=\"kommun\"><name lang=\"sv\">Skalkommun</name>"
    for (i = 1; i <= D; i++) {
      printf "<unit id=\"f%d\" kind=\"förvaltning\"><name lang=\"sv\">F%d</name>\n", i, i
      for (j = 1; j <= U; j++)
        printf "<unit id=\"f%d-%d\" kind=\"enhet\"><name lang=\"sv\">E%d.%d</name></unit>\n", i, j, i, j
      print "</unit>"
    }
    print "</unit>\n</organisation>"
  }'
}

echo "sixbox diagnose, $n respondents, $nscale scales; machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
for size in $sizes; do
  d=${size%:*} u=${size#*:}
  units=$((1 + d + d * u))
  org "$d" "$u" >"$work/org.xml"
  "$sixbox" simulate --survey "$survey" --org "$work/org.xml" --respondents "$n" --seed 7 \
    --format csv -o "$work/r.csv" 2>/dev/null
  rm -rf "$work/out"
  /usr/bin/time -f "%e %U %S %M %x" -o "$work/t" "$sixbox" diagnose --survey "$survey" \
    --org "$work/org.xml" "$work/r.csv" -o "$work/out" --quiet >/dev/null 2>"$work/err" || true
  read -r wall user sys rss rc <"$work/t"
  awk -v units="$units" -v s="$nscale" -v wall="$wall" -v user="$user" -v sys="$sys" \
      -v rss="$rss" -v rc="$rc" 'BEGIN {
    printf "%6d units: exit %s, wall %.1f s, CPU %.1f s, peak %.0f MB, %.1f KB per unit and scale\n",
           units, rc, wall, user + sys, rss / 1024, rss / units / s }'
  [ -s "$work/err" ] && sed 's/^/    /' "$work/err" | head -3
done

#!/bin/sh
# End-to-end tests of `sixbox diagnose` on the bundled organisation with simulated
# exports: the four files appear together, the same input gives the same bytes, a
# failing or interrupted run leaves an earlier report intact and no temporary file,
# and the exit codes follow sysexits.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
files="report.html results.json results.csv goals.csv import-log.json"
sums() { (cd "$1" && cksum $files 2>/dev/null) || true; }
no_temps() { ! ls -a "$1" | grep -q '\.tmp\.' || fail "temporary files left in $1: $(ls -a "$1")"; }
expect() { # expect CODE CMD...: runs CMD, checks its exit code
  want=$1; shift
  set +e; "$@" >"$tmp/stdout" 2>"$tmp/stderr"; got=$?; set -e
  [ "$got" = "$want" ] || fail "exit $got, wanted $want: $* ($(cat "$tmp/stderr"))"
}
sim() { # sim SEED N FORMAT FILE
  "$SIXBOX" simulate --survey "$S" --org "$O" --seed "$1" --respondents "$2" \
    --weak vof:structure --weak bun:purposes --format "$3" -o "$4" 2>/dev/null
}
diag() { "$SIXBOX" diagnose --survey "$S" --org "$O" --quiet "$@"; }

sim 3 400 google-forms "$tmp/gf.csv"
sim 4 300 microsoft-forms "$tmp/ms.xlsx"
sim 5 350 csv "$tmp/other.csv"

# The four files, together, and the path of the report on standard output.
"$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/gf.csv" "$tmp/ms.xlsx" -o "$tmp/a" >"$tmp/path"
for f in $files; do [ -s "$tmp/a/$f" ] || fail "$f missing"; done
grep -q "$tmp/a/report.html" "$tmp/path" || fail "report path not printed"
no_temps "$tmp/a"
grep -q '"schema": "sixbox-results/2"' "$tmp/a/results.json" || fail "no schema"
grep -q 'http-equiv="Content-Security-Policy"' "$tmp/a/report.html" || fail "no CSP"
grep -q '<html lang="sv">' "$tmp/a/report.html" || fail "Swedish is not the default"
head -1 "$tmp/a/results.csv" | grep -q '^unit,unit_name,parent,scale' || fail "csv header"
grep -q '"accepted": 700' "$tmp/a/results.json" || fail "700 responses expected"
head -1 "$tmp/a/goals.csv" | grep -q '^goal,level,parent,goal_unit,status,rule,risk,via,' ||
  fail "goals.csv header"
grep -q ',operative,.*,critical-weak,' "$tmp/a/goals.csv" || fail "no goal at risk in goals.csv"

# Same input, same bytes; no timestamp unless SOURCE_DATE_EPOCH is set.
diag "$tmp/gf.csv" "$tmp/ms.xlsx" -o "$tmp/b"
for f in $files; do cmp -s "$tmp/a/$f" "$tmp/b/$f" || fail "$f differs between two runs"; done
SOURCE_DATE_EPOCH=1795000000 diag "$tmp/gf.csv" "$tmp/ms.xlsx" -o "$tmp/c" --lang en
grep -q '"generated": "2026-' "$tmp/c/results.json" || fail "SOURCE_DATE_EPOCH not used"
grep -q '<html lang="en">' "$tmp/c/report.html" || fail "--lang en"
grep -q 'generated' "$tmp/a/results.json" && fail "a timestamp without SOURCE_DATE_EPOCH"

# Usage errors: 64, and nothing written.
expect 64 diag "$tmp/gf.csv" -o "$tmp/u" --min-group 2
expect 64 diag "$tmp/gf.csv" -o "$tmp/u" --lang de
expect 64 diag -o "$tmp/u"
expect 64 "$SIXBOX" diagnose --survey "$S" "$tmp/gf.csv" -o "$tmp/u"
SOURCE_DATE_EPOCH=yesterday expect 64 diag "$tmp/gf.csv" -o "$tmp/u"
expect 64 diag "$tmp/gf.csv" -o "$tmp/u" --min-comment-group 4
grep -q 'below the minimum group size 5' "$tmp/stderr" || fail "--min-comment-group message"
expect 64 diag "$tmp/gf.csv" -o "$tmp/u" --min-group 8 --min-comment-group 6
expect 64 diag "$tmp/gf.csv" -o "$tmp/u" --min-comment-group ten
expect 64 diag "$tmp/gf.csv" -o "$tmp/u" --seed -1
grep -q -- '--seed wants a whole number' "$tmp/stderr" || fail "--seed message"
expect 64 diag "$tmp/gf.csv" -o "$tmp/u" --seed 1e3
[ ! -e "$tmp/u" ] || fail "a usage error created the folder"
"$SIXBOX" diagnose --help >"$tmp/help"
grep -q -- '--min-comment-group N' "$tmp/help" && grep -q -- '--seed N' "$tmp/help" || fail "help"

# --seed changes the bootstrap (driver intervals), nothing else's figures;
# --min-comment-group above every unit drops every comment, and says how many.
diag "$tmp/gf.csv" "$tmp/ms.xlsx" -o "$tmp/s" --seed 7
cmp -s "$tmp/a/results.json" "$tmp/s/results.json" && fail "--seed changed nothing"
units_part() { awk '/^ "units": \[/ { p = 1 } /^ "goals": \[/ { p = 0 } p' "$1"; }
[ "$(units_part "$tmp/a/results.json")" = "$(units_part "$tmp/s/results.json")" ] ||
  fail "--seed changed the units' figures"
diag "$tmp/gf.csv" "$tmp/ms.xlsx" -o "$tmp/s" --min-comment-group 100000
grep -q '"comments": \[\]' "$tmp/s/results.json" || fail "comments shown under --min-comment-group 100000"
grep -q '"comments_dropped": [1-9]' "$tmp/s/results.json" || fail "dropped comments not counted"
grep -q '"comments_dropped": 0' "$tmp/a/results.json" || fail "comments dropped by default"

# A failing run leaves the earlier report as it was and no temporary file.
before=$(sums "$tmp/a")
echo "hello,world" >"$tmp/bad.csv"
expect 65 diag "$tmp/bad.csv" -o "$tmp/a"
expect 66 diag "$tmp/gf.csv" "$tmp/missing.csv" -o "$tmp/a"
expect 66 "$SIXBOX" diagnose --survey "$tmp/none.xml" --org "$O" "$tmp/gf.csv" -o "$tmp/a" --quiet
expect 65 "$SIXBOX" diagnose --survey "$O" --org "$O" "$tmp/gf.csv" -o "$tmp/a" --quiet
expect 65 diag "$tmp/gf.csv" -o "$tmp/a" --baseline "$tmp/bad.csv"
[ "$(sums "$tmp/a")" = "$before" ] || fail "a failed run changed the earlier report"
no_temps "$tmp/a"
# Output that cannot be created: a file as the folder, a folder where a file goes.
: >"$tmp/plain"
expect 73 diag "$tmp/gf.csv" -o "$tmp/plain"
expect 73 diag "$tmp/gf.csv" -o "$tmp/plain/sub"
cp -r "$tmp/a" "$tmp/d"
rm "$tmp/d/results.csv" && mkdir "$tmp/d/results.csv"
expect 73 diag "$tmp/other.csv" -o "$tmp/d"
for f in report.html results.json import-log.json; do
  cmp -s "$tmp/a/$f" "$tmp/d/$f" || fail "$f replaced although the set could not be completed"
done
no_temps "$tmp/d"

# A baseline: the earlier results.json gives change figures.
diag "$tmp/other.csv" -o "$tmp/e" --baseline "$tmp/a/results.json"
grep -q '"baseline_mean"' "$tmp/e/results.json" || fail "no change against the baseline"

# SIGTERM at different moments: each time either the earlier set or the complete new
# one, never a mix, never a temporary file, and exit 143 when it stopped early.
sim 6 3000 csv "$tmp/big.csv"
diag "$tmp/big.csv" -o "$tmp/full"
new=$(sums "$tmp/full")
for delay in 0.1 0.4 0.8 1.5; do
  rm -rf "$tmp/k" && cp -r "$tmp/a" "$tmp/k"
  # The command itself in the background (not a shell function: $! must be sixbox).
  "$SIXBOX" diagnose --survey "$S" --org "$O" --quiet "$tmp/big.csv" -o "$tmp/k" 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -TERM "$pid" 2>/dev/null || true
  set +e; wait "$pid"; rc=$?; set -e
  now=$(sums "$tmp/k")
  no_temps "$tmp/k"
  case $rc in
  143) [ "$now" = "$before" ] || fail "SIGTERM after ${delay}s changed the earlier report" ;;
  0) [ "$now" = "$new" ] || fail "run finished after ${delay}s but the set is not the new one" ;;
  *) fail "SIGTERM after ${delay}s: exit $rc" ;;
  esac
  echo "SIGTERM after ${delay}s: exit $rc, folder consistent"
done
echo "diagnose end-to-end: all checks passed"

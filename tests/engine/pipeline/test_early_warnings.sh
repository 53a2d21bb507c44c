#!/bin/sh
# What loading finds is on the terminal before the long part of the run starts: the
# memory warning of a very large organisation must be seen even when the run is then
# killed for want of memory (SIGKILL, as the kernel's OOM killer does). A load-time
# warning (an activity whose unit lies outside its goal's unit) must be on stderr while
# the run is still importing and analysing, i.e. before report.html exists; killed
# there with SIGKILL, the warning is already out. Completed, it is printed once.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
S="$SBX_SOURCE_DIR/surveys/definitions/sixbox-hme.xml"
T=$(mktemp -d "${TMPDIR:-/tmp}/sbx-early.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$T"' EXIT
W="akt-bun-1: its unit bygglov is outside"
sed 's/<goal id="akt-bun-1" level="activity" unit="centrumskolan">/<goal id="akt-bun-1" level="activity" unit="bygglov">/' \
  "$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml" >"$T/org.xml"
grep -q 'id="akt-bun-1" level="activity" unit="bygglov"' "$T/org.xml" || { echo "FAIL: fixture edit"; exit 1; }
# an export large enough that import and analysis take a while
"$SIXBOX" simulate --survey "$S" --org "$T/org.xml" --respondents 40000 --seed 3 \
  -o "$T/export.csv" 2>/dev/null || { echo "FAIL: simulate"; exit 1; }
fails=0
for quiet in --quiet ""; do
  rm -rf "$T/out"
  # shellcheck disable=SC2086
  "$SIXBOX" diagnose --survey "$S" --org "$T/org.xml" "$T/export.csv" -o "$T/out" $quiet \
    2>"$T/err" >/dev/null &
  pid=$!
  i=0
  until grep -q "$W" "$T/err"; do
    kill -0 "$pid" 2>/dev/null || break
    i=$((i + 1))
    [ "$i" -gt 1200 ] && break
    sleep 0.05
  done
  if [ -e "$T/out/report.html" ] || ! grep -q "$W" "$T/err"; then
    echo "FAIL ($quiet): the load-time warning came only after the run (or never)"
    cat "$T/err"
    fails=$((fails + 1))
  fi
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  pid=""
  grep -q "$W" "$T/err" || { echo "FAIL ($quiet): killed, the warning is lost"; fails=$((fails + 1)); }
done
# a run left to finish prints it exactly once
"$SIXBOX" diagnose --survey "$S" --org "$T/org.xml" "$T/export.csv" -o "$T/out2" --quiet 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: exit $rc"; cat "$T/err"; fails=$((fails + 1)); }
[ "$(grep -c "$W" "$T/err")" -eq 1 ] || { echo "FAIL: not printed exactly once"; cat "$T/err"; fails=$((fails + 1)); }
[ "$fails" -eq 0 ] || exit 1
echo "all passed"

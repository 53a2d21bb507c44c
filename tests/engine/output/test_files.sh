#!/bin/sh
# End-to-end tests of what every command does with its output files: a device node or
# a FIFO is written in place (never replaced by a plain file), a full disk leaves the
# earlier files and names the file and the cause, the outputs of one command appear
# together or not at all, an output that is an input (links too) is refused, standard
# output errors exit 74, a missing option value says so, unreadable inputs exit 66
# (missing) or 77 (permission; as root the command runs as nobody via setpriv), and a
# signal during the write leaves no temporary file and the earlier file as it was.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
X=$SBX_SOURCE_DIR/surveys/examples/exempelstad/google-forms-sv.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; sed 's/^/     /' "$tmp/err" 2>/dev/null; }
# expect NAME CODE CMD...: runs CMD with stderr in $tmp/err
expect() {
  name=$1 want=$2; shift 2
  "$@" 2>"$tmp/err"; got=$?
  if [ "$got" = "$want" ]; then ok "$name"; else bad "$name (exit $got, wanted $want)"; fi
}
check() { if [ "$2" = 0 ]; then ok "$1"; else bad "$1"; fi; }
no_temps() { ! ls -a "$tmp" "$@" | grep -q '\.tmp\.'; }
imp() { "$SIXBOX" import --survey "$S" --org "$O" "$@"; }
cp "$X" "$tmp/in.csv"
# The cases run as another user (below) need the survey and the organisation where that
# user may read them: the clone may lie in a folder only its owner may enter.
mkdir "$tmp/src" && cp "$S" "$O" "$tmp/src/" && chmod -R a+rX "$tmp/src"
S=$tmp/src/${S##*/}
O=$tmp/src/${O##*/}

# Device nodes and pipes: written in place. Our own device nodes (as root) so that a
# regression cannot replace the machine's /dev/null.
if [ "$(id -u)" = 0 ] && mknod "$tmp/null" c 1 3 2>/dev/null && mknod "$tmp/full" c 1 7; then
  NUL=$tmp/null FULL=$tmp/full
else
  NUL=/dev/null FULL=/dev/full; echo "note: not root: testing with /dev/null and /dev/full"
fi
expect "import -o and --log to a device" 0 imp "$tmp/in.csv" -o "$NUL" --log "$NUL"
[ -c "$NUL" ]; check "the device is still a device after import" $?
expect "questionnaire to a device" 0 "$SIXBOX" questionnaire "$S" --format print -o "$NUL"
expect "simulate to a device" 0 "$SIXBOX" simulate --survey "$S" --org "$O" --respondents 20 -o "$NUL"
[ -c "$NUL" ]; check "the device is still a device after questionnaire and simulate" $?
mkfifo "$tmp/fifo"
timeout 10 cat "$tmp/fifo" > "$tmp/from-fifo" &
reader=$!
expect "import into a FIFO" 0 imp "$tmp/in.csv" -o "$tmp/fifo"
wait $reader
[ -p "$tmp/fifo" ] && head -1 "$tmp/from-fifo" | grep -q '^response_id,source,unit'
check "the FIFO stays a FIFO and its reader got the response set" $?
mkdir "$tmp/folder"
expect "a folder as -o is refused" 73 imp "$tmp/in.csv" -o "$tmp/folder"

# A full disk: the earlier files stay, the message names the file and the cause.
echo "earlier responses" > "$tmp/r.csv"
echo "earlier log" > "$tmp/log.json"
expect "log on a full device" 74 imp "$tmp/in.csv" -o "$tmp/r.csv" --log "$FULL"
grep -q "full: .*No space left on device" "$tmp/err"; check "the message names the device and the cause" $?
grep -qx "earlier responses" "$tmp/r.csv"; check "responses.csv not replaced when the log fails" $?
SIXBOX_FAULT_SYNC=log.json expect "a full disk while writing the log" 74 \
  imp "$tmp/in.csv" -o "$tmp/r.csv" --log "$tmp/log.json"
grep -q "log.json: .*No space left on device" "$tmp/err"; check "the message names log.json and the cause" $?
grep -qx "earlier responses" "$tmp/r.csv" && grep -qx "earlier log" "$tmp/log.json"
check "both earlier files intact" $?
SIXBOX_FAULT_SYNC=r.csv expect "a full disk while writing the response set" 74 \
  imp "$tmp/in.csv" -o "$tmp/r.csv" --log "$tmp/log.json"
grep -qx "earlier log" "$tmp/log.json"; check "the log not replaced when the response set fails" $?
SIXBOX_FAULT_SYNC=truth.csv expect "simulate: a full disk on the truth file" 74 \
  "$SIXBOX" simulate --survey "$S" --org "$O" --respondents 20 -o "$tmp/r.csv" --truth "$tmp/truth.csv"
grep -qx "earlier responses" "$tmp/r.csv"; check "simulate's export not replaced either" $?
no_temps; check "no temporary files left" $?
chmod 600 "$tmp/r.csv"
expect "import over a 0600 file" 0 imp "$tmp/in.csv" -o "$tmp/r.csv"
[ "$(stat -c %a "$tmp/r.csv")" = 600 ]; check "the replaced file keeps its mode 600" $?

# An output that is an input, or two outputs that are one file: refused, input intact.
ln "$tmp/in.csv" "$tmp/hard.csv"
ln -s in.csv "$tmp/soft.csv"
sum=$(cksum < "$tmp/in.csv")
expect "-o is the export" 64 imp "$tmp/in.csv" -o "$tmp/in.csv"
expect "-o is a hard link to the export" 64 imp "$tmp/in.csv" -o "$tmp/hard.csv"
expect "-o is a symbolic link to the export" 64 imp "$tmp/in.csv" -o "$tmp/soft.csv"
grep -q "destroy the input" "$tmp/err"; check "the message says why" $?
expect "--log is the export" 64 imp "$tmp/in.csv" -o "$tmp/r2.csv" --log "$tmp/./in.csv"
expect "--log is -o" 64 imp "$tmp/in.csv" -o "$tmp/new.csv" --log "$tmp/../$(basename "$tmp")/new.csv"
expect "-o is the survey" 64 imp "$tmp/in.csv" -o "$S"
[ "$(cksum < "$tmp/in.csv")" = "$sum" ]; check "the export is intact" $?
[ ! -e "$tmp/new.csv" ]; check "nothing written when refused" $?
cp "$S" "$tmp/s.xml"
expect "questionnaire -o is the survey" 64 "$SIXBOX" questionnaire "$tmp/s.xml" --format print -o "$tmp/s.xml"
expect "simulate -o is --truth" 64 "$SIXBOX" simulate --survey "$S" --org "$O" -o "$tmp/t.csv" --truth "$tmp/t.csv"
mkdir "$tmp/rep" && cp "$tmp/in.csv" "$tmp/rep/results.csv"
expect "diagnose: an export is a file of the report set" 64 \
  "$SIXBOX" diagnose --survey "$S" --org "$O" --quiet "$tmp/rep/results.csv" -o "$tmp/rep"
cmp -s "$tmp/in.csv" "$tmp/rep/results.csv"; check "that export is intact" $?

# Standard output that cannot be written is an I/O error, whatever the command.
if [ -w /dev/full ]; then
  expect "show > /dev/full" 74 sh -c '"$0" show "$1" > /dev/full' "$SIXBOX" "$S"
  expect "validate > /dev/full" 74 sh -c '"$0" validate "$1" > /dev/full' "$SIXBOX" "$S"
  expect "inspect > /dev/full" 74 sh -c '"$0" inspect "$1" > /dev/full' "$SIXBOX" "$tmp/in.csv"
  expect "import -o - > /dev/full" 74 sh -c '"$0" import --survey "$1" "$2" -o - > /dev/full' "$SIXBOX" "$S" "$tmp/in.csv"
  expect "questionnaire -o - > /dev/full" 74 sh -c '"$0" questionnaire "$1" --format print -o - > /dev/full' "$SIXBOX" "$S"
  expect "--help > /dev/full" 74 sh -c '"$0" --help > /dev/full' "$SIXBOX"
  grep -q "standard output: No space left on device" "$tmp/err"; check "the message says standard output and why" $?
else
  bad "/dev/full is not writable here"
fi

# An option without its value.
for cmd in "import --survey $S $tmp/in.csv" "questionnaire $S --format print" \
           "simulate --survey $S --org $O" "diagnose --survey $S --org $O $tmp/in.csv" \
           "fetch https://example.invalid/x.csv"; do
  # shellcheck disable=SC2086
  expect "-o without a value: ${cmd%% *}" 64 "$SIXBOX" $cmd -o
  grep -q "option '-o' needs a value" "$tmp/err"; check "... and says so" $?
done
expect "--lang without a value" 64 "$SIXBOX" show "$S" --lang
grep -q "option '--lang' needs a value" "$tmp/err"; check "... and says so" $?
expect "an unknown option" 64 "$SIXBOX" validate --frobnicate "$S"
grep -q "unknown option '--frobnicate'" "$tmp/err"; check "... and says so" $?

# Unreadable inputs: 66 when missing, 77 when not allowed.
expect "a missing export" 66 imp "$tmp/nope.csv" -o "$tmp/x.csv"
expect "a missing survey" 66 "$SIXBOX" validate "$tmp/nope.xml"
cp "$tmp/in.csv" "$tmp/secret.csv" && chmod 600 "$tmp/secret.csv"
cp "$S" "$tmp/secret.xml" && chmod 600 "$tmp/secret.xml"
if [ "$(id -u)" = 0 ]; then
  # nobody runs a copy of the program and its library when the build folder is closed
  # to other users (a clone in a mktemp folder)
  mkdir "$tmp/bin" && cp "$SIXBOX" "$tmp/bin/sixbox"
  for l in "$(dirname "$SIXBOX")"/libsixbox.so*; do [ -e "$l" ] && cp -P "$l" "$tmp/bin/"; done
  chmod -R a+rX "$tmp/bin"
  as_other() {
    if [ "$1" = "$SIXBOX" ]; then shift; set -- "$tmp/bin/sixbox" "$@"; fi
    LD_LIBRARY_PATH=$tmp/bin setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
  }
else
  as_other() { "$@"; }
  chmod 000 "$tmp/secret.csv" "$tmp/secret.xml"
fi
if as_other "$SIXBOX" --version >/dev/null 2>&1; then
  expect "an export we may not read" 77 as_other "$SIXBOX" import --survey "$S" "$tmp/secret.csv" -o -
  grep -q "secret.csv: .*Permission denied" "$tmp/err"; check "... named, with the cause" $?
  expect "a survey we may not read" 77 as_other "$SIXBOX" validate "$tmp/secret.xml"
  expect "an output folder we may not write" 77 as_other "$SIXBOX" questionnaire "$S" --format print -o "$tmp/folder/q.html"
else
  echo "note: the build is not readable by another user: permission cases need setpriv"; bad "permission cases not run"
fi

# Every line of an I/O error names the file, and the cause is said: a full device under
# each command that writes files, and (below) a folder we may not write.
names_file() { # PATTERN: every line of $tmp/err holds it, and one says why
  [ -s "$tmp/err" ] && ! grep -v -e "$1" "$tmp/err" | grep -q . &&
    grep -q "No space left on device\|Permission denied" "$tmp/err"
}
expect "import, responses on a full device" 74 imp "$tmp/in.csv" -o "$FULL"
names_file "full: "; check "... every line names the device, one the cause" $?
expect "import, log on a full device" 74 imp "$tmp/in.csv" -o "$tmp/r.csv" --log "$FULL"
names_file "full: "; check "... every line names the device, one the cause" $?
expect "questionnaire on a full device" 74 "$SIXBOX" questionnaire "$S" --format xform -o "$FULL"
names_file "full: "; check "... every line names the device, one the cause" $?
expect "simulate on a full device" 74 "$SIXBOX" simulate --survey "$S" --org "$O" -o "$FULL"
names_file "full: "; check "... every line names the device, one the cause" $?
expect "simulate, truth file on a full device" 74 "$SIXBOX" simulate --survey "$S" --org "$O" \
  -o "$tmp/r.csv" --truth "$FULL"
names_file "full: "; check "... every line names the device, one the cause" $?
SIXBOX_FAULT_SYNC=results.csv expect "diagnose, a full disk on results.csv" 74 \
  "$SIXBOX" diagnose --survey "$S" --org "$O" --quiet "$tmp/in.csv" -o "$tmp/full-rep"
names_file "results.csv: "; check "... every line names the file, one the cause" $?
if [ "$(id -u)" = 0 ] && as_other "$SIXBOX" --version >/dev/null 2>&1; then
  mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
  expect "import into a folder we may not write" 77 as_other "$SIXBOX" import --survey "$S" \
    "$tmp/in.csv" -o "$tmp/ro/r.csv"
  names_file "ro/r.csv: "; check "... every line names the file, one the cause" $?
  expect "simulate into a folder we may not write" 77 as_other "$SIXBOX" simulate --survey "$S" \
    --org "$O" -o "$tmp/ro/s.csv"
  names_file "ro/s.csv: "; check "... every line names the file, one the cause" $?
  expect "diagnose into a folder we may not write" 77 as_other "$SIXBOX" diagnose --survey "$S" \
    --org "$O" --quiet "$tmp/in.csv" -o "$tmp/ro/rep"
  names_file "ro/rep: "; check "... every line names the folder, one the cause" $?
fi

# A signal while the outputs are written: the temporary files go, the earlier file stays,
# and the exit is 128 + N. The second output is a FIFO nobody reads: opening it blocks,
# with the first output's temporary file already there, so the signal always comes in
# the middle of the write.
killed_midway() { # NAME SIGNAL EXIT CMD...: CMD (a program, not a function: $! must be its
  # pid) writes $tmp/mid.csv, then $tmp/mid.fifo
  name=$1 sig=$2 want=$3; shift 3
  echo "earlier" > "$tmp/mid.csv"
  "$@" 2>"$tmp/err" &
  pid=$! i=0
  while ! ls -a "$tmp" | grep -q '^mid\.csv\.tmp\.' && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
  ls -a "$tmp" | grep -q '^mid\.csv\.tmp\.'; check "$name: the temporary file is there while writing" $?
  kill -s "$sig" "$pid"
  (sleep 20; kill -s KILL "$pid" 2>/dev/null) & watchdog=$! # a lost signal fails, not hangs
  wait "$pid"; got=$?
  kill "$watchdog" 2>/dev/null
  if [ "$got" = "$want" ]; then ok "$name: exit $want"; else bad "$name: exit $got, wanted $want"; fi
  no_temps; check "$name: no temporary file left" $?
  grep -qx "earlier" "$tmp/mid.csv"; check "$name: the earlier file intact" $?
}
mkfifo "$tmp/mid.fifo"
killed_midway "import, SIGTERM" TERM 143 "$SIXBOX" import --survey "$S" --org "$O" "$tmp/in.csv" \
  -o "$tmp/mid.csv" --log "$tmp/mid.fifo"
killed_midway "import, SIGINT" INT 130 "$SIXBOX" import --survey "$S" --org "$O" "$tmp/in.csv" \
  -o "$tmp/mid.csv" --log "$tmp/mid.fifo"
killed_midway "simulate, SIGTERM" TERM 143 "$SIXBOX" simulate --survey "$S" --org "$O" \
  --respondents 50 -o "$tmp/mid.csv" --truth "$tmp/mid.fifo"
killed_midway "simulate, SIGHUP" HUP 129 "$SIXBOX" simulate --survey "$S" --org "$O" \
  --respondents 50 -o "$tmp/mid.csv" --truth "$tmp/mid.fifo"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

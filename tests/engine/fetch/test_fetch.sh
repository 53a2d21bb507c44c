#!/bin/sh
# End-to-end tests of `sixbox fetch` against a loopback server that replays recorded
# API traffic and injects faults. No traffic leaves 127.0.0.1.
set -u
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
FIX=${SBX_FIXTURES_DIR:-/nonexistent}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
[ -d "$FIX/exports" ] || echo "note: $FIX/exports absent (SIXBOX_FIXTURES_DIR): the server replays its own small recordings"

work=$(mktemp -d)
log="$work/server.log"
: > "$log"
python3 "$SBX_SOURCE_DIR/tests/engine/fetch/server.py" "$work/port" "$log" "$FIX" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"
export SBX_TEST_TOKEN=s3cret-token
tokfile="$work/token"
printf 's3cret-token\n' > "$tokfile"
chmod 600 "$tokfile"

pass=0 fail=0
check() { # check NAME EXPECTED-EXIT ACTUAL-EXIT [extra condition result]
  if [ "$2" = "$3" ] && [ "${4:-0}" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"
  else fail=$((fail + 1)); echo "FAIL $1 (exit $3, wanted $2)"; cat "$work/err" 2>/dev/null; fi
}
fetch() { "$SIXBOX" fetch --retry-base 0.1 --max-wait 5 --poll-interval 0.1 "$@" 2>"$work/err"; }
no_temps() { ! ls "$work"/out* 2>/dev/null | grep -q '\.tmp\.'; }

# Plain downloads, redirects, Sheets sign-in page.
fetch "$base/sheet.csv" -o "$work/out.csv"; check "plain csv" 0 $? "$(cmp -s "$work/out.csv" /dev/null; [ -s "$work/out.csv" ]; echo $?)"
fetch "$base/redirect-sheet" -o "$work/out2.csv"; check "same-origin redirect" 0 $?
fetch --api google-sheets "$base/signin" -o "$work/out3.csv"; r=$?
check "sheets sign-in page is an error" 76 $r "$(grep -q 'not shared' "$work/err"; echo $?)"
[ ! -e "$work/out3.csv" ]; check "nothing written on error" 0 $?

# The token never follows a redirect to another host.
: > "$log"
fetch --token-env SBX_TEST_TOKEN "$base/redirect-other-host" -o "$work/out4.csv"; r=$?
check "redirect to another host works" 0 $r
grep 'host=localhost' "$log" | grep -q 'auth=None'; check "token not sent to the other host" 0 $?
grep 'host=127.0.0.1' "$log" | grep -q 'auth=Bearer s3cret-token'; check "token sent to the first host" 0 $?
fetch "$base/redirect-file" -o "$work/out5.csv"; check "redirect to file:// refused" 76 $?
fetch "$base/redirect-http-far" -o "$work/out5.csv"; check "redirect to plain http elsewhere refused" 76 $?
fetch "http://sixbox-test.invalid/x.csv" -o "$work/out5.csv"; check "plain http to a non-loopback host refused" 64 $?
fetch "ftp://127.0.0.1/x.csv" -o "$work/out5.csv"; check "ftp refused" 64 $?

# Plain http goes only to a loopback *address*: a name that looks like 127.x but
# resolves elsewhere (here 0.0.0.0, which this machine answers on, via --resolve as
# curl's) gets nothing, not even the request line; for the first URL and redirects.
: > "$log"
fetch --token-env SBX_TEST_TOKEN --resolve "127.evil.test:$port:0.0.0.0" \
  "http://127.evil.test:$port/sheet.csv" -o "$work/out9.csv"; r=$?
check "http to a 127.* name resolving elsewhere refused" 64 $r "$(grep -q 'loopback' "$work/err" && grep -q '0.0.0.0' "$work/err"; echo $?)"
[ ! -s "$log" ]; check "the server got no request (no token in clear text)" 0 $?
fetch --token-env SBX_TEST_TOKEN --resolve "127.good.test:$port:127.0.0.1" \
  "http://127.good.test:$port/sheet.csv" -o "$work/out9.csv"; check "a name resolving to loopback is fine" 0 $?
: > "$log"
fetch --resolve "127.evil.test:$port:0.0.0.0" \
  "$base/redirect-to?u=http%3A%2F%2F127.evil.test%3A$port%2Fsheet.csv" -o "$work/out9.csv"; r=$?
check "a redirect to such a name refused" 76 $r
[ "$(grep -c 'host=127.evil.test' "$log")" = 0 ]; check "the redirect target got no request" 0 $?
fetch --proxy "http://127.0.0.1:$port" "$base/sheet.csv" -o "$work/out9.csv"; check "plain http through a proxy refused" 64 $?
# Credentials in the URL are refused like a token on the command line.
fetch "http://hr:secret@127.0.0.1:$port/sheet.csv" -o "$work/out9.csv"; r=$?
check "user:password in the URL refused" 64 $r "$(grep -q 'token-env' "$work/err"; echo $?)"
fetch "https://hr@example.invalid/x.csv" -o "$work/out9.csv"; check "a user name in the URL refused" 64 $?
fetch "$base/redirect-to?u=http%3A%2F%2Fhr%3Asecret%40127.0.0.1%3A$port%2Fsheet.csv" -o "$work/out9.csv"
check "a redirect to a URL with credentials refused" 76 $?
# SIGTERM: 128 + 15, nothing half-written.
"$SIXBOX" fetch --retries 0 "$base/stall" -o "$work/out-term.csv" 2>/dev/null &
pid=$!
sleep 1
kill -TERM $pid
wait $pid; check "SIGTERM exits 143" 143 $?
[ ! -e "$work/out-term.csv" ] && no_temps; check "nothing left after SIGTERM" 0 $?
fetch "$base/sheet.csv" -o /dev/null; r=$?
check "-o /dev/null is written in place" 0 $r "$([ -c /dev/null ]; echo $?)"

# Faults: 429 with Retry-After, 503 then success, 401, stalls, oversize, truncation.
fetch "$base/429" -o "$work/out6.csv"; check "429 then success" 0 $?
fetch "$base/503" -o "$work/out7.csv"; check "503 twice then success" 0 $?
fetch "$base/429-forever" -o "$work/out8.csv"; r=$?
check "Retry-After beyond the limit" 75 $r "$(grep -q 'Retry-After' "$work/err"; echo $?)"
fetch "$base/401" -o "$work/out8.csv"; check "401 is permission denied" 77 $?
echo "previous export" > "$work/out.keep"
fetch --low-speed-time 1 --retries 0 "$base/stall" -o "$work/out.keep"; check "stalled body times out" 75 $?
grep -q "previous export" "$work/out.keep"; check "earlier file untouched after a failure" 0 $?
fetch --max-size 1048576 "$base/big-chunked" -o "$work/out.keep"; r=$?
check "oversized chunked body refused" 65 $r "$(grep -q 'larger than the limit' "$work/err"; echo $?)"
grep -q "previous export" "$work/out.keep"; check "earlier file untouched after oversize" 0 $?
fetch --retries 1 "$base/truncated" -o "$work/out.keep"; check "truncated body" 76 $?
no_temps; check "no temporary files left" 0 $?

# Token sources.
fetch --token-file "$work/nope" "$base/sheet.csv" -o "$work/o.csv"; check "missing token file" 66 $?
chmod 644 "$tokfile"
fetch --token-file "$tokfile" "$base/sheet.csv" -o "$work/o.csv"; r=$?
check "world-readable token file refused" 77 $r "$(grep -q 'chmod 600' "$work/err"; echo $?)"
chmod 600 "$tokfile"

# The APIs.
fetch --api odk-central --token-file "$tokfile" "$base/v1/projects/2/forms/F/submissions.csv" -o "$work/odk.csv"
check "ODK Central CSV" 0 $?
: > "$log"
fetch --api qualtrics --token-file "$tokfile" --survey-id SV_test "$base/API/v3" -o "$work/q.zip"; r=$?
check "Qualtrics export flow (start, poll, zip)" 0 $r "$(head -c 2 "$work/q.zip" | grep -q PK; echo $?)"
[ "$(grep -c 'export-responses/ES_1' "$log")" -ge 3 ]; check "Qualtrics polled until complete" 0 $?
fetch --api qualtrics --survey-id SV_test "$base/API/v3" -o "$work/q2.zip"; check "Qualtrics without token is a usage error" 64 $?
fetch --api kobotoolbox --token-env SBX_TEST_TOKEN --form-id aTEST "$base" -o "$work/kobo.json"; r=$?
n=$(python3 -c "import json,sys; print(len(json.load(open('$work/kobo.json'))['results']))" 2>/dev/null)
check "KoboToolbox data.json with paging" 0 $r "$([ -n "$n" ] && [ "$n" -ge 2 ]; echo $?)"
export SBX_TEST_TOKEN=s3cret-token
fetch --api kobotoolbox --token-env SBX_TEST_TOKEN --form-id aEVIL "$base" -o "$work/kobo2.json"; r=$?
check "paging to another host refused" 76 $r "$(grep -q 'another server' "$work/err"; echo $?)"
fetch --api surveymonkey --token-file "$tokfile" --survey-id 123 "$base/v3" -o "$work/sm.json"; r=$?
ok=$(python3 -c "import json; d=json.load(open('$work/sm.json')); print(int(len(d['data'])>=2 and 'details' in d))" 2>/dev/null)
check "SurveyMonkey bulk with paging and details" 0 $r "$([ "$ok" = 1 ]; echo $?)"
fetch --api limesurvey --user hr --token-file "$tokfile" --survey-id 42 "$base/index.php/admin/remotecontrol" -o "$work/lime.csv"; r=$?
check "LimeSurvey RemoteControl export" 0 $r "$([ -s "$work/lime.csv" ]; echo $?)"
grep -q "released kkkk" "$log"; check "LimeSurvey session key released" 0 $?
fetch --api limesurvey --user hr --token-env NOPE_UNSET --survey-id 42 "$base/index.php/admin/remotecontrol" -o "$work/l2.csv"; check "unset token variable" 66 $?

# What was fetched is read by the importers unchanged.
sm=""
[ -d "$FIX/exports/surveymonkey" ] && sm="$work/sm.json" # real details to name questions
for f in "$work/out.csv" "$work/q.zip" "$work/kobo.json" "$work/lime.csv" "$work/odk.csv" $sm; do
  "$SIXBOX" inspect "$f" >/dev/null 2>"$work/err"; check "inspect reads $(basename "$f")" 0 $?
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]

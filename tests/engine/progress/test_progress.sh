#!/bin/sh
# End-to-end test of `sixbox progress`: responses per unit against the headcount,
# lowest rate first; a hidden unit only as a band, with no rate; no shown figure from
# which a hidden unit's count can be worked out by subtraction (for every shown unit,
# its count minus its nearest shown sub-units' is 0 or at least k); a headcount that is
# exceeded named as an error in the organisation file with its line, never a rate
# over 100 %; the page and the table say the same; usage and missing-file exits.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v jq >/dev/null || { echo "FAIL: jq is not installed (quickstart.sh installs it)"; exit 1; }
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # expect CODE CMD...
  want=$1; shift
  set +e; "$@" >"$tmp/stdout" 2>"$tmp/stderr"; got=$?; set -e
  [ "$got" = "$want" ] || fail "exit $got, wanted $want: $* ($(cat "$tmp/stderr"))"
}

# A survey half-way: 400 of about 1100 answered, so small units fall under k. The
# organisation file given to progress has Centrumskolan's headcount wrong (10).
"$SIXBOX" simulate --survey "$S" --org "$O" --seed 3 --respondents 400 -o "$tmp/e.csv" 2>/dev/null
sed 's|<unit id="centrumskolan" kind="enhet" headcount="110">|<unit id="centrumskolan" kind="enhet" headcount="10">|' \
  "$O" >"$tmp/org.xml"
line=$(grep -n 'id="centrumskolan"' "$tmp/org.xml" | cut -d: -f1)
"$SIXBOX" show --json "$tmp/org.xml" | jq -r '.units[] | [.id, (.parent // "-")] | @tsv' >"$tmp/tree"
# The whole organisation's headcount: the sum of the units' (only leaves have one here).
hc() { "$SIXBOX" show --json "$1" | jq '[.units[].headcount // 0] | add'; }
pct() { awk -v n=400 -v h="$1" 'BEGIN { printf "%.0f", 100 * n / h }'; }
hc1=$(hc "$tmp/org.xml")
hc0=$(hc "$O")

# check K: runs progress at minimum group K and checks the table and the page.
check() {
  k=$1
  # The exceeded headcount is an error of the organisation file: exit 65 (bad input
  # data) for a cron job, with the table and the page written all the same.
  rm -f "$tmp/p$k.html"
  set +e
  SOURCE_DATE_EPOCH=1790000000 "$SIXBOX" progress --survey "$S" --org "$tmp/org.xml" --min-group "$k" \
    "$tmp/e.csv" -o "$tmp/p$k.html" >"$tmp/t$k" 2>"$tmp/err$k"
  got=$?
  set -e
  [ "$got" = 65 ] || fail "k=$k: exit $got with a headcount exceeded, wanted 65 ($(cat "$tmp/err$k"))"
  [ -s "$tmp/p$k.html" ] && [ -s "$tmp/t$k" ] || fail "k=$k: the page or the table is not written"
  grep -q "org.xml:$line: warning: more respondents (36) than the headcount (10)" "$tmp/err$k" \
    || fail "k=$k: the exceeded headcount is not named with its line: $(cat "$tmp/err$k")"
  grep -q "Fel i organisationsfilen: Centrumskolan (centrumskolan): 36 har svarat.*rad $line" "$tmp/t$k" \
    || fail "k=$k: no error line for the exceeded headcount"
  grep -q "Hela organisationen: 400 svar av $hc1 anställda, svarsfrekvens $(pct "$hc1")" "$tmp/t$k" \
    || fail "k=$k: no total: $(sed -n 2p "$tmp/t$k")"
  # The table: name, id, headcount, responses, rate, separated by two spaces or more.
  sed '1,/^$/d' "$tmp/t$k" | tail -n +2 | awk -F '  +' '{ print $2 "\t" $4 "\t" $5 }' >"$tmp/rows$k"
  [ "$(wc -l <"$tmp/rows$k")" = 39 ] || fail "k=$k: $(wc -l <"$tmp/rows$k") rows, wanted 39 (every unit but the root)"
  grep -q "^centrumskolan	36	fel i antal anställda$" "$tmp/rows$k" || fail "k=$k: centrumskolan is not flagged"
  ! grep -Eq '(1[0-9][0-9]|[2-9][0-9][0-9]) %' "$tmp/t$k" || fail "k=$k: a rate over 100 %"
  awk -F '\t' -v k="$k" '
    $2 ~ /^[0-9]+$/ && $3 !~ /%|fel/ { bad = 1 }
    $2 !~ /^[0-9]+$/ && ($2 != "färre än " k " eller dold" || $3 != "–") { bad = 1; print "hidden row: " $0 }
    END { exit bad }' "$tmp/rows$k" || fail "k=$k: a row shows more than the rules allow"
  # Lowest first: hidden rows, then the rates in ascending order.
  awk -F '\t' '$3 ~ /%/ { sub(/ .*/, "", $3); if ($3 + 0 < last) bad = 1; last = $3 + 0 }
               $3 == "–" && seen { bad = 1 } $3 ~ /%/ { seen = 1 } END { exit bad }' "$tmp/rows$k" \
    || fail "k=$k: not lowest first"
  # No recovery by subtraction: for every shown unit, its count minus the counts of its
  # nearest shown sub-units is 0 or at least k.
  total=$(sed -n 's/^Hela organisationen: \([0-9]*\) svar.*/\1/p' "$tmp/t$k")
  awk -F '\t' -v k="$k" -v root=kommun -v total="$total" '
    FNR == NR { parent[$1] = $2; kids[$2] = kids[$2] " " $1; next }
    { n[$1] = $2 }
    function shown_below(u,   c, i, s, m) {
      m = split(kids[u], c, " "); s = 0
      for (i = 1; i <= m; i++) s += (c[i] in n && n[c[i]] ~ /^[0-9]+$/) ? n[c[i]] : shown_below(c[i])
      return s
    }
    END {
      n[root] = total
      for (u in n) {
        if (n[u] !~ /^[0-9]+$/) continue
        r = n[u] - shown_below(u)
        if (r < 0 || (r > 0 && r < k)) { print u ": residual " r; bad = 1 }
        if (r > 0) nontrivial = 1
      }
      if (!nontrivial) { print "no hidden unit under a shown one: the test proves nothing"; bad = 1 }
      exit bad
    }' "$tmp/tree" "$tmp/rows$k" || fail "k=$k: a hidden count can be worked out by subtraction"
  # The page: the same rows, no rate over 100 %, the error with its line, the band.
  grep -q "<html lang=\"sv\">" "$tmp/p$k.html" || fail "k=$k: page language"
  grep -q "Läget 2026-09-21 14:13 UTC" "$tmp/p$k.html" || fail "k=$k: no time on the page"
  grep -q "rad $line)" "$tmp/p$k.html" || fail "k=$k: the page does not name the line"
  [ "$(grep -c '<tr>' "$tmp/p$k.html")" = 40 ] || fail "k=$k: page rows"
  [ "$(grep -c "class=\"hidden-cell\">färre än $k eller dold<" "$tmp/p$k.html")" = \
    "$(grep -c "färre än $k eller dold" "$tmp/rows$k")" ] || fail "k=$k: hidden rows differ between page and table"
  ! grep -Eq '(1[0-9][0-9]|[2-9][0-9][0-9]).%' "$tmp/p$k.html" || fail "k=$k: a rate over 100 % on the page"
  ! grep -q 'src=\|href="http' "$tmp/p$k.html" || fail "k=$k: the page is not self-contained"
}
check 5
check 10
[ "$(grep -c 'eller dold' "$tmp/rows10")" -gt "$(grep -c 'eller dold' "$tmp/rows5")" ] \
  || fail "a larger minimum group hides no more units"

# English, and the table alone.
"$SIXBOX" progress --survey "$S" --org "$O" --lang en "$tmp/e.csv" >"$tmp/en" 2>/dev/null || fail "English"
grep -q "^The whole organisation: 400 responses of $hc0 employees, a response rate of $(pct "$hc0")%" "$tmp/en" \
  || fail "English total: $(head -3 "$tmp/en")"
grep -q "fewer than 5 or hidden" "$tmp/en" || fail "English band"

# Usage, help, missing files, an output that is an input.
expect 0 "$SIXBOX" progress --help
grep -q "Usage: sixbox progress" "$tmp/stdout" || fail "help"
"$SIXBOX" --help | grep -q "^  progress " || fail "progress is not in the command list"
expect 64 "$SIXBOX" progress --survey "$S" "$tmp/e.csv"
expect 64 "$SIXBOX" progress --survey "$S" --org "$O"
expect 64 "$SIXBOX" progress --survey "$S" --org "$O" --min-group 2 "$tmp/e.csv"
expect 64 "$SIXBOX" progress --survey "$S" --org "$O" --lang xx "$tmp/e.csv"
expect 64 "$SIXBOX" progress --survey "$S" --org "$O" "$tmp/e.csv" -o "$tmp/e.csv"
expect 66 "$SIXBOX" progress --survey "$S" --org "$O" "$tmp/none.csv"
expect 66 "$SIXBOX" progress --survey "$S" --org "$tmp/none.xml" "$tmp/e.csv"
expect 73 "$SIXBOX" progress --survey "$S" --org "$O" "$tmp/e.csv" -o "$tmp/no/such/dir/p.html"
echo "progress: all checks passed"

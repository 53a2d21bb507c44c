#!/bin/sh
# Which of two hidden units is the small one must not show in any output. Bytkommun's
# Barn- och utbildning has Skola A and Skola B (6 employees each in the organisation
# file) and Skola C (10 respondents). In variant 1 Skola A has 3 respondents (hidden:
# fewer than k = 5) and Skola B 5 (hidden to protect Skola A, since 18 - 5 - 10 = 3);
# in variant 2 the two swap. The rows are the same rows in the same order, only the
# line between the two schools moves, so every shown figure is the same. Beside the
# public headcount of 6, "hidden to protect another" would say "5 or 6 answered", and
# with the förvaltning's and Skola C's counts, the small school's exact count.
# Every output must therefore be byte-identical between the variants: results.json,
# results.csv, goals.csv, the handlingsplan, report.html and comments.html (Swedish,
# English, Finnish; with an activity goal in each hidden school), the terminal output of
# diagnose and inspect, the progress page and table, and the follow-up database (list,
# show, export as CSV and JSON, the SQL dump) over two waves, the second one showing
# every school and comparing with the first. Only the raw data (the export and
# import-log.json, for the analyst) differ.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >"$tmp/org.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<organisation id="swap-test">
  <languages>sv en</languages>
  <name lang="sv">Bytkommun</name><name lang="en">Swap municipality</name>
  <unit id="kommun" kind="kommun"><name lang="sv">Bytkommun</name><name lang="en">Swap municipality</name>
    <unit id="bou" kind="förvaltning"><name lang="sv">Barn- och utbildning</name><name lang="en">Children and education</name>
      <unit id="skola-a" kind="enhet" headcount="6"><name lang="sv">Skola A</name><name lang="en">School A</name></unit>
      <unit id="skola-b" kind="enhet" headcount="6"><name lang="sv">Skola B</name><name lang="en">School B</name></unit>
      <unit id="skola-c" kind="enhet" headcount="14"><name lang="sv">Skola C</name><name lang="en">School C</name></unit>
    </unit>
    <unit id="omsorg" kind="förvaltning"><name lang="sv">Vård och omsorg</name><name lang="en">Care</name>
      <unit id="hemtjanst" kind="enhet" headcount="30"><name lang="sv">Hemtjänst</name><name lang="en">Home care</name></unit>
      <unit id="boende" kind="enhet" headcount="24"><name lang="sv">Särskilt boende</name><name lang="en">Residential care</name></unit>
    </unit>
  </unit>
  <vision id="v"><title lang="sv">Vision</title><title lang="en">Vision</title>
    <goal id="s1" level="strategic"><title lang="sv">Bra arbetsplatser</title><title lang="en">Good workplaces</title>
      <goal id="o-bou" level="operative" unit="bou"><title lang="sv">Skolorna</title><title lang="en">The schools</title>
        <critical box="leadership"/>
        <goal id="a-skola-a" level="activity" unit="skola-a"><title lang="sv">Aktivitet A</title><title lang="en">Activity A</title>
          <critical box="leadership"/>
        </goal>
        <goal id="a-skola-b" level="activity" unit="skola-b"><title lang="sv">Aktivitet B</title><title lang="en">Activity B</title>
          <critical box="leadership"/>
        </goal>
      </goal>
      <goal id="o-skola-a" level="operative" unit="skola-a"><title lang="sv">Skola A</title><title lang="en">School A</title>
        <critical box="leadership"/>
      </goal>
      <goal id="o-skola-b" level="operative" unit="skola-b"><title lang="sv">Skola B</title><title lang="en">School B</title>
        <critical box="leadership"/>
      </goal>
    </goal>
  </vision>
</organisation>
XML
O=$tmp/org.xml

# export SEED A B FILE: 60 simulated rows; rows 1 to A+B go to the schools A and B (the
# first A rows to Skola A), the next 10 to Skola C, the rest to the care units; some
# rows carry a comment, one of them from the schools A and B.
export_rows() {
  "$SIXBOX" simulate --survey "$S" --org "$O" --seed "$1" --respondents 60 -o "$tmp/sim.csv" 2>/dev/null
  awk -F, -v OFS=, -v a="$2" -v b="$3" '
    NR == 1 { print $0, "c01"; next }
    { i = NR - 1
      $3 = i <= a ? "skola-a" : i <= a + b ? "skola-b" : i <= a + b + 10 ? "skola-c" \
         : i <= 40 ? "hemtjanst" : "boende"
      c = ""
      if (i == 2) c = "Vi behöver mer tid för planering."
      if (i == 12 || i == 14) c = "Bra kollegor, men för lite personal."
      if (i == 30) c = "Chefen lyssnar på oss."
      print $0, c }' "$tmp/sim.csv" >"$4"
}

# run VARIANT A B: wave 1 with Skola A at A and Skola B at B respondents, wave 2 with 6
# each, both into the variant's follow-up database; every output into $tmp/VARIANT/out.
run() {
  d=$tmp/$1
  mkdir -p "$d/out"
  export_rows 7 "$2" "$3" "$d/w1.csv"
  export_rows 8 6 6 "$d/w2.csv"
  cd "$d"
  for lang in sv en fi; do
    SOURCE_DATE_EPOCH=1790000000 "$SIXBOX" diagnose --survey "$S" --org "$O" w1.csv -o "r1-$lang" \
      --lang "$lang" >"out/diagnose-$lang.out" 2>"out/diagnose-$lang.err" || fail "$1: diagnose $lang"
  done
  SOURCE_DATE_EPOCH=1790000000 "$SIXBOX" diagnose --survey "$S" --org "$O" w1.csv -o r1 --quiet \
    --history h.db --wave w1 --wave-date 2026-03-01 >/dev/null 2>&1 || fail "$1: wave 1"
  SOURCE_DATE_EPOCH=1790000000 "$SIXBOX" diagnose --survey "$S" --org "$O" w2.csv -o r2 --quiet \
    --history h.db --wave w2 --wave-date 2027-03-01 >/dev/null 2>&1 || fail "$1: wave 2"
  "$SIXBOX" inspect w1.csv >out/inspect.txt 2>&1 || fail "$1: inspect"
  for lang in sv en fi; do
    SOURCE_DATE_EPOCH=1790000000 "$SIXBOX" progress --survey "$S" --org "$O" w1.csv --lang "$lang" \
      -o "out/progress-$lang.html" >"out/progress-$lang.txt" 2>"out/progress-$lang.err" \
      || fail "$1: progress $lang"
  done
  for r in r1-sv r1-en r1-fi r1 r2; do
    for f in "$r"/*; do
      case $f in */import-log.json) continue ;; esac
      cp "$f" "out/$r-$(basename "$f")"
    done
  done
  "$SIXBOX" history h.db list >out/history-list.txt
  "$SIXBOX" history h.db show w1 >out/history-show-w1.txt
  "$SIXBOX" history h.db show w2 >out/history-show-w2.txt
  "$SIXBOX" history h.db export -o out/history.csv
  "$SIXBOX" history h.db export --format json -o out/history.json
  if command -v sqlite3 >/dev/null; then sqlite3 -batch h.db .dump >out/history.sql; fi
  cd "$tmp"
}
run 1 3 5
run 2 5 3

# The variants are what they claim: the inputs differ, Skola A and Skola B are hidden,
# the förvaltning and Skola C are shown, and wave 2 shows the schools.
! cmp -s "$tmp/1/w1.csv" "$tmp/2/w1.csv" || fail "the two variants have the same export"
[ "$(grep -c ',skola-a,' "$tmp/1/w1.csv")" = 3 ] && [ "$(grep -c ',skola-a,' "$tmp/2/w1.csv")" = 5 ] \
  || fail "the variants do not have 3 and 5 respondents in Skola A"
for v in 1 2; do
  j=$tmp/$v/r1/results.json
  for u in skola-a skola-b; do
    [ "$(jq -r --arg u "$u" '.units[] | select(.id == $u) | .suppressed' "$j")" = true ] \
      || fail "variant $v: $u is not hidden"
  done
  for u in bou skola-c; do
    [ "$(jq -r --arg u "$u" '.units[] | select(.id == $u) | .suppressed' "$j")" = false ] \
      || fail "variant $v: $u is hidden"
  done
  [ "$(jq '.units[] | select(.id == "skola-a") | .suppressed' "$tmp/$v/r2/results.json")" = false ] \
    || fail "variant $v: Skola A is hidden in wave 2"
done
n=$(ls "$tmp/1/out" | wc -l)
[ "$n" -ge 40 ] || fail "only $n outputs to compare: $(ls "$tmp/1/out")"

# Every output byte-identical.
bad=0
for f in "$tmp/1/out"/*; do
  b=$(basename "$f")
  if ! cmp -s "$f" "$tmp/2/out/$b"; then
    echo "differs: $b" >&2
    diff "$f" "$tmp/2/out/$b" 2>/dev/null | head -8 >&2 || true
    bad=1
  fi
done
[ "$bad" = 0 ] || fail "an output tells which hidden unit is the small one"
echo "hidden-swap: $n outputs identical when the small and the protecting unit swap"

#!/bin/sh
# The handlingsplan in every shipped language: diagnose writes it with the report
# language's headers (catalogue planfile.col.*), a unit fills it in with that language's
# status word, and the next run reads it back in another report language.
# Also: a plan with the headers of earlier versions (Swedish "Låd-id", "Låda", a plain
# "Status", a capitalised "Pågår") is still read, the unfilled XLSX is read, and a
# pseudo-language from a data folder gets its own headers and is read back without C.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
ex=$SBX_SOURCE_DIR/surveys/examples/exempelstad
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-hme.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
diag() { # diag OUTDIR LANG [more options]
  dd=$1 dl=$2; shift 2
  "$SIXBOX" diagnose --survey "$S" --org "$ex/org.xml" "$ex/hme-google-forms-sv.csv" \
    -o "$dd" --quiet --lang "$dl" "$@" 2>"$tmp/stderr" || fail "diagnose --lang $dl $*: $(cat "$tmp/stderr")"
}
# The catalogue text of KEY in language L (the shipped files).
text() {
  awk -F'\t' -v key="$1" -v lang="$2" 'FNR == 1 { c = 0 } /^#/ || /^$/ { next }
    !c { for (i = 2; i <= NF; i++) if ($i == lang) c = i; if (!c) c = -1; next }
    c > 0 && $1 == key && $c != "" { print $c; exit }' "$SBX_SOURCE_DIR"/reports/catalog/*.tsv
}
# fill PLAN OUT STATUS: the four empty columns given on every row.
fill() {
  sed "2,\$s/,,,,\(\r\{0,1\}\)\$/,Anna Ek,2023-06-30,\"4,5\",$3\1/" "$1" >"$2"
  [ "$(grep -c 'Anna Ek' "$2")" = "$n_act" ] || fail "$1 could not be filled in"
}
# readback PLAN LANG: the plan read by a run in LANG, every action done.
readback() {
  diag "$tmp/back" "$2" --actions "$1"
  [ "$(grep -c '<td>Anna Ek</td>' "$tmp/back/report.html")" = "$n_act" ] \
    || fail "$1 read in $2: not every action in the follow-up"
  [ "$(grep -c "<td>$(text plan.done "$2")</td>" "$tmp/back/report.html")" -ge "$n_act" ] \
    || fail "$1 read in $2: the actions are not done"
}

diag "$tmp/sv" sv
n_act=$(($(wc -l <"$tmp/sv/handlingsplan.csv") - 1))
[ "$n_act" -gt 0 ] || fail "the example proposes no action: the test needs one"
for l in sv en fi; do
  [ "$l" = sv ] || diag "$tmp/$l" "$l"
  plan=$tmp/$l/handlingsplan.csv
  # The header: the language's own catalogue texts, in the column table's order.
  want=$(for k in wave goal goal_title unit unit_name box box_name step owner deadline target status; do
           text "planfile.col.$k" "$l"; done | awk '{ printf "%s%s", (NR > 1 ? "," : ""), ($0 ~ /,/ ? "\"" $0 "\"" : $0) }')
  [ "$(head -1 "$plan" | tr -d '\r')" = "$want" ] || fail "$l header: $(head -1 "$plan"), wanted $want"
  fill "$plan" "$tmp/plan-$l.csv" "$(text plan.done "$l")"
  # Read by a run in another language (sv by en, en by fi, fi by sv).
  case $l in sv) r=en ;; en) r=fi ;; *) r=sv ;; esac
  readback "$tmp/plan-$l.csv" "$r"
  # The XLSX as written, not filled in: every action planned.
  diag "$tmp/x" "$l" --actions "$tmp/$l/handlingsplan.xlsx"
  [ "$(grep -c "<td>$(text plan.planned "$l")</td>" "$tmp/x/report.html")" -ge "$n_act" ] \
    || fail "the unfilled $l handlingsplan.xlsx is not read back as planned"
done
grep -q '^Mittauskerta,Tavoitteen tunnus,' "$tmp/fi/handlingsplan.csv" || fail "no Finnish headers"

# Headers of earlier versions: "Låd-id", "Låda", plain "Status"; "Pågår" capitalised.
sed -e '1s/,Box-id,Box,/,Låd-id,Låda,/' -e '1s/"Status (planerad, pågår, klar)"/Status/' \
  "$tmp/sv/handlingsplan.csv" >"$tmp/old0.csv"
head -1 "$tmp/old0.csv" | tr -d '\r' | grep -q ',Låd-id,Låda,.*,Status$' || fail "the old header was not made"
sed "2,\$s/,,,,\(\r\{0,1\}\)\$/,Anna Ek,2023-06-30,\"4,5\",Pågår\1/" "$tmp/old0.csv" >"$tmp/old.csv"
diag "$tmp/back" en --actions "$tmp/old.csv"
[ "$(grep -c '<td>Anna Ek</td>' "$tmp/back/report.html")" = "$n_act" ] || fail "the old header's plan is not read"
[ "$(grep -c '<td>ongoing</td>' "$tmp/back/report.html")" -ge "$n_act" ] || fail "'Pågår' is not read as ongoing"

# A column missing: the message names it in every language.
cut -d, -f1-5,8- "$tmp/fi/handlingsplan.csv" >"$tmp/nobox.csv"
set +e; "$SIXBOX" diagnose --survey "$S" --org "$ex/org.xml" "$ex/hme-google-forms-sv.csv" \
  -o "$tmp/nb" --quiet --actions "$tmp/nobox.csv" 2>"$tmp/stderr"; rc=$?; set -e
[ "$rc" = 65 ] || fail "a plan without the box column: exit $rc, wanted 65"
for w in Box-id "Box id" "Laatikon tunnus" Låd-id; do
  grep -q "no column .*$w" "$tmp/stderr" || fail "the message does not name '$w': $(cat "$tmp/stderr")"
done
# A bad status: the message names the words of every language.
sed "2s/,,,,\(\r\{0,1\}\)\$/,A,,,kanske\1/" "$tmp/fi/handlingsplan.csv" >"$tmp/bad.csv"
set +e; "$SIXBOX" diagnose --survey "$S" --org "$ex/org.xml" "$ex/hme-google-forms-sv.csv" \
  -o "$tmp/nb" --quiet --actions "$tmp/bad.csv" 2>"$tmp/stderr"; rc=$?; set -e
[ "$rc" = 65 ] || fail "a bad status: exit $rc, wanted 65"
grep -q "bad.csv:2: the status 'kanske' is unknown; write one of .*planerad / planned.* (planned); .*klar / done.* (done)" "$tmp/stderr" \
  || fail "the status message: $(cat "$tmp/stderr")"

# A pseudo-language from a data folder: its own headers, read back; no C change.
mkdir -p "$tmp/data/catalog"
{ printf 'key\tqps\n'
  awk -F'\t' 'FNR == 1 { c = 0 } /^#/ || /^$/ { next } !c { for (i = 2; i <= NF; i++) if ($i == "en") c = i; if (!c) c = -1; next }
    c > 0 && $c != "" { t = $c; if ($1 ~ /^(planfile\.|plan\.(planned|ongoing|done)$)/) t = "Q-" t; print $1 "\t" t }' \
    "$SBX_SOURCE_DIR"/reports/catalog/*.tsv; } >"$tmp/data/catalog/qps.tsv"
export SIXBOX_DATA_DIR=$tmp/data
diag "$tmp/q" qps
grep -q '^Q-Wave,Q-Goal id,' "$tmp/q/handlingsplan.csv" || fail "the pseudo-language's headers: $(head -1 "$tmp/q/handlingsplan.csv")"
fill "$tmp/q/handlingsplan.csv" "$tmp/plan-q.csv" Q-done
readback "$tmp/plan-q.csv" sv
echo "ok: handlingsplan written and read back in sv, en, fi, qps; old headers read"

#!/bin/sh
# Comment themes in every shipped language, through the command: the report's themes
# section names the lexicon it used (its file name) in Swedish, English and Finnish, and
# Finnish comments in the Finnish report of the example are themed by the Finnish
# lexicon, every box found. The Finnish comments are the catalogue's simulated ones
# (sim.comment.*), put in place of the Swedish ones of a simulated Google Forms export.
set -eu
: "${SIXBOX:?}" "${SBX_SOURCE_DIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
S=$SBX_SOURCE_DIR/surveys/definitions/sixbox-hme.xml
O=$SBX_SOURCE_DIR/surveys/examples/exempelstad/org.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"$SIXBOX" simulate --survey "$S" --org "$O" --seed 5 --format google-forms --lang fi \
  -o "$tmp/sv-comments.csv" 2>/dev/null || fail "simulate"
# Each Swedish simulated comment replaced by a Finnish one (the same kind, good or bad).
python3 - "$SBX_SOURCE_DIR/reports/catalog" "$tmp/sv-comments.csv" "$tmp/fi.csv" <<'PY'
import csv, glob, sys
texts = {}
for path in sorted(glob.glob(sys.argv[1] + "/*.tsv")):
    cols = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if cols is None:
            cols = f
            continue
        for c, t in zip(cols[1:], f[1:]):
            if f[0].startswith("sim.comment.") and t:
                texts.setdefault(c, {})[f[0]] = t
def bank(lang, kind):
    n = 1
    out = []
    while "sim.comment.%s.%d" % (kind, n) in texts[lang]:
        out.append(texts[lang]["sim.comment.%s.%d" % (kind, n)])
        n += 1
    return out
swap = {}
for kind in ("good", "bad"):
    sv, fi = bank("sv", kind), bank("fi", kind)
    for i, t in enumerate(sv):
        swap[t] = fi[i % len(fi)]
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
n = 0
for r in rows[1:]:
    for i, cell in enumerate(r):
        if cell.strip() in swap:
            r[i] = swap[cell.strip()]
            n += 1
if n == 0:
    sys.exit("no simulated comment found to replace")
csv.writer(open(sys.argv[3], "w", encoding="utf-8", newline="")).writerows(rows)
PY
"$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/fi.csv" -o "$tmp/fi" --quiet --lang fi \
  2>"$tmp/err" || fail "diagnose --lang fi: $(cat "$tmp/err")"
text() { sed 's/<[^>]*>/\n/g' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$'; }
text "$tmp/fi/comments.html" >"$tmp/fi.txt"
grep -q 'Avainsanat ovat sanaluettelossa reports/themes/lexicon-fi\.tsv\.' "$tmp/fi.txt" \
  || fail "the Finnish report does not name lexicon-fi.tsv"
grep -q 'Palkka ei vastaa vastuuta' "$tmp/fi.txt" || fail "no Finnish comment in the appendix"
# Every box is a theme of some Finnish comment.
for b in 'Tarkoitus ja tavoitteet' Rakenne Ihmissuhteet Palkitseminen Johtajuus Tukimekanismit; do
  grep -q "^(teemat: .*$b" "$tmp/fi.txt" || fail "no Finnish comment has the theme $b"
done
# Each language's report names its own lexicon; a user's own lexicon by its file name
# only (no folder of the analyst's machine in a shared report).
for l in sv en; do
  "$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/sv-comments.csv" -o "$tmp/$l" --quiet --lang "$l" \
    2>"$tmp/err" || fail "diagnose --lang $l: $(cat "$tmp/err")"
  grep -q "reports/themes/lexicon-$l\.tsv" "$tmp/$l/report.html" || fail "the $l report does not name lexicon-$l.tsv"
done
mkdir -p "$tmp/mine"
printf 'rewards\tpalkk\nrewards\tlön\n' >"$tmp/mine/oma.tsv"
SIXBOX_LEXICON=$tmp/mine/oma.tsv "$SIXBOX" diagnose --survey "$S" --org "$O" "$tmp/fi.csv" -o "$tmp/own" \
  --quiet --lang fi 2>"$tmp/err" || fail "diagnose with SIXBOX_LEXICON: $(cat "$tmp/err")"
grep -q 'sanaluettelossa oma\.tsv\.' "$tmp/own/report.html" || fail "the report does not name oma.tsv"
! grep -q "$tmp/mine" "$tmp/own/report.html" "$tmp/own/comments.html" || fail "the report shows the lexicon's folder"
echo "ok: themes in sv, en, fi; the lexicon named"

#!/bin/sh
# The main job on the bundled example: diagnose Exempelstad with the Six-box + HME
# instrument, its Kolada benchmark and goal indicators (surveys/examples/exempelstad/
# README.md), and print where the report is. Then the same report and the printable
# questionnaire in Finnish (a third language shipped as data, docs/languages.md), each
# checked: a Finnish heading is there and no catalogue key, Swedish or English text
# of the frame leaked into it.
#   sh tests/run-example.sh [SIXBOX [OUTDIR]]   (default build/sixbox, build/example)
set -eu
sixbox=${1:-build/sixbox}
out=${2:-build/example}
cd "$(dirname "$0")/.."
case $sixbox in /*) ;; *) sixbox=$PWD/$sixbox ;; esac
case $out in /*) ;; *) out=$PWD/$out ;; esac
ex=surveys/examples/exempelstad
survey=surveys/definitions/sixbox-hme.xml
"$sixbox" diagnose --survey "$survey" --org "$ex/org.xml" \
  "$ex/hme-google-forms-sv.csv" --benchmark "$ex/kolada-benchmark.csv" --year 2022 \
  -o "$out" --quiet
echo "sixbox: the diagnosis of Exempelstad is in $out/"
echo "sixbox: open the report: $out/report.html"

# Finnish: the report and the questionnaire.
fi_out=$out/fi
"$sixbox" diagnose --survey "$survey" --org "$ex/org.xml" \
  "$ex/hme-google-forms-sv.csv" --benchmark "$ex/kolada-benchmark.csv" --year 2022 \
  -o "$fi_out" --quiet --lang fi 2>"$out/diagnose-fi.log" ||
  { cat "$out/diagnose-fi.log" >&2; exit 1; }
rm -f "$out/diagnose-fi.log"
"$sixbox" questionnaire "$survey" --format print --lang fi --org "$ex/org.xml" \
  -o "$fi_out/kyselylomake.html"

# check FILE HEADING: lang="fi", the heading, and no frame text in another language.
check() {
  grep -q '<html lang="fi"' "$1" || { echo "FAIL: $1 is not marked lang=\"fi\"" >&2; exit 1; }
  grep -qF "$2" "$1" || { echo "FAIL: $1 has no Finnish heading '$2'" >&2; exit 1; }
  # Every text node on a line of its own; a leaked key is a whole node.
  sed 's/<[^>]*>/\n/g' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' \
    >"$fi_out/.text"
  # Catalogue keys, and the Swedish and English texts that differ from the Finnish
  # (long enough not to be a name or a number).
  awk -F'\t' '
    FNR == 1 { ncol = 0 }
    /^#/ || /^$/ { next }
    !ncol { ncol = NF; for (i = 2; i <= NF; i++) col[i] = $i; next }
    { key[$1] = 1; print $1 > keys
      for (i = 2; i <= NF; i++) if ($i != "") text[col[i], $1] = $i }
    END { for (k in key) {
            f = text["fi", k]
            if (k ~ /^(format|sim)\./ || f == "") continue
            if (length(text["sv", k]) > 15 && text["sv", k] != f) print text["sv", k] > other
            if (length(text["en", k]) > 15 && text["en", k] != f) print text["en", k] > other } }
  ' keys="$fi_out/.keys" other="$fi_out/.other" reports/catalog/*.tsv
  if grep -Fxf "$fi_out/.keys" "$fi_out/.text" >"$fi_out/.bad"; then
    echo "FAIL: $1 shows catalogue keys instead of texts:" >&2; sed 's/^/  /' "$fi_out/.bad" >&2
    exit 1
  fi
  if grep -Ff "$fi_out/.other" "$fi_out/.text" >"$fi_out/.bad"; then
    echo "FAIL: $1 shows Swedish or English frame texts:" >&2; sed 's/^/  /' "$fi_out/.bad" >&2
    exit 1
  fi
  rm -f "$fi_out/.text" "$fi_out/.keys" "$fi_out/.other" "$fi_out/.bad"
}
check "$fi_out/report.html" "Yhteenveto johdolle"
check "$fi_out/kyselylomake.html" "Missä yksikössä työskentelet?"
echo "sixbox: in Finnish: $fi_out/report.html and $fi_out/kyselylomake.html"

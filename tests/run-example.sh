#!/bin/sh
# The main job on the bundled example: diagnose Exempelstad with the Six-box + HME
# instrument, its Kolada benchmark and goal indicators (surveys/examples/exempelstad/
# README.md), and print where the report is.
set -eu
sixbox=${1:-build/sixbox}
cd "$(dirname "$0")/.."
case $sixbox in /*) ;; *) sixbox=$PWD/$sixbox ;; esac
ex=surveys/examples/exempelstad
out=build/example
"$sixbox" diagnose --survey surveys/definitions/sixbox-hme.xml --org "$ex/org.xml" \
  "$ex/hme-google-forms-sv.csv" --benchmark "$ex/kolada-benchmark.csv" --year 2022 \
  -o "$out" --quiet
echo "sixbox: the diagnosis of Exempelstad is in $PWD/$out/"
echo "sixbox: open the report: $PWD/$out/report.html"

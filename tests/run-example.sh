#!/bin/sh
# The main job on the bundled example: diagnose Exempelstad from its two exports
# (surveys/examples/exempelstad/README.md) and print where the report is.
set -eu
sixbox=${1:-build/sixbox}
cd "$(dirname "$0")/.."
case $sixbox in /*) ;; *) sixbox=$PWD/$sixbox ;; esac
ex=surveys/examples/exempelstad
out=build/example
"$sixbox" diagnose --survey surveys/definitions/sixbox-full.xml --org "$ex/org.xml" \
  "$ex/google-forms-sv.csv" "$ex/microsoft-forms.xlsx" -o "$out" --quiet
echo "sixbox: the diagnosis of Exempelstad is in $PWD/$out/"
echo "sixbox: open the report: $PWD/$out/report.html"

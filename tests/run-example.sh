#!/bin/sh
# The main job on the bundled example. Until `diagnose` lands this validates and
# shows the shipped files.
set -eu
sixbox=${1:-build/sixbox}
cd "$(dirname "$0")/.."
out=build/example
mkdir -p "$out"
"$sixbox" --version
echo "sixbox: the bundled example is not there yet."

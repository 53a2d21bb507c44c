#!/bin/sh
# sixbox quick start. Sets everything up, then either runs the main job on the
# bundled example (no argument) or runs the whole test suite ("test").
#   sh quickstart.sh         build and diagnose the bundled example municipality
#   sh quickstart.sh test    build (plain and ASan+UBSan) and run every test
#   sh quickstart.sh tsan    build with ThreadSanitizer and run the tests of the code
#                            that runs on two threads (the drivers' bootstraps)
# A second run reuses the builds and is fast.
set -eu
cd "$(dirname "$0")"
mode=${1:-example}

build_pkgs="build-essential cmake pkg-config libxml2-dev libxml2-utils libcurl4-openssl-dev
libgsl-dev libcmocka-dev libcsv-dev libzip-dev libjansson-dev libsqlite3-dev"
# The tests also need: clang (fuzz targets), python3 (loopback HTTP server), jq
# (reading results.json in shell tests), sqlite3 (reading the follow-up database in shell
# tests), chromium and node/npm (the report in a real
# browser, axe-core).
test_pkgs="clang python3 jq chromium ca-certificates sqlite3"
# node and npm may come from elsewhere than Debian (e.g. NodeSource, which bundles npm):
# install Debian's only where no node/npm command exists at all.
node_pkgs() {
  command -v node >/dev/null 2>&1 || printf 'nodejs '
  command -v npm >/dev/null 2>&1 || printf 'npm '
}

missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      printf '%s ' "$p"
  done
}

install_pkgs() {
  need=$(missing "$@")
  [ -z "$need" ] && return 0
  echo "sixbox: installing Debian packages: $need"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
  else
    echo "sixbox: these Debian packages are missing: $need" >&2
    echo "sixbox: install them as root with:" >&2
    echo "  apt-get update && apt-get install -y $need" >&2
    exit 1
  fi
}

jobs=$(nproc 2>/dev/null || echo 2)

build() { # build DIR [cmake options...]
  dir=$1; shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  fi
  cmake --build "$dir" -j "$jobs"
}

case "$mode" in
example)
  install_pkgs $build_pkgs
  build build
  sh tests/run-example.sh build/sixbox
  ;;
test)
  install_pkgs $build_pkgs $test_pkgs $(node_pkgs)
  sh tests/setup-test-tools.sh
  build build
  (cd build && ctest --output-on-failure -j "$jobs")
  build build-asan -DSIXBOX_ASAN=ON -DSIXBOX_UBSAN=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" -LE browser)
  echo "sixbox: all tests passed (plain and ASan+UBSan builds)."
  ;;
tsan)
  # Not part of "test": a third full build costs more than the few threaded tests
  # it checks. Run it when the drivers' threading changes.
  install_pkgs $build_pkgs
  build build-tsan -DSIXBOX_TSAN=ON
  (cd build-tsan && TSAN_OPTIONS=halt_on_error=1 \
     ctest --output-on-failure -j "$jobs" -R 'test_drivers|test_goals_e2e|test_goals_random|test_pipeline_outputs')
  echo "sixbox: the threaded tests pass under ThreadSanitizer."
  ;;
*)
  echo "usage: sh quickstart.sh [test|tsan]" >&2
  exit 64
  ;;
esac

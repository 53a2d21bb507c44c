#!/bin/sh
# Installs the library into a temporary prefix and builds a program outside the tree
# (consumer.c) with `pkg-config --cflags --libs sixbox` alone: only the installed
# public headers are in reach. The program uses sbx_version() and
# sbx_diagnose_opts_init() and diagnoses the bundled example.
set -eu
cc=${1:?usage: test_install.sh CC [SANITIZER FLAGS]}
san=${2:-}
: "${SBX_SOURCE_DIR:?}" "${SBX_BINARY_DIR:?}"
command -v pkg-config >/dev/null 2>&1 || { echo "SKIP: pkg-config is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$SBX_BINARY_DIR" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
  fail "cmake --install: $(cat "$tmp/install.log")"
pc=$(find "$tmp/prefix" -name sixbox.pc | head -n 1)
[ -n "$pc" ] || fail "no sixbox.pc installed"
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
cflags=$(pkg-config --cflags sixbox) || fail "pkg-config --cflags sixbox"
libs=$(pkg-config --libs sixbox) || fail "pkg-config --libs sixbox"
case "$cflags" in *"$SBX_SOURCE_DIR"*) fail "cflags point into the source tree: $cflags" ;; esac

# Every installed header compiles on its own (no internal header needed).
for h in "$tmp"/prefix/include/sixbox/*.h; do
  printf '#include <sixbox/%s>\nint main(void) { return 0; }\n' "$(basename "$h")" \
    >"$tmp/one.c"
  # shellcheck disable=SC2086
  $cc -std=c11 -Wall -Wextra -Werror -pedantic $cflags -c "$tmp/one.c" -o "$tmp/one.o" ||
    fail "the installed header $(basename "$h") does not compile on its own"
done

# shellcheck disable=SC2086
$cc -std=c11 -Wall -Wextra -Werror $san $cflags "$SBX_SOURCE_DIR/tests/library/consumer.c" \
  -o "$tmp/consumer" $libs || fail "the consumer does not build against the installed library"
libdir=$(pkg-config --variable=libdir sixbox)
ex=$SBX_SOURCE_DIR/surveys/examples/exempelstad
LD_LIBRARY_PATH=$libdir "$tmp/consumer" "$SBX_SOURCE_DIR/surveys/definitions/sixbox-full.xml" \
  "$ex/org.xml" "$tmp/out" "$ex/google-forms-sv.csv" >"$tmp/stdout" ||
  fail "the consumer failed: $(cat "$tmp/stdout")"
grep -q "diagnosed" "$tmp/stdout" || fail "unexpected output: $(cat "$tmp/stdout")"
# It ran against the installed library, not one in the build tree.
LD_LIBRARY_PATH=$libdir ldd "$tmp/consumer" | grep -q "$libdir/libsixbox.so" ||
  fail "the consumer did not load the installed libsixbox.so"
for f in report.html results.json results.csv goals.csv import-log.json; do
  [ -s "$tmp/out/$f" ] || fail "$f missing"
done
echo "ok: $(cat "$tmp/stdout")"

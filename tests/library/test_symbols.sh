#!/bin/sh
# libsixbox.so exports the public API and nothing else: every exported symbol is a
# public sbx_ name (never an internal sbx__ one), and every function a public header
# declares with SBX_EXTERN is exported.
set -eu
lib=${1:?usage: test_symbols.sh LIBSIXBOX.so}
: "${SBX_SOURCE_DIR:?}"
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm (binutils) is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Defined dynamic symbols, without the linker's own (_init, _fini, _edata, ...).
nm -D --defined-only "$lib" | awk '{print $NF}' | grep -v '^_' | sort -u >"$tmp/exported"
bad=$(grep -v '^sbx_[a-z0-9]' "$tmp/exported" || true)
if [ -n "$bad" ]; then
  echo "FAIL: libsixbox.so exports symbols outside the public API:" >&2
  echo "$bad" | sed 's/^/  /' >&2
  echo "A public function is named sbx_<module>_<verb> and declared with SBX_EXTERN in a" >&2
  echo "header under */sixbox/; an internal one is named sbx__... (or static) and has no" >&2
  echo "SBX_EXTERN. See CONTRIBUTING.md, 'The public API'." >&2
  exit 1
fi

# Every SBX_EXTERN function of the public headers is there.
grep -hv "^#" "$SBX_SOURCE_DIR"/*/sixbox/*.h |
  tr '\n' ' ' | grep -o 'SBX_EXTERN [^;(]*(' | sed 's/ *($//; s/.*[ *]//' |
  sort -u >"$tmp/declared"
[ -s "$tmp/declared" ] || { echo "FAIL: no SBX_EXTERN declaration found" >&2; exit 1; }
missing=$(comm -23 "$tmp/declared" "$tmp/exported")
if [ -n "$missing" ]; then
  echo "FAIL: declared SBX_EXTERN in a public header but not exported (not defined?):" >&2
  echo "$missing" | sed 's/^/  /' >&2
  exit 1
fi
# And nothing is exported that no public header declares.
extra=$(comm -13 "$tmp/declared" "$tmp/exported")
if [ -n "$extra" ]; then
  echo "FAIL: exported but declared in no public header with SBX_EXTERN:" >&2
  echo "$extra" | sed 's/^/  /' >&2
  exit 1
fi
echo "ok: $(wc -l <"$tmp/exported") public functions exported, nothing else"

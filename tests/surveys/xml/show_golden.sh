#!/bin/sh
# Golden tests of `sixbox show` (text in sv and en, and --json) for the shipped files.
# To accept new output after a deliberate change:
#   SBX_UPDATE_GOLDEN=1 ctest -R show_golden   (then review the diff in git)
set -u
cd "$SBX_SOURCE_DIR" || exit 1
golden=tests/data/surveys/golden
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for f in surveys/definitions/*.xml surveys/examples/exempelstad/org.xml; do
  case "$f" in
    */org.xml) name=$(basename "$(dirname "$f")")-org ;;
    *) name=$(basename "$f" .xml) ;;
  esac
  for mode in sv en json; do
    case "$mode" in
      json) "$SIXBOX" show --json "$f" > "$tmp/out" ;;
      *) "$SIXBOX" show --lang "$mode" "$f" > "$tmp/out" ;;
    esac
    rc=$?
    [ "$rc" -eq 0 ] || { echo "FAIL: show $mode $f exited $rc"; fail=1; continue; }
    ext=txt
    [ "$mode" = json ] && ext=json
    want="$golden/$name.$mode.$ext"
    [ "$mode" = json ] && want="$golden/$name.json"
    if [ "${SBX_UPDATE_GOLDEN:-0}" = 1 ]; then
      cp "$tmp/out" "$want"
      echo "updated $want"
    elif ! diff -u "$want" "$tmp/out"; then
      echo "FAIL: show $mode $f differs from $want"
      fail=1
    fi
  done
done
[ "$fail" -eq 0 ] && echo "PASS"
exit "$fail"

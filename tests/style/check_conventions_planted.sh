#!/bin/sh
# check_conventions.sh must catch what it is for: each of its rules is run on a copy of
# the public headers with one violation planted (the kinds the code had before the
# conventions were applied), and must fail naming it; the clean copy must pass.
set -eu
: "${SBX_SOURCE_DIR:?}"
check=$SBX_SOURCE_DIR/tests/style/check_conventions.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The pristine copy: the public headers and one small library file.
for h in "$SBX_SOURCE_DIR"/*/sixbox/*.h; do
  d=$tmp/pristine/${h#"$SBX_SOURCE_DIR"/}
  mkdir -p "${d%/*}"
  cp "$h" "$d"
done
mkdir -p "$tmp/pristine/engine/x"
printf '/* planted */\nstatic int f(int x) {\n  if (x) return 0;\n  return 1;\n}\n' >"$tmp/pristine/engine/x/x.c"
fresh() { rm -rf "$tmp/tree" && cp -R "$tmp/pristine" "$tmp/tree"; }
run() { SBX_CONVENTIONS_UNTRACKED=1 sh "$check" "$tmp/tree" >"$tmp/out" 2>&1; }
plant() { # plant FILE OLD NEW: replace the text OLD (a fixed string) by NEW in the copy
  f=$tmp/tree/$1
  grep -qF "$2" "$f" || fail "the plant site '$2' is gone from $1; update this test"
  awk -v old="$2" -v new="$3" '{ i = index($0, old); if (i) $0 = substr($0, 1, i - 1) new substr($0, i + length(old)) } 1' \
    "$f" >"$f.new" && mv "$f.new" "$f"
}
expect_fail() { # expect_fail WHAT MESSAGE
  if run; then fail "$1 was not caught"; fi
  grep -qF "$2" "$tmp/out" || fail "$1: the message lacks '$2': $(cat "$tmp/out")"
  echo "ok: caught $1"
}

fresh
run || fail "the clean copy does not pass: $(cat "$tmp/out")"

fresh
plant engine/x/x.c 'return 1;' 'return -1;'
expect_fail "a bare return -1" "engine/x/x.c:4: -1 returned"

fresh
plant engine/x/x.c 'return 1;' 'return x > 2 ? -1 : 0;'
expect_fail "a ? -1 : 0 failure flag" "engine/x/x.c:4: -1 returned"

fresh
plant engine/sixbox/fetch.h 'sbx_api_from_name(sbx_api *out, const char *name)' \
  'sbx_api_from_name(const char *name, sbx_api *out)'
expect_fail "an out-parameter last" "sbx_api_from_name(): sbx_api *out is written through"

fresh
plant surveys/sixbox/error.h 'sbx_error_format(char *buf, size_t size, const sbx_error *e)' \
  'sbx_error_format(const sbx_error *e, char *buf, size_t size)'
expect_fail "a buffer after its input" "sbx_error_format(): char *buf is written through"

fresh
plant engine/sixbox/progress.h 'sbx_progress(FILE *table, const sbx_progress_opts *opts,' \
  'sbx_progress(const sbx_progress_opts *opts, FILE *table,'
expect_fail "a FILE * not first" "sbx_progress(): the FILE * (FILE *table) comes first"

fresh
plant reports/sixbox/report.h 'SBX_EXTERN void sbx_baseline_free(sbx_baseline *b);' ''
expect_fail "a loader without its free" "sbx_baseline_load() hands back an sbx_baseline"

fresh
plant surveys/sixbox/lang.h 'SBX_EXTERN void sbx_lang_text_free(char *text);' ''
expect_fail "a string handed back without its free" "sbx_lang_text() hands back a string"

fresh
plant engine/sixbox/diagnose.h 'const sbx_cancel_flag *cancel;' 'volatile int *cancel;'
expect_fail "a second cancel-flag type" "a cancel flag is a const sbx_cancel_flag *"

echo "ok: every planted violation was caught"

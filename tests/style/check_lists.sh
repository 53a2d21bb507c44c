#!/bin/sh
# Lists that are kept once and used everywhere stay that way (CONTRIBUTING.md, "One list
# each"). Fails on:
#   - the minimum group size or its floor written as a bare number in the code instead of
#     SBX_MIN_GROUP_DEFAULT and SBX_MIN_GROUP_FLOOR (surveys/sixbox/survey.h): a 3 or a 5
#     on a line of a C source or header outside tests/ where that line, the one before or
#     the one after names the minimum group (min_group, min-group, MIN_GROUP, minimum
#     group, smallest group). Help texts and messages format the numbers in with %d;
#   - a statistic of the cell, a reliability or a unit (a plain double in struct sbx_cell,
#     sbx_reliability or sbx_unit_result, analysis/results.h) declared outside its list
#     (SBX_CELL_STATS, SBX_REL_STATS, SBX_UNIT_STATS), the lists that creating and
#     suppressing them set to NaN.
# Tests are left out: they set the minimum group to the values they test.
set -eu
: "${SBX_SOURCE_DIR:?}"
cd "$SBX_SOURCE_DIR"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "SKIP: not a git checkout (the check reads the tracked files)"
  exit 77
fi

# min_group FILE...: the bare minimum-group numbers; problems on stderr, 1 if any. A 3 or
# 5 counts when it stands alone: not in a name, a decimal, a format (%5d) or an array's
# size or index ([3]).
min_group() {
  awk '
    function names(s) {
      return s ~ /[Mm][Ii][Nn][-_ ]?([Cc][Oo][Mm][Mm][Ee][Nn][Tt][-_ ])?[Gg][Rr][Oo][Uu][Pp]/ ||
             s ~ /minimum (comment )?group|smallest group/
    }
    function bare(s) { return s ~ /(^|[^][A-Za-z0-9_.%])[35]([^][A-Za-z0-9_.]|$)/ }
    function scan(   i) {
      for (i = 1; i <= n; i++) {
        if (!bare(line[i]) || line[i] ~ /^#define SBX_MIN_GROUP_(DEFAULT|FLOOR) [0-9]+$/) continue
        if (names(line[i]) || (i > 1 && names(line[i - 1])) || (i < n && names(line[i + 1]))) {
          printf "%s:%d: the minimum group as a bare number (use SBX_MIN_GROUP_DEFAULT or " \
                 "SBX_MIN_GROUP_FLOOR, formatted in with %%d): %s\n", f, i, line[i]
          bad = 1
        }
      }
    }
    FNR == 1 { if (NR > 1) scan(); n = 0; f = FILENAME }
    { line[++n] = $0 }
    END { if (NR) scan(); exit bad }' "$@" >&2
}

# cell_stats FILE: a plain double in struct sbx_cell, sbx_reliability or sbx_unit_result;
# problems on
# stderr, 1 if any.
cell_stats() {
  awk '
    /^typedef struct sbx_(cell|reliability|unit_result) \{/ { in_struct = $3; next }
    /^\} sbx_(cell|reliability|unit_result);/ { seen[in_struct] = 1; in_struct = "" }
    in_struct != "" && /^[ ]*double[ ]+[A-Za-z_]/ {
      printf "%s:%d: a statistic of %s outside its list (SBX_CELL_STATS, SBX_REL_STATS, SBX_UNIT_STATS): %s\n",
             FILENAME, FNR, in_struct, $0
      bad = 1
    }
    END {
      if (!seen["sbx_cell"]) { printf "%s: struct sbx_cell not found\n", FILENAME; bad = 1 }
      if (!seen["sbx_reliability"]) { printf "%s: struct sbx_reliability not found\n", FILENAME; bad = 1 }
      if (!seen["sbx_unit_result"]) { printf "%s: struct sbx_unit_result not found\n", FILENAME; bad = 1 }
      exit bad
    }' "$1" >&2
}

# First on planted cases, so that a check that stopped finding anything cannot pass.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/bad.c" <<'EOF'
  if (res->opts.min_group < 3)
  case 'm':
    if (cli_parse_long(arg, 3, 1000000, &v))
      return cli_usage_error("x", "--min-group wants a whole number of at least 3");
         "  --min-group N   show no figure for groups under N respondents\n"
         "                  (default 5, at least 3)\n"
EOF
cat >"$tmp/good.c" <<'EOF'
#define SBX_MIN_GROUP_DEFAULT 5
  if (res->opts.min_group < SBX_MIN_GROUP_FLOOR)
    if (cli_parse_long(arg, SBX_MIN_GROUP_FLOOR, 1000000, &v))
      return cli_usage_error("x", "--min-group wants a whole number of at least %d", SBX_MIN_GROUP_FLOOR);
  double ci95 = 1.5; /* min_group is not 3.5 or 0.5 */
static int ok(const hme_acc acc[3], int min_group) { return a[5] > min_group; }
EOF
cat >"$tmp/cell.h" <<'EOF'
typedef struct sbx_cell {
  size_t n;
  SBX_CELL_STATS(SBX__CELL_STAT_FIELD)
  double *item_mean;
} sbx_cell;
typedef struct sbx_reliability {
  SBX_REL_STATS(SBX__REL_STAT_FIELD)
  double planted;
} sbx_reliability;
typedef struct sbx_unit_result {
  SBX_UNIT_STATS(SBX__UNIT_STAT_FIELD)
  double planted_too;
  long headcount;
} sbx_unit_result;
EOF
planted=$(min_group "$tmp/bad.c" 2>&1 || true)
count=$(printf '%s\n' "$planted" | grep -c 'bare number' || true)
if [ "$count" != 4 ]; then
  printf 'FAIL: the planted bare minimum groups gave %s findings, not 4:\n%s\n' "$count" "$planted" >&2
  exit 1
fi
if ! min_group "$tmp/good.c"; then
  echo "FAIL: the check flags the constants themselves" >&2
  exit 1
fi
planted=$(cell_stats "$tmp/cell.h" 2>&1 || true)
count=$(printf '%s\n' "$planted" | grep -c 'outside its list' || true)
if [ "$count" != 2 ]; then
  printf 'FAIL: the planted statistics outside their lists gave %s findings, not 2:\n%s\n' \
    "$count" "$planted" >&2
  exit 1
fi

bad=0
# shellcheck disable=SC2046
min_group $(git ls-files '*.c' '*.h' '*.c.in' | grep -v '^tests/') || bad=1
cell_stats analysis/results.h || bad=1
if [ "$bad" != 0 ]; then
  echo "FAIL: a hand-kept copy of a list (see CONTRIBUTING.md, One list each)" >&2
  exit 1
fi
echo "ok: the minimum group and the statistics of cells, reliabilities and units each come from one list"

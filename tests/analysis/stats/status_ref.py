#!/usr/bin/env python3
"""Rewrites the `status` rows of tests/data/analysis/<set>_ref.csv from the R-computed
figures beside them (mean, ci_lo, ci_hi, fav, n) by the status rule of docs/statistics.md ("How
the figures are computed"), independently of the C code. reference.R's status_of() is
the same rule; R was not at hand when the rule changed, so this script wrote the rows.

    python3 tests/analysis/stats/status_ref.py tests/data/analysis bfi sixbox
"""
import csv
import sys

EPS = 1e-12


def scales(path):
    out = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["scale"], (float(r["min"]), float(r["max"]),
                                        float(r["cutoff"]), r["direction"]))
    return out


def status(n, mean, lo, hi, fav, scale):
    vmin, vmax, cut, direction = scale
    if n < 2:
        return 0
    delta = (vmax - vmin) / 24.0 - EPS
    sign = -1.0 if direction == "low-is-good" else 1.0
    m, a, b = sign * (mean - cut), sign * (lo - cut), sign * (hi - cut)
    near, far = min(a, b), max(a, b)
    if far < 0 and -m >= delta:
        return 1  # weak
    if m < 0:
        return 2  # watch
    if near < delta or not fav >= 0.5:
        return 3  # ok
    return 4      # strength


def main(folder, sets):
    for name in sets:
        sc = scales(f"{folder}/{name}_survey.csv")
        path = f"{folder}/{name}_ref.csv"
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        fig = {}
        for r in rows[1:]:
            if r[0] == "cell" and r[4] == "0" and r[5] != "NA":
                fig[(r[1], r[2], r[3])] = float(r[5])
        changed = 0
        for r in rows[1:]:
            if r[0] != "cell" or r[3] != "status":
                continue
            k = lambda f: fig.get((r[1], r[2], f), float("nan"))
            s = status(k("n"), k("mean"), k("ci_lo"), k("ci_hi"), k("fav"), sc[r[2]])
            changed += str(s) != r[5]
            r[5] = str(s)
        with open(path, "w", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        print(f"{path}: {changed} status rows changed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

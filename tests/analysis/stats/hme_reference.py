#!/usr/bin/env python3
"""Independent reference for the HME index (tests/analysis/stats/hme_reference.sh).

Simulates responses to surveys/definitions/sixbox-hme.xml for the organisation in
tests/data/analysis/hme/org.xml, with skipped answers (each HME answer skipped with
probability 0.12, some respondents skipping a whole delindex, some of unknown unit or
gender), and computes the HME index the way Kolada defines it, written from the
definition and not from sixbox's code:

  statement index = mean over those who answered it of 25 * (answer - 1)
  delindex        = mean of its three statement indices
  totalindex      = mean of the nine statement indices

for every unit (a respondent counts in their unit and every unit above it; unknown
unit only in the whole organisation) and, for the whole organisation, by gender
(K, M). Writes responses.csv (sixbox's normalised form) and hme_ref.tsv beside it.
Run from the project root:  python3 tests/analysis/stats/hme_reference.py
The outputs are committed; the tests need no Python.
"""
import csv
import random
from fractions import Fraction

OUT = "tests/data/analysis/hme/"
PARENT = {"kommun": None, "a": "kommun", "a1": "a", "a2": "a", "b": "kommun", "b1": "b"}
LEAVES = ["a1", "a2", "b1", "b"]  # "b" also has people directly in it
BOX_ITEMS = ["q%02d" % i for i in range(2, 36)]
HME = ["hme%d" % q for q in range(1, 10)]


def simulate(rng):
    rows = []
    for i in range(420):
        unit = "" if i % 41 == 0 else LEAVES[rng.randrange(len(LEAVES))]
        u = rng.random()
        gender = "1" if u < 0.6 else "2" if u < 0.92 else "3" if u < 0.97 else ""
        level = rng.gauss(3.6, 0.7) + (-0.6 if unit == "a2" else 0.0)
        skip_part = rng.randrange(3) if rng.random() < 0.05 else None
        row = {"response_id": str(i + 1), "source": "reference", "unit": unit, "kon": gender}
        for q, item in enumerate(HME):
            skipped = rng.random() < 0.12 or skip_part == q // 3
            v = min(5, max(1, round(level + rng.gauss(0, 0.9))))
            row[item] = "" if skipped else str(v)
        for item in BOX_ITEMS:
            v = min(5, max(1, round(level + rng.gauss(0, 1.0))))
            row[item] = "" if rng.random() < 0.03 else str(v)
        rows.append(row)
    return rows


def ancestors(unit):
    while unit:
        yield unit
        unit = PARENT[unit]


def index(rows):
    """The nine statement indices (exact fractions, or None), the delindex and total."""
    stmt = []
    for item in HME:
        ans = [Fraction(25 * (int(r[item]) - 1)) for r in rows if r[item] != ""]
        stmt.append(sum(ans) / len(ans) if ans else None)
    parts = [None if None in stmt[3 * p:3 * p + 3] else sum(stmt[3 * p:3 * p + 3]) / 3
             for p in range(3)]
    total = None if None in stmt else sum(stmt) / 9
    return stmt, parts, total


def fmt(x):
    return "NA" if x is None else "%.12f" % float(x)


def main():
    rng = random.Random(20261202)
    rows = simulate(rng)
    cols = ["response_id", "source", "unit", "kon"] + HME + BOX_ITEMS
    with open(OUT + "responses.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    groups = {u: [] for u in PARENT}
    for r in rows:
        for u in ancestors(r["unit"]) if r["unit"] else ["kommun"]:
            groups[u].append(r)
    groups["kommun:K"] = [r for r in rows if r["kon"] == "1"]
    groups["kommun:M"] = [r for r in rows if r["kon"] == "2"]
    with open(OUT + "hme_ref.tsv", "w") as f:
        f.write("group\tfigure\tvalue\n")
        for g in ["kommun", "a", "a1", "a2", "b", "b1", "kommun:K", "kommun:M"]:
            stmt, parts, total = index(groups[g])
            f.write("%s\ttotal\t%s\n" % (g, fmt(total)))
            for name, p in zip(["motivation", "ledarskap", "styrning"], parts):
                f.write("%s\t%s\t%s\n" % (g, name, fmt(p)))
            for q, s in enumerate(stmt, 1):
                f.write("%s\tstatement%d\t%s\n" % (g, q, fmt(s)))


if __name__ == "__main__":
    main()

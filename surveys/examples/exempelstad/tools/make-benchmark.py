#!/usr/bin/env python3
"""Writes kolada-benchmark.csv for the Exempelstad example (README.md in this folder).

Exempelstad is fictional, so its own rows (municipality 9999, a code no Swedish
municipality has) are invented, and so is its peer group's id (G90001). The peer
group's values are the unweighted means of seven real municipalities of similar size
(Kungsör 1960, Hallstahammar 1961, Norberg 1962, Sala 1981, Fagersta 1982, Köping
1983, Arboga 1984), and the country's (G2328, "Alla kommuner (ovägt medel)") the
unweighted mean of every municipality with a value: both computed, as Kolada computes
group values, from real Kolada data (the ddf-*.csv dumps of the v2 API, 2024-08, in kolada/ of the
fixtures folder that SIXBOX_FIXTURES_DIR names; CONTRIBUTING.md). HME delindex (U00201-U00203) values are invented: no real ones were at hand.
Run from the project root: python3 surveys/examples/exempelstad/tools/make-benchmark.py
"""
import csv, os, sys

FIX = os.path.join(os.environ.get("SIXBOX_FIXTURES_DIR", ""), "kolada")
PEERS = ["1960", "1961", "1962", "1981", "1982", "1983", "1984"]
YEARS = range(2018, 2023)
FILES = {"U00200": "ddf-u00200-hme-totalindex-by-geo-year.csv",
         "N15419": "ddf-n15419-school-all-subjects-by-geo-year.csv",
         "U21401": "ddf-u21401-homecare-continuity-by-geo-year.csv",
         "N00090": "ddf-n00090-sick-leave-by-geo-year.csv"}
OWN = {  # invented values of the fictional municipality
    ("U00200", 2018): 71.5, ("U00200", 2020): 69.44444444,
    ("N15419", 2018): 74.1, ("N15419", 2019): 73.2, ("N15419", 2020): 72.8,
    ("N15419", 2021): 71.9, ("N15419", 2022): 71.3,
    ("U21401", 2018): 16.0, ("U21401", 2019): 15.0, ("U21401", 2020): 15.0,
    ("U21401", 2021): 14.0, ("U21401", 2022): 14.0,
    ("N00090", 2018): 7.4, ("N00090", 2019): 7.6, ("N00090", 2020): 9.1,
    ("N00090", 2021): 8.7, ("N00090", 2022): 8.1,
    ("LOK-KOF-BESOK", 2021): 4.6, ("LOK-KOF-BESOK", 2022): 5.2,
    ("LOK-SOC-TIDIGT", 2021): 58.0, ("LOK-SOC-TIDIGT", 2022): 64.0,
}
DELTA = {"U00201": 4.0, "U00202": 1.5, "U00203": -5.5}  # invented offsets from U00200


def read(kpi):
    out = {}
    with open(os.path.join(FIX, FILES[kpi])) as f:
        for r in csv.DictReader(f):
            v = r[kpi.lower()]
            if v != "" and r["geo"] != "0000" and not r["geo"].startswith("G"):
                out.setdefault(int(r["year"]), {})[r["geo"]] = float(v)
    return out


def mean(xs):
    return round(sum(xs) / len(xs), 8) if xs else None


def main():
    if not os.path.isdir(FIX):
        sys.exit("the Kolada fixtures are not at %s; set SIXBOX_FIXTURES_DIR to the fixtures "
                 "folder (CONTRIBUTING.md)" % FIX)
    rows = []
    for kpi in FILES:
        data = read(kpi)
        for y in YEARS:
            byg = data.get(y, {})
            peers = mean([byg[m] for m in PEERS if m in byg])
            country = mean(list(byg.values()))
            for mun, v in (("G90001", peers), ("G2328", country)):
                if v is None:
                    continue
                rows.append((kpi, mun, y, "T", v))
                if kpi == "U00200":
                    rows += [(k, mun, y, "T", round(v + d, 8)) for k, d in DELTA.items()]
    for (kpi, y), v in OWN.items():
        rows.append((kpi, "9999", y, "T", v))
        if kpi == "U00200":
            rows += [(k, "9999", y, "T", round(v + d, 8)) for k, d in DELTA.items()]
    rows.sort()
    with open("surveys/examples/exempelstad/kolada-benchmark.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["kpi", "municipality", "period", "gender", "value", "status"])
        for kpi, mun, y, g, v in rows:
            w.writerow([kpi, mun, y, g, ("%.8f" % v).rstrip("0").rstrip("."), ""])


if __name__ == "__main__":
    main()

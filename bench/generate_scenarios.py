#!/usr/bin/env python3
"""Writes a scenario file of N generated scenarios for the study's centres, to measure
`centrecov scenarios` at scale (bench/scenarios_bench.sh) and to test that a large file
runs whole (tests/hostile). Usage: generate_scenarios.py CENTRES.csv N OUT.toml

The first scenario keeps every centre open; each other closes one centre and reopens
another. Every fifth starts from the fifth before it, so a chain of N/5 scenarios each
starting from the one before runs through the file (start_from chains); the rest start
from the first. The same arguments give the same file."""
import csv
import sys

centres_file, count, out_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(centres_file, newline="", encoding="utf-8-sig") as f:
    ids = [row["id"] for row in csv.DictReader(f) if not row.get("duplicate_of")]
n = len(ids)
with open(out_file, "w", encoding="utf-8") as out:
    out.write('[study]\nthresholds_m = [1600, 3200, 5000, 8000]\n\n')
    out.write('[[scenario]]\nid = "g0"\nname = "every centre open"\n\n')
    for k in range(1, count):
        base = f"g{k - 5}" if k % 5 == 0 and k >= 5 else "g0"
        close = ids[(k * 7) % n]
        keep = ids[(k * 13 + 3) % n]
        if keep == close:
            keep = ids[(k * 13 + 4) % n]
        out.write(f'[[scenario]]\nid = "g{k}"\nname = "generated {k}"\nstart_from = "{base}"\n'
                  f'close = ["{close}"]\nkeep = ["{keep}"]\n\n')

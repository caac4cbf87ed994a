#!/usr/bin/env bash
# The main job: installs what is missing, builds, and analyses Norfolk into out/:
# the report (out/report.html, one file that works offline), the layers for QGIS
# (out/centrecov.gpkg), the baseline (out/summary.md), the 2018-19 remodelling options
# (out/scenarios/comparison.md), the best sites for each (out/optimise/optimise.md) and the
# budgets with and without bases in libraries (out/optimise-budgets/optimise.md). Extra arguments go to both commands
# (e.g. --mode straight_line, or --network FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
./build/src/centrecov run --out out "$@"
# The best sites for the council's numbers of bases and the three budgets, and the whole k-curve.
./build/src/centrecov optimise --out out/optimise --k-curve --sites 7,15 --budget 5000000,5750000,7000000 \
  --centre-cost 188679 --mark "7=Sept 2018 proposal" --mark "15=Jan 2019 decision (15 bases)" "$@"
# The 2018-19 options; the report (out/report.html) and the styled GeoPackage (out/centrecov.gpkg)
# go to out/, with the k-curve drawn in the report.
./build/src/centrecov scenarios geodata/scenarios/norfolk.toml --out out/scenarios --report-dir out \
  --k-curve out/optimise/k_curve.csv --mark "7=Sept 2018 proposal" --mark "15=Jan 2019 (15 bases)" "$@"
./build/src/centrecov scenarios out/optimise/optimised.toml --out out/optimise/scenarios --format geojson,csv "$@"
# The three budgets with centres only and when a base may also sit in a library at half a
# centre's cost, side by side, then run as scenarios against today.
./build/src/centrecov optimise --out out/optimise-budgets --compare-colocation \
  --budget 5000000,5750000,7000000 --centre-cost 188679 --library-cost 94340 "$@"
./build/src/centrecov scenarios out/optimise-budgets/optimised.toml --out out/optimise-budgets/scenarios "$@"
# The fewest sites that keep every under-5 in the 30 % most deprived areas (IDACI deciles 1-3)
# within 3.2 km, of those any candidate reaches; centres only and with library bases.
./build/src/centrecov optimise --out out/optimise-deprived --objective cover --threshold 3200 \
  --deprived-deciles 1,2,3 --only-deprived --share reachable --compare-colocation "$@"

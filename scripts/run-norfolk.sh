#!/usr/bin/env bash
# The main job: installs what is missing, builds, and analyses Norfolk into out/:
# the report (out/report.html, one file that works offline), the layers for QGIS
# (out/centrecov.gpkg), the baseline (out/summary.md), the 2018-19 remodelling options
# (out/scenarios/comparison.md), the best sites for each (out/optimise/optimise.md) and the
# budgets with and without bases in libraries (out/optimise-budgets/optimise.md). Extra arguments go to every command
# (e.g. --mode straight_line, or --network FILE).
#
# The four chains of commands below share no output, so they run side by side; each one's
# messages are printed together, in this order, when all have finished.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
centrecov=./build/src/centrecov

baseline() {
  "$centrecov" run --out out "$@"
}

# The best sites for the council's numbers of bases and the three budgets, and the whole
# k-curve; then the 2018-19 options, whose report (out/report.html) and styled GeoPackage
# (out/centrecov.gpkg) go to out/ with the k-curve drawn in the report; then the optimised
# answers run as scenarios against today.
council_options() {
  "$centrecov" optimise --out out/optimise --k-curve --sites 7,15 --budget 5000000,5750000,7000000 \
    --centre-cost 188679 --mark "7=Sept 2018 proposal" --mark "15=Jan 2019 decision (15 bases)" "$@"
  "$centrecov" scenarios geodata/scenarios/norfolk.toml --out out/scenarios --report-dir out \
    --k-curve out/optimise/k_curve.csv --mark "7=Sept 2018 proposal" --mark "15=Jan 2019 (15 bases)" "$@"
  "$centrecov" scenarios out/optimise/optimised.toml --out out/optimise/scenarios --format geojson,csv "$@"
}

# The three budgets with centres only and when a base may also sit in a library at half a
# centre's cost, side by side, then run as scenarios against today.
budgets() {
  "$centrecov" optimise --out out/optimise-budgets --compare-colocation \
    --budget 5000000,5750000,7000000 --centre-cost 188679 --library-cost 94340 "$@"
  "$centrecov" scenarios out/optimise-budgets/optimised.toml --out out/optimise-budgets/scenarios "$@"
}

# The fewest sites that keep every under-5 in the 30 % most deprived areas (IDACI deciles 1-3)
# within 3.2 km, of those any candidate reaches; centres only and with library bases.
deprived() {
  "$centrecov" optimise --out out/optimise-deprived --objective cover --threshold 3200 \
    --deprived-deciles 1,2,3 --only-deprived --share reachable --compare-colocation "$@"
}

# `run` first: the other chains write into folders under out/, which it owns.
baseline "$@"
logs=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$logs"' EXIT
chains=(council_options budgets deprived)
for chain in "${chains[@]}"; do
  "$chain" "$@" >"$logs/$chain.out" 2>"$logs/$chain.err" &
  pids+=($!)
done
failed=0
for i in "${!chains[@]}"; do
  status=0
  wait "${pids[$i]}" || status=$?
  cat "$logs/${chains[$i]}.out"
  cat "$logs/${chains[$i]}.err" >&2
  if [ "$status" -ne 0 ]; then
    echo "run-norfolk: ${chains[$i]} failed (exit $status)" >&2
    failed=$status
  fi
done
exit "$failed"

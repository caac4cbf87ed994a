#!/usr/bin/env bash
# The main job: installs what is missing, builds, and analyses Norfolk into out/:
# the report (out/report.html, one file that works offline), the layers for QGIS
# (out/centrecov.gpkg), the baseline (out/summary.md), the 2018-19 remodelling options
# with the optimised answers beside them (out/scenarios/comparison.md), the best sites for
# each number of bases (out/optimise/optimise.md) and the budgets with and without bases in
# libraries (out/optimise-budgets/optimise.md). Extra arguments go to every command
# (e.g. --mode straight_line, or --network FILE).
#
# Commands that share no output run side by side; each one's messages are printed
# together, in order, when all of that step have finished.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The tests are built by scripts/test.sh, not here: the main job builds only the program.
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=Release -DCENTRECOV_BUILD_TESTS=OFF
centrecov=./build/src/centrecov

baseline() {
  "$centrecov" run --out out "$@"
}

# The best sites for the council's numbers of bases and the three budgets, and the whole
# k-curve (out/optimise).
council_sites() {
  "$centrecov" optimise --out out/optimise --k-curve --sites 7,15 --budget 5000000,5750000,7000000 \
    --centre-cost 188679 --mark "7=Sept 2018 proposal" --mark "15=Jan 2019 decision (15 bases)" "$@"
}

# The three budgets with centres only and when a base may also sit in a library at half a
# centre's cost, side by side (out/optimise-budgets).
budgets() {
  "$centrecov" optimise --out out/optimise-budgets --compare-colocation \
    --budget 5000000,5750000,7000000 --centre-cost 188679 --library-cost 94340 "$@"
}

# The fewest sites that keep every under-5 in the 30 % most deprived areas (IDACI deciles 1-3)
# within 3.2 km, of those any candidate reaches; centres only and with library bases.
deprived() {
  "$centrecov" optimise --out out/optimise-deprived --objective cover --threshold 3200 \
    --deprived-deciles 1,2,3 --only-deprived --share reachable --compare-colocation "$@"
}

# The 2018-19 options and, beside them, the optimised answers for the same numbers of bases
# and budgets (with and without bases in libraries), each against every centre open: one
# comparison, report (out/report.html, with the k-curve) and GeoPackage (out/centrecov.gpkg).
options() {
  "$centrecov" scenarios geodata/scenarios/norfolk.toml --add out/optimise/optimised.toml \
    --add out/optimise-budgets/optimised.toml --out out/scenarios --report-dir out \
    --k-curve out/optimise/k_curve.csv --mark "7=Sept 2018 proposal" --mark "15=Jan 2019 (15 bases)" "$@"
}

# Runs commands side by side; fails if any does, after showing what each printed.
side_by_side() {
  local logs pids=() failed=0 status chain
  logs=$(mktemp -d)
  for chain in "$@"; do
    "$chain" "${args[@]}" >"$logs/$chain.out" 2>"$logs/$chain.err" &
    pids+=($!)
  done
  local i=0
  for chain in "$@"; do
    status=0
    wait "${pids[$i]}" || status=$?
    cat "$logs/$chain.out"
    cat "$logs/$chain.err" >&2
    if [ "$status" -ne 0 ]; then
      echo "run-norfolk: $chain failed (exit $status)" >&2
      failed=$status
    fi
    i=$((i + 1))
  done
  rm -rf "$logs"
  return "$failed"
}

# `run` first: the other commands write into folders under out/, which it owns. Then the
# optimisers side by side, then the options with their answers (deprived needs nothing after).
args=("$@")
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
baseline "$@"
side_by_side council_sites budgets deprived
side_by_side options

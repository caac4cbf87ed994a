#!/usr/bin/env bash
# Builds the benchmarks (Release) and runs them, with the igraph, networkx and
# pgRouting comparisons on the Isle of Wight network and generated road-like graphs.
# Figures are recorded in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for p in python3-igraph python3-networkx postgresql-15-pgrouting; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get install -y -qq $missing >/dev/null
fi
bash scripts/build.sh build-bench -DCMAKE_BUILD_TYPE=Release -DCENTRECOV_BUILD_BENCH=ON -DCENTRECOV_BUILD_TESTS=OFF
data=${CENTRECOV_DATA:-../shared/geodata}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

iow="$data/roads/fallback_non_norfolk/iow_os_opendata.osm.pbf"
CENTRECOV_BENCH_NETWORK="$iow" ./build-bench/bench/network_bench --benchmark_counters_tabular=true
CENTRECOV_DATA="$data" ./build-bench/bench/optimise_bench --benchmark_counters_tabular=true
CENTRECOV_DATA="$data" ./build-bench/bench/uncertainty_bench --benchmark_counters_tabular=true
# A national run's routing (about 6.2 GB at 20 M nodes) and the curve up to it.
for side in 316 1000 2236 4472; do
  /usr/bin/time -f "national_bench $side: %e s wall, %M KB peak" ./build-bench/bench/national_bench "$side"
done

./build-bench/bench/export_graph --network "$iow" "$work/iow.csv" "$work/iow.src"
/usr/bin/python3 bench/compare.py "$work/iow.csv" "$work/iow.src" "isle-of-wight"
bash bench/compare_pgrouting.sh "$work/iow.csv" "$work/iow.src" "isle-of-wight"
for side in 100 316 1000; do
  ./build-bench/bench/export_graph --generated "$side" "$work/g$side.csv" "$work/g$side.src"
  /usr/bin/python3 bench/compare.py "$work/g$side.csv" "$work/g$side.src" "generated-$side"
  bash bench/compare_pgrouting.sh "$work/g$side.csv" "$work/g$side.src" "generated-$side"
done

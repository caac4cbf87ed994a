#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors under AddressSanitizer
# and UndefinedBehaviorSanitizer, and runs every test (unit, CLI, and the
# integration tests on the real data in ../shared/geodata and ../shared/geodata-isle-of-wight,
# or $CENTRECOV_DATA and $CENTRECOV_DATA_ISLE_OF_WIGHT).
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: the HTML report is checked in a real browser (poppler-utils counts its printed pages); qgis: the GeoPackage opens styled in QGIS.
bash scripts/setup.sh chromium poppler-utils qgis python3-qgis
data=${CENTRECOV_DATA:-$(pwd)/../shared/geodata}
iow_data=${CENTRECOV_DATA_ISLE_OF_WIGHT:-$(pwd)/../shared/geodata-isle-of-wight}
bash scripts/build.sh build-test -DCMAKE_BUILD_TYPE=Debug -DCENTRECOV_WERROR=ON \
  -DCENTRECOV_SANITIZE=address,undefined -DCENTRECOV_TEST_DATA="$data" -DCENTRECOV_TEST_DATA_ISLE_OF_WIGHT="$iow_data"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-test && ctest --output-on-failure --no-tests=error -j"$(nproc)")
# libFuzzer on the readers of hostile input (CSV, scenario and profile TOML, network cache, road files),
# a bounded time each; CENTRECOV_FUZZ_SECONDS changes it.
bash scripts/fuzz.sh "${CENTRECOV_FUZZ_SECONDS:-50}"

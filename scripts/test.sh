#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors under AddressSanitizer
# and UndefinedBehaviorSanitizer, and runs every test (unit, CLI, and the
# integration tests on the real data in ../shared/geodata or $CENTRECOV_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: the HTML report is checked in a real browser; qgis: the GeoPackage opens styled in QGIS.
bash scripts/setup.sh chromium qgis python3-qgis
data=${CENTRECOV_DATA:-$(pwd)/../shared/geodata}
bash scripts/build.sh build-test -DCMAKE_BUILD_TYPE=Debug -DCENTRECOV_WERROR=ON \
  -DCENTRECOV_SANITIZE=address,undefined -DCENTRECOV_TEST_DATA="$data"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-test
ctest --output-on-failure -j"$(nproc)"

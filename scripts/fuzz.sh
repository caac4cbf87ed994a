#!/usr/bin/env bash
# Builds the libFuzzer harnesses with Debian's clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each for a bounded time from the seed
# corpus in tests/fuzz/corpus, as the ctest label fuzz, one per core.
# Usage: scripts/fuzz.sh [SECONDS_EACH (default 60)]. Prints each harness's
# executions; fails when a harness finds a crash (its input is kept in build-fuzz/crashes).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/setup.sh clang libclang-rt-14-dev
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCENTRECOV_BUILD_TESTS=OFF \
    -DCENTRECOV_FUZZ=ON -DCENTRECOV_SANITIZE=address,undefined,fuzzer-no-link >/dev/null
fi
cmake build-fuzz -DCENTRECOV_FUZZ_SECONDS="$seconds" >/dev/null
# Only the harnesses (and the stages they read through), not the whole program.
ninja -C build-fuzz csv_fuzz scenario_toml_fuzz profile_toml_fuzz cache_fuzz network_fuzz cache_seed >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ctest --test-dir build-fuzz -L fuzz --no-tests=error -j"$(nproc)" --output-on-failure -V >"$log" 2>&1 || status=$?
# Each harness's own line (executions, or the crash), then ctest's count.
grep -E '^[0-9]+: (fuzz |  |==|SUMMARY)|tests passed|tests failed' "$log" | sed -E 's/^[0-9]+: //' || true
exit "$status"

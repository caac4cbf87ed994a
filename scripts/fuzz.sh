#!/usr/bin/env bash
# Builds the libFuzzer harnesses with Debian's clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each for a bounded time from the seed
# corpus in tests/fuzz/corpus (copied: the repository's corpus is never changed).
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
ninja -C build-fuzz csv_fuzz scenario_toml_fuzz profile_toml_fuzz cache_fuzz network_fuzz cache_seed >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/crashes
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export OSM_USE_CUSTOM_INDEXING=NO
status=0
passed=0
failed=0
for harness in csv scenario_toml profile_toml cache network; do
  mkdir -p "$work/$harness"
  cp tests/fuzz/corpus/$harness/* "$work/$harness/" 2>/dev/null || true
  if [ "$harness" = cache ]; then ./build-fuzz/tests/fuzz/cache_seed "$work/cache/town.bin"; fi
  if ./build-fuzz/tests/fuzz/${harness}_fuzz "$work/$harness" -max_total_time="$seconds" -max_len=65536 \
       -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=build-fuzz/crashes/${harness}- \
       >"$work/$harness.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$harness.log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $harness: $runs executions in ${seconds} s, no crash"
    passed=$((passed + 1))
  else
    echo "fuzz $harness: FAILED (input kept in build-fuzz/crashes/):"
    grep -E 'ERROR|SUMMARY|==[0-9]+==' "$work/$harness.log" | head -20
    status=1
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status

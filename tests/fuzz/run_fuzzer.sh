#!/usr/bin/env bash
# Runs one libFuzzer harness for a bounded time from a copy of its seed corpus (the
# repository's corpus is never changed); a crash fails the test and its input is kept.
# Arguments: harness binary, seconds, seed corpus folder (may be absent), folder for crashes,
# and optionally a program that writes one more seed into the corpus (the cache harness's).
set -euo pipefail
harness=$1 seconds=$2 seeds=$3 crashes=$4 seed_writer=${5:-}
name=$(basename "$harness")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$crashes"
if [ -d "$seeds" ]; then cp "$seeds"/* "$work/corpus/"; fi
if [ -n "$seed_writer" ]; then "$seed_writer" "$work/corpus/seed.bin"; fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export OSM_USE_CUSTOM_INDEXING=NO
if "$harness" "$work/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
     -print_final_stats=1 -artifact_prefix="$crashes/$name-" >"$work/log" 2>&1; then
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz $name: $runs executions in $seconds s, no crash"
else
  echo "fuzz $name: FAILED (input kept in $crashes):"
  grep -E 'ERROR|SUMMARY|==[0-9]+==' "$work/log" | head -20
  exit 1
fi

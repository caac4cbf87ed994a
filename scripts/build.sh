#!/usr/bin/env bash
# Configures and builds centrecov into a build directory.
# Usage: scripts/build.sh [BUILD_DIR] [extra cmake arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
else
  cmake "$build_dir" "$@" >/dev/null
fi
ninja -C "$build_dir" >/dev/null

#!/usr/bin/env bash
# The main job: installs what is missing, builds, and analyses Norfolk into out/:
# the baseline (out/summary.md) and the 2018-19 remodelling options
# (out/scenarios/comparison.md). Extra arguments go to both commands
# (e.g. --mode straight_line, or --network FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
./build/src/centrecov run --out out "$@"
./build/src/centrecov scenarios geodata/scenarios/norfolk.toml --out out/scenarios "$@"

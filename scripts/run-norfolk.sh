#!/usr/bin/env bash
# The main job: installs what is missing, builds, and analyses Norfolk into out/.
# Extra arguments go to 'centrecov run' (e.g. --mode straight_line).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
./build/src/centrecov run --out out "$@"

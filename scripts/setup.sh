#!/usr/bin/env bash
# Installs the Debian packages centrecov needs to build, test and run, when any is missing,
# and from npm (pinned in web/package-lock.json) the report's front-end library, Leaflet, eslint for its scripts, axe-core and playwright-core
# (which drives Debian's chromium in the planner's browser test; it downloads no browser).
# Safe to run again: it installs nothing when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgdal-dev gdal-bin            # vector I/O and coordinate transforms
  libgeos-dev                     # geometry (reentrant C API)
  libboost-dev libboost-graph-dev # road graph and shortest paths
  libcli11-dev                    # command line
  libtomlplusplus-dev             # scenario files
  nlohmann-json3-dev              # JSON output
  libspdlog-dev libfmt-dev        # logging and formatting
  libtbb-dev                      # parallel routing
  coinor-libcbc-dev               # exact optimisation (MILP)
  libgtest-dev libgmock-dev       # unit tests
  libbenchmark-dev                # benchmarks
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node and npm fetch Leaflet at build time; any working npm will do.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# Extra packages a caller asks for (the tests add chromium).
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$(dirname "$0")/.."
if [ ! -f web/node_modules/leaflet/dist/leaflet.js ] || [ ! -x web/node_modules/.bin/eslint ] ||
   [ ! -f web/node_modules/playwright-core/index.mjs ] || [ ! -f web/node_modules/axe-core/axe.min.js ]; then
  echo "setup: installing Leaflet, eslint, playwright-core and axe-core (web/package-lock.json) from npm into web/node_modules" >&2
  npm ci --prefix web --no-audit --no-fund --loglevel=error >/dev/null
fi

#!/usr/bin/env bash
# Installs the Debian packages centrecov needs to build, test and run, when any is missing.
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

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

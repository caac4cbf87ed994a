#!/usr/bin/env bash
# The GeoPackage opened in QGIS itself: every layer styled from the file.
# Arguments: centrecov, data directory, source directory, folder for the rendered map.
set -eu
centrecov=$(realpath "$1")
data=$(realpath "$2")
source=$(realpath "$3")
mkdir -p "$4"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$centrecov" --quiet scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --format gpkg \
  --draws 0 --out "$work" >/dev/null 2>&1
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
/usr/bin/python3 "$source/tests/qgis/check_styles.py" "$work/centrecov.gpkg" "$4/norfolk-in-qgis.png"

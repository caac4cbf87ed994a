#!/usr/bin/env bash
# Builds the zip QGIS's Plugins > Manage and Install Plugins > Install from ZIP takes: the
# qgis/centrecov folder (the Processing provider) under its own name, without caches.
# Usage: scripts/package-qgis-plugin.sh [OUT_DIR]   (default: the current folder)
# Prints the zip's path. The same sources give the same bytes (entries sorted, dates fixed).
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../qgis" && pwd)
out_dir=${1:-.}
mkdir -p "$out_dir"
version=$(sed -n 's/^version=//p' "$source_dir/centrecov/metadata.txt")
[ -n "$version" ] || { echo "package-qgis-plugin: no version= in qgis/centrecov/metadata.txt" >&2; exit 1; }
zip_path="$(cd "$out_dir" && pwd)/centrecov-qgis-plugin-$version.zip"
python3 - "$source_dir" "$zip_path" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
files = []
for folder, dirs, names in os.walk(os.path.join(source, "centrecov")):
    dirs[:] = sorted(d for d in dirs if d != "__pycache__")
    files += [os.path.join(folder, n) for n in names if not n.endswith((".pyc", "~"))]
partial = target + ".partial"
with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
    for path in sorted(files):
        entry = zipfile.ZipInfo(os.path.relpath(path, source), date_time=(1980, 1, 1, 0, 0, 0))
        entry.external_attr = 0o644 << 16
        entry.compress_type = zipfile.ZIP_DEFLATED
        with open(path, "rb") as f:
            archive.writestr(entry, f.read())
os.replace(partial, target)
PY
echo "$zip_path"

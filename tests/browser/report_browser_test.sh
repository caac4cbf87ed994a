#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads report.html from
# disk with the network off and the test reads the page it rendered: no
# errors, the map drawn with every area, the charts drawn, and a site named
# like a script shown as text. Also the GeoPackage: every layer opens with GDAL,
# QGIS styles are stored, and the same inputs give the same bytes.
# Arguments: centrecov, data directory, source directory, folder for the screenshots.
set -u
centrecov=$(realpath "$1")
data=$(realpath "$2")
source=$(realpath "$3")
shots=$4
mkdir -p "$shots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/checks.sh"

browser() {  # browser OUT_DOM OUT_LOG URL [more flags]
    local dom=$1 log=$2 url=$3
    shift 3
    timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
        --user-data-dir="$(mktemp -d -p "$work")" --enable-logging=stderr --v=0 --virtual-time-budget=20000 \
        "$@" "$url" >"$dom" 2>"$log"
}

# A site named like a script, and one with quotes and an ampersand.
/usr/bin/python3 - "$data/centres/norfolk_childrens_centres_2017.csv" "$work/centres.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
name = rows[0].index('name')
rows[1][name] = '<script>alert(1)</script>'
rows[2][name] = 'Tom & "Jerry\'s" <b>centre</b>'
csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows(rows)
PY

$centrecov --quiet optimise --data "$data" --k-curve --out "$work/opt" >/dev/null 2>&1
check "the k-curve is made" test -s "$work/opt/k_curve.csv"
$centrecov --quiet scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --centres "$work/centres.csv" \
    --out "$work/scen" --k-curve "$work/opt/k_curve.csv" --mark "7=Sept 2018" --open --draws 50 >"$work/stdout" 2>"$work/log"
check "scenarios with a report exit 0" test $? -eq 0
report="$work/scen/report.html"
check "--open prints the report's path" contains "$work/stdout" "open file://$report"
check "the report is one file" test -s "$report"
check "the script-like name is escaped in the file" contains "$report" "&lt;script&gt;alert(1)&lt;/script&gt;"
check "no raw script tag from the input" bash -c "! grep -qF '<script>alert(1)' '$report'"
check "quotes and ampersands are escaped" contains "$report" "Tom &amp; &quot;Jerry&#39;s&quot; &lt;b&gt;centre&lt;/b&gt;"
check "nothing is fetched from the web: no http(s) src" bash -c "! grep -qE 'src=\"https?:' '$report'"

browser "$work/dom.html" "$work/browser.log" "file://$report" --dump-dom
check "the browser rendered the page" test -s "$work/dom.html"
check "no errors on the page" contains "$work/dom.html" 'data-errors="0"'
check "no alert ran" bash -c "! grep -qF 'data-alerted=\"1\"' '$work/dom.html'"
check "no uncaught errors in the console" bash -c "! grep -qiE 'Uncaught|CONSOLE.*error' '$work/browser.log'"
check "the map is drawn" contains "$work/dom.html" 'data-map-ready="1"'
check "the map has every area" contains "$work/dom.html" 'data-map-areas="538"'
check "the map shows the sites" grep -qE 'data-site-markers="[1-9][0-9]*"' "$work/dom.html"
# Reach areas are embedded once however many scenarios share them; the first scenario's are all drawn.
reach_areas=$(ogrinfo -q -sql "SELECT COUNT(*) AS n FROM reach" "$work/scen/baseline-2017-18/reach.geojson" |
    sed -n 's/.*n (Integer[0-9]*) = \([0-9]*\).*/\1/p')
check "the map draws the first scenario's reach areas ($reach_areas)" contains "$work/dom.html" \
    "data-reach-areas=\"$reach_areas\""
check "Leaflet drew the areas" grep -q 'leaflet-overlay-pane' "$work/dom.html"
series=$(grep -oF 'class="coverage-series"' "$work/dom.html" | wc -l)
check "the coverage chart has a line per scenario (8)" test "$series" -eq 8
check "the k-curve chart is drawn" contains "$work/dom.html" 'id="k-curve-chart"'
check "the k-curve is marked" contains "$work/dom.html" "Sept 2018"
check "a static map per scenario" test "$(count_of "$work/dom.html" 'class="static-map"')" -eq 8
check "the script-like name shows as text" contains "$work/dom.html" "&lt;script&gt;alert(1)&lt;/script&gt;"
check "every site's precision is listed" contains "$work/dom.html" 'id="site-list"'
check "the report says how sure its figures are" contains "$work/dom.html" 'id="how-sure"'
check "the addresses to confirm first are listed" contains "$work/dom.html" 'id="confirm-first"'
check "the unplaced centres' bounds are given" contains "$work/dom.html" 'id="unplaced-bounds"'
check "the comparison gives each share's range" grep -qE '<td class="n">[0-9.]+ % \([0-9.]+-[0-9.]+ %\)</td>' "$work/dom.html"
check "the coverage chart draws the ranges" test "$(count_of "$work/dom.html" 'class="range"')" -ge 8

browser "$work/shot.log" "$work/shot.err" "file://$report" --hide-scrollbars --window-size=1200,2600 \
    --screenshot="$shots/norfolk-report.png"
check "a screenshot is saved" test -s "$shots/norfolk-report.png"

# GeoPackage: layers, styles, same bytes twice.
gpkg="$work/scen/centrecov.gpkg"
ogrinfo -q "$gpkg" >"$work/layers" 2>&1
check "the GeoPackage opens" test $? -eq 0
check "35 layers: 4 per scenario, districts, postcodes, styles" test "$(grep -c '^[0-9]*: ' "$work/layers")" -eq 35
check "styles for every spatial layer" bash -c \
    "ogrinfo -q -sql 'SELECT COUNT(*) AS n FROM layer_styles WHERE useAsDefault = 1' '$gpkg' | grep -qE 'n \\(Integer(64)?\\) = 34'"
check "closed sites are struck through" bash -c \
    "ogrinfo -q -sql \"SELECT styleQML FROM layer_styles WHERE f_table_name = 'proposal-sept-2018_sites'\" '$gpkg' | grep -q cross2"
for layer in $(sed -n 's/^[0-9]*: \([^ ]*\).*/\1/p' "$work/layers"); do
    ogrinfo -so -q "$gpkg" "$layer" >/dev/null 2>&1 || { echo "layer $layer does not open" >&2; failed=$((failed + 1)); }
done
check "reach areas are multipolygons" bash -c "ogrinfo -so '$gpkg' baseline-2017-18_reach | grep -q 'Geometry: Multi Polygon'"
$centrecov --quiet scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --centres "$work/centres.csv" \
    --out "$work/again" --format gpkg,html --k-curve "$work/opt/k_curve.csv" --mark "7=Sept 2018" --draws 50 >/dev/null 2>&1
check "the same GeoPackage bytes twice" cmp -s "$gpkg" "$work/again/centrecov.gpkg"
check "the same report bytes twice" cmp -s "$report" "$work/again/report.html"
check "--format leaves out what was not asked" test ! -e "$work/again/baseline-2017-18/lsoa.geojson"
unopened=0
for file in "$work"/scen/*/*.geojson; do
    ogrinfo -so -q "$file" >/dev/null 2>&1 || { echo "cannot open $file" >&2; unopened=$((unopened + 1)); }
done
check "every GeoJSON of the run opens with GDAL" test "$unopened" -eq 0
check "GeoJSON is RFC 7946: WGS84 longitude/latitude" bash -c \
    "ogrinfo -so '$work/scen/baseline-2017-18/reach.geojson' reach | grep -qE 'Extent: \\(0\\.[0-9]+, 52\\.[0-9]+\\) - \\(1\\.[0-9]+, 5[23]\\.[0-9]+\\)'"
$centrecov --quiet scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --format pdf \
    --out "$work/bad" >"$work/log" 2>&1
check "an unknown format exits 2" test $? -eq 2
check "an unknown format is explained" contains "$work/log" "--format takes geojson, csv, gpkg and html, not 'pdf'"

finish browser

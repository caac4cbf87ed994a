#!/usr/bin/env bash
# Downloads the data centrecov reads, from its publishers, into DIR (default
# ./geodata-download), in the layout of ../shared/geodata, for Norfolk
# (county E10000020). Needs internet, curl, unzip, python3 with openpyxl and
# GDAL's ogr2ogr (scripts/setup.sh installs gdal-bin).
#
# Usage: scripts/fetch-geodata.sh [DIR] [--with-open-roads]
# Then:  centrecov run --data DIR
#
# The children's centres file (centres/norfolk_childrens_centres_2017.csv) is
# compiled by hand from news reports and council pages; no publisher offers it,
# so it is not downloaded: copy it from the project's shared data or write your own.
set -euo pipefail

dir=${1:-geodata-download}
with_open_roads=no
[ "${2:-}" = "--with-open-roads" ] && with_open_roads=yes

county=E10000020
districts="'E07000143','E07000144','E07000145','E07000146','E07000147','E07000148','E07000149'"
ons=https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services
os_downloads=https://api.os.uk/downloads/v1/products

for tool in curl unzip python3 ogr2ogr; do
  command -v "$tool" >/dev/null || { echo "fetch: needs $tool (apt-get install curl unzip python3-openpyxl gdal-bin)" >&2; exit 1; }
done
python3 -c 'import openpyxl' 2>/dev/null || { echo "fetch: needs python3-openpyxl (apt-get install python3-openpyxl)" >&2; exit 1; }

mkdir -p "$dir"/{boundaries,centres/libraries,gazetteer,population,postcodes,roads}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
get() { echo "fetch: $1" >&2; curl -fSL --retry 3 -o "$2" "$1"; }

# An ONS Open Geography feature service queried for Norfolk, as GeoJSON (WGS84).
lsoa11_in_norfolk="LSOA11NM LIKE 'Breckland%' OR LSOA11NM LIKE 'Broadland%' OR LSOA11NM LIKE 'Great Yarmouth%' OR LSOA11NM LIKE 'King''s Lynn%' OR LSOA11NM LIKE 'North Norfolk%' OR LSOA11NM LIKE 'Norwich%' OR LSOA11NM LIKE 'South Norfolk%'"
ons_query() {  # service where out
  get "$ons/$1/FeatureServer/0/query?where=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$2")&outFields=*&outSR=4326&f=geojson" "$3"
}

# --- boundaries (ONS Open Geography Portal, OGL v3) ---
ons_query LSOA_Dec_2011_Boundaries_Generalised_Clipped_BGC_EW_V3 "$lsoa11_in_norfolk" \
  "$dir/boundaries/norfolk_lsoa11_bgc.geojson"
ons_query Wards_May_2025_Boundaries_UK_BGC "LAD25CD IN ($districts)" "$dir/boundaries/norfolk_wards25_bgc.geojson"

# --- population (ONS mid-2020 estimates; ONS centroids; MHCLG IoD2019) ---
ons_query LSOA_Dec_2011_PWC_in_England_and_Wales_2022 "$lsoa11_in_norfolk" "$tmp/pwc.geojson"
ogr2ogr -f CSV "$dir/population/lsoa11_population_weighted_centroids_norfolk.csv" "$tmp/pwc.geojson" \
  -lco GEOMETRY=AS_XY -sql "SELECT LSOA11CD AS lsoa11cd, LSOA11NM AS lsoa11nm FROM pwc"

get "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/845345/File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv" "$tmp/iod.csv"
ogr2ogr -f CSV "$dir/population/iod2019_idaci_imd_lsoa11_norfolk.csv" "$tmp/iod.csv" \
  -where "\"Local Authority District code (2019)\" IN ($districts)"

get "https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/populationandmigration/populationestimates/datasets/lowersuperoutputareamidyearpopulationestimates/mid2020sape23dt2/sape23dt2mid2020lsoasyoaestimatesunformatted.xlsx" "$tmp/sape.xlsx"
python3 - "$tmp/sape.xlsx" "$dir/population/sape23dt2_mid2020_lsoa11_syoa_persons_norfolk.csv" "$districts" <<'PY'
import csv, sys
from openpyxl import load_workbook
source, target, districts = sys.argv[1], sys.argv[2], sys.argv[3].replace("'", "").split(",")
sheet = load_workbook(source, read_only=True)["Mid-2020 Persons"]
rows = sheet.iter_rows(values_only=True)
for header in rows:  # skip the title rows down to the column names
    if header and header[0] == "LSOA Code":
        break
la_column = header.index("LA Code (2021 boundaries)")
ages = [str(a) for a in header[7:]]
with open(target, "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(["lsoa11_name", "lsoa11_code", "total_population"] + ages)
    for row in rows:
        if row[0] and row[la_column] in districts:
            writer.writerow([row[1], row[0], row[6]] + list(row[7:]))
PY

# --- postcodes (OS Code-Point Open) ---
get "$os_downloads/CodePointOpen/downloads?area=GB&format=CSV&redirect" "$tmp/codepo.zip"
unzip -q -o "$tmp/codepo.zip" -d "$tmp/codepo"
{
  echo "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code,NHS_regional_HA_code,NHS_HA_code,Admin_county_code,Admin_district_code,Admin_ward_code"
  cat "$tmp"/codepo/Data/CSV/*.csv | tr -d '"' | awk -F, -v c="$county" '$8 == c'
} >"$dir/postcodes/codepoint_open_2025_10_norfolk.csv"

# --- gazetteer (OS Open Names; school register; mobile-library stops) ---
get "$os_downloads/OpenNames/downloads?area=GB&format=CSV&redirect" "$tmp/names.zip"
unzip -q -o "$tmp/names.zip" -d "$tmp/names"
{
  cat "$tmp"/names/Doc/OS_Open_Names_Header.csv 2>/dev/null || cat "$tmp"/names/DOC/OS_Open_Names_Header.csv
  for tile in TF40 TF42 TF60 TF62 TF64 TF80 TF82 TF84 TG00 TG02 TG04 TG20 TG22 TG24 TG40 TG42 TL68 TL88 TM08 TM28 TM48 TM49 TL69 TL89; do
    cat "$tmp"/names/Data/"$tile".csv 2>/dev/null || cat "$tmp"/names/DATA/"$tile".csv 2>/dev/null || true
  done
} >"$tmp/names.csv"
ogr2ogr -f CSV "$dir/gazetteer/os_open_names_2024_norfolk_roads_places.csv" "$tmp/names.csv" \
  -where "COUNTY_UNITARY = 'Norfolk' AND TYPE IN ('populatedPlace','transportNetwork')"

get "https://raw.githubusercontent.com/symroe/school-eng-data/master/data/School/schools.tsv" "$dir/gazetteer/school_register_2015_norfolk_schools.tsv"
get "https://raw.githubusercontent.com/symroe/school-eng-data/master/data/Address/addresses.tsv" "$dir/gazetteer/school_register_2015_norfolk_addresses.tsv"
get "https://raw.githubusercontent.com/LibrariesHacked/mobilelibraries-data/main/data/norfolk.csv" "$dir/gazetteer/norfolk_mobile_library_stops_2019.csv"

# --- libraries (Libraries Hacked public library data) ---
get "https://raw.githubusercontent.com/LibrariesHacked/librarydata-db/main/data/schemas/libraries/norfolk_county_council.csv" "$dir/centres/libraries/norfolk_county_council.csv"

# --- roads (OpenStreetMap via Geofabrik; optionally OS Open Roads) ---
get "https://download.geofabrik.de/europe/united-kingdom/england/norfolk-latest.osm.pbf" "$dir/roads/norfolk-latest.osm.pbf"
if [ "$with_open_roads" = yes ]; then
  get "$os_downloads/OpenRoads/downloads?area=GB&format=GeoPackage&redirect" "$tmp/roads.zip"
  unzip -q -o "$tmp/roads.zip" -d "$dir/roads/os_open_roads"
fi

echo "fetch: done; now run: centrecov run --data $dir" >&2

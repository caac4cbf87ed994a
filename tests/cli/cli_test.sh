#!/usr/bin/env bash
# End-to-end checks of the centrecov command line: help, version, exit codes,
# messages for bad input, and no partial output.
set -u
centrecov=$(realpath "$1")
data=$(realpath "$2")
iow_data=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/checks.sh"
# Runs whose subject is not the uncertainty draws make none (at postcode level 200 draws are most of
# a run in the sanitizer build); the draws' own checks, and figures shown with their range, take 20
# (the fewest that give a range), and the plain run the default.
few_draws="--draws 0"
ranged_draws="--draws 20"

# --help and --version on the tool and on each subcommand.
for sub in "" geocode run calibrate scenarios optimise; do
    $centrecov $sub --help >"$work/help" 2>&1
    check "$sub --help exits 0" test $? -eq 0
    check "$sub --help shows usage" contains "$work/help" "Usage"
    $centrecov $sub --version >"$work/version" 2>&1
    check "$sub --version exits 0" test $? -eq 0
    check "$sub --version names the tool" contains "$work/version" "centrecov 0."
done

# A data directory that does not exist: usage error naming it and the fetch script.
$centrecov run --data "$work/nowhere" --out "$work/out" >"$work/log" 2>&1
check "missing data exits 2" test $? -eq 2
check "missing data is named" contains "$work/log" "$work/nowhere"
check "missing data says how to fetch" contains "$work/log" "scripts/fetch-geodata.sh"

# A study whose manifest names a data directory that is not there: exit 2, naming it and the fetch script.
sed 's|^data = .*|data = "nowhere"|' "$(dirname "$0")/../../geodata/studies/norfolk.toml" >"$work/lost.toml"
(cd "$work" && env -u CENTRECOV_DATA "$centrecov" run --study "$work/lost.toml" --out "$work/out" >"$work/log" 2>&1)
check "no data directory exits 2" test $? -eq 2
check "no data directory is named" contains "$work/log" "$work/nowhere"
check "no data directory says how to fetch" contains "$work/log" "scripts/fetch-geodata.sh"
# An unknown study: exit 2, listing the studies there are.
$centrecov run --study atlantis --out "$work/out" >"$work/log" 2>&1
check "unknown study exits 2" test $? -eq 2
check "unknown study lists the studies" contains "$work/log" "there are: isle-of-wight, norfolk"
# A manifest naming a file that is not there: the key and the line.
sed 's|^wards = .*|wards = "boundaries/none.geojson"|' "$(dirname "$0")/../../geodata/studies/norfolk.toml" >"$work/nowards.toml"
$centrecov run --study "$work/nowards.toml" --data "$data" --out "$work/out" >"$work/log" 2>&1
check "missing manifest file exits 1" test $? -eq 1
check "missing manifest file names the key" contains "$work/log" "nowards.toml, line "
check "missing manifest file names the file" contains "$work/log" "'wards': $data/boundaries/none.geojson does not exist"
check "nothing is written for a bad study" test ! -e "$work/out"
# A column the manifest names that the file lacks: the file, the column and the manifest.
printf '\n[columns.population]\nunder5 = ["0", "1", "under_one"]\n' | cat "$(dirname "$0")/../../geodata/studies/norfolk.toml" - >"$work/badcolumn.toml"
$centrecov run --study "$work/badcolumn.toml" --data "$data" --out "$work/out" >"$work/log" 2>&1
check "a missing manifest column exits 1" test $? -eq 1
check "a missing manifest column is named with its file" grep -q "sape23dt2.*missing column 'under_one'" "$work/log"
check "a missing manifest column names the manifest" contains "$work/log" "the study manifest $work/badcolumn.toml"

# A centres file with a duplicate id: input error with file and line, no output written.
printf 'id,name,district,street,locality,ward,postcode,host_site,duplicate_of\na,A,Norwich,,Acle,,,,\na,B,Norwich,,Acle,,,,\n' >"$work/centres.csv"
$centrecov --quiet run --data "$data" --centres "$work/centres.csv" --out "$work/bad-out" >"$work/log" 2>&1
check "duplicate id exits 1" test $? -eq 1
check "duplicate id names file and line" contains "$work/log" "centres.csv, line 3: duplicate id 'a'"
check "no partial output" test ! -e "$work/bad-out"

# A centres file missing a column.
printf 'id,name\na,A\n' >"$work/short.csv"
$centrecov --quiet run --data "$data" --centres "$work/short.csv" --out "$work/bad-out" >"$work/log" 2>&1
check "missing column exits 1" test $? -eq 1
check "missing column is named" contains "$work/log" "missing columns 'district'"

# Bad options.
$centrecov run --data "$data" --thresholds 1600,-5 --out "$work/bad-out" >"$work/log" 2>&1
check "negative threshold exits 2" test $? -eq 2
$centrecov run --data "$data" --mode network --out "$work/bad-out" >"$work/log" 2>&1
check "unknown mode exits 2" test $? -eq 2
check "unknown mode explains" contains "$work/log" "--mode must be"

# An unknown postcode is a warning, not a failure: the site falls back and says why.
printf 'id,name,district,street,locality,ward,postcode,host_site,duplicate_of\na,Acle CC,Broadland,,Acle,,ZZ99 9ZZ,,\n' >"$work/one.csv"
$centrecov --quiet geocode --data "$data" --centres "$work/one.csv" --out "$work/geo" >"$work/log" 2>&1
check "unknown postcode still geocodes" test $? -eq 0
check "unknown postcode is explained" contains "$work/geo/sites.csv" "ZZ99 9ZZ is not in Code-Point Open"
check "falls back to the locality" contains "$work/geo/sites.csv" ",locality,"

# The real run: quiet prints no progress or info, writes every output.
$centrecov --quiet run --data "$data" --out "$work/out" >"$work/stdout" 2>"$work/stderr"
check "run exits 0" test $? -eq 0
check "quiet run logs no info" bash -c "! grep -q '^info' '$work/stderr'"
check "the summary says why no network was used" contains "$work/out/summary.md" "the study's road file norfolk-latest.osm.pbf is not in the data directory"
for f in lsoa.geojson lsoa.csv sites.geojson sites.csv summary.csv summary.json summary.md; do
    check "run wrote $f" test -s "$work/out/$f"
done
if command -v ogrinfo >/dev/null; then
    ogrinfo -ro -so -al "$work/out/lsoa.geojson" >"$work/ogr" 2>&1
    check "ogrinfo opens lsoa.geojson" contains "$work/ogr" "Feature Count: 538"
fi
check "no temporary files left" bash -c "! ls -a '$work/out' | grep -q partial"
# Measured from postcodes, the run gives the centroid figures beside them as the comparison:
# the same numbers as a run from centroids.
$centrecov --quiet run --data "$data" --draws 0 --families-at centroids --out "$work/centroids" >/dev/null 2>&1
check "the centroid comparison equals a run from centroids" python3 -c '
import json, sys
postcodes, centroids = (json.load(open(p)) for p in sys.argv[1:3])
comparison = [(c["threshold_m"], c["covered_under5"], c["share"]) for c in postcodes["families"]["coverage_from_centroids"]]
assert "coverage_from_centroids" not in centroids["families"]
from_run = [(w["threshold_m"], w["under5"], w["share"]) for w in centroids["coverage"]["all"]["within"]]
assert comparison == from_run, (comparison, from_run)
assert comparison != [(w["threshold_m"], w["under5"], w["share"]) for w in postcodes["coverage"]["all"]["within"]]
' "$work/out/summary.json" "$work/centroids/summary.json"
check "summary.md gives the centroid comparison" contains "$work/out/summary.md" "population-weighted centroid instead"

# Calibration on the real Isle of Wight network, then a run that takes its factor.
iow="$iow_data/roads/isle_of_wight_os_opendata.osm.pbf"
$centrecov --quiet calibrate --network "$iow" --pairs 300 --out "$work/cal.json" >"$work/stdout" 2>"$work/stderr"
check "calibrate exits 0" test $? -eq 0
check "calibrate prints the circuity" contains "$work/stdout" "circuity (drive): median"
check "calibrate writes JSON" contains "$work/cal.json" '"circuity":'
$centrecov --quiet run --data "$data" --calibration "$work/cal.json" --out "$work/cal-out" >/dev/null 2>&1
circuity=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["circuity"])' "$work/cal.json")
check "run takes the calibrated circuity" contains "$work/cal-out/summary.json" "\"circuity\": $circuity"
$centrecov run --data "$data" --calibration "$work/cal.json" --circuity 1.2 --out "$work/bad-out" >"$work/log" 2>&1
check "calibration and circuity together are refused" test $? -ne 0
check "calibrate writes the spread (21 quantiles)" python3 -c 'import json, sys; q = json.load(open(sys.argv[1]))["quantiles"]; sys.exit(len(q) != 21 or q != sorted(q))' "$work/cal.json"
check "the run's ranges say they draw from the calibration's spread" contains "$work/cal-out/summary.md" "the spread in cal.json"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["quantiles"] = d["quantiles"][::-1]; json.dump(d, open(sys.argv[2], "w"))' "$work/cal.json" "$work/falling.json"
$centrecov run --data "$data" --calibration "$work/falling.json" --out "$work/bad-out" >"$work/log" 2>&1
check "a falling spread exits 1" test $? -eq 1
check "a falling spread names the file and the key" contains "$work/log" "falling.json"
check "a falling spread writes nothing" absent "$work/bad-out"

# The uncertainty draws: ranges in every table, the same bytes for the same seed whatever
# the thread count, none with --draws 0, a bad count refused.
$centrecov --quiet run --data "$data" $ranged_draws --out "$work/draws" >/dev/null 2>&1
check "summary.csv has each share's range" bash -c "head -1 '$work/draws/summary.csv' | grep -q 'share_within_1600m_low,share_within_1600m_high'"
check "every range holds its share" python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    for t in ("1600", "3200", "5000", "8000"):
        share, low, high = (float(row["share_within_%sm%s" % (t, s)]) for s in ("", "_low", "_high"))
        assert low <= share <= high, (row["key"], t, low, share, high)
' "$work/draws/summary.csv"
check "summary.md names the addresses to confirm first" contains "$work/draws/summary.md" "### Confirm these addresses first"
$centrecov --quiet run --data "$data" $ranged_draws --out "$work/draws2" >"$work/stdout" 2>/dev/null
check "the terminal gives the range" grep -qE '1.6 km: .* % \([0-9.]+-[0-9.]+ %\)\)' "$work/stdout"
taskset -c 0 $centrecov --quiet run --data "$data" $ranged_draws --out "$work/draws-one" >/dev/null 2>&1
check "one thread gives the same summary.csv" cmp -s "$work/draws/summary.csv" "$work/draws-one/summary.csv"
$centrecov --quiet run --data "$data" $ranged_draws --out "$work/draws-seed" --seed 2 >/dev/null 2>&1
check "another seed draws again" bash -c "! cmp -s '$work/draws/summary.csv' '$work/draws-seed/summary.csv'"
$centrecov --quiet run --data "$data" --out "$work/no-draws" --draws 0 >/dev/null 2>&1
check "--draws 0 says there is no range" contains "$work/no-draws/summary.md" "No uncertainty draws were made"
$centrecov run --data "$data" --out "$work/bad-draws" --draws -3 >"$work/log" 2>&1
check "a negative --draws exits 2" test $? -eq 2
check "a negative --draws is named" contains "$work/log" "--draws"
check "a negative --draws writes nothing" absent "$work/bad-draws"

# The Isle of Wight from its manifest: along its roads with no other option; near misses
# reported and, when asked, joined with the effect in the summary; its scenario file picks the study.
$centrecov --quiet run --study isle-of-wight --data "$iow_data" --out "$work/iow" >"$work/stdout" 2>"$work/log"
check "isle of wight run exits 0" test $? -eq 0
check "isle of wight is measured along roads" contains "$work/iow/summary.json" '"mode": "network_walk"'
check "isle of wight near misses are listed" test -s "$work/iow/near_misses.csv"
check "isle of wight near misses are said" contains "$work/iow/summary.md" "They were left as they are"
$centrecov --quiet run --study isle-of-wight --data "$iow_data" --join-near-misses $few_draws --out "$work/iow-joined" >/dev/null 2>&1
check "joined near misses are said with their effect" grep -qE "with the repair, [0-9.]+ % without" "$work/iow-joined/summary.md"
$centrecov --quiet run --study isle-of-wight --data "$iow_data" --near-miss-gap 0 --out "$work/bad-out" >"$work/log" 2>&1
check "a zero near-miss gap exits 2" test $? -eq 2
iow_scenarios="$(dirname "$0")/../../geodata/scenarios/isle-of-wight.toml"
$centrecov --quiet scenarios "$iow_scenarios" --data "$iow_data" --out "$work/iow-scen" --format csv $few_draws >/dev/null 2>"$work/log"
check "isle of wight scenarios exit 0" test $? -eq 0
check "isle of wight scenarios take the study from the file" contains "$work/iow-scen/run.json" '"name": "isle-of-wight"'
check "isle of wight scenarios are measured along roads" contains "$work/iow-scen/run.json" '"mode": "network_walk"'
check "isle of wight scenarios say the road file's near misses" contains "$work/iow-scen/comparison.md" "near misses"

# A network that does not cover Norfolk: an error naming it, and no outputs.
$centrecov --quiet run --data "$data" --network "$iow" --out "$work/wrong-net" >"$work/log" 2>&1
check "wrong network exits 1" test $? -eq 1
check "wrong network is explained" contains "$work/log" "does not cover the study area"
check "wrong network writes no summary" test ! -e "$work/wrong-net/summary.json"
$centrecov --quiet calibrate --network "$work/centres.csv" >"$work/log" 2>&1
check "a table is not a road network" test $? -eq 1

# Scenario files: the shipped Norfolk options run; a mistake names file and line and writes nothing.
scenarios="$(dirname "$0")/../../geodata/scenarios/norfolk.toml"
$centrecov --quiet scenarios "$scenarios" --data "$data" --out "$work/scen" $few_draws >"$work/stdout" 2>"$work/log"
check "scenarios exit 0" test $? -eq 0
check "scenarios write the comparison" test -s "$work/scen/comparison.md"
check "scenarios write a folder per scenario" test -s "$work/scen/proposal-sept-2018/lsoa.geojson"
check "scenarios write run.json" contains "$work/scen/run.json" '"fnv1a64:'
check "a scenario over its own budget is warned of" grep -q "Warning:.* over its budget" "$work/scen/comparison.md"
# An optimiser's answers beside the options (--add): run and compared with the first file's start, at the
# optimiser's prices; a clashing id is refused naming both files, and nothing is written.
$centrecov --quiet optimise --data "$data" --sites 3 --budget 2000000 --centre-cost 188679 --library-cost 94340 \
    --compare-colocation --out "$work/opt-add" >/dev/null 2>&1
$centrecov --quiet scenarios "$scenarios" --data "$data" --add "$work/opt-add/optimised.toml" --format csv \
    $few_draws --out "$work/added" >/dev/null 2>"$work/log"
check "scenarios --add exit 0" test $? -eq 0
check "the added answers are compared with the first file's start" /usr/bin/python3 -c "
import csv, sys
rows = {r['id']: r for r in csv.DictReader(open(sys.argv[1], newline=''))}
added = [r for i, r in rows.items() if i.startswith('optimal-')]
ok = len(added) >= 3 and 'baseline' not in rows and all(r['base'] == 'baseline-2017-18' for r in added)
lib = [r for r in added if r['id'] == 'optimal-budget-2000000-with-libraries']
ok = ok and len(lib) == 1 and float(lib[0]['cost']) <= 2000000
sys.exit(0 if ok else 1)" "$work/added/comparison.csv"
printf '[[scenario]]\nid = "colocation"\nclose = ["cromer"]\n' >"$work/clash.toml"
$centrecov --quiet scenarios "$scenarios" --data "$data" --add "$work/clash.toml" --out "$work/clash-out" >/dev/null 2>"$work/log"
check "a clashing id is refused" test $? -eq 1
check "the refusal names the added file and line" contains "$work/log" "clash.toml, line 1: scenario id 'colocation' is also in"
check "a refused --add writes nothing" test ! -e "$work/clash-out"
# --thresholds wins over the file's [study] thresholds_m, and run.json says what was used.
# The file's year and circuity stand where the command line gives none, and run.json records them.
printf '[study]\nthresholds_m = [1600, 3200]\nyear = 2019\ncircuity = 1.4\n[[scenario]]\nid = "a"\n' >"$work/thresholds.toml"
$centrecov --quiet scenarios "$work/thresholds.toml" --data "$data" --thresholds 1000 --format csv $few_draws --out "$work/thr" >/dev/null 2>&1
check "--thresholds beats the file's" /usr/bin/python3 -c "
import json, sys
run = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
sys.exit(0 if run['thresholds_m'] == [1000] and s['thresholds_m'] == [1000] else 1)" "$work/thr/run.json" "$work/thr/a/summary.json"
check "run.json records the settings used, from the layer that gave each" /usr/bin/python3 -c "
import json, sys
used = json.load(open(sys.argv[1]))['settings']
sys.exit(0 if used['thresholds_m'] == [1000] and used['year'] == 2019 and used['distance']['circuity'] == 1.4 else 1)" "$work/thr/run.json"
# Outreach reaching less far than the thresholds: the areas reached only by outreach (lsoa.csv) add up to
# the count in summary.json at every threshold.
printf '[[scenario]]\nid = "base"\n[[scenario]]\nid = "out"\nstart_from = "base"\nkeep_where = { status_2018_proposal = "base" }\noutreach = { all_libraries = true, thresholds_m = [800] }\n' >"$work/outreach.toml"
$centrecov --quiet scenarios "$work/outreach.toml" --data "$data" --format csv $few_draws --out "$work/outreach" >/dev/null 2>&1
check "outreach counts agree between lsoa.csv and summary.json" /usr/bin/python3 -c "
import csv, json, sys
summary = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline='')))
ok = len(summary['coverage']) == 4
for c in summary['coverage']:
    column = 'outreach_only_within_%dm' % c['threshold_m']
    # Each area's share reached only by outreach (to 4 decimals) times its under-5s.
    reached = sum(int(r['under5']) * float(r[column]) for r in rows)
    slack = 0.05 + sum(int(r['under5']) for r in rows) * 0.00005
    ok = ok and abs(reached - c['outreach_only_under5']) <= slack
sys.exit(0 if ok else 1)" "$work/outreach/out/summary.json" "$work/outreach/out/lsoa.csv"
printf '[[scenario]]\nid = "a"\n\n[[scenario]]\nid = "b"\nstart_from = "a"\nclose = ["no-such-centre"]\n' >"$work/bad.toml"
$centrecov --quiet scenarios "$work/bad.toml" --data "$data" --out "$work/bad-scen" >"$work/log" 2>&1
check "unknown site id exits 1" test $? -eq 1
check "unknown site id names file and line" contains "$work/log" "bad.toml, line 7: unknown centre id 'no-such-centre'"
check "no partial scenario output" test ! -e "$work/bad-scen"
printf '[[scenario]]\nid = "a"\ntarget = { imd_deciles = [0] }\n' >"$work/decile.toml"
$centrecov --quiet scenarios "$work/decile.toml" --data "$data" --out "$work/bad-scen" >"$work/log" 2>&1
check "decile outside 1-10 exits 1" test $? -eq 1
check "decile outside 1-10 is explained" contains "$work/log" "decile.toml, line 3"

# Optimisation: the best 7, written as scenarios that 'scenarios' runs; impossible requests explained.
$centrecov --quiet optimise --data "$data" --sites 7 --out "$work/opt" >"$work/stdout" 2>"$work/log"
check "optimise exits 0" test $? -eq 0
check "optimise reports a proven optimum" contains "$work/stdout" "(gap 0) by exact (CBC)"
check "optimise writes scenarios" grep -qE "^id = [\"']optimal-7-sites[\"']" "$work/opt/optimised.toml"
check "optimised scenarios without money carry no costs" bash -c "! grep -q '^\[costs\]' '$work/opt/optimised.toml'"
$centrecov --quiet scenarios "$work/opt/optimised.toml" --data "$data" --out "$work/opt/scen" $few_draws >"$work/stdout" 2>&1
check "optimised scenarios run" test -s "$work/opt/scen/optimal-7-sites/summary.json"
check "optimised scenarios without money say no cost" grep -qE "optimal-7-sites .* cost n/a" "$work/stdout"
# The least-covered objective raises the lowest IDACI decile's share; the JSON lists every decile's.
$centrecov --quiet optimise --data "$data" --objective least-covered --sites 7 --out "$work/opt-least" >"$work/stdout" 2>"$work/log"
check "least-covered exits 0" test $? -eq 0
check "least-covered gives each decile's share, none below the least" /usr/bin/python3 -c "
import json, sys
answer = json.load(open(sys.argv[1]))['results'][0]
shares = answer['covered_share_by_group']
sys.exit(0 if len(shares) == 10 and abs(min(shares.values()) - answer['objective']) < 1e-3 else 1)" "$work/opt-least/optimise.json"
$centrecov --quiet optimise --data "$data" --objective least-covered --method heuristic --sites 7 --out "$work/opt-least-h" >"$work/log" 2>&1
check "least-covered is exact only: exit 2 naming the option" test $? -eq 2
check "least-covered heuristic says why" contains "$work/log" "drop --method heuristic"
$centrecov --quiet optimise --data "$data" --sites 100 --out "$work/opt-bad" >"$work/log" 2>&1
check "too many sites exits 1" test $? -eq 1
check "too many sites is explained" grep -qE "asked for 100 sites but only [0-9]+ candidates may open" "$work/log"
$centrecov --quiet optimise --data "$data" --budget 100 --centre-cost 200 --force-open diss --out "$work/opt-bad" >"$work/log" 2>&1
check "budget below forced sites is explained" contains "$work/log" "the budget of 100 is below the 200"
check "no partial optimise output" test ! -e "$work/opt-bad"

# With and without library bases; the library answer runs as a scenario with the same coverage.
$centrecov --quiet optimise --data "$data" --budget 2000000 --centre-cost 200000 --library-cost 100000 \
  --compare-colocation --out "$work/opt-lib" >"$work/stdout" 2>"$work/log"
check "compare-colocation exits 0" test $? -eq 0
check "compare-colocation answers with libraries" contains "$work/stdout" "(centres and libraries)"
check "library bases become a scenario" contains "$work/opt-lib/optimised.toml" "library_bases = ["
$centrecov --quiet scenarios "$work/opt-lib/optimised.toml" --data "$data" --out "$work/opt-lib/scen" $ranged_draws >/dev/null 2>&1
check "library-base scenarios run" test -s "$work/opt-lib/scen/optimal-budget-2000000-with-libraries/summary.json"
share_opt=$(/usr/bin/python3 -c "import json,sys; r=[x for x in json.load(open(sys.argv[1]))['results'] if x['id_suffix']][0]; print(round(100*r['covered_share'],1))" "$work/opt-lib/optimise.json")
check "the scenario reproduces the optimised coverage" contains "$work/opt-lib/scen/comparison.md" "| ${share_opt} % ("
$centrecov --quiet optimise --data "$data" --objective cover --threshold 3200 --deprived-deciles 1,2,3 --only-deprived \
  --share reachable --out "$work/opt-cover" >"$work/stdout" 2>"$work/log"
check "cover of every reachable deprived family exits 0" test $? -eq 0
check "cover says how much is reachable" contains "$work/opt-cover/optimise.md" "of the weight lies within 3.2 km of some candidate"
$centrecov --quiet optimise --data "$data" --objective cover --share most --out "$work/opt-bad" >"$work/log" 2>&1
check "a bad share exits 2" test $? -eq 2
$centrecov --quiet optimise --data "$data" --k-curve --mark "seven=Sept" --out "$work/opt-bad" >"$work/log" 2>&1
check "a bad k-curve mark exits 2" test $? -eq 2
check "a bad k-curve mark is explained" contains "$work/log" "--mark wants K=label"
# Capacities: exact only; the median model explains a shortfall.
$centrecov --quiet optimise --data "$data" --sites 7 --capacity 1500 --out "$work/opt-cap" >"$work/stdout" 2>"$work/log"
check "capacity exits 0" test $? -eq 0
check "capacity loads are reported" contains "$work/opt-cap/optimise.json" '"under5_served"'
$centrecov --quiet optimise --data "$data" --sites 7 --capacity 1500 --method heuristic --out "$work/opt-bad" >"$work/log" 2>&1
check "capacity with the heuristic exits 2" test $? -eq 2
check "capacity with the heuristic is explained" contains "$work/log" "capacities are solved by the exact method only"
$centrecov --quiet optimise --data "$data" --sites 7 --objective median --capacity 1000 --out "$work/opt-bad" >"$work/log" 2>&1
check "capacity shortfall exits 1" test $? -eq 1
under5=$(/usr/bin/python3 -c "import csv,sys; print(sum(sum(int(r[a]) for a in '01234') for r in csv.DictReader(open(sys.argv[1], newline=''))))" "$data/population/sape23dt2_mid2020_lsoa11_syoa_persons_norfolk.csv")
check "capacity shortfall is explained" contains "$work/log" "the 7 largest sites hold only 7000 of the $under5 under-5s"
$centrecov --quiet optimise --data "$data" --sites 7 --capacity-of diss=many --out "$work/opt-bad" >"$work/log" 2>&1
check "bad capacity-of is explained" contains "$work/log" "--capacity-of wants ID=N"

# --quiet may also follow the subcommand.
$centrecov geocode --quiet --data "$data" --out "$work/geo2" >"$work/stdout" 2>"$work/stderr"
check "quiet after the subcommand is accepted" test $? -eq 0
check "quiet after the subcommand logs no info" bash -c "! grep -q '^info' '$work/stderr'"

finish cli

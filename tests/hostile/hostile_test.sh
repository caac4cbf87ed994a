#!/usr/bin/env bash
# Hostile input and faults, as a new user (or an attacker) would try them: each
# check asserts the exit code, that the message names the file, line or option,
# and the state of the output folder afterwards.
# Arguments: centrecov, Norfolk data directory, Isle of Wight data directory, source directory.
set -u
centrecov=$(realpath "$1")
# Runs whose subject is not the uncertainty draws make none (families at postcode level make
# 200 draws the largest part of a run in the sanitizer build).
few_draws="--draws 0"
data=$(realpath "$2")
iow_data=$(realpath "$3")
source=$(realpath "$4")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/checks.sh"

# refused LABEL FILE PATTERN OUT: `scenarios FILE` exits 1, names the file and line with PATTERN, writes no OUT.
refused() {
    $centrecov --quiet scenarios "$2" --data "$data" --out "$4" >"$work/log" 2>&1
    local code=$?
    check "$1 exits 1" test "$code" -eq 1
    check "$1 is named with its line" grep -qE "$(basename "$2"), line [0-9]+: .*$3" "$work/log"
    check "$1 writes no output" absent "$4"
}

# 1. Writing outside --out: a scenario id is a folder name, so paths are refused, naming the id and line.
mkdir -p "$work/victim"
echo "keep me" >"$work/victim/summary.json"
for id in ".." "../victim" "$work/victim" "a/b" "tab	id" ""; do
    printf '[[scenario]]\nid = "%s"\n' "$id" >"$work/bad-id.toml"
    refused "id '$id'" "$work/bad-id.toml" "(id|'id')" "$work/out-id"
done
check "nothing outside --out was touched" bash -c "test \"\$(cat '$work/victim/summary.json')\" = 'keep me' && test \$(ls '$work/victim' | wc -l) -eq 1"
printf '[[scenario]]\nid = "%s"\n' "$(printf 'x%.0s' {1..65})" >"$work/long-id.toml"
$centrecov --quiet scenarios "$work/long-id.toml" --data "$data" --out "$work/out-id" >"$work/log" 2>&1
check "a 65-character id exits 1" test $? -eq 1
check "a 65-character id is explained" contains "$work/log" "at most 64 characters"
$centrecov --quiet run --data "$data" --out "" >"$work/log" 2>&1
check "--out '' exits 2" test $? -eq 2
check "--out '' is explained" contains "$work/log" "--out is empty"

# 2. Inputs are never written over: a centres file called sites.csv inside --out.
mkdir -p "$work/in-out"
cp "$data/centres/norfolk_childrens_centres_2017.csv" "$work/in-out/sites.csv"
before=$(sha1sum <"$work/in-out/sites.csv")
$centrecov --quiet run --data "$data" --centres "$work/in-out/sites.csv" --out "$work/in-out" >"$work/log" 2>&1
check "an output over an input exits 2" test $? -eq 2
check "an output over an input is named" contains "$work/log" "refusing to write $work/in-out/sites.csv"
check "the input is unchanged" test "$(sha1sum <"$work/in-out/sites.csv")" = "$before"
check "no temporary file is left" bash -c "! ls -a '$work/in-out' | grep -q partial"
# The scenario file itself inside the folder a scenario would write.
mkdir -p "$work/scen-in"
printf '[[scenario]]\nid = "a"\n' >"$work/scen-in/comparison.md"
cp "$work/scen-in/comparison.md" "$work/scen-in/comparison.toml"
$centrecov --quiet scenarios "$work/scen-in/comparison.md" --data "$data" --out "$work/scen-in" --format csv >"$work/log" 2>&1
check "a scenario file the run would replace exits 2" test $? -eq 2
check "the scenario file is unchanged" cmp -s "$work/scen-in/comparison.md" "$work/scen-in/comparison.toml"

# 2b. Atomic runs: an interrupted, killed or failed run leaves the earlier run whole and byte for
# byte; a finished run leaves nothing of an earlier one it did not write again, and keeps what it
# does not own.
fingerprint() { (cd "$1" && find . -type f ! -name '.centrecov-*' | LC_ALL=C sort | xargs sha1sum); }
no_leftovers() { ! ls -a "$1" | grep -qE 'centrecov-(staging|replaced)|\.partial-'; }
wait_for_staging() {  # wait_for_staging FOLDER PID: until the run's staging folder exists (or it ended)
    for _ in $(seq 600); do
        ls -a "$1" 2>/dev/null | grep -q centrecov-staging && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.05
    done
}
atomic="$work/atomic"
$centrecov --quiet scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --out "$atomic" --format csv,geojson $few_draws >/dev/null 2>&1
check "a first run to interrupt" test -s "$atomic/comparison.csv"
echo "my notes" >"$atomic/notes.txt"
fingerprint "$atomic" >"$work/before"
for signal in INT TERM; do
    $centrecov scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --out "$atomic" --format csv,geojson \
        --thresholds 1000,2000 >"$work/stdout" 2>"$work/log" &
    pid=$!
    wait_for_staging "$atomic" "$pid"
    sleep 0.2
    kill -"$signal" "$pid"
    wait "$pid"
    code=$?
    expected=$([ "$signal" = INT ] && echo 130 || echo 143)
    check "SIG$signal exits $expected" test "$code" -eq "$expected"
    check "SIG$signal is said" grep -q "interrupted by .*nothing was changed" "$work/log"
    fingerprint "$atomic" >"$work/after"
    check "SIG$signal leaves the earlier run byte for byte" cmp -s "$work/before" "$work/after"
    check "SIG$signal leaves no staging or temporary file" no_leftovers "$atomic"
done
# A run killed outright leaves its staging folder; the next run removes it.
$centrecov scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --out "$atomic" --format csv >/dev/null 2>&1 &
pid=$!
wait_for_staging "$atomic" "$pid"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
fingerprint "$atomic" >"$work/after"
check "SIGKILL leaves the earlier run byte for byte" cmp -s "$work/before" "$work/after"
/usr/bin/python3 - "$source/geodata/scenarios/norfolk.toml" "$work/two.toml" <<'PY'
import sys
text = open(sys.argv[1], encoding='utf-8').read()
parts = text.split('[[scenario]]')
open(sys.argv[2], 'w', encoding='utf-8').write('[[scenario]]'.join(parts[:3]))  # the first two scenarios
PY
$centrecov --quiet scenarios "$work/two.toml" --data "$data" --out "$atomic" --format csv $few_draws >/dev/null 2>"$work/log"
check "a smaller run after a killed one succeeds" test $? -eq 0
check "the killed run's staging folder is removed" no_leftovers "$atomic"
scenario_folders=$(find "$atomic" -mindepth 1 -maxdepth 1 -type d | wc -l)
check "the earlier run's other scenario folders are gone" test "$scenario_folders" -eq 2
check "a file the run does not own is kept" test "$(cat "$atomic/notes.txt")" = "my notes"
check "the comparison lists the two scenarios" test "$(($(wc -l <"$atomic/comparison.csv") - 1))" -eq 2
# A full disk (a file-size limit stands in for one): the error names the file, nothing changes.
fingerprint "$atomic" >"$work/before"
(trap '' XFSZ; ulimit -f 600; exec $centrecov --quiet scenarios "$work/two.toml" --data "$data" \
    --out "$atomic" --format csv,geojson $few_draws) >/dev/null 2>"$work/log"
check "a full disk exits 1" test $? -eq 1
check "a full disk names the final file and its cause" grep -qE "cannot write $atomic/[a-z0-9-]+/[a-z]+\.(geojson|csv): File too large" "$work/log"
fingerprint "$atomic" >"$work/after"
check "a full disk leaves the earlier run byte for byte" cmp -s "$work/before" "$work/after"
check "a full disk leaves no staging or temporary file" no_leftovers "$atomic"
(trap '' XFSZ; ulimit -f 100; exec $centrecov --quiet run --data "$data" --out "$work/never" $few_draws) >/dev/null 2>"$work/log"
check "a failed first run exits 1" test $? -eq 1
check "a failed first run leaves no folder" absent "$work/never"

# 2c. Big inputs: a file of many scenarios shows its progress on a terminal (and --quiet silences
# it) and writes every scenario; a thousand distances finish, with bands drawn at 12 of them, and a
# GeoPackage that SQLite could not hold is refused before any output is written.
/usr/bin/python3 - "$work/many.toml" <<'PY'
import sys
lines = ['[[scenario]]\nid = "today"\nname = "today"\n']
for k in range(150):
    lines.append(f'[[scenario]]\nid = "s{k}"\nstart_from = "today"\nclose = ["downham-market"]\n')
open(sys.argv[1], 'w', encoding='utf-8').write('\n'.join(lines))
PY
# Progress and the writing of every scenario are the subject, not where distances start: from centroids
# (151 scenarios at postcode level took 340 s of the suite's 20 minutes in the sanitizer build).
script -qec "$centrecov scenarios '$work/many.toml' --data '$data' --out '$work/many' --format csv $few_draws --families-at centroids" /dev/null >"$work/tty" 2>&1
check "151 scenarios run" test $? -eq 0
check "151 scenarios: progress of writing them on a terminal" grep -q "writing scenarios: 151/151" "$work/tty"
check "151 scenarios: every one in comparison.csv" test "$(($(wc -l <"$work/many/comparison.csv") - 1))" -eq 151
check "151 scenarios: every one has its folder" test "$(find "$work/many" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 151
script -qec "$centrecov --quiet scenarios '$work/two.toml' --data '$data' --out '$work/quiet' --format csv $few_draws" /dev/null >"$work/tty" 2>&1
check "--quiet silences progress on a terminal" bash -c "! grep -q 'scenarios:' '$work/tty'"
thousand=$(seq -s, 100 10 10090)
$centrecov --quiet scenarios "$work/two.toml" --data "$data" --out "$work/thousand" --format csv --thresholds "$thousand" $few_draws \
    --families-at centroids >/dev/null 2>"$work/log"
check "1,000 distances run" test $? -eq 0
check "1,000 distances: a share column for each" test "$(head -1 "$work/thousand/comparison.csv" | tr ',' '\n' | grep -cE '^share_within_[0-9]+m$')" -eq 1000
band_distances=$(/usr/bin/python3 -c 'import csv, sys; print(len({r["threshold_m"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}))' "$work/thousand/baseline-2017-18/bands.csv")
check "1,000 distances: bands at 12 of them" test "$band_distances" -eq 12
check "1,000 distances: the bands say so" grep -q "bands are drawn at 12 of them" "$work/thousand/baseline-2017-18/bands.csv"
$centrecov --quiet scenarios "$work/two.toml" --data "$data" --out "$work/thousand-gpkg" --format gpkg --thresholds "$thousand" $few_draws >/dev/null 2>"$work/log"
check "1,000 distances in a GeoPackage exit 2" test $? -eq 2
check "1,000 distances in a GeoPackage are explained" grep -q "columns, more than the 2000 SQLite allows" "$work/log"
check "1,000 distances in a GeoPackage: the option is named" grep -q -- "--thresholds" "$work/log"
check "1,000 distances in a GeoPackage write nothing" absent "$work/thousand-gpkg"

# 100 generated scenarios (chains of start_from among them; more than three of the blocks of 32 a run
# is streamed in) run whole: every one has its row, in file order, and its folder.
/usr/bin/python3 "$source/bench/generate_scenarios.py" "$data/centres/norfolk_childrens_centres_2017.csv" 100 \
    "$work/generated.toml"
$centrecov --quiet scenarios "$work/generated.toml" --data "$data" --out "$work/generated" --format csv --draws 0 \
    --families-at centroids >/dev/null 2>"$work/log"
check "100 scenarios run" test $? -eq 0
check "100 scenarios: every one has its row, in file order" \
    cmp -s <(grep -oE '^id = "[^"]+"' "$work/generated.toml" | cut -d'"' -f2) <(cut -d, -f1 "$work/generated/comparison.csv" | tail -n +2)
check "100 scenarios: every one has its folder" \
    test "$(find "$work/generated" -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 100
rm -rf "$work/generated"

# 2d. What is not a regular file (a device, a FIFO, a directory) is refused at once, before it is
# opened (opening a FIFO waits for a writer; /dev/zero never ends), naming the file (exit 1). `timeout`
# turns a hang into a failure here; it times nothing.
sed -e 's#^roads = .*#roads = "/dev/zero"#' -e "s#^data = .*#data = \"$data\"#" \
    "$source/geodata/studies/norfolk.toml" >"$work/zero-roads.toml"
timeout 120 $centrecov --quiet run --study "$work/zero-roads.toml" --out "$work/zero" --draws 0 >/dev/null 2>"$work/log"
check "/dev/zero as roads exits 1" test $? -eq 1
check "/dev/zero as roads is named as not a regular file" contains "$work/log" "/dev/zero: is not a regular file (a device)"
check "/dev/zero as roads writes nothing" absent "$work/zero"
mkfifo "$work/fifo.csv"
timeout 120 $centrecov --quiet run --data "$data" --centres "$work/fifo.csv" --out "$work/fifo" --draws 0 >/dev/null 2>"$work/log"
check "a FIFO as centres exits 1" test $? -eq 1
check "a FIFO as centres is named as not a regular file" contains "$work/log" "$work/fifo.csv: is not a regular file (a FIFO"
check "a FIFO as centres writes nothing" absent "$work/fifo"
mkdir -p "$work/folder.toml"
timeout 120 $centrecov --quiet scenarios "$work/folder.toml" --data "$data" --out "$work/folder" >/dev/null 2>"$work/log"
check "a folder as the scenario file exits 1" test $? -eq 1
check "a folder as the scenario file is named" contains "$work/log" "$work/folder.toml: is not a regular file (a directory)"

# 2e. SIGTERM in the middle of a long loop (100,000 draws) stops the run within seconds: exit 143,
# and a first run leaves no output folder.
$centrecov --progress=lines run --data "$data" --out "$work/long-draws" --draws 100000 --families-at centroids \
    >/dev/null 2>"$work/log" &
pid=$!
for _ in $(seq 1200); do  # until the draws have begun
    grep -q "progress: uncertainty draws: [1-9]" "$work/log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
check "the long run reached its draws" grep -q "progress: uncertainty draws: [1-9]" "$work/log"
kill -TERM "$pid"
for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
stopped=$(kill -0 "$pid" 2>/dev/null && echo no || echo yes)
check "SIGTERM during the draws stops the run within 30 s" test "$stopped" = yes
kill -KILL "$pid" 2>/dev/null
wait "$pid"
check "SIGTERM during the draws exits 143" test $? -eq 143
check "SIGTERM during the draws leaves no output folder" absent "$work/long-draws"

# 3. Encodings: Windows-1252 (what Excel writes) is converted with a warning and every output is UTF-8;
# files that are not text tables say what they look like.
/usr/bin/python3 - "$data/centres/norfolk_childrens_centres_2017.csv" "$work" <<'PY'
import csv, gzip, sys, zipfile
src, work = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(src, newline='', encoding='utf-8')))
rows[1][rows[0].index('name')] = 'Caf\u00e9 Cr\u00e8che \u2013 Na\u00efve'
with open(work + '/excel.csv', 'w', newline='', encoding='cp1252') as f:
    csv.writer(f).writerows(rows)
raw = open(src, 'rb').read()
open(work + '/empty.csv', 'wb').write(b'')
open(work + '/zipped.csv', 'wb').write(gzip.compress(raw))
z = zipfile.ZipFile(work + '/book.csv', 'w'); z.writestr('xl/workbook.xml', '<x/>'); z.close()
open(work + '/wide.csv', 'wb').write(raw.decode('utf-8').encode('utf-16'))
open(work + '/binary.csv', 'wb').write(bytes(range(256)))
PY
$centrecov --quiet scenarios "$work/two.toml" --data "$data" --centres "$work/excel.csv" \
    --format csv,geojson --out "$work/excel" $few_draws >"$work/stdout" 2>"$work/log"
check "a Windows-1252 centres file runs" test $? -eq 0
check "the conversion is warned of, naming the file" grep -q "excel.csv: not UTF-8; read as Windows-1252" "$work/log"
check "every output is valid UTF-8" /usr/bin/python3 -c "
import pathlib, sys
for p in pathlib.Path(sys.argv[1]).rglob('*'):
    if p.is_file() and p.suffix in ('.csv', '.geojson', '.json', '.md'):
        p.read_bytes().decode('utf-8')" "$work/excel"
check "the converted name is in the outputs" grep -rqF "Café Crèche – Naïve" "$work/excel/baseline-2017-18/sites.csv"
for kind in "empty:is empty" "zipped:gzip-compressed" "book:ZIP archive" "wide:UTF-16" "binary:is binary"; do
    file=${kind%%:*}
    says=${kind#*:}
    $centrecov --quiet scenarios "$source/geodata/scenarios/norfolk.toml" --data "$data" --centres "$work/$file.csv" \
        --out "$work/not-text" >"$work/log" 2>&1
    check "$file centres exit 1" test $? -eq 1
    check "$file centres: the message names the file and says what it is" grep -q "$file.csv.*$says" "$work/log"
    check "$file centres write nothing" absent "$work/not-text"
done

# 4. Impossible places: given coordinates outside the study area are errors naming the row; swaps are said.
for case in "swapped:320000:620000:look swapped" "origin:0:0:outside the study area" "north-sea:690000:360000:outside the study area"; do
    IFS=: read -r name easting northing says <<<"$case"
    /usr/bin/python3 - "$data/centres/norfolk_childrens_centres_2017.csv" "$work/$name.csv" "$easting" "$northing" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
rows[0] += ['easting', 'northing']
for r in rows[1:]:
    r += ['', '']
rows[5][-2:] = [sys.argv[3], sys.argv[4]]
csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows(rows)
PY
    $centrecov --quiet run --data "$data" --centres "$work/$name.csv" --out "$work/place-$name" >"$work/log" 2>&1
    check "$name coordinates exit 1" test $? -eq 1
    check "$name coordinates name the row" contains "$work/log" "$name.csv, line 6"
    check "$name coordinates say what is wrong" contains "$work/log" "$says"
    check "$name coordinates write nothing" absent "$work/place-$name"
done

# 5. Nonsense numbers and unknown options: exit 2 naming the option, nothing written.
while IFS='|' read -r option args; do
    $centrecov --quiet $args --out "$work/nonsense" >"$work/log" 2>&1
    code=$?
    check "$args exits 2" test "$code" -eq 2
    check "$args names $option" contains "$work/log" "$option"
    check "$args writes nothing" absent "$work/nonsense"
done <<'CASES'
--threshold|optimise --sites 7 --threshold inf
--threshold|optimise --sites 7 --threshold nan
--threshold|optimise --sites 7 --threshold 0
--threshold|optimise --sites 7 --threshold -5
--centre-cost|optimise --sites 7 --centre-cost -1
--time-limit|optimise --sites 7 --time-limit nan
--budget|optimise --budget nan
--deprived-weight|optimise --sites 3 --deprived-deciles 1 --deprived-weight inf
--sites|optimise --sites 0
--share|optimise --objective cover --share 2
--capacity|optimise --sites 3 --capacity nan
--thresholds|run --thresholds nan
--max-snap|run --max-snap inf
--circuity|run --circuity nan
--bogus|run --bogus
--sites|optimise --sites seven
--pairs|calibrate --network nowhere.pbf --pairs 0
--pairs|calibrate --network nowhere.pbf --pairs -5
--seed|run --seed -1
--seed|run --seed 18446744073709551616
--seed|calibrate --network nowhere.pbf --seed 1.5
--draws|run --draws 1
--maps-for|scenarios nowhere.toml --maps-for -1
--profile|run --profile bike
--mark|scenarios nowhere.toml --mark 7
--mark|optimise --sites 3 --mark 7
--add-start|scenarios nowhere.toml --add-start today
--join-near-misses|run --no-network --join-near-misses
--force-closed|optimise --sites 3 --force-open diss --force-closed diss
CASES
# A bad id is bad input (1) whether it is in the main scenario file or in one given with --add.
printf '[[scenario]]\nid = "today"\n' >"$work/main.toml"
printf '[[scenario]]\nid = "bad id"\n' >"$work/bad-added.toml"
$centrecov --quiet scenarios "$work/bad-added.toml" --data "$data" --out "$work/nonsense" >"$work/log" 2>&1
check "a bad id in the scenario file exits 1" test $? -eq 1
$centrecov --quiet scenarios "$work/main.toml" --add "$work/bad-added.toml" --data "$data" --out "$work/nonsense" >"$work/log" 2>&1
check "a bad id in an --add file exits 1 too" test $? -eq 1
check "a bad id in an --add file is named with its line" contains "$work/log" "bad-added.toml, line 2: scenario id 'bad id'"
# Whole numbers are checked as written, not after wrapping round: no 2^64-1 (1.8e19) in a message.
$centrecov --quiet calibrate --network nowhere.pbf --pairs -5 >"$work/log" 2>&1
check "--pairs -5 is reported as written" contains "$work/log" "'-5' is not a whole number from 1 to 1000000"
check "--pairs -5 is not reported wrapped round" bash -c "! grep -q 1844674407 '$work/log'"
# Road files that are empty or cut short say so (calibrate reads the network alone, quickly).
: >"$work/empty.osm"
head -c 100000 "$iow_data/roads/isle_of_wight_os_opendata.osm.pbf" >"$work/cut.osm.pbf"
$centrecov --quiet calibrate --network "$work/empty.osm" --out "$work/calibration.json" >"$work/log" 2>&1
check "an empty .osm exits 1" test $? -eq 1
check "an empty .osm is said to be empty" contains "$work/log" "empty.osm: is empty (0 bytes)"
$centrecov --quiet calibrate --network "$work/cut.osm.pbf" --out "$work/calibration.json" >"$work/log" 2>&1
check "a cut .pbf exits 1" test $? -eq 1
check "a cut .pbf is said to be cut short" contains "$work/log" "the file is cut short or damaged"
# An output folder that cannot be written to is a bad option (2), whether or not it exists.
$centrecov --quiet run --data "$data" --out /dev/null/out >"$work/log" 2>&1
check "an output folder that cannot be made exits 2" test $? -eq 2
check "an output folder that cannot be made is named" contains "$work/log" "cannot use /dev/null/out as an output folder"
$centrecov --quiet run --data "$data" --out /proc/self/fdinfo >"$work/log" 2>&1
check "an output folder that exists but cannot be written to exits 2" test $? -eq 2
check "an output folder that cannot be written to is named" contains "$work/log" "cannot use /proc/self/fdinfo as an output folder: cannot write in it"

# 6. Scenario-file mistakes that would change the answer silently: errors naming file and line, no output.
while IFS='|' read -r expect body; do
    printf '[costs]\ncentre = 100\n[[scenario]]\nid = "base"\n[[scenario]]\nid = "x"\nstart_from = "base"\n%b\n' "$body" >"$work/mistake.toml"
    refused "'$body'" "$work/mistake.toml" "$expect" "$work/mistake"
done <<'CASES'
no centre has status_2018_proposal = 'bsae'|keep_where = { status_2018_proposal = "bsae" }
not a centre or library id|costs = { sites = { no-such-site = 5 } }
is not an area \(LSOA\)|target = { lsoas = ["E00000000"] }
in two co-location pairs|colocate = [{ centre = "diss", library = "diss-library" }, { centre = "diss", library = "harleston-library" }]
budget|budget = nan
budget|keep_by_budget = { budget = nan }
CASES

# 7. An input column named like an output column is carried under another name, not a crash.
/usr/bin/python3 - "$data/centres/norfolk_childrens_centres_2017.csv" "$work/clash.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
rows[0] += ['precision', 'kind', 'fate']
for r in rows[1:]:
    r += ['mine', 'mine too', 'mine as well']
csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows(rows)
PY
$centrecov --quiet scenarios "$work/two.toml" --data "$data" --centres "$work/clash.csv" \
    --format csv,gpkg --out "$work/clash" $few_draws >"$work/log" 2>&1
check "input columns named like outputs run" test $? -eq 0
check "they are carried as input_*" bash -c "head -1 '$work/clash/baseline-2017-18/sites.csv' | grep -q 'input_precision,input_kind,input_fate'"
check "ours keep their meaning" bash -c "grep -q ',postcode,' '$work/clash/baseline-2017-18/sites.csv'"

# 10. Degenerate studies: no statistics made up.
printf 'id,name,district,street,locality,ward,postcode,host_site,duplicate_of\n' >"$work/no-centres.csv"
$centrecov --quiet run --data "$data" --centres "$work/no-centres.csv" --out "$work/no-centres" $few_draws >/dev/null 2>&1
check "no centres still runs" test $? -eq 0
check "no centres: the summary says nobody reaches one" contains "$work/no-centres/summary.md" "No family reaches a centre"
check "no centres: no median of 0 km" bash -c "! grep -q '\"median_m\": 0' '$work/no-centres/summary.json'"
printf '[[scenario]]\nid = "base"\n[[scenario]]\nid = "none"\nstart_from = "base"\nkeep_only = []\n' >"$work/closed.toml"
$centrecov --quiet scenarios "$work/closed.toml" --data "$data" --format csv --out "$work/closed" $few_draws >"$work/stdout" 2>&1
check "everything closed runs" test $? -eq 0
check "everything closed: median n/a, not 0" bash -c "grep -q '\"median_m\": null' '$work/closed/none/summary.json'"
check "everything closed without costs: cost n/a, not £0" grep -qE "none .* cost n/a" "$work/stdout"

# 10b. A road line in two parts (a MultiLineString) is kept as two roads, not dropped.
cat >"$work/two-parts.geojson" <<'JSON'
{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[
{"type":"Feature","properties":{"highway":"residential","osm_id":"m"},"geometry":{"type":"MultiLineString",
"coordinates":[[[449000,88000],[450000,88000]],[[450000,88000],[451000,88500]]]}}]}
JSON
$centrecov run --study isle-of-wight --data "$iow_data" --network "$work/two-parts.geojson" --out "$work/two-parts" $few_draws >/dev/null 2>"$work/log"
check "a two-part road is read as two roads" grep -q "each part kept as a road: 1 lines, 2 roads" "$work/log"
check "a two-part road is not dropped" bash -c "! grep -q 'no roads' '$work/log'"
check "a network that misses the study is an error naming it" grep -q "two-parts.geojson: the road network does not cover the study area" "$work/log"
# Only the built network's cache is kept (under .cache), for the next run; no result.
check "a network that misses the study writes no result" test -z "$(ls "$work/two-parts" 2>/dev/null)"

# 8. Formula injection: text cells a spreadsheet would run are neutralised in every CSV; numbers stay numbers.
/usr/bin/python3 - "$data/centres/norfolk_childrens_centres_2017.csv" "$work/formula.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
name = rows[0].index('name')
rows[1][name] = '=HYPERLINK("http://example.invalid","x")'
rows[2][name] = '+cmd|" /C calc"!A0'
rows[3][name] = '@SUM(1+1)'
rows[4][name] = '-2+3'
csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows(rows)
PY
$centrecov --quiet run --data "$data" --centres "$work/formula.csv" --out "$work/formula" $few_draws >"$work/log" 2>&1
check "formula names run" test $? -eq 0
check "no CSV cell starts a formula" /usr/bin/python3 -c "
import csv, glob, sys
bad = []
for path in glob.glob(sys.argv[1] + '/*.csv'):
    for row in csv.reader(open(path, newline='', encoding='utf-8')):
        for cell in row:
            if cell[:1] in ('=', '+', '@', '\t', '\r') or (cell[:1] == '-' and not cell.replace('-', '', 1).replace('.', '', 1).replace('e', '', 1).isdigit()):
                bad.append((path, cell))
sys.exit(1 if bad else 0)" "$work/formula"
check "the formula is kept, as text" grep -qF "'=HYPERLINK" "$work/formula/sites.csv"

# 9. A damaged network cache is rebuilt with a warning, never trusted, and the answers are the same.
$centrecov --quiet run --study isle-of-wight --data "$iow_data" --out "$work/iow" $few_draws >/dev/null 2>&1
cache=$(ls "$work/iow/.cache/"network-*.bin 2>/dev/null | head -1)
check "the network is cached" test -s "$cache"
cp "$work/iow/summary.json" "$work/iow-summary.json"
/usr/bin/python3 - "$cache" <<'PY'
import random, sys
data = bytearray(open(sys.argv[1], 'rb').read())
random.seed(7)
for _ in range(20):
    i = random.randrange(len(data))
    data[i] ^= 1 << random.randrange(8)
open(sys.argv[1], 'wb').write(bytes(data))
PY
$centrecov run --study isle-of-wight --data "$iow_data" --out "$work/iow" $few_draws >"$work/stdout" 2>"$work/log"
check "a damaged cache still runs" test $? -eq 0
check "a damaged cache is warned of" grep -q "is damaged.*rebuilding it" "$work/log"
check "a damaged cache changes no answer" cmp -s "$work/iow/summary.json" "$work/iow-summary.json"
$centrecov --quiet run --study isle-of-wight --data "$iow_data" --out "$work/iow" $few_draws >/dev/null 2>"$work/log"
check "the rebuilt cache is trusted again" bash -c "! grep -q damaged '$work/log'"

finish hostile

#!/usr/bin/env bash
# The centrecov Processing provider (qgis/centrecov) in Debian's QGIS, headless: the plugin installed from
# the zip scripts/package-qgis-plugin.sh builds, its algorithms listed and run by qgis_process, then run as
# the Toolbox runs them (tests/qgis/check_provider.py) on the Isle of Wight and Norfolk.
# Fails (does not skip) when QGIS is missing: scripts/test.sh installs it.
# Arguments: centrecov, Norfolk's data directory, the Isle of Wight's, source directory.
set -eu
centrecov=$(realpath "$1")
norfolk=$(realpath "$2")
isle_of_wight=$(realpath "$3")
source=$(realpath "$4")
draws=20  # the draws are not the subject here (20 is the fewest that give a range)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

qgis_process=$(command -v qgis_process) || fail "qgis_process is not installed (apt-get install qgis python3-qgis)"
# Debian's wrapper passes --noversioncheck (from /etc/default/qgis), which QGIS 3.22's qgis_process refuses
# ("Command --noversioncheck not known!"); the program it wraps is beside it.
[ -x "$qgis_process.bin" ] && qgis_process="$qgis_process.bin"
/usr/bin/python3 -c "import qgis.core" 2>/dev/null || fail "python3-qgis is not installed"

export QT_QPA_PLATFORM=offscreen HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" QGIS_PLUGINPATH="$work/plugins"
mkdir -p "$HOME" "$QGIS_PLUGINPATH" && mkdir -m 700 "$XDG_RUNTIME_DIR"
zip=$(bash "$source/scripts/package-qgis-plugin.sh" "$work")
python3 -m zipfile -e "$zip" "$QGIS_PLUGINPATH"
[ -f "$QGIS_PLUGINPATH/centrecov/metadata.txt" ] || fail "the zip has no centrecov/metadata.txt"

"$qgis_process" plugins enable centrecov >"$work/enable.log" 2>&1 || { cat "$work/enable.log"; fail "plugins enable"; }
"$qgis_process" list >"$work/list.txt" 2>&1 || { cat "$work/list.txt"; fail "qgis_process list"; }
for algorithm in run scenarios optimise geocode; do
  grep -q "centrecov:$algorithm\b" "$work/list.txt" || fail "qgis_process list has no centrecov:$algorithm"
done
echo "qgis_process lists centrecov:run, scenarios, optimise and geocode"

# qgis_process finds centrecov on PATH (no setting in this fresh profile) and gives what the CLI gives.
export PATH="$(dirname "$centrecov"):$PATH"
[ "$(command -v centrecov)" = "$centrecov" ] || fail "centrecov on PATH is $(command -v centrecov), not $centrecov"
"$qgis_process" run centrecov:geocode -- STUDY=isle-of-wight DATA="$isle_of_wight" OUTPUT="$work/geocode" \
  >"$work/geocode.log" 2>&1 || { tail -20 "$work/geocode.log"; fail "qgis_process run centrecov:geocode"; }
"$centrecov" --quiet geocode --study isle-of-wight --data "$isle_of_wight" --out "$work/geocode-cli" >/dev/null
cmp -s "$work/geocode/sites.csv" "$work/geocode-cli/sites.csv" || fail "geocode by qgis_process differs from the CLI's"
echo "qgis_process ran centrecov:geocode from PATH: sites.csv equals the CLI's"

# A bad option: the algorithm fails and the log carries centrecov's own message.
set +e
"$centrecov" run --study isle-of-wight --data "$isle_of_wight" --draws 0 --circuity 0.5 --out "$work/bad-cli" \
  >/dev/null 2>"$work/bad-cli.err"
cli_status=$?
"$qgis_process" run centrecov:run -- STUDY=isle-of-wight DATA="$isle_of_wight" DRAWS=0 CIRCUITY=0.5 NO_NETWORK=1 \
  OUTPUT="$work/bad" >"$work/bad.log" 2>&1
status=$?
set -e
message=$(grep '^error: ' "$work/bad-cli.err" | tail -1 | sed 's/^error: //')
[ "$cli_status" -ne 0 ] && [ -n "$message" ] || fail "the CLI accepted --circuity 0.5 (exit $cli_status)"
[ "$status" -ne 0 ] || { cat "$work/bad.log"; fail "qgis_process succeeded with CIRCUITY=0.5"; }
grep -qF -- "$message" "$work/bad.log" || { cat "$work/bad.log"; fail "centrecov's message '$message' is not in the log"; }
[ ! -e "$work/bad/summary.md" ] || fail "the failed run wrote summary.md"
echo "qgis_process: CIRCUITY=0.5 fails with centrecov's message: $message"

# As the Toolbox runs them, with the setting naming the program: along the Isle of Wight's roads (Cancel, a
# bad parameter, centres from the project, `run` equal to the CLI's), and Norfolk's estimate with its report
# (the island's report, with the planner's distances along roads, is the slowest output to write).
status=0
/usr/bin/python3 "$source/tests/qgis/check_provider.py" "$QGIS_PLUGINPATH" "$centrecov" "$source" "$work" \
  isle-of-wight "$isle_of_wight" "$source/geodata/scenarios/isle-of-wight.toml" "$draws" csv,gpkg \
  cli,cancel,bad,centres || status=1
/usr/bin/python3 "$source/tests/qgis/check_provider.py" "$QGIS_PLUGINPATH" "$centrecov" "$source" "$work" \
  norfolk "$norfolk" "$source/geodata/scenarios/norfolk.toml" "$draws" csv,gpkg,html || status=1
exit $status

#!/usr/bin/env bash
# Time and peak memory of `centrecov scenarios` on generated files of N scenarios
# (bench/generate_scenarios.py), as bench/README.md reports them.
# Usage: bench/scenarios_bench.sh CENTRECOV DATA_DIRECTORY [N...]   (default N: 100 1000 10000)
# Environment: DRAWS (default 20), FAMILIES_AT (postcodes or centroids; default postcodes),
# FORMAT (default csv). Writes into a temporary folder, removed at the end.
set -eu
centrecov=$(realpath "$1")
data=$(realpath "$2")
shift 2
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100 1000 10000)
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| scenarios | draws | families at | wall | peak RSS | exit |"
echo "|---:|---:|---|---:|---:|---:|"
for n in "${counts[@]}"; do
    python3 "$here/generate_scenarios.py" "$data/centres/norfolk_childrens_centres_2017.csv" "$n" "$work/s.toml"
    /usr/bin/time -v "$centrecov" --quiet scenarios "$work/s.toml" --data "$data" --out "$work/out" \
        --format "${FORMAT:-csv}" --draws "${DRAWS:-20}" --families-at "${FAMILIES_AT:-postcodes}" \
        >/dev/null 2>"$work/time" && code=0 || code=$?
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    echo "| $n | ${DRAWS:-20} | ${FAMILIES_AT:-postcodes} | $wall | $((rss / 1024)) MB | $code |"
    rm -rf "$work/out"
done

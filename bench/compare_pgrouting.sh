#!/usr/bin/env bash
# Times pgRouting on the same problem as network_bench and compare.py:
# distances from the same 100 sources to every node of the same graph.
# Runs a private PostgreSQL cluster in a temporary directory, listening on a
# Unix socket only, and removes it afterwards.
# Usage: bench/compare_pgrouting.sh EDGES.csv SOURCES.txt LABEL
set -euo pipefail
edges=$1
sources=$2
label=$3
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d)
chmod 755 "$work"
cp "$edges" "$work/edges.csv"
chmod 644 "$work/edges.csv"
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); chown postgres "$work"; fi
cleanup() { "${run_as[@]}" "$bin/pg_ctl" -D "$work/db" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"${run_as[@]}" "$bin/initdb" -D "$work/db" -A trust >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$work/db" -l "$work/log" -w \
  -o "-c listen_addresses='' -k $work -p 54329 -c shared_buffers=512MB -c work_mem=1GB" start >/dev/null
psql=("${run_as[@]}" psql -h "$work" -p 54329 -d postgres -q -v ON_ERROR_STOP=1)
"${psql[@]}" -c "CREATE EXTENSION pgrouting CASCADE;" >/dev/null
"${psql[@]}" -c "CREATE TABLE edges (id bigserial, source bigint, target bigint, cost float8);" \
  -c "\\copy edges (source, target, cost) FROM '$work/edges.csv' WITH (FORMAT csv, HEADER true)"
# Ten sources a query: a single query's 100 x 1M-row result would pass PostgreSQL's 1 GB allocation limit.
total_ms=0
pairs=0
checksum=0
while read -r -a batch; do
  list=$(IFS=,; echo "${batch[*]}")
  result=$("${psql[@]}" -At -c "\\timing on" -c "SELECT count(*), sum(agg_cost)
    FROM pgr_drivingDistance('SELECT id, source, target, cost FROM edges', ARRAY[$list]::bigint[], 1e15, true);")
  summary=$(echo "$result" | grep '|')
  ms=$(echo "$result" | grep -o 'Time: [0-9.]*' | awk '{print $2}')
  total_ms=$(awk -v a="$total_ms" -v b="$ms" 'BEGIN{print a + b}')
  pairs=$((pairs + $(echo "$summary" | cut -d'|' -f1)))
  checksum=$(awk -v a="$checksum" -v b="$(echo "$summary" | cut -d'|' -f2)" 'BEGIN{printf "%.3f", a + b}')
done < <(xargs -n 10 <"$sources")
echo "$label pgRouting $pairs (source, node) pairs: $(awk -v m="$total_ms" 'BEGIN{printf "%.3f", m/1000}') s, checksum $(awk -v c="$checksum" 'BEGIN{printf "%.1f", c/1000}') km"

#!/usr/bin/env bash
# The list of 10 with and without writes going on beside it. bench/records.sh lists an
# unchanged table, which H2 answers from each connection's cached result; every write ends
# those caches, and the count behind hits.total is then made again (bench/results/2026-history-records.md,
# session 8). Prints requests/s, p50 and p99 for: no writes, writes, no writes again.
#
#   bench/list-writes.sh
#   SEED=100000 WRITE_EVERY=0.2 DURATION=30 CONNECTIONS=32 bench/list-writes.sh
#
# Needs wrk and curl (Debian packages). Uses $JAVA_HOME/bin/java when set.
set -euo pipefail
cd "$(dirname "$0")/.."

SEED=${SEED:-100000}
WRITE_EVERY=${WRITE_EVERY:-0.2}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-5604}
work=$(mktemp -d /tmp/strongroom-bench.XXXXXX)
source bench/lib.sh
bench_on_exit() { rm -rf "$work"; }

echo "machine: $(bench_machine)"
demo_start "$work/instance" "$PORT"
url="$demo_base"
list="$url/api/records/?size=10"

bench_seed_records "$SEED"
bench_warm_up "$demo_pid" 60 300 wrk -t"$THREADS" -c"$CONNECTIONS" -d20s -H "Authorization: Bearer $demo_token" "$list"

run_list() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $demo_token" "$list" \
    | awk -v name="$1" '/Requests\/sec/ {r = $2} $1 == "50%" {m = $2} $1 == "99%" {p = $2}
        END {printf "%-30s %10s req/s   p50 %s   p99 %s\n", name, r, m, p}'
}

run_list "list of 10, no writes"
( end=$((SECONDS + DURATION + 2))
  while [ "$SECONDS" -lt "$end" ]; do
    demo_curl -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
      -d '{"metadata": {"title": "Written during the list", "contributors": [{"name": "Bench Writer"}]}, "access": {"record": "public"}}' \
      "$url/api/records/"
    sleep "$WRITE_EVERY"
  done > "$work/writes.txt" ) &
writer=$!
run_list "list of 10, while writing"
wait "$writer"   # not a bare wait: that would also wait for the demo server
echo "writes: $(grep -c '^201$' "$work/writes.txt") created, $(grep -vc '^201$' "$work/writes.txt" || true) refused, in $((DURATION + 2)) s"
run_list "list of 10, no writes again"

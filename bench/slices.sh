#!/usr/bin/env bash
# Starts a demo instance and loads GET /api/records/{id} in slices of 20 s from the first
# request on, printing per slice: requests/s, p99, the JVM's JIT queue (methods waiting to be
# compiled) and the size of its C2-compiled code. Shows how long a fresh server takes to reach
# its steady figures, and compares JVM options slice by slice.
#
#   bench/slices.sh                                   # 9 slices, 32 connections
#   SLICES=14 CONNECTIONS=16 bench/slices.sh
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 \
#     STRONGROOM_JAVA_OPTS=-Djdk.virtualThreadScheduler.parallelism=2 bench/slices.sh
#
# Needs wrk and curl (Debian packages). Uses $JAVA_HOME/bin/java when set.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SLICES=${SLICES:-9}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5610}
work=$(mktemp -d /tmp/strongroom-bench-slices.XXXXXX)
bench_on_exit() { rm -rf "$work"; }

echo "machine: $(bench_machine)"
demo_start "$work/instance" "$PORT"
id=$(demo_record_id)
for i in $(seq 1 "$SLICES"); do
  wrk -t2 -c"$CONNECTIONS" -d20s --latency -H "Authorization: Bearer $demo_token" \
    "$demo_base/api/records/$id" > "$work/slice.txt" &
  load=$!
  sleep 15
  queue=$(bench_jit_queue "$demo_pid")
  c2=$("$bench_jcmd" "$demo_pid" Compiler.codecache | awk -F'used=' '/non-profiled/ { split($2, a, "Kb"); print a[1] }')
  wait "$load"
  printf 'slice %2d: %10s req/s   p99 %9s   JIT queue %5s   C2 code %6s KiB\n' "$i" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/slice.txt")" "$(awk '$1 == "99%" {print $2}' "$work/slice.txt")" \
    "$queue" "$c2"
done

#!/usr/bin/env bash
# The token record read (GET /api/records/{id} with a Bearer token) through the whole chain of
# deploy/ (haproxy -> nginx -> two instances, PostgreSQL, Redis, S3), against one of the same
# instances on its own, in the same run. deploy/smoke.sh starts everything; this script runs
# inside it (SMOKE_RUN). Usage: bench/cluster.sh   (MEASURE_SECONDS, WARMUP_SECONDS, CONNECTIONS)
# Load: 2 x WARMUP_SECONDS + 4 x MEASURE_SECONDS (defaults 20 + 40 s) after ~2 minutes of start-up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "${SMOKE_ORIGIN:-}" ]; then
  command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
  SMOKE_RUN="$here/cluster.sh" exec "$here/../deploy/smoke.sh"
fi
source "$here/lib.sh"   # bench_machine
warmup="${WARMUP_SECONDS:-10}" measure="${MEASURE_SECONDS:-10}" connections="${CONNECTIONS:-16}"
chain="https://127.0.0.1:$SMOKE_PUBLIC_PORT/api/records/$SMOKE_RECORD"
single="https://127.0.0.1:$SMOKE_PORT_A/api/records/$SMOKE_RECORD"
run() { # url host seconds -> requests/s
  wrk -t2 -c"$connections" -d"${3}s" -H "Host: $2" -H "Authorization: Bearer $SMOKE_TOKEN" "$1" \
    | tee -a "$SMOKE_WORK/wrk.out" | awk '/Requests\/sec/ {print $2}'
}
echo "$(bench_machine)"
echo "warm-up ${warmup}s each"
run "$chain" "localhost:$SMOKE_PUBLIC_PORT" "$warmup" >/dev/null
run "$single" "localhost:$SMOKE_PORT_A" "$warmup" >/dev/null
c=(); s=()
for _ in 1 2; do
  c+=("$(run "$chain" "localhost:$SMOKE_PUBLIC_PORT" "$measure")")
  s+=("$(run "$single" "localhost:$SMOKE_PORT_A" "$measure")")
done
grep -E "Non-2xx|Socket errors" "$SMOKE_WORK/wrk.out" >&2 || true
awk -v c="${c[*]}" -v s="${s[*]}" -v n="$connections" -v d="$measure" 'BEGIN {
  split(c, C, " "); split(s, S, " ");
  mc = (C[1] + C[2]) / 2; ms = (S[1] + S[2]) / 2;
  printf "GET /api/records/{id} with a token, %d connections, 2 rounds of %d s each\n", n, d;
  printf "haproxy -> nginx -> 2 instances: %.0f req/s (rounds: %s, %s)\n", mc, C[1], C[2];
  printf "one instance on its own:         %.0f req/s (rounds: %s, %s)\n", ms, S[1], S[2];
  printf "chain / one instance: %.2f\n", mc / ms;
}'

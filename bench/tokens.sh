#!/usr/bin/env bash
# Token authentication cost: GET /api/records/{id} with a Bearer token vs. anonymously, in the
# same run against one demo server over HTTPS. Goal: at most 10% fewer requests/s with the token.
# Usage: bench/tokens.sh [PORT]   (needs wrk and curl; load is ~2 minutes; localhost only)
set -euo pipefail
port="${1:-5443}"
warmup="${WARMUP_SECONDS:-30}"     # per variant: 2 x 30 s = 60 s of warm-up
measure="${MEASURE_SECONDS:-15}"   # per round and variant: 2 rounds x 2 x 15 s = 60 s measured
connections="${CONNECTIONS:-16}"
work="$(mktemp -d /tmp/strongroom-bench-tokens.XXXXXX)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_on_exit() { rm -rf "$work"; }

demo_start "$work/instance" "$port"
token="$demo_token"
instance="$work/instance"
base="https://localhost:$port"
cert="$instance/tls/cert.pem"
id="$(curl -sf --cacert "$cert" "$base/api/records/?size=1" | grep -oE '"id" *: *"[0-9a-z]{5}-[0-9a-z]{5}"' | head -n 1 | grep -oE '[0-9a-z]{5}-[0-9a-z]{5}')"
url="$base/api/records/$id"
[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$cert" -H "Authorization: Bearer $token" "$url")" = 200 ]

run() { # variant seconds -> requests/s
  local args=(-t2 -c"$connections" -d"${2}s" --latency)
  [ "$1" = token ] && args+=(-H "Authorization: Bearer $token")
  wrk "${args[@]}" "$url" | tee -a "$instance.wrk" | awk '/Requests\/sec/ {print $2}'
}

echo "Warm-up ${warmup}s per variant…" >&2
run anonymous "$warmup" >/dev/null
run token "$warmup" >/dev/null
anon=(); tok=()
for round in 1 2; do
  anon+=("$(run anonymous "$measure")")
  tok+=("$(run token "$measure")")
done
grep -E "Non-2xx|Socket errors" "$instance.wrk" >&2 || true
rm -f "$instance.wrk"
awk -v a="${anon[*]}" -v t="${tok[*]}" -v c="$connections" -v s="$measure" 'BEGIN {
  split(a, A, " "); split(t, T, " ");
  ma = (A[1] + A[2]) / 2; mt = (T[1] + T[2]) / 2;
  printf "GET /api/records/{id}, %d connections, 2 rounds of %d s each\n", c, s;
  printf "anonymous: %.0f req/s (rounds: %s, %s)\n", ma, A[1], A[2];
  printf "token:     %.0f req/s (rounds: %s, %s)\n", mt, T[1], T[2];
  printf "difference: %.1f%% (goal: at most 10%%)\n", (ma - mt) * 100 / ma;
}'

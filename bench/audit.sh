#!/usr/bin/env bash
# Audit log cost: POST /api/records/ (each writes one hash-chained audit entry under the
# chain-head row lock, plus a line in audit.jsonl) against a demo server over HTTPS, then the
# time `strongroom audit verify` takes over every entry written.
# Usage: bench/audit.sh [PORT]   (needs wrk and curl; load is ~80 s; localhost only)
# SKIP_VERIFY=1 runs only the load (for a baseline build without the audit feature).
set -euo pipefail
port="${1:-5444}"
warmup="${WARMUP_SECONDS:-20}"
measure="${MEASURE_SECONDS:-30}"   # 2 rounds
connections="${CONNECTIONS:-16}"
work="$(mktemp -d /tmp/strongroom-bench-audit.XXXXXX)"
instance="$work/instance"
script="$work/load.lua"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_on_exit() { rm -rf "$work"; }

management_port="$((port + 1))"
demo_start "$instance" "$port" STRONGROOM_MANAGEMENT_PORT="$management_port"
server="$demo_pid"
token="$demo_token"
cat >"$script" <<LUA
wrk.method = "POST"
wrk.body = '{"metadata": {"title": "Benchmark record"}, "access": {"record": "public"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
url="https://localhost:$port/api/records/"

run() { # seconds -> "requests/s p99"
  wrk -t2 -c"$connections" -d"${1}s" --latency -s "$script" "$url" | tee -a "$instance.wrk" |
    awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {print r, p}'
}

echo "Warm-up ${warmup}s…" >&2
run "$warmup" >/dev/null
r1="$(run "$measure")"
r2="$(run "$measure")"
grep -E "Non-2xx|Socket errors" "$instance.wrk" >&2 || true
rm -f "$instance.wrk"
metrics="$(curl -s "http://127.0.0.1:$management_port/actuator/prometheus" | grep '^strongroom_audit_events_total{action="record.create"' || true)"

kill "$server"; wait "$server" 2>/dev/null || true
echo "POST /api/records/ (one audit entry each), $connections connections, 2 rounds of $measure s"
echo "round 1: ${r1% *} req/s, p99 ${r1#* }"
echo "round 2: ${r2% *} req/s, p99 ${r2#* }"
echo "prometheus: $metrics"
[ "${SKIP_VERIFY:-0}" = 1 ] && exit 0
entries="$(wc -l <"$instance/logs/audit.jsonl")"
start=$(date +%s.%N)
"$bench_root/strongroom" audit verify --instance "$instance" >"$instance.verify" 2>&1 || { cat "$instance.verify" >&2; exit 1; }
end=$(date +%s.%N)
rm -f "$instance.verify"
awk -v n="$entries" -v s="$start" -v e="$end" 'BEGIN {
  printf "audit verify: %d entries (database + file) in %.1f s including JVM and Spring start\n", n, e - s }'

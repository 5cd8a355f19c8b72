#!/usr/bin/env bash
# Cost of the rate limiter on GET /api/records/{id} (token-authenticated), in one run:
# limits off, limits on in memory, limits on in Redis. Each configuration gets its own
# `./strongroom demo` server on the same instance (started one after the other), a warm-up
# and a measured wrk run over HTTPS. Limits are raised so that nothing is refused: the
# figures are the cost of counting, not of refusing.
#
#   bench/ratelimit.sh                      # WARMUP=20 DURATION=20 seconds per configuration
#   WARMUP=30 DURATION=30 bench/ratelimit.sh
#
# Needs wrk (apt-get install wrk), curl, and Redis at 127.0.0.1:6379 for the Redis row
# (REDIS_URL to change it). Prints requests/s per configuration and the cost against "off".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-5443}"
warmup="${WARMUP:-20}"
duration="${DURATION:-20}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
instance="$(mktemp -d /tmp/strongroom-bench-ratelimit.XXXXXX)"
log="$instance/server.out"
server_pid=""

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() { stop_server; rm -rf "$instance"; }
trap cleanup EXIT

# Starts the demo server with the given environment and waits until it answers.
start_server() {
  env "$@" "$here/strongroom" demo --instance "$instance/data" --port "$port" >>"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 180); do
    if curl -ks -o /dev/null "https://localhost:$port/api/records/"; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 1
  done
  echo "server did not start within 180 s" >&2
  exit 1
}

# Far above what the machine can serve, so that no request is refused during the run.
high=(STRONGROOM_RATELIMITS_ANONYMOUS=999999999/1m STRONGROOM_RATELIMITS_AUTHENTICATED=999999999/1m
  STRONGROOM_RATELIMITS_LOGIN=999999999/1m)

measure() {
  local name="$1"; shift
  start_server "$@"
  if [ -z "${token:-}" ]; then
    token="$(grep -o 'sr_[A-Za-z0-9]*' "$log" | head -1)"
    record="$(curl -ks -H "Authorization: Bearer $token" "https://localhost:$port/api/records/?size=1" \
      | grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*: *"\(.*\)"/\1/')"
    [ -n "$token" ] && [ -n "$record" ] || { echo "could not read the demo token or a record id" >&2; exit 1; }
  fi
  local url="https://localhost:$port/api/records/$record"
  local headers
  headers="$(curl -ks -D - -o /dev/null -H "Authorization: Bearer $token" "$url" | tr -d '\r' | grep -i '^x-ratelimit-limit' || true)"
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $token" "$url" >/dev/null
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" "$url")"
  local rps non2xx p50 p99
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  non2xx="$(echo "$out" | awk '/Non-2xx/ {print $5}')"
  p50="$(echo "$out" | awk '$1 == "50%" {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {print $2}')"
  printf '%-10s %12s req/s   p50 %8s   p99 %8s   non-2xx %s   %s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}" \
    "${headers:-(no X-RateLimit headers)}"
  eval "rps_$name=$rps"
  stop_server
}

"$here/strongroom" --version >/dev/null   # builds the jar first when the sources changed
echo "Rate-limit cost on GET /api/records/{id}: wrk -t$threads -c$connections, ${warmup}s warm-up + ${duration}s measured each"
echo "$(nproc) CPUs, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
measure off STRONGROOM_RATELIMITS_ENABLED=false
measure memory STRONGROOM_RATELIMITS_ENABLED=true "${high[@]}"
if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || [ "$redis_url" != "redis://127.0.0.1:6379" ]; then
  measure redis STRONGROOM_RATELIMITS_ENABLED=true STRONGROOM_REDIS_URL="$redis_url" "${high[@]}"
else
  echo "redis      skipped: no Redis at 127.0.0.1:6379"
fi

cost() { awk -v off="$1" -v on="$2" 'BEGIN { printf "%.1f%%", (off - on) / off * 100 }'; }
echo "cost in memory: $(cost "$rps_off" "$rps_memory") (goal <= 5%)"
[ -n "${rps_redis:-}" ] && echo "cost in Redis:  $(cost "$rps_off" "$rps_redis") (goal <= 25%)"
exit 0

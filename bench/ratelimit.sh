#!/usr/bin/env bash
# Cost of the rate limiter on GET /api/records/{id} (token-authenticated), in one run:
# limits off, limits on in memory, limits on in Redis. Three `./strongroom demo` servers
# (one instance folder each) run side by side; after a warm-up, wrk measures them in turns
# (off, memory, redis, then memory, redis, off, …) so that the load other processes put on a shared machine
# falls on all three alike. Limits are raised so that nothing is refused: the figures are
# the cost of counting, not of refusing.
#
#   bench/ratelimit.sh                                  # 20 s warm-up each, 6 rounds of 5 s each
#   WARMUP=30 ROUNDS=9 SLICE=5 bench/ratelimit.sh
#
# Needs wrk (apt-get install wrk), curl, python3, and Redis at 127.0.0.1:6379 for the Redis
# row (REDIS_URL to change it). Prints requests/s per configuration and the cost against "off".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
warmup="${WARMUP:-20}"
rounds="${ROUNDS:-6}"
slice="${SLICE:-5}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
work="$(mktemp -d /tmp/strongroom-bench-ratelimit.XXXXXX)"
pids=()

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Far above what the machine can serve, so that no request is refused during the run.
high=(STRONGROOM_MANAGEMENT_PORT=-1 STRONGROOM_RATELIMITS_ANONYMOUS=999999999/1m STRONGROOM_RATELIMITS_AUTHENTICATED=999999999/1m
  STRONGROOM_RATELIMITS_LOGIN=999999999/1m)

bench_record='{"metadata": {"title": "Benchmark record", "description": "A *short* description.",
  "contributors": [{"name": "Bench, Mark"}]}, "access": {"record": "public"}}'

# start NAME ENV...: a demo server in $work/NAME; sets port_NAME, url_NAME and token_NAME.
start() {
  local name="$1"; shift
  local port log
  port="$(free_port)"
  log="$work/$name.out"
  env "$@" "$here/strongroom" demo --instance "$work/$name" --port "$port" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    # "is serving" is printed once the demo data (and its token) have been printed.
    if grep -q "is serving" "$log" && curl -ks -o /dev/null "https://localhost:$port/api/records/"; then
      local token record
      token="$(grep -o 'sr_[A-Za-z0-9]*' "$log" | head -1)"
      # The same record on every server (demo records differ in size, and so in cost).
      record="$(curl -ks -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "$bench_record" "https://localhost:$port/api/records/" \
        | grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*: *"\(.*\)"/\1/')"
      [ -n "$token" ] && [ -n "$record" ] || { echo "$name: no demo token or record id" >&2; exit 1; }
      printf -v "url_$name" '%s' "https://localhost:$port/api/records/$record"
      printf -v "token_$name" '%s' "$token"
      return 0
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "$name: server exited" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 1
  done
  echo "$name: server did not start within 240 s" >&2
  exit 1
}

# load NAME SECONDS: prints requests/s of one wrk run against that server.
load() {
  local url_var="url_$1" token_var="token_$1"
  wrk -t"$threads" -c"$connections" -d"$2s" -H "Authorization: Bearer ${!token_var}" "${!url_var}" \
    | awk '/Non-2xx/ { print "non-2xx responses: " $0 > "/dev/stderr" } /Requests\/sec/ { print $2 }'
}

"$here/strongroom" --version >/dev/null   # builds the jar first when the sources changed
configs=(off memory)
start off STRONGROOM_RATELIMITS_ENABLED=false STRONGROOM_MANAGEMENT_PORT=-1
start memory STRONGROOM_RATELIMITS_ENABLED=true "${high[@]}"
if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || [ "$redis_url" != "redis://127.0.0.1:6379" ]; then
  start redis STRONGROOM_RATELIMITS_ENABLED=true STRONGROOM_REDIS_URL="$redis_url" "${high[@]}"
  configs+=(redis)
fi

echo "Rate-limit cost on GET /api/records/{id} with a token: wrk -t$threads -c$connections over HTTPS,"
echo "${warmup}s warm-up per server, then $rounds rounds of ${slice}s per configuration in turns"
echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
for name in "${configs[@]}"; do
  url_var="url_$name" token_var="token_$name"
  echo "$name: $(curl -ks -D - -o /dev/null -H "Authorization: Bearer ${!token_var}" "${!url_var}" \
    | tr -d '\r' | grep -i '^x-ratelimit-limit' || echo '(no X-RateLimit headers)')"
  load "$name" "$warmup" >/dev/null
done

declare -A total
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  shift_by=$(( (round - 1) % ${#configs[@]} ))
  order=("${configs[@]:$shift_by}" "${configs[@]:0:$shift_by}")
  for name in "${order[@]}"; do
    rps="$(load "$name" "$slice")"
    total[$name]="$(awk -v a="${total[$name]:-0}" -v b="$rps" 'BEGIN { print a + b }')"
    line="$line  $name $rps"
  done
  echo "$line"
done

for name in "${configs[@]}"; do
  mean="$(awk -v t="${total[$name]}" -v n="$rounds" 'BEGIN { printf "%.1f", t / n }')"
  printf -v "mean_$name" '%s' "$mean"
  printf '%-7s %10s req/s (mean of %s rounds)\n' "$name" "$mean" "$rounds"
done
cost() { awk -v off="$1" -v on="$2" 'BEGIN { printf "%.1f%%", (off - on) / off * 100 }'; }
echo "cost in memory: $(cost "$mean_off" "$mean_memory") (goal <= 5%)"
if [ -n "${mean_redis:-}" ]; then
  echo "cost in Redis:  $(cost "$mean_off" "$mean_redis") (goal <= 25%)"
fi

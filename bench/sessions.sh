#!/usr/bin/env bash
# The cost of keeping sessions in Redis: a signed-in page view (GET /account/profile with a
# session cookie, PAGE to change it) on a demo server whose sessions are in memory against one
# whose sessions are in Redis (strongroom.redis.url), in the same run. Both servers run side by
# side with rate limits off (so that Redis serves the sessions only); after a warm-up, wrk
# measures them in turns (memory, redis, then redis, memory, …) so that the load of other
# processes falls on both alike. In Redis a request whose session did not change sends nothing
# once the server holds a copy of the session (its near cache); the last access time is written
# only in steps of 1/16 of the idle timeout.
#
#   bench/sessions.sh        (WARMUP, WARMUP_MAX, ROUNDS, SLICE, CONNECTIONS, PAGE, REDIS_URL,
#                             PORTS="memory redis", default "5631 5632", NAMESPACE for the Redis keys)
#
# Goal: the Redis server serves at most 10 % fewer page views per second. Needs wrk, curl and
# Redis (default redis://127.0.0.1:6379; the keys live under a namespace of their own, deleted
# at the end, with redis-cli when it is there).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
warmup="${WARMUP:-60}"
warmup_max="${WARMUP_MAX:-240}"
rounds="${ROUNDS:-6}"
slice="${SLICE:-10}"
connections="${CONNECTIONS:-16}"
page="${PAGE:-/account/profile}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
read -r port_memory port_redis <<<"${PORTS:-5631 5632}"
namespace="${NAMESPACE:-bench-sessions}-$$"
work="$(mktemp -d /tmp/strongroom-bench-sessions.XXXXXX)"
bench_on_exit() {
  drop_redis_namespace "$redis_url" "$namespace"
  rm -rf "$work"
}


# load NAME SECONDS: prints requests/s of one wrk run against that server.
load() {
  local url_var="url_$1" cookie_var="cookie_$1"
  wrk -t2 -c"$connections" -d"$2s" -H "Cookie: ${!cookie_var}" "${!url_var}" \
    | awk '/Non-2xx/ { print "non-2xx responses: " $0 > "/dev/stderr" } /Requests\/sec/ { print $2 }'
}

signed_in_demo memory "$port_memory"
signed_in_demo redis "$port_redis" STRONGROOM_REDIS_URL="$redis_url" STRONGROOM_REDIS_NAMESPACE="$namespace"
configs=(memory redis)

echo "Signed-in page view GET $page: wrk -t2 -c$connections over HTTPS, sessions in memory against in Redis ($redis_url),"
echo "rate limits off, at least ${warmup}s warm-up per server, then $rounds rounds of ${slice}s per configuration in turns"
echo "$(bench_machine)"
for name in "${configs[@]}"; do
  pid_var="pid_$name"
  echo "$name: $(bench_warm_up "${!pid_var}" "$warmup" "$warmup_max" load "$name" 20)"
done

bench_rounds "$rounds" "$slice" "${configs[@]}"
bench_means "${configs[@]}"
awk -v m="$mean_memory" -v r="$mean_redis" 'BEGIN { printf "cost of sessions in Redis: %.1f%% (goal <= 10%%)\n", (m - r) / m * 100 }'

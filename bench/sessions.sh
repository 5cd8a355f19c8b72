#!/usr/bin/env bash
# The cost of keeping sessions in Redis: a signed-in page view (GET /account/profile with a
# session cookie, PAGE to change it) on a demo server whose sessions are in memory against one
# whose sessions are in Redis (strongroom.redis.url), in the same run. Both servers run side by
# side with rate limits off (so that Redis serves the sessions only); after a warm-up, wrk
# measures them in turns (memory, redis, then redis, memory, …) so that the load of other
# processes falls on both alike. In Redis every request reads its session (one command); its
# last access time is written only in steps of 1/16 of the idle timeout.
#
#   bench/sessions.sh        (WARMUP, WARMUP_MAX, ROUNDS, SLICE, CONNECTIONS, PAGE, REDIS_URL)
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
namespace="bench-sessions-$$"
work="$(mktemp -d /tmp/strongroom-bench-sessions.XXXXXX)"
bench_on_exit() {
  if command -v redis-cli >/dev/null; then
    redis-cli -u "$redis_url" --scan --pattern "$namespace:*" | xargs -r redis-cli -u "$redis_url" del >/dev/null || true
  fi
  rm -rf "$work"
}

# start NAME PORT ENV...: a demo server in $work/NAME, signed in as alice; sets cookie_NAME, url_NAME, pid_NAME.
start() {
  local name="$1" port="$2" jar="$work/$1.cookies" password csrf code session
  shift 2
  demo_start "$work/$name" "$port" STRONGROOM_RATELIMITS_ENABLED=false "$@"
  password="$(awk '$1 == "user" && $2 == "alice@example.org" {print $4}' "$demo_log")"
  curl -s --cacert "$demo_cert" -c "$jar" -b "$jar" -o /dev/null "$demo_base/login"
  csrf="$(awk '$6 == "__Host-csrftoken" {print $7}' "$jar" | tail -n 1)"
  code="$(curl -s --cacert "$demo_cert" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "username=alice@example.org" --data-urlencode "password=$password" \
    --data-urlencode "csrf_token=$csrf" "$demo_base/login")"
  session="$(awk '$6 == "__Host-session" {print $7}' "$jar" | tail -n 1)"
  [ "$code" = 302 ] && [ -n "$session" ] || { echo "$name: signing in failed ($code)" >&2; exit 1; }
  [ "$(curl -s --cacert "$demo_cert" -o /dev/null -w '%{http_code}' -H "Cookie: __Host-session=$session" \
    "$demo_base$page")" = 200 ] || { echo "$name: $page is not served to the signed-in session" >&2; exit 1; }
  printf -v "cookie_$name" '%s' "__Host-session=$session"
  printf -v "url_$name" '%s' "$demo_base$page"
  printf -v "pid_$name" '%s' "$demo_pid"
}

# load NAME SECONDS: prints requests/s of one wrk run against that server.
load() {
  local url_var="url_$1" cookie_var="cookie_$1"
  wrk -t2 -c"$connections" -d"$2s" -H "Cookie: ${!cookie_var}" "${!url_var}" \
    | awk '/Non-2xx/ { print "non-2xx responses: " $0 > "/dev/stderr" } /Requests\/sec/ { print $2 }'
}

start memory 5631
start redis 5632 STRONGROOM_REDIS_URL="$redis_url" STRONGROOM_REDIS_NAMESPACE="$namespace"
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

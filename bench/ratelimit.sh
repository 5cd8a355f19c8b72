#!/usr/bin/env bash
# Cost of the rate limiter on GET /api/records/{id} (token-authenticated), in one run:
# limits off, limits on in memory, limits on in Redis. Three `./strongroom demo` servers
# (one instance folder each) run side by side; after a warm-up, wrk measures them in turns
# (off, memory, redis, then memory, redis, off, …) so that the load other processes put on a shared machine
# falls on all three alike. Limits are raised so that nothing is refused (LIMITS=default: see
# below): the figures are the cost of counting, not of refusing.
#
#   bench/ratelimit.sh                                  # >= 120 s warm-up each, 6 rounds of 10 s each
#   WARMUP=90 WARMUP_MAX=300 ROUNDS=9 SLICE=10 bench/ratelimit.sh
#   CALLERS=16 bench/ratelimit.sh                       # 16 callers instead of one (see below)
#   PORT=28611 bench/ratelimit.sh                       # the three servers on 28611-28613 (default 5611-5613)
#   LIMITS=default CALLERS=1000 bench/ratelimit.sh      # the default limits (60/1m,1000/1h anonymous,
#                                                       # 100/1m,5000/1h authenticated), many callers
#                                                       # each within them: paced (see below)
#
# Spring needs a minute or two of load before its figures settle, hence the long warm-up: the
# server with Redis limits was still compiling (C2) after 90 s (bench/results/2026-history-ratelimit.md). Each server
# is loaded for at least WARMUP seconds and until its JIT queue is nearly empty (lib.sh).
# Needs wrk (apt-get install wrk), curl, and Redis at 127.0.0.1:6379 for the Redis
# row (REDIS_URL to change it). Prints requests/s per configuration and the cost against "off",
# then where the CPU went per request (from /proc): the server, Redis, everything else (wrk,
# the kernel's network work), the server's context switches, and how many requests a Redis call
# carried (from INFO commandstats, with redis-cli). On this 2-core machine the
# load saturates the CPU, so throughput follows CPU per request; the split says which part of
# a cost is Redis itself and which is the server waiting for it. Redis's CPU and calls are the
# whole redis-server's: run it where nothing else uses that Redis.
#
# By default every request comes from one caller (the demo token): the limiter's best case, as
# one caller's requests share calls to Redis. A server's real load is many callers, each far
# from its limit; CALLERS=N sends anonymous requests from N client addresses in turn, named in
# X-Forwarded-For (bench/callers.lua), with the servers trusting one proxy.
# The raised limits (999999999/1m, lib.sh) are large enough for big leases (docs/operations/rate-limits.md,
# "Leases"): most requests are then allowed from tokens the server took ahead, without a Redis call.
#
# LIMITS=default with CALLERS=N > 1 measures the case of the issue-33 goal: the default limits,
# many callers, each within its limit. The callers are anonymous, so the anonymous default
# 60/1m,1000/1h applies (the smaller default: its leases are smaller than the authenticated
# 100/1m's). At full speed 1000 callers would each exceed 60/1m within seconds, so the load is
# paced instead: every caller sends PACE requests a minute (default 30, half its limit), i.e.
# N x PACE / 60 requests/s in all, each wrk connection waiting after every response (wrk's
# delay(); rounded so the rate is at most that). Then the machine is not saturated and
# requests/s are the pace, not a cost: the figures to compare are the CPU per request of the
# server plus Redis (from /proc), printed as a cost against "off" (and as the throughput a
# saturated machine would lose, 1 - off/on), and the latency (mean p50 and p99 of the rounds).
# The non-2xx count per configuration is printed: it must be 0 (or a handful), else callers
# went over their limit and the run measured refusals. Each run uses fresh client addresses
# (CALLER_BASE, random), so it does not inherit the counts an earlier run left in Redis.
# PACE=0 sends at full speed instead (most requests are then refused).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
warmup="${WARMUP:-120}"
warmup_max="${WARMUP_MAX:-300}"
rounds="${ROUNDS:-6}"
slice="${SLICE:-10}"
connections="${CONNECTIONS:-16}"
callers="${CALLERS:-1}"
limits="${LIMITS:-raised}"
case "$limits" in raised|default) ;; *) echo "LIMITS must be raised or default" >&2; exit 2 ;; esac
threads="${THREADS:-2}"
pace="${PACE:-0}"
if [ "$limits" = default ] && [ "$callers" -gt 1 ]; then pace="${PACE:-30}"; fi
# Each connection's pause after a response: connections x 60 s / (callers x PACE), rounded up.
delay_ms=0
if [ "$pace" -gt 0 ] && [ "$callers" -gt 1 ]; then
  delay_ms=$(( (connections * 60000 + callers * pace - 1) / (callers * pace) ))
fi
caller_base=$(( RANDOM * 4 ))
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
work="$(mktemp -d /tmp/strongroom-bench-ratelimit.XXXXXX)"
bench_on_exit() { rm -rf "$work"; }

# start NAME PORT ENV...: a demo server in $work/NAME; sets url_NAME and token_NAME.
start() {
  local name="$1" port="$2"; shift 2
  if [ "$callers" -gt 1 ]; then set -- "$@" STRONGROOM_TRUSTEDPROXIES=1; fi
  # LIMITS=default: the defaults (RateLimitProperties) instead of lib.sh's raised limits. At full
  # load each caller then soon exceeds them: the non-2xx count printed per run says how many.
  if [ "$limits" = default ]; then
    set -- "$@" STRONGROOM_RATELIMITS_ANONYMOUS=60/1m,1000/1h STRONGROOM_RATELIMITS_AUTHENTICATED=100/1m,5000/1h
  fi
  demo_start "$work/$name" "$port" "$@"
  # The same record on every server (demo records differ in size, and so in cost).
  local record
  record="$(demo_curl -H 'Content-Type: application/json' -d "$bench_record" "$demo_base/api/records/" \
    | grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*: *"\(.*\)"/\1/')"
  [ -n "$record" ] || { echo "$name: could not create the benchmark record" >&2; exit 1; }
  printf -v "url_$name" '%s' "$demo_base/api/records/$record"
  printf -v "token_$name" '%s' "$demo_token"
  printf -v "pid_$name" '%s' "$demo_pid"
}

# load NAME SECONDS: prints requests/s, the number of requests, the number of non-2xx responses,
# p50 and p99 in ms of one wrk run against that server.
load() {
  local url_var="url_$1" token_var="token_$1" caller
  # Its own statement: `local` expands all its words before it sets any of them.
  caller=(-H "Authorization: Bearer ${!token_var}")
  if [ "$callers" -gt 1 ]; then caller=(-s "$bench_root/bench/callers.lua"); fi
  CALLERS="$callers" CALLER_BASE="$caller_base" WRK_THREADS="$threads" DELAY_MS="$delay_ms" \
    wrk -t"$threads" -c"$connections" -d"$2s" --latency "${caller[@]}" "${!url_var}" \
    | awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
           /Non-2xx/ { bad = $NF } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
           / requests in / { count = $1 } /Requests\/sec/ { rps = $2 }
           END { printf "%s %d %d %.3f %.3f\n", rps, count, bad, p50, p99 }'
}

# CPU accounting from /proc, in clock ticks: a process's user+system time, all busy time of the
# machine, and a process's context switches (all its threads).
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { s += $2 } END { print s + 0 }'; }
redis_pid="$(pgrep -x redis-server | head -n 1 || true)"
# Script calls Redis has run so far (the limiter's one command), 0 without redis-cli.
redis_calls() {
  { redis-cli -u "$redis_url" info commandstats 2>/dev/null || true; } | tr -d '\r' \
    | awk -F'[=,]' '/^cmdstat_evalsha:/ { calls += $2 } /^cmdstat_eval:/ { calls += $2 } END { print calls + 0 }'
}
# snapshot NAME: server ticks, Redis ticks, machine ticks, server context switches, Redis calls.
snapshot() {
  local pid_var="pid_$1"
  echo "$(process_ticks "${!pid_var}") $( [ -n "$redis_pid" ] && process_ticks "$redis_pid" || echo 0) $(machine_ticks) $(switches "${!pid_var}") $(redis_calls)"
}

configs=(off memory)
port="${PORT:-5611}"  # and the next two
start off "$port" STRONGROOM_RATELIMITS_ENABLED=false
start memory "$((port + 1))" STRONGROOM_RATELIMITS_ENABLED=true
if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || [ "$redis_url" != "redis://127.0.0.1:6379" ]; then
  start redis "$((port + 2))" STRONGROOM_RATELIMITS_ENABLED=true STRONGROOM_REDIS_URL="$redis_url"
  configs+=(redis)
fi

if [ "$callers" -gt 1 ]; then who="anonymous, from $callers client addresses in turn"; else who="with a token"; fi
echo "Rate-limit cost on GET /api/records/{id} $who, $limits limits: wrk -t$threads -c$connections over HTTPS,"
if [ "$delay_ms" -gt 0 ]; then
  echo "paced: each caller at most $pace requests a minute (each connection waits ${delay_ms} ms after a response),"
fi
echo "at least ${warmup}s warm-up per server, then $rounds rounds of ${slice}s per configuration in turns"
echo "$(bench_machine)"
for name in "${configs[@]}"; do
  url_var="url_$name" token_var="token_$name"
  echo "$name: $(curl -ks -D - -o /dev/null -H "Authorization: Bearer ${!token_var}" "${!url_var}" \
    | tr -d '\r' | grep -i '^x-ratelimit-limit' || echo '(no X-RateLimit headers)')"
  pid_var="pid_$name"
  echo "$name: $(bench_warm_up "${!pid_var}" "$warmup" "$warmup_max" load "$name" 20)"
done

declare -A used  # per configuration: requests, server ticks, Redis ticks, machine ticks, switches, Redis calls
declare -A answers  # per configuration: slices, non-2xx responses, sum of p50 and of p99 (ms)
bench_slice_start() { read -r s0 r0 m0 x0 c0 <<<"$(snapshot "$1")"; }
bench_slice_end() {
  local count bad p50 p99 s1 r1 m1 x1 c1 n s r m x c k b l50 l99
  read -r _ count bad p50 p99 <<<"$2"
  read -r s1 r1 m1 x1 c1 <<<"$(snapshot "$1")"
  read -r n s r m x c <<<"${used[$1]:-0 0 0 0 0 0}"
  used[$1]="$((n + count)) $((s + s1 - s0)) $((r + r1 - r0)) $((m + m1 - m0)) $((x + x1 - x0)) $((c + c1 - c0))"
  read -r k b l50 l99 <<<"${answers[$1]:-0 0 0 0}"
  answers[$1]="$((k + 1)) $((b + bad)) $(awk -v a="$l50" -v b="$p50" -v c="$l99" -v d="$p99" 'BEGIN { print a + b, c + d }')"
}
bench_rounds "$rounds" "$slice" "${configs[@]}"
bench_means "${configs[@]}"
off_spread="$(awk -v lo="$lowest_off" -v hi="$highest_off" -v m="$mean_off" 'BEGIN { printf "%.1f%%", (hi - lo) / m * 100 }')"
cost() { awk -v off="$1" -v on="$2" 'BEGIN { printf "%.1f%%", (off - on) / off * 100 }'; }
if [ "$delay_ms" -eq 0 ]; then
  echo "cost in memory: $(cost "$mean_off" "$mean_memory") (goal <= 5%)"
  if [ -n "${mean_redis:-}" ]; then
    echo "cost in Redis:  $(cost "$mean_off" "$mean_redis") (goal <= 25%)"
  fi
  # The rounds of "off" alone spread this much; a cost smaller than that is within the noise.
  echo "spread of off between rounds: $off_spread of its mean"
else
  echo "(paced: requests/s is the pace; the cost is in the CPU per request below)"
fi
ticks_per_second="$(getconf CLK_TCK)"
echo "CPU per request over all rounds (µs; a clock tick is $((1000000 / ticks_per_second)) µs):"
for name in "${configs[@]}"; do
  read -r n s r m x c <<<"${used[$name]}"
  awk -v name="$name" -v n="$n" -v s="$s" -v r="$r" -v m="$m" -v x="$x" -v c="$c" -v tick="$ticks_per_second" 'BEGIN {
    us = 1e6 / tick / n
    printf "%-7s server %5.0f  Redis %5.1f  rest %4.0f  all %5.0f   server context switches %.2f per request",
      name, s * us, r * us, (m - s - r) * us, m * us, x / n
    if (name == "redis" && c > 0) printf "   %.2f requests per Redis call", n / c
    printf "\n" }'
done
echo "answers over all rounds (each caller within its limit: non-2xx should be 0):"
for name in "${configs[@]}"; do
  read -r n _ <<<"${used[$name]}"
  read -r k b l50 l99 <<<"${answers[$name]}"
  awk -v name="$name" -v n="$n" -v k="$k" -v b="$b" -v l50="$l50" -v l99="$l99" 'BEGIN {
    printf "%-7s %d requests, %d non-2xx; latency p50 %.2f ms, p99 %.2f ms (means of the rounds)\n", name, n, b, l50 / k, l99 / k }'
done
# Server plus Redis CPU per request against "off": the cost when the load does not saturate the
# machine; 1 - off/on is the throughput a saturated machine would lose to it.
if [ "$delay_ms" -gt 0 ]; then
  read -r n_off s_off r_off _ <<<"${used[off]}"
  for name in "${configs[@]}"; do
    [ "$name" = off ] && continue
    read -r n s r _ <<<"${used[$name]}"
    goal=$([ "$name" = redis ] && echo 25 || echo 5)
    awk -v name="$name" -v off="$(( s_off + r_off ))" -v n_off="$n_off" -v on="$(( s + r ))" -v n="$n" -v goal="$goal" 'BEGIN {
      a = off / n_off; b = on / n
      printf "cost %-7s server+Redis CPU per request %+.1f%% against off; as saturated throughput %.1f%% (goal <= %d%%)\n",
        name ":", (b - a) / a * 100, (1 - a / b) * 100, goal }'
  done
fi

# Shared by the bench/ scripts: build the jar, start demo servers, wait for them, read the
# token they print, and stop them on exit. Source it: `source "$(dirname "$0")/lib.sh"`.
#
#   demo_start DIR PORT [NAME=value ...]
#     Starts `strongroom demo` on a fresh instance folder DIR (java from $JAVA_HOME when set,
#     options from $STRONGROOM_JAVA_OPTS) and waits until it serves. The management port is off
#     and the rate limits are far above any load (NAME=value pairs override either). Sets
#     demo_pid, demo_log, demo_base (https://localhost:PORT), demo_cert and demo_token.
#   serve_start DIR PORT
#     An instance as an operator makes one: `strongroom setup` in DIR, the rate limits of
#     $SERVE_LIMITS (default 100000000/1h for anonymous and authenticated callers) written into
#     DIR/strongroom.yml, a user (`users create`) and a token (`tokens create`) made by the
#     command line, then `./strongroom serve` (the launcher operators run; options from
#     $STRONGROOM_JAVA_OPTS). Sets the same variables as demo_start, with demo_base
#     https://127.0.0.1:PORT: demo_curl and demo_record_id work on it alike.
#   demo_curl ARGS...   curl trusting the demo certificate, with the demo token.
#   demo_record_id      prints the id of the most recent record on the demo server.
#   bench_warm_up PID MIN MAX CMD...
#                       runs CMD (a load of some seconds) again and again until MIN seconds have
#                       passed and the JVM PID has compiled what the load needs (its JIT queue is
#                       nearly empty), or MAX seconds have passed; prints how long that took.
#   bench_machine       one line: cores, memory, load average, java version, date, CPU model,
#                       and how long an awk loop takes, run once per core at the same time.
#                       The same machine kind has served 2.5x less on one day than on another
#                       (bench/results/2026-history-records.md, 2026-11-23); the check was added then, so whether
#                       it tracks such a slowdown is not known yet. Compare runs with care.
#   bench_rounds ROUNDS SLICE NAME...
#                       measures the servers in turns: ROUNDS rounds, each running `load NAME SLICE`
#                       (the script's function; its output starts with requests/s) once per NAME,
#                       the order rotated every round so that the load of other processes falls on
#                       all alike. Prints one line per round; keeps each round's requests/s in
#                       bench_rates[NAME]. Optional hooks around each slice: bench_slice_start NAME
#                       and bench_slice_end NAME LOAD_OUTPUT.
#   bench_means NAME... prints each configuration's mean, lowest and highest requests/s over the
#                       rounds, and sets mean_NAME (and lowest_NAME, highest_NAME).
#   bench_seed_records N
#                       creates records on the demo server through the API (bench/seed.lua, 16
#                       connections, 20 s at a time) until it lists at least N; prints how many
#                       there are and how long it took.
#   bench_record        the small public record whose read the read-path scripts measure (JSON).
# Every server started is stopped when the script exits; scripts may define bench_on_exit.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
bench_jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
bench_pids=()
bench_record='{"metadata": {"title": "Benchmark record", "description": "A *short* description.",
  "contributors": [{"name": "Bench, Mark"}]}, "access": {"record": "public"}}'

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
"$bench_root/strongroom" --version >/dev/null   # builds the jar when the sources are newer

bench_cleanup() {
  if declare -F bench_on_exit >/dev/null; then bench_on_exit || true; fi
  for pid in "${bench_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap bench_cleanup EXIT

demo_start() {
  local dir="$1" port="$2"; shift 2
  mkdir -p "$(dirname "$dir")"
  demo_log="$dir.log"
  # Env names as Spring Boot reads them: strongroom.rate-limits.* is STRONGROOM_RATELIMITS_*.
  env STRONGROOM_MANAGEMENT_PORT=-1 \
    STRONGROOM_RATELIMITS_ANONYMOUS=999999999/1m STRONGROOM_RATELIMITS_AUTHENTICATED=999999999/1m \
    STRONGROOM_RATELIMITS_LOGIN=999999999/1m "$@" \
    "$bench_java" ${STRONGROOM_JAVA_OPTS:-} -jar "$bench_root/target/strongroom.jar" \
    demo --instance "$dir" --port "$port" >"$demo_log" 2>&1 &
  demo_pid=$!
  bench_pids+=("$demo_pid")
  bench_wait_serving "demo server" "$port"
  demo_token="$(grep -oE 'sr_[0-9A-Za-z]{46}' "$demo_log" | head -n 1 || true)"
  [ -n "$demo_token" ] || [ -n "${demo_token_optional:-}" ] || { echo "the demo printed no token" >&2; exit 1; }
  demo_base="https://localhost:$port"
  demo_cert="$dir/tls/cert.pem"
}

# signed_in_demo NAME PORT ENV...: a demo server in $work/NAME with rate limits off, signed in
# through the login form as alice, whose session must be served $page; sets cookie_NAME, url_NAME
# and pid_NAME (bench/sessions.sh, bench/sessions-profile.sh).
signed_in_demo() {
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

# drop_redis_namespace URL NAMESPACE: deletes the keys a bench's servers left under NAMESPACE.
drop_redis_namespace() {
  if command -v redis-cli >/dev/null; then
    redis-cli -u "$1" --scan --pattern "$2:*" | xargs -r redis-cli -u "$1" del >/dev/null || true
  fi
}

# Waits up to 240 s for the server just started ($demo_pid, logging to $demo_log) to say it serves.
bench_wait_serving() { # what port (BENCH_START_WAIT seconds, default 240: more when it migrates a large schema)
  local wait="${BENCH_START_WAIT:-240}"
  for _ in $(seq 1 "$wait"); do
    grep -q "is serving" "$demo_log" 2>/dev/null && break
    kill -0 "$demo_pid" 2>/dev/null || { echo "$1 on port $2 exited:" >&2; tail -20 "$demo_log" >&2; exit 1; }
    sleep 1
  done
  grep -q "is serving" "$demo_log" || { echo "$1 on port $2 did not start in $wait s" >&2; exit 1; }
}

serve_start() {
  local dir="$1" port="$2" limits="${SERVE_LIMITS:-100000000/1h}" email="bench@example.org" cli
  mkdir -p "$(dirname "$dir")"
  demo_log="$dir.log"
  cli=("$bench_java" -jar "$bench_root/target/strongroom.jar")   # STRONGROOM_JAVA_OPTS are for the server
  "${cli[@]}" setup --instance "$dir" >"$demo_log" 2>&1 || { echo "setup failed:" >&2; tail -20 "$demo_log" >&2; exit 1; }
  # The file, not the environment, as an operator sets them (setup writes every key commented out).
  sed -i "s|^strongroom:\$|strongroom:\n  rate-limits: {anonymous: $limits, authenticated: $limits}|" "$dir/strongroom.yml"
  grep -q "^  rate-limits: {anonymous: $limits" "$dir/strongroom.yml" || { echo "could not set the limits in $dir/strongroom.yml" >&2; exit 1; }
  head -c 24 /dev/urandom | base64 | tr -d '/+=' | "${cli[@]}" users create "$email" --password-stdin \
    --instance "$dir" >>"$demo_log" 2>&1 || { echo "users create failed:" >&2; tail -20 "$demo_log" >&2; exit 1; }
  demo_token="$("${cli[@]}" tokens create -n bench -u "$email" --instance "$dir" 2>>"$demo_log")"
  [[ "$demo_token" =~ ^sr_[0-9A-Za-z]{46}$ ]] || { echo "tokens create printed no token:" >&2; tail -20 "$demo_log" >&2; exit 1; }
  "$bench_root/strongroom" serve --instance "$dir" --port "$port" >>"$demo_log" 2>&1 &
  demo_pid=$!
  bench_pids+=("$demo_pid")
  bench_wait_serving server "$port"
  demo_base="https://127.0.0.1:$port"
  demo_cert="$dir/tls/cert.pem"
}

demo_curl() {
  curl -s --cacert "$demo_cert" -H "Authorization: Bearer $demo_token" "$@"
}

bench_seed_records() {
  local want="$1" start total
  echo "seeding about $want records through the API"
  start=$(date +%s)
  while :; do
    total=$(demo_curl "$demo_base/api/records/?size=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
    [ "$total" -ge "$want" ] && break
    wrk -t"${THREADS:-2}" -c16 -d20s -s "$bench_root/bench/seed.lua" -H "Authorization: Bearer $demo_token" \
      "$demo_base" > /dev/null
  done
  echo "$total records after $(( $(date +%s) - start ))s"
}

demo_record_id() {
  demo_curl "$demo_base/api/records/?size=1&sort=mostrecent" | sed -E 's/.*"hits":\[\{"id":"([^"]+)".*/\1/'
}

# Methods waiting for the JIT compiler in JVM $1 (one line per method in Compiler.queue); 0 when
# jcmd cannot attach, so that the warm-up falls back to its minimum.
bench_jit_queue() {
  "$bench_jcmd" "$1" Compiler.queue 2>/dev/null | grep -cE '^ *[0-9]+ +[0-9]+ ' || true
}

# A fixed warm-up measured a half-compiled server on a slow day: under 32 connections JDK 17's
# single C2 thread shares 2 cores with 32 busy request threads, and its queue of ~1,500 methods
# took 150 s of load to drain (bench/results/2026-history-records.md, 2026-11-23, session 6). So warm up until the
# queue is nearly empty, whatever that takes on the day.
bench_warm_up() {
  local pid="$1" min="$2" max="$3" start queue
  shift 3
  start=$(date +%s)
  while :; do
    "$@" >/dev/null
    queue=$(bench_jit_queue "$pid")
    local elapsed=$(( $(date +%s) - start ))
    if { [ "$elapsed" -ge "$min" ] && [ "$queue" -le 20 ]; } || [ "$elapsed" -ge "$max" ]; then
      echo "warmed up for ${elapsed}s (JIT queue: $queue methods)"
      return
    fi
  done
}

bench_machine() {
  echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$("$bench_java" -version 2>&1 | head -n 1), $(date -u +%Y-%m-%dT%H:%MZ), $(bench_cpu_check)"
}

bench_cpu_check() {
  # A plain interpreter loop, no crypto: hash instructions (SHA-NI, AES-NI) ran at full speed
  # on a day when the server itself ran 2.5x slower, so they tell nothing.
  local start end loops=()
  start=$(date +%s%N)
  for _ in $(seq 1 "$(nproc)"); do
    awk 'BEGIN { for (i = 0; i < 2e7; i++) s += i % 7 }' &
    loops+=($!)
  done
  wait "${loops[@]}"
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v n="$(nproc)" -v cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
    'BEGIN { printf "%s, CPU check (awk loop on each of %d cores) %.2f s", cpu, n, ns / 1e9 }'
}

declare -A bench_rates

bench_rounds() {
  local rounds="$1" slice="$2" round shift_by name output line
  shift 2
  local configs=("$@") order
  for round in $(seq 1 "$rounds"); do
    line="round $round:"
    shift_by=$(( (round - 1) % ${#configs[@]} ))
    order=("${configs[@]:$shift_by}" "${configs[@]:0:$shift_by}")
    for name in "${order[@]}"; do
      if declare -F bench_slice_start >/dev/null; then bench_slice_start "$name"; fi
      output="$(load "$name" "$slice")"
      if declare -F bench_slice_end >/dev/null; then bench_slice_end "$name" "$output"; fi
      bench_rates[$name]="${bench_rates[$name]:-} ${output%% *}"
      line="$line  $name ${output%% *}"
    done
    echo "$line"
  done
}

bench_means() {
  local name mean lowest highest rounds
  for name in "$@"; do
    read -r mean lowest highest rounds <<<"$(echo "${bench_rates[$name]}" | awk '{ lo = hi = $1
      for (i = 1; i <= NF; i++) { t += $i; lo = $i < lo ? $i : lo; hi = $i > hi ? $i : hi }
      printf "%.1f %s %s %d", t / NF, lo, hi, NF }')"
    printf -v "mean_$name" '%s' "$mean"
    printf -v "lowest_$name" '%s' "$lowest"
    printf -v "highest_$name" '%s' "$highest"
    printf '%-7s %10s req/s (mean of %s rounds, from %s to %s)\n' "$name" "$mean" "$rounds" "$lowest" "$highest"
  done
}

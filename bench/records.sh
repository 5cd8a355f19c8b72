#!/usr/bin/env bash
# Benchmarks the token record read (GET /api/records/{id}) over HTTPS against a bare JDK HTTPS
# server (bench/BareHttpsServer.java) sending byte for byte the body Strongroom returned for that
# record, on the instance's own certificate and key. Prints one line per wrk setting: requests/s
# of both, the ratio, and the p50 and p99 of both.
#
#   bench/records.sh                                  # MODE=serve, THREAD_SETTINGS="1 2", defaults below
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/records.sh      # the same on JDK 25
#   WARMUP=110 ROUNDS=4 DURATION=20 bench/records.sh
#   MODE=demo FLOOR=1 SEED=100000 bench/records.sh    # the former run: demo instance, Spring floor, list of 10
#   STRONGROOM_JAVA_OPTS='-Xlog:gc:file=/tmp/gc.log' bench/records.sh   # options for the server's JVM
#
# MODE=serve (the default) measures what operators run: an instance made by `strongroom setup`,
# a user and a token made by the command line, the limits in strongroom.yml
# (`rate-limits: {anonymous: L, authenticated: L}`, L = SERVE_LIMITS, default 100000000/1h), a
# small public record created through the API, and `./strongroom serve`, read at
# https://127.0.0.1:PORT. MODE=demo measures `strongroom demo` (limits raised through the
# environment, lib.sh) reading its most recent demo record at https://localhost:PORT.
#
# The server is warmed up with wrk -t2 for at least WARMUP seconds and until its JIT compiler
# has caught up (bench_warm_up in lib.sh), at most WARMUP_MAX; the bare server for at least 20 s.
# Then, for each number of wrk threads in THREAD_SETTINGS, Strongroom and the bare server are
# measured in turns, ROUNDS rounds of DURATION seconds of `wrk -tN -cCONNECTIONS --latency`, so
# that a machine that speeds up or slows down during the run weighs on both alike. The summary
# line gives the means of the rounds (p99: also the highest round).
# FLOOR=1 adds the Spring floor (bench/SpringFloorServer.java: Spring Boot's Tomcat and MVC
# sending Strongroom's very response bytes, headers included) to the turns; SEED=N > 0 then seeds
# N records and measures the list of 10 against the bare server sending the list document.
# Needs wrk and curl (Debian packages). Uses $JAVA_HOME/bin/java when set, for every JVM started.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${MODE:-serve}
WARMUP=${WARMUP:-60}
WARMUP_MAX=${WARMUP_MAX:-300}
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-4}
CONNECTIONS=${CONNECTIONS:-32}
THREAD_SETTINGS=${THREAD_SETTINGS:-1 2}
FLOOR=${FLOOR:-0}
SEED=${SEED:-0}
PORT=${PORT:-5601}
BARE_PORT=${BARE_PORT:-5602}
FLOOR_PORT=${FLOOR_PORT:-5603}
case "$MODE" in serve|demo) ;; *) echo "MODE must be serve or demo, not '$MODE'" >&2; exit 2 ;; esac
work=$(mktemp -d /tmp/strongroom-bench.XXXXXX)
source bench/lib.sh
bench_on_exit() { rm -rf "$work"; }

echo "machine: $(bench_machine)"
if [ "$MODE" = serve ]; then
  echo "MODE=serve: strongroom setup + users create + tokens create + ./strongroom serve in $work," \
    "limits ${SERVE_LIMITS:-100000000/1h} in strongroom.yml"
  serve_start "$work/instance" "$PORT"
  id=$(demo_curl -H 'Content-Type: application/json' -d "$bench_record" "$demo_base/api/records/" \
    | grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*: *"\(.*\)"/\1/')
  [ -n "$id" ] || { echo "could not create the benchmark record" >&2; exit 1; }
else
  echo "MODE=demo: strongroom demo in $work, limits raised through the environment"
  demo_start "$work/instance" "$PORT"
  id=$(demo_record_id)
fi
JAVA="$bench_java"
token="$demo_token"
url="$demo_base"
curl_() { demo_curl "$@"; }
curl_ -f -D "$work/record.headers" "$url/api/records/$id" > "$work/record.json"
echo "record $id, $(wc -c < "$work/record.json") bytes, ${STRONGROOM_JAVA_OPTS:+server JVM options: $STRONGROOM_JAVA_OPTS}"

# run_wrk NAME URL SECONDS THREADS: one wrk run; prints a line and keeps its requests/s, p50 and
# p99 (in ms) in $work/NAME.{rps,p50ms,p99ms}.
run_wrk() {
  wrk -t"$4" -c"$CONNECTIONS" -d"$3s" --latency -H "Authorization: Bearer $token" "$2" > "$work/$1.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$1.txt")
  if grep -q "Non-2xx" "$work/$1.txt"; then echo "  $1: $(grep 'Non-2xx' "$work/$1.txt")" >&2; fi
  printf '  %-34s %10s req/s   p50 %s   p99 %s\n' "$1" "$rps" "$p50" "$p99"
  echo "$rps" > "$work/$1.rps"
  to_ms "$p50" > "$work/$1.p50ms"
  to_ms "$p99" > "$work/$1.p99ms"
}
to_ms() { awk -v p="$1" 'BEGIN { v = p + 0; if (p ~ /us$/) v /= 1000; else if (p ~ /[0-9]s$/ && p !~ /ms$/) v *= 1000; print v }'; }

echo "strongroom: $(bench_warm_up "$demo_pid" "$WARMUP" "$WARMUP_MAX" \
  wrk -t2 -c"$CONNECTIONS" -d20s -H "Authorization: Bearer $token" "$url/api/records/$id")"

# await_start NAME LOG SECONDS: waits until a baseline server's LOG says it serves ("NAME HTTPS"),
# and stops the run with the end of LOG when it does not within SECONDS.
await_start() {
  for _ in $(seq 1 "$3"); do grep -q "$1 HTTPS" "$2" && return; sleep 1; done
  echo "the $1 server did not start:" >&2; tail -20 "$2" >&2; exit 1
}

# tls_of URL: the protocol and cipher suite curl negotiates with URL.
tls_of() { curl -sv --cacert "$demo_cert" -o /dev/null "$1" 2>&1 | grep -oE 'SSL connection using .*' | head -1; }

# start_bare DOCUMENT: the bare server on BARE_PORT sending DOCUMENT, checked to send exactly
# those bytes and warmed up; sets bare_pid and bare_url.
# nodelay: JDK 17's HttpServer writes headers and body apart, and without TCP_NODELAY each
# response then waits out Nagle against the client's delayed ACK (~40 ms): 720 req/s.
start_bare() {
  local log="$1.log"
  "$JAVA" -Dsun.net.httpserver.nodelay=true bench/BareHttpsServer.java "$BARE_PORT" "$work/instance/tls/cert.pem" \
    "$work/instance/tls/key.pem" "$1" > "$log" 2>&1 &
  bare_pid=$!
  bench_pids+=("$bare_pid")
  await_start "bare" "$log" 30
  bare_url="https://127.0.0.1:$BARE_PORT/"
  curl -sf --cacert "$demo_cert" "$bare_url" > "$work/bare-body"
  cmp -s "$1" "$work/bare-body" || { echo "the bare server's body differs from $1" >&2; exit 1; }
  echo "bare server: the same $(wc -c < "$1") bytes; TLS: strongroom $(tls_of "$url/api/records/$id" | cut -d' ' -f4-)," \
    "bare $(tls_of "$bare_url" | cut -d' ' -f4-)"
  echo "bare server: $(bench_warm_up "$bare_pid" 20 "$WARMUP_MAX" wrk -t2 -c"$CONNECTIONS" -d20s "$bare_url")"
}
start_bare "$work/record.json"

names=("strongroom" "bare")
urls=("$url/api/records/$id" "$bare_url")
if [ "$FLOOR" = 1 ]; then
  # The Spring floor runs on Strongroom's own libraries, extracted from its jar.
  "$JAVA" -Djarmode=tools -jar target/strongroom.jar extract --destination "$work/jar" > /dev/null
  "$JAVA" -cp "$work/jar/lib/*" bench/SpringFloorServer.java "$FLOOR_PORT" "$work/instance/tls/cert.pem" \
    "$work/instance/tls/key.pem" "$work/record.json" "$work/record.headers" > "$work/floor.log" 2>&1 &
  floor_pid=$!
  bench_pids+=("$floor_pid")
  await_start "Spring floor" "$work/floor.log" 60
  echo "Spring floor: $(bench_warm_up "$floor_pid" 20 "$WARMUP_MAX" wrk -t2 -c"$CONNECTIONS" -d20s \
    "https://localhost:$FLOOR_PORT/api/records/$id")"
  names+=("floor")
  urls+=("https://localhost:$FLOOR_PORT/api/records/$id")
fi

# in_turns THREADS: the servers of names/urls in turns (a, b, c, then b, c, a, …), all of them
# up and warm, so that a machine that speeds up or slows down during the run weighs on all of
# them alike: the bare server alone has moved by ~30 % between two runs 13 minutes apart.
in_turns() {
  local round turn i n=${#names[@]}
  for round in $(seq 1 "$ROUNDS"); do
    for turn in $(seq 0 $((n - 1))); do
      i=$(( (turn + round - 1) % n ))
      run_wrk "${names[$i]} -t$1 #$round" "${urls[$i]}" "$DURATION" "$1"
    done
  done
}

# mean NAME KIND: the mean over the rounds of NAME's KIND (rps, p50ms, p99ms); highest NAME KIND.
mean() { for r in $(seq 1 "$ROUNDS"); do cat "$work/$1 #$r.$2"; done | awk '{ s += $1 } END { printf "%.2f", s / NR }'; }
highest() { for r in $(seq 1 "$ROUNDS"); do cat "$work/$1 #$r.$2"; done | sort -g | tail -1; }

# summary NAME BASELINE THREADS: one line for that wrk setting.
summary() {
  local a="$1 -t$3" b="$2 -t$3"
  printf '%-6s wrk -t%s -c%s: %s %10s req/s, %s %10s req/s, ratio %s; p50 %s / %s ms; p99 %s (highest %s) / %s ms (means of %s rounds of %ss)\n' \
    "$MODE" "$3" "$CONNECTIONS" "$1" "$(mean "$a" rps)" "$2" "$(mean "$b" rps)" \
    "$(awk -v a="$(mean "$a" rps)" -v b="$(mean "$b" rps)" 'BEGIN { printf "%.2f", a / b }')" \
    "$(mean "$a" p50ms)" "$(mean "$b" p50ms)" "$(mean "$a" p99ms)" "$(highest "$a" p99ms)" "$(mean "$b" p99ms)" \
    "$ROUNDS" "$DURATION"
}

lines=()
for threads in $THREAD_SETTINGS; do
  in_turns "$threads"
  lines+=("$(summary strongroom bare "$threads")")
  if [ "$FLOOR" = 1 ]; then lines+=("$(summary floor bare "$threads")"); fi
done
echo "record read, $(wc -c < "$work/record.json")-byte body, $("$JAVA" -version 2>&1 | head -n 1):"
printf '%s\n' "${lines[@]}"

if [ "$SEED" -gt 0 ]; then
  kill "$bare_pid" 2>/dev/null || true
  wait "$bare_pid" 2>/dev/null || true   # the list's bare server takes the port next
  if [ "$FLOOR" = 1 ]; then kill "$floor_pid" 2>/dev/null || true; wait "$floor_pid" 2>/dev/null || true; fi
  bench_seed_records "$SEED"
  bench_warm_up "$demo_pid" 20 "$WARMUP_MAX" \
    wrk -t2 -c"$CONNECTIONS" -d20s -H "Authorization: Bearer $token" "$url/api/records/?size=10"
  # The list's own yardstick: the bare server sending the same list document.
  curl_ -f "$url/api/records/?size=10" > "$work/list.json"
  echo "list of 10, $(wc -c < "$work/list.json") bytes"
  start_bare "$work/list.json"
  names=("strongroom list" "bare list")
  urls=("$url/api/records/?size=10" "$bare_url")
  lines=()
  for threads in $THREAD_SETTINGS; do
    in_turns "$threads"
    lines+=("$(summary "strongroom list" "bare list" "$threads")")
  done
  printf '%s\n' "${lines[@]}"
fi

#!/usr/bin/env bash
# Benchmarks record reads and lists over HTTPS against a demo instance, next to two baselines
# returning the same document: a bare JDK HTTPS server (the issue's yardstick), and the Spring
# floor (bench/SpringFloorServer.java: Spring Boot's Tomcat and MVC sending Strongroom's very
# response bytes, headers included, with none of Strongroom's work). Prints requests/s and p99.
# The list of 10 gets a bare baseline of its own: the bare server sending the same list document.
#
#   bench/records.sh                 # defaults below
#   WARMUP=60 WARMUP_MAX=300 ROUNDS=4 DURATION=20 CONNECTIONS=32 SEED=100000 bench/records.sh
#
# Each load is warmed up until its JIT compiler has caught up (bench_warm_up in lib.sh): the
# record read for at least WARMUP seconds, the two baselines and the list for at least 20 s, and
# none for more than WARMUP_MAX seconds. Then the read and the two baselines are measured in
# turns, ROUNDS rounds of DURATION seconds each; after seeding, the list and its bare baseline
# the same way.
# Needs wrk and curl (Debian packages). Uses $JAVA_HOME/bin/java when set.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-60}
WARMUP_MAX=${WARMUP_MAX:-300}
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-4}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SEED=${SEED:-100000}
PORT=${PORT:-5601}
BARE_PORT=${BARE_PORT:-5602}
FLOOR_PORT=${FLOOR_PORT:-5603}
work=$(mktemp -d /tmp/strongroom-bench.XXXXXX)
source bench/lib.sh
bench_on_exit() { rm -rf "$work"; }

echo "machine: $(bench_machine)"
echo "starting demo instance in $work"
# Rate limits stay on (the real request path) but far above the load (lib.sh).
demo_start "$work/instance" "$PORT"
JAVA="$bench_java"
token="$demo_token"
url="$demo_base"
curl_() { demo_curl "$@"; }
id=$(demo_record_id)
curl_ -D "$work/record.headers" "$url/api/records/$id" > "$work/record.json"
echo "record $id, $(wc -c < "$work/record.json") bytes"

run_wrk() { # name url seconds
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3s" --latency -H "Authorization: Bearer $token" "$2" > "$work/$1.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$1.txt")
  printf '%-28s %10s req/s   p99 %s\n' "$1" "$rps" "$p99"
  echo "$rps" > "$work/$1.rps"
  awk -v p="$p99" 'BEGIN { v = p + 0; if (p ~ /us$/) v /= 1000; else if (p ~ /[0-9]s$/) v *= 1000; print v }' > "$work/$1.p99ms"
}

bench_warm_up "$demo_pid" "$WARMUP" "$WARMUP_MAX" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d20s -H "Authorization: Bearer $token" "$url/api/records/$id"

# await_start NAME LOG SECONDS: waits until a baseline server's LOG says it serves ("NAME HTTPS"),
# and stops the run with the end of LOG when it does not within SECONDS.
await_start() {
  for _ in $(seq 1 "$3"); do grep -q "$1 HTTPS" "$2" && return; sleep 1; done
  echo "the $1 server did not start:" >&2; tail -20 "$2" >&2; exit 1
}

# start_bare DOCUMENT: the bare server on BARE_PORT sending DOCUMENT, warmed up; sets bare_pid.
# nodelay: JDK 17's HttpServer writes headers and body apart, and without TCP_NODELAY each
# response then waits out Nagle against the client's delayed ACK (~40 ms): 720 req/s.
start_bare() {
  local log="$1.log"
  "$JAVA" -Dsun.net.httpserver.nodelay=true bench/BareHttpsServer.java "$BARE_PORT" "$work/instance/tls/cert.pem" \
    "$work/instance/tls/key.pem" "$1" > "$log" 2>&1 &
  bare_pid=$!
  bench_pids+=("$bare_pid")
  await_start "bare" "$log" 30
  bench_warm_up "$bare_pid" 20 "$WARMUP_MAX" wrk -t"$THREADS" -c"$CONNECTIONS" -d20s "https://localhost:$BARE_PORT/"
}
start_bare "$work/record.json"

# The Spring floor runs on Strongroom's own libraries, extracted from its jar.
"$JAVA" -Djarmode=tools -jar target/strongroom.jar extract --destination "$work/jar" > /dev/null
"$JAVA" -cp "$work/jar/lib/*" bench/SpringFloorServer.java "$FLOOR_PORT" "$work/instance/tls/cert.pem" \
  "$work/instance/tls/key.pem" "$work/record.json" "$work/record.headers" > "$work/floor.log" 2>&1 &
floor_pid=$!
bench_pids+=("$floor_pid")
await_start "Spring floor" "$work/floor.log" 60
bench_warm_up "$floor_pid" 20 "$WARMUP_MAX" wrk -t"$THREADS" -c"$CONNECTIONS" -d20s "https://localhost:$FLOOR_PORT/api/records/$id"

# in_turns: the servers of names/urls in turns (a, b, c, then b, c, a, …), all of them up and
# warm, so that a machine that speeds up or slows down during the run weighs on all of them
# alike: the bare server alone has moved by ~30 % between two runs 13 minutes apart.
in_turns() {
  local round turn i n=${#names[@]}
  for round in $(seq 1 "$ROUNDS"); do
    for turn in $(seq 0 $((n - 1))); do
      i=$(( (turn + round - 1) % n ))
      run_wrk "${names[$i]} #$round" "${urls[$i]}" "$DURATION"
    done
  done
}
names=("strongroom GET record" "bare JDK HTTPS server" "Spring floor")
urls=("$url/api/records/$id" "https://localhost:$BARE_PORT/" "https://localhost:$FLOOR_PORT/api/records/$id")
in_turns
kill "$bare_pid" "$floor_pid" 2>/dev/null || true
wait "$bare_pid" "$floor_pid" 2>/dev/null || true   # the list's bare server takes the port next

# summary NAME: the mean of the rounds' requests/s, and of their p99s next to the highest p99.
summary() {
  local name="$1" rps=0 p99=0 p99_sum=0 round one
  for round in $(seq 1 "$ROUNDS"); do
    rps=$(awk -v a="$rps" -v b="$(cat "$work/$name #$round.rps")" 'BEGIN {print a + b}')
    one=$(cat "$work/$name #$round.p99ms")
    p99=$(awk -v a="$p99" -v b="$one" 'BEGIN {print (b > a ? b : a)}')
    p99_sum=$(awk -v a="$p99_sum" -v b="$one" 'BEGIN {print a + b}')
  done
  rps=$(awk -v a="$rps" -v n="$ROUNDS" 'BEGIN {printf "%.2f", a / n}')
  echo "$rps" > "$work/$name.rps"
  printf '%-28s %10s req/s   p99 %.2fms, highest %.2fms (means of %s rounds)\n' "$name" "$rps" \
    "$(awk -v a="$p99_sum" -v n="$ROUNDS" 'BEGIN {print a / n}')" "$p99" "$ROUNDS"
}
for name in "${names[@]}"; do summary "$name"; done

percent() { awk -v a="$(cat "$work/$1.rps")" -v b="$(cat "$work/$2.rps")" 'BEGIN {printf "%.0f", 100 * a / b}'; }
echo "record read at $(percent "strongroom GET record" "bare JDK HTTPS server")% of the bare baseline," \
  "$(percent "strongroom GET record" "Spring floor")% of the Spring floor" \
  "(the floor at $(percent "Spring floor" "bare JDK HTTPS server")% of the bare baseline)"

if [ "$SEED" -gt 0 ]; then
  bench_seed_records "$SEED"
fi
bench_warm_up "$demo_pid" 20 "$WARMUP_MAX" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d20s -H "Authorization: Bearer $token" "$url/api/records/?size=10"

# The list's own yardstick: the bare server sending the same list document, so that its p99 can
# be read against what this machine gives a server that does nothing but TLS and HTTP.
curl_ "$url/api/records/?size=10" > "$work/list.json"
echo "list of 10, $(wc -c < "$work/list.json") bytes"
start_bare "$work/list.json"
names=("strongroom GET list of 10" "bare server, list document")
urls=("$url/api/records/?size=10" "https://localhost:$BARE_PORT/")
in_turns
for name in "${names[@]}"; do summary "$name"; done
echo "list of 10 at $(percent "strongroom GET list of 10" "bare server, list document")% of the bare server on the same document"

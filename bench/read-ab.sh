#!/usr/bin/env bash
# An interleaved A/B of the token record read's CPU per request under `serve`: two instances (or
# more, SIDES="A B C") made as bench/records.sh makes one (MODE=serve: `strongroom setup`, user and
# token by the command line, limits in strongroom.yml, one small public record), each served by
# its own jar and JVM options (JAR_A, OPTS_A, JAR_B, …), warmed up, then ROUNDS rounds of SLICE
# seconds of `wrk -tTHREADS -cCONNECTIONS` on each in turn, the order rotated every round (A B C,
# B C A, …). Only one server is loaded at a time; its CPU
# (user + system of the whole process, from /proc) over its slice is divided by the requests wrk
# completed in it. On a shared machine throughput is noise, but a change that costs less CPU per
# request does so in every round; the script prints each round and the mean of each side.
#
#   JAR_B=/tmp/new/strongroom.jar bench/read-ab.sh                 # this tree's jar (A) against another (B)
#   OPTS_A='' OPTS_B='-Xms1g -Xmx1g' bench/read-ab.sh               # the same jar, two sets of JVM options
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ROUNDS=8 SLICE=15 bench/read-ab.sh
#   SIDES="A B C" JAR_B=/tmp/b.jar JAR_C=/tmp/c.jar bench/read-ab.sh   # each against A
#
# PORT (default 5621), PORT+1, … are the servers'. Needs wrk and curl (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a sides <<<"${SIDES:-A B}"
WARMUP=${WARMUP:-90}
WARMUP_MAX=${WARMUP_MAX:-300}
ROUNDS=${ROUNDS:-6}
SLICE=${SLICE:-15}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5621}
LIMITS=${SERVE_LIMITS:-100000000/1h}
work=$(mktemp -d /tmp/strongroom-ab.XXXXXX)
source bench/lib.sh
bench_on_exit() { rm -rf "$work"; }

echo "machine: $(bench_machine)"

# start SIDE JAR OPTS PORT: an instance as serve_start (lib.sh) makes one, served by JAR with the
# JVM options OPTS (what the launcher passes from STRONGROOM_JAVA_OPTS); sets pid_SIDE, url_SIDE
# and token_SIDE.
start() {
  local side="$1" jar="$2" opts="$3" port="$4" dir="$work/$1" email="bench@example.org" cli token id
  cli=("$bench_java" -jar "$jar")
  demo_log="$dir.log"
  "${cli[@]}" setup --instance "$dir" >"$demo_log" 2>&1 || { echo "$side: setup failed" >&2; tail -20 "$demo_log" >&2; exit 1; }
  sed -i "s|^strongroom:\$|strongroom:\n  rate-limits: {anonymous: $LIMITS, authenticated: $LIMITS}|" "$dir/strongroom.yml"
  head -c 24 /dev/urandom | base64 | tr -d '/+=' | "${cli[@]}" users create "$email" --password-stdin \
    --instance "$dir" >>"$demo_log" 2>&1
  token="$("${cli[@]}" tokens create -n bench -u "$email" --instance "$dir" 2>>"$demo_log")"
  # shellcheck disable=SC2086 # OPTS are separate options, as the launcher passes them
  "$bench_java" $opts -jar "$jar" serve --instance "$dir" --port "$port" >>"$demo_log" 2>&1 &
  demo_pid=$!
  bench_pids+=("$demo_pid")
  bench_wait_serving "server $side" "$port"
  id=$(curl -s --cacert "$dir/tls/cert.pem" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "$bench_record" "https://127.0.0.1:$port/api/records/" | grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*: *"\(.*\)"/\1/')
  [ -n "$id" ] || { echo "$side: could not create the benchmark record" >&2; exit 1; }
  printf -v "pid_$side" '%s' "$demo_pid"
  printf -v "url_$side" '%s' "https://127.0.0.1:$port/api/records/$id"
  printf -v "token_$side" '%s' "$token"
  echo "$side: $jar ${opts:+(JVM options: $opts)}, $(curl -s --cacert "$dir/tls/cert.pem" -H "Authorization: Bearer $token" \
    "https://127.0.0.1:$port/api/records/$id" | wc -c)-byte body"
}
for i in "${!sides[@]}"; do
  jar_var="JAR_${sides[$i]}" opts_var="OPTS_${sides[$i]}"
  start "${sides[$i]}" "${!jar_var:-target/strongroom.jar}" "${!opts_var:-}" "$((PORT + i))"
done

load() { # SIDE SECONDS
  local url="url_$1" token="token_$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -H "Authorization: Bearer ${!token}" "${!url}"
}
for side in "${sides[@]}"; do
  pid="pid_$side"
  echo "$side: $(bench_warm_up "${!pid}" "$WARMUP" "$WARMUP_MAX" load "$side" 20)"
done

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))
slice() { # SIDE: one slice on SIDE; prints req/s and µs CPU per request, adds to SIDE's totals in $work
  local pid="pid_$1" before after out n
  before=$(ticks "${!pid}")
  out="$(load "$1" "$SLICE")"
  after=$(ticks "${!pid}")
  grep -q "Non-2xx" <<<"$out" && { echo "$1: some reads were refused:" >&2; echo "$out" >&2; exit 1; }
  n=$(awk '/requests in/ { print $1 }' <<<"$out")
  echo "$(( (after - before) * tick_us )) $n" >> "$work/$1.slices"
  awk -v n="$n" -v s="$SLICE" -v us=$(( (after - before) * tick_us )) -v side="$1" \
    'BEGIN { printf "%s %8.0f req/s %6.1f µs/req", side, n / s, us / n }'
}
for round in $(seq 1 "$ROUNDS"); do
  shift_by=$(( (round - 1) % ${#sides[@]} ))
  order=("${sides[@]:$shift_by}" "${sides[@]:0:$shift_by}")
  line="round $round (load $(cut -d' ' -f1 /proc/loadavg)):"
  for side in "${order[@]}"; do line="$line   $(slice "$side")"; done
  echo "$line"
done
echo "CPU per request over all rounds:"
total() { awk -v k="$2" '{ s += $k } END { print s }' "$work/$1.slices"; }
for side in "${sides[@]}"; do
  awk -v side="$side" -v c="$(total "$side" 1)" -v n="$(total "$side" 2)" -v ca="$(total "${sides[0]}" 1)" -v na="$(total "${sides[0]}" 2)" \
    'BEGIN { printf "  %s %.1f µs (%d requests)%s\n", side, c / n, n,
      side == "'"${sides[0]}"'" ? "" : sprintf(", against %s %+.1f %%", "'"${sides[0]}"'", (c / n - ca / na) / (ca / na) * 100) }'
done
echo "$("$bench_java" -version 2>&1 | head -n 1), wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of $SLICE s"

#!/usr/bin/env bash
# Where the token record read's CPU and allocations go, as shares of a flight recording: an
# instance made as bench/records.sh makes it (MODE=serve: `strongroom setup`, user and token by
# the command line, limits in strongroom.yml, one small public record, `./strongroom serve`),
# warmed up until its JIT queue is nearly empty, then a JFR recording (the JDK's profile settings,
# Java code sampled every SAMPLING instead of 10 ms, for more samples per run) of PROFILE seconds of `wrk -tTHREADS -cCONNECTIONS` on GET /api/records/{id} with the token,
# summarised by bench/ReadProfile.java. Proportions only: on a shared machine no figure of
# throughput means anything, but the share of samples in each part of the request does not
# depend on how many requests the machine allowed.
#
#   bench/read-profile.sh                              # JDK of $JAVA_HOME or the default java
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/read-profile.sh
#   KEEP=/tmp/read.jfr WARMUP=90 PROFILE=60 bench/read-profile.sh
#
# Needs wrk and curl (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-60}
WARMUP_MAX=${WARMUP_MAX:-300}
PROFILE=${PROFILE:-60}
SAMPLING=${SAMPLING:-2 ms}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5611}
work=$(mktemp -d /tmp/strongroom-profile.XXXXXX)
# Whole stacks: a request under Tomcat, both filter chains and MVC is deeper than the 64 frames JFR keeps by default.
export STRONGROOM_JAVA_OPTS="${STRONGROOM_JAVA_OPTS:-} -XX:FlightRecorderOptions=stackdepth=512"
source bench/lib.sh
bench_on_exit() { rm -rf "$work"; }

echo "machine: $(bench_machine)"
serve_start "$work/instance" "$PORT"
id=$(demo_curl -H 'Content-Type: application/json' -d "$bench_record" "$demo_base/api/records/" \
  | grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*: *"\(.*\)"/\1/')
[ -n "$id" ] || { echo "could not create the benchmark record" >&2; exit 1; }
url="$demo_base/api/records/$id"
load() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" -H "Authorization: Bearer $demo_token" "$url"; }

echo "strongroom: $(bench_warm_up "$demo_pid" "$WARMUP" "$WARMUP_MAX" load 20)"
java_home=$("$bench_java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '$1 ~ /java.home$/ {print $2}')
sed "s|\(control=\"method-sampling-java-interval\">\)10 ms|\1$SAMPLING|" "$java_home/lib/jfr/profile.jfc" > "$work/read.jfc"
grep -q "java-interval\">$SAMPLING<" "$work/read.jfc" || { echo "could not set the sampling period in $work/read.jfc" >&2; exit 1; }
"$bench_jcmd" "$demo_pid" JFR.start name=read settings="$work/read.jfc" > /dev/null
load "$PROFILE" > "$work/wrk.txt"
"$bench_jcmd" "$demo_pid" JFR.stop name=read filename="$work/read.jfr" > /dev/null
grep -q "Non-2xx" "$work/wrk.txt" && { echo "some reads were refused:" >&2; cat "$work/wrk.txt" >&2; exit 1; }
echo "recorded $PROFILE s (Java code sampled every $SAMPLING) of wrk -t$THREADS -c$CONNECTIONS on $url, $("$bench_java" -version 2>&1 | head -n 1)"
"$bench_java" bench/ReadProfile.java "$work/read.jfr"
if [ -n "${KEEP:-}" ]; then cp "$work/read.jfr" "$KEEP"; echo "recording kept in $KEEP"; fi

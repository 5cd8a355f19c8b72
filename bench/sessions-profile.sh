#!/usr/bin/env bash
# Where the cost of sessions in Redis goes, as shares of flight recordings: the two servers of
# bench/sessions.sh (sessions in memory, sessions in Redis; rate limits off, signed in as alice),
# each warmed up, then a JFR recording of each in turn (the JDK's profile settings, Java code
# sampled every SAMPLING) of PROFILE seconds of `wrk -t2 -cCONNECTIONS` on the signed-in page
# view, summarised by bench/ReadProfile.java with the share of request-thread samples spent in
# the session store (load, save, (de)serialisation). Proportions only: on a shared machine no
# figure of throughput means anything, but the share of samples in each part of the request
# does not depend on how many requests the machine allowed. Beside the recording, the CPU time
# of the Java process by kind of thread (request threads, Lettuce, GC, JIT) and that of the
# redis-server process (from /proc), as shares: what the request threads' samples do not show.
#
#   bench/sessions-profile.sh        (WARMUP, WARMUP_MAX, PROFILE, SAMPLING, CONNECTIONS, PAGE,
#                                     REDIS_URL, PORTS="memory redis", NAMESPACE, KEEP=DIR for the recordings)
#
# Needs wrk, curl and Redis (default redis://127.0.0.1:6379, keys under a namespace of their own,
# deleted at the end with redis-cli when it is there).
set -euo pipefail
cd "$(dirname "$0")/.."
warmup="${WARMUP:-60}"
warmup_max="${WARMUP_MAX:-240}"
profile="${PROFILE:-40}"
sampling="${SAMPLING:-2 ms}"
connections="${CONNECTIONS:-16}"
page="${PAGE:-/account/profile}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
read -r port_memory port_redis <<<"${PORTS:-5641 5642}"
namespace="${NAMESPACE:-bench-sessions-profile}-$$"
work="$(mktemp -d /tmp/strongroom-sessions-profile.XXXXXX)"
export STRONGROOM_JAVA_OPTS="${STRONGROOM_JAVA_OPTS:-} -XX:FlightRecorderOptions=stackdepth=512"
source bench/lib.sh
bench_on_exit() {
  drop_redis_namespace "$redis_url" "$namespace"
  rm -rf "$work"
}


load() {
  local url_var="url_$1" cookie_var="cookie_$1"
  wrk -t2 -c"$connections" -d"$2s" -H "Cookie: ${!cookie_var}" "${!url_var}"
}

signed_in_demo memory "$port_memory"
signed_in_demo redis "$port_redis" STRONGROOM_REDIS_URL="$redis_url" STRONGROOM_REDIS_NAMESPACE="$namespace"
echo "machine: $(bench_machine)"
java_home=$("$bench_java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '$1 ~ /java.home$/ {print $2}')
sed "s|\(control=\"method-sampling-java-interval\">\)10 ms|\1$sampling|" "$java_home/lib/jfr/profile.jfc" > "$work/sessions.jfc"
grep -q "java-interval\">$sampling<" "$work/sessions.jfc" || { echo "could not set the sampling period" >&2; exit 1; }

# The session store's work on a request thread; within it, reading the session from the store,
# Java (de)serialisation of its values, Spring Data's per-key proxy, and Lettuce sending the command.
store="org.springframework.session.web.http.SessionRepositoryFilter\$SessionRepositoryRequestWrapper.getRequestedSession"
store="$store,org.springframework.session.web.http.SessionRepositoryFilter\$SessionRepositoryRequestWrapper.commitSession"
store="$store,org.springframework.session.web.http.SessionRepositoryFilter\$SessionRepositoryRequestWrapper.getSession"
find="org.strongroom.accounts.session.CoarseLastAccessSessionRepository.findById"
find="$find,org.strongroom.accounts.session.InMemorySessionRepository.findById"
serial="org.springframework.core.serializer.support.DeserializingConverter.convert"
serial="$serial,org.springframework.core.serializer.support.SerializingConverter.convert"
proxy="org.springframework.data.redis.core.BoundOperationsProxyFactory.createProxy"
proxy="$proxy,org.springframework.data.redis.core.BoundOperationsProxyFactory\$BoundOperationsMethodInterceptor.invoke"
redis="io.lettuce.core.RedisChannelHandler.dispatch,io.lettuce.core.protocol.AsyncCommand.await"
redis="$redis,io.lettuce.core.internal.Futures.awaitOrCancel,io.lettuce.core.LettuceFutures.awaitOrCancel"

for name in memory redis; do
  pid_var="pid_$name"
  echo "$name: $(bench_warm_up "${!pid_var}" "$warmup" "$warmup_max" load "$name" 20 | tail -n 1)"
done
# thread_cpu PID: one line per thread, "TID<TAB>NAME<TAB>clock ticks of CPU (user + system)".
thread_cpu() {
  local task
  for task in /proc/"$1"/task/*; do
    awk -v tid="${task##*/}" -v name="$(cat "$task/comm" 2>/dev/null)" \
      '{ sub(/^.*\) /, ""); print tid "\t" name "\t" $12 + $13 "\t" $13 }' "$task/stat" 2>/dev/null || true
  done
}
# cpu_shares BEFORE AFTER REDIS_TICKS REQUESTS: the Java process's CPU during the recording by
# kind of thread (names as /proc shows them, cut to 15 characters), the share of it spent in
# the kernel, the Redis server's CPU beside it as a share of the Java process's, and the
# process's CPU per 1,000 page views (clock ticks; compare the two servers' by their ratio).
cpu_shares() {
  awk -F'\t' -v redis="$3" -v requests="$4" '
    FNR == NR { before[$1] = $3; before_sys[$1] = $4; next }
    { used = $3 - before[$1]; name = $2; sys += $4 - before_sys[$1]
      kind = name ~ /^https|exec/ ? "request threads" : name ~ /^lettuce/ ? "Lettuce (Redis client)" \
        : name ~ /GC|G1/ ? "garbage collection" : name ~ /Compiler/ ? "JIT compilers" : "other threads"
      ticks[kind] += used; all += used }
    END { printf "CPU of the Java process while recording, by thread:"
      for (k in ticks) printf "  %s %.1f %%", k, 100 * ticks[k] / all
      printf "\nof which in the kernel: %.1f %%; CPU per 1,000 page views: %.1f clock ticks", 100 * sys / all, 1000 * all / requests
      printf "\nCPU of redis-server beside it (whoever else uses it too): %.1f %% of the Java process'"'"'s\n", 100 * redis / all }' "$1" "$2"
}
redis_ticks() { local pid; pid="$(pgrep -x redis-server | head -n 1 || true)"; [ -n "$pid" ] && awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" || echo 0; }

for name in memory redis; do
  pid_var="pid_$name"
  thread_cpu "${!pid_var}" > "$work/$name.cpu-before"
  redis_before="$(redis_ticks)"
  "$bench_jcmd" "${!pid_var}" JFR.start name=sessions settings="$work/sessions.jfc" > /dev/null
  load "$name" "$profile" > "$work/$name.wrk"
  "$bench_jcmd" "${!pid_var}" JFR.stop name=sessions filename="$work/$name.jfr" > /dev/null
  thread_cpu "${!pid_var}" > "$work/$name.cpu-after"
  redis_used=$(( $(redis_ticks) - redis_before ))
  grep -q "Non-2xx" "$work/$name.wrk" && { echo "$name: some page views were refused:" >&2; cat "$work/$name.wrk" >&2; exit 1; }
  echo
  echo "== $name: $profile s of wrk -t2 -c$connections on GET $page (Java code sampled every $sampling)"
  cpu_shares "$work/$name.cpu-before" "$work/$name.cpu-after" "$redis_used" \
    "$(awk '/requests in/ { print $1 }' "$work/$name.wrk")"
  "$bench_java" bench/ReadProfile.java "$work/$name.jfr" "${TOP:-25}" "$store" "$find" "$serial" "$proxy" "$redis"
  if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; cp "$work/$name.jfr" "$KEEP/$name.jfr"; fi
done

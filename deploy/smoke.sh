#!/usr/bin/env bash
# The proxy chain of deploy/, for real, on this machine: haproxy -> nginx -> two `strongroom
# serve` instances sharing PostgreSQL (database $SMOKE_DATABASE, default strongroom_smoke),
# Redis (logical database $SMOKE_REDIS_DB, default 11) and s3proxy (S3, a folder on disk behind
# it); other values of both let two runs share the machine. Everything listens
# on loopback on spare ports; configuration is rendered from deploy/ into a temporary folder
# (never /etc). Each check prints PASS or FAIL; the script exits 1 when any failed.
#
#   deploy/smoke.sh            (KEEP=1 keeps the temporary folder and prints where it is)
#
# Clients are told apart by their source address (curl --interface 127.0.0.N), since every
# hop is on loopback. Costs: seven server starts, most of the time (14 minutes measured on a
# 2-core machine shared with other builds, ~1.5 min per start; 15-30 s per start when idle),
# ~1.5 GB of memory while both instances and s3proxy run. SMOKE_JAVA_OPTS sets the servers' JVM
# options; SMOKE_RUN=COMMAND runs COMMAND against the chain instead of the checks, and
# SMOKE_INSTANCE_ENV="NAME=value ..." adds to (or overrides) the instances' environment for it,
# SMOKE_INSTANCE_ENV_B to instance b's alone; it gets the ports and the instances' management
# ports (metrics) as SMOKE_* variables.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deploy="$root/deploy"
work="$(mktemp -d /tmp/strongroom-smoke.XXXXXX)"
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_opts="${SMOKE_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
redis_db="${SMOKE_REDIS_DB:-11}"
database="${SMOKE_DATABASE:-strongroom_smoke}"
failures=0
declare -A pid

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
pass() { log "PASS $*"; }
fail() { log "FAIL $*"; failures=$((failures + 1)); }
die() { log "ERROR $*"; exit 2; }

cleanup() {
  local name
  for name in "${!pid[@]}"; do
    kill "${pid[$name]}" 2>/dev/null || true
  done
  for name in "${!pid[@]}"; do
    wait "${pid[$name]}" 2>/dev/null || true
  done
  if [ -n "${KEEP:-}" ]; then
    echo "kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

for tool in haproxy nginx redis-cli psql openssl curl envsubst sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (.ci/run installs haproxy, nginx, redis-tools, postgresql-client, gettext-base)"
done

# ---------------------------------------------------------------- ports, jar, s3proxy classpath
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=$((21000 + (RANDOM % 900) * 10))
while port_open "$base" || port_open $((base + 1)) || port_open $((base + 2)) || port_open $((base + 3)) \
    || port_open $((base + 4)) || port_open $((base + 5)) || port_open $((base + 6)); do
  base=$((base + 10))
done
public_port=$base nginx_port=$((base + 1)) port_a=$((base + 2)) port_b=$((base + 3)) s3_port=$((base + 4))
management_a=$((base + 5)) management_b=$((base + 6))
origin="https://localhost:$public_port"
files_origin="https://files.localhost:$public_port"

log "building the jar and the s3proxy classpath if needed"
"$root/strongroom" --version >/dev/null || die "the build failed"
jar="$root/target/strongroom.jar"
classpath_file="$root/target/smoke-s3proxy.classpath"
# s3proxy is a test dependency: its class path is the build's test class path, which the
# spring-boot plugin (part of every build, so it works offline) prints in its debug output when
# it forks a JVM (-version: the JVM exits at once). Offline first; online only for what ~/.m2 lacks.
test_classpath() { # maven-options...
  (cd "$root" && ./mvnw "$@" -X spring-boot:run -Djacoco.skip=true -Dmaven.main.skip=true -Dmaven.test.skip=true \
    -Dspring-boot.run.useTestClasspath=true -Dspring-boot.run.main-class=org.gaul.s3proxy.Main \
    -Dspring-boot.run.jvmArguments=-version 2>/dev/null) \
    | sed -n 's/^\[DEBUG\] Classpath for forked process: //p' | grep s3proxy
}
if [ ! -s "$classpath_file" ] || [ "$root/pom.xml" -nt "$classpath_file" ]; then
  { test_classpath -o || test_classpath; } > "$classpath_file.tmp" && mv "$classpath_file.tmp" "$classpath_file" \
    || { rm -f "$classpath_file.tmp"; die "could not resolve s3proxy's class path (./mvnw spring-boot:run -X)"; }
fi

# ---------------------------------------------------------------- PostgreSQL, Redis, s3proxy
psql_admin() { psql -X -q -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 "$@"; }
psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" \
  || die "cannot create the database $database"
redis-cli -n "$redis_db" FLUSHDB >/dev/null || die "Redis does not answer on 127.0.0.1:6379"

s3_access=smoke-access s3_secret="$(openssl rand -hex 20)"
mkdir -p "$work/s3/strongroom"
cat > "$work/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$s3_access
s3proxy.credential=$s3_secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
jclouds.identity=smoke
jclouds.credential=smoke
EOF
"$java_cmd" -Xmx256m -XX:TieredStopAtLevel=1 -cp "$(cat "$classpath_file")" org.gaul.s3proxy.Main \
  --properties "$work/s3proxy.properties" >"$work/s3proxy.log" 2>&1 &
pid[s3proxy]=$!

# ---------------------------------------------------------------- two instances
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,DNS:files.localhost" \
  -keyout "$work/haproxy.key" -out "$work/haproxy.crt" 2>/dev/null || die "openssl failed"
cat "$work/haproxy.crt" "$work/haproxy.key" > "$work/haproxy.pem"

cli() { local instance="$1"; shift; "$java_cmd" -XX:TieredStopAtLevel=1 -jar "$jar" "$@" --instance "$work/$instance"; }
cli a setup >/dev/null || die "setup of instance a failed"
cli b setup >/dev/null || die "setup of instance b failed"
cp "$work/a/secret.key" "$work/b/secret.key"   # one secret key for both
sealed="$(printf '%s' "$s3_secret" | cli a storage seal-secret)" || die "storage seal-secret failed"

mkdir -p "$work/nginx/logs"
cat > "$work/values.env" <<EOF
SR_APP_HOST=localhost
SR_FILES_HOST=files.localhost
SR_FILES_ORIGIN=$files_origin
SR_PUBLIC_PORT=$public_port
SR_HAPROXY_BIND=127.0.0.1
SR_HAPROXY_PEM=$work/haproxy.pem
SR_NGINX_ADDRESS=127.0.0.1
SR_NGINX_PORT=$nginx_port
SR_NGINX_LOG_DIR=$work/nginx/logs
SR_NGINX_CONF_DIR=$work/rendered
SR_INSTANCE_BIND=127.0.0.1
SR_INSTANCE_A_ADDRESS=127.0.0.1
SR_INSTANCE_A_PORT=$port_a
SR_INSTANCE_B_ADDRESS=127.0.0.1
SR_INSTANCE_B_PORT=$port_b
SR_BACKEND_CERTIFICATE=$work/a/tls/cert.pem
SR_BACKEND_PRIVATE_KEY=$work/a/tls/key.pem
SR_BACKEND_NAME=localhost
SR_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$database
SR_DATABASE_USERNAME=postgres
SR_REDIS_URL=redis://127.0.0.1:6379/$redis_db
SR_S3_ENDPOINT=http://127.0.0.1:$s3_port
SR_S3_REGION=us-east-1
SR_S3_BUCKET=strongroom
SR_S3_ACCESS_KEY_ID=$s3_access
SR_S3_SECRET_SEALED=$sealed
EOF
"$deploy/render.sh" "$work/values.env" "$work/rendered" || die "rendering deploy/ failed"
cp "$work/rendered/strongroom.yml" "$work/a/strongroom.yml"
cp "$work/rendered/strongroom.yml" "$work/b/strongroom.yml"

password="smoke-$(openssl rand -hex 12)"
printf '%s\n' "$password" | cli a users create alice@example.org --password-stdin >/dev/null || die "users create failed"
printf '%s\n' "$password" | cli a users create mallory@example.org --password-stdin >/dev/null || die "users create failed"
token="$(cli a tokens create -n smoke -u alice@example.org --scopes records:read,records:write,files:read,files:write)" \
  || die "tokens create failed"

# Limits low enough to count in a few requests, except for the token user's (the load); the
# anonymous one per hour, so that no token comes back while a slow machine sends the 21 requests
# that should meet it (one per 3 s at 20/1m refilled them, and all 21 passed); fail-closed,
# so that a Redis outage during the run shows as 503s rather than as limits silently waived.
instance_env=(STRONGROOM_MANAGEMENT_PORT=-1 STRONGROOM_RATE_LIMITS_REDIS_FAILURE=fail-closed STRONGROOM_RATE_LIMITS_ANONYMOUS=20/1h
  STRONGROOM_RATE_LIMITS_AUTHENTICATED=100000000/1m STRONGROOM_RATE_LIMITS_LOGIN=10/1m)
if [ -n "${SMOKE_RUN:-}" ] && [ -n "${SMOKE_INSTANCE_ENV:-}" ]; then
  read -r -a extra_env <<<"$SMOKE_INSTANCE_ENV"
  instance_env+=("${extra_env[@]}")
fi
b_env=()
if [ -n "${SMOKE_RUN:-}" ] && [ -n "${SMOKE_INSTANCE_ENV_B:-}" ]; then
  read -r -a b_env <<<"$SMOKE_INSTANCE_ENV_B"
fi

start_instance() { # name port [NAME=value...]
  local name="$1" port="$2"; shift 2
  : > "$work/$name.log"
  env "${instance_env[@]}" "$@" "$java_cmd" $java_opts -jar "$jar" serve --instance "$work/$name" --port "$port" \
    >>"$work/$name.log" 2>&1 &
  pid[$name]=$!
}
await_instance() { # name
  local name="$1"
  for _ in $(seq 1 600); do
    grep -q "is serving" "$work/$name.log" && return 0
    kill -0 "${pid[$name]}" 2>/dev/null || { tail -n 20 "$work/$name.log"; die "instance $name exited"; }
    sleep 0.5
  done
  die "instance $name did not start in 300 s"
}
stop_instance() { # name [signal]
  kill "-${2:-TERM}" "${pid[$1]}" 2>/dev/null
  wait "${pid[$1]}" 2>/dev/null
  unset "pid[$1]"
}

for _ in $(seq 1 240); do port_open "$s3_port" && break; sleep 0.5; done
port_open "$s3_port" || { tail -n 20 "$work/s3proxy.log"; die "s3proxy did not start in 120 s"; }
log "starting instances a (port $port_a) and b (port $port_b)"
# Metrics on loopback for SMOKE_RUN (bench/revocation.sh reads B's); the restarts below go without.
start_instance a "$port_a" STRONGROOM_MANAGEMENT_PORT="$management_a"
start_instance b "$port_b" STRONGROOM_MANAGEMENT_PORT="$management_b" "${b_env[@]}"

# ---------------------------------------------------------------- nginx and haproxy
cat > "$work/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 512; }
http {
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  include $work/rendered/nginx-strongroom.conf;
}
EOF
[ "$(id -u)" = 0 ] && sed -i "1i user $(id -un);" "$work/nginx.conf"
nginx -t -q -c "$work/nginx.conf" -p "$work/nginx" 2>"$work/nginx-test.log" || { cat "$work/nginx-test.log"; die "nginx -t failed"; }
nginx -c "$work/nginx.conf" -p "$work/nginx" >"$work/nginx/stdout.log" 2>&1 &
pid[nginx]=$!
haproxy -c -q -f "$work/rendered/haproxy.cfg" || die "haproxy -c failed"
haproxy -db -f "$work/rendered/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pid[haproxy]=$!

await_instance a
await_instance b
log "instances serve; haproxy on $origin"

# ---------------------------------------------------------------- helpers
# c ADDRESS ARGS...: curl through haproxy from source address ADDRESS.
c() {
  local from="$1"; shift
  curl -s --max-time 60 --interface "$from" --cacert "$work/haproxy.crt" \
    --resolve "localhost:$public_port:127.0.0.1" --resolve "files.localhost:$public_port:127.0.0.1" "$@"
}
status() { local from="$1"; shift; c "$from" -o /dev/null -w '%{http_code}' "$@"; }
access_log="$work/nginx/logs/strongroom-access.log"
# Upstreams that served the log lines after line $1 (the nginx log names the instance's port).
upstreams_since() { tail -n +"$(( $1 + 1 ))" "$access_log" | grep -oE 'upstream=[0-9.:, ]+' | grep -oE ':[0-9]+' | sort -u | tr -d ':' | tr '\n' ' '; }
lines() { wc -l < "$access_log" 2>/dev/null || echo 0; }
both_served() { local served; served="$(upstreams_since "$1")"; [[ " $served " == *" $port_a "* && " $served " == *" $port_b "* ]]; }

record="$(c 127.0.0.1 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"metadata": {"title": "Smoke"}, "access": {"record": "public"}}' "$origin/api/records/" \
  | grep -oE '"id" *: *"[0-9a-z]{5}-[0-9a-z]{5}"' | head -n 1 | grep -oE '[0-9a-z]{5}-[0-9a-z]{5}')"
[ -n "$record" ] || die "could not create a record through haproxy"
head -c 200000 /dev/urandom > "$work/small.bin"
[ "$(status 127.0.0.1 -X PUT -H "Authorization: Bearer $token" --data-binary @"$work/small.bin" \
  "$origin/api/records/$record/files/small.bin")" = 201 ] || die "could not upload a file through haproxy"

# SMOKE_RUN=COMMAND runs COMMAND against the running chain instead of the checks (bench/cluster.sh).
if [ -n "${SMOKE_RUN:-}" ]; then
  # SMOKE_PASSWORD is alice@example.org's, made for this run only; SMOKE_CERT is the instances' certificate.
  export SMOKE_ORIGIN="$origin" SMOKE_PUBLIC_PORT="$public_port" SMOKE_PORT_A="$port_a" SMOKE_PORT_B="$port_b" \
    SMOKE_TOKEN="$token" SMOKE_RECORD="$record" SMOKE_WORK="$work" SMOKE_PID_A="${pid[a]}" SMOKE_PID_B="${pid[b]}" \
    SMOKE_PASSWORD="$password" SMOKE_CERT="$work/a/tls/cert.pem" \
    SMOKE_MANAGEMENT_PORT_A="$management_a" SMOKE_MANAGEMENT_PORT_B="$management_b"
  "$SMOKE_RUN"
  exit $?
fi

# ---------------------------------------------------------------- 1. sessions across instances
check_sessions() {
  local jar="$work/cookies" from=127.0.0.21 start csrf code ok=1
  start=$(lines)
  c "$from" -c "$jar" -b "$jar" -o /dev/null "$origin/login"
  csrf="$(awk '$6 == "__Host-csrftoken" {print $7}' "$jar" | tail -n 1)"
  code="$(status "$from" -c "$jar" -b "$jar" --data-urlencode "username=alice@example.org" \
    --data-urlencode "password=$password" --data-urlencode "csrf_token=$csrf" "$origin/login")"
  [ "$code" = 302 ] || ok=0
  for _ in 1 2 3 4 5 6; do
    [ "$(status "$from" -b "$jar" "$origin/api/me")" = 200 ] || ok=0
  done
  if [ "$ok" = 1 ] && both_served "$start"; then
    pass "sign in through haproxy; 6 requests reached instances [$(upstreams_since "$start")] and all were signed in"
  else
    fail "sign in through haproxy (login answered $code); the requests after it reached [$(upstreams_since "$start")] and not all were signed in (sessions are per instance unless shared through Redis)"
  fi
}

# ---------------------------------------------------------------- 2. one rate limit across both
check_rate_limit() {
  local from=127.0.0.31 start codes
  start=$(lines)
  codes="$(for _ in $(seq 1 21); do status "$from" "$origin/api/records/$record"; echo; done | tr '\n' ' ')"
  if [[ "$codes" == "$(printf '200 %.0s' $(seq 1 20))429 " ]] && both_served "$start"; then
    pass "anonymous limit 20/1h counted once across instances [$(upstreams_since "$start")]: 20 x 200, then 429"
  else
    fail "anonymous limit 20/1h across instances [$(upstreams_since "$start")]: got $codes"
  fi
}

# ---------------------------------------------------------------- 3. one login lockout across both
check_lockout() {
  local jar="$work/cookies-lockout" from start codes csrf i
  start=$(lines)
  codes=""
  # Each attempt from its own address: only the account's counter can lock it.
  for i in 1 2 3 4 5 6; do
    from="127.0.0.$((40 + i))"
    rm -f "$jar"
    c "$from" -c "$jar" -b "$jar" -o /dev/null "$origin/login"
    csrf="$(awk '$6 == "__Host-csrftoken" {print $7}' "$jar" | tail -n 1)"
    local pw="wrong-password-$i"
    [ "$i" = 6 ] && pw="$password"
    codes+="$(status "$from" -c "$jar" -b "$jar" --data-urlencode "username=mallory@example.org" \
      --data-urlencode "password=$pw" --data-urlencode "csrf_token=$csrf" "$origin/login") "
  done
  if [ "$codes" = "302 302 302 302 302 429 " ] && both_served "$start"; then
    pass "login lockout counted once across instances [$(upstreams_since "$start")]: 5 failures, then 429 even with the right password"
  else
    fail "login lockout across instances [$(upstreams_since "$start")]: 5 wrong passwords then the right one answered $codes (expected 302 x5, 429)"
  fi
}

# ---------------------------------------------------------------- 4. the client's real address
check_client_address() {
  local from=127.0.0.51 victim=127.0.0.52 codes remaining created
  created="$(c "$from" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 203.0.113.9' \
    -d '{"metadata": {"title": "Where from"}, "access": {"record": "public"}}' "$origin/api/records/" \
    | grep -oE '[0-9a-z]{5}-[0-9a-z]{5}' | head -n 1)"
  if [ -n "$created" ] && cat "$work"/{a,b}/logs/audit.jsonl 2>/dev/null | grep '"record.create"' | grep "$created" \
      | grep -q "\"client\":\"$from\""; then
    pass "the audit log records the real client $from for a record created with X-Forwarded-For: 203.0.113.9"
  else
    fail "no record.create from $from in the audit logs: $(cat "$work"/{a,b}/logs/audit.jsonl 2>/dev/null | grep '"record.create"' | tail -n 1)"
  fi
  # The attacker claims to be the victim in X-Forwarded-For until refused; the victim is untouched.
  codes="$(for _ in $(seq 1 21); do status "$from" -H "X-Forwarded-For: $victim" "$origin/api/records/$record"; echo; done | tr '\n' ' ')"
  remaining="$(c "$victim" -D - -o /dev/null "$origin/api/records/$record" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-ratelimit-remaining" {print $2}')"
  if [[ "$codes" == *429* ]] && [ "$remaining" = 19 ]; then
    pass "a spoofed X-Forwarded-For ($victim) charged the sender only: it was refused, the victim has 19 of 20 left"
  else
    fail "spoofed X-Forwarded-For: the sender got [$codes], the victim has '$remaining' left (expected 19)"
  fi
}

check_sessions
check_rate_limit
check_lockout
check_client_address

# ---------------------------------------------------------------- 5. kill -9 mid-upload
staged_count() { find "$work/$1/files/staging" -type f 2>/dev/null | wc -l; }
check_kill_mid_upload() {
  local victim survivor before after code retry listing blobs_before blobs_after
  head -c 3000000 /dev/urandom > "$work/big.bin"
  blobs_before="$(find "$work/s3/strongroom" -type f | wc -l)"
  c 127.0.0.61 -o /dev/null -w '%{http_code}' --limit-rate 150k -X PUT -H "Authorization: Bearer $token" \
    --data-binary @"$work/big.bin" "$origin/api/records/$record/files/big.bin" > "$work/upload.status" &
  local upload=$!
  victim=""
  for _ in $(seq 1 100); do
    [ "$(staged_count a)" -gt 0 ] && victim=a && break
    [ "$(staged_count b)" -gt 0 ] && victim=b && break
    sleep 0.1
  done
  [ -n "$victim" ] || { fail "kill -9 mid-upload: the upload never reached an instance"; wait "$upload"; return; }
  survivor=$([ "$victim" = a ] && echo b || echo a)
  sleep 1
  stop_instance "$victim" KILL
  wait "$upload"
  code="$(cat "$work/upload.status")"
  listing="$(c 127.0.0.1 -H "Authorization: Bearer $token" "$origin/api/records/$record/files")"
  blobs_after="$(find "$work/s3/strongroom" -type f | wc -l)"
  if [ "$code" != 201 ] && [[ "$listing" != *'"big.bin"'* ]] && [ "$blobs_after" = "$blobs_before" ]; then
    pass "kill -9 of instance $victim mid-upload: the client got $code, no file listed, no object stored"
  else
    fail "kill -9 of instance $victim mid-upload: client got $code, listing ${listing:0:200}, objects $blobs_before -> $blobs_after"
  fi
  retry="$(status 127.0.0.61 -X PUT -H "Authorization: Bearer $token" --data-binary @"$work/big.bin" \
    "$origin/api/records/$record/files/big.bin")"
  local stored
  stored="$(c 127.0.0.1 -L -H "Authorization: Bearer $token" "$origin/api/records/$record/files/big.bin/content" | sha256sum | cut -d' ' -f1)"
  if [ "$retry" = 201 ] && [ "$stored" = "$(sha256sum < "$work/big.bin" | cut -d' ' -f1)" ]; then
    pass "the client's retry through haproxy was stored by instance $survivor (201, same SHA-256 read back)"
  else
    fail "the retry after kill -9 answered $retry; read back sha256 $stored"
  fi
  before="$(staged_count "$victim")"
  # The sweeper runs at start and removes staged uploads older than orphan-grace (default 1h).
  start_instance "$victim" "$([ "$victim" = a ] && echo "$port_a" || echo "$port_b")" STRONGROOM_FILES_ORPHAN_GRACE=1s
  await_instance "$victim"
  after="$(staged_count "$victim")"
  for _ in $(seq 1 20); do [ "$after" = 0 ] && break; sleep 0.5; after="$(staged_count "$victim")"; done
  if [ "$before" -gt 0 ] && [ "$after" = 0 ]; then
    pass "the staged bytes the killed instance left ($before file) were swept when it started again"
  else
    fail "staged uploads of the killed instance: $before before its restart, $after after"
  fi
}
check_kill_mid_upload

# ---------------------------------------------------------------- 6. rolling key rotation under load
check_rotation() {
  local old new stop="$work/load.stop" results="$work/load.results" total failed
  old="$(cat "$work/a/secret.key")"
  new="$("$java_cmd" -jar "$jar" instance gen-secret-key)"
  : > "$results"
  # The load: a token read of the record and the file followed to its signed URL on the files
  # origin (signed by whichever instance answered, checked by whichever answers next).
  (
    i=0
    while [ ! -e "$stop" ] && [ "$i" -lt 5000 ]; do
      from="127.0.3.$(( i % 250 + 1 ))"
      echo "record $(status 127.0.0.71 -H "Authorization: Bearer $token" "$origin/api/records/$record")" >> "$results"
      signed="$(c 127.0.0.71 -o /dev/null -w '%{http_code} %{redirect_url}' -H "Authorization: Bearer $token" \
        "$origin/api/records/$record/files/small.bin/content")"
      echo "redirect ${signed%% *}" >> "$results"
      # Anonymous on the files origin: a new address each time keeps it under the 20/1h limit.
      echo "file $(status "$from" "${signed#* }")" >> "$results"
      i=$((i + 1))
    done
  ) &
  local load=$!
  # nginx leaves a failed instance out for fail_timeout (10 s): the next instance is stopped
  # only once nginx sends requests to the restarted one again, as an operator would wait.
  await_proxied() { # port
    local since
    since=$(lines)
    for _ in $(seq 1 60); do
      tail -n +"$((since + 1))" "$access_log" | grep -qE "upstream=([0-9.:]+, )*127\.0\.0\.1:$1 200" && return 0
      sleep 0.5
    done
    die "nginx sent no request to port $1 within 30 s of its restart"
  }
  roll() { # key fallbacks
    local name port
    for name in a b; do
      port=$([ "$name" = a ] && echo "$port_a" || echo "$port_b")
      stop_instance "$name"
      (umask 077; printf '%s\n' "$1" > "$work/$name/secret.key")
      start_instance "$name" "$port" STRONGROOM_SECRET_KEY_FALLBACKS="$2"
      await_instance "$name"
      await_proxied "$port"
      log "instance $name restarted and receives requests again"
    done
  }
  roll "$old" "$new"   # 1. the new key accepted everywhere
  roll "$new" "$old"   # 2. the new key current, the old one accepted
  touch "$stop"
  wait "$load"
  total="$(wc -l < "$results")"
  failed="$(grep -cvE '^(record 200|redirect 302|file 200)$' "$results")"
  if [ "$total" -gt 0 ] && [ "$failed" = 0 ]; then
    pass "rolling secret-key rotation (4 restarts) under load: $total requests, none failed"
  else
    fail "rolling secret-key rotation under load: $failed of $total requests failed ($(grep -vE '^(record 200|redirect 302|file 200)$' "$results" | sort | uniq -c | tr '\n' ';'))"
  fi
}
check_rotation

if [ "$failures" -gt 0 ]; then
  log "$failures check(s) failed; logs in $work (KEEP=1 keeps them)"
  exit 1
fi
log "all checks passed"

#!/usr/bin/env bash
# The revocation window between two instances under load: how long after instance A confirmed a
# token's revocation instance B still accepted it, over REVOCATIONS revocations (default 1000).
# deploy/smoke.sh starts the two instances (PostgreSQL, Redis, S3, both proxies), as for
# bench/cluster.sh; this script runs inside it (SMOKE_RUN). While bench/RevocationWindow.java
# creates, caches, revokes and polls, wrk reads a record with a token on both instances
# (LOAD_CONNECTIONS each, default 4). The login limit is raised for the run, since every
# refusal of a revoked token counts as a failed token authentication. B's count of the
# revocation messages it received (its management port, SMOKE_MANAGEMENT_PORT_B) tells each
# refusal the pub/sub message brought from one the 1 s token cache's expiry may have brought;
# the verdict on the 100 ms goal counts only the former.
#
# PUBSUB=off measures the fallback instead, the bound that holds while Redis pub/sub is down: B
# gets a Redis namespace of its own (STRONGROOM_REDIS_NAMESPACE), so that it listens on a
# channel no instance sends to and never hears of A's revocations, while it still uses Redis for
# everything else as in the default run. Each refusal then rests on B's token cache expiring
# (entries live 1 s); the verdict is whether B accepted a revoked token later than 1 s after it
# had cached it, and B's message count must stay 0. Each revocation then takes up to a second
# of polling: about REVOCATIONS seconds more.
#
#   bench/revocation.sh          (REVOCATIONS, LOAD_CONNECTIONS, PUBSUB=on|off; SMOKE_JAVA_OPTS for the servers)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pubsub="${PUBSUB:-on}"
case "$pubsub" in
  on|off) ;;
  *) echo "PUBSUB must be on or off (was '$pubsub')" >&2; exit 1 ;;
esac
if [ -z "${SMOKE_ORIGIN:-}" ]; then
  command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
  b_env=""
  [ "$pubsub" = off ] && b_env="STRONGROOM_REDIS_NAMESPACE=strongroom-bench-no-pubsub"
  SMOKE_INSTANCE_ENV="STRONGROOM_RATE_LIMITS_LOGIN=100000000/1m" SMOKE_INSTANCE_ENV_B="$b_env" \
    SMOKE_RUN="$here/revocation.sh" exec "$here/../deploy/smoke.sh"
fi
source "$here/lib.sh"   # bench_machine
connections="${LOAD_CONNECTIONS:-4}"
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "$(bench_machine)"
echo "servers: ${SMOKE_JAVA_OPTS:-smoke defaults}; load: wrk -t1 -c$connections on each instance (GET /api/records/{id}, token)"
echo "pub/sub: $pubsub$([ "$pubsub" = off ] && echo " (B in a Redis namespace of its own: the token cache's expiry is the only bound)")"
loads=()
for port in "$SMOKE_PORT_A" "$SMOKE_PORT_B"; do
  wrk -t1 -c"$connections" -d3600s -H "Host: localhost:$port" -H "Authorization: Bearer $SMOKE_TOKEN" \
    "https://127.0.0.1:$port/api/records/$SMOKE_RECORD" > "$SMOKE_WORK/load-$port.out" 2>&1 &
  loads+=($!)
done
stop_load() { kill -INT "${loads[@]}" 2>/dev/null || true; wait "${loads[@]}" 2>/dev/null || true; }
trap stop_load EXIT
start=$(date +%s)
PUBSUB="$pubsub" "$java_cmd" "$here/RevocationWindow.java"
echo "measured in $(( $(date +%s) - start )) s; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_load
trap - EXIT
for port in "$SMOKE_PORT_A" "$SMOKE_PORT_B"; do
  echo "load on $port: $(awk '/requests in/ {r=$1} /Requests\/sec/ {s=$2} /Non-2xx/ {n=$0} END {print r " requests, " s " req/s" (n ? ", " n : "")}' "$SMOKE_WORK/load-$port.out")"
done

#!/usr/bin/env bash
# Record writes on the search bench's schema (bench_search, seeded by bench/search.sh, 1,000,000
# records): creates records through the API with words drawn as the seed draws them
# (bench/search-writes.lua) at CONNECTIONS connections, WARMUP seconds, then DURATION seconds
# measured; prints creates/s, p50 and p99. On PostgreSQL each create writes the record, its
# ~91 search postings and their counts, and (since V124) its ~25 word-set entries, each block a
# read and rewrite. JAR serves with another build (one from before V124, say), which the schema
# must accept: a build without V124 writes no word sets, so run it before the first start of a
# build with V124 (whose migration then fills them), never after.
#
#   bench/search-writes.sh
#   JAR=/tmp/old/strongroom.jar DURATION=30 bench/search-writes.sh
#
# The records made stay in bench_search. Needs PostgreSQL as bench/search.sh does, wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-4}
THREADS=${THREADS:-2}
PORT=${PORT:-5612}
work=$(mktemp -d /tmp/strongroom-search-writes.XXXXXX)
source bench/lib.sh
bench_on_exit() { rm -rf "$work"; }

if [ -n "${JAR:-}" ]; then
  mkdir -p "$work/jar/target"
  cp "$JAR" "$work/jar/target/strongroom.jar"
  bench_root="$work/jar"
fi
pg() { PGOPTIONS="-c search_path=bench_search" psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -qAtX "$@"; }
[ "$(pg -c "select count(*) from information_schema.tables where table_schema = 'bench_search' and table_name = 'bench_vocabulary'")" = 1 ] \
  || { echo "bench_search is not seeded: run bench/search.sh first" >&2; exit 1; }

echo "machine: $(bench_machine)"
echo "jar: ${JAR:-target/strongroom.jar of this tree}"
db=(STRONGROOM_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench_search"
  STRONGROOM_DATABASE_USERNAME=postgres SPRING_FLYWAY_SCHEMAS=bench_search)
demo_token_optional=1 # the schema's demo users exist already: the demo makes none, so prints no token
demo_start "$work/instance" "$PORT" "${db[@]}"
token="$(env "${db[@]}" "$bench_java" -jar "$bench_root/target/strongroom.jar" tokens create -n writes \
  -u alice@example.org --scopes records:read,records:write --instance "$work/instance" 2>>"$demo_log")"
[[ "$token" =~ ^sr_[0-9A-Za-z]{46}$ ]] || { echo "tokens create printed no token:" >&2; tail -20 "$demo_log" >&2; exit 1; }
pg -c "copy (select word from bench_vocabulary order by rank) to stdout" > "$work/vocabulary.txt"
before=$(pg -c "select count(*) from records")
url="$demo_base/api/records/"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $token" -s bench/search-writes.lua "$url" \
  -- "$work/vocabulary.txt" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" \
  -s bench/search-writes.lua "$url" -- "$work/vocabulary.txt" > "$work/writes.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$work/writes.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/writes.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/writes.txt")
errors=$(grep -E 'Non-2xx|Socket errors' "$work/writes.txt" | tr -s ' ' | tr '\n' ' ' || true)
printf 'creates at %s connections: %8s /s  p50 %8s  p99 %8s %s\n' "$CONNECTIONS" "$rps" "$p50" "$p99" "$errors"
echo "records: $before before, $(pg -c "select count(*) from records") after"

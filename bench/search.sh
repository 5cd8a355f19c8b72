#!/usr/bin/env bash
# Benchmarks search on PostgreSQL (issue #31): seeds N records (default 1,000,000) in SQL with
# bench/search-seed.sql, serves them with `strongroom demo` on a schema of the shared database,
# and measures with wrk at 16 connections, anonymous (so the 10 % restricted are filtered out):
# a one-word query, a two-word query, a phrase, a field query and a facet request. Each query's
# total is checked against an independent count (a regular expression over the stored
# metadata). Goals: p99 < 50 ms per query, < 150 ms with facets, totals exact. Then the same
# one- and two-word queries on the old LIKE search (built from OLD_COMMIT) at 150,000 records.
#
#   bench/search.sh                               # defaults below
#   N=1000000 LIKE_N=150000 DURATION=20 WARMUP=30 bench/search.sh
#   SKIP_LIKE=1 bench/search.sh                   # without the old search
#   SKIP_SEED=1 SKIP_LIKE=1 bench/search.sh       # reuses bench_search as a previous run seeded it
#   BENCH_START_WAIT=3600 SKIP_SEED=1 SKIP_LIKE=1 bench/search.sh   # ... seeded before V122 (migrated first)
#   OLD_DIR=/tmp/old bench/search.sh              # the old search from a checkout already built
#
# Needs PostgreSQL at 127.0.0.1:5432 (db test, user postgres), psql, wrk and curl. Uses the
# schemas bench_search and bench_search_like, dropped first (bench_search kept with SKIP_SEED=1:
# the server migrates it if it is behind: from V121, V122 counts every term and word facet and
# builds the postings' rank index, V123 adds the pairs in any field and their counts, V124
# numbers the records and builds the word sets, each many minutes at 1,000,000 records before
# the server serves). Takes 30-60 minutes on 2 cores, most
# of it the seed's ~91 million search postings, their two indexes and counts (33 minutes for
# 1,000,000 records and 69 million postings at a load average of 12-23 before V122).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000000}
LIKE_N=${LIKE_N:-150000}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-5611}
OLD_COMMIT=${OLD_COMMIT:-8933140}
work=$(mktemp -d /tmp/strongroom-search-bench.XXXXXX)
source bench/lib.sh
bench_on_exit() { rm -rf "$work"; }

pg() { PGOPTIONS="-c search_path=$1" psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -qAtX "${@:2}"; }

start_on_schema() { # schema jar-dir [keep]
  [ -n "${3:-}" ] || psql -h 127.0.0.1 -U postgres -d test -qX -c "drop schema if exists $1 cascade" >/dev/null 2>&1
  local root="$bench_root"
  bench_root="$2"
  demo_start "$work/instance-$1" "$PORT" \
    STRONGROOM_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$1" \
    STRONGROOM_DATABASE_USERNAME=postgres SPRING_FLYWAY_SCHEMAS="$1"
  bench_root="$root"
}

seed() { # schema n search
  local start; start=$(date +%s)
  # psql reads its file as it goes: a copy, so that editing the seed meanwhile cannot derail it.
  cp bench/search-seed.sql "$work/search-seed.sql"
  pg "$1" -v n="$2" -v search="$3" -f "$work/search-seed.sql" >/dev/null
  echo "seeded $2 records into $1 in $(( $(date +%s) - start ))s"
}

measure() { # name path expected-total
  local url="$demo_base$2" total
  total=$(curl -s --cacert "$demo_cert" "$url" | sed -E 's/.*"total":([0-9]+).*/\1/')
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" > "$work/$1.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$1.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/$1.txt" | tr -s ' ' | tr '\n' ' ' || true)
  local check="exact"
  [ "$total" = "$3" ] || check="WRONG (expected $3)"
  printf '%-34s total %8s %-8s %8s req/s  p50 %8s  p99 %8s %s\n' "$1" "$total" "$check" "$rps" "$p50" "$p99" "$errors"
}

word() { pg "$1" -c "select word from bench_vocabulary where rank = $2"; }
visible() { pg "$1" -c "select count(*) from records where deleted is null and access = 'public' and $2"; }

echo "machine: $(bench_machine)"
echo "note: PostgreSQL and the 2 cores are shared with other work; figures vary between runs."

echo "== full-text search, $N records, PostgreSQL"
if [ -n "${SKIP_SEED:-}" ]; then
  demo_token_optional=1 # an instance already made prints no new token; the queries are anonymous
  start_on_schema bench_search "$bench_root" keep
  echo "reusing bench_search: $(pg bench_search -c "select count(*) from records") records"
else
  start_on_schema bench_search "$bench_root"
  seed bench_search "$N" vector
fi
w1=$(word bench_search 200); w2=$(word bench_search 40); w3=$(word bench_search 60)
p1=$(word bench_search 5); p2=$(word bench_search 9); tw=$(word bench_search 30)
m() { printf "metadata ~* '\\\\m%s\\\\M'" "$1"; }
measure "one word ($w1)" "/api/records/?q=$w1" "$(visible bench_search "$(m "$w1")")"
measure "two words ($w2 $w3)" "/api/records/?q=$w2+$w3" "$(visible bench_search "$(m "$w2") and $(m "$w3")")"
# A phrase lies within one field; keywords (a list) are one field whose items follow each other.
phrase_in="concat_ws(' | ', metadata::jsonb->>'title', metadata::jsonb->>'description', array_to_string(array(select jsonb_array_elements_text(metadata::jsonb->'keywords')), ' '))"
measure "phrase (\"$p1 $p2\")" "/api/records/?q=%22$p1+$p2%22" "$(visible bench_search "$phrase_in ~ '\\m$p1 $p2\\M'")"
measure "field (title:$tw)" "/api/records/?q=title:$tw" \
  "$(visible bench_search "(metadata::jsonb->>'title') ~ '\\m$tw\\M'")"
measure "one word + 4 facets" "/api/records/?q=$w1&facets=keyword,type,year,license" "$(visible bench_search "$(m "$w1")")"
measure "no query + 4 facets" "/api/records/?facets=keyword,type,year,license" "$(visible bench_search "true")"
curl -s --cacert "$demo_cert" "$demo_base/api/records/?size=1&q=$w1&facets=type" | sed -E 's/.*"aggregations"/  type buckets of the one-word query: "aggregations"/'; echo
echo "  SQL check: $(pg bench_search -c "select string_agg(resource_type || '=' || c, ' ') from (select resource_type, count(*) c from records where deleted is null and access = 'public' and $(m "$w1") group by 1 order by 2 desc, 1) t")"
kill "$demo_pid"; wait "$demo_pid" 2>/dev/null || true

if [ -z "${SKIP_LIKE:-}" ]; then
  echo "== the old LIKE search ($OLD_COMMIT), $LIKE_N records, PostgreSQL"
  old="${OLD_DIR:-$work/old}"
  if [ ! -f "$old/target/strongroom.jar" ]; then
    mkdir -p "$old"
    git archive "$OLD_COMMIT" | tar -x -C "$old"
    (cd "$old" && ./mvnw -q -DskipTests package >/dev/null)
  fi
  start_on_schema bench_search_like "$old"
  # The old schema has no bench_vocabulary table until the seed makes it.
  seed bench_search_like "$LIKE_N" like
  w1=$(word bench_search_like 200); w2=$(word bench_search_like 40); w3=$(word bench_search_like 60)
  # The old search matched substrings: its totals are compared with a substring count.
  s() { printf "search_text like '%%%s%%'" "$1"; }
  measure "LIKE one word ($w1)" "/api/records/?q=$w1" "$(visible bench_search_like "$(s "$w1")")"
  measure "LIKE two words ($w2 $w3)" "/api/records/?q=$w2+$w3" "$(visible bench_search_like "$(s "$w2") and $(s "$w3")")"
fi

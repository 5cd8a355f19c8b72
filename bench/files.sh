#!/usr/bin/env bash
# Files throughput over HTTPS with curl against a fresh demo instance on this machine:
# upload and download of 1 MiB (x20) and 256 MiB (x2, HTTP/2 and HTTP/1.1) files, in MB/s
# (10^6 bytes/s), and the server's resident memory (baseline after warm-up, peak while
# transferring, sampled every 50 ms). Local-folder storage. Takes about a minute.
#   bench/files.sh            (PORT=5477 by default; STRONGROOM_JAVA_OPTS passed to java; needs curl, python3)
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-5477}"
work="$(mktemp -d /tmp/strongroom-bench-files.XXXXXX)"
sampler=""
source bench/lib.sh
bench_on_exit() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  rm -rf "$work"
}

head -c $((1024 * 1024)) /dev/urandom > "$work/1m.bin"
head -c $((256 * 1024 * 1024)) /dev/urandom > "$work/256m.bin"

demo_start "$work/instance" "$port" STRONGROOM_MAX_CONTENT_LENGTH=512MB
server="$demo_pid"
token="$demo_token"
cert="$demo_cert"
base="$demo_base"
auth=(-H "Authorization: Bearer $token")

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

record="$(curl -sS --cacert "$cert" "${auth[@]}" -H 'Content-Type: application/json' \
  -d '{"metadata": {"title": "Benchmark"}, "access": {"record": "public"}}' "$base/api/records/" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
files="$base/api/records/$record/files"

# Warm-up: JIT, TLS sessions, connection pools.
for i in $(seq 1 10); do
  curl -sS -o /dev/null --cacert "$cert" "${auth[@]}" -T "$work/1m.bin" "$files/warm.bin"
  curl -sS -o /dev/null --cacert "$cert" "$files/warm.bin/content"
done
sleep 2
baseline="$(rss_kib)"
(peak=0; while kill -0 "$server" 2>/dev/null; do
   now="$(rss_kib)"; [ "$now" -gt "$peak" ] && peak="$now" && echo "$peak" > "$work/peak"; sleep 0.05
 done) &
sampler=$!

mbps() { python3 -c "import sys; print(f'{float(sys.argv[1]) / 1e6:.0f}')" "$1"; }

upload() {  # file key [curl options] -> bytes/s
  curl -sS -o /dev/null -w '%{speed_upload}' --cacert "$cert" "${auth[@]}" "${@:3}" -T "$1" "$files/$2"
}
download() {  # key [curl options] -> bytes/s
  curl -sS -o /dev/null -w '%{speed_download}' --cacert "$cert" "${@:2}" "$files/$1/content"
}
average() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(sum(v)/len(v))" "$@"; }

up1=(); down1=()
for i in $(seq 1 20); do up1+=("$(upload "$work/1m.bin" "small-$i.bin")"); done
for i in $(seq 1 20); do down1+=("$(download "small-$i.bin")"); done
up256_h2="$(upload "$work/256m.bin" big.bin)"
down256_h2="$(download big.bin)"
up256_h1="$(upload "$work/256m.bin" big.bin --http1.1)"
down256_h1="$(download big.bin --http1.1)"
curl -sS -o "$work/check.bin" --cacert "$cert" "$files/big.bin/content"
cmp -s "$work/256m.bin" "$work/check.bin" || { echo "downloaded file differs from the upload" >&2; exit 1; }
sleep 0.2
peak="$(cat "$work/peak" 2>/dev/null || echo "$baseline")"

echo "Strongroom files benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$bench_java" -version 2>&1 | head -1)"
printf '%-34s %8s\n' "transfer" "MB/s"
printf '%-34s %8s\n' "upload 1 MiB (avg of 20, HTTP/2)" "$(mbps "$(average "${up1[@]}")")"
printf '%-34s %8s\n' "download 1 MiB (avg of 20, HTTP/2)" "$(mbps "$(average "${down1[@]}")")"
printf '%-34s %8s\n' "upload 256 MiB (HTTP/2)" "$(mbps "$up256_h2")"
printf '%-34s %8s\n' "download 256 MiB (HTTP/2)" "$(mbps "$down256_h2")"
printf '%-34s %8s\n' "upload 256 MiB (HTTP/1.1)" "$(mbps "$up256_h1")"
printf '%-34s %8s\n' "download 256 MiB (HTTP/1.1)" "$(mbps "$down256_h1")"
echo "server RSS: baseline $((baseline / 1024)) MiB after warm-up, peak $((peak / 1024)) MiB while transferring," \
  "growth $(((peak - baseline) / 1024)) MiB"

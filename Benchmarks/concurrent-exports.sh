#!/usr/bin/env bash
# Peak memory of the server under concurrent anonymous exports (issue 14): a synthetic base of
# N persons is imported, the release server started on it, then 8 anonymous GEDCOM exports are
# sent at once with curl (within the default rate-limit burst of 20). Prints the server's RSS
# before, its peak (VmHWM) after, each export's status and size, and the wall time. Runs twice:
# with the default export limits (2 per client, 4 in total: the others get 429), and with the
# limits raised to 8 so that all 8 stream at once. Asserts nothing.
#
#   Benchmarks/concurrent-exports.sh [PERSONS]        default: 100000
#   GENEWEB_BENCH_BINARY=/path/to/geneweb Benchmarks/concurrent-exports.sh   (another build, e.g. an older one)
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-bench-exports.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; $("$bin" --version)"
"$bin" generate --persons "$persons" --output "$work/tree.ged"
"$bin" import "$work/tree.ged" --data-dir "$work/data" >/dev/null
echo "base: $persons persons, $(( $(stat -c %s "$work/tree.ged") / 1024 / 1024 )) MB of GEDCOM"

rss() { awk -v key="$2:" '$1 == key { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

run() { # label, extra environment...
  local label=$1; shift
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  env GENEWEB_DATA_DIR="$work/data" GENEWEB_API_PORT="$port" GENEWEB_DEBUG=true GENEWEB_LOG_LEVEL=warning "$@" \
    "$bin" serve >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health/" >/dev/null && break; sleep 0.2; done
  local before start end
  before=$(rss "$server" VmRSS)
  start=$(date +%s.%N)
  for i in 1 2 3 4 5 6 7 8; do
    curl -s -o "$work/export-$i.ged" -w "%{http_code} %{size_download}\n" "http://127.0.0.1:$port/api/v1/export" >"$work/status-$i" &
  done
  wait $(jobs -p | grep -v "^$server\$")
  end=$(date +%s.%N)
  printf '%s\n  server RSS before: %d MB, peak during the exports: %d MB, after: %d MB; all answered in %.1f s\n' \
    "$label" "$before" "$(rss "$server" VmHWM)" "$(rss "$server" VmRSS)" "$(echo "$end - $start" | bc)"
  echo "  answers (status bytes): $(cat "$work"/status-* | sort | uniq -c | sed 's/^ *//' | paste -sd ';' -)"
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
}

run "8 anonymous exports at once, default limits (2 per client, 4 in total)"
run "8 anonymous exports at once, limits raised to 8" GENEWEB_EXPORT_MAX_PER_CLIENT=8 GENEWEB_EXPORT_MAX_CONCURRENT=8

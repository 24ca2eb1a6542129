#!/usr/bin/env bash
# Read throughput of the HTTP API with the release binary and wrk, on SQLite (and PostgreSQL when
# GENEWEB_BENCH_POSTGRES_URL is set): GET one person, and a page of 50 persons, anonymous caller
# (the privacy rule applies), no response cache. Prints numbers; asserts nothing.
#
#   Benchmarks/http-reads.sh [PERSONS] [SECONDS] [CONNECTIONS]    default: 100000 20 64
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
seconds=${2:-20}
connections=${3:-64}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }

swift build -c release --product geneweb --scratch-path .build-release >/dev/null
bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/geneweb"
work=$(mktemp -d /tmp/geneweb-http-bench.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$bin" generate --persons "$persons" --output "$work/tree.ged" >/dev/null

run() { # label, extra serve arguments...
  local label=$1; shift
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # One client address would meet the rate limit at once: it is turned off to measure the server.
  GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
    "$bin" serve --port "$port" "$@" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/health/" >/dev/null && break; sleep 0.1; done
  local id
  id=$(curl -sf "http://127.0.0.1:$port/api/v1/persons?limit=1&offset=$((persons / 2))" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  echo "== $label: $persons persons, wrk -t2 -c$connections -d${seconds}s"
  echo "-- GET /api/v1/persons/{id}"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/api/v1/persons/$id" | grep -E "Requests/sec|Latency|50%|99%"
  echo "-- GET /api/v1/persons?limit=50&offset=5000"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/api/v1/persons?limit=50&offset=5000" | grep -E "Requests/sec|Latency|50%|99%"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -m); $("$bin" --version)"
"$bin" import "$work/tree.ged" --data-dir "$work/sqlite" >/dev/null
run "SQLite" --data-dir "$work/sqlite"
if [ -n "${GENEWEB_BENCH_POSTGRES_URL:-}" ]; then
  "$bin" import "$work/tree.ged" --replace --database-url "$GENEWEB_BENCH_POSTGRES_URL" >/dev/null
  run "PostgreSQL" --database-url "$GENEWEB_BENCH_POSTGRES_URL"
fi

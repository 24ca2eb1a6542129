#!/usr/bin/env bash
# The base's figures over HTTP with the release binary on SQLite: surname and first-name
# indexes, anniversaries and statistics, anonymous (the living rule in each) and admin. For each,
# the first call, the next one (answers kept per base version) and the first after a write.
# Prints numbers; asserts nothing.
#
#   Benchmarks/base-figures.sh DATA_DIR
#   GENEWEB_BENCH_BINARY=/path/to/geneweb ...     another build (no swift build)
#
# DATA_DIR holds an imported base (`geneweb.sqlite`, e.g. from Benchmarks/genealogy.sh with
# GENEWEB_BENCH_DATA_DIR). The server migrates it on start (timed): give it a copy when the
# binary is newer than the base.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: Benchmarks/base-figures.sh DATA_DIR}
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-figures-bench.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
started=$(date +%s.%N)
GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
  GENEWEB_DEBUG=true GENEWEB_ADMIN_USERNAME=bench GENEWEB_ADMIN_PASSWORD='benchmark passphrase' \
  "$bin" serve --port "$port" --data-dir "$data" >"$work/log" 2>&1 &
server=$!
for _ in $(seq 1 12000); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
echo "machine: $(nproc) cores; $("$bin" --version); $(sqlite3 -readonly "$data/geneweb.sqlite" 'SELECT count(*) FROM persons') persons; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c "print(f'start to ready (migrations included): {$(date +%s.%N) - $started:.1f} s')"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"benchmark passphrase"}' \
  "http://127.0.0.1:$port/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
api="http://127.0.0.1:$port/api/v1"
# "status seconds" of one request; anonymous unless a token is given.
t() { curl -s -o /dev/null -w '%{http_code} %{time_total}' ${2:+-H "Authorization: Bearer $2"} "$api/$1"; }

paths=("search/surnames?order=count&limit=20" "search/surnames?prefix=ma&limit=50" "search/first_names?order=count&limit=20"
  "search/first_names?limit=50&offset=20" "genealogy/anniversaries?month=6&day=15" "genealogy/stats")
measure() {
  for path in "${paths[@]}"; do
    printf '%-44s anonymous: first %s, again %s | admin: first %s\n' "$path" "$(t "$path")" "$(t "$path")" "$(t "$path" "$token")"
  done
}
measure
curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"first_name":"Benchmark","surname":"Written","sex":"female"}' "$api/persons"
echo "after one person written:"
measure
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Genealogy computations over HTTP with the release binary: the first request builds the base's
# graph (timed), later ones use it. Prints numbers; asserts nothing.
#
#   Benchmarks/genealogy.sh [PERSONS] [SECONDS]        default: 100000 10
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
seconds=${2:-10}
swift build -c release --product geneweb --scratch-path .build-release >/dev/null
bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/geneweb"
work=$(mktemp -d /tmp/geneweb-genealogy-bench.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$bin" generate --persons "$persons" --output "$work/tree.ged" >/dev/null
"$bin" import "$work/tree.ged" --data-dir "$work/data" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
  GENEWEB_DEBUG=true GENEWEB_ADMIN_USERNAME=bench GENEWEB_ADMIN_PASSWORD='benchmark passphrase' \
  "$bin" serve --port "$port" --data-dir "$work/data" >"$work/log" 2>&1 &
server=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/health/" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"benchmark passphrase"}' \
  "http://127.0.0.1:$port/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
# Two persons deep in the tree (the last pages hold the latest generations).
ids=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/persons?limit=2&offset=$((persons - 50))" \
  | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)["items"]))')
a=${ids% *}; b=${ids#* }
echo "machine: $(nproc) cores, $(uname -m); $("$bin" --version); $persons persons"
t() { curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1"; }
echo "first request (graph build + relationship): $(t "/api/v1/genealogy/relationship/$a/$b") s"
echo "relationship again:                         $(t "/api/v1/genealogy/relationship/$a/$b") s"
echo "ancestors, 10 generations:                  $(t "/api/v1/genealogy/ancestors/$a?max_generations=10") s"
echo "consanguinity:                              $(t "/api/v1/genealogy/consanguinity/$a") s"
echo "-- wrk: relationship between the same pair (graph cached), 2 threads, 16 connections"
wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/genealogy/relationship/$a/$b" | grep -E "Requests/sec|50%|99%"

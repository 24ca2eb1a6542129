#!/usr/bin/env bash
# Building the in-memory genealogy graph, with the release binary on SQLite (issue 17: < 3 s and
# < 400 MB RSS for the whole server at a million persons). Prints numbers; asserts nothing.
#
#   Benchmarks/graph-build.sh [PERSONS] [RUNS]        default: 100000 3
#   GENEWEB_BENCH_DATA_DIR=DIR ...       reuse (or create once) the imported base in DIR
#   GENEWEB_BENCH_BINARY=/path/geneweb   another build of ours (no swift build)
#
# Each run starts a server, asks one relationship (which builds the graph), and reads the build
# time and the graph's own byte count from /health/detailed and the server's resident memory
# (VmRSS now, VmHWM its peak) from /proc. The machine's load average is printed with each run.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
runs=${2:-3}
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-graph-build.XXXXXX)
data=${GENEWEB_BENCH_DATA_DIR:-$work/data}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(uname -m); $("$bin" --version); $persons persons"
if [ ! -f "$data/geneweb.sqlite" ]; then
  "$bin" generate --persons "$persons" --output "$work/tree.ged" >/dev/null
  GENEWEB_IMPORT_MAX_BYTES=2000000000 "$bin" import "$work/tree.ged" --data-dir "$data" >/dev/null
  rm -f "$work/tree.ged"
fi
mapfile -t ids < <(sqlite3 "$data/geneweb.sqlite" "SELECT lower(id) FROM persons ORDER BY substr(id, 20) LIMIT 2")
memory() { awk -v key="$1:" '$1 == key { printf "%d", $2 / 1024 }' "/proc/$server/status"; }

: >"$work/runs"
for run in $(seq 1 "$runs"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
    GENEWEB_DEBUG=true GENEWEB_ADMIN_USERNAME=bench GENEWEB_ADMIN_PASSWORD='benchmark passphrase' \
    "$bin" serve --port "$port" --data-dir "$data" >"$work/log" 2>&1 &
  server=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do curl -sf "$base/health/" >/dev/null && break; sleep 0.1; done
  token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"benchmark passphrase"}' \
    "$base/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  load=$(cut -d' ' -f1 /proc/loadavg)
  rss_before=$(memory VmRSS)
  request=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base/api/v1/genealogy/relationship/${ids[0]}/${ids[1]}")
  graph=$(curl -sf -H "Authorization: Bearer $token" "$base/health/detailed" | python3 -c '
import json,sys
for b in json.load(sys.stdin)["bases"]:
    g=b.get("graph")
    if g: print("%.3f %.1f %d" % (g["build_seconds"], g["approximate_bytes"]/1e6, g["persons"]))')
  echo "$run $load $request $graph $rss_before $(memory VmRSS) $(memory VmHWM)" | tee -a "$work/runs" | awk '{
    printf "run %d (load %s): first request %.2f s, build %.2f s, graph %.0f MB by its own count (%d persons), RSS %d MB before, %d MB after (peak %d MB)\n",
      $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
done
python3 - "$work/runs" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def median(column):
    values = sorted(float(r[column]) for r in rows); return values[len(values) // 2]
print("median of %d runs: build %.2f s, RSS after %d MB, peak %d MB, load %.1f" % (len(rows), median(3), median(7), median(8), median(1)))
PY

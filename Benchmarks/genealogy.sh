#!/usr/bin/env bash
# Genealogy computations, statistics and search over HTTP with the release binary, on SQLite.
# Prints numbers; asserts nothing. Relationship, ancestors and consanguinity also report the graph
# walk alone (the server's `Server-Timing: graph;dur=` header) next to the whole HTTP request.
#
#   Benchmarks/genealogy.sh [PERSONS] [SECONDS]        default: 100000 10
#   GENEWEB_BENCH_DATA_DIR=DIR ...   reuse (or create once) the imported base in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
seconds=${2:-10}
swift build -c release --product geneweb --scratch-path .build-release >/dev/null
bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/geneweb"
work=$(mktemp -d /tmp/geneweb-genealogy-bench.XXXXXX)
data=${GENEWEB_BENCH_DATA_DIR:-$work/data}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(uname -m); $("$bin" --version); $persons persons"
if [ ! -f "$data/geneweb.sqlite" ]; then
  "$bin" generate --persons "$persons" --output "$work/tree.ged" >/dev/null
  GENEWEB_IMPORT_MAX_BYTES=2000000000 /usr/bin/time -f "import: %e s, peak RSS %M KB" "$bin" import "$work/tree.ged" --data-dir "$data" 2>&1 >/dev/null | tail -1
  rm -f "$work/tree.ged"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
  GENEWEB_DEBUG=true GENEWEB_ADMIN_USERNAME=bench GENEWEB_ADMIN_PASSWORD='benchmark passphrase' \
  "$bin" serve --port "$port" --data-dir "$data" >"$work/log" 2>&1 &
server=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"benchmark passphrase"}' \
  "$base/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
rss() { echo $(( $(ps -o rss= -p "$server") / 1024 )); }
t() { curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base$1"; }

# 200 persons drawn at random (fixed seed through SQLite's rowid order of a hash).
sqlite3 "$data/geneweb.sqlite" "SELECT id FROM persons ORDER BY substr(id, 20) LIMIT 200" > "$work/ids"
mapfile -t ids < "$work/ids"

echo "server RSS before the graph: $(rss) MB"
echo "first genealogy request (graph build + one relationship): $(t "/api/v1/genealogy/relationship/${ids[0]}/${ids[1]}") s"
curl -sf -H "Authorization: Bearer $token" "$base/health/detailed" | python3 -c '
import json,sys
for b in json.load(sys.stdin)["bases"]:
    g=b.get("graph")
    if g: print("graph of %s: %d persons, build %.2f s, ~%.0f MB by its own count" % (b["name"], g["persons"], g["build_seconds"], g["approximate_bytes"]/1e6))'
echo "server RSS with the graph: $(rss) MB"

# Times of a list of paths: whole request (curl) and graph walk (Server-Timing), p50 and p99.
measure() {
  local label=$1; shift
  for path in "$@"; do
    curl -s -o /dev/null -D - -w 'total %{time_total}\n' "${auth[@]}" "$base$path"
  done | python3 -c '
import re,sys
label=sys.argv[1]; totals=[]; walks=[]
for line in sys.stdin:
    m=re.match(r"(?i)server-timing: graph;dur=([0-9.]+)", line)
    if m: walks.append(float(m.group(1)))
    if line.startswith("total "): totals.append(float(line.split()[1])*1000)
def p(v,q):
    v=sorted(v); return v[min(len(v)-1,int(q*len(v)))] if v else float("nan")
w=f", graph walk p50 {p(walks,.5):.3f} ms p99 {p(walks,.99):.3f} ms" if walks else ""
print(f"{label}: {len(totals)} requests, HTTP p50 {p(totals,.5):.1f} ms p99 {p(totals,.99):.1f} ms{w}")' "$label"
}
auth=(-H "Authorization: Bearer $token")
pairs=(); for i in $(seq 0 2 198); do pairs+=("/api/v1/genealogy/relationship/${ids[$i]}/${ids[$((i+1))]}"); done
measure "relationship, 100 random pairs" "${pairs[@]}"
anc=(); for i in $(seq 0 49); do anc+=("/api/v1/genealogy/ancestors/${ids[$i]}?max_generations=10"); done
measure "ancestors over 10 generations, 50 persons" "${anc[@]}"
con=(); for i in $(seq 0 49); do con+=("/api/v1/genealogy/consanguinity/${ids[$i]}"); done
measure "consanguinity of one person, 50 persons" "${con[@]}"
# The whole-base computation runs in the background: 202 while it is under way (after 10 s of waiting).
consanguinity_start=$(date +%s.%N)
ts() { curl -s -o /dev/null -w '%{http_code} in %{time_total} s' -H "Authorization: Bearer $token" "$base$1"; }
echo "whole-base consanguinity, first call: $(ts "/api/v1/genealogy/consanguinity")"
echo "statistics as admin: $(t "/api/v1/genealogy/stats") s; anonymous: $(curl -s -o /dev/null -w '%{time_total}' "$base/api/v1/genealogy/stats") s"
echo "anniversaries of 14 July: $(t "/api/v1/genealogy/anniversaries?month=7&day=14") s"
echo "-- search (anonymous: the living rule is part of each query)"
auth=()
for q in "query=martin" "query=jean%20martin" "query=martin%20jean" "query=dupond" "query=geruz" "query=claude%20lefebvre&birth_year_from=1800&birth_year_to=1900" \
         "surname=muller&sex=female" "birth_place=paris&query=marie" "query=jea"; do
  runs=(); for _ in $(seq 1 10); do runs+=("/api/v1/search/persons?$q"); done
  total=$(curl -s "$base/api/v1/search/persons?$q" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  measure "search $q ($total found)" "${runs[@]}"
done
runs=(); for _ in $(seq 1 10); do runs+=("/api/v1/search/surnames?order=count&limit=20"); done
auth=(-H "Authorization: Bearer $token")
measure "surname index by frequency" "${runs[@]}"
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/genealogy/consanguinity")
  [ "$code" = 200 ] && break; sleep 5
done
echo "whole-base consanguinity ready (200) about $(python3 -c "import time; print(round(time.time() - $consanguinity_start))") s after the first call (other measures ran meanwhile); cached call: $(ts "/api/v1/genealogy/consanguinity")"
echo "-- wrk: relationship between one pair (graph cached), 2 threads, 16 connections, ${seconds}s"
wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base/api/v1/genealogy/relationship/${ids[2]}/${ids[3]}" | grep -E "Requests/sec|50%|99%"
echo "-- wrk: search 'jean martin', anonymous"
wrk -t2 -c16 -d"${seconds}s" --latency "$base/api/v1/search/persons?query=jean%20martin" | grep -E "Requests/sec|50%|99%"

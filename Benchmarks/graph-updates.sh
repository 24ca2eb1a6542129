#!/usr/bin/env bash
# What a write costs the in-memory graph, with the release binary on SQLite (issue 17): a person
# or family written through the API is applied to the kept graph in place, instead of the next
# genealogy request reading the whole base again. Prints numbers; asserts nothing.
#
#   Benchmarks/graph-updates.sh [PERSONS] [WRITES]        default: 100000 30
#   GENEWEB_BENCH_DATA_DIR=DIR ...   reuse (or create once) the imported base in DIR
#   GENEWEB_BENCH_BINARY=/path/geneweb   another build of ours (no swift build)
#
# After one relationship request has built the graph, each round writes two new persons and a
# family joining them to two persons of the base (three writes), then asks a relationship at
# once. It reports the time of the writes and of the request after them (HTTP and the graph
# walk from `Server-Timing`), the in-place update time (`geneweb_graph_update_seconds` from
# /metrics), and how many graph builds happened (should stay 1: the first).
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
rounds=${2:-30}
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-graph-updates.XXXXXX)
data=${GENEWEB_BENCH_DATA_DIR:-$work/data}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(uname -m); $("$bin" --version); $persons persons; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$data/geneweb.sqlite" ]; then
  "$bin" generate --persons "$persons" --output "$work/tree.ged" >/dev/null
  GENEWEB_IMPORT_MAX_BYTES=2000000000 "$bin" import "$work/tree.ged" --data-dir "$data" >/dev/null
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
auth=(-H "Authorization: Bearer $token")
sqlite3 "$data/geneweb.sqlite" "SELECT lower(id) FROM persons ORDER BY substr(id, 20) LIMIT 400" >"$work/ids"
mapfile -t ids <"$work/ids"

# One request: "HTTP-ms graph-walk-ms" (the walk from Server-Timing).
relationship() {
  curl -s -o /dev/null -D - -w 'total %{time_total}\n' "${auth[@]}" "$base/api/v1/genealogy/relationship/$1/$2" | python3 -c '
import re,sys
walk="nan"; total=0
for line in sys.stdin:
    m=re.match(r"(?i)server-timing: graph;dur=([0-9.]+)", line)
    if m: walk=m.group(1)
    if line.startswith("total "): total=float(line.split()[1])*1000
print("%.2f %s" % (total, walk))'
}
post() { curl -s -o "$work/out" -w '%{http_code} %{time_total}\n' "${auth[@]}" -H 'Content-Type: application/json' -d "$2" "$base$1"; }
metric() { curl -sf "${auth[@]}" "$base/metrics" | awk -v name="$1" '$1 == name { print $2 }' | head -1; }

first=$(relationship "${ids[0]}" "${ids[1]}")
echo "first relationship request (graph build included): HTTP ${first% *} ms"
curl -sf "${auth[@]}" "$base/health/detailed" | python3 -c '
import json,sys
for b in json.load(sys.stdin)["bases"]:
    g=b.get("graph")
    if g: print("graph: %d persons, build %.2f s, ~%.0f MB by its own count" % (g["persons"], g["build_seconds"], g["approximate_bytes"]/1e6))'
for i in $(seq 2 21); do relationship "${ids[$i]}" "${ids[$((i + 100))]}"; done >"$work/before"

: >"$work/writes"
: >"$work/after"
for round in $(seq 1 "$rounds"); do
  father=$(post /api/v1/persons "{\"first_name\":\"Writer$round\",\"surname\":\"Bench\",\"sex\":\"male\"}")
  father_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/out")
  mother=$(post /api/v1/persons "{\"first_name\":\"Writer$round\",\"surname\":\"Bench\",\"sex\":\"female\"}")
  mother_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/out")
  # Two new parents for two persons of the base who may have none yet: they become their children.
  family=$(post /api/v1/families "{\"parents\":[\"$father_id\",\"$mother_id\"],\"children_ids\":[\"${ids[$((200 + round))]}\"]}")
  printf '%s\n%s\n%s\n' "$father" "$mother" "$family" >>"$work/writes"
  relationship "${ids[$((200 + round))]}" "${ids[$((300 + round))]}" >>"$work/after"
done

python3 - "$work/before" "$work/after" "$work/writes" <<'EOF'
import sys
def rows(path): return [l.split() for l in open(path) if l.strip()]
def p50(values):
    values = sorted(values); return values[len(values) // 2] if values else float("nan")
before, after, writes = rows(sys.argv[1]), rows(sys.argv[2]), rows(sys.argv[3])
codes = sorted(set(w[0] for w in writes))
print("writes: %d (HTTP statuses %s), p50 %.1f ms" % (len(writes), ", ".join(codes), p50([float(w[1]) * 1000 for w in writes])))
for label, r in (("relationship before the writes", before), ("relationship right after each round of writes", after)):
    walks = [float(x[1]) for x in r if x[1] != "nan"]
    print("%s: %d requests, HTTP p50 %.2f ms, graph walk p50 %.3f ms" % (label, len(r), p50([float(x[0]) for x in r]), p50(walks)))
EOF
count=$(metric geneweb_graph_update_seconds_count)
sum=$(metric geneweb_graph_update_seconds_sum)
builds=$(curl -sf "${auth[@]}" "$base/metrics" | grep '^geneweb_graph_cache_total{' | grep 'result="build"' | awk '{print $2}' | head -1)
python3 -c 'import sys; c=float(sys.argv[1] or 0); s=float(sys.argv[2] or 0); print("in-place graph updates: %d, mean %.3f ms" % (c, 1000*s/c if c else float("nan")))' "${count:-0}" "${sum:-0}"
echo "graph builds in this run: ${builds:-?} (the first request's only, when every write was applied in place)"
echo "server RSS at the end: $(( $(ps -o rss= -p "$server") / 1024 )) MB (peak $(awk '$1 == "VmHWM:" { print int($2 / 1024) }' "/proc/$server/status") MB)"

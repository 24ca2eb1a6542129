#!/usr/bin/env bash
# Person search over HTTP with the release binary on SQLite, as an anonymous caller (the living
# rule is part of each query): for each query of Benchmarks/README.md, the first call, then
# p50/p99 of ROUNDS more, and the total found. Prints numbers; asserts nothing.
#
#   Benchmarks/search.sh DATA_DIR [ROUNDS]        default ROUNDS: 10
#   GENEWEB_BENCH_BINARY=/path/to/geneweb ...     another build (no swift build)
#
# DATA_DIR holds an imported base (`geneweb.sqlite`, e.g. from Benchmarks/genealogy.sh with
# GENEWEB_BENCH_DATA_DIR). The server migrates it on start: give it a copy when the binary is
# newer than the base. Each query also runs on page 3 (offset=40).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: Benchmarks/search.sh DATA_DIR [ROUNDS]}
rounds=${2:-10}
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-search-bench.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
  "$bin" serve --port "$port" --data-dir "$data" >"$work/log" 2>&1 &
server=$!
for _ in $(seq 1 6000); do curl -sf "http://127.0.0.1:$port/health/" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port/api/v1/search/persons"
echo "machine: $(nproc) cores; $("$bin" --version); $(sqlite3 -readonly "$data/geneweb.sqlite" 'SELECT count(*) FROM persons') persons; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# p50 and p99 (ms) of the request times read on stdin, one a line, in seconds.
stats() {
  python3 -c '
import sys
v=sorted(float(x)*1000 for x in sys.stdin if x.strip())
p=lambda q: v[min(len(v)-1,int(q*len(v)))]
print(f"p50 {p(.5):.1f} ms p99 {p(.99):.1f} ms")'
}
t() { curl -s -o /dev/null -w '%{time_total}\n' "$base?$1"; }

for q in "query=martin" "query=jean%20martin" "query=martin%20jean" "query=dupond" "query=geruz" \
         "query=claude%20lefebvre&birth_year_from=1800&birth_year_to=1900" "surname=muller&sex=female" \
         "birth_place=paris&query=marie" "query=jea"; do
  first=$(t "$q")
  total=$(curl -s "$base?$q" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  again=$(for _ in $(seq 1 "$rounds"); do t "$q"; done | stats)
  page3=$(for _ in $(seq 1 "$rounds"); do t "$q&offset=40"; done | stats)
  printf '%-62s %7s found; first %6.1f ms; again %s; offset 40 %s\n' "$q" "$total" "$(python3 -c "print($first*1000)")" "$again" "$page3"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

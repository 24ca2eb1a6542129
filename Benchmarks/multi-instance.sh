#!/usr/bin/env bash
# Two servers on one PostgreSQL database: writes on one (A), reads on the other (B). Measures how
# long B's caches take to follow a write made on A: from A's answer to a new family until B's
# ancestors route (answered from B's in-memory graph) shows the new parent; and from A's answer
# to a logout until B, which checked that token from memory just before, refuses it. Prints
# numbers; asserts nothing.
#
#   Benchmarks/multi-instance.sh [PERSONS] [WRITES]        default: 10000 50
#   GENEWEB_BENCH_POSTGRES_URL=URL ...   use this (empty) database instead of a cluster of its own
#   GENEWEB_BENCH_BINARY=PATH ...        use this binary instead of building the release one
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-10000}
writes=${2:-50}
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-multi-bench.XXXXXX)
chmod 755 "$work"  # the cluster runs as the postgres user
servers=()
cluster=""
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$cluster" ] && scripts/pg-cluster stop "$cluster" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

url=${GENEWEB_BENCH_POSTGRES_URL:-}
if [ -z "$url" ]; then
  cluster="$work/pg"
  scripts/pg-cluster init "$cluster" >/dev/null
  scripts/pg-cluster start "$cluster" >/dev/null
  url=$(scripts/pg-cluster url "$cluster")
fi
echo "machine: $(nproc) cores, $(uname -m); $("$bin" --version); $persons persons, $writes writes; load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" generate --persons "$persons" --output "$work/tree.ged" >/dev/null
"$bin" import "$work/tree.ged" --database-url "$url" >/dev/null

start() { # port
  GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
    GENEWEB_ADMIN_USERNAME=bench GENEWEB_ADMIN_PASSWORD='benchmark passphrase' \
    "$bin" serve --port "$1" --database-url "$url" >"$work/server-$1.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return; sleep 0.1; done
  echo "server on port $1 did not start" >&2; cat "$work/server-$1.log" >&2; exit 1
}
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
a=$(port); start "$a"
b=$(port); start "$b"

python3 - "$a" "$b" "$writes" <<'PY'
import json, sys, time, urllib.request

a, b, writes = f"http://127.0.0.1:{sys.argv[1]}", f"http://127.0.0.1:{sys.argv[2]}", int(sys.argv[3])

def call(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token: request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.load(response)

def metric(base, token, name):
    request = urllib.request.Request(base + "/metrics")
    request.add_header("Authorization", "Bearer " + token)
    total = 0.0
    for line in urllib.request.urlopen(request).read().decode().splitlines():
        if line.startswith(name): total += float(line.rsplit(" ", 1)[1])
    return total

token = call(a, "POST", "/auth/login", {"username": "bench", "password": "benchmark passphrase"})["access_token"]
parent = call(a, "GET", "/api/v1/persons?limit=1&offset=100", token=token)["items"][0]["id"]
# B holds the graph before the writes start.
call(b, "GET", f"/api/v1/genealogy/ancestors/{parent}?max_generations=2", token=token)
builds_before = metric(b, token, 'geneweb_graph_cache_total{result="build"}')

delays = []
for n in range(writes):
    child = call(a, "POST", "/api/v1/persons", {"first_name": f"Follow{n}", "surname": "Instance", "sex": "female"}, token)["id"]
    call(a, "POST", "/api/v1/families", {"parents": [parent], "children_ids": [child]}, token)
    written = time.perf_counter()
    while True:
        ancestors = call(b, "GET", f"/api/v1/genealogy/ancestors/{child}?max_generations=1", token=token)
        if parent in json.dumps(ancestors):
            break
        if time.perf_counter() - written > 30:
            sys.exit(f"B did not follow write {n} within 30 s")
    delays.append((time.perf_counter() - written) * 1000)

builds = metric(b, token, 'geneweb_graph_cache_total{result="build"}') - builds_before
delays.sort()
p = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
print(f"B follows A's write (new family, then B's ancestors route shows it): {len(delays)} writes, "
      f"p50 {p(.5):.1f} ms, p90 {p(.9):.1f} ms, max {delays[-1]:.1f} ms; B's graph builds: {builds:.0f}")

def status(base, path, token):
    try:
        call(base, "GET", path, token=token)
        return 200
    except urllib.error.HTTPError as error:
        return error.code

refusals = []
for n in range(min(writes, 20)):
    session = call(a, "POST", "/auth/login", {"username": "bench", "password": "benchmark passphrase"})["access_token"]
    for _ in range(3):  # B checks the new token and keeps the answer
        assert status(b, "/auth/me", session) == 200
    request = urllib.request.Request(a + "/auth/logout", method="POST", data=b"{}")
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", "Bearer " + session)
    urllib.request.urlopen(request).read()
    logged_out = time.perf_counter()
    while status(b, "/auth/me", session) != 401:
        if time.perf_counter() - logged_out > 30:
            sys.exit(f"B still accepted a token 30 s after its logout on A (round {n})")
    refusals.append((time.perf_counter() - logged_out) * 1000)
refusals.sort()
q = lambda x: refusals[min(len(refusals) - 1, int(x * len(refusals)))]
print(f"B refuses a token logged out on A: {len(refusals)} logouts, p50 {q(.5):.1f} ms, p90 {q(.9):.1f} ms, max {refusals[-1]:.1f} ms")
PY

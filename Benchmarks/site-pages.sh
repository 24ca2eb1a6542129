#!/usr/bin/env bash
# Speed of the web site's pages (docs/site.md) with the release binary on SQLite, and upstream
# GeneWeb's `gwd` beside it on the same synthetic tree (issue 15). Prints numbers; asserts nothing.
#
#   Benchmarks/site-pages.sh [PERSONS] [SECONDS] [--with-gwd]     default: 100000 15
#   GENEWEB_BENCH_GWD=1 Benchmarks/site-pages.sh ...                same as --with-gwd
#   GENEWEB_BENCH_BINARY=/path/to/geneweb Benchmarks/site-pages.sh ... another build (no swift build)
#
# Ours: a synthetic tree (`geneweb generate`, seed 1) imported into base `default`, the server
# started with rate limiting off and logs at warning, an anonymous caller (the privacy rule
# applies; only persons the list API shows in full are used). The first request to a base builds
# its in-memory graph: one pedigree request warms it up before anything is measured.
#   - server time: the `Server-Timing: page;dur=` header over 300 different persons, person page
#     `/b/default/p/{key}` and 5-generation pedigree `/b/default/p/{key}/ancestors?generations=5`,
#     median and p90, with curl's time_total (one connection per request) beside it;
#   - throughput: wrk -t2 -c16 (keep-alive) cycling over 1,000 persons, for the person page, the
#     pedigree and, for comparison, `GET /api/v1/persons/{id}` of the same persons; and ApacheBench
#     (`ab -n 2000 -c 16`, a new connection per request) on the person pages of 5 persons.
# With --with-gwd: upstream GeneWeb 7.1 is built with ../shared/peers/geneweb-ocaml/build.sh (only
# if $GENEWEB_BENCH_GWD_WORK, default /tmp/gw-ocaml, has no gwd yet; the bare git mirrors it needs
# are read from $MIRROR, default /work/.mirror), the same tree.ged is imported with its `ged2gwb`,
# `gwd` is started on a free port (stopped at the end) and its person pages of the same 5 persons
# are measured with `ab -n 300 -c 16` (gwd closes every connection), then a side-by-side table.
# wrk and ApacheBench are installed with apt-get when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
with_gwd=${GENEWEB_BENCH_GWD:-0}
positional=()
for arg in "$@"; do
  case "$arg" in
    --with-gwd) with_gwd=1 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) positional+=("$arg") ;;
  esac
done
persons=${positional[0]:-100000}
seconds=${positional[1]:-15}
gwd_requests=${GENEWEB_BENCH_GWD_REQUESTS:-300}

echo "machine: $(nproc) cores (nproc), $(free -g | awk '/Mem:/{print $2}') GB memory, $(uname -m)"
echo "load average before starting: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! command -v wrk >/dev/null || ! command -v ab >/dev/null; then
  echo "installing wrk and apache2-utils (ab)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk apache2-utils >/dev/null
fi

clock() { date +%s.%N; }
since() { python3 -c "import sys; print('%.1f s' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(clock)"; }

if [ -n "${GENEWEB_BENCH_BINARY:-}" ]; then
  bin=$GENEWEB_BENCH_BINARY
  echo "binary: $bin"
else
  started=$(clock)
  swift build -c release --product geneweb --scratch-path .build-release >/dev/null
  bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/geneweb"
  echo "release build: $(since "$started")"
fi

work=$(mktemp -d /tmp/geneweb-site-bench.XXXXXX)
server=""
gwd=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  [ -n "$gwd" ] && kill "$gwd" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$bin" generate --persons "$persons" --output "$work/tree.ged" >/dev/null
/usr/bin/time -f "import: %e s, peak RSS %M KB" "$bin" import "$work/tree.ged" --data-dir "$work/data" 2>&1 >"$work/import.log" | tail -1

port=$(free_port)
GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
  "$bin" serve --port "$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port"

# 1,000 persons shown in full to an anonymous caller, drawn (seed 1) from ten pages of the list
# spread over the base. persons.tsv: key (URL-escaped), id, first name, surname, occurrence, birth year.
for k in $(seq 0 9); do
  curl -sf "$url/api/v1/persons?limit=1000&offset=$((k * persons / 10))" > "$work/list.$k.json"
done
python3 - "$work"/list.*.json > "$work/persons.tsv" <<'EOF'
import json, random, sys, urllib.parse
rows = []
for name in sys.argv[1:]:
    for p in json.load(open(name))["items"]:
        if "key" not in p: continue   # restricted: {"person_id", "privacy": "restricted"}
        year = ((p.get("birth") or {}).get("date") or {}).get("year") or ""
        rows.append((urllib.parse.quote(p["key"], safe="."), p["id"], p["first_name"], p["surname"], str(p["occurrence"]), str(year)))
random.Random(1).shuffle(rows)
for r in rows[:1000]: print("\t".join(r))
EOF
echo "persons for the measures: $(wc -l < "$work/persons.tsv") (shown in full to an anonymous caller)"
cut -f1 "$work/persons.tsv" > "$work/keys"
cut -f2 "$work/persons.tsv" > "$work/ids"

echo "warm-up, first pedigree request (builds the base's graph): $(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' \
  "$url/b/default/p/$(head -1 "$work/keys")/ancestors?generations=5")"

# Server time (Server-Timing) and client time (curl) of one page per person, one request at a time.
measure() { # label, path suffix (after the key), count
  local label=$1 suffix=$2 count=$3
  head -"$count" "$work/keys" | while read -r key; do
    curl -s -o /dev/null -D - -w 'status %{http_code} total %{time_total}\n' "$url/b/default/p/$key$suffix"
  done | python3 -c '
import re, statistics, sys
label = sys.argv[1]; server = []; client = []; statuses = {}
for line in sys.stdin:
    m = re.match(r"(?i)server-timing: page;dur=([0-9.]+)", line)
    if m: server.append(float(m.group(1)))
    if line.startswith("status "):
        _, code, _, total = line.split()
        statuses[code] = statuses.get(code, 0) + 1; client.append(float(total) * 1000)
def q(v, p):
    v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))] if v else float("nan")
print(f"{label}: {len(client)} persons, statuses {statuses}; Server-Timing median {q(server,.5):.2f} ms, p90 {q(server,.9):.2f} ms, "
      f"p99 {q(server,.99):.2f} ms, max {max(server or [0]):.2f} ms; curl time_total median {q(client,.5):.2f} ms, p90 {q(client,.9):.2f} ms")' "$label"
}
echo
echo "== server time, one request at a time (load average $(cut -d' ' -f1-3 /proc/loadavg))"
measure "person page /b/default/p/{key}" "" 300
measure "pedigree /b/default/p/{key}/ancestors?generations=5" "/ancestors?generations=5" 300

# wrk: each thread cycles over the paths from its own starting point.
lua() { # file of paths → wrk script
  python3 -c '
import json, sys
paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
print("local paths = " + json.dumps(paths).replace("[", "{", 1)[:-1] + "}")' "$1"
  cat <<'EOF'
local threads = 0
function setup(thread) thread:set("start", threads * 500); threads = threads + 1 end
function init(args) i = start or 0 end
function request() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
EOF
}
sed 's|^|/b/default/p/|' "$work/keys" > "$work/person.paths"
sed 's|^|/b/default/p/|; s|$|/ancestors?generations=5|' "$work/keys" > "$work/pedigree.paths"
sed 's|^|/api/v1/persons/|' "$work/ids" > "$work/api.paths"
declare -A wrk_rate
run_wrk() { # name, label
  lua "$work/$1.paths" > "$work/$1.lua"
  echo "-- $2 (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/$1.lua" "$url" > "$work/$1.wrk"
  grep -E "Requests/sec|Non-2xx|Socket errors| 50%| 90%| 99%" "$work/$1.wrk" | sed 's/^ */   /'
  wrk_rate[$1]=$(awk '/Requests\/sec/{print $2}' "$work/$1.wrk")
}
echo
echo "== throughput, wrk -t2 -c16 -d${seconds}s (keep-alive), cycling over $(wc -l < "$work/keys") persons"
run_wrk person "person page"
run_wrk pedigree "pedigree, 5 generations"
run_wrk api "GET /api/v1/persons/{id} (JSON, same persons, for comparison)"

# ab: one URL per run, a new connection per request; mean of the rates over 5 persons.
# Our server answers an HTTP/1.0 request (ab's) as HTTP/1.1 and keeps the connection open unless
# asked to close it, and ab then waits for the close until its timeout: every request says
# `Connection: close` (to gwd too, which closes anyway).
ab_rate() { # requests, URL → req/s (empty if the run failed)
  ab -l -q -n "$1" -c 16 -H "Connection: close" "$2" > "$work/ab.out" 2>&1 || { tail -3 "$work/ab.out" >&2; return 0; }
  local failed non2xx
  failed=$(awk '/Failed requests/{print $3}' "$work/ab.out")
  non2xx=$(awk '/Non-2xx responses/{print $3}' "$work/ab.out")
  echo "   $(awk '/Requests per second/{print $4}' "$work/ab.out") req/s, median $(awk '/^  50%/{print $2}' "$work/ab.out") ms, p99 $(awk '/^  99%/{print $2}' "$work/ab.out") ms, failed ${failed:-?}, non-2xx ${non2xx:-0}: $2" >&2
  awk '/Requests per second/{print $4}' "$work/ab.out"
}
mean() { python3 -c 'import sys; v=[float(x) for x in sys.argv[1:] if x]; print("%.1f" % (sum(v)/len(v)) if v else "n/a")' "$@"; }
echo
echo "== throughput, ab -n 2000 -c 16 (no keep-alive), person pages of 5 persons (load average $(cut -d' ' -f1-3 /proc/loadavg))"
rates=()
while read -r key; do rates+=("$(ab_rate 2000 "$url/b/default/p/$key")"); done < <(head -5 "$work/keys")
ab_ours=$(mean "${rates[@]}")
echo "   mean: $ab_ours req/s"
echo
echo "server: RSS $(( $(ps -o rss= -p "$server") / 1024 )) MB; log lines at warning or above: $(wc -l < "$work/server.log")"
grep -i error "$work/server.log" | head -5 || true
kill "$server"; wait "$server" 2>/dev/null || true; server=""

gwd_rate="n/a"
if [ "$with_gwd" = 1 ]; then
  gwwork=${GENEWEB_BENCH_GWD_WORK:-/tmp/gw-ocaml}
  GW=$gwwork/src/distribution/gw
  echo
  if [ -x "$GW/gwd" ]; then
    echo "== upstream GeneWeb: reusing the build in $gwwork"
  else
    echo "== upstream GeneWeb: building into $gwwork (build.sh build)"
    started=$(clock)
    WORK=$gwwork MIRROR=${MIRROR:-/work/.mirror} "$root/../shared/peers/geneweb-ocaml/build.sh" build
    echo "build: $(since "$started")"
  fi
  echo "gwd: $("$GW/gwd" -version 2>&1 | head -1)"
  mkdir -p "$work/gwd-bases"
  ( cd "$work/gwd-bases" && /usr/bin/time -f "ged2gwb import: %e s, peak RSS %M KB" "$GW/ged2gwb" "$work/tree.ged" -o bench -f >"$work/ged2gwb.log" 2>"$work/ged2gwb.err" ) || { tail "$work/ged2gwb.err"; exit 1; }
  tail -1 "$work/ged2gwb.err"
  gwport=$(free_port)
  # As build.sh serve: gwd binds every address; -only with the IPv4-mapped loopback.
  "$GW/gwd" -hd "$GW" -bd "$work/gwd-bases" -p "$gwport" -only ::ffff:127.0.0.1 -lang en -log "$work/gwd.log" >"$work/gwd.out" 2>&1 &
  gwd=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$gwport/bench" && break; sleep 0.1; done
  # gwd's person URL for the same persons; checked: 200, the person's name in the title, birth year in the page.
  head -5 "$work/persons.tsv" | python3 -c '
import sys, urllib.parse
for line in sys.stdin:
    key, _, first, surname, occ, year = line.rstrip("\n").split("\t")
    q = urllib.parse.urlencode({"lang": "en", "p": first, "n": surname, "oc": occ})
    print(f"{q}\t{first} {surname}\t{year}")' > "$work/gwd.persons"
  gwd_urls=()
  while IFS=$'\t' read -r query name year; do
    page_url="http://127.0.0.1:$gwport/bench?$query"
    code=$(curl -s -o "$work/gwd.html" -w '%{http_code}' "$page_url")
    title=$(grep -o '<title>[^<]*</title>' "$work/gwd.html" | head -1)
    if [ "$code" = 200 ] && python3 -c 'import html, sys; sys.exit(0 if sys.argv[1].lower() in html.unescape(sys.argv[2]).lower() else 1)' "$name" "$title"; then
      [ -n "$year" ] && grep -q "$year" "$work/gwd.html" && same="birth year $year on the page" || same="birth year $year NOT on the page (another occurrence?)"
      echo "gwd person page ok: $title, $same"
      gwd_urls+=("$page_url")
    else
      echo "gwd person page NOT rendered ($code, $title): $page_url"
    fi
  done < "$work/gwd.persons"
  echo "gwd one request at a time (curl time_total, 20 requests over these persons): $(
    for i in $(seq 1 4); do for u in "${gwd_urls[@]}"; do curl -s -o /dev/null -w '%{time_total}\n' "$u"; done; done |
      python3 -c 'import statistics,sys; v=[float(x)*1000 for x in sys.stdin]; print("median %.1f ms" % statistics.median(v))')"
  echo "== gwd throughput, ab -n $gwd_requests -c 16 (gwd closes each connection) (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  rates=()
  for u in "${gwd_urls[@]}"; do rates+=("$(ab_rate "$gwd_requests" "$u")"); done
  gwd_rate=$(mean "${rates[@]}")
  echo "   mean: $gwd_rate req/s"
  grep -ciE "error|exception" "$work/gwd.log" | sed 's/^/gwd log lines with error or exception: /' || true
  kill "$gwd"; wait "$gwd" 2>/dev/null || true; gwd=""
else
  echo
  echo "gwd: skipped (pass --with-gwd or set GENEWEB_BENCH_GWD=1 to build upstream GeneWeb and measure it too)"
fi

echo
echo "== person pages, $persons persons, 16 connections on $(nproc) cores"
python3 - "${wrk_rate[person]}" "$ab_ours" "$gwd_rate" <<'EOF'
import sys
wrk, ab, gwd = sys.argv[1:]
def ratio(x):
    try: return "%.0f×" % (float(x) / float(gwd))
    except (ValueError, ZeroDivisionError): return "n/a"
print("| server | req/s | × gwd |")
print("|---|---:|---:|")
print(f"| ours, wrk -c16 (keep-alive) | {float(wrk):,.0f} | {ratio(wrk)} |")
print(f"| ours, ab -c16 (no keep-alive) | {ab} | {ratio(ab)} |")
print(f"| gwd, ab -c16 (no keep-alive) | {gwd} | 1× |" if gwd != "n/a" else "| gwd | not measured (--with-gwd) | |")
EOF

#!/usr/bin/env bash
# Side by side, in one run: our server against upstream GeneWeb 7.1 (OCaml) and Gramps Web API on
# the same files, with ratios (issue 17). Prints numbers; asserts nothing.
#
#   Benchmarks/compare.sh [PERSONS] [--runs N] [--seconds S] [--no-geneweb] [--no-gramps]
#     PERSONS      size of the synthetic tree (`geneweb generate --persons PERSONS`, seed 1); 100000
#     --runs N     runs of each import and export, alternating ours and GeneWeb's; the median is kept (3)
#     --seconds S  length of each wrk run (15)
#     --no-geneweb, --no-gramps   leave a peer out (a peer that is missing is left out with a message)
#   GENEWEB_BENCH_BINARY=/path/to/geneweb   another build of ours (no swift build)
#   GENEWEB_OCAML_BIN=DIR    GeneWeb's binaries (default /tmp/gw-ocaml/src/distribution/gw); when
#                            missing they are built with ../shared/peers/geneweb-ocaml/build.sh from
#                            the bare git mirrors in $MIRROR (default /work/.mirror)
#   GRAMPS_PEER_DIR=DIR      Gramps Web API's venv and tree (default /tmp/gramps-peer), installed and
#                            served on royal92 by ../shared/peers/gramps-web/run.sh
#
# What is measured (ours: release build in .build-release, SQLite, rate limiting off, logs at warning):
#   1. import of the synthetic GEDCOM: `geneweb import` vs GeneWeb's `ged2gwb` (wall and CPU time
#      from /usr/bin/time, median of N runs);
#   2. export of that base as GEDCOM 5.5.1: `geneweb export` vs `gwb2ged`;
#   3. person pages of the synthetic base, anonymous: our `/b/default/p/{key}` vs gwd's page of the
#      same 5 persons, ApacheBench `ab -c 16` (gwd closes every connection, so no keep-alive for
#      either), mean rate over the 5 persons;
#   4. GET one person cycling over every person of royal92, wrk -t2 -c16: ours
#      `GET /api/v1/persons/{id}` anonymous and signed in (admin token) vs Gramps Web API
#      `GET /api/people/{handle}` signed in (it serves no anonymous reads);
#   5. relationship of two persons, one request at a time (curl), p50 over 50 pairs of royal92
#      persons found by name in each system: ours `/api/v1/genealogy/relationship/{id}/{id}`,
#      Gramps `/api/relations/{handle}/{handle}`, gwd's relationship page (`em=R`).
# Gramps Web serves royal92 only: its import of a 100,000-person file takes about 5 minutes.
# wrk, ApacheBench and GNU time are installed with apt-get when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
peers=$root/../shared/peers
corpus=${GENEWEB_CORPUS_DIR:-$root/../shared/corpus}

persons=100000
runs=3
seconds=15
with_geneweb=1
with_gramps=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift ;;
    --no-geneweb) with_geneweb=0 ;;
    --no-gramps) with_gramps=0 ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) persons=$1 ;;
  esac
  shift
done
royal=$corpus/royal92.ged
[ -f "$royal" ] || { echo "royal92.ged not found in $corpus (set GENEWEB_CORPUS_DIR)" >&2; exit 1; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -m); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average before starting: $(load)"
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v ab >/dev/null || missing+=(apache2-utils)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

source Benchmarks/release-binary.sh
echo "ours: $bin ($("$bin" --version))"

work=$(mktemp -d /tmp/geneweb-compare.XXXXXX)
server=""
gwd=""
gramps=""
end_process() { # PID (may be empty)
  if [ -n "$1" ]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  end_process "$server"; end_process "$gwd"; end_process "$gramps"
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- peers ----------------------------------------------------------------------------------------
gw=${GENEWEB_OCAML_BIN:-/tmp/gw-ocaml/src/distribution/gw}
if [ "$with_geneweb" = 1 ] && [ ! -x "$gw/gwd" ]; then
  if [ -z "${GENEWEB_OCAML_BIN:-}" ] && [ -d "${MIRROR:-/work/.mirror}/geneweb+geneweb/repo" ]; then
    echo "== building upstream GeneWeb with build.sh (about 2 minutes)"
    MIRROR=${MIRROR:-/work/.mirror} "$peers/geneweb-ocaml/build.sh" build >"$work/gw-build.log" 2>&1 \
      || { tail -5 "$work/gw-build.log"; }
  fi
  if [ ! -x "$gw/gwd" ]; then
    echo "GeneWeb SKIPPED: $gw/gwd is missing and could not be built. Build it with"
    echo "  MIRROR=/path/to/mirrors ../shared/peers/geneweb-ocaml/build.sh build   (see ../shared/peers/README.md)"
    echo "or set GENEWEB_OCAML_BIN; pass --no-geneweb to leave it out."
    with_geneweb=0
  fi
fi
[ "$with_geneweb" = 1 ] && echo "GeneWeb: $gw ($("$gw/gwd" -version 2>&1 | head -1))"
if [ "$with_gramps" = 1 ] && [ ! -x "$peers/gramps-web/run.sh" ]; then
  echo "Gramps Web SKIPPED: $peers/gramps-web/run.sh is missing; pass --no-gramps to leave it out."
  with_gramps=0
fi

# --- 1 and 2: import and export ---------------------------------------------------------------------
"$bin" generate --persons "$persons" --seed 1 --output "$work/tree.ged" >/dev/null
echo "synthetic tree: $persons persons, $(( $(stat -c %s "$work/tree.ged") / 1024 / 1024 )) MB"
declare -A times   # "step side run" → "wall cpu rss"
timed() { # key, folder, command...: runs the command in the folder, records wall, user+sys and peak RSS
  local key=$1 folder=$2; shift 2
  (cd "$folder" && exec /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@") >"$work/cmd.out" 2>"$work/cmd.err" \
    || { echo "FAILED: $*"; tail -5 "$work/cmd.err"; exit 1; }
  times[$key]=$(awk '{ printf "%s %.2f %d", $1, $2 + $3, $4 / 1024 }' "$work/time")
}
mkdir -p "$work/gw"
echo
echo "== import and export, $runs runs each, alternating (load average $(load))"
for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  timed "import ours $i" "$work" "$bin" import "$work/tree.ged" --data-dir "$work/data"
  echo "  run $i import  ours:    ${times[import ours $i]}  (wall s, CPU s, peak RSS MB)"
  if [ "$with_geneweb" = 1 ]; then
    timed "import gw $i" "$work/gw" "$gw/ged2gwb" "$work/tree.ged" -o bench -f
    echo "  run $i import  GeneWeb: ${times[import gw $i]}"
  fi
done
for i in $(seq 1 "$runs"); do
  timed "export ours $i" "$work" "$bin" export --data-dir "$work/data" --output "$work/ours.ged"
  echo "  run $i export  ours:    ${times[export ours $i]}"
  if [ "$with_geneweb" = 1 ]; then
    timed "export gw $i" "$work/gw" "$gw/gwb2ged" bench -o "$work/gw.ged"
    echo "  run $i export  GeneWeb: ${times[export gw $i]}"
  fi
done
echo "  exported files: ours $(grep -c '^0 @[^@]*@ INDI' "$work/ours.ged") persons, $(( $(stat -c %s "$work/ours.ged") / 1024 / 1024 )) MB$(
  [ "$with_geneweb" = 1 ] && echo "; GeneWeb $(grep -c '^0 @[^@]*@ INDI' "$work/gw.ged") persons, $(( $(stat -c %s "$work/gw.ged") / 1024 / 1024 )) MB")"
median_of() { # step side field(1 wall, 2 cpu, 3 rss)
  local step=$1 side=$2 field=$3 i
  for i in $(seq 1 "$runs"); do echo "${times[$step $side $i]:-}" | awk -v f="$field" 'NF { print $f }'; done |
    python3 -c 'import statistics, sys; v = [float(x) for x in sys.stdin if x.strip()]; print("%.2f" % statistics.median(v) if v else "")'
}

# --- 3: person pages with ApacheBench -------------------------------------------------------------
start_ours() { # data dir → sets server and url
  local port
  port=$(free_port)
  GENEWEB_LOG_LEVEL=warning GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE=0 \
    GENEWEB_SECURITY_SECRET_KEY=benchmark-secret-key-of-at-least-32-bytes \
    GENEWEB_ADMIN_USERNAME=benchadmin GENEWEB_ADMIN_PASSWORD=compare-bench-passphrase-2026 \
    "$bin" serve --port "$port" --data-dir "$1" >"$work/server.log" 2>&1 &
  server=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do curl -sf "$url/health/" >/dev/null && return 0; sleep 0.1; done
  echo "our server did not start:"; tail -5 "$work/server.log"; exit 1
}
start_gwd() { # bases folder → sets gwd and gwurl
  local port
  port=$(free_port)
  # As build.sh serve: gwd binds every address; -only with the IPv4-mapped loopback.
  "$gw/gwd" -hd "$gw" -bd "$1" -p "$port" -only ::ffff:127.0.0.1 -lang en -log "$work/gwd.log" >"$work/gwd.out" 2>&1 &
  gwd=$!
  gwurl="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -s -o /dev/null "$gwurl/" && return 0; sleep 0.1; done
  echo "gwd did not start:"; tail -5 "$work/gwd.out"; exit 1
}
ab_rate() { # requests, URL → req/s on stdout, details on stderr
  ab -l -q -n "$1" -c 16 -H "Connection: close" "$2" >"$work/ab.out" 2>&1 || { tail -3 "$work/ab.out" >&2; return 0; }
  echo "   $(awk '/Requests per second/{print $4}' "$work/ab.out") req/s, median $(awk '/^  50%/{print $2}' "$work/ab.out") ms, p99 $(awk '/^  99%/{print $2}' "$work/ab.out") ms, failed $(awk '/Failed requests/{print $3}' "$work/ab.out"), non-2xx $(awk '/Non-2xx responses/{n = $3} END {print n + 0}' "$work/ab.out"): $2" >&2
  awk '/Requests per second/{print $4}' "$work/ab.out"
}
mean() { python3 -c 'import sys; v=[float(x) for x in sys.argv[1:] if x]; print("%.1f" % (sum(v)/len(v)) if v else "")' "$@"; }

start_ours "$work/data"
# 5 persons shown in full to an anonymous caller, from the middle of the base (seeded choice).
curl -sf "$url/api/v1/persons?limit=1000&offset=$((persons / 2))" >"$work/list.json"
python3 - "$work/list.json" >"$work/pages.tsv" <<'EOF'
import json, random, sys, urllib.parse
rows = [p for p in json.load(open(sys.argv[1]))["items"] if "key" in p]
random.Random(1).shuffle(rows)
for p in rows[:5]:
    year = ((p.get("birth") or {}).get("date") or {}).get("year") or ""
    print("\t".join([urllib.parse.quote(p["key"], safe="."), p["first_name"], p["surname"], str(p["occurrence"]), str(year)]))
EOF
curl -s -o /dev/null "$url/b/default/p/$(head -1 "$work/pages.tsv" | cut -f1)"   # builds the base's graph
echo
echo "== person pages, $persons persons, ab -n 2000 -c 16, 5 persons (load average $(load))"
rates=()
while IFS=$'\t' read -r key _; do rates+=("$(ab_rate 2000 "$url/b/default/p/$key")"); done <"$work/pages.tsv"
pages_ours=$(mean "${rates[@]}")
echo "   ours, mean: $pages_ours req/s"
end_process "$server"; server=""
pages_gw=""
if [ "$with_geneweb" = 1 ]; then
  start_gwd "$work/gw"
  echo "-- gwd, ab -n 300 -c 16 (load average $(load))"
  rates=()
  while IFS=$'\t' read -r _ first surname occ year; do
    query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlencode({"lang": "en", "p": sys.argv[1], "n": sys.argv[2], "oc": sys.argv[3]}))' "$first" "$surname" "$occ")
    page="$gwurl/bench?$query"
    if [ "$(curl -s -o "$work/gwd.html" -w '%{http_code}' "$page")" = 200 ] && grep -qi "$surname" "$work/gwd.html" \
        && { [ -z "$year" ] || grep -q "$year" "$work/gwd.html"; }; then
      rates+=("$(ab_rate 300 "$page")")
    else
      echo "   gwd page not found or not the same person, left out: $page"
    fi
  done <"$work/pages.tsv"
  pages_gw=$(mean "${rates[@]}")
  echo "   gwd, mean: ${pages_gw:-n/a} req/s"
  end_process "$gwd"; gwd=""
fi

# --- 4 and 5: royal92, GET person and relationship ----------------------------------------------
echo
echo "== royal92 ($(grep -c '^0 @[^@]*@ INDI' "$royal") persons): GET person, wrk -t2 -c16 -d${seconds}s cycling over every person"
"$bin" import "$royal" --data-dir "$work/royal" >"$work/royal-import.log" 2>&1
start_ours "$work/royal"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"benchadmin","password":"compare-bench-passphrase-2026"}' \
  "$url/auth/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
# Every person (as admin), with the names used to find the same persons in the other systems.
for offset in $(seq 0 1000 5000); do
  curl -sf -H "Authorization: Bearer $token" "$url/api/v1/persons?limit=1000&offset=$offset"
  echo
done | python3 -c '
import json, sys
for line in sys.stdin:
    if not line.strip(): continue
    for p in json.loads(line)["items"]:
        print("\t".join([p["id"], p.get("first_name") or "", p.get("surname") or "", str(p.get("occurrence", 0))]))' >"$work/royal.tsv"
echo "ours: $(wc -l <"$work/royal.tsv") persons"
wrk_script() { # file of paths → wrk Lua script on stdout; each thread starts at its own place
  python3 -c '
import json, sys
paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
print("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}")' "$1"
  cat <<'EOF'
local threads = 0
function setup(thread) thread:set("start", threads * 1000); threads = threads + 1 end
function init(args) i = start or 0 end
function request() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
EOF
}
declare -A rate latency
run_wrk() { # name, label, base URL, wrk arguments...
  local name=$1 label=$2 target=$3; shift 3
  echo "-- $label (load average $(load))"
  wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/$name.lua" "$@" "$target" >"$work/$name.wrk"
  grep -E "Requests/sec|Non-2xx|Socket errors| 50%| 99%" "$work/$name.wrk" | sed 's/^ */   /'
  rate[$name]=$(awk '/Requests\/sec/{print $2}' "$work/$name.wrk")
  latency[$name]=$(awk '$1 == "50%" {print $2}' "$work/$name.wrk")
}
cut -f1 "$work/royal.tsv" | sed 's|^|/api/v1/persons/|' >"$work/ours.paths"
wrk_script "$work/ours.paths" >"$work/ours.lua"
cp "$work/ours.lua" "$work/ours-auth.lua"
run_wrk ours "ours, GET /api/v1/persons/{id}, anonymous" "$url"
run_wrk ours-auth "ours, GET /api/v1/persons/{id}, signed in (admin)" "$url" -H "Authorization: Bearer $token"

gramps_token=""
if [ "$with_gramps" = 1 ]; then
  gport=$(free_port)
  gurl="http://127.0.0.1:$gport"
  echo "-- Gramps Web API: run.sh $gport (installs into ${GRAMPS_PEER_DIR:-/tmp/gramps-peer} the first time: minutes)"
  # Gramps keeps answers (relationships, GET person, ...) in a cache on disk across restarts, and
  # the pairs below are the same in every run: emptied so that its first answers are computed.
  rm -rf "${GRAMPS_PEER_DIR:-/tmp/gramps-peer}/data/request_cache"
  "$peers/gramps-web/run.sh" "$gport" >"$work/gramps.log" 2>&1 &
  gramps=$!
  for _ in $(seq 1 1800); do
    curl -s -o /dev/null "$gurl/api/" && break
    kill -0 "$gramps" 2>/dev/null || break
    sleep 0.5
  done
  gramps_token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"owner","password":"pass"}' "$gurl/api/token/" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])' 2>/dev/null || true)
  if [ -z "$gramps_token" ]; then
    echo "Gramps Web SKIPPED: it did not start or sign in (last lines of its log below); pass --no-gramps to leave it out."
    tail -5 "$work/gramps.log"
    with_gramps=0
    end_process "$gramps"; gramps=""
  else
    curl -sf -H "Authorization: Bearer $gramps_token" "$gurl/api/people/?keys=handle,primary_name" | python3 -c '
import json, sys
for p in json.load(sys.stdin):
    name = p.get("primary_name") or {}
    surnames = [s.get("surname", "") for s in name.get("surname_list") or []]
    print("\t".join([p["handle"], name.get("first_name", ""), " ".join(s for s in surnames if s)]))' >"$work/gramps.tsv"
    echo "Gramps: $(wc -l <"$work/gramps.tsv") persons"
    cut -f1 "$work/gramps.tsv" | sed 's|^|/api/people/|' >"$work/gramps.paths"
    wrk_script "$work/gramps.paths" >"$work/gramps.lua"
    run_wrk gramps "Gramps Web API, GET /api/people/{handle}, signed in" "$gurl" -H "Authorization: Bearer $gramps_token"
  fi
fi

# Relationship: 50 pairs of persons whose first name and surname are unique in each system that
# takes part (so the same persons everywhere), drawn with seed 1.
python3 - "$work/royal.tsv" "$work/gramps.tsv" >"$work/pairs.tsv" <<'EOF'
import collections, os, random, sys
def unique(path, key, value):
    if not os.path.exists(path): return None
    rows = [line.rstrip("\n").split("\t") for line in open(path)]
    count = collections.Counter(key(r) for r in rows)
    return {key(r): value(r) for r in rows if count[key(r)] == 1 and key(r)[0] and key(r)[1]}
ours = unique(sys.argv[1], lambda r: (r[1], r[2]), lambda r: (r[0], r[3]))
gramps = unique(sys.argv[2], lambda r: (r[1], r[2]), lambda r: r[0]) or {}
names = sorted(n for n in ours if not gramps or n in gramps)
rng = random.Random(1)
for _ in range(50):
    a, b = rng.sample(names, 2)
    print("\t".join([ours[a][0], ours[b][0], gramps.get(a, ""), gramps.get(b, ""), a[0], a[1], ours[a][1], b[0], b[1], ours[b][1]]))
EOF
p50() { python3 -c 'import statistics, sys; v = [float(x) * 1000 for x in sys.stdin if x.strip()]; print("%.1f" % statistics.median(v) if v else "")'; }
echo
echo "== relationship, 50 pairs of royal92 persons found by name in each system, one request at a time (load average $(load))"
first_pair=$(head -1 "$work/pairs.tsv")
curl -s -o /dev/null -H "Authorization: Bearer $token" "$url/api/v1/genealogy/relationship/$(cut -f1 <<<"$first_pair")/$(cut -f2 <<<"$first_pair")"   # graph
rel_ours=$(while IFS=$'\t' read -r a b _; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$url/api/v1/genealogy/relationship/$a/$b"
done <"$work/pairs.tsv" | tee "$work/rel-ours" | awk '$1 == 200 { print $2 }' | p50)
echo "   ours: p50 $rel_ours ms ($(awk '$1 == 200' "$work/rel-ours" | wc -l) answered 200)"
end_process "$server"; server=""
rel_gramps=""
if [ "$with_gramps" = 1 ]; then
  rel_gramps=$(while IFS=$'\t' read -r _ _ a b _; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $gramps_token" "$gurl/api/relations/$a/$b"
  done <"$work/pairs.tsv" | tee "$work/rel-gramps" | awk '$1 == 200 { print $2 }' | p50)
  echo "   Gramps Web API /api/relations/{h1}/{h2}: p50 ${rel_gramps:-n/a} ms ($(awk '$1 == 200' "$work/rel-gramps" | wc -l) answered 200)"
  end_process "$gramps"; gramps=""
fi
rel_gw=""
if [ "$with_geneweb" = 1 ]; then
  mkdir -p "$work/gw-royal"
  (cd "$work/gw-royal" && "$gw/ged2gwb" "$royal" -o royal92 -f >"$work/gw-royal.log" 2>&1)
  start_gwd "$work/gw-royal"
  # gwd finds the persons by first name, surname and occurrence number (ep/en/eoc and p/n/oc).
  python3 - "$work/pairs.tsv" >"$work/gw-pairs" <<'EOF'
import sys, urllib.parse
for line in open(sys.argv[1]):
    r = line.rstrip("\n").split("\t")
    print(urllib.parse.urlencode({"lang": "en", "em": "R", "ep": r[4], "en": r[5], "eoc": r[6], "p": r[7], "n": r[8], "oc": r[9]}))
EOF
  rel_gw=$(while read -r query; do
    curl -s -o "$work/gw-rel.html" -w '%{http_code} %{time_total}\n' "$gwurl/royal92?$query" | {
      read -r code total
      # gwd's relationship page is titled "Relationship (…)"; a person it cannot find gets 404 "Not found".
      if [ "$code" = 200 ] && grep -q '<title>Relationship' "$work/gw-rel.html"; then
        echo "ok $total"
      else
        echo "bad $total"
      fi
    }
  done <"$work/gw-pairs" | tee "$work/rel-gw" | awk '$1 == "ok" { print $2 }' | p50)
  echo "   gwd em=R page: p50 ${rel_gw:-n/a} ms ($(grep -c '^ok' "$work/rel-gw" || true) pages with a relationship)"
  end_process "$gwd"; gwd=""
fi

# --- table --------------------------------------------------------------------------------------
echo
echo "== side by side ($persons-person synthetic tree; royal92; $(nproc) cores; load average now $(load))"
python3 - <<EOF
def f(x):
    try: return float(x)
    except (TypeError, ValueError): return None
def ratio(ours, peer, lower_is_better, word):
    o, p = f(ours), f(peer)
    if o is None or p is None or o == 0 or p == 0: return "n/a"
    r = o / p
    better = (r < 1) if lower_is_better else (r > 1)
    times = max(r, 1 / r)
    return "%.3g (%s %.1f× %s)" % (r, "ours" if better else "peer", times, word)
rows = [
  ("import, wall s (median of $runs)", "$(median_of import ours 1)", "$(median_of import gw 1)", "", True, "faster"),
  ("import, CPU s (user+sys)", "$(median_of import ours 2)", "$(median_of import gw 2)", "", True, "faster"),
  ("import, peak RSS MB", "$(median_of import ours 3)", "$(median_of import gw 3)", "", True, "smaller"),
  ("export GEDCOM 5.5.1, wall s", "$(median_of export ours 1)", "$(median_of export gw 1)", "", True, "faster"),
  ("export GEDCOM 5.5.1, CPU s", "$(median_of export ours 2)", "$(median_of export gw 2)", "", True, "faster"),
  ("person page, ab -c16, req/s", "$pages_ours", "$pages_gw", "", False, "faster"),
  ("royal92 GET person, wrk -c16, anonymous, req/s", "${rate[ours]:-}", "", "", False, "faster"),
  ("royal92 GET person, wrk -c16, signed in, req/s", "${rate[ours-auth]:-}", "", "${rate[gramps]:-}", False, "faster"),
  ("royal92 relationship, p50 ms (50 pairs)", "$rel_ours", "$rel_gw", "$rel_gramps", True, "faster"),
]
print("| measure | ours | GeneWeb 7.1 | ours ÷ GeneWeb | Gramps Web API | ours ÷ Gramps |")
print("|---|---:|---:|---:|---:|---:|")
for label, ours, gw, gramps, lower, word in rows:
    print(f"| {label} | {ours or 'n/a'} | {gw or '—'} | {ratio(ours, gw, lower, word) if gw else '—'} | {gramps or '—'} | {ratio(ours, gramps, lower, word) if gramps else '—'} |")
EOF
echo "(ratios are ours ÷ peer: below 1 is better for times, above 1 for rates; wrk p50 latency ours anonymous ${latency[ours]:-?}, signed in ${latency[ours-auth]:-?}, Gramps ${latency[gramps]:-—})"

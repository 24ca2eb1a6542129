#!/usr/bin/env bash
# Import and export throughput with the release binary, on SQLite (and PostgreSQL when
# GENEWEB_BENCH_POSTGRES_URL is set). Prints numbers; asserts nothing.
#
#   Benchmarks/import-export.sh [PERSONS...]      default: 10000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

swift build -c release --product geneweb --scratch-path .build-release >/dev/null
bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/geneweb"
work=$(mktemp -d /tmp/geneweb-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() { # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null
  end=$(date +%s.%N)
  printf '%-48s %8.2f s  peak RSS %6d MB\n' "$label" "$(echo "$end - $start" | bc)" "$(( $(cat "$work/rss") / 1024 ))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -m); $("$bin" --version)"
for n in "${sizes[@]}"; do
  file="$work/synthetic-$n.ged"
  measure "generate $n persons" "$bin" generate --persons "$n" --output "$file"
  echo "  file: $(( $(stat -c %s "$file") / 1024 / 1024 )) MB"
  # Reading alone (the import's reader, nothing written): its own report gives MB/s.
  echo "  read: $("$bin" check "$file" | head -1 | sed 's/.*read in //')"
  measure "import $n persons (SQLite)" "$bin" import "$file" --data-dir "$work/sqlite-$n"
  measure "export $n persons as GEDCOM 5.5.1 (SQLite)" "$bin" export --data-dir "$work/sqlite-$n" --output "$work/out-$n.ged"
  if [ -n "${GENEWEB_BENCH_POSTGRES_URL:-}" ]; then
    measure "import $n persons (PostgreSQL)" "$bin" import "$file" --base "bench$n" --replace --database-url "$GENEWEB_BENCH_POSTGRES_URL"
    measure "export $n persons (PostgreSQL)" "$bin" export --base "bench$n" --database-url "$GENEWEB_BENCH_POSTGRES_URL" --output "$work/pg-$n.ged"
  fi
done
if [ -d ../shared/corpus ]; then
  echo "  read Queen.ged: $("$bin" check ../shared/corpus/Queen.ged | head -1 | sed 's/.*read in //')"
  measure "import Queen.ged (4,683 persons, SQLite)" "$bin" import ../shared/corpus/Queen.ged --data-dir "$work/queen"
  if [ -n "${GENEWEB_BENCH_POSTGRES_URL:-}" ]; then
    measure "import Queen.ged (PostgreSQL)" "$bin" import ../shared/corpus/Queen.ged --base queen --replace --database-url "$GENEWEB_BENCH_POSTGRES_URL"
  fi
fi

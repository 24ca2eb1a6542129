#!/usr/bin/env bash
# Backup, verify and restore with the release binary (issue 19): a synthetic base of N persons is
# imported into SQLite, then `geneweb backup`, `geneweb restore --verify` and `geneweb restore`
# into an empty SQLite folder (and into PostgreSQL when GENEWEB_BENCH_POSTGRES_URL is set: the
# move from the embedded default). Prints wall time, peak RSS and the archive's size; asserts
# nothing.
#
#   Benchmarks/backup-restore.sh [PERSONS...]      default: 10000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-bench-backup.XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() { # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null
  end=$(date +%s.%N)
  printf '%-50s %8.2f s  peak RSS %6d MB\n' "$label" "$(echo "$end - $start" | bc)" "$(( $(cat "$work/rss") / 1024 ))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; $("$bin" --version)"
for n in "${sizes[@]}"; do
  "$bin" generate --persons "$n" --output "$work/tree-$n.ged" >/dev/null
  "$bin" import "$work/tree-$n.ged" --data-dir "$work/sqlite-$n" >/dev/null
  echo "$n persons: SQLite file $(( $(stat -c %s "$work/sqlite-$n/geneweb.sqlite") / 1024 / 1024 )) MB"
  measure "backup $n persons (SQLite)" "$bin" backup --data-dir "$work/sqlite-$n" --output "$work/base-$n.gwbackup"
  echo "  archive: $(( $(stat -c %s "$work/base-$n.gwbackup") / 1024 / 1024 )) MB"
  measure "verify the archive" "$bin" restore "$work/base-$n.gwbackup" --verify --data-dir "$work/unused-$n"
  measure "restore into an empty SQLite folder" "$bin" restore "$work/base-$n.gwbackup" --data-dir "$work/restored-$n"
  if [ -n "${GENEWEB_BENCH_POSTGRES_URL:-}" ]; then
    measure "restore into PostgreSQL (--replace)" "$bin" restore "$work/base-$n.gwbackup" --replace --database-url "$GENEWEB_BENCH_POSTGRES_URL"
    measure "backup $n persons (PostgreSQL)" "$bin" backup --database-url "$GENEWEB_BENCH_POSTGRES_URL" --output "$work/pg-$n.gwbackup"
  fi
done

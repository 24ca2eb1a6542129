#!/usr/bin/env bash
# Does reading stay linear in the size of the file (issue 14)? Times `geneweb check` (the
# import's reader alone, nothing written) on GEDCOM files made to stress the two slow paths found:
# a NOTE continued over 10k / 40k / 160k CONT lines (and as many CONC lines), and one note line
# of 1 / 4 / 16 MB in a UTF-8 file and in an ANSEL file (CHAR ANSEL, with a combining accent every
# few characters so the decoder has work to do). Linear means: four times the input, about four
# times the time. Prints wall time and peak RSS for each; asserts nothing.
#
#   Benchmarks/reading-scaling.sh
#   GENEWEB_BENCH_BINARY=/path/to/geneweb Benchmarks/reading-scaling.sh   (another build)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/release-binary.sh
work=$(mktemp -d /tmp/geneweb-bench-reading.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores; $("$bin" --version)"

# A file with one person and one NOTE record whose text is continued over N lines of ~200 bytes.
continued() { # tag lines file
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
tag, lines, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = "Extrait du registre paroissial de Saint-Pierre, transcrit ligne à ligne pour la base " * 2
with open(path, "w", encoding="utf-8") as out:
    out.write("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Jean /Dupont/\n1 NOTE @N1@\n")
    out.write("0 @N1@ NOTE début\n")
    for i in range(lines):
        out.write(f"1 {tag} {i} {text[:190]}\n")
    out.write("0 TRLR\n")
EOF
}

# A file whose one note line holds SIZE bytes of text, in UTF-8 or in ANSEL.
long_line() { # charset megabytes file
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
charset, megabytes, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
size = megabytes * 1024 * 1024
if charset == "ANSEL":
    # ANSEL puts the combining mark before its letter: 0xE2 is the acute accent ("é" = E2 65).
    chunk = b"Ren" + b"\xe2e" + b" de la Vall" + b"\xe2e" + b"e, "
    header = b"1 CHAR ANSEL\n"
else:
    chunk = "René de la Vallée, ".encode("utf-8")
    header = b"1 CHAR UTF-8\n"
body = (chunk * (size // len(chunk) + 1))[:size]
with open(path, "wb") as out:
    out.write(b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n" + header + b"0 @I1@ INDI\n1 NAME Jean /Dupont/\n1 NOTE ")
    out.write(body)
    out.write(b"\n0 TRLR\n")
EOF
}

measure() { # label file
  local size
  size=$(( $(stat -c %s "$2") / 1024 ))
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check "$2" >/dev/null 2>"$work/err" || { echo "$1: check failed"; cat "$work/err"; return; }
  read -r seconds kilobytes <"$work/time"
  printf '%-34s %8d KB  %7.2f s  %6d MB RSS\n' "$1" "$size" "$seconds" "$((kilobytes / 1024))"
}

for tag in CONT CONC; do
  for lines in 10000 40000 160000; do
    continued "$tag" "$lines" "$work/note.ged"
    measure "NOTE with $lines $tag lines" "$work/note.ged"
  done
done
for charset in UTF-8 ANSEL; do
  for megabytes in 1 4 16; do
    long_line "$charset" "$megabytes" "$work/line.ged"
    measure "one $megabytes MB line, $charset" "$work/line.ged"
  done
done

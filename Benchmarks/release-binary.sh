# Sourced by the benchmark scripts, from the package's root: sets `bin` to the geneweb binary to
# measure, `GENEWEB_BENCH_BINARY` when set (another build, no swift build), else this checkout's
# release build in .build-release, built first.
if [ -n "${GENEWEB_BENCH_BINARY:-}" ]; then
  bin=$GENEWEB_BENCH_BINARY
else
  swift build -c release --product geneweb --scratch-path .build-release >/dev/null
  bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/geneweb"
fi

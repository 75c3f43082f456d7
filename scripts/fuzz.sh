#!/bin/sh
# Runs one libFuzzer target of tests/fuzz for SECONDS in one process (one core):
#   scripts/fuzz.sh units|load|locate SECONDS
# Builds build-fuzz/ (clang, ASan + UBSan) if needed.  The seed corpus is
# made from tests/bad/ and data/examples/; new inputs go to
# BUILD/corpus-TARGET, crashes, leaks and timeouts to BUILD/findings-TARGET/
# (BUILD: build-fuzz, or $FUZZ_BUILD).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh units|load|locate SECONDS}
seconds=${2:?usage: scripts/fuzz.sh units|load|locate SECONDS}
case $target in units|load|locate) ;; *) echo "unknown target $target" >&2; exit 2 ;; esac
build=${FUZZ_BUILD:-build-fuzz}
if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" -Dfuzz=true -Dtests=false -Dgui=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debugoptimized
fi
ninja -C "$build" -j1 "tests/fuzz/fuzz-$target" >/dev/null

# Seeds: the bad and example studies; for the unit parser, their quoted
# strings; for the locator, "PATH\nVALUE\nSOURCE" with paths of the file.
seeds="$build/seeds-$target"
rm -rf "$seeds"
findings="$build/findings-$target"
mkdir -p "$seeds" "$build/corpus-$target" "$findings"
for f in tests/bad/*.lua data/examples/*.lua; do
  b=$(basename "$f" .lua)
  case $target in
    load) cp "$f" "$seeds/$b" ;;
    units) grep -o '"[^"]*"' "$f" | tr -d '"' | sort -u | split -l 1 - "$seeds/$b-" ;;
    locate) for p in arms name formulations.x.cargo[1].agent arms.a.give params; do
              { printf '%s\n\n' "$p"; cat "$f"; } > "$seeds/$b-$(echo "$p" | tr -c 'a-z0-9\n' _)"
            done ;;
  esac
done
# A study may legitimately run up to the sandbox's instruction budget,
# which takes seconds under ASan: a longer timeout for the loader.
timeout=10
[ "$target" = load ] && timeout=30
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
exec "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=$timeout \
  -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$findings/" "$build/corpus-$target" "$seeds"

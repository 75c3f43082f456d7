#!/bin/sh
# CLI tests of observed data (TAP): the overlay of `simulate --plot`, and the
# bad-data corpus tests/bad-data (each NAME.lua names a bad NAME.csv and
# says on its first line the exact message).
# $1: the exopk binary, $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

EX="$SRC/data/examples/calibration.lua"
"$EXOPK" check "$EX" > "$T/out" 2>&1; rc=$?
check "check on the study with data: exit 0" '[ $rc -eq 0 ]'

"$EXOPK" simulate "$EX" --plot "$T/data.svg" -o "$T/run" > /dev/null 2> "$T/err"; rc=$?
check "simulate --plot with data: exit 0, no message" '[ $rc -eq 0 ] && [ ! -s "$T/err" ] && [ -s "$T/data.svg" ]'
check "the outputs are those of the study without data" '[ -s "$T/run/exodox.csv" ] && [ -s "$T/run/metrics.csv" ]'

# The same study without its data line: every one of the 19 observations
# (15 tumour volumes, 4 plasma samples) adds at least one drawn path, and
# the legend's two markers two more.
grep -v '^  data = ' "$EX" > "$T/nodata.lua"
"$EXOPK" simulate "$T/nodata.lua" --plot "$T/nodata.svg" > /dev/null 2>&1; rc=$?
with=$(grep -c '<path' "$T/data.svg")
without=$(grep -c '<path' "$T/nodata.svg")
check "the overlay draws every observation and the legend ($with vs $without paths)" \
  '[ $rc -eq 0 ] && [ $((with - without)) -ge 21 ]'
check "the study name shows the data are simulated" 'grep -q "simulated" "$EX"'

# a copy elsewhere: the data path is relative to the study file
mkdir -p "$T/copy"
cp "$EX" "$SRC/data/examples/calibration-observed.csv" "$T/copy/"
(cd / && "$EXOPK" check "$T/copy/calibration.lua" > /dev/null 2>&1); rc=$?
check "data is found next to the study, from any directory" '[ $rc -eq 0 ]'

# The bad-data corpus: exit 2, the exact message, nothing written.
mkdir -p "$T/bad"
for f in "$SRC"/tests/bad-data/*.lua; do
  name=$(basename "$f" .lua)
  expect=$(sed -n '1s/^-- expect: //p' "$f")
  (cd "$SRC/tests/bad-data" && timeout 20 "$EXOPK" simulate --load-timeout 1.5 \
     -o "$T/bad/$name" --plot "$T/bad/$name.png" "$name.lua" > "$T/out" 2> "$T/err"); rc=$?
  if [ $rc -eq 2 ] && [ "$(cat "$T/err")" = "$expect" ] && [ ! -e "$T/bad/$name" ] \
     && [ ! -e "$T/bad/$name.png" ] && [ ! -s "$T/out" ]; then
    ok "bad-data/$name.lua: exit 2, the expected message, no output"
  else
    bad "bad-data/$name.lua: rc $rc, got: $(cat "$T/err")"
  fi
done

echo "1..$n"
exit $fail

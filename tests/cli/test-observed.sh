#!/bin/sh
# CLI tests of observed data (TAP): the overlay of `simulate --plot`, and the
# bad-data corpus tests/bad-data (each NAME.lua names a bad NAME.csv and
# says on its first line the exact message).
# $1: the exopk binary, $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"

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

# A NONMEM dataset named by the study: its dose rows give free_dox (5 mg/kg
# of the hydrochloride every 7 d) and exodox (2e11 particles every 3 d) the
# dosing calibration.lua writes in the study file, so every output file is
# the same bytes; its observations (CENS 1 rows below the LLOQ) are those of
# calibration-observed.csv, so a fit gives the same estimate.
NM="$SRC/data/examples/nonmem.lua"
"$EXOPK" simulate "$NM" -o "$T/nm" > /dev/null 2> "$T/err"; rc=$?
check "simulate a study dosed by a NONMEM dataset: exit 0, no message" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'
same=1
for f in control exodox free_dox metrics; do cmp -s "$T/nm/$f.csv" "$T/run/$f.csv" || same=0; done
check "the dataset's dose rows give the outputs of the doses in the study file" '[ $same -eq 1 ]'
"$EXOPK" fit "$NM" --estimate tumour.growth_rate -o "$T/fit-nm" > "$T/out" 2>&1
check "the fit sees 19 observations, 2 below the LLOQ, from the dataset" \
  'grep -q "19 observations (2 below LLOQ)" "$T/out"'
"$EXOPK" fit "$EX" --estimate tumour.growth_rate -o "$T/fit-csv" > /dev/null 2>&1
a=$(sed -n 's/^tumour.growth_rate,\([^,]*\),.*/\1/p' "$T/fit-nm/estimates.csv")
b=$(sed -n 's/^tumour.growth_rate,\([^,]*\),.*/\1/p' "$T/fit-csv/estimates.csv")
check "the same estimate from the dataset as from the CSV ($a vs $b)" \
  'awk -v a="$a" -v b="$b" "BEGIN { exit !(a > 0 && (a - b) / b < 1e-6 && (b - a) / b < 1e-6) }"'
cat > "$T/nm-save.lua" <<EOF
local exopk = require "exopk"
assert(exopk.save(exopk.load("$NM"), "$T/nm-saved.lua"))
assert(exopk.save(exopk.load("$T/nm-saved.lua"), "$T/nm-saved2.lua"))
EOF
"$EXOPK" run "$T/nm-save.lua" > "$T/out" 2>&1; rc=$?
check "save writes the dataset's map, leaves its arms undosed, and reads back the same" \
  '[ $rc -eq 0 ] && grep -q "format = \"nonmem\"" "$T/nm-saved.lua" \
   && grep -q "\[3\] = { output = \"doxorubicin.plasma\", dv_unit = \"ng/mL\" }" "$T/nm-saved.lua" \
   && grep -q "exodox = {},   -- dosed by the NONMEM dataset" "$T/nm-saved.lua" \
   && cmp -s "$T/nm-saved.lua" "$T/nm-saved2.lua"'
"$EXOPK" simulate "$T/nm-saved.lua" -o "$T/nm2" > /dev/null 2>&1
check "the saved study runs the same" 'cmp -s "$T/nm2/exodox.csv" "$T/run/exodox.csv"'

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

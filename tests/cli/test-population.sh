#!/bin/sh
# `exopk population` and exopk.population (TAP).  $1: the exopk binary,
# $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"

# The default study with population fields added before its solver line.
study() {
    ADD=$1 awk '/^  solver = \{/ { print ENVIRON["ADD"] } { print }' \
        "$SRC/data/examples/default.lua" > "$T/$2"
}

study '  variability = { ["carrier.k_pt"] = "30 %", ["tumour.growth_rate"] = "25 %", dose = 0.2 },
  correlations = { { "carrier.k_pt", "tumour.growth_rate", 0.5 } },' var.lua

"$EXOPK" population "$T/var.lua" --subjects 40 --seed 7 -j 1 -o "$T/j1" > "$T/out" 2> "$T/err"; rc=$?
check "population exits 0" '[ $rc -eq 0 ]'
check "summary, subjects, parameters and one bands file per arm" '[ -s "$T/j1/summary.csv" ] && [ -s "$T/j1/subjects.csv" ] && [ -s "$T/j1/parameters.csv" ] && [ -s "$T/j1/control_bands.csv" ] && [ -s "$T/j1/free_dox_bands.csv" ] && [ -s "$T/j1/exodox_bands.csv" ]'
check "summary header" 'head -1 "$T/j1/summary.csv" | grep -qx "arm,metric,unit,mean,sd,p05,p25,p50,p75,p95"'
check "subjects header and one row per subject, arm and metric" 'head -1 "$T/j1/subjects.csv" | grep -qx "subject,arm,metric,value" && [ $(($(wc -l < "$T/j1/subjects.csv") - 1)) -eq $((40 * ($(wc -l < "$T/j1/summary.csv") - 1))) ]'
check "subjects are in order" 'awk -F, "NR > 1 { if (\$1 < last) bad = 1; last = \$1 } END { exit bad }" "$T/j1/subjects.csv"'
check "bands header names percentiles with units" 'head -1 "$T/j1/exodox_bands.csv" | grep -q "^time \[h\],plasma_particles p05 \[particles\],plasma_particles p50 \[particles\],plasma_particles p95 \[particles\],"'
check "bands: p05 <= p50 <= p95 everywhere" 'awk -F, "NR > 1 { for (i = 2; i + 2 <= NF; i += 3) if (\$i > \$(i+1) || \$(i+1) > \$(i+2)) bad = 1 } END { exit bad }" "$T/j1/exodox_bands.csv"'
check "parameters: the dose varies and the control arm has none" 'grep -q "^1,exodox,dose,[0-9.e+]*,particles$" "$T/j1/parameters.csv" && ! grep -q ",control,dose," "$T/j1/parameters.csv" && [ $(grep ",exodox,dose," "$T/j1/parameters.csv" | cut -d, -f4 | sort -u | wc -l) -eq 40 ]'
check "a subject has the same growth rate in every arm" '[ $(grep -c "^3,[a-z_]*,tumour.growth_rate," "$T/j1/parameters.csv") -eq 3 ] && [ $(grep "^3,[a-z_]*,tumour.growth_rate," "$T/j1/parameters.csv" | cut -d, -f4 | sort -u | wc -l) -eq 1 ]'
check "carrier.k_pt only where the arm gives the carrier" '[ $(grep -c ",carrier.k_pt," "$T/j1/parameters.csv") -eq 40 ] && [ $(grep -c ",exodox,carrier.k_pt," "$T/j1/parameters.csv") -eq 40 ]'
check "no temporary files left" '! ls "$T/j1" | grep -q tmp'

"$EXOPK" population "$T/var.lua" --subjects 40 --seed 7 -j 2 -o "$T/j2" > /dev/null 2>&1
check "-j 1 and -j 2 write the same bytes" 'diff -r "$T/j1" "$T/j2" > /dev/null'
"$EXOPK" population "$T/var.lua" --subjects 40 --seed 8 -j 2 -o "$T/s8" > /dev/null 2>&1
check "another seed, another population" '! cmp -s "$T/j1/subjects.csv" "$T/s8/subjects.csv"'

# checkpoints (docs/mpi.md): subjects go in chunks of 16 at -j 1; the 2nd
# fails (EXOPK_MPI_FAIL, rank 0 being the one process), the checkpoint
# after the 1st stays whole, --resume finishes with the same bytes
EXOPK_MPI_FAIL=0:2 "$EXOPK" population "$T/var.lua" --subjects 40 --seed 7 -j 1 --checkpoint 0.000001 \
    -o "$T/ck" > /dev/null 2> "$T/ck.err"; rc=$?
check "a failing chunk: exit 1, its subjects named, the checkpoint of subjects 1 to 16 kept" \
    '[ $rc -eq 1 ] && grep -q "var.lua: subjects 17 to 32: failure forced by EXOPK_MPI_FAIL" "$T/ck.err" && grep -q "ck/population.checkpoint holds subjects 1 to 16 (--resume continues)" "$T/ck.err" && [ "$(head -n 1 "$T/ck/population.checkpoint")" = "exopk checkpoint 1" ] && grep -qax "done 16" "$T/ck/population.checkpoint" && [ ! -e "$T/ck/subjects.csv" ]'
"$EXOPK" population "$T/var.lua" --subjects 40 --seed 8 -j 1 --resume -o "$T/ck" > /dev/null 2> "$T/ck2.err"; rc=$?
check "--resume with another seed: exit 2, the seed named" \
    '[ $rc -eq 2 ] && grep -q "made with other settings: seed 7, this run has 8" "$T/ck2.err"'
"$EXOPK" population "$T/var.lua" --subjects 40 --seed 7 -j 2 --resume -o "$T/ck" > /dev/null 2>&1; rc=$?
check "--resume: the bytes of an uninterrupted run, the checkpoint removed" \
    '[ $rc -eq 0 ] && diff -r "$T/j1" "$T/ck" > /dev/null'
"$EXOPK" population "$T/var.lua" --subjects 40 --checkpoint -1 -o "$T/ck" > /dev/null 2> "$T/ck3.err"; rc=$?
check "--checkpoint -1: exit 2" '[ $rc -eq 2 ] && grep -q "checkpoint -1: expected seconds >= 0" "$T/ck3.err"'

# CV 0: every subject is the study's own run, so every statistic is the
# value `exopk simulate` writes, byte for byte.
study '  variability = { ["carrier.k_pt"] = "0 %", dose = 0 },' cv0.lua
"$EXOPK" population "$T/cv0.lua" --subjects 9 -j 2 -o "$T/cv0" > /dev/null 2>&1
"$EXOPK" simulate "$T/cv0.lua" -o "$T/sim0" > /dev/null 2>&1
check "CV 0: mean and every percentile equal simulate's metrics" 'awk -F, "NR == FNR { if (FNR > 1) v[\$1 \",\" \$2] = \$3; next } FNR > 1 { k = \$1 \",\" \$2; if (!(k in v)) bad = 1; for (i = 4; i <= 10; i++) if (i != 5 && \$i != v[k]) bad = 1; if (\$5 != \"0\") bad = 1; n++ } END { exit bad || n == 0 }" "$T/sim0/metrics.csv" "$T/cv0/summary.csv"'
check "CV 0: every band equals simulate's time series" 'awk -F, "NR == FNR { if (FNR > 1) for (i = 1; i <= NF; i++) v[FNR, i] = \$i; next } FNR > 1 { if (\$1 != v[FNR, 1]) bad = 1; for (i = 2; i <= NF; i++) if (\$i != v[FNR, 2 + int((i - 2) / 3)]) bad = 1; n++ } END { exit bad || n != 673 }" "$T/sim0/exodox.csv" "$T/cv0/exodox_bands.csv"'

# --plot: the bands of every arm run
"$EXOPK" population "$T/var.lua" --subjects 12 -o "$T/pl" --plot "$T/pl.png" > /dev/null 2> "$T/err"; rc=$?
check "--plot FILE.png: exit 0, a PNG" '[ $rc -eq 0 ] && [ "$(head -c 8 "$T/pl.png" | od -An -tx1 | tr -d " \n")" = "89504e470d0a1a0a" ]'
"$EXOPK" population "$T/var.lua" --subjects 12 --arm exodox -o "$T/pl" --plot "$T/pl.svg" > /dev/null 2>&1; rc=$?
check "--plot FILE.svg: an SVG naming the arm run and the axes with units" '[ $rc -eq 0 ] && grep -q "<svg" "$T/pl.svg" && grep -q "Arms: exodox\." "$T/pl.svg" && grep -q "^tumour volume \[mm3\]$" "$T/pl.svg" && grep -q "time \[d\]" "$T/pl.svg"'
check "--plot: no temporary left" '! ls "$T" | grep -q "pl.*tmp"'
check "--plot: the exodox doses and their legend entry" 'grep -q ">dose</text>" "$T/pl.svg"'
# --style paper: one journal column, 241 pt at 300 dpi = 1004 pixels (PNG bytes 16-19)
"$EXOPK" population "$T/var.lua" --subjects 12 --arm exodox -o "$T/pl" --plot "$T/paper.png" --style paper > /dev/null 2>&1; rc=$?
check "--style paper: 1004 pixels wide" '[ $rc -eq 0 ] && [ "$(od -An -tu1 -j16 -N4 "$T/paper.png" | awk "{ print \$1 * 16777216 + \$2 * 65536 + \$3 * 256 + \$4 }")" -eq 1004 ]'
"$EXOPK" population "$T/var.lua" --subjects 12 -o "$T/plx" --plot "$T/pl.jpg" > /dev/null 2> "$T/err"; rc=$?
check "--plot FILE.jpg: exit 2 before any run, naming the valid formats" '[ $rc -eq 2 ] && grep -q "pl.jpg: unknown figure format \".jpg\" (use .png, .svg or .pdf)" "$T/err" && [ ! -e "$T/plx" ]'

# mistakes
study '  variability = { ["carrier.k_ptt"] = "30 %" },' typo.lua
"$EXOPK" population "$T/typo.lua" --subjects 5 -o "$T/typo" > /dev/null 2> "$T/err"; rc=$?
check "a typo in a variability path: exit 2, file, line and the nearest name" '[ $rc -eq 2 ] && grep -q "typo.lua:[0-9]*: variability\[\"carrier.k_ptt\"\]: .*did you mean \"carrier.k_pt\"" "$T/err"'
"$EXOPK" check "$T/typo.lua" > /dev/null 2>&1; rc=$?
check "check finds the typo too" '[ $rc -eq 2 ]'
study '  variability = { dose = "30 %" }, correlations = { { "dose", "carrier.k_pt", 0.5 } },' corr.lua
"$EXOPK" check "$T/corr.lua" > /dev/null 2> "$T/err"; rc=$?
check "a correlation with a parameter that does not vary: exit 2" '[ $rc -eq 2 ] && grep -q "correlations\[1\]: \"carrier.k_pt\" does not vary" "$T/err"'
study '  variability = { ["carrier.k_pt"] = 0.3, ["carrier.k_tp"] = 0.3, ["carrier.k_cl"] = 0.3 },
  correlations = { { "carrier.k_pt", "carrier.k_tp", 0.9 }, { "carrier.k_tp", "carrier.k_cl", 0.9 }, { "carrier.k_pt", "carrier.k_cl", -0.9 } },' pd.lua
"$EXOPK" check "$T/pd.lua" > /dev/null 2> "$T/err"; rc=$?
check "correlations that no population can have: exit 2" '[ $rc -eq 2 ] && grep -q "not positive definite" "$T/err"'
study '  variability = { ["carrier.k_pt"] = "-5 %" },' neg.lua
"$EXOPK" check "$T/neg.lua" > /dev/null 2> "$T/err"; rc=$?
check "a negative CV: exit 2" '[ $rc -eq 2 ] && grep -q "must be finite and >= 0" "$T/err"'
study '  variability = { every = "10 %" },' every.lua
"$EXOPK" check "$T/every.lua" > /dev/null 2> "$T/err"; rc=$?
check "dosing times cannot vary: exit 2" '[ $rc -eq 2 ] && grep -q "cannot vary" "$T/err"'
study '  uncertainty = "libary",' unc.lua
"$EXOPK" check "$T/unc.lua" > /dev/null 2> "$T/err"; rc=$?
check "uncertainty with a typo: exit 2 and the nearest kind" '[ $rc -eq 2 ] && grep -q "did you mean \"library\"" "$T/err"'
"$EXOPK" population "$T/var.lua" --subjects 5 --arm exodx -o "$T/arm" > /dev/null 2> "$T/err"; rc=$?
check "--arm with a typo: exit 2" '[ $rc -eq 2 ] && grep -q "did you mean \"exodox\"" "$T/err"'
"$EXOPK" population "$T/var.lua" --subjects 5 --arm exodox --arm exodox -o "$T/arm" > /dev/null 2> "$T/err"; rc=$?
check "the same --arm twice: exit 2" '[ $rc -eq 2 ] && grep -q "chosen twice" "$T/err"'
"$EXOPK" population "$T/var.lua" -o "$T/x" > /dev/null 2> "$T/err"; rc=$?
check "no --subjects: exit 2" '[ $rc -eq 2 ]'
"$EXOPK" population "$T/var.lua" --subjects 0 -o "$T/x" > /dev/null 2> "$T/err"; rc=$?
check "--subjects 0: exit 2" '[ $rc -eq 2 ] && grep -q "from 1 to" "$T/err"'
touch "$T/file"
"$EXOPK" population "$T/var.lua" --subjects 3 -o "$T/file" > /dev/null 2> "$T/err"; rc=$?
check "-o onto a file: exit 3" '[ $rc -eq 3 ]'

# uncertainty = "library": log-uniform within the published ranges
study '  uncertainty = "library",' lib.lua
"$EXOPK" population "$T/lib.lua" --subjects 20 --arm exodox -j 2 -o "$T/lib" > /dev/null 2> "$T/err"; rc=$?
check "uncertainty = library runs" '[ $rc -eq 0 ] && [ -s "$T/lib/summary.csv" ]'
"$EXOPK" population "$T/lib.lua" --subjects 20 --arm exodox -j 1 -o "$T/lib1" > /dev/null 2>&1
check "uncertainty = library: the same bytes for -j 1 and -j 2 (redraws included)" 'diff -r "$T/lib" "$T/lib1" > /dev/null'
# doxorubicin.kp_heart: 15, range 5-30 (data/agents/doxorubicin.lua)
check "library draws stay within the published range" 'grep -q ",doxorubicin.kp_heart," "$T/lib/parameters.csv" && awk -F, "\$3 == \"doxorubicin.kp_heart\" { if (\$4 < 5 || \$4 > 30) bad = 1; n++ } END { exit bad || n != 20 }" "$T/lib/parameters.csv"'

# Ctrl-C: no file, no temporary
"$EXOPK" population "$T/var.lua" --subjects 1000000 -o "$T/int" > /dev/null 2> "$T/err" &
pid=$!
sleep 2
kill -INT $pid
wait $pid; rc=$?
check "SIGINT stops the run and leaves no file behind" '[ $rc -ne 0 ] && [ -z "$(ls -A "$T/int" 2> /dev/null)" ]'

# the Lua API and the save round trip
cat > "$T/api.lua" <<EOF
local exopk = require "exopk"
local s = exopk.load("$T/var.lua")
local sum, redrawn = exopk.population{ study = s, subjects = 40, seed = 7, threads = 2 }
local row = sum.exodox.tumour_volume_final
assert(row.unit == "mm3" and row.p05 <= row.p50 and row.p50 <= row.p95 and redrawn == 0)
local f = io.open("$T/j1/summary.csv")
for line in f:lines() do
  if line:match("^exodox,tumour_volume_final,") then
    assert(line:find(string.format("%.10g", row.p50), 1, true), "the same p50 as the CLI")
  end
end
f:close()
assert(not pcall(exopk.population, { study = s, subject = 3 }))
assert(exopk.save(s, "$T/saved.lua"))
assert(exopk.save(exopk.load("$T/saved.lua"), "$T/saved2.lua"))
EOF
"$EXOPK" run "$T/api.lua" > "$T/out" 2>&1; rc=$?
check "exopk.population returns the CLI's summary" '[ $rc -eq 0 ]'
check "save writes the variability and reads it back to the same file" 'grep -q "\[\"carrier.k_pt\"\] = \"30 %\"" "$T/saved.lua" && grep -q "{ \"carrier.k_pt\", \"tumour.growth_rate\", 0.5 }" "$T/saved.lua" && cmp -s "$T/saved.lua" "$T/saved2.lua"'

echo "1..$n"
exit $fail

#!/bin/sh
# `exopk sensitivity` integration tests (TAP).  $1: the exopk binary, $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
STUDY=$SRC/data/examples/default.lua
. "$(dirname "$0")/tap.sh"
# field $2 of the row of $1 whose metric,parameter is $3,$4
field() { awk -F, -v m="$3" -v p="$4" -v c="$2" '$2 == m && $4 == p { print $c }' "$1"; }

# Free DOX: the heart AUC is proportional to the plasma AUC, (dose - left)
# / CL with elimination from plasma only (the tumour holds ~1e-4 of the
# drug): d ln AUC / d ln CL = -1 and d ln AUC / d ln dose = +1 to 1e-3.
"$EXOPK" sensitivity "$STUDY" --arm free_dox --vary doxorubicin.cl --vary dose \
  --metric doxorubicin.heart_auc -o "$T/local" > "$T/out" 2> "$T/err"; rc=$?
check "local: exit 0" '[ $rc -eq 0 ]'
check "local: header with units" 'head -1 "$T/local/sensitivity.csv" | grep -qx "arm,metric,metric_unit,parameter,parameter_unit,value,S,rows"'
check "local: d ln heart AUC / d ln CL = -1" 'awk "BEGIN { s = $(field "$T/local/sensitivity.csv" 7 doxorubicin.heart_auc doxorubicin.cl); exit !(s > -1.001 && s < -0.999) }"'
check "local: d ln heart AUC / d ln dose = 1" 'awk "BEGIN { s = $(field "$T/local/sensitivity.csv" 7 doxorubicin.heart_auc dose); exit !(s > 0.999 && s < 1.001) }"'
check "local: parameter units" '[ "$(field "$T/local/sensitivity.csv" 5 doxorubicin.heart_auc doxorubicin.cl)" = "L/h" ]'

# Sobol: the same bytes for -j 1 and -j 2; the tumour's growth rate cannot
# move the free drug's heart AUC (ST < 0.01), the clearance does (ST > 0.5).
for j in 1 2; do
  "$EXOPK" sensitivity "$STUDY" --method sobol --samples 32 --arm free_dox \
    --vary "doxorubicin.cl=0.07 L/h:0.28 L/h" --vary tumour.growth_rate=0.003:0.006 \
    --metric doxorubicin.heart_auc --metric tumour_volume_final -j $j -o "$T/s$j" > /dev/null 2>&1
done
check "sobol: identical bytes for -j 1 and -j 2" 'cmp -s "$T/s1/sensitivity.csv" "$T/s2/sensitivity.csv"'
check "sobol: 2 metrics x 2 parameters + header" '[ $(wc -l < "$T/s1/sensitivity.csv") -eq 5 ]'
check "sobol: an unused parameter has ST < 0.01" 'awk "BEGIN { s = $(field "$T/s1/sensitivity.csv" 13 doxorubicin.heart_auc tumour.growth_rate); exit !(s < 0.01) }"'
check "sobol: clearance drives the heart AUC (ST > 0.5)" 'awk "BEGIN { s = $(field "$T/s1/sensitivity.csv" 13 doxorubicin.heart_auc doxorubicin.cl); exit !(s > 0.5) }"'
check "sobol: units converted (0.07 L/h as written)" '[ "$(field "$T/s1/sensitivity.csv" 7 doxorubicin.heart_auc doxorubicin.cl)" = "0.07" ]'

# checkpoints (docs/mpi.md): 32 x (2 + 2) = 128 points in chunks of 16 at
# -j 1; the 3rd chunk fails, the checkpoint (whole chunks) stays and
# --resume finishes with the bytes above
ck() {
  "$EXOPK" sensitivity "$STUDY" --method sobol --samples 32 --arm free_dox \
    --vary "doxorubicin.cl=0.07 L/h:0.28 L/h" --vary tumour.growth_rate=0.003:0.006 \
    --metric doxorubicin.heart_auc --metric tumour_volume_final -o "$T/ck" "$@"
}
EXOPK_MPI_FAIL=0:3 ck -j 1 --checkpoint 0.000001 > /dev/null 2> "$T/ck.err"; rc=$?
check "a failing chunk: exit 1, its points named, a checkpoint of whole chunks, no table" \
    '[ $rc -eq 1 ] && grep -q "sensitivity: design points 33 to 48: failure forced by EXOPK_MPI_FAIL" "$T/ck.err" && grep -q "ck/sensitivity.checkpoint holds design points 1 to \(16\|32\) (--resume continues)" "$T/ck.err" && [ ! -e "$T/ck/sensitivity.csv" ]'
ck -j 1 --metric tumour_volume_final --resume > /dev/null 2> "$T/ck2.err"; rc=$?
check "--resume with other metrics: exit 2, named" \
    '[ $rc -eq 2 ] && grep -q "made with other settings: metrics doxorubicin.heart_auc,tumour_volume_final, this run has" "$T/ck2.err"'
ck -j 2 --resume > /dev/null 2>&1; rc=$?
check "--resume: the bytes of an uninterrupted run, the checkpoint removed" \
    '[ $rc -eq 0 ] && cmp -s "$T/s1/sensitivity.csv" "$T/ck/sensitivity.csv" && [ ! -e "$T/ck/sensitivity.checkpoint" ]'
check "no temporary files left" '! ls "$T/s1" | grep -q tmp'

"$EXOPK" sensitivity "$STUDY" --method morris --samples 4 --arm free_dox --vary dose=10:400 \
  --metric doxorubicin.heart_auc -o "$T/m" > /dev/null 2>&1; rc=$?
check "morris: exit 0, 4 trajectories" '[ $rc -eq 0 ] && [ "$(field "$T/m/sensitivity.csv" 13 doxorubicin.heart_auc dose)" = "4" ]'

"$EXOPK" sensitivity "$STUDY" --vary carrier.k_mpss -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "a typo in --vary: exit 2 and the nearest name" '[ $rc -eq 2 ] && grep -q "did you mean \"carrier.k_mps\"" "$T/err"'
"$EXOPK" sensitivity "$STUDY" --method morris --vary carrier.k_mps -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "morris without a range: exit 2, says how" '[ $rc -eq 2 ] && grep -q "needs a range: --vary carrier.k_mps=LOW:HIGH" "$T/err"'
"$EXOPK" sensitivity "$STUDY" --vary dose --metric tumour_volume_fnal -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "a typo in --metric: exit 2 and the nearest name" '[ $rc -eq 2 ] && grep -q "did you mean \"tumour_volume_final\"" "$T/err"'
"$EXOPK" sensitivity "$STUDY" --method sobolx --vary dose -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "an unknown method: exit 2 and the nearest name" '[ $rc -eq 2 ] && grep -q "did you mean \"sobol\"" "$T/err"'
"$EXOPK" sensitivity "$STUDY" --method sobol --vary "doxorubicin.cl=1 mg:2 mg" -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "a range in the wrong unit: exit 2" '[ $rc -eq 2 ] && grep -q "is not a value in L/h" "$T/err"'
check "no output directory after an error" '[ ! -e "$T/e" ]'
"$EXOPK" sensitivity "$STUDY" --arm free_dox --vary doxorubicin.cl --metric doxorubicin.heart_auc \
  --set "doxorubicin.cl=0.2 L/h" -o "$T/set" > /dev/null 2>&1; rc=$?
check "--set moves the nominal value (0.2 L/h)" '[ $rc -eq 0 ] && [ "$(field "$T/set/sensitivity.csv" 6 doxorubicin.heart_auc doxorubicin.cl)" = "0.2" ]'
# Library ranges (docs/sensitivity.md).  With no --vary: every parameter
# with a library range that the arm uses; free_dox gives no formulation, so
# no carrier or loading path; exodox gives the msc exosomes.
"$EXOPK" sensitivity "$STUDY" --method morris --samples 2 --arm free_dox \
  --metric doxorubicin.heart_auc -o "$T/lib" > /dev/null 2> "$T/err"; rc=$?
check "no --vary: exit 0, a non-empty default set" '[ $rc -eq 0 ] && [ $(wc -l < "$T/lib/sensitivity.csv") -gt 10 ]'
check "no --vary, free_dox: no carrier or loading parameter" '! cut -d, -f4 "$T/lib/sensitivity.csv" | grep -q "^carrier\.\|^loading\."'
check "no --vary, free_dox: every range log-scaled around its value" 'awk -F, "NR > 1 && !(\$7 > 0 && \$7 < \$8 && \$9 == \"log\") { bad = 1 } END { exit bad }" "$T/lib/sensitivity.csv"'
"$EXOPK" sensitivity "$STUDY" --method morris --samples 2 --arm exodox \
  --metric doxorubicin.heart_auc -o "$T/libx" > /dev/null 2>&1; rc=$?
check "no --vary, exodox: its carrier's parameters and no other carrier" '[ $rc -eq 0 ] && cut -d, -f4 "$T/libx/sensitivity.csv" | grep -q "^carrier\.msc\." && ! cut -d, -f4 "$T/libx/sensitivity.csv" | grep "^carrier\." | grep -qv "^carrier\.msc\."'
# --vary PATH alone: the library range of doxorubicin.cl relative to its
# library value, applied to the study's (scaled) value:
# LOW = 25 / 53.3 x value, HIGH = 80 / 53.3 x value (data/agents/doxorubicin.lua).
cl=$(sed -n 's/^  cl = { \([0-9.]*\),.*range = { \([0-9.]*\), \([0-9.]*\) }.*/\1 \2 \3/p' "$SRC/data/agents/doxorubicin.lua")
check "doxorubicin.cl's library row read (value low high)" '[ "$(echo $cl | wc -w)" -eq 3 ]'
"$EXOPK" sensitivity "$STUDY" --method sobol --samples 8 --arm free_dox --vary doxorubicin.cl \
  --metric doxorubicin.heart_auc -o "$T/libcl" > /dev/null 2>&1; rc=$?
row=$(awk -F, '$4 == "doxorubicin.cl" { print $6, $7, $8, $9 }' "$T/libcl/sensitivity.csv")
check "--vary PATH alone under sobol: the library range scaled to the study's value" '[ $rc -eq 0 ] && echo "$cl $row" | awk "{ lo = \$2 / \$1 * \$4; hi = \$3 / \$1 * \$4; exit !(\$7 == \"log\" && \$5 > lo * (1 - 1e-8) && \$5 < lo * (1 + 1e-8) && \$6 > hi * (1 - 1e-8) && \$6 < hi * (1 + 1e-8)) }"'
check "the same range as the default set gives it" '[ "$(field "$T/libcl/sensitivity.csv" 7 doxorubicin.heart_auc doxorubicin.cl)" = "$(field "$T/lib/sensitivity.csv" 7 doxorubicin.heart_auc doxorubicin.cl)" ]'
"$EXOPK" sensitivity "$STUDY" --method sobol --arm free_dox --vary doxorubicin.mw -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "no library range, no range given: exit 2, says how" '[ $rc -eq 2 ] && grep -q "library gives it no range.*--vary doxorubicin.mw=LOW:HIGH" "$T/err"'
# --plot: a chart; the SVG's <desc> lists each panel's parameters by effect
"$EXOPK" sensitivity "$STUDY" --arm free_dox --vary doxorubicin.cl --vary tumour.growth_rate \
  --metric doxorubicin.heart_auc --metric tumour_volume_final -o "$T/pl" --plot "$T/pl.svg" > /dev/null 2>&1; rc=$?
check "--plot FILE.svg: exit 0, panels with units, rows by |S|" '[ $rc -eq 0 ] && grep -q "^doxorubicin.heart_auc \[nmol\*h/L\]: doxorubicin.cl, tumour.growth_rate$" "$T/pl.svg" && grep -q "^tumour_volume_final \[mm3\]: tumour.growth_rate, doxorubicin.cl$" "$T/pl.svg"'
"$EXOPK" sensitivity "$STUDY" --arm free_dox --vary doxorubicin.cl --metric doxorubicin.heart_auc \
  -o "$T/pl" --plot "$T/pl.png" > /dev/null 2>&1; rc=$?
check "--plot FILE.png: a PNG" '[ $rc -eq 0 ] && [ "$(head -c 8 "$T/pl.png" | od -An -tx1 | tr -d " \n")" = "89504e470d0a1a0a" ]'
"$EXOPK" sensitivity "$STUDY" --vary doxorubicin.cl -o "$T/plx" --plot "$T/pl.gif" > /dev/null 2> "$T/err"; rc=$?
check "--plot FILE.gif: exit 2 before any run" '[ $rc -eq 2 ] && grep -q "unknown figure format \".gif\"" "$T/err" && [ ! -e "$T/plx" ]'

"$EXOPK" sensitivity --help > "$T/out" 2>&1; rc=$?
check "--help: exit 0 and the usage" '[ $rc -eq 0 ] && grep -q "^usage: exopk sensitivity" "$T/out"'

# SIGTERM (a batch system's stop) cancels as Ctrl-C does: exit 130, no table
"$EXOPK" sensitivity "$STUDY" --method sobol --samples 100000 --arm free_dox -o "$T/term" \
  > /dev/null 2> "$T/term.err" &
pid=$!
sleep 2
kill -TERM $pid
wait $pid; rc=$?
check "SIGTERM cancels: exit 130, the message, no table" \
  '[ $rc -eq 130 ] && grep -q "sensitivity: cancelled" "$T/term.err" && [ ! -e "$T/term/sensitivity.csv" ]'

echo "1..$n"
exit $fail

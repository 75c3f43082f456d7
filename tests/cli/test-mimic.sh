#!/bin/sh
# miRNA mimics (TAP): the example study, the activity a = 1 + copies/M0 and
# its metrics against that formula and the library's M0, the share as the
# only lever on growth, miR-34a on DOX's rho, `exopk params`, the SBML
# export, and clear errors for bad mimic data.  $1: the exopk binary, $2:
# the source root.  Expected values come from docs/model.md's formulas and
# the data files' numbers, never from the program's output.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"
# value of metric $2 of arm $1 in metrics.csv $3 (empty if absent)
metric() { awk -F, -v a="$1" -v m="$2" '$1 == a && $2 == m { print $3 }' "$3"; }
# |$1 - $2| <= $3 x |$2| + $4 ($4 defaults to 0)
near() {
  awk -v x="$1" -v y="$2" -v rel="$3" -v abs="${4:-0}" \
    'BEGIN { d = x - y; if (d < 0) d = -d; if (y < 0) y = -y; exit !(x != "" && d <= rel * y + abs) }'
}
# column number of header $1 in CSV $2
col() { head -1 "$2" | tr ',' '\n' | grep -nxF "$1" | cut -d: -f1; }
EX="$SRC/data/examples/let7a_mimic_dox.lua"

# ---- the example study ---------------------------------------------------------
"$EXOPK" check "$EX" > "$T/out" 2> "$T/err"; rc=$?
check "check: the let-7a example is valid (5 arms, 3 formulations)" \
  '[ $rc -eq 0 ] && grep -q "ok (5 arms, 3 formulations" "$T/out"'
check "check: the mimic is loaded by electroporation (EE0 0.05 of 4500 offered, saturating)" \
  'grep -q "let7a_mimic by electroporation, 100 nm: 217.2 molecules/vesicle" "$T/out"'
"$EXOPK" simulate "$EX" -o "$T/ex" > /dev/null 2> "$T/err"; rc=$?
M="$T/ex/metrics.csv"
check "simulate: exit 0, every arm written" \
  '[ $rc -eq 0 ] && [ -s "$T/ex/let7a_it.csv" ] && [ -s "$T/ex/exodox_let7a.csv" ]'
# M0 of let-7a is the library's 1,000 copies per cell (agents/let7a_mimic.lua)
m0=$(awk '/^  mirna_copies = / { gsub(/[{,]/, " "); print $3 }' "$SRC/data/agents/let7a_mimic.lua")
check "the library's let-7a M0 is read (1000)" '[ "$m0" = 1000 ]'
for arm in exodox_let7a let7a_it; do
  q=$(metric $arm let7a_mimic.cytosolic_copies_per_cell_max "$M")
  a=$(metric $arm let7a_mimic.mirna_activity_max "$M")
  p=$(metric $arm let7a_mimic.mirna_raise_max_pct "$M")
  want=$(awk -v q="$q" -v m="$m0" 'BEGIN { printf "%.17g", 1 + q / m }')
  wantp=$(awk -v q="$q" -v m="$m0" 'BEGIN { printf "%.17g", 100 * q / m }')
  check "$arm: mirna_activity_max $a = 1 + $q copies / $m0" 'near "$a" "$want" 1e-9'
  check "$arm: mirna_raise_max_pct $p = 100 x copies / M0" 'near "$p" "$wantp" 1e-7 1e-12'
done
check "no mimic metrics for the arms without the mimic" \
  '[ -z "$(metric exodox let7a_mimic.mirna_activity_max "$M")" ] && [ -z "$(metric control let7a_mimic.mirna_raise_max_pct "$M")" ]'
# the series row by row: a = 1 + (cell_s S + cell_r R) / ((S + R) M0)
C="$T/ex/let7a_it.csv"
ca=$(col "let7a_mimic.mirna_activity [1]" "$C"); cs=$(col "let7a_mimic.cell_s [molecules/cell]" "$C")
cr=$(col "let7a_mimic.cell_r [molecules/cell]" "$C")
vs=$(col "sensitive_volume [mm3]" "$C"); vr=$(col "resistant_volume [mm3]" "$C")
check "series let7a_mimic.mirna_activity [1] = 1 + mean copies / M0 at every row, 1 at t = 0" \
  'awk -F, -v a=$ca -v s=$cs -v r=$cr -v S=$vs -v R=$vr -v m=$m0 "NR == 2 && \$a != 1 { bad = 1 }
     NR > 1 { w = 1 + (\$s * \$S + \$r * \$R) / ((\$S + \$R) * m); d = \$a - w; if (d < 0) d = -d
              if (d > 1e-9 * w) bad = 1; rows++ } END { exit bad || rows < 600 }" "$C"'
check "intratumoral doses raise let-7a more than 10 %, iv doses less than 5 %" \
  'awk -v a="$(metric let7a_it let7a_mimic.mirna_raise_max_pct "$M")" -v b="$(metric exodox_let7a let7a_mimic.mirna_raise_max_pct "$M")" "BEGIN { exit !(a > 10 && b > 0 && b < 5) }"'
check "the let-7a mimic slows growth: TGI of let7a_it above 0, exodox_let7a above exodox" \
  'awk -v i="$(metric let7a_it tgi_pct "$M")" -v c="$(metric exodox_let7a tgi_pct "$M")" -v e="$(metric exodox tgi_pct "$M")" "BEGIN { exit !(i > 0 && c > e) }"'
# share = 0: the mimic arrives but acts on nothing, so the tumour grows as the control's
"$EXOPK" simulate "$EX" --arm control --arm let7a_it --set let7a_mimic.share=0 -o "$T/s0" > /dev/null 2>&1; rc=$?
# (to the solver's accuracy, 1e-6: the two arms have different states; the effect is 6 %)
check "share 0: let7a_it's tumour volume equals the control's" \
  '[ $rc -eq 0 ] && near "$(metric let7a_it tumour_volume_final "$T/s0/metrics.csv")" "$(metric control tumour_volume_final "$T/s0/metrics.csv")" 1e-5'
# the copies still arrive, but shared by more cells: a lower activity per cell
check "share 0: the activity still rises, a little less (more cells share the copies)" \
  'awk -v z="$(metric let7a_it let7a_mimic.mirna_activity_max "$T/s0/metrics.csv")" -v a="$(metric let7a_it let7a_mimic.mirna_activity_max "$M")" "BEGIN { exit !(z > 1.1 && z < a) }"'
# mirna_copies must be positive: the activity divides by it
"$EXOPK" simulate "$EX" --arm let7a_it --set let7a_mimic.mirna_copies=0 -o "$T/m0" > /dev/null 2> "$T/err"; rc=$?
check "mirna_copies 0 for a mimic: a clear error" \
  '[ $rc -ne 0 ] && grep -q "let7a_mimic: mirna_copies = 0 must be > 0 for a miRNA mimic" "$T/err"'

# the pH-gradient method loads mimics too (ee0.mirna_mimic; sonication has no RNA entry)
sed 's/method = "electroporation"/method = "ph_gradient"/' "$EX" > "$T/ph.lua"
"$EXOPK" check "$T/ph.lua" > "$T/out" 2> "$T/err"; rc=$?
check "a pH-gradient formulation loads let7a_mimic" \
  '[ $rc -eq 0 ] && grep -q "let7a_mimic by ph_gradient, 100 nm" "$T/out"'
sed 's/method = "electroporation"/method = "sonication"/' "$EX" > "$T/so.lua"
"$EXOPK" check "$T/so.lua" > /dev/null 2> "$T/err"; rc=$?
check "sonication cannot load a mimic: the method, the agent and its class are named" \
  '[ $rc -ne 0 ] && grep -q "loading method \"sonication\" has no ee0 for \"let7a_mimic\" nor for its class mirna_mimic" "$T/err"'

# ---- miR-34a on DOX's resistance ----------------------------------------------
cat > "$T/m34.lua" <<'EOF'
return {
  name = "miR-34a mimic intratumoral with free DOX",
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.5 } },
  horizon = "21 d", output_every = "1 h",
  formulations = {
    exo34 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
              cargo = { { agent = "mir34a_mimic", offered = "4500 /vesicle" } } },
  },
  arms = {
    dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg", every = "7 d", count = 3 } },
    dox_mir34a = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg", every = "7 d", count = 3 },
                   { give = "exo34", route = "it", dose = "1e11 particles", every = "3 d", count = 7 } },
  },
}
EOF
"$EXOPK" simulate "$T/m34.lua" -o "$T/m34" > /dev/null 2> "$T/err"; rc=$?
M="$T/m34/metrics.csv"
check "miR-34a mimic with DOX: fewer resistant cells and a smaller tumour than DOX alone" \
  '[ $rc -eq 0 ] && awk -v a="$(metric dox_mir34a tumour_volume_final "$M")" -v b="$(metric dox tumour_volume_final "$M")" -v fa="$(metric dox_mir34a resistant_fraction_final "$M")" -v fb="$(metric dox resistant_fraction_final "$M")" "BEGIN { exit !(a < b * (1 - 1e-4) && fa < fb) }"'
"$EXOPK" simulate "$T/m34.lua" --set mir34a_mimic.share=0 -o "$T/m34z" > /dev/null 2>&1; rc=$?
check "miR-34a share 0: DOX + mimic equals DOX alone (the mimic acts only through rho)" \
  '[ $rc -eq 0 ] && near "$(metric dox_mir34a tumour_volume_final "$T/m34z/metrics.csv")" "$(metric dox tumour_volume_final "$T/m34z/metrics.csv")" 1e-5'
sed 's/give = "doxorubicin"/give = "paclitaxel"/' "$T/m34.lua" > "$T/m34p.lua"
"$EXOPK" check "$T/m34p.lua" > /dev/null 2> "$T/err"; rc=$?
check "a study giving no DOX is warned that miR-34a changes DOX's resistance only" \
  '[ $rc -eq 0 ] && grep -q "mir34a_mimic changes the resistance of doxorubicin only" "$T/err"'

# ---- params, export --------------------------------------------------------------
"$EXOPK" params let7a_mimic > "$T/p" 2>&1; rc=$?
check "params let7a_mimic lists the mimic keys (mirna_copies, ea50, share, k_cyto)" \
  '[ $rc -eq 0 ] && grep -q "^let7a_mimic.mirna_copies " "$T/p" && grep -q "^let7a_mimic.ea50 " "$T/p" && grep -q "^let7a_mimic.share " "$T/p" && grep -q "^let7a_mimic.k_cyto " "$T/p"'
check "params let7a_mimic: no keys of the other RNA classes" \
  '! grep -q "^let7a_mimic.\(k_risc\|k_bind\|k_mrna\|k_gymnotic\|share_transfer\) " "$T/p"'
check "params: the class defaults come from classes/mirna_mimic.lua (ea50 1, k_cyto 0.029 1/h)" \
  'grep -q "^let7a_mimic.ea50  *1 1 " "$T/p" && grep -q "^let7a_mimic.k_cyto  *0.029 1/h " "$T/p"'
"$EXOPK" params mir34a_mimic > "$T/p" 2>&1; rc=$?
check "params mir34a_mimic: mirna_copies 300, share 0.3" \
  '[ $rc -eq 0 ] && grep -q "^mir34a_mimic.mirna_copies  *300 1 " "$T/p" && grep -q "^mir34a_mimic.share  *0.3 1 " "$T/p"'
"$EXOPK" export --sbml "$EX" --arm let7a_it -o "$T/m.xml" > /dev/null 2> "$T/err"; rc=$?
check "export --sbml: the mimic's raise and effect are rules" \
  '[ $rc -eq 0 ] && grep -q "let7a_mimic.mirna_raise_s" "$T/m.xml" && grep -q "tumour.gompertz_lambda_sensitive" "$T/m.xml"'

# ---- bad mimic data: file, line, field, the nearest valid name -----------------------
mkdir -p "$T/lib" && cp -r "$SRC/data/." "$T/lib/"
L7="$T/lib/agents/let7a_mimic.lua"
sed -i 's/^  class = "mirna_mimic",/  class = "mirna_mimc",/' "$L7"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$EX" > /dev/null 2> "$T/err"; rc=$?
check "an unknown class: exit 2, the nearest is mirna_mimic" \
  '[ $rc -eq 2 ] && grep -q "agents/let7a_mimic.lua:[0-9]*: class: unknown cargo class (did you mean \"mirna_mimic\"?)" "$T/err"'
cp "$SRC/data/agents/let7a_mimic.lua" "$L7"
sed -i 's/^  acts_on = "growth",/  acts_on = "grwth",/' "$L7"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$EX" > /dev/null 2> "$T/err"; rc=$?
check "an unknown acts_on: exit 2, the choices and the nearest" \
  '[ $rc -eq 2 ] && grep -q "agents/let7a_mimic.lua:[0-9]*: acts_on: expected pgp, resistance, transfer or growth (did you mean \"growth\"?)" "$T/err"'
cp "$SRC/data/agents/let7a_mimic.lua" "$L7"
sed -i '/^  acts_on = "growth",/d' "$L7"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$EX" > /dev/null 2> "$T/err"; rc=$?
check "a mimic without acts_on: what is missing and the choices" \
  '[ $rc -eq 2 ] && grep -q "let7a_mimic.lua[:0-9]*: acts_on: missing (what the repressed target acts on: pgp, resistance, transfer or growth)" "$T/err"'
cp "$SRC/data/agents/let7a_mimic.lua" "$L7"
sed -i 's/^  mirna_copies = {/  k_bind = { 0.001, "1\/h", grade = "assumed", source = "test" },\n  mirna_copies = {/' "$L7"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$EX" > /dev/null 2> "$T/err"; rc=$?
check "an anti-miR field in a mimic: not used by a mirna_mimic agent" \
  '[ $rc -eq 2 ] && grep -q "agents/let7a_mimic.lua:[0-9]*: k_bind: not used by a mirna_mimic agent" "$T/err"'
cp "$SRC/data/agents/let7a_mimic.lua" "$L7"
sed -i 's/^  mirna_copies = {/  mirna_copis = {/' "$L7"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$EX" > /dev/null 2> "$T/err"; rc=$?
check "a misspelt mimic key: the nearest name" \
  '[ $rc -eq 2 ] && grep -q "let7a_mimic.lua:[0-9]*: mirna_copis: unknown field (did you mean \"mirna_copies\"?)" "$T/err"'
cp "$SRC/data/agents/let7a_mimic.lua" "$L7"
sed -i 's/^  ea50 = {/  ea05 = {/' "$T/lib/classes/mirna_mimic.lua"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$EX" > /dev/null 2> "$T/err"; rc=$?
check "a class file without ea50: the agent misses it" \
  '[ $rc -eq 2 ] && grep -q "ea05\|ea50" "$T/err"'

echo "1..$n"
exit $fail

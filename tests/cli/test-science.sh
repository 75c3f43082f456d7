#!/bin/sh
# Science outputs and data (TAP): the cardiac risk read from a published
# dose-risk table, the cytosolic RNA copies per cell, the tumour models and
# the paclitaxel agent.  $1: the exopk binary, $2: the source root.
# Expected values come from the formulas in docs/model.md and the data
# files' numbers, never from the program's output.
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

# ---- cardiac risk: doxorubicin's Swain 2003 table at the free-equivalent dose ----
"$EXOPK" simulate "$SRC/data/examples/default.lua" -o "$T/def" > /dev/null 2>&1; rc=$?
M="$T/def/metrics.csv"
for arm in free_dox exodox; do
  d=$(metric $arm doxorubicin.free_equivalent_dose_mg_per_m2 "$M")
  r=$(metric $arm doxorubicin.chf_risk_pct "$M")
  # below the first published point (400 mg/m2 -> 5 %): the line from 0, 5 d / 400
  want=$(awk -v d="$d" 'BEGIN { printf "%.17g", 5 * d / 400 }')
  check "$arm: chf_risk_pct = 5 % x dose / 400 mg/m2 at the free-equivalent dose" \
    '[ $rc -eq 0 ] && awk -v d="$d" "BEGIN { exit !(d > 0 && d < 400) }" && near "$r" "$want" 1e-9 1e-15'
done
# free DOX 5 mg/kg x 3 in a mouse: 15 mg/kg x 3 kg/m2 = 45 mg/m2 -> 0.5625 % (a free bolus is
# its own free-equivalent dose, to the 1e-6 of the heart-AUC integration)
check "free DOX 45 mg/m2: risk 0.5625 %" 'near "$(metric free_dox doxorubicin.chf_risk_pct "$M")" 0.5625 1e-6'
check "no chf_risk_pct for the control arm or for an agent without a table" \
  '[ -z "$(metric control doxorubicin.chf_risk_pct "$M")" ] && ! grep -q "^[^,]*,gemcitabine.chf_risk_pct" "$M"'
"$EXOPK" simulate "$SRC/data/examples/gemcitabine_sirna_anxa6.lua" -o "$T/gem" > /dev/null 2>&1; rc=$?
check "gemcitabine (no dose-risk table): heart AUC but no chf_risk_pct" \
  '[ $rc -eq 0 ] && grep -q ",gemcitabine.free_equivalent_dose_mg_per_m2," "$T/gem/metrics.csv" && ! grep -q "chf_risk_pct" "$T/gem/metrics.csv"'

# one free bolus in a healthy mouse is its own free-equivalent dose (linear model, no
# tumour): 228 mg/kg x 3 kg/m2 = 684 mg/m2 -> 26 + 22 x (684 - 550) / 150 = 45.6533 %;
# 240 mg/kg = 720 mg/m2 is above the table's last point (700): no metric
for c in 228:684 240:720; do
  mgkg=${c%%:*}; mgm2=${c#*:}
  cat > "$T/bolus.lua" <<EOF
return {
  name = "free DOX bolus", subject = { species = "mouse", weight = "25 g" },
  horizon = "10 d", output_every = "1 h",
  arms = { free_dox = { { give = "doxorubicin", route = "iv", dose = "$mgkg mg/kg" } } },
}
EOF
  "$EXOPK" simulate "$T/bolus.lua" -o "$T/b$mgkg" > /dev/null 2> "$T/err"; rc=$?
  d=$(metric free_dox doxorubicin.free_equivalent_dose_mg_per_m2 "$T/b$mgkg/metrics.csv")
  r=$(metric free_dox doxorubicin.chf_risk_pct "$T/b$mgkg/metrics.csv")
  if [ $mgkg -eq 228 ]; then
    check "free DOX bolus $mgm2 mg/m2: risk 26 + 22 x 134 / 150 % (the 550-700 segment)" \
      '[ $rc -eq 0 ] && near "$d" "$mgm2" 1e-6 && near "$r" 45.653333333 0 "$(awk -v d=$mgm2 "BEGIN { print 22 / 150 * 1e-6 * d + 1e-9 }")"'
  else
    check "free DOX bolus $mgm2 mg/m2, beyond the table: no chf_risk_pct" \
      '[ $rc -eq 0 ] && near "$d" "$mgm2" 1e-6 && [ -z "$r" ]'
  fi
done

# ---- exopk params lists the dose-risk table, a row a point, with its source ----
"$EXOPK" params chf_risk --csv > "$T/risk.csv" 2>&1
# Swain 2003 (Cancer 97:2869): 26 % at 550 mg/m2, 5 % at 400 (via a review table)
check "params: the 550 mg/m2 point is 26 % with Swain 2003 as source" \
  'grep -q "^doxorubicin.chf_risk.550_mg/m2,26,%,.*Swain SM" "$T/risk.csv"'
check "params: one row per point of the table (4), none for other agents" \
  '[ "$(grep -c "chf_risk" "$T/risk.csv")" -eq 4 ] && ! grep -q "^gemcitabine.chf_risk" "$T/risk.csv"'

# ---- bad dose-risk tables: file, line, field, what was expected ----
mkdir -p "$T/lib" && cp -r "$SRC/data/." "$T/lib/"
dox="$T/lib/agents/doxorubicin.lua"
cp "$dox" "$T/dox.orig"
try() {  # $1: sed expression on doxorubicin.lua; $2: expected message (grep -F)
  cp "$T/dox.orig" "$dox" && sed -i "$1" "$dox"
  EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$SRC/data/examples/default.lua" > /dev/null 2> "$T/err"
  rc=$?
  [ $rc -eq 2 ] && grep -qF "$2" "$T/err"
}
check "points out of order: the point, its dose, the rule" \
  'try "s/{ 500, 16 }/{ 300, 16 }/" "agents/doxorubicin.lua:$(grep -n "points = " "$T/dox.orig" | cut -d: -f1): chf_risk.points[2]: dose 300 must be above 400"'
check "a falling risk is refused" \
  'try "s/{ 500, 16 }/{ 500, 4 }/" "chf_risk.points[2]: risk 4 must lie in [5, 100]"'
check "a risk unit other than % is refused" 'try "s/risk_unit = \"%\"/risk_unit = \"1\"/" "chf_risk.risk_unit: must be \"%\""'
check "a misspelt key: the nearest name" \
  'try "s/risk_unit = /risk_unt = /" "chf_risk.risk_unt: unknown field (did you mean \"risk_unit\"?)"'
check "a table without a source is refused" \
  'try "/^  chf_risk = {/,/^  },/{/^    source = /d}" "chf_risk.source: missing"'
cp "$T/dox.orig" "$dox"
sed -n '/^  chf_risk = {/,/^  },/p' "$T/dox.orig" > "$T/table"
sed -i "/^  share = {/{
r $T/table
N
}" "$T/lib/agents/sirna_abcb1.lua"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$SRC/data/examples/sirna_abcb1_dox.lua" > /dev/null 2> "$T/err"; rc=$?
check "a dose-risk table on an siRNA is refused" '[ $rc -eq 2 ] && grep -q "sirna_abcb1.lua:[0-9]*: chf_risk: only for a small_molecule agent" "$T/err"'

# ---- cytosolic RNA copies per cell ----
"$EXOPK" simulate "$SRC/data/examples/sirna_abcb1_dox.lua" --arm exodox_sirna -o "$T/si" > /dev/null 2>&1; rc=$?
c=$(metric exodox_sirna sirna_abcb1.cytosolic_copies_per_cell_max "$T/si/metrics.csv")
m=$(metric exodox_sirna sirna_abcb1.molecules_per_cell_max "$T/si/metrics.csv")
check "siRNA: cytosolic copies > 0 and below cytosol + RISC (k_risc > 0 moves some into RISC)" \
  '[ $rc -eq 0 ] && awk -v c="$c" -v m="$m" "BEGIN { exit !(c > 0 && c < m) }"'
"$EXOPK" simulate "$SRC/data/examples/sirna_abcb1_dox.lua" --arm exodox_sirna \
  --set sirna_abcb1.k_risc=0 -o "$T/si0" > /dev/null 2>&1; rc=$?
c=$(metric exodox_sirna sirna_abcb1.cytosolic_copies_per_cell_max "$T/si0/metrics.csv")
m=$(metric exodox_sirna sirna_abcb1.molecules_per_cell_max "$T/si0/metrics.csv")
check "siRNA with k_risc = 0: the cytosol holds all, cytosolic copies = molecules per cell" \
  '[ $rc -eq 0 ] && near "$c" "$m" 1e-12'
check "no cytosolic copies metric for doxorubicin" '! grep -q "doxorubicin.cytosolic_copies" "$T/si/metrics.csv"'


# ---- tumour models: each loads, and its untreated growth is the Gompertz law of ----
# docs/model.md §5 with the data file's numbers: V(t) = K (V0/K)^exp(-lambda t),
# lambda = growth_rate / ln(K / 100 mm3), here from V0 = 100 mm3 (the reference volume)
# over the doubling time ln 2 / growth_rate the sourced rate means there; no resistant
# cells and no mutation, so only the sensitive cells grow. Solver rtol 1e-10: 1e-6.
for spec in 4t1:0.28:3000 hcc70:0.07:3000 mcf7:0.05:3000 mda_mb_231:0.1:3000 mcf7_adr:0.05:3000; do
  model=${spec%%:*}; rest=${spec#*:}; g=${rest%%:*}; K=${rest#*:}
  td=$(awk -v g="$g" 'BEGIN { printf "%.6f", log(2) / g * 24 }')          # h
  cat > "$T/grow-$model.lua" <<EOF2
return {
  name = "untreated $model",
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "$model", volume = "100 mm3", resistant_fraction = 0 } },
  horizon = "$td h", output_every = "$(awk -v t="$td" 'BEGIN { printf "%.6f", t / 8 }') h",
  arms = { control = {} },
  params = { ["tumour.mutation_rate"] = 0 },
  solver = { rtol = 1e-10, atol = 1e-14 },
}
EOF2
  "$EXOPK" check "$T/grow-$model.lua" > /dev/null 2>&1; rc=$?
  check "tumour $model: a study using it loads (exopk check)" '[ $rc -eq 0 ]'
  "$EXOPK" simulate "$T/grow-$model.lua" -o "$T/grow-$model" > /dev/null 2>&1; rc=$?
  v=$(metric control tumour_volume_final "$T/grow-$model/metrics.csv")
  want=$(awk -v g="$g" -v K="$K" -v t="$td" \
    'BEGIN { lam = g / 24 / log(K / 100); printf "%.17g", K * exp(log(100 / K) * exp(-lam * t)) }')
  check "tumour $model: untreated volume after ln2/growth_rate = $td h is the Gompertz value $want mm3" \
    '[ $rc -eq 0 ] && near "$v" "$want" 1e-6'
done


# ---- paclitaxel: a small molecule without a dose-risk table; the exoPTX example runs ----
# A free IV bolus in a healthy mouse: plasma AUC = dose / CL (elimination from the central
# compartment only, linear, a horizon of 20 terminal half-lives), CL = 32 L/h x (0.025 /
# 70)^0.75 (docs/model.md §9.10); 10 mg/kg x 0.025 kg / 853.91 g/mol = 292.77 nmol.
cat > "$T/ptx.lua" <<EOF2
return {
  name = "free paclitaxel bolus", subject = { species = "mouse", weight = "25 g" },
  horizon = "10 d", output_every = "1 h",
  arms = { free_ptx = { { give = "paclitaxel", route = "iv", dose = "10 mg/kg" } } },
  solver = { rtol = 1e-10, atol = 1e-14 },
}
EOF2
"$EXOPK" simulate "$T/ptx.lua" -o "$T/ptx" > /dev/null 2> "$T/err"; rc=$?
P="$T/ptx/metrics.csv"
want=$(awk 'BEGIN { printf "%.17g", 10 * 0.025 / 853.91 * 1e6 / (32 * (0.025 / 70) ^ 0.75) }')
check "paclitaxel bolus: plasma AUC = dose / CL of the label-based model scaled to 25 g" \
  '[ $rc -eq 0 ] && near "$(metric free_ptx paclitaxel.plasma_auc "$P")" "$want" 1e-6'
check "paclitaxel: 10 mg/kg = 30 mg/m2, a free bolus is its own free-equivalent dose, no chf_risk_pct" \
  'near "$(metric free_ptx paclitaxel.cumulative_dose_mg_per_m2 "$P")" 30 1e-12 && near "$(metric free_ptx paclitaxel.free_equivalent_dose_mg_per_m2 "$P")" 30 1e-6 && ! grep -q chf_risk "$P"'
"$EXOPK" simulate "$SRC/data/examples/exoptx.lua" -o "$T/exoptx" > "$T/out" 2>&1; rc=$?
E="$T/exoptx/metrics.csv"
# sonication EE0 0.28 (Kim 2016) is an upper bound of the EE; 3 x 10 mg/kg = 90 mg/m2
check "examples/exoptx.lua runs: paclitaxel loaded by sonication (0 < EE <= 28 %), both arms dosed" \
  '[ $rc -eq 0 ] && awk -F, "\$2 == \"exoptx.paclitaxel.ee_pct\" { e = \$3 } END { exit !(e > 0 && e <= 28) }" "$E" && near "$(metric free_ptx paclitaxel.cumulative_dose_mg_per_m2 "$E")" 90 1e-12 && [ -n "$(metric exoptx paclitaxel.tumour_auc "$E")" ]'


# ---- RNA at an intravenous dose: the cytosol cannot hold more than escape allows ----
# One dose of 2e11 siRNA exosomes: copies per cell <= f_esc (0.015) x molecules given x
# the most of the dose ever in the tumour (tumour_pct_id_max, of particles) / the cells
# at the start (1e8 in 100 mm3; the untreated tumour only grows). About 51 here.
cat > "$T/si1.lua" <<EOF2
return {
  name = "one dose of siRNA exosomes",
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
  horizon = "7 d", output_every = "0.5 h",
  formulations = { exo_si = { carrier = "msc", diameter = "100 nm",
    loading = { method = "electroporation" },
    cargo = { { agent = "sirna_abcb1", offered = "4500 /vesicle" } } } },
  arms = { one = { { give = "exo_si", route = "iv", dose = "2e11 particles" } } },
}
EOF2
"$EXOPK" simulate "$T/si1.lua" -o "$T/si1" > /dev/null 2>&1; rc=$?
S1="$T/si1/metrics.csv"
c=$(metric one sirna_abcb1.cytosolic_copies_per_cell_max "$S1")
bound=$(awk -v mgkg="$(metric one sirna_abcb1.cumulative_dose_mg_per_kg "$S1")" \
  -v pid="$(metric one tumour_pct_id_max "$S1")" \
  'BEGIN { printf "%.17g", 0.015 * mgkg * 0.025 / 13300 * 6.02214076e20 * pid / 100 / 1e8 }')
check "one IV dose: 0 < cytosolic siRNA per cell <= f_esc x tumour share of the molecules per cell ($bound)" \
  '[ $rc -eq 0 ] && awk -v c="$c" -v b="$bound" "BEGIN { exit !(c > 0 && c <= b) }"'

# ---- rho per agent (docs/model.md §5): the tumour's rho_agent gives one drug its own ----
# EC50 multiplier; the others keep rho. A gemcitabine-only study with rho_agent
# gemcitabine = 5 is the study with tumour.rho = 5 and with gemcitabine.rho = 5 (the same
# equations, so the same metrics); the DOX-only default study does not see it.
G="$SRC/data/examples/gemcitabine_sirna_anxa6.lua"
mkdir -p "$T/rlib" && cp -r "$SRC/data/." "$T/rlib/"
sed -i '/^  ic50 = {/i\  rho_agent = {\n    gemcitabine = { 5, "1", grade = "assumed", range = { 1, 10 }, source = "test" },\n  },' \
  "$T/rlib/tumours/mda_mb_231.lua"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" simulate "$G" -o "$T/g-agent" > /dev/null 2>&1; rc1=$?
"$EXOPK" simulate "$G" --set tumour.rho=5 -o "$T/g-tumour" > /dev/null 2>&1; rc2=$?
"$EXOPK" simulate "$G" --set gemcitabine.rho=5 -o "$T/g-set" > /dev/null 2>&1; rc3=$?
"$EXOPK" simulate "$G" -o "$T/g-base" > /dev/null 2>&1; rc4=$?
check "rho_agent gemcitabine = 5: the metrics of tumour.rho = 5" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && cmp -s "$T/g-agent/metrics.csv" "$T/g-tumour/metrics.csv"'
check "--set gemcitabine.rho=5: the same metrics" \
  '[ $rc3 -eq 0 ] && cmp -s "$T/g-agent/metrics.csv" "$T/g-set/metrics.csv"'
check "gemcitabine's rho 5 changes the gemcitabine arm (rho 2 without rho_agent)" \
  '[ $rc4 -eq 0 ] && ! near "$(metric gem tumour_volume_final "$T/g-agent/metrics.csv")" "$(metric gem tumour_volume_final "$T/g-base/metrics.csv")" 1e-3'
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" simulate "$SRC/data/examples/default.lua" -o "$T/d-agent" > /dev/null 2>&1; rc=$?
check "rho_agent gemcitabine leaves a DOX study alone" \
  '[ $rc -eq 0 ] && cmp -s "$T/d-agent/metrics.csv" "$T/def/metrics.csv"'
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" params rho_agent > "$T/rows" 2>&1; rc=$?
check "exopk params lists tumour.mda_mb_231.rho_agent.gemcitabine = 5 (effective 5)" \
  '[ $rc -eq 0 ] && grep -Eq "^tumour\.mda_mb_231\.rho_agent\.gemcitabine +5 1 +1-10 +5 1 " "$T/rows"'
"$EXOPK" params gemcitabine.rho > "$T/rows" 2>&1; rc=$?
check "exopk params lists the derived gemcitabine.rho" \
  '[ $rc -eq 0 ] && grep -Eq "^gemcitabine\.rho +\(derived\)" "$T/rows"'
"$EXOPK" simulate "$G" --set gemcitabine.roh=5 -o "$T/g-bad" > /dev/null 2> "$T/err"; rc=$?
check "a misspelt per-agent rho path: the nearest name" \
  '[ $rc -eq 2 ] && grep -qF "unknown parameter \"gemcitabine.roh\" (did you mean \"gemcitabine.rho\"?)" "$T/err"'

# An siRNA on resistance changes the rho of the drug named in resistance_of only:
# sirna_anxa6 names gemcitabine, so with DOX (much cytosolic siRNA: f_esc 0.5, share 0.9)
# the tumour is the tumour with share 0 (no effect at all); without resistance_of (every
# drug, the former behaviour) DOX's resistant cells are killed more.
sed -e 's/give = "gemcitabine", route = "ip", dose = "50 mg\/kg"/give = "doxorubicin", route = "iv", dose = "2 mg\/kg"/' \
  -e '/\["gemcitabine\./d' "$G" > "$T/dox-si.lua"
mkdir -p "$T/alllib" && cp -r "$SRC/data/." "$T/alllib/" && sed -i '/^  resistance_of = /d' "$T/alllib/agents/sirna_anxa6.lua"
X="--arm gem_exo_sianxa6 --set sirna_anxa6.f_esc=0.5"
"$EXOPK" simulate "$T/dox-si.lua" $X --set sirna_anxa6.share=0.9 -o "$T/x-named" > /dev/null 2>&1; rc1=$?
"$EXOPK" simulate "$T/dox-si.lua" $X --set sirna_anxa6.share=0 -o "$T/x-none" > /dev/null 2>&1; rc2=$?
EXOPK_DATA_DIR="$T/alllib" "$EXOPK" simulate "$T/dox-si.lua" $X --set sirna_anxa6.share=0.9 -o "$T/x-all" > /dev/null 2>&1; rc3=$?
vn=$(metric gem_exo_sianxa6 tumour_volume_final "$T/x-named/metrics.csv")
v0=$(metric gem_exo_sianxa6 tumour_volume_final "$T/x-none/metrics.csv")
va=$(metric gem_exo_sianxa6 tumour_volume_final "$T/x-all/metrics.csv")
kd=$(metric gem_exo_sianxa6 sirna_anxa6.knockdown_max_pct "$T/x-named/metrics.csv")
check "siRNA-ANXA6 ($kd % knockdown) leaves DOX's resistance alone: volume $vn = $v0 (share 0)" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && near "$vn" "$v0" 1e-9 && awk -v k="$kd" "BEGIN { exit !(k > 50) }"'
"$EXOPK" check "$T/dox-si.lua" > /dev/null 2> "$T/err"; rc=$?
check "a study giving no drug the siRNA names is warned" \
  '[ $rc -eq 0 ] && grep -q "arms: sirna_anxa6 changes the resistance of gemcitabine only (its resistance_of), and no arm gives gemcitabine: here it changes no drug.s resistance$" "$T/err"'
"$EXOPK" check "$G" > /dev/null 2> "$T/err"
check "the gemcitabine study is not" '! grep -q "resistance_of" "$T/err"'
check "without resistance_of it lowers DOX's rho too: volume $va below $v0" \
  '[ $rc3 -eq 0 ] && awk -v a="$va" -v b="$v0" "BEGIN { exit !(a < b * 0.995) }"'

# A bad cargo class or acts_on in an agent file: the field, the nearest valid name.
si="$T/rlib/agents/sirna_abcb1.lua"
sed -i 's/^  acts_on = "pgp",/  acts_on = "pgpp",/' "$si"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" check "$SRC/data/examples/sirna_abcb1_dox.lua" > /dev/null 2> "$T/err"; rc=$?
check "an unknown acts_on: exit 2, the choices and the nearest" \
  '[ $rc -eq 2 ] && grep -q "agents/sirna_abcb1.lua:[0-9]*: acts_on: expected pgp, resistance, transfer or growth (did you mean \"pgp\"?)" "$T/err"'
cp "$SRC/data/agents/sirna_abcb1.lua" "$si"
sed -i 's/^  class = "sirna",/  class = "sirn",/' "$si"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" check "$SRC/data/examples/sirna_abcb1_dox.lua" > /dev/null 2> "$T/err"; rc=$?
check "an unknown cargo class: exit 2, the nearest" \
  '[ $rc -eq 2 ] && grep -q "agents/sirna_abcb1.lua:[0-9]*: class: unknown cargo class (did you mean \"sirna\"?)" "$T/err"'
cp "$SRC/data/agents/sirna_abcb1.lua" "$si"

# Bad per-agent rho and resistance_of in the library: file, line, field, what was expected.
si="$T/rlib/agents/sirna_abcb1.lua"
sed -i '/^  acts_on = "pgp",/a\  resistance_of = "doxorubicin",' "$si"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" check "$SRC/data/examples/sirna_abcb1_dox.lua" > /dev/null 2> "$T/err"; rc=$?
check "resistance_of on an siRNA acting on P-gp is refused" \
  '[ $rc -eq 2 ] && grep -q "agents/sirna_abcb1.lua:[0-9]*: resistance_of: only for an anti-miR, or an siRNA or mimic with acts_on = \"resistance\"" "$T/err"'
cp "$SRC/data/agents/sirna_abcb1.lua" "$si"
an="$T/rlib/agents/sirna_anxa6.lua"
sed -i 's/resistance_of = "gemcitabine"/resistance_of = "gemcitabin"/' "$an"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" check "$G" > /dev/null 2> "$T/err"; rc=$?
check "a misspelt resistance_of: the nearest agent" \
  '[ $rc -eq 2 ] && grep -q "agents/sirna_anxa6.lua:[0-9]*: resistance_of: unknown agent \"gemcitabin\" (did you mean \"gemcitabine\"?)" "$T/err"'
sed -i 's/resistance_of = "gemcitabin"/resistance_of = 3/' "$an"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" check "$G" > /dev/null 2> "$T/err"; rc=$?
check "resistance_of must be an agent name" \
  '[ $rc -eq 2 ] && grep -q "sirna_anxa6.lua:[0-9]*: resistance_of: expected the name of a small-molecule agent" "$T/err"'
cp "$SRC/data/agents/sirna_anxa6.lua" "$an"
tu="$T/rlib/tumours/mda_mb_231.lua"
sed -i 's/gemcitabine = { 5, "1", grade = "assumed", range = { 1, 10 }, source = "test" }/gemcitabine = { 5, "uM", grade = "assumed", range = { 1, 10 }, source = "test" }/' "$tu"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" check "$G" > /dev/null 2> "$T/err"; rc=$?
check "a rho_agent entry with a unit of concentration is refused" \
  '[ $rc -eq 2 ] && grep -q "tumours/mda_mb_231.lua:[0-9]*: rho_agent.gemcitabine" "$T/err"'
sed -i 's/^  rho_agent = {/  rho_agnet = {/' "$tu"
EXOPK_DATA_DIR="$T/rlib" "$EXOPK" check "$G" > /dev/null 2> "$T/err"; rc=$?
check "a misspelt rho_agent: the nearest name" \
  '[ $rc -eq 2 ] && grep -qF "rho_agnet: unknown field (did you mean \"rho_agent\"?)" "$T/err"'

echo "1..$n"
exit $fail

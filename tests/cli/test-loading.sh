#!/bin/sh
# Measured loading and doses in vesicle protein (docs/study-files.md,
# "Measured loading", "Dose units") (TAP).  $1: the exopk binary, $2: the source root.
# Expected numbers are computed here from the formulas: protein per msc vesicle
# 1e-16 g (1e10 particles/ug), DOX base 543.52 g/mol, DOX.HCl 579.99 g/mol.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"
near() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b - 1; exit !(a != "" && r < 5e-4 && r > -5e-4) }'; }
NA=6.02214076e23
# the capacity model of a 100 nm msc vesicle under electroporation (docs/model.md §1):
# lumen radius 45 nm at 10 mM, 0.1 sites/nm2 on the outer leaflet
CAP_LUM=$(awk -v na=$NA 'BEGIN { print 4 / 3 * 3.141592653589793 * 45^3 * 1e-24 * 0.01 * na }')
CAP_MEM=$(awk 'BEGIN { print 0.1 * 4 * 3.141592653589793 * 50^2 }')
CAP=$(awk -v a="$CAP_LUM" -v b="$CAP_MEM" 'BEGIN { print a + b }')

study() { # CARGO-FIELDS [DOSE] [GIVE]
  cat > "$T/s.lua" <<LUA
return {
  subject = { species = "mouse" },
  horizon = "1 d",
  formulations = { exo = { carrier = "msc", loading = { method = "electroporation" },
                           cargo = { { agent = "doxorubicin", $1 } } } },
  arms = { a = { { give = "${3:-exo}", route = "iv", dose = "${2:-2e11 particles}" } } },
}
LUA
}
per_vesicle() { sed -n 's/.* measured: \([0-9.e+]*\) molecules\/vesicle.*/\1/p' "$1"; }
run() { "$EXOPK" check "$T/s.lua" > "$T/out" 2> "$T/err"; rc=$?; }
err_is() { printf '%s\n' "$1" > "$T/expect"; [ $rc -eq 2 ] && cmp -s "$T/err" "$T/expect"; }

study 'loaded = "50 ng/ug protein"'; run
check "50 ng/ug protein of DOX is 50e-9 g / 543.52 g/mol * NA / 1e10 per vesicle (about 5540)" \
      '[ $rc -eq 0 ] && near "$(per_vesicle "$T/out")" "$(awk -v na=$NA "BEGIN { print 50e-9 / 543.52 * na / 1e10 }")"'
check "the report shows what was given and the capacity model" \
      'grep -q "^loading  exo: doxorubicin by electroporation, 100 nm: loaded = \"50 ng/ug protein\" measured: .*; capacity model: at most 5440 (lumen 2299, membrane 3142)$" "$T/out" && near 5440 "$CAP"'
printf '%s\n' 'warning: formulation exo: doxorubicin: the measured load, 5540 molecules per vesicle (loaded = "50 ng/ug protein"), is more than the capacity model allows, 5440 (lumen 2299 at 10 mM, membrane 3142, 100 nm vesicle); it is used as given, not capped' > "$T/expect"
check "a load above the capacity warns naming both numbers (exit 0)" '[ $rc -eq 0 ] && cmp -s "$T/err" "$T/expect"'
check "the measured load is split between the pools as the capacities are" \
      'near "$(sed -n "s/.* measured: [0-9.e+]* molecules\/vesicle (lumen \([0-9.e+]*\),.*/\1/p" "$T/out")" "$(awk -v c=$CAP -v l=$CAP_LUM -v na=$NA "BEGIN { print 50e-9 / 543.52 * na / 1e10 * l / c }")"'

study 'offered = "5000 /vesicle", loaded = "850 /vesicle"'; run
check "loaded = \"850 /vesicle\" is used as given; beside it the model's 913.5 of 5000 offered" \
      '[ $rc -eq 0 ] && [ ! -s "$T/err" ] && near "$(per_vesicle "$T/out")" 850 && grep -q "EE 17 %; capacity model: at most 5440 (lumen 2299, membrane 3142), 913.5 of 5000 offered (EE 18.3 %)$" "$T/out" && near 913.5 "$(awk -v c=$CAP "BEGIN { print c * (1 - exp(-0.2 * 5000 / c)) }")"'
check "2e11 particles at 850 per vesicle carry 2e11 * 850 / NA mol" \
      'grep -q "^dose     a: 2e+11 particles of exo carry 0.2823 nmol" "$T/out" && near 0.2823 "$(awk -v na=$NA "BEGIN { print 2e11 * 850 / na * 1e9 }")"'

study 'offered = "5000 /vesicle", ee = "12 %"'; run
check "ee = \"12 %\" of 5000 offered is 600 per vesicle" '[ $rc -eq 0 ] && near "$(per_vesicle "$T/out")" 600'

study 'dlc = "3 % w/w"'; run
check "dlc 3 % w/w (cargo over cargo + protein) is 0.03/0.97 * 1e-16 g / 543.52 * NA" \
      '[ $rc -eq 0 ] && near "$(per_vesicle "$T/out")" "$(awk -v na=$NA "BEGIN { print 0.03 / 0.97 * 1e-16 / 543.52 * na }")" && grep -q "DLC 3 % (w/w)" "$T/out"'
study 'dlc = "3 %"'; run
check "dlc \"3 %\" is the same as \"3 % w/w\"" '[ $rc -eq 0 ] && near "$(per_vesicle "$T/out")" "$(awk -v na=$NA "BEGIN { print 0.03 / 0.97 * 1e-16 / 543.52 * na }")"'

# errors, exactly
study 'loaded = "850 /vesicle", dlc = "3 %"'; run
check "two ways of giving the load: an error naming the second field and the first" \
      'err_is "$T/s.lua:5: formulations.exo.cargo[1].dlc: the load is already given by loaded; give one of loaded, ee, dlc"'
study 'ee = "12 %"'; run
check "ee without offered: an error naming ee" \
      'err_is "$T/s.lua:5: formulations.exo.cargo[1].ee: \"12 %\": a share of what was offered: give offered too, e.g. offered = \"5000 /vesicle\""'
study 'loaded = 850'; run
check "loaded without a unit: an error naming both forms" \
      'err_is "$T/s.lua:5: formulations.exo.cargo[1].loaded: 850 has no unit: give molecules per vesicle, e.g. \"850 /vesicle\", or cargo per vesicle protein, e.g. \"850 ng/ug protein\""'
study 'dlc = "100 %"'; run
check "dlc of 100 %: an error" \
      'err_is "$T/s.lua:5: formulations.exo.cargo[1].dlc: \"100 %\": must be at least 0 and below 100 % (cargo over cargo + vesicle protein)"'
study 'ee = "120 %", offered = "5000 /vesicle"'; run
check "ee above 100 %: an error" \
      'err_is "$T/s.lua:5: formulations.exo.cargo[1].ee: \"120 %\": must be between 0 and 100 %"'
study 'loaded = "50 ng protein"'; run
check "loaded in protein that is not a mass ratio: an error" \
      'err_is "$T/s.lua:5: formulations.exo.cargo[1].loaded: \"50 ng protein\": expected cargo per vesicle protein, a mass over a mass, e.g. \"50 ng/ug protein\""'
study 'offered = "5000 /vesicle"'; run
check "no measured load: the model's report line is unchanged" \
      '[ $rc -eq 0 ] && grep -q "^loading  exo: doxorubicin by electroporation, 100 nm: 913.5 molecules/vesicle (lumen 386, membrane 527.5) of 5000 offered (0.0482 mg/mg); EE 18.3 %" "$T/out" && [ "$(awk -v na=$NA "BEGIN { printf \"%.3g\", 5000 / na * 579.99 / 1e-16 }")" = 0.0482 ]'

# doses in vesicle protein: particles = ug protein x the carrier's particles_per_ug_protein
study 'offered = "5000 /vesicle"' '100 ug protein'; run
check "dose \"100 ug protein\" of msc vesicles is 100 x 1e10 = 1e12 particles, with its range" \
      '[ $rc -eq 0 ] && [ ! -s "$T/err" ] && grep -qx "dose     a: \"100 ug protein\" of exo is 1e+12 particles at 1e+10 particles/ug protein (carrier.msc.particles_per_ug_protein); its range 1e+09 to 3e+10 gives 1e+11 to 3e+12 particles" "$T/out" && grep -q "^dose     a: 1e+12 particles of exo carry" "$T/out"'
study 'offered = "5000 /vesicle"' '4 mg/kg protein'; run
check "dose \"4 mg/kg protein\" at 25 g is 100 ug, 1e12 particles" \
      '[ $rc -eq 0 ] && grep -q "^dose     a: \"4 mg/kg protein\" of exo is 1e+12 particles" "$T/out"'
study 'offered = "5000 /vesicle"' '100 ug protein'; sed -i 's/carrier = "msc"/carrier = "milk"/' "$T/s.lua"; run
check "milk vesicles (3e9 particles/ug protein): 100 ug protein is 3e11 particles" \
      '[ $rc -eq 0 ] && grep -q "^dose     a: \"100 ug protein\" of exo is 3e+11 particles at 3e+09 particles/ug protein (carrier.milk.particles_per_ug_protein)" "$T/out"'
study 'offered = "5000 /vesicle"' '100 ug protein' doxorubicin; run
check "vesicle protein for a free agent: an error" \
      'err_is "$T/s.lua:6: arms.a[1].dose: \"100 ug protein\": a free agent has no vesicle protein: dose it as a mass or an amount, e.g. \"5 mg/kg\""'
study 'offered = "5000 /vesicle"' '100 nmol protein'; run
check "vesicle protein that is not a mass: an error" \
      'err_is "$T/s.lua:6: arms.a[1].dose: \"100 nmol protein\": expected a mass of vesicle protein, e.g. \"100 ug protein\" or \"4 mg/kg protein\""'
study 'offered = "5000 /vesicle"' '100 ug/m2 protein'; run
check "vesicle protein per m2: an error" \
      'err_is "$T/s.lua:6: arms.a[1].dose: \"100 ug/m2 protein\": expected a mass of vesicle protein, e.g. \"100 ug protein\" or \"4 mg/kg protein\""'

# a script's set takes vesicle protein too
study 'offered = "5000 /vesicle"' '100 ug protein'
cat > "$T/set.lua" <<'LUA'
local exopk = require "exopk"
local s = exopk.load(arg[1])
local line = s:copy():set("a", { dose = "50 ug protein" }):arm("a")[1]
print(string.format("%.17g %s", line.dose, line.unit))
print(select(2, pcall(function() return s:copy():set("a", { dose = "50 nmol protein" }) end)))
LUA
"$EXOPK" run "$T/set.lua" "$T/s.lua" > "$T/out" 2> "$T/err"; rc=$?
check "set dose = \"50 ug protein\" is 50 x 1e10 = 5e11 particles" '[ $rc -eq 0 ] && set -- $(head -1 "$T/out") && [ "$2" = particles ] && near "$1" 5e11'
check "set dose in protein that is not a mass: the error" 'tail -1 "$T/out" | grep -q "set.dose: \"50 nmol protein\": expected a mass of vesicle protein"'

# a published exoDOX mass dose at a measured load (data/examples/exodox_measured_load.lua):
# 2 mg/kg DOX.HCl at 25 g = 86.21 nmol; 470 ng/ug protein = 0.47 * 1e-16 / 543.52 * NA per vesicle
EX="$SRC/data/examples/exodox_measured_load.lua"
"$EXOPK" check "$EX" > "$T/out" 2> "$T/err"; rc=$?
PER=$(awk -v na=$NA 'BEGIN { print 0.47e-16 / 543.52 * na }')
check "exoDOX example: 470 ng/ug protein is about 5.21e4 DOX per vesicle" '[ $rc -eq 0 ] && near "$(per_vesicle "$T/out")" "$PER"'
check "exoDOX example: 2 mg/kg is 86.21 nmol / (load / NA) = 9.969e11 particles" \
      'near "$(sed -n "s/^dose     exodox: \([0-9.e+]*\) particles of exodox carry 86.21 nmol.*/\1/p" "$T/out")" "$(awk -v na=$NA -v m=$PER "BEGIN { print 2e-3 * 0.025 / 579.99 * na / m }")"'
check "exoDOX example: the load is above the capacity, a warning" 'grep -q "^warning: formulation exodox: doxorubicin: the measured load, 5.208e+04 molecules per vesicle (loaded = \"470 ng/ug protein\"), is more than the capacity model allows, 5440" "$T/err"'

# %ID per gram (docs/outputs.md): mouse liver 5.49 % + spleen 0.35 % of 25 g = 1.46 g,
# plasma 0.04 L/kg x 25 g = 1 mL, tumour volume in mm3 x 1e-3 g/mm3
cat > "$T/g.lua" <<LUA
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "1 d",
  formulations = { exo = { carrier = "msc", loading = { method = "electroporation" },
                           cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } } },
  arms = { a = { { give = "exo", route = "iv", dose = "2e11 particles" } } },
}
LUA
"$EXOPK" simulate "$T/g.lua" -o "$T/g" > /dev/null 2>&1; rc=$?
col() { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } c { print $c }' "$T/g/a.csv"; }
ratio_ok() { # A B GRAMS: every row A = B / GRAMS (1e-8 relative, 1e-15 absolute)
  col "$1" > "$T/x"; col "$2" > "$T/y"
  [ -s "$T/x" ] && paste -d' ' "$T/x" "$T/y" | awk -v f="$3" '{ d = $1 - $2 / f; if (d < 0) d = -d; if (d > 1e-8 * ($1 < 0 ? -$1 : $1) + 1e-15) bad = 1 } END { exit bad }'
}
check "mps_particles_pct_id_per_g = mps %ID / 1.46 g (liver + spleen of a 25 g mouse)" \
      '[ $rc -eq 0 ] && ratio_ok "mps_particles_pct_id_per_g [%/g]" "mps_particles_pct_id [%]" "$(awk "BEGIN { printf \"%.17g\", (0.0549 + 0.0035) * 25 }")"'
check "plasma_particles_pct_id_per_ml = plasma %ID / 1 mL" \
      'ratio_ok "plasma_particles_pct_id_per_ml [%/mL]" "plasma_particles_pct_id [%]" 1'
col "tumour_interstitium_particles_pct_id [%]" > "$T/i"; col "tumour_cells_particles_pct_id [%]" > "$T/c"
col "tumour_volume [mm3]" > "$T/v"; col "tumour_particles_pct_id_per_g [%/g]" > "$T/g1"
check "tumour_particles_pct_id_per_g = (interstitium + cells) %ID / (volume mm3 x 1e-3 g)" \
      '[ -s "$T/g1" ] && paste -d" " "$T/i" "$T/c" "$T/v" "$T/g1" | awk "{ e = (\$1 + \$2) / (\$3 * 1e-3); d = e - \$4; if (d < 0) d = -d; if (d > 1e-8 * e + 1e-15) bad = 1 } END { exit bad }"'
check "tumour_pct_id_per_g_max is the column's max" \
      'm=$(sed -n "s/^a,tumour_pct_id_per_g_max,\([^,]*\),%\/g$/\1/p" "$T/g/metrics.csv"); near "$m" "$(sort -g "$T/g1" | tail -1)"'

echo "1..$n"
exit $fail

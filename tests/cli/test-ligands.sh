#!/bin/sh
# Named targeting ligands (docs/study-files.md, "Surface and ligands";
# docs/model.md, "Targeting") through the CLI (TAP): check, the missing-
# receptor warning, errors, `exopk params`, --set.  $1: the exopk binary,
# $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"
# relative difference below $3 (default 1e-9)
near() { awk -v a="$1" -v b="$2" -v e="${3:-1e-9}" 'BEGIN { r = a / b - 1; exit !(a != "" && r < e && r > -e) }'; }

study() { # TUMOUR LIGAND-VALUE
  cat > "$T/s.lua" <<LUA
return {
  subject = { species = "mouse", tumour = { model = "$1" } },
  horizon = "2 d",
  formulations = { exo = { carrier = "msc", surface = { ligand = $2 },
                           loading = { method = "electroporation" },
                           cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } } },
  arms = { a = { { give = "exo", route = "iv", dose = "2e11 particles" } } },
}
LUA
}
run() { (cd "$T" && "$EXOPK" check s.lua > out 2> err); rc=$?; }
err_is() { printf '%s\n' "$@" > "$T/expect"; cmp -s "$T/err" "$T/expect"; }
W="its uptake, washout and extravasation multipliers do not apply (mps_multiplier does)"

"$EXOPK" check "$SRC/data/examples/exodox_irgd.lua" > "$T/out" 2> "$T/err"; rc=$?
check "the example exodox_irgd.lua checks without warnings (MDA-MB-231 lists integrin_av and nrp1)" \
      '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'

study mcf7 '"irgd"'; run
check "iRGD on MCF-7 (no receptors listed) warns naming ligand, receptor and tumour (exit 0)" \
      '[ $rc -eq 0 ] && err_is "warning: s.lua:4: formulations.exo.surface.ligand: ligand irgd needs receptor integrin_av, which tumour mcf7 does not list: $W"'

study hcc70 '{ "irgd", "ge11" }'; run
check "iRGD + GE11 on HCC70 (egfr only): one warning, for iRGD, at its list position" \
      '[ $rc -eq 0 ] && err_is "warning: s.lua:4: formulations.exo.surface.ligand[1]: ligand irgd needs receptor integrin_av, which tumour hcc70 does not list: $W"'

check "check reports the product: on HCC70 only GE11 acts on the tumour (k_int x2, k_ip x0.5)" \
      'grep -qx "ligand   exo: irgd + ge11: ps_tum x1, k_int x2, k_ip x0.5, MPS uptake x1 (tumour hcc70)" "$T/out"'

study mda_mb_231 '{ "irgd", "ge11" }'; run
check "on MDA-MB-231 both act and multiply: ps_tum 2 x 1, k_int 2 x 2, k_ip 0.5 x 0.5" \
      '[ $rc -eq 0 ] && [ ! -s "$T/err" ] && grep -qx "ligand   exo: irgd + ge11: ps_tum x2, k_int x4, k_ip x0.25, MPS uptake x1 (tumour mda_mb_231)" "$T/out"'

study hcc70 '"ge11"'; run
check "GE11 on HCC70 (egfr listed): no warning" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'

study mda_mb_231 '"ge11"'; run
check "GE11 on MDA-MB-231 (egfr listed): no warning" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'

study 4t1 '"ge11"'; run
check "GE11 on 4T1 (no receptors sourced): warns about egfr" \
      '[ $rc -eq 0 ] && err_is "warning: s.lua:4: formulations.exo.surface.ligand: ligand ge11 needs receptor egfr, which tumour 4t1 does not list: $W"'

study mcf7 '"ge1l"'; run
check "an unknown ligand is an error naming the nearest (exit 2)" \
      '[ $rc -eq 2 ] && err_is "s.lua:4: formulations.exo.surface.ligand: unknown ligand \"ge1l\" (did you mean \"ge11\"?)"'

study mcf7 'true'; run
check "a ligand that is no name is an error saying what is expected" \
      '[ $rc -eq 2 ] && err_is "s.lua:4: formulations.exo.surface.ligand: expected a ligand name or a list of names, e.g. ligand = \"irgd\" or { \"irgd\", \"ge11\" }"'

"$EXOPK" params ligand. --format csv > "$T/p" 2> "$T/err"; rc=$?
check "exopk params lists ligand.NAME.KEY: four multipliers for each of irgd and ge11" \
      '[ $rc -eq 0 ] && [ "$(grep -c "^ligand\.\(irgd\|ge11\)\.\(k_int\|k_ip\|ps_tum\|mps\)_multiplier," "$T/p")" -eq 8 ]'
check "ligand.irgd.ps_tum_multiplier is 2, grade W, range 1-3, with its sources" \
      'grep -q "^ligand\.irgd\.ps_tum_multiplier,2,1,1,3,,,W,.*Sugahara.*Tian" "$T/p"'
check "assumed multipliers say so (ligand.ge11.ps_tum_multiplier)" \
      'grep -q "^ligand\.ge11\.ps_tum_multiplier,1,1,1,1.5,,,assumed,,\"*assumed: " "$T/p"'

"$EXOPK" params receptors --format csv > "$T/p" 2> "$T/err"; rc=$?
check "exopk params lists the receptors of ligands and tumours, with their sources" \
      '[ $rc -eq 0 ] && grep -q "^ligand\.irgd\.receptors\.nrp1,1,.*Sugahara" "$T/p" && grep -q "^tumour\.hcc70\.receptors\.egfr,1,.*Ohno" "$T/p" && ! grep -q "^tumour\.hcc70\.receptors\.integrin_av" "$T/p"'
check "a tumour listing none shows one row, 0, saying why (mcf7)" \
      'grep -q "^tumour\.mcf7\.receptors,0,.*EGFR-negative" "$T/p"'

# --set reaches the ligand: with every multiplier 1 the iRGD arm is the
# plain exoDOX arm, to the last digit the solver gives.
EX="$SRC/data/examples/exodox_irgd.lua"
metric() { sed -n "s/^$1,$2,\([^,]*\),.*/\1/p" "$T/m"; }
"$EXOPK" simulate "$EX" --set ligand.irgd.ps_tum_multiplier=1 --set ligand.irgd.k_int_multiplier=1 \
    --set ligand.irgd.k_ip_multiplier=1 -o - --metrics > "$T/m" 2> "$T/err"; rc=$?
check "--set ligand.irgd.*=1 makes exodox_irgd the same as exodox (tumour %ID max, tumour DOX AUC)" \
      '[ $rc -eq 0 ] && near "$(metric exodox_irgd tumour_pct_id_max)" "$(metric exodox tumour_pct_id_max)" 1e-6 && near "$(metric exodox_irgd doxorubicin.tumour_auc)" "$(metric exodox doxorubicin.tumour_auc)" 1e-6'
"$EXOPK" simulate "$EX" -o - --metrics > "$T/m" 2> "$T/err"; rc=$?
check "with the library's iRGD the tumour %ID max is 1.5-2.5 times exoDOX's (ps_tum x2 on a small share of clearance)" \
      '[ $rc -eq 0 ] && awk -v a="$(metric exodox_irgd tumour_pct_id_max)" -v b="$(metric exodox tumour_pct_id_max)" "BEGIN { exit !(a / b > 1.5 && a / b < 2.5) }"'
# mps_multiplier acts on MPS uptake as CD47 does (msc: cd47_mps_multiplier 0.6),
# with or without a tumour: in a mouse without one, iRGD with mps_multiplier
# 0.6 gives the CD47 vesicles' MPS and plasma series.
cat > "$T/n.lua" <<LUA
return {
  subject = { species = "mouse" }, horizon = "1 d",
  formulations = {
    cd47 = { carrier = "msc", surface = { cd47 = true }, loading = { method = "electroporation" },
             cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    lig  = { carrier = "msc", surface = { ligand = "irgd" }, loading = { method = "electroporation" },
             cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = { cd47 = { { give = "cd47", route = "iv", dose = "2e11 particles" } },
           lig  = { { give = "lig", route = "iv", dose = "2e11 particles" } } },
}
LUA
# column $2 of series CSV $1 at time $3 h
at() { awk -F, -v c="$2" -v t="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if (index($i, c " [") == 1) k = i; next } $1 == t { print $k }' "$1"; }
"$EXOPK" simulate "$T/n.lua" --set ligand.irgd.mps_multiplier=0.6 -o "$T/o" > /dev/null 2>&1; rc=$?
check "a ligand's mps_multiplier 0.6 gives the MPS %ID of CD47 display (cd47_mps_multiplier 0.6) at 1 h" \
      '[ $rc -eq 0 ] && near "$(at "$T/o/lig.csv" mps_particles_pct_id 1)" "$(at "$T/o/cd47.csv" mps_particles_pct_id 1)" 1e-6'
"$EXOPK" simulate "$T/n.lua" -o "$T/o" > /dev/null 2>&1
check "... and the library's iRGD (mps_multiplier 1) does not: more MPS uptake than CD47" \
      'awk -v a="$(at "$T/o/lig.csv" mps_particles_pct_id 1)" -v b="$(at "$T/o/cd47.csv" mps_particles_pct_id 1)" "BEGIN { exit !(b > 0 && a > 1.1 * b) }"'
"$EXOPK" simulate "$EX" --set ligand.irgd.ps_tum_multiplir=1 -o - > /dev/null 2> "$T/err"; rc=$?
check "--set with a misspelt ligand key names the nearest path (exit 2)" \
      '[ $rc -eq 2 ] && grep -q "unknown parameter \"ligand.irgd.ps_tum_multiplir\" (did you mean \"ligand.irgd.ps_tum_multiplier\"?)" "$T/err"'
"$EXOPK" simulate "$EX" --set ligand.irgd.mps_multiplier=-1 -o - > /dev/null 2> "$T/err"; rc=$?
check "--set ligand.irgd.mps_multiplier=-1 is outside its domain (exit 2)" \
      '[ $rc -eq 2 ] && grep -q "ligand.irgd.mps_multiplier.*must be >= 0" "$T/err"'

# The ligand's library range feeds sensitivity (and populations, priors):
# a Morris design over ligand.irgd.ps_tum_multiplier spans 1 to 3.
"$EXOPK" sensitivity "$EX" --arm exodox_irgd --method morris --samples 2 \
    --vary ligand.irgd.ps_tum_multiplier --metric tumour_pct_id_max -o "$T/sm" > /dev/null 2>&1; rc=$?
check "sensitivity takes ligand.irgd.ps_tum_multiplier's library range, 1 to 3" \
      '[ $rc -eq 0 ] && grep -q "^exodox_irgd,tumour_pct_id_max,%,ligand.irgd.ps_tum_multiplier,1,2,1,3,log," "$T/sm/sensitivity.csv"'
# Local elasticity of the tumour %ID to the extravasation multiplier: the
# tumour takes a small share of clearance, so about a / (a + m r) = 0.99
# (r = 0.05 1/h, a = k_pt + r_mps + k_cl = 6.7 1/h; docs/model.md, "Targeting"), at most 1.
"$EXOPK" sensitivity "$EX" --arm exodox_irgd --vary ligand.irgd.ps_tum_multiplier \
    --metric tumour_pct_id_max -o "$T/sl" > /dev/null 2>&1; rc=$?
S=$(sed -n 's/^exodox_irgd,tumour_pct_id_max,%,ligand.irgd.ps_tum_multiplier,1,2,\([^,]*\),.*/\1/p' "$T/sl/sensitivity.csv")
check "d ln(tumour %ID max) / d ln(ps_tum_multiplier) is between 0.95 and 1 (got $S)" \
      '[ $rc -eq 0 ] && awk -v s="$S" "BEGIN { exit !(s != \"\" && s > 0.95 && s <= 1) }"'

# A ligand data file must give its receptors, with a source.
mkdir -p "$T/lib" && cp -r "$SRC/data/." "$T/lib/"
sed -i '/^  receptors = /,/^$/d' "$T/lib/ligands/ge11.lua"
study hcc70 '"ge11"'
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$T/s.lua" > /dev/null 2> "$T/err"; rc=$?
check "a ligand file without receptors is an error naming the file and field" \
      '[ $rc -eq 2 ] && grep -q "ligands/ge11.lua: receptors: missing (the receptors the ligand needs" "$T/err"'
cp "$SRC/data/ligands/ge11.lua" "$T/lib/ligands/ge11.lua"
sed -i 's/receptors = { "egfr", grade/receptors = { "egfr", "EGF R", grade/' "$T/lib/ligands/ge11.lua"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$T/s.lua" > /dev/null 2> "$T/err"; rc=$?
check "a receptor that is no name is an error at its position" \
      '[ $rc -eq 2 ] && grep -q "ge11.lua:[0-9]*: receptors\[2\]: expected a receptor name" "$T/err"'

echo "1..$n"
exit $fail

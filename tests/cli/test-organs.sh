#!/bin/sh
# Organ outputs (docs/model.md "Organs", docs/outputs.md) (TAP).
# $1: the exopk binary, $2: the source root.  Expected values come from the
# definitions: liver, spleen and lungs are shares of the MPS compartment,
# kidneys and the rest shares of the peripheral tissue, %ID/g divides by
# the organ's weight fraction x 25 g (Brown 1997 fractions in the mouse file).
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"

cat > "$T/s.lua" <<LUA
return {
  subject = { species = "mouse" },
  horizon = "1 d",
  output_every = "0.5 h",
  formulations = { exo = { carrier = "msc", loading = { method = "electroporation" },
                           cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } } },
  arms = { a = { { give = "exo", route = "iv", dose = "2e11 particles" } } },
}
LUA
"$EXOPK" simulate "$T/s.lua" -o "$T/o" > /dev/null 2> "$T/err"; rc=$?
check "simulate runs (exit 0, nothing on stderr)" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'
head -1 "$T/o/a.csv" | tr , '\n' > "$T/cols"
for o in liver spleen lungs kidneys rest; do
  check "$o: columns ${o}_particles_pct_id [%] and ${o}_particles_pct_id_per_g [%/g]" \
        'grep -qx "${o}_particles_pct_id \[%\]" "$T/cols" && grep -qx "${o}_particles_pct_id_per_g \[%/g\]" "$T/cols"'
  check "$o: metrics ${o}_pct_id_max [%] and ${o}_pct_id_per_g_max [%/g]" \
        'grep -q "^a,${o}_pct_id_max,[0-9.e+-]*,%$" "$T/o/metrics.csv" && grep -q "^a,${o}_pct_id_per_g_max,[0-9.e+-]*,%/g$" "$T/o/metrics.csv"'
done

col() { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } c { print $c }' "$T/o/a.csv"; }
# every row: sum of the parts = the compartment, to the CSV's rounding (1e-8 relative)
sum_ok() { # WHOLE PART...
  w=$1; shift; col "$w" > "$T/w"; : > "$T/p"
  for p in "$@"; do col "$p" > "$T/c"; if [ -s "$T/p" ]; then paste -d' ' "$T/p" "$T/c" | awk '{ printf "%.17g\n", $1 + $2 }' > "$T/q"; mv "$T/q" "$T/p"; else cp "$T/c" "$T/p"; fi; done
  [ -s "$T/w" ] && paste -d' ' "$T/w" "$T/p" | awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > 1e-8 * ($1 < 0 ? -$1 : $1) + 1e-12) bad = 1 } END { exit bad }'
}
check "liver + spleen + lungs %ID = mps %ID at every row" \
      'sum_ok "mps_particles_pct_id [%]" "liver_particles_pct_id [%]" "spleen_particles_pct_id [%]" "lungs_particles_pct_id [%]"'
check "kidneys + rest %ID = tissue %ID at every row" \
      'sum_ok "tissue_particles_pct_id [%]" "kidneys_particles_pct_id [%]" "rest_particles_pct_id [%]"'
ratio_ok() { # A B F: every row A = B x F (1e-8 relative)
  col "$1" > "$T/x"; col "$2" > "$T/y"
  [ -s "$T/x" ] && paste -d' ' "$T/x" "$T/y" | awk -v f="$3" '{ d = $1 - $2 * f; if (d < 0) d = -d; if (d > 1e-8 * ($1 < 0 ? -$1 : $1) + 1e-12) bad = 1 } END { exit bad }'
}
check "liver %ID = 0.765 (Morishita 2015: 28 of 36.6 %ID) x mps %ID" \
      'ratio_ok "liver_particles_pct_id [%]" "mps_particles_pct_id [%]" 0.765'
check "liver %ID/g = liver %ID / (5.49 % x 25 g)" \
      'ratio_ok "liver_particles_pct_id_per_g [%/g]" "liver_particles_pct_id [%]" "$(awk "BEGIN { printf \"%.17g\", 1 / (0.0549 * 25) }")"'
check "kidneys %ID/g = kidneys %ID / (1.67 % x 25 g)" \
      'ratio_ok "kidneys_particles_pct_id_per_g [%/g]" "kidneys_particles_pct_id [%]" "$(awk "BEGIN { printf \"%.17g\", 1 / (0.0167 * 25) }")"'
check "rest %ID/g = rest %ID / (25 g less 5.49+0.35+0.73+1.67+0.5 % organs and 1 mL plasma)" \
      'ratio_ok "rest_particles_pct_id_per_g [%/g]" "rest_particles_pct_id [%]" "$(awk "BEGIN { printf \"%.17g\", 1 / ((1 - 0.0549 - 0.0035 - 0.0073 - 0.0167 - 0.005) * 25 - 1) }")"'
col "lungs_particles_pct_id [%]" | sort -g | tail -1 > "$T/m"
check "lungs_pct_id_max is the column's max" \
      'awk -F, -v m="$(cat "$T/m")" "\$2 == \"lungs_pct_id_max\" { r = \$3 / m - 1; exit !(r < 1e-8 && r > -1e-8) }" "$T/o/metrics.csv"'

# bad sums: a data file (file:line: field), an override (the carrier)
mkdir -p "$T/lib" && cp -r "$SRC/data/." "$T/lib/"
sed -i 's/^  liver_share_of_mps = { 0.765,/  liver_share_of_mps = { 0.7,/' "$T/lib/carriers/msc.lua"
line=$(grep -n "^  liver_share_of_mps = " "$T/lib/carriers/msc.lua" | cut -d: -f1)
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$T/s.lua" > /dev/null 2> "$T/err"; rc=$?
check "MPS shares summing to 0.935 in a carrier file: exit 2, file, line, field and the sum" \
      '[ $rc -eq 2 ] && grep -q "carriers/msc.lua:$line: liver_share_of_mps: liver_share_of_mps + spleen_share_of_mps + lungs_share_of_mps = 0.935; the shares of a compartment must sum to 1 (within 0.001) or all be absent$" "$T/err"'
cp "$SRC/data/carriers/msc.lua" "$T/lib/carriers/msc.lua"
sed -i '/^  rest_share_of_tissue = /,/},$/d' "$T/lib/carriers/msc.lua"
line=$(grep -n "^  kidneys_share_of_tissue = " "$T/lib/carriers/msc.lua" | cut -d: -f1)
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$T/s.lua" > /dev/null 2> "$T/err"; rc=$?
check "a tissue group missing rest_share_of_tissue: the sum 0.019 at kidneys_share_of_tissue" \
      '[ $rc -eq 2 ] && grep -q "carriers/msc.lua:$line: kidneys_share_of_tissue: kidneys_share_of_tissue + rest_share_of_tissue = 0.019;" "$T/err"'
sed 's/^  horizon = "1 d",/  horizon = "1 d",\n  params = { ["carrier.rest_share_of_tissue"] = 0.5 },/' "$T/s.lua" > "$T/ov.lua"
"$EXOPK" check "$T/ov.lua" > /dev/null 2> "$T/err"; rc=$?
check "an override that breaks the sum: exit 2 naming the carrier, the fields and 0.519" \
      '[ $rc -eq 2 ] && grep -q "carrier msc: kidneys_share_of_tissue + rest_share_of_tissue = 0.519; the shares of a compartment must sum to 1" "$T/err"'

# library uncertainty draws parameters one by one within their ranges: the
# organ shares are left out (their sum must stay 1), the organ metrics vary
awk '/^  solver = \{/ { print "  uncertainty = \"library\"," } { print }' \
    "$SRC/data/examples/default.lua" > "$T/lib.lua"
"$EXOPK" population "$T/lib.lua" --subjects 5 --arm exodox -j 1 -o "$T/pop" > /dev/null 2> "$T/err"; rc=$?
check "uncertainty = library runs with organ shares in the carrier; no share is drawn" \
      '[ $rc -eq 0 ] && grep -q ",carrier.msc.k_pt," "$T/pop/parameters.csv" && ! grep -q "share_of_" "$T/pop/parameters.csv"'
check "the population summary has the organ metrics" \
      'grep -q "^exodox,liver_pct_id_max,%," "$T/pop/summary.csv" && grep -q "^exodox,kidneys_pct_id_per_g_max,%/g," "$T/pop/summary.csv"'

"$EXOPK" params carrier.msc.liver_share_of_mps > "$T/out" 2>&1; rc=$?
check "exopk params shows the liver share with its source" \
      '[ $rc -eq 0 ] && grep -q "liver_share_of_mps .*0.765 .*Morishita M et al. 2015" "$T/out"'
"$EXOPK" help outputs > "$T/out" 2>&1
check "exopk help outputs names the organ series" 'grep -q "<organ>_particles_pct_id" "$T/out"'
"$EXOPK" help metrics > "$T/out" 2>&1
check "exopk help metrics names the organ metrics" 'grep -q "<organ>_pct_id_max" "$T/out"'

echo "1..$n"
exit $fail

#!/bin/sh
# CLI integration tests (TAP).  $1: the exopk binary, $2: the source root.
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

"$EXOPK" --version > "$T/v" 2>&1
check "--version prints the version" 'grep -q "^exopk [0-9]" "$T/v"'

"$EXOPK" simulate > "$T/out" 2> "$T/err"; rc=$?
check "simulate runs the default study (exit 0)" '[ $rc -eq 0 ]'
check "simulate prints a metrics table with units" 'grep -q "^tumour_volume_final  *mm3" "$T/out"'
check "simulate prints the loading report" 'grep -q "^loading  exodox: doxorubicin" "$T/out"'
check "tgi_pct is reported against control" 'grep -q "^tgi_pct" "$T/out"'

"$EXOPK" simulate "$SRC/data/examples/default.lua" -o "$T/run" > "$T/out" 2> "$T/err"; rc=$?
check "simulate -o DIR exits 0" '[ $rc -eq 0 ]'
check "one CSV per arm and metrics.csv" '[ -s "$T/run/control.csv" ] && [ -s "$T/run/free_dox.csv" ] && [ -s "$T/run/exodox.csv" ] && [ -s "$T/run/metrics.csv" ]'
check "time series header has units" 'head -1 "$T/run/exodox.csv" | grep -q "^time \[h\],plasma_particles \[particles\],"'
check "hourly rows over 28 days (673 + header)" '[ $(wc -l < "$T/run/exodox.csv") -eq 674 ]'
check "metrics.csv is long with units" 'head -1 "$T/run/metrics.csv" | grep -qx "arm,metric,value,unit" && grep -q "^exodox,doxorubicin.heart_auc,[0-9.e+-]*,nmol\*h/L$" "$T/run/metrics.csv"'
check "no temporary files left" '! ls "$T/run" | grep -q tmp'
check "mass balance below 1e-6" 'awk -F, "/mass_balance_rel_error/ { if (\$3 > 1e-6) bad = 1 } END { exit bad }" "$T/run/metrics.csv"'

"$EXOPK" simulate "$SRC/data/examples/default.lua" --arm exodox -o "$T/one" > /dev/null 2>&1
check "--arm runs one arm" '[ -s "$T/one/exodox.csv" ] && [ ! -e "$T/one/control.csv" ]'

"$EXOPK" simulate "$SRC/data/examples/default.lua" --arm exodx > /dev/null 2> "$T/err"; rc=$?
check "--arm with a typo: exit 2 and a suggestion" '[ $rc -eq 2 ] && grep -q "did you mean \"exodox\"" "$T/err"'

mkdir -p "$T/ro" && touch "$T/ro/file"
"$EXOPK" simulate -o "$T/ro/file" > /dev/null 2> "$T/err"; rc=$?
check "-o onto a file: exit 3 with a message" '[ $rc -eq 3 ] && grep -q "not a directory" "$T/err"'

"$EXOPK" simulate --plot "$T/fig.png" > /dev/null 2>&1; rc=$?
check "--plot writes a PNG" '[ $rc -eq 0 ] && head -c 8 "$T/fig.png" | od -An -c | grep -q "P   N   G"'
"$EXOPK" simulate --plot "$T/fig.svg" --arm exodox -o "$T/svg" > /dev/null 2>&1; rc=$?
check "--plot with -o writes an SVG with axis titles" '[ $rc -eq 0 ] && grep -q "tumour volume \[mm3\]" "$T/fig.svg"'
"$EXOPK" simulate --plot "$T/fig.jpg" > /dev/null 2> "$T/err"; rc=$?
check "--plot with an unknown format: exit 2" '[ $rc -eq 2 ] && grep -q "unknown figure format" "$T/err"'

"$EXOPK" check "$SRC/tests/bad/unknown-unit.lua" > /dev/null 2> "$T/err"; rc=$?
check "check on a bad study: exit 2" '[ $rc -eq 2 ]'
check "the error names file, line and field" 'grep -q "unknown-unit.lua:[0-9]*: arms\.exodox\[1\]\.dose: .*did you mean \"particles\"" "$T/err"'

"$EXOPK" check "$SRC/data/examples/default.lua" > "$T/out" 2>&1; rc=$?
check "check on the default study: exit 0" '[ $rc -eq 0 ] && grep -q ": ok (3 arms" "$T/out"'

"$EXOPK" check "$T/missing.lua" > /dev/null 2> "$T/err"; rc=$?
check "check on a missing file: exit 2" '[ $rc -eq 2 ] && grep -q "missing.lua" "$T/err"'

"$EXOPK" simulat > /dev/null 2> "$T/err"; rc=$?
check "unknown command: exit 2 and a suggestion" '[ $rc -eq 2 ] && grep -q "did you mean \"simulate\"" "$T/err"'

"$EXOPK" params doxorubicin.cl > "$T/out" 2>&1; rc=$?
check "params shows value, effective value and source" '[ $rc -eq 0 ] && grep -q "^doxorubicin.cl .*53.3 L/h.*0.138.*Kontny" "$T/out"'

"$EXOPK" params > "$T/out" 2>&1
check "every library row has a grade" '! awk "NR > 1 && \$0 !~ /(S|M|W|assumed|derived|default) /" "$T/out" | grep -q .'

"$EXOPK" help units > /dev/null 2>&1; rc=$?
check "help units" '[ $rc -eq 0 ]'
"$EXOPK" help unit > /dev/null 2> "$T/err"; rc=$?
check "help with a typo suggests the topic" '[ $rc -eq 2 ] && grep -q "did you mean \"units\"" "$T/err"'

cat > "$T/late.lua" <<'LUA'
return {
  subject = { species = "mouse" },
  horizon = "2 d",
  arms = { free = { { give = "doxorubicin", route = "iv", dose = "1 mg/kg", every = "1 d", count = 5 } } },
}
LUA
"$EXOPK" simulate "$T/late.lua" > "$T/out" 2> "$T/err"; rc=$?
check "doses past the horizon: a warning, exit 0" '[ $rc -eq 0 ] && grep -q "^warning: .*horizon" "$T/err"'

echo "1..$n"
exit 0

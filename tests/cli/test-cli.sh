#!/bin/sh
# CLI integration tests (TAP).  $1: the exopk binary, $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"

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
# --style paper: 241 pt at 300 dpi = round(1004.2) pixels wide (bytes 16-19 of a PNG)
png_width() { od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }
"$EXOPK" simulate --plot "$T/paper.png" --style paper > /dev/null 2>&1; rc=$?
check "--style paper: one journal column at 300 dpi" '[ $rc -eq 0 ] && [ "$(png_width "$T/paper.png")" -eq 1004 ] && [ "$(png_width "$T/fig.png")" -eq 1600 ]'
"$EXOPK" simulate --plot "$T/paper.svg" --style poster > /dev/null 2> "$T/err"; rc=$?
check "--style poster: exit 2, the styles named" '[ $rc -eq 2 ] && [ "$(cat "$T/err")" = "exopk simulate: --style: unknown figure style \"poster\" (use screen or paper)" ] && [ ! -e "$T/paper.svg" ]'
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

# The bad corpus: every file fails within its budget, with its exact message
# (first line), its exit status (2, or "-- exit: N" on the second line) and
# no output; the CPU-time cases at 1.5 s.
for f in "$SRC"/tests/bad/*.lua; do
  name=$(basename "$f" .lua)
  expect=$(sed -n '1s/^-- expect: //p' "$f")
  want=$(sed -n '2s/^-- exit: \([0-9]\)$/\1/p' "$f")
  (cd "$SRC/tests/bad" && timeout 20 "$EXOPK" simulate --load-timeout 1.5 -o "$T/bad/$name" \
    "$name.lua" > "$T/out" 2> "$T/err"); rc=$?
  if [ $rc -eq "${want:-2}" ] && [ "$(cat "$T/err")" = "$expect" ] && [ ! -e "$T/bad/$name" ] && [ ! -s "$T/out" ]; then
    ok "bad/$name.lua: exit ${want:-2}, the expected message, no output"
  else
    bad "bad/$name.lua: rc $rc, got: $(cat "$T/err")"
  fi
done

# the default budget (5 s) and the option on check and batch
(cd "$SRC/tests/bad" && timeout 60 "$EXOPK" check cpu-pcall-rep.lua > /dev/null 2> "$T/err"); rc=$?
check "the default budget: 5 s of CPU time" '[ $rc -eq 2 ] && [ "$(cat "$T/err")" = "cpu-pcall-rep.lua: the study file took more than 5 s of CPU time to load (limit: --load-timeout)" ]'
(cd "$SRC/tests/bad" && timeout 20 "$EXOPK" check --load-timeout=0.25 cpu-upper-loop.lua > /dev/null 2> "$T/err"); rc=$?
check "check --load-timeout=0.25" '[ $rc -eq 2 ] && grep -qx "cpu-upper-loop.lua: the study file took more than 0.25 s of CPU time to load (limit: --load-timeout)" "$T/err"'
(cd "$SRC/tests/bad" && timeout 20 "$EXOPK" batch --load-timeout 0.25 -j 2 -o "$T/b.csv" cpu-gsub-loop.lua \
  cpu-unpack-loop.lua > /dev/null 2> "$T/err"); rc=$?
check "batch --load-timeout: each study on its thread, exit 2" '[ $rc -eq 2 ] && [ $(grep -c "took more than 0.25 s of CPU time" "$T/err") -eq 2 ]'
"$EXOPK" check --load-timeout abc x.lua > /dev/null 2> "$T/err"; rc=$?
check "--load-timeout needs a number" '[ $rc -eq 2 ] && grep -q "needs seconds in (0, 86400\], got \"abc\"" "$T/err"'

# options: getopt_long, suggestions, exit 2
"$EXOPK" simulate --outptu "$T/x" > /dev/null 2> "$T/err"; rc=$?
check "unknown long option: a suggestion" '[ $rc -eq 2 ] && grep -qx "exopk simulate: unknown option --outptu (did you mean \"--output\"?) (see exopk simulate --help)" "$T/err"'
"$EXOPK" simulate -q > /dev/null 2> "$T/err"; rc=$?
check "unknown short option" '[ $rc -eq 2 ] && grep -q "unknown option -q" "$T/err"'
"$EXOPK" simulate --arm > /dev/null 2> "$T/err"; rc=$?
check "an option without its value" '[ $rc -eq 2 ] && grep -q "exopk simulate: --arm needs a value" "$T/err"'
"$EXOPK" simulate --output="$T/eq" --arm=exodox > /dev/null 2>&1; rc=$?
check "--output=DIR --arm=NAME" '[ $rc -eq 0 ] && [ -s "$T/eq/exodox.csv" ] && [ ! -e "$T/eq/control.csv" ]'
"$EXOPK" check --bogus x.lua > /dev/null 2> "$T/err"; rc=$?
check "check: unknown option" '[ $rc -eq 2 ] && grep -q "exopk check: unknown option --bogus" "$T/err"'

# escapes: a study's text reaches the terminal escaped, warnings and names too
printf '%s\n' 'return { name = "\27]0;t\7x", subject = { species = "mouse" }, horizon = "1 d",' \
  '  arms = { control = {} } }' > "$T/esc.lua"
"$EXOPK" simulate "$T/esc.lua" > "$T/out" 2>&1
check "the study name is escaped on stdout" 'grep -qF ": \x1b]0;t\x07x" "$T/out" && ! grep -q "$(printf "\033")" "$T/out"'
# a lone 0x9b (CSI to an 8-bit terminal) and a C1 control in UTF-8 (c2 9b)
# are escaped; valid UTF-8 (e, with an acute accent) passes as it is
printf 'return { name = "a\233b\302\233c\303\251", subject = { species = "mouse" },\n  horizon = "1 d", arms = { control = {} } }\n' > "$T/c1.lua"
"$EXOPK" simulate "$T/c1.lua" > "$T/out" 2>&1
check "bytes outside UTF-8 and C1 controls are escaped" 'grep -qF ": a\x9bb\xc2\x9bc$(printf "\303\251")" "$T/out" && ! LC_ALL=C grep -q "$(printf "\233")" "$T/out"'

# exit 3: an output that cannot be written (the tests run as root, so not
# permissions)
"$EXOPK" simulate -o "$T/ro/file/sub" > /dev/null 2> "$T/err"; rc=$?
check "-o under a regular file: exit 3" '[ $rc -eq 3 ] && grep -q "cannot create" "$T/err"'
"$EXOPK" simulate --plot "$T/ro/file/fig.svg" --arm control > /dev/null 2> "$T/err"; rc=$?
check "--plot under a regular file: exit 3" '[ $rc -eq 3 ] && grep -q "fig.svg" "$T/err"'
"$EXOPK" batch -o "$T/ro/file/b.csv" "$SRC/data/examples/default.lua" > /dev/null 2> "$T/err"; rc=$?
check "batch -o under a regular file: exit 3" '[ $rc -eq 3 ] && grep -q "cannot write" "$T/err"'
# exit 3 before any work for an output onto what is not a regular file (the
# rename would replace it); /dev/full through a symlink, which a rename
# would replace, not the device
mkfifo "$T/fifo.csv" "$T/fifo.png" && ln -s /dev/full "$T/full.csv"
"$EXOPK" batch -o "$T/fifo.csv" "$SRC/data/examples/default.lua" > "$T/out" 2> "$T/err"; rc=$?
check "batch -o onto a FIFO: exit 3, the FIFO stays" '[ $rc -eq 3 ] && [ "$(cat "$T/err")" = "$T/fifo.csv: cannot write: it is a FIFO, not a regular file" ] && [ -p "$T/fifo.csv" ] && [ ! -s "$T/out" ]'
"$EXOPK" batch -o "$T/full.csv" "$SRC/data/examples/default.lua" > /dev/null 2> "$T/err"; rc=$?
check "batch -o onto /dev/full: exit 3, the link stays" '[ $rc -eq 3 ] && [ "$(cat "$T/err")" = "$T/full.csv: cannot write: it is a character device, not a regular file" ] && [ -L "$T/full.csv" ]'
"$EXOPK" simulate --plot "$T/fifo.png" > "$T/out" 2> "$T/err"; rc=$?
check "--plot onto a FIFO: exit 3 before the run" '[ $rc -eq 3 ] && [ "$(cat "$T/err")" = "$T/fifo.png: cannot write: it is a FIFO, not a regular file" ] && [ ! -s "$T/out" ]'
mkdir -p "$T/fo" "$T/fd/metrics.csv" && mkfifo "$T/fo/free_dox.csv"
"$EXOPK" simulate -o "$T/fo" > /dev/null 2> "$T/err"; rc=$?
check "-o DIR, a FIFO in an arm file's place: exit 3, nothing written" '[ $rc -eq 3 ] && [ "$(cat "$T/err")" = "$T/fo/free_dox.csv: cannot write: it is a FIFO, not a regular file" ] && [ "$(ls "$T/fo")" = free_dox.csv ]'
"$EXOPK" simulate -o "$T/fd" > /dev/null 2> "$T/err"; rc=$?
check "-o DIR, a directory in metrics.csv's place: exit 3, nothing written" '[ $rc -eq 3 ] && [ "$(cat "$T/err")" = "$T/fd/metrics.csv: cannot write: it is a directory, not a regular file" ] && [ "$(ls "$T/fd")" = metrics.csv ]'
"$EXOPK" simulate -o /dev/full > /dev/null 2> "$T/err"; rc=$?
check "-o /dev/full: exit 3" '[ $rc -eq 3 ] && [ "$(cat "$T/err")" = "/dev/full: exists and is not a directory" ]'
"$EXOPK" --help > "$T/out"
check "--help documents exit 3 and --load-timeout" 'grep -q "3 an output" "$T/out" && grep -q -- "--load-timeout" "$T/out"'

# stale temporaries of dead processes go; those of live ones stay
mkdir -p "$T/stale"
sh -c 'exit 0' & dead=$!; wait $dead
touch "$T/stale/metrics.csv.tmp.$dead.0" "$T/stale/metrics.csv.tmp.$$.3" "$T/stale/exodox.csv.tmp.$dead.1"
"$EXOPK" simulate -o "$T/stale" > /dev/null 2>&1; rc=$?
check "stale temporaries of a dead PID are removed" '[ $rc -eq 0 ] && [ ! -e "$T/stale/metrics.csv.tmp.$dead.0" ] && [ ! -e "$T/stale/exodox.csv.tmp.$dead.1" ]'
check "a live PID keeps its temporaries" '[ -e "$T/stale/metrics.csv.tmp.$$.3" ]'

# cargo-class defaults (data/classes): merged under an agent's own values
mkdir -p "$T/lib" && cp -r "$SRC/data/." "$T/lib/"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" params sirna_birc5.k_cyto > "$T/out" 2>&1; rc=$?
check "a class-default value shows with the class file's citation" '[ $rc -eq 0 ] && grep -q "^sirna_birc5.k_cyto .*0.029 1/h.*Bartlett DW, Davis ME 2006" "$T/out"'
sed -i 's/^  share = {/  k_cyto = { 0.01, "1\/h", grade = "W", range = { 0.0096, 0.029 }, source = "override test" },\n  share = {/' "$T/lib/agents/sirna_birc5.lua"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" params k_cyto > "$T/out" 2>&1; rc=$?
check "an agent's own value wins over the class default" '[ $rc -eq 0 ] && grep -q "^sirna_birc5.k_cyto .*0.01 1/h.*override test" "$T/out" && grep -q "^sirna_abcb1.k_cyto .*0.029 1/h.*Bartlett" "$T/out"'
sed -i 's/^  k_nuc = {/  k_nux = { 1, "1\/h", grade = "W", source = "x" },\n  k_nuc = {/' "$T/lib/classes/sirna.lua"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$SRC/data/examples/sirna_abcb1_dox.lua" > /dev/null 2> "$T/err"; rc=$?
check "an unknown key in a class file: file, line, field, suggestion" '[ $rc -eq 2 ] && grep -q "classes/sirna.lua:[0-9][0-9]*: k_nux: unknown field (did you mean \"k_nuc\"?)" "$T/err"'
sed -i '/^  k_nux = /d; s/^  k_nuc = {/  k_bind = { 0.001, "1\/h", grade = "W", source = "x" },\n  k_nuc = {/' "$T/lib/classes/sirna.lua"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$SRC/data/examples/sirna_abcb1_dox.lua" > /dev/null 2> "$T/err"; rc=$?
check "a class file gives only its own class's fields" '[ $rc -eq 2 ] && grep -q "classes/sirna.lua:[0-9][0-9]*: k_bind: not used by a sirna agent" "$T/err"'
rm "$T/lib/classes/sirna.lua"
EXOPK_DATA_DIR="$T/lib" "$EXOPK" check "$SRC/data/examples/sirna_abcb1_dox.lua" > /dev/null 2> "$T/err"; rc=$?
check "without the class file the agent lacks the shared fields" '[ $rc -eq 2 ] && grep -q "agents/sirna_abcb1.lua: mw: missing" "$T/err"'

# ---- shell use: COMMAND --help, -o - (CSV on stdout), --format json, --set, params --csv ----
for c in simulate batch population sensitivity fit export run check params validate help; do
  "$EXOPK" $c --help > "$T/out" 2> "$T/err"; rc=$?
  "$EXOPK" $c -h > "$T/out-h" 2>&1; rc_h=$?
  check "$c --help and -h: exit 0, the command's usage on stdout, 80 columns" '[ $rc -eq 0 ] && [ $rc_h -eq 0 ] && head -1 "$T/out" | grep -q "^usage: exopk $c" && [ ! -s "$T/err" ] && cmp -s "$T/out" "$T/out-h" && ! awk "length > 80" "$T/out" | grep -q .'
done
wide=
for t in study units outputs metrics; do
  "$EXOPK" help $t | awk "length > 80" | grep -q . && wide="$wide $t"
done
check "exopk help TOPIC: within 80 columns" '[ -z "$wide" ] || { echo "# wider:$wide"; false; }'
"$EXOPK" simulate --help > "$T/out"
check "simulate --help names the new options" 'grep -q -- "-o -" "$T/out" && grep -q -- "--set PATH=VALUE" "$T/out" && grep -q -- "--format csv|json" "$T/out" && grep -q -- "--metrics" "$T/out"'

# -o -: one arm's time series; 28 d at 1 h is 28 x 24 + 1 = 673 rows (the doses
# at 0, 7 and 14 d fall on the grid)
(cd "$T" && "$EXOPK" simulate "$SRC/data/examples/default.lua" --arm free_dox -o - > "$T/series.csv" 2> "$T/err"); rc=$?
check "simulate -o - --arm: exit 0, no directory named -" '[ $rc -eq 0 ] && [ ! -e "$T/-" ]'
check "stdout is the arm's CSV only: header first, 673 rows, every row as wide as the header" \
  'head -1 "$T/series.csv" | grep -q "^time \[h\],doxorubicin.plasma \[nmol/L\]," && awk -F, "NR == 1 { w = NF } NF != w { bad = 1 } END { exit bad || NR != 674 }" "$T/series.csv"'
check "the loading report went to stderr" 'grep -q "^loading  exodox: " "$T/err" && ! grep -q "^loading" "$T/series.csv"'
check "stdout's series equals -o DIR's file" '"$EXOPK" simulate "$SRC/data/examples/default.lua" --arm free_dox -o "$T/series-dir" 2> /dev/null && cmp -s "$T/series.csv" "$T/series-dir/free_dox.csv"'
"$EXOPK" simulate -o - > "$T/m.csv" 2> /dev/null; rc=$?
check "simulate -o - with three arms: the metrics table, 4 fields a row, the three arms" \
  '[ $rc -eq 0 ] && head -1 "$T/m.csv" | grep -qx "arm,metric,value,unit" && awk -F, "NF != 4 { bad = 1 } NR > 1 { a[\$1] = 1 } END { exit bad || !(a[\"control\"] && a[\"free_dox\"] && a[\"exodox\"]) || length(a) != 3 }" "$T/m.csv"'
check "stdout's metrics equal -o DIR's metrics.csv" 'cmp -s "$T/m.csv" "$T/run/metrics.csv"'
"$EXOPK" simulate --arm exodox --metrics -o - > "$T/m1.csv" 2> /dev/null; rc=$?
check "--metrics -o - with one arm: that arm's metrics only, rows of the full table" '[ $rc -eq 0 ] && head -1 "$T/m1.csv" | grep -qx "arm,metric,value,unit" && [ "$(sed 1d "$T/m1.csv" | cut -d, -f1 | sort -u)" = exodox ] && [ $(wc -l < "$T/m1.csv") -gt 10 ] && ! grep -vxF -f "$T/m.csv" "$T/m1.csv" | grep -q .'
"$EXOPK" simulate --metrics > /dev/null 2> "$T/err"; rc=$?
check "--metrics without -o -: exit 2" '[ $rc -eq 2 ] && grep -q "metrics goes with -o -" "$T/err"'
"$EXOPK" simulate --format json -o "$T/jdir" > /dev/null 2> "$T/err"; rc=$?
check "--format json with -o DIR: exit 2, nothing written" '[ $rc -eq 2 ] && [ ! -e "$T/jdir" ] && grep -q "format writes to stdout" "$T/err"'
"$EXOPK" simulate --format xml > /dev/null 2> "$T/err"; rc=$?
check "--format with an unknown value: exit 2" '[ $rc -eq 2 ] && grep -q "expected csv or json" "$T/err"'

# JSON parsed back: python3 when the machine has it
if command -v python3 > /dev/null 2>&1; then
  "$EXOPK" simulate --format json > "$T/m.json" 2> /dev/null; rc=$?
  check "simulate --format json: valid JSON (python3 -m json.tool)" '[ $rc -eq 0 ] && python3 -m json.tool "$T/m.json" > /dev/null'
  check "the JSON holds the CSV's rows, the same values" 'python3 - "$T/m.json" "$T/m.csv" <<PY
import csv, json, sys
rows = json.load(open(sys.argv[1]))
table = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == len(table) > 0
for j, c in zip(rows, table):
    assert set(j) == {"arm", "metric", "value", "unit"}
    assert (j["arm"], j["metric"], j["unit"]) == (c["arm"], c["metric"], c["unit"])
    assert j["value"] == float(c["value"])
PY'
  printf 'return { name = "q\\"b\\\\s\\tt", subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },\n  horizon = "1 d", arms = { control = {} } }\n' > "$T/we\"ird\\name.lua"
  "$EXOPK" batch --format json "$T/we\"ird\\name.lua" "$SRC/data/examples/default.lua" > "$T/b.json" 2> /dev/null; rc=$?
  check "batch --format json: valid JSON, the study path with a quote and a backslash read back" '[ $rc -eq 0 ] && python3 - "$T/b.json" "$T/we\"ird\\name.lua" "$SRC/data/examples/default.lua" <<PY
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows[0]["study"] == sys.argv[2], rows[0]
assert {r["study"] for r in rows} == {sys.argv[2], sys.argv[3]}
assert all(set(r) == {"study", "arm", "metric", "value", "unit"} for r in rows)
PY'
  odd=$(printf 'tab\tbyte\377.lua')
  cp "$T/we\"ird\\name.lua" "$T/$odd"
  (cd "$T" && "$EXOPK" batch --format json "$odd" > "$T/b2.json" 2> /dev/null); rc=$?
  check "batch --format json: a tab escaped, a byte that is not UTF-8 as U+FFFD, valid JSON" '[ $rc -eq 0 ] && grep -q "{\"study\": \"tab\\\\tbyte\\\\ufffd.lua\", \"arm\": \"control\"" "$T/b2.json" && python3 -m json.tool "$T/b2.json" > /dev/null'
  "$EXOPK" params --format json > "$T/p.json" 2> /dev/null; rc=$?
  check "params --format json: valid, one object per table row" '[ $rc -eq 0 ] && [ "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$T/p.json")" -eq $(($("$EXOPK" params | wc -l) - 1)) ]'
  "$EXOPK" params --csv > "$T/p.csv" 2> /dev/null; rc=$?
  check "params --csv: 10 fields a row (python csv), the table's rows, doxorubicin.cl 53.3 L/h" '[ $rc -eq 0 ] && python3 - "$T/p.csv" "$T/p.json" <<PY
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert rows[0] == ["path", "value", "unit", "range_lo", "range_hi", "effective", "effective_unit", "grade", "flag", "source"]
assert all(len(r) == 10 for r in rows)
assert len(rows) - 1 == len(json.load(open(sys.argv[2])))
cl = [r for r in rows if r[0] == "doxorubicin.cl"][0]
assert (float(cl[1]), cl[2], float(cl[3]), float(cl[4])) == (53.3, "L/h", 25, 80)
PY'
else
  ok "# SKIP JSON and CSV read back: python3 is not installed"
fi
"$EXOPK" params --format json doxorubicin.cl > "$T/p1.json"
check "params JSON: derived values are null, not NaN" '"$EXOPK" params --format json doxorubicin.ec50 | grep -q "\"value\": null" && ! grep -qi "nan" "$T/p1.json"'

# batch -o -: the table on stdout, nothing else; no file named -
(cd "$T" && "$EXOPK" batch -o - "$SRC/data/examples/default.lua" > "$T/b.csv" 2> "$T/err"); rc=$?
check "batch -o -: the table on stdout, as -o FILE writes it" '[ $rc -eq 0 ] && [ ! -e "$T/-" ] && "$EXOPK" batch -o "$T/b-file.csv" "$SRC/data/examples/default.lua" 2> /dev/null && cmp -s "$T/b.csv" "$T/b-file.csv"'
"$EXOPK" batch -o - --resume "$SRC/data/examples/default.lua" > /dev/null 2> "$T/err"; rc=$?
check "batch -o - --resume: exit 2" '[ $rc -eq 2 ] && grep -q "need -o FILE" "$T/err"'

# --set: free doxorubicin leaves the body only by CL from the central
# compartment (docs/model.md), so its plasma AUC is dose / CL once the drug is
# gone (14 d after the last dose, half-lives of hours): 3 x 5 mg/kg x 25 g of
# the hydrochloride (579.99 g/mol) = 646.563 nmol; CL 0.2 L/h gives 3232.8 nmol*h/L
auc_of() { awk -F, '$2 == "doxorubicin.plasma_auc" { print $3 }' "$1"; }
"$EXOPK" simulate --arm free_dox --metrics -o - --set doxorubicin.cl="0.2 L/h" > "$T/cl1.csv" 2> /dev/null; rc=$?
"$EXOPK" simulate --arm free_dox --metrics -o - --set doxorubicin.cl="0.4 L/h" > "$T/cl2.csv" 2> /dev/null
"$EXOPK" simulate --arm free_dox --metrics -o - > "$T/cl0.csv" 2> /dev/null
check "--set doxorubicin.cl=0.2 L/h: plasma AUC = dose/CL = 3232.8 within 0.5 %" '[ $rc -eq 0 ] && awk -v a="$(auc_of "$T/cl1.csv")" "BEGIN { exit !(a > 0 && (a / 3232.8 - 1) ^ 2 < 0.005 ^ 2) }"'
check "doubling CL by --set halves the AUC (within 0.5 %)" 'awk -v a="$(auc_of "$T/cl1.csv")" -v b="$(auc_of "$T/cl2.csv")" "BEGIN { exit !(b > 0 && (a / b / 2 - 1) ^ 2 < 0.005 ^ 2) }"'
check "without --set the AUC differs (the default CL, 0.138 L/h)" 'awk -v a="$(auc_of "$T/cl0.csv")" "BEGIN { exit !((a * 0.1384709544 / 646.563 - 1) ^ 2 < 0.005 ^ 2) }"'
sed 's|^  solver = .*|  params = { ["doxorubicin.cl"] = "0.2 L/h" },|' "$SRC/data/examples/default.lua" > "$T/cl-params.lua"
"$EXOPK" simulate "$T/cl-params.lua" --arm free_dox --metrics -o - > "$T/cl-file.csv" 2> /dev/null
check "--set gives what the same params entry in the study file gives (byte-identical)" 'cmp -s "$T/cl1.csv" "$T/cl-file.csv"'
"$EXOPK" simulate --set doxorubicin.cll=0.2 > "$T/out" 2> "$T/err"; rc=$?
check "--set with a typo: exit 2, the nearest path, nothing on stdout" '[ $rc -eq 2 ] && [ ! -s "$T/out" ] && grep -qx ".*default.lua: --set doxorubicin.cll: unknown parameter \"doxorubicin.cll\" (did you mean \"doxorubicin.cl\"?)" "$T/err"'
"$EXOPK" simulate --set "doxorubicin.cl=-1 L/h" > /dev/null 2> "$T/err"; rc=$?
check "--set outside the domain: exit 2, the loader's message" '[ $rc -eq 2 ] && grep -q ": --set doxorubicin.cl: -1 L/h is outside its domain (must be > 0)$" "$T/err"'
"$EXOPK" simulate --set "doxorubicin.cl=1 L" > /dev/null 2> "$T/err"; rc=$?
check "--set with a unit of the wrong kind: exit 2" '[ $rc -eq 2 ] && grep -q ": --set doxorubicin.cl: \"1 L\": expected a flow (L/h), got a volume (L)$" "$T/err"'
"$EXOPK" simulate --set doxorubicin.cl > /dev/null 2> "$T/err"; rc=$?
check "--set without =VALUE: exit 2" '[ $rc -eq 2 ] && grep -q "set needs PATH=VALUE" "$T/err"'
"$EXOPK" check "$SRC/data/examples/default.lua" --set doxorubicin.cll=1 > /dev/null 2> "$T/err"; rc=$?
check "check --set: the same checks" '[ $rc -eq 2 ] && grep -q "did you mean \"doxorubicin.cl\"" "$T/err"'
"$EXOPK" batch -o - --arm free_dox --set doxorubicin.cl="0.2 L/h" "$SRC/data/examples/default.lua" "$SRC/data/examples/default.lua" > "$T/bset.csv" 2> /dev/null; rc=$?
check "batch --set applies to every study" '[ $rc -eq 0 ] && [ "$(awk -F, "\$3 == \"doxorubicin.plasma_auc\" { print \$4 }" "$T/bset.csv" | sort -u)" = "$(auc_of "$T/cl1.csv")" ] && [ $(grep -c ",doxorubicin.plasma_auc," "$T/bset.csv") -eq 2 ]'

# the man page: renders without warnings; it documents every option of every --help
if command -v man > /dev/null 2>&1; then
  MANWIDTH=80 man --warnings -l "$SRC/man/exopk.1" > "$T/man.txt" 2> "$T/man.err"; rc=$?
elif command -v groff > /dev/null 2>&1; then
  groff -man -Tutf8 -ww -P-cbou "$SRC/man/exopk.1" > "$T/man.txt" 2> "$T/man.err"; rc=$?
else
  rc=skip; cp /dev/null "$T/man.err"; sed 's/\\-/-/g' "$SRC/man/exopk.1" > "$T/man.txt"
fi
if [ "$rc" = skip ]; then
  ok "# SKIP man/exopk.1 renders: neither man nor groff is installed"
else
  check "man/exopk.1 renders without warnings" '[ $rc -eq 0 ] && [ ! -s "$T/man.err" ] && grep -q "^NAME" "$T/man.txt"'
fi
missing=
for c in simulate batch population sensitivity fit export run check params validate help; do
  for o in $("$EXOPK" $c --help | grep -o -- "--[a-z][a-z-]*" | sort -u); do
    grep -q -- "$o" "$T/man.txt" || missing="$missing $c:$o"
  done
  grep -q "^   $c" "$T/man.txt" || missing="$missing $c"
done
check "the man page has every command and every option of the --help texts" '[ -z "$missing" ] || { echo "# missing:$missing"; false; }'

# units: plausibility warnings (exit 0) and w/w loading (docs/study-files.md, "Quantities and units")
units_study() { # WEIGHT DIAMETER OFFERED AGENT
  cat > "$T/units.lua" <<EOF
return {
  subject = { species = "mouse", weight = $1 },
  horizon = "7 d",
  formulations = { exo = { carrier = "msc", diameter = $2, loading = { method = "electroporation" },
                           cargo = { { agent = "$4", offered = $3 } } } },
  arms = { a = { { give = "exo", route = "iv", dose = "2e11 particles" } } },
}
EOF
}
units_study '"60 g"' '"100 nm"' '"5000 /vesicle"' doxorubicin
"$EXOPK" check "$T/units.lua" > "$T/out" 2> "$T/err"; rc=$?
cat > "$T/expect" <<EOF
warning: $T/units.lua:2: subject.weight: "60 g" is outside the library's range for species mouse, 0.02 to 0.03 kg (species.mouse.body_weight, source: mouse body weight 0.025 kg (0.02-0.03) by convention; data/README.md, 'Default calibration')
EOF
check "check: a 60 g mouse warns naming the value, the range and its source, exit 0" '[ $rc -eq 0 ] && grep -q ": ok (1 arm" "$T/out" && cmp -s "$T/err" "$T/expect"'
units_study '"25 g"' '"250 nm"' '"5000 /vesicle"' doxorubicin
"$EXOPK" check "$T/units.lua" > "$T/out" 2> "$T/err"; rc=$?
cat > "$T/expect" <<EOF
warning: $T/units.lua:4: formulations.exo.diameter: "250 nm" is outside the size of small EVs, 30 to 200 nm (MISEV2018: Théry C et al. 2018, J Extracell Vesicles 7:1535750)
EOF
check "check: a 250 nm vesicle warns with the MISEV2018 small-EV range, exit 0" '[ $rc -eq 0 ] && cmp -s "$T/err" "$T/expect"'
units_study '"25 g"' '"170 nm"' '"5000 /vesicle"' doxorubicin
"$EXOPK" check "$T/units.lua" > "$T/out" 2> "$T/err"; rc=$?
check "check: 170 nm warns with the carrier's library range and source, exit 0" '[ $rc -eq 0 ] && [ $(wc -l < "$T/err") -eq 1 ] && grep -qF "warning: $T/units.lua:4: formulations.exo.diameter: \"170 nm\" is outside the library'"'"'s range for carrier msc, 40 to 160 nm (carrier.msc.diameter, source: EV diameter 100 nm" "$T/err"'
units_study '"25 g"' '"100 nm"' '"5000 /vesicle"' doxorubicin
"$EXOPK" check "$T/units.lua" > /dev/null 2> "$T/err"; rc=$?
check "check: values inside the library's ranges give no warning" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'
# particle doses that no injection could hold: N vesicles of d nm take at least
# N pi/6 d^3 / 0.64 (random close packing); mouse iv 25 mL/kg, ip 80 mL/kg
# (Diehl 2001): 0.625 mL and 2 mL at 25 g.  1e15 x 100 nm: 0.818 mL; 5e14: 0.409 mL
dose_study() { # ROUTE DOSE
  cat > "$T/dv.lua" <<EOF2
return {
  subject = { species = "mouse", weight = "25 g" },
  horizon = "7 d",
  formulations = { exo = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
                           cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } } },
  arms = { a = { { give = "exo", route = "$1", dose = "$2" } } },
}
EOF2
  "$EXOPK" check "$T/dv.lua" > /dev/null 2> "$T/err"
}
dose_study iv "1e15 particles"; rc=$?
check "check: 1e15 iv particles warn: 0.818 mL packed, more than 25 mL/kg = 0.625 mL, with the source, exit 0" \
  '[ $rc -eq 0 ] && grep -qF "warning: $T/dv.lua:6: arms.a[1].dose: 1e+15 particles of 100 nm vesicles take at least 0.818 mL even packed as densely as spheres can be (64 %), more than the largest iv injection for a 0.025 kg mouse, 25 mL/kg = 0.625 mL (species.mouse.iv_volume_max_per_kg, source: Diehl KH" "$T/err"'
dose_study iv "5e14 particles"; rc=$?
check "check: 5e14 iv particles (0.409 mL) give no warning" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'
dose_study ip "1e15 particles"; rc=$?
check "check: 1e15 ip particles (0.818 mL of 2 mL) give no warning" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'
dose_study ip "3e15 particles"; rc=$?
check "check: 3e15 ip particles (2.45 mL) warn against ip 80 mL/kg = 2 mL" \
  '[ $rc -eq 0 ] && grep -qF "3e+15 particles of 100 nm vesicles take at least 2.45 mL even packed as densely as spheres can be (64 %), more than the largest ip injection for a 0.025 kg mouse, 80 mL/kg = 2 mL (species.mouse.ip_volume_max_per_kg" "$T/err"'
dose_study iv "1e20 particles"; rc=$?
check "check: 1e20 particles (52.4 L) are refused, more than the whole body" \
  '[ $rc -eq 2 ] && grep -qF "52.4 L of 100 nm vesicles, more than the subject'"'"'s whole body" "$T/err"'
# w/w: cargo (dosed form) per vesicle protein; msc has 1e10 particles/ug protein,
# doxorubicin HCl 579.99 g/mol, siRNA 13300 g/mol: molecules = r * 1e-16 g / MW * NA
offered_of() { sed -n 's/.* of \([0-9.e+]*\) offered.*/\1/p' "$1"; }
near() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b - 1; exit !(a != "" && r < 5e-4 && r > -5e-4) }'; }
units_study '"25 g"' '"100 nm"' '"0.1 mg/mg"' doxorubicin
"$EXOPK" check "$T/units.lua" > "$T/out" 2> /dev/null; rc=$?
check "offered \"0.1 mg/mg\" of doxorubicin is 0.1 * 1e-16 g / 579.99 g/mol * NA per vesicle" '[ $rc -eq 0 ] && near "$(offered_of "$T/out")" "$(awk "BEGIN { print 0.1 * 1e-16 / 579.99 * 6.02214076e23 }")"'
check "the loading report shows the offered load both ways: molecules and \"(0.1 mg/mg)\"" 'grep -q "^loading  exo: doxorubicin by electroporation, 100 nm: .* of $(offered_of "$T/out") offered (0.1 mg/mg); EE" "$T/out"'
units_study '"25 g"' '"100 nm"' '"10 % w/w"' doxorubicin
"$EXOPK" check "$T/units.lua" > "$T/out2" 2> /dev/null; rc=$?
check "offered \"10 % w/w\" is the same as \"0.1 mg/mg\"" '[ $rc -eq 0 ] && [ -n "$(offered_of "$T/out2")" ] && [ "$(offered_of "$T/out2")" = "$(offered_of "$T/out")" ]'
units_study '"25 g"' '"100 nm"' '"1 mg/mg"' sirna_abcb1
"$EXOPK" check "$T/units.lua" > "$T/out" 2> /dev/null; rc=$?
check "offered \"1 mg/mg\" of an siRNA is 1e-16 g / 13300 g/mol * NA per vesicle (about 4528)" '[ $rc -eq 0 ] && near "$(offered_of "$T/out")" "$(awk "BEGIN { print 1e-16 / 13300 * 6.02214076e23 }")"'

echo "1..$n"
exit 0

#!/bin/sh
# `exopk batch` integration tests (TAP).  $1: the exopk binary, $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
. "$(dirname "$0")/tap.sh"
# rows of study $1 in batch table $2, study column stripped
rows_of() { awk -F, -v s="$1" '$1 == s { sub(/^[^,]*,/, ""); print }' "$2"; }
no_temps() { ! ls -a "$1" | grep -q '\.tmp\.'; }

# inputs: the default study, the validation studies, generated variants
mkdir "$T/in"
sed 's/dose = "2e11 particles"/dose = "8e11 particles"/' \
    "$SRC/data/examples/default.lua" > "$T/in/more-vesicles.lua"
sed 's/dose = "5 mg\/kg"/dose = "3 mg\/kg"/; s/weight  = "25 g"/weight  = "22 g"/' \
    "$SRC/data/examples/default.lua" > "$T/in/lower-dose.lua"
cat > "$T/in/late.lua" <<'LUA'
return {
  subject = { species = "mouse" },
  horizon = "2 d",
  arms = { free = { { give = "doxorubicin", route = "iv", dose = "1 mg/kg", every = "1 d", count = 5 } } },
}
LUA
sed 's/^  solver = .*/  solver = { rtol = 1e-6, atol = 1e-12 }, params = { ["doxorubicin.cl"] = 1e300 },/' \
    "$SRC/data/examples/default.lua" > "$T/in/solver-fails.lua"
set -- "$SRC/data/examples/default.lua" "$SRC"/data/validation/*.lua "$T/in/more-vesicles.lua" \
       "$T/in/lower-dose.lua"
DEF="$SRC/data/examples/default.lua"
GOOD="$* "   # (inside check, "$@" is check's own)
mkdir "$T/out"
cd "$T/out" || exit 1

"$EXOPK" batch "$@" -j 2 -o fresh.csv > stdout 2> err; rc=$?
check "batch over $# studies exits 0" '[ $rc -eq 0 ]'
check "nothing on stdout, no progress line when stderr is not a terminal" \
      '[ ! -s stdout ] && ! grep -q "studies/s" err'
check "header study,arm,metric,value,unit" 'head -1 fresh.csv | grep -qx "study,arm,metric,value,unit"'
same=1
k=0
order=""
for f in "$@"; do
    k=$((k + 1))
    "$EXOPK" simulate "$f" -o "sim$k" > /dev/null 2>&1 || same=0
    tail -n +2 "sim$k/metrics.csv" > "sim$k.rows"
    rows_of "$f" fresh.csv > "batch$k.rows"
    [ -s "sim$k.rows" ] && cmp -s "sim$k.rows" "batch$k.rows" || same=0
    cat "sim$k.rows" >> expected.rows
done
check "each study's rows equal its simulate -o metrics.csv (bytes, %.10g)" '[ $same -eq 1 ]'
tail -n +2 fresh.csv | sed 's/^[^,]*,//' > all.rows
check "rows in input order: studies, then arms, then metrics" 'cmp -s all.rows expected.rows'
check "the study column is the path as given" \
      '[ "$(cut -d, -f1 fresh.csv | tail -n +2 | uniq | tr "\n" " ")" = "$GOOD" ]'

"$EXOPK" batch "$@" -j 1 -o j1.csv > /dev/null 2>&1
"$EXOPK" batch "$@" -j 3 -o j3.csv > /dev/null 2>&1
check "-j 1, -j 2 and -j 3 write identical bytes" 'cmp -s j1.csv fresh.csv && cmp -s j3.csv fresh.csv'
"$EXOPK" batch "$@" -o jdef.csv > /dev/null 2>&1
check "default -j (online CPUs) writes the same bytes" 'cmp -s jdef.csv fresh.csv'
check "no temporary files left" 'no_temps .'

"$EXOPK" batch "$SRC/data/examples/default.lua" --arm exodox -o arm.csv > /dev/null 2>&1; rc=$?
"$EXOPK" simulate "$SRC/data/examples/default.lua" --arm exodox -o simarm > /dev/null 2>&1
rows_of "$SRC/data/examples/default.lua" arm.csv > arm.rows
tail -n +2 simarm/metrics.csv > simarm.rows
check "--arm: only that arm, as simulate --arm" \
      '[ $rc -eq 0 ] && [ -s arm.rows ] && cmp -s arm.rows simarm.rows && ! grep -q ",control," arm.csv'
"$EXOPK" batch "$SRC/data/examples/default.lua" --arm exodx -o armtypo.csv > /dev/null 2> err; rc=$?
check "--arm with a typo: exit 2, a suggestion naming the study" \
      '[ $rc -eq 2 ] && grep -q "default.lua: --arm exodx: no such arm (did you mean \"exodox\"?)" err'

# a bad study and a failing simulation among good ones
"$EXOPK" batch "$DEF" "$SRC/tests/bad/unknown-unit.lua" "$T/in/solver-fails.lua" "$T/in/late.lua" \
    "$T/in/lower-dose.lua" -j 2 -o mixed.csv > /dev/null 2> err; rc=$?
check "a bad study among good ones: exit 2 (bad input wins over a failed run)" '[ $rc -eq 2 ]'
check "the message names file, line and field" \
      'grep -q "unknown-unit.lua:[0-9]*: arms\.exodox\[1\]\.dose: .*did you mean \"particles\"" err'
check "the solver failure names study and arm" 'grep -q "solver-fails.lua: arm free_dox: .*solver failed" err'
check "the others' rows are present, the failed items have none" \
      'rows_of "$DEF" mixed.csv | cmp -s - sim1.rows && rows_of "$T/in/lower-dose.lua" mixed.csv | grep -q . && rows_of "$T/in/late.lua" mixed.csv | grep -q . && ! grep -q "unknown-unit.lua\|solver-fails.lua" mixed.csv'
check "a load warning goes to stderr as warning: with the study path" \
      'grep -q "^warning: .*late.lua.*horizon" err'
"$EXOPK" batch "$DEF" "$SRC/tests/bad/unknown-unit.lua" "$T/in/solver-fails.lua" "$T/in/late.lua" \
    "$T/in/lower-dose.lua" -j 1 -o mixed1.csv > /dev/null 2> err1
check "messages come in input order whatever -j (same stderr bytes)" \
      'cmp -s err err1 && cmp -s mixed.csv mixed1.csv'
"$EXOPK" batch "$DEF" "$T/in/solver-fails.lua" -o failed.csv > /dev/null 2>&1; rc=$?
check "a failed simulation alone: exit 1, the table still written" \
      '[ $rc -eq 1 ] && rows_of "$DEF" failed.csv | cmp -s - sim1.rows'
"$EXOPK" batch "$T/missing.lua" "$DEF" -o missing.csv > /dev/null 2> err; rc=$?
check "a missing study file: exit 2, named" '[ $rc -eq 2 ] && grep -q "missing.lua" err && [ -s missing.csv ]'

# --resume
head -n "$(( $(wc -l < fresh.csv) - $(wc -l < sim$#.rows) ))" fresh.csv > resumed.csv
"$EXOPK" batch "$@" -j 2 -o resumed.csv --resume > /dev/null 2>&1; rc=$?
check "--resume after deleting the last study's rows equals a fresh run" \
      '[ $rc -eq 0 ] && cmp -s resumed.csv fresh.csv'
# a kept row is not recomputed: a doctored value survives
sed "2s/^\([^,]*,control,tumour_volume_final\),[^,]*,/\1,12345,/" resumed.csv > doctored.csv
head -n "$(( $(wc -l < fresh.csv) - $(wc -l < sim$#.rows) ))" doctored.csv > doctored-part.csv
"$EXOPK" batch "$@" -j 2 -o doctored-part.csv --resume > /dev/null 2>&1
check "--resume skips the study/arm pairs FILE has (a kept row is not recomputed)" \
      'sed -n 2p doctored-part.csv | grep -q ",control,tumour_volume_final,12345,mm3$" && tail -n +3 doctored-part.csv | cmp -s - "$(tail -n +3 fresh.csv > fresh.tail; echo fresh.tail)"'
grep -v "^$SRC/data/validation/heart_ratio.lua,\|^$SRC/data/examples/default.lua,free_dox," fresh.csv > gaps.csv
"$EXOPK" batch "$@" -j 2 -o gaps.csv --resume > /dev/null 2>&1; rc=$?
check "--resume with rows missing in the middle restores the fresh order" \
      '[ $rc -eq 0 ] && cmp -s gaps.csv fresh.csv'
printf '%s\n' "$T/other.lua,control,tumour_volume_final,1,mm3" > other.rows
{ head -1 fresh.csv; cat other.rows; } > keep.csv
"$EXOPK" batch "$DEF" -o keep.csv --resume > /dev/null 2>&1
check "--resume keeps rows of studies not in the run (first)" \
      '[ "$(sed -n 2p keep.csv)" = "$(cat other.rows)" ] && tail -n +3 keep.csv | sed "s/^[^,]*,//" | cmp -s - sim1.rows'
echo "not,a,batch,table" > foreign.csv
"$EXOPK" batch "$DEF" -o foreign.csv --resume > /dev/null 2> err; rc=$?
check "--resume onto a file that is not a batch table: exit 2, file untouched" \
      '[ $rc -eq 2 ] && grep -q "foreign.csv:1: not an exopk batch table" err && [ "$(cat foreign.csv)" = "not,a,batch,table" ]'
mkdir "$T/a,b" && cp "$DEF" "$T/a,b/q\"uote.lua"
"$EXOPK" batch "$T/a,b/q\"uote.lua" -o quoted.csv > /dev/null 2>&1
{ head -1 quoted.csv; grep ",control," quoted.csv; } > quoted-part.csv
"$EXOPK" batch "$T/a,b/q\"uote.lua" -o quoted-part.csv --resume > /dev/null 2>&1; rc=$?
check "a path with a comma or a quote is a quoted CSV field, and --resume reads it back" \
      '[ $rc -eq 0 ] && sed -n 2p quoted.csv | grep -q "^\"$T/a,b/q\"\"uote.lua\",control," && cmp -s quoted-part.csv quoted.csv'
check "no temporary files left after the resumes" 'no_temps .'

# interrupted runs: many generated variants so that the run takes a while
mkdir "$T/many"
i=0
while [ $i -lt 150 ]; do
    i=$((i + 1))
    sed "s/dose = \"2e11 particles\"/dose = \"$i.5e10 particles\"/" \
        "$SRC/data/examples/default.lua" > "$T/many/v$i.lua"
done
set -- "$T"/many/v*.lua
"$EXOPK" batch "$@" -j 2 -o many-fresh.csv > /dev/null 2>&1
# wait until the temporary holds rows (or the run ended), then interrupt
interrupt() {
    "$EXOPK" batch "$@" -j 1 -o "$OUT" $EXTRA > /dev/null 2> int-err &
    pid=$!
    tries=0
    while [ $tries -lt 400 ] && kill -0 $pid 2> /dev/null; do
        if [ -z "$WAIT_COMMIT" ]; then
            [ "$(cat "$OUT".tmp.* 2> /dev/null | wc -l)" -gt 200 ] && break
        else
            [ -e "$OUT" ] && break
        fi
        sleep 0.05
        tries=$((tries + 1))
    done
    kill -INT $pid 2> /dev/null
    wait $pid
    irc=$?
}
OUT=int0.csv EXTRA="--checkpoint 0" WAIT_COMMIT=
interrupt "$@"
check "kill -INT before the first commit: killed by SIGINT, no FILE, no temporary" \
      '[ $irc -eq 130 ] && [ ! -e int0.csv ] && no_temps . && grep -q "interrupted; int0.csv not written" int-err'
"$EXOPK" batch "$@" -j 2 -o int0.csv --resume > /dev/null 2>&1
check "--resume after it equals a fresh run" 'cmp -s int0.csv many-fresh.csv'
OUT=int1.csv EXTRA="--checkpoint 0.1" WAIT_COMMIT=1
interrupt "$@"
check "kill -INT after a commit: FILE is a whole-item prefix of a fresh run" \
      '[ $irc -eq 130 ] && [ -s int1.csv ] && cmp -s -n "$(wc -c < int1.csv)" int1.csv many-fresh.csv && [ "$(tail -1 int1.csv | cut -d, -f2,3)" = "exodox,tgi_pct" ] && no_temps .'
"$EXOPK" batch "$@" -j 2 -o int1.csv --resume > /dev/null 2>&1; rc=$?
check "--resume after it equals a fresh run" '[ $rc -eq 0 ] && cmp -s int1.csv many-fresh.csv && no_temps .'
cp many-fresh.csv before.csv
OUT=before.csv EXTRA="--checkpoint 0" WAIT_COMMIT=
interrupt "$@"
check "an interrupted run leaves an existing FILE as it was" \
      '[ $irc -eq 130 ] && cmp -s before.csv many-fresh.csv && no_temps .'

# usage errors
"$EXOPK" batch "$SRC/data/examples/default.lua" > /dev/null 2> err; rc=$?
check "no -o: exit 2 with a message" '[ $rc -eq 2 ] && grep -q "\-o FILE.csv is required" err'
"$EXOPK" batch "$SRC/data/examples/default.lua" -o u.csv --resme > /dev/null 2> err; rc=$?
check "unknown option: exit 2 and a suggestion" '[ $rc -eq 2 ] && grep -q "did you mean \"--resume\"" err'
"$EXOPK" batch "$SRC/data/examples/default.lua" -o u.csv -j 0 > /dev/null 2> err; rc1=$?
"$EXOPK" batch "$SRC/data/examples/default.lua" -o u.csv -j two > /dev/null 2>> err; rc2=$?
check "-j not a positive integer: exit 2" \
      '[ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ "$(grep -c "positive integer" err)" -eq 2 ]'
"$EXOPK" batch -o u.csv > /dev/null 2> err; rc=$?
check "no studies: exit 2 with a message" '[ $rc -eq 2 ] && grep -q "no study files" err'
check "usage errors write no file" '[ ! -e u.csv ]'
"$EXOPK" batch "$SRC/data/examples/default.lua" -o "$T/no/such/dir/x.csv" > /dev/null 2> err; rc=$?
check "-o into a missing directory: exit 3 with a message" '[ $rc -eq 3 ] && grep -q "cannot write" err'
"$EXOPK" batch "$SRC/data/examples/default.lua" -o "$T/in" > /dev/null 2> err; rc=$?
check "-o onto a directory: exit 3 with a message" '[ $rc -eq 3 ] && grep -q "is a directory" err'
"$EXOPK" batch --help > out 2>&1; rc=$?
check "batch --help" '[ $rc -eq 0 ] && grep -q "^usage: exopk batch" out'

echo "1..$n"
exit 0

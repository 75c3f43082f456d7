#!/bin/sh
# exopk over MPI ranks (TAP): the files of `mpirun -n 1, 2, 4 exopk ...`
# are byte for byte those of `exopk ... -j 1`, and a rank that fails stops
# the run naming itself.  $1: the exopk binary, $2: the source root,
# $3: mpirun.  4 ranks run on any machine (--oversubscribe), also as root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
MPIRUN=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
# mpirun's own report of a nonzero exit: blocks between lines of dashes
without_banner() { awk '/^-+$/ { skip = !skip; next } !skip' "$1"; }
no_temps() { ! ls -a "$1" | grep -q '\.tmp\.'; }
# A checkpoint is whole: its head, then exactly the bytes the head says
ckpt_whole() {
    [ "$(head -n 1 "$1")" = "exopk checkpoint 1" ] || return 1
    h=$(awk '/^$/ { print NR; exit }' "$1")
    b=$(sed -n 's/^bytes //p' "$1" | head -n 1)
    [ -n "$h" ] && [ -n "$b" ] && [ $(wc -c < "$1") -eq $(($(head -n "$h" "$1" | wc -c) + b)) ]
}
ckpt_done() { sed -n 's/^done //p' "$1" | head -n 1; }

# Open MPI keeps some memory to the end of a process: no leak reports
# under AddressSanitizer (CI's second build)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
ROOT=
[ "$(id -u)" -eq 0 ] && ROOT=--allow-run-as-root
mpi() { ranks=$1; shift; "$MPIRUN" $ROOT --oversubscribe -n "$ranks" "$EXOPK" "$@"; }

# The default study with population fields added before its solver line.
ADD='  variability = { ["carrier.k_pt"] = "30 %", ["tumour.growth_rate"] = "25 %", dose = 0.2 },
  correlations = { { "carrier.k_pt", "tumour.growth_rate", 0.5 } },'
ADD=$ADD awk '/^  solver = \{/ { print ENVIRON["ADD"] } { print }' \
    "$SRC/data/examples/default.lua" > "$T/var.lua"

# ---- population ----------------------------------------------------------
# 201 subjects: not a multiple of any chunk, so the last chunk is short
"$EXOPK" population "$T/var.lua" --subjects 201 --seed 11 -j 1 -o "$T/p-ref" 2> "$T/p-ref.err"
check "population -j 1 (the reference) writes its files" '[ -s "$T/p-ref/subjects.csv" ] && [ -s "$T/p-ref/exodox_bands.csv" ]'
for r in 1 2 4; do
    mpi $r population "$T/var.lua" --subjects 201 --seed 11 -j 1 -o "$T/p$r" > "$T/p$r.out" 2> "$T/p$r.err"
    rc=$?
    check "mpirun -n $r population exits 0" '[ $rc -eq 0 ]'
    check "mpirun -n $r population: the same bytes as -j 1" 'diff -r "$T/p-ref" "$T/p$r" > /dev/null'
done
mpi 2 population "$T/var.lua" --subjects 201 --seed 11 -j 2 -o "$T/p2j2" > /dev/null 2>&1
check "mpirun -n 2 population -j 2: the same bytes" 'diff -r "$T/p-ref" "$T/p2j2" > /dev/null'
check "ranks other than 0 print nothing: stderr as without MPI" 'cmp -s "$T/p-ref.err" "$T/p4.err"'
mpi 2 population "$T/var.lua" --subjects 201 --seed 12 -j 1 -o "$T/p-s12" > /dev/null 2>&1
check "another seed over ranks, another population" '! cmp -s "$T/p-ref/subjects.csv" "$T/p-s12/subjects.csv"'

EXOPK_MPI_FAIL=1 mpi 2 population "$T/var.lua" --subjects 201 --seed 11 -j 1 -o "$T/pf" > "$T/pf.out" 2> "$T/pf.err"
rc=$?
check "a failing rank: exit 1" '[ $rc -eq 1 ]'
check "a failing rank: the message names the rank and its subjects" 'grep -q "var.lua: rank 1: subjects [0-9]* to [0-9]*: failure forced by EXOPK_MPI_FAIL" "$T/pf.err"'
check "a failing rank: no population file written, no temporary left" '[ ! -e "$T/pf/subjects.csv" ] && [ ! -e "$T/pf/summary.csv" ] && no_temps "$T/pf"'
"$EXOPK" population "$T/nonesuch.lua" --subjects 5 -o "$T/pn" > /dev/null 2> "$T/pn1.err"
rc1=$?
mpi 2 population "$T/nonesuch.lua" --subjects 5 -o "$T/pn" > /dev/null 2> "$T/pn.err"
rc=$?
check "a missing study under mpirun: the exit status and the one message of a plain run" \
    '[ $rc1 -ne 0 ] && [ $rc -eq $rc1 ] && [ $(grep -c nonesuch "$T/pn.err") -eq 1 ] && grep -qF "$(cat "$T/pn1.err")" "$T/pn.err"'

# ---- population: checkpoints and --resume --------------------------------
# one process: subjects go in chunks of 16 (-j 1); the 5th fails, the
# checkpoint (after the first chunk, then no sooner than 20 x its own
# cost) stays whole
P="$T/var.lua --subjects 201 --seed 11 -j 1"
EXOPK_MPI_FAIL=0:5 "$EXOPK" population $P --checkpoint 0.000001 -o "$T/pc1" 2> "$T/pc1.err"
rc=$?
check "population, one process, a failing chunk: exit 1, its subjects named" \
    '[ $rc -eq 1 ] && grep -q "var.lua: subjects 65 to 80: failure forced by EXOPK_MPI_FAIL" "$T/pc1.err"'
check "  the checkpoint is whole, holds whole chunks before the failure, and says so" \
    'ckpt_whole "$T/pc1/population.checkpoint" && d=$(ckpt_done "$T/pc1/population.checkpoint") && [ $((d % 16)) -eq 0 ] && [ "$d" -ge 16 ] && [ "$d" -le 64 ] && grep -q "pc1/population.checkpoint holds subjects 1 to $d (--resume continues)" "$T/pc1.err"'
check "  no population file, no temporary" '[ ! -e "$T/pc1/subjects.csv" ] && [ ! -e "$T/pc1/summary.csv" ] && no_temps "$T/pc1"'
cp "$T/pc1/population.checkpoint" "$T/pc1.ckpt"
"$EXOPK" population $P --seed 12 --resume -o "$T/pc1" > /dev/null 2> "$T/pc1-seed.err"
rc=$?
check "--resume with another seed: exit 2, the setting named, the checkpoint kept" \
    '[ $rc -eq 2 ] && grep -q "population.checkpoint: made with other settings: seed 11, this run has 12" "$T/pc1-seed.err" && cmp -s "$T/pc1.ckpt" "$T/pc1/population.checkpoint"'
sed 's/"25 %"/"26 %"/' "$T/var.lua" > "$T/var2.lua"
"$EXOPK" population "$T/var2.lua" --subjects 201 --seed 11 -j 1 --resume -o "$T/pc1" > /dev/null 2> "$T/pc1-study.err"
rc=$?
check "--resume with another study: exit 2, the study named" \
    '[ $rc -eq 2 ] && grep -q "made with other settings: study " "$T/pc1-study.err"'
"$EXOPK" population $P --subjects 300 --resume -o "$T/pc1" > /dev/null 2> "$T/pc1-n.err"
check "--resume with other subjects: exit 2" '[ $? -eq 2 ] && grep -q "subjects 201, this run has 300" "$T/pc1-n.err"'
"$EXOPK" population $P -j 2 --resume -o "$T/pc1" > /dev/null 2>&1
rc=$?
check "--resume (-j 2) finishes it: exit 0, the bytes of the reference, no checkpoint left" \
    '[ $rc -eq 0 ] && diff -r "$T/p-ref" "$T/pc1" > /dev/null && [ ! -e "$T/pc1/population.checkpoint" ]'
# over ranks: rank 1 fails its 3rd chunk (4 subjects a chunk)
EXOPK_MPI_FAIL=1:3 mpi 2 population $P --checkpoint 0.000001 -o "$T/pc2" > /dev/null 2> "$T/pc2.err"
rc=$?
check "mpirun -n 2 population, rank 1 fails: exit 1, the rank and its subjects named" \
    '[ $rc -eq 1 ] && grep -q "var.lua: rank 1: subjects [0-9]* to [0-9]*: failure forced by EXOPK_MPI_FAIL" "$T/pc2.err"'
check "  the checkpoint is whole and says how far it goes" \
    'ckpt_whole "$T/pc2/population.checkpoint" && d=$(ckpt_done "$T/pc2/population.checkpoint") && grep -q "population.checkpoint holds subjects 1 to $d (--resume continues)" "$T/pc2.err" && [ ! -e "$T/pc2/subjects.csv" ] && no_temps "$T/pc2"'
mpi 4 population $P --resume -o "$T/pc2" > /dev/null 2>&1
rc=$?
check "mpirun -n 4 --resume finishes it: the bytes of the reference" '[ $rc -eq 0 ] && diff -r "$T/p-ref" "$T/pc2" > /dev/null'
mpi 3 population $P --checkpoint 0.000001 -o "$T/pc3" > /dev/null 2>&1
check "mpirun -n 3 with a checkpoint after every chunk: the bytes of the reference" \
    '[ $? -eq 0 ] && diff -r "$T/p-ref" "$T/pc3" > /dev/null'
# a silent rank, and a rank's stderr
EXOPK_MPI_STALL=1:2 mpi 2 population $P --rank-timeout 1 -o "$T/pt" > /dev/null 2> "$T/pt.err"
rc=$?
check "--rank-timeout: a silent rank fails the run: exit 1, the rank and its subjects named" \
    '[ $rc -eq 1 ] && grep -q "var.lua: rank 1: no answer for [0-9]* s (--rank-timeout), subjects 5 to 8" "$T/pt.err" && [ ! -e "$T/pt/subjects.csv" ]'
EXOPK_MPI_WARN=1 mpi 3 population $P -o "$T/pw" > /dev/null 2> "$T/pw1.err"
EXOPK_MPI_WARN=2 mpi 3 population $P -o "$T/pw" > /dev/null 2> "$T/pw2.err"
cat "$T/pw1.err" "$T/pw2.err" > "$T/pw.err"
check "a rank stderr reaches rank 0 prefixed rank R: the files as without it" \
    '[ "$(cat "$T/pw.err")" = "rank 1: warning: chunk 1: a message forced by EXOPK_MPI_WARN
rank 2: warning: chunk 1: a message forced by EXOPK_MPI_WARN" ] && diff -r "$T/p-ref" "$T/pw" > /dev/null'
EXOPK_MPI_WARN=2:2 EXOPK_MPI_FAIL=1:2 mpi 3 population $P -o "$T/pw3" > /dev/null 2> "$T/pw3.err"
check "  in chunk order: rank 1's failed chunk (2nd) before rank 2's later one" \
    '! grep -q "rank 2: warning" "$T/pw3.err" && grep -q "rank 1: subjects 5 to 8" "$T/pw3.err"'

# ---- sensitivity ----------------------------------------------------------
STUDY=$SRC/data/examples/default.lua
# sens RANKS (0: no mpirun) OPTION...
sens() {
    ranks=$1; shift
    if [ "$ranks" -eq 0 ]; then set -- "$EXOPK" sensitivity "$@"; else set -- mpi "$ranks" sensitivity "$@"; fi
    "$@" "$STUDY" --method sobol --samples 40 --arm free_dox \
        --vary "doxorubicin.cl=0.07 L/h:0.28 L/h" --vary tumour.growth_rate=0.003:0.006 \
        --vary dose=10:400 --metric doxorubicin.heart_auc --metric tumour_volume_final
}
sens 0 -j 1 -o "$T/s-ref" > /dev/null 2>&1
check "sensitivity -j 1 (the reference): 2 metrics x 3 parameters" '[ $(wc -l < "$T/s-ref/sensitivity.csv") -eq 7 ]'
for r in 1 2 4; do
    sens $r -j 1 -o "$T/s$r" > /dev/null 2>&1
    rc=$?
    check "mpirun -n $r sensitivity (Sobol): exit 0, the same bytes as -j 1" '[ $rc -eq 0 ] && cmp -s "$T/s-ref/sensitivity.csv" "$T/s$r/sensitivity.csv"'
done
"$EXOPK" sensitivity "$STUDY" --method morris --samples 6 --arm free_dox --vary dose=10:400 \
    --vary doxorubicin.cl=0.07:0.28 -o "$T/m-ref" > /dev/null 2>&1
mpi 2 sensitivity "$STUDY" --method morris --samples 6 --arm free_dox --vary dose=10:400 \
    --vary doxorubicin.cl=0.07:0.28 -j 2 -o "$T/m2" > /dev/null 2>&1
check "mpirun -n 2 sensitivity (Morris, -j 2): the same bytes" 'cmp -s "$T/m-ref/sensitivity.csv" "$T/m2/sensitivity.csv"'
EXOPK_MPI_FAIL=1:2 sens 2 -j 1 -o "$T/sf" > /dev/null 2> "$T/sf.err"
rc=$?
check "a failing rank in sensitivity: exit 1, the rank and its design points named, no table" \
    '[ $rc -eq 1 ] && grep -q "sensitivity: rank 1: design points [0-9]* to [0-9]*: failure forced by EXOPK_MPI_FAIL" "$T/sf.err" && [ ! -e "$T/sf/sensitivity.csv" ]'

# checkpoints: one process (chunks of 16 points), then over ranks (4);
# a checkpoint follows the first chunk, the next ones at least 20 x the
# last one's cost later
EXOPK_MPI_FAIL=0:3 sens 0 -j 1 --checkpoint 0.000001 -o "$T/sc1" > /dev/null 2> "$T/sc1.err"
rc=$?
check "sensitivity, one process, a failing chunk: exit 1, its points named, the checkpoint whole" \
    '[ $rc -eq 1 ] && grep -q "sensitivity: design points 33 to 48: failure forced by EXOPK_MPI_FAIL" "$T/sc1.err" && ckpt_whole "$T/sc1/sensitivity.checkpoint" && d=$(ckpt_done "$T/sc1/sensitivity.checkpoint") && [ $((d % 16)) -eq 0 ] && [ "$d" -ge 16 ] && [ "$d" -le 32 ] && [ ! -e "$T/sc1/sensitivity.csv" ]'
sens 0 -j 1 --seed 2 --resume -o "$T/sc1" > /dev/null 2> "$T/sc1-seed.err"
check "--resume with another seed: exit 2, the setting named" \
    '[ $? -eq 2 ] && grep -q "sensitivity.checkpoint: made with other settings: seed 1, this run has 2" "$T/sc1-seed.err"'
sens 0 -j 1 --set tumour.growth_rate=0.005 --resume -o "$T/sc1" > /dev/null 2>&1
check "--resume with another --set: exit 2" '[ $? -eq 2 ]'
sens 0 -j 2 --resume -o "$T/sc1" > /dev/null 2>&1
check "--resume finishes it: the bytes of the reference, no checkpoint left" \
    '[ $? -eq 0 ] && cmp -s "$T/s-ref/sensitivity.csv" "$T/sc1/sensitivity.csv" && [ ! -e "$T/sc1/sensitivity.checkpoint" ]'
EXOPK_MPI_FAIL=1:3 sens 2 -j 1 --checkpoint 0.000001 -o "$T/sc2" > /dev/null 2> "$T/sc2.err"
rc=$?
check "mpirun -n 2 sensitivity, rank 1 fails: exit 1, the rank, its points and the checkpoint named" \
    '[ $rc -eq 1 ] && grep -q "sensitivity: rank 1: design points [0-9]* to [0-9]*: failure forced" "$T/sc2.err" && ckpt_whole "$T/sc2/sensitivity.checkpoint" && grep -q "sensitivity.checkpoint holds design points 1 to $(ckpt_done "$T/sc2/sensitivity.checkpoint") (--resume continues)" "$T/sc2.err"'
sens 4 -j 1 --resume -o "$T/sc2" > /dev/null 2>&1
check "mpirun -n 4 --resume finishes it: the bytes of the reference" \
    '[ $? -eq 0 ] && cmp -s "$T/s-ref/sensitivity.csv" "$T/sc2/sensitivity.csv"'
EXOPK_MPI_STALL=1 sens 2 -j 1 --rank-timeout 1 -o "$T/st" > /dev/null 2> "$T/st.err"
rc=$?
check "sensitivity --rank-timeout: exit 1, the silent rank and its points named, no table" \
    '[ $rc -eq 1 ] && grep -q "sensitivity: rank 1: no answer for [0-9]* s (--rank-timeout), design points 1 to 4" "$T/st.err" && [ ! -e "$T/st/sensitivity.csv" ]'

# ---- batch -----------------------------------------------------------------
# studies that differ in cost, one that fails (its message, exit 1) and a
# study given twice
mkdir "$T/in"
i=0
for dose in 1e11 2e11 4e11 8e11; do
    i=$((i + 1))
    sed "s/dose = \"2e11 particles\"/dose = \"$dose particles\"/" \
        "$SRC/data/examples/default.lua" > "$T/in/dose$i.lua"
done
sed 's/^  solver = .*/  solver = { rtol = 1e-6, atol = 1e-12 }, params = { ["doxorubicin.cl"] = 1e300 },/' \
    "$SRC/data/examples/default.lua" > "$T/in/solver-fails.lua"
set -- "$T"/in/dose1.lua "$T"/in/dose2.lua "$T"/in/solver-fails.lua "$SRC"/data/validation/*.lua \
       "$T"/in/dose3.lua "$T"/in/dose4.lua "$T"/in/dose1.lua
INPUTS="$*"
"$EXOPK" batch "$@" -j 1 -o "$T/b-ref.csv" > /dev/null 2> "$T/b-ref.err"
rc_ref=$?
check "batch -j 1 (the reference): exit 1 for the failing study, rows of the others" \
    '[ $rc_ref -eq 1 ] && grep -q "solver-fails.lua" "$T/b-ref.err" && [ $(grep -c "dose4.lua" "$T/b-ref.csv") -gt 0 ]'
for r in 1 2 4; do
    mpi $r batch "$@" -j 1 -o "$T/b$r.csv" > /dev/null 2> "$T/b$r.err"
    rc=$?
    check "mpirun -n $r batch: exit $rc_ref as with -j 1" '[ $rc -eq $rc_ref ]'
    check "mpirun -n $r batch: the same bytes as -j 1" 'cmp -s "$T/b-ref.csv" "$T/b$r.csv"'
    check "mpirun -n $r batch: the same messages, in the same order" 'without_banner "$T/b$r.err" | cmp -s "$T/b-ref.err" -'
done
mpi 2 batch "$@" -j 2 -o - > "$T/b2j2.csv" 2> /dev/null
check "mpirun -n 2 batch -j 2 -o -: the same bytes on stdout" 'cmp -s "$T/b-ref.csv" "$T/b2j2.csv"'

# rank 1 fails at its third chunk: chunks before it are committed
# (--checkpoint after every study), the file is whole, --resume finishes it
EXOPK_MPI_FAIL=1:3 mpi 2 batch "$@" -j 1 --checkpoint 0.000001 -o "$T/bf.csv" > /dev/null 2> "$T/bf.err"
rc=$?
check "a failing rank in batch: exit 1" '[ $rc -eq 1 ]'
check "a failing rank in batch: the message names the rank, the study and the checkpoint" \
    'grep -q "^exopk batch: rank 1: .*\.lua: failure forced by EXOPK_MPI_FAIL; .*bf.csv holds the rows of the last commit (--resume continues)" "$T/bf.err"'
check "the checkpoint is whole: a prefix of the reference, ending at a study" \
    '[ -s "$T/bf.csv" ] && [ $(wc -l < "$T/bf.csv") -lt $(wc -l < "$T/b-ref.csv") ] && head -n $(wc -l < "$T/bf.csv") "$T/b-ref.csv" | cmp -s - "$T/bf.csv" && no_temps "$T"'
cp "$T/bf.csv" "$T/bf-checkpoint.csv"
mpi 2 batch "$@" -j 1 --resume -o "$T/bf.csv" > /dev/null 2>&1
check "--resume over ranks completes it: the bytes of the reference" 'cmp -s "$T/b-ref.csv" "$T/bf.csv"'
EXOPK_MPI_STALL=1:2 mpi 2 batch "$@" -j 1 --rank-timeout 1 -o "$T/bt.csv" > /dev/null 2> "$T/bt.err"
rc=$?
check "batch --rank-timeout: exit 1, the silent rank and its study named, no temporary" \
    '[ $rc -eq 1 ] && grep -q "^exopk batch: rank 1: no answer for [0-9]* s (--rank-timeout), .*\.lua; " "$T/bt.err" && no_temps "$T"'

# ---- exopk run: a robust exopk.optimize over ranks -------------------------
# 24 subjects, 30 candidates: rank 0 runs the script (it appends one line to
# a file: the other ranks never run it), every candidate's subjects are
# dealt; what it prints (%.17g, the trace too) is the bytes of a plain run
cat > "$T/opt.lua" <<'LUA'
local exopk = require "exopk"
local study = exopk.load(arg[1])
study:set("exodox", { ["tumour.growth_rate"] = 0.012 })  -- set in the script: travels as text
local f = assert(io.open(arg[2], "a")); f:write("ran\n"); f:close()
local best = exopk.optimize{
  study = study, arm = "exodox",
  vary = { dose = { 1e10, 1e12, log = true }, every = { "2 d", "7 d" } },
  minimize = "tumour_volume_final", statistic = "p90",
  subject_to = { ["doxorubicin.heart_auc"] = { max = 40, statistic = "p95" } },
  population = { subjects = 24, seed = 3 }, max_evaluations = 30 }
print(string.format("%s %s %d", best.status, tostring(best.feasible), best.evaluations))
print(string.format("%.17g %.17g %.17g", best.x.dose, best.x.every, best.objective))
for m, c in pairs(best.constraints) do print(string.format("%s %.17g %.17g", m, c.value, c.slack)) end
for i, p in ipairs(best.trace) do
  print(string.format("%d %.17g %.17g %.17g %.17g", i, p.x.dose, p.x.every, p.objective, p.violation))
end
LUA
"$EXOPK" run "$T/opt.lua" "$T/var.lua" "$T/o-ref.ran" > "$T/o-ref.out" 2> "$T/o-ref.err"
rc=$?
check "run: a robust optimize (the reference) exits 0 with its 30 candidates" \
    '[ $rc -eq 0 ] && [ $(wc -l < "$T/o-ref.out") -eq 33 ] && grep -q "^max evaluations true 30$" "$T/o-ref.out"'
for r in 2 4; do
    mpi $r run "$T/opt.lua" "$T/var.lua" "$T/o$r.ran" > "$T/o$r.out" 2> "$T/o$r.err"
    rc=$?
    check "mpirun -n $r run: exit 0, the bytes of a plain run" '[ $rc -eq 0 ] && cmp -s "$T/o-ref.out" "$T/o$r.out"'
    check "mpirun -n $r run: the script ran once, stderr as a plain run's" \
        '[ "$(cat "$T/o$r.ran")" = ran ] && cmp -s "$T/o-ref.err" "$T/o$r.err"'
done
EXOPK_MPI_FAIL=1:2 mpi 2 run "$T/opt.lua" "$T/var.lua" "$T/of.ran" > "$T/of.out" 2> "$T/of.err"
rc=$?
check "run, a failing rank: exit 1, the Lua error names the rank and its subjects" \
    '[ $rc -eq 1 ] && grep -q "^exopk: .*opt.lua:5: exopk.optimize: rank 1: subjects [0-9]* to [0-9]*: failure forced by EXOPK_MPI_FAIL" "$T/of.err" && [ ! -s "$T/of.out" ]'
sed 's/statistic = "p90"/statistic = "q5"/' "$T/opt.lua" > "$T/opt-bad.lua"
"$EXOPK" run "$T/opt-bad.lua" "$T/var.lua" "$T/ob.ran" > /dev/null 2> "$T/ob-ref.err"
rc1=$?
mpi 2 run "$T/opt-bad.lua" "$T/var.lua" "$T/ob.ran" > /dev/null 2> "$T/ob.err"
rc=$?
check "mpirun -n 2 run, a bad statistic: the exit status and message of a plain run" \
    '[ $rc1 -eq 1 ] && [ $rc -eq 1 ] && grep -q "statistic \"q5\"" "$T/ob-ref.err" && without_banner "$T/ob.err" | cmp -s "$T/ob-ref.err" -'
printf 'print("once")\nos.exit(tonumber(arg[1]))\n' > "$T/exit.lua"
mpi 2 run "$T/exit.lua" 0 > "$T/ex0.out" 2> "$T/ex0.err"
rc=$?
check "mpirun -n 2 run: a script's os.exit(0) ends the job cleanly" \
    '[ $rc -eq 0 ] && [ "$(cat "$T/ex0.out")" = once ] && [ ! -s "$T/ex0.err" ]'
mpi 2 run "$T/exit.lua" 3 > /dev/null 2>&1
rc=$?
check "mpirun -n 2 run: os.exit(3), exit status 3 as without MPI" '[ $rc -eq 3 ]'

echo "1..$n"

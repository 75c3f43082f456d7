#!/bin/sh
# A robust exopk.optimize over MPI ranks on this machine: wall time of
# `exopk run` of a script that optimises the exodox arm's dose and interval
# over a population (the default study with variability), without mpirun
# (threads = 1 and 2) and under `mpirun -n 1` and `-n 2` (rank 0 deals each
# candidate's subjects; every rank computes on one thread); what the
# script prints (%.17g, the whole trace) must be the same bytes.
# $1: the exopk binary, $2: the source root, $3: subjects (default 48),
# $4: candidates (default 40), $5: mpirun (default: the one on PATH).
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
N=${3:-48}
E=${4:-40}
MPIRUN=${5:-mpirun}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ROOT=
[ "$(id -u)" -eq 0 ] && ROOT=--allow-run-as-root

ADD='  variability = { ["carrier.k_pt"] = "30 %", ["tumour.growth_rate"] = "25 %", dose = 0.2 },
  correlations = { { "carrier.k_pt", "tumour.growth_rate", 0.5 } },'
ADD=$ADD awk '/^  solver = \{/ { print ENVIRON["ADD"] } { print }' \
    "$SRC/data/examples/default.lua" > "$T/var.lua"
cat > "$T/opt.lua" <<'LUA'
local exopk = require "exopk"
local best = exopk.optimize{
  study = exopk.load(arg[1]), arm = "exodox",
  vary = { dose = { 1e10, 1e12, log = true }, every = { "2 d", "7 d" } },
  minimize = "tumour_volume_final", statistic = "p90",
  subject_to = { ["doxorubicin.heart_auc"] = { max = 40, statistic = "p95" } },
  population = { subjects = tonumber(arg[2]), seed = 3 },
  max_evaluations = tonumber(arg[3]), threads = tonumber(arg[4]) }
print(string.format("%.17g %.17g %.17g", best.x.dose, best.x.every, best.objective))
for i, p in ipairs(best.trace) do print(string.format("%.17g %.17g", p.objective, p.violation)) end
LUA

now() { date +%s.%N; }
run() {    # run() RANKS THREADS OUT: prints the wall time (0 ranks: no mpirun)
    t0=$(now)
    if [ "$1" -eq 0 ]; then
        "$EXOPK" run "$T/opt.lua" "$T/var.lua" "$N" "$E" "$2" > "$3" 2> "$T/err"
    else
        "$MPIRUN" $ROOT --oversubscribe --bind-to none -n "$1" "$EXOPK" run "$T/opt.lua" \
            "$T/var.lua" "$N" "$E" "$2" > "$3" 2> "$T/err"
    fi || {
        echo "exopk run over $1 ranks failed:" >&2
        cat "$T/err" >&2
        exit 1
    }
    t1=$(now)
    awk -v a="$t0" -v c="$t1" 'BEGIN { print c - a }'
}

p1=$(run 0 1 "$T/plain1")
p2=$(run 0 2 "$T/plain2")
t1=$(run 1 1 "$T/r1")
t2=$(run 2 1 "$T/r2")
for r in plain2 r1 r2; do
    if ! cmp -s "$T/plain1" "$T/$r"; then
        echo "exopk run: the output of $r differs from a plain run" >&2
        exit 1
    fi
done
awk -v n="$N" -v e="$E" -v p1="$p1" -v p2="$p2" -v t1="$t1" -v t2="$t2" \
    -v cpus="$(nproc 2> /dev/null || echo '?')" 'BEGIN {
    printf "robust exopk.optimize over MPI ranks: %d candidates of %d subjects, %s online CPUs\n", e, n, cpus
    printf "  no mpirun, threads = 1:  %7.2f s\n", p1
    printf "  no mpirun, threads = 2:  %7.2f s  (%.2fx)\n", p2, p1 / p2
    printf "  1 rank:                  %7.2f s  (mpirun start-up included)\n", t1
    printf "  2 ranks:                 %7.2f s  speed-up over 1 rank %.2fx, efficiency %.0f %%\n", t2, t1 / t2, 100 * t1 / (2 * t2)
    printf "  outputs: byte-identical to a plain run\n"
}'

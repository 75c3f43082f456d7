#!/bin/sh
# exopk over MPI ranks on this machine: wall time of `exopk population`
# (the default study's exodox arm, three parameters varied) under
# `mpirun -n 1` and `-n 2` (-j 1 in each rank), the speed-up and the
# parallel efficiency T1 / (2 T2); the outputs must be the same bytes.
# $1: the exopk binary, $2: the source root, $3: subjects (default 2000),
# $4: mpirun (default: the one on PATH).  docs/mpi.md has the scaling model.
# --bind-to none: Open MPI pins 1 or 2 ranks to cores by default, which on
# a machine shared with other work keeps a rank on a busy core.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
N=${3:-2000}
MPIRUN=${4:-mpirun}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ROOT=
[ "$(id -u)" -eq 0 ] && ROOT=--allow-run-as-root

ADD='  variability = { ["carrier.k_pt"] = "30 %", ["tumour.growth_rate"] = "25 %", dose = "20 %" },
  correlations = { { "carrier.k_pt", "tumour.growth_rate", 0.5 } },'
ADD=$ADD awk '/^  solver = \{/ { print ENVIRON["ADD"] } { print }' \
    "$SRC/data/examples/default.lua" > "$T/pop.lua"

now() { date +%s.%N; }
run() {    # run() RANKS OUT: prints the wall time (0 ranks: no mpirun)
    t0=$(now)
    if [ "$1" -eq 0 ]; then
        "$EXOPK" population "$T/pop.lua" --arm exodox --subjects "$N" -j 1 -o "$2" 2> "$T/err"
    else
        "$MPIRUN" $ROOT --oversubscribe --bind-to none -n "$1" "$EXOPK" population "$T/pop.lua" --arm exodox \
            --subjects "$N" -j 1 -o "$2" 2> "$T/err"
    fi || {
        echo "exopk population over $1 ranks failed:" >&2
        cat "$T/err" >&2
        exit 1
    }
    t1=$(now)
    awk -v a="$t0" -v c="$t1" 'BEGIN { print c - a }'
}

t0=$(run 0 "$T/plain")
t1=$(run 1 "$T/r1")
t2=$(run 2 "$T/r2")
for r in r1 r2; do
    if ! diff -r "$T/plain" "$T/$r" > /dev/null; then
        echo "exopk population: the output of $r differs from -j 1 without mpirun" >&2
        exit 1
    fi
done
awk -v n="$N" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v cpus="$(nproc 2> /dev/null || echo '?')" 'BEGIN {
    printf "exopk population over MPI ranks: %d subjects of the exodox arm, -j 1, %s online CPUs\n", n, cpus
    printf "  no mpirun:  %7.2f s\n", t0
    printf "  1 rank:     %7.2f s  (mpirun start-up included)\n", t1
    printf "  2 ranks:    %7.2f s  speed-up %.2fx, efficiency %.0f %%\n", t2, t1 / t2, 100 * t1 / (2 * t2)
    printf "  outputs: byte-identical to -j 1\n"
}'

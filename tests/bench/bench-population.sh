#!/bin/sh
# `exopk population` throughput: subjects per second of the default study's
# exodox arm (three parameters varied, one correlation) with -j 1 and -j 2,
# the scaling ratio (target >= 1.8x on 2 cores), the time of 10,000
# subjects on 2 cores (target <= 20 s), and the peak memory (max RSS, from
# /usr/bin/time when it is there) for 1,000 and 10,000 subjects.
# $1: the exopk binary, $2: the source root, $3: subjects (default 10000).
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
N=${3:-10000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

ADD='  variability = { ["carrier.k_pt"] = "30 %", ["tumour.growth_rate"] = "25 %", dose = "20 %" },
  correlations = { { "carrier.k_pt", "tumour.growth_rate", 0.5 } },'
ADD=$ADD awk '/^  solver = \{/ { print ENVIRON["ADD"] } { print }' \
    "$SRC/data/examples/default.lua" > "$T/pop.lua"

now() { date +%s.%N; }
run() {    # run() JOBS SUBJECTS OUT: prints the wall time
    t0=$(now)
    "$EXOPK" population "$T/pop.lua" --arm exodox --subjects "$2" -j "$1" -o "$3" 2> "$T/err" || {
        echo "exopk population -j $1 failed:" >&2
        cat "$T/err" >&2
        exit 1
    }
    t1=$(now)
    awk -v a="$t0" -v c="$t1" 'BEGIN { print c - a }'
}
rss() {    # rss() SUBJECTS: max RSS in kB, or "?"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$EXOPK" population "$T/pop.lua" --arm exodox --subjects "$1" -j 2 \
            -o "$T/rss$1" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { print $2 + 0 }'
    else
        echo "?"
    fi
}

t1=$(run 1 "$N" "$T/j1")
t2=$(run 2 "$N" "$T/j2")
if ! diff -r "$T/j1" "$T/j2" > /dev/null; then
    echo "exopk population: -j 1 and -j 2 outputs differ" >&2
    exit 1
fi
r1=$(rss 1000)
r2=$(rss 10000)
awk -v n="$N" -v t1="$t1" -v t2="$t2" -v r1="$r1" -v r2="$r2" -v cpus="$(nproc 2> /dev/null || echo '?')" 'BEGIN {
    printf "exopk population: %d subjects of the exodox arm, %s online CPUs\n", n, cpus
    printf "  -j 1: %7.2f s  %8.1f subjects/s\n", t1, n / t1
    printf "  -j 2: %7.2f s  %8.1f subjects/s  (10,000 on 2 cores: %.1f s, target <= 20 s)\n",
           t2, n / t2, 10000 * t2 / n
    printf "  scaling -j 2 / -j 1: %.2fx (target >= 1.8x)\n", t1 / t2
    printf "  max RSS (-j 2): %s kB for 1,000 subjects, %s kB for 10,000\n", r1, r2
}'
exit 0

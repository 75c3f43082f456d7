#!/bin/sh
# `exopk batch` throughput: evaluations (arm simulations) per second with
# -j 1 and -j 2 over generated variants of the default study, and the
# scaling ratio (target >= 1.8x on 2 cores).  Best of 3 runs each.  As a
# control, two -j 1 processes on half the studies each at once: what the
# machine gives two independent workers right now (other load lowers both).
# $1: the exopk binary, $2: the source root, $3: studies (default 200).
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
N=${3:-200}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

i=0
while [ $i -lt "$N" ]; do
    i=$((i + 1))
    # vary the vesicle dose, the free dose and the schedule
    sed "s/dose = \"2e11 particles\"/dose = \"$((i % 50 + 1))e10 particles\"/;
         s/dose = \"5 mg\/kg\"/dose = \"$((i % 7 + 1)) mg\/kg\"/;
         s/every = \"3 d\", count = 5/every = \"$((i % 4 + 2)) d\", count = $((i % 5 + 2))/" \
        "$SRC/data/examples/default.lua" > "$T/v$(printf %04d $i).lua"
done

now() { date +%s.%N; }
best() {   # best() JOBS OUT: prints the best wall time of 3 runs
    b=
    for r in 1 2 3; do
        t0=$(now)
        "$EXOPK" batch "$T"/v*.lua -j "$1" -o "$2" 2> "$T/err" || {
            echo "exopk batch -j $1 failed:" >&2
            cat "$T/err" >&2
            exit 1
        }
        t1=$(now)
        b=$(awk -v b="$b" -v d="$(awk -v a="$t0" -v c="$t1" 'BEGIN { print c - a }')" \
            'BEGIN { print (b == "" || d < b) ? d : b }')
    done
    echo "$b"
}

# two -j 1 processes at once, each on half
both() {
    b=
    for r in 1 2 3; do
        t0=$(now)
        "$EXOPK" batch $H1 -j 1 -o "$T/h1.csv" 2> /dev/null &
        p=$!
        "$EXOPK" batch $H2 -j 1 -o "$T/h2.csv" 2> /dev/null
        wait $p
        t1=$(now)
        b=$(awk -v b="$b" -v d="$(awk -v a="$t0" -v c="$t1" 'BEGIN { print c - a }')" \
            'BEGIN { print (b == "" || d < b) ? d : b }')
    done
    echo "$b"
}
H1=$(ls "$T"/v*.lua | head -n $((N / 2)))
H2=$(ls "$T"/v*.lua | tail -n +$((N / 2 + 1)))

t1=$(best 1 "$T/j1.csv")
t2=$(best 2 "$T/j2.csv")
tp=$(both)
evals=$(tail -n +2 "$T/j1.csv" | cut -d, -f1,2 | uniq | wc -l)
if ! cmp -s "$T/j1.csv" "$T/j2.csv"; then
    echo "exopk batch: -j 1 and -j 2 outputs differ" >&2
    exit 1
fi
awk -v n="$N" -v e="$evals" -v t1="$t1" -v t2="$t2" -v tp="$tp" -v cpus="$(nproc 2> /dev/null || echo '?')" 'BEGIN {
    printf "exopk batch: %d studies, %d evaluations (arm simulations), %s online CPUs\n", n, e, cpus
    printf "  -j 1: %7.3f s  %8.1f evaluations/s\n", t1, e / t1
    printf "  -j 2: %7.3f s  %8.1f evaluations/s\n", t2, e / t2
    printf "  scaling -j 2 / -j 1: %.2fx (target >= 1.8x)%s\n", t1 / t2,
           ((t1 / t2) >= 1.8 ? "" : "  BELOW TARGET")
    printf "  control, 2 x -j 1 processes on halves: %.3f s, %.2fx\n", tp, t1 / tp
}'
exit 0

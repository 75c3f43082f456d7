#!/bin/sh
# A Slurm job: a virtual population of 10^6 subjects over MPI ranks
# (docs/mpi.md), then a batch table; both --resume from their checkpoints
# when the job is run again after it was cut short.  Submit with
#   sbatch scripts/slurm-population.sh STUDY.lua [OUT_DIR]
# after building exopk with MPI (meson setup build -Dmpi=enabled) on a file
# system every node sees.  Edit the #SBATCH lines for your site.
# SPDX-License-Identifier: GPL-3.0-or-later
#SBATCH --job-name=exopk-population
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=8
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=exopk-%j.log
set -eu
STUDY=${1:?usage: sbatch scripts/slurm-population.sh STUDY.lua [OUT_DIR]}
OUT=${2:-population-$SLURM_JOB_ID}
EXOPK=${EXOPK:-exopk}          # or the build tree's build/src/cli/exopk
JOBS=${SLURM_CPUS_PER_TASK:-1}  # threads per rank: ranks x threads = the cores asked for

# srun starts one rank per task (Slurm's PMIx or PMI-2 plugin, as your
# site's Open MPI was built); where srun cannot start MPI programs, use
#   mpirun -n "$SLURM_NTASKS" --map-by "ppr:$SLURM_NTASKS_PER_NODE:node:pe=$JOBS" ...
LAUNCH="srun --cpu-bind=cores"

# 10^6 subjects: the files are written whole at the end; every 5 minutes
# the subjects done go to $OUT/population.checkpoint, which a second run of
# this job takes over (--resume: the same bytes as a run never cut).  A
# rank silent for 10 minutes (a hung node) fails the run instead of the
# job waiting for its time limit.
$LAUNCH "$EXOPK" population "$STUDY" --subjects 1000000 --seed 1 -j "$JOBS" -o "$OUT" \
    --checkpoint 300 --resume --rank-timeout 600

# a batch over many studies: committed every 5 minutes; run the same job
# again after a time-out or a failure and --resume continues from the
# last commit (the result is the bytes of a run that was never cut)
if [ -d studies ]; then
    RESUME=
    [ -f "$OUT/batch.csv" ] && RESUME=--resume
    $LAUNCH "$EXOPK" batch -j "$JOBS" --checkpoint 300 $RESUME -o "$OUT/batch.csv" studies/*.lua
fi

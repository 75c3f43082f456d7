/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dealing chunks on one process or over MPI ranks (mpi-deal.h): the one
 * way `population` and `sensitivity` run their items, so their
 * checkpoints and --resume are the same code with or without mpirun.
 * On one rank the chunks run here, in order, each committed as soon as
 * it is done; over several, mpi-deal.c deals them. */
#define _POSIX_C_SOURCE 200809L
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mpi-deal.h"

double
cli_deal_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

int
cli_deal_checkpoint_due(const MpiDeal *d, const DealClock *c)
{
    double gap = d->every > 20 * c->cost ? d->every : 20 * c->cost;

    return d->checkpoint != NULL && d->every > 0 && cli_deal_now() - c->last >= gap;
}

int
cli_deal_checkpoint(const MpiDeal *d, DealClock *c, double t0)
{
    int rc = d->checkpoint(d->checkpoint_ctx);

    c->last = cli_deal_now();
    c->cost = c->last - t0;
    return rc;
}

/* Whether EXOPK_MPI_FAIL (or EXOPK_MPI_STALL) is RANK or RANK:N naming
 * this rank and its @nth chunk. */
static int
names_this_chunk(const char *v, long nth)
{
    char *end;
    long r, want = 1;

    if (v == NULL)
        return 0;
    r = strtol(v, &end, 10);
    if (end == v || r != cli_mpi_rank())
        return 0;
    if (*end == ':')
        want = strtol(end + 1, &end, 10);
    return *end == '\0' && nth == want;
}

int
cli_mpi_forced_failure(void)
{
    static atomic_long chunks;
    long nth = atomic_fetch_add(&chunks, 1) + 1;

    if (names_this_chunk(getenv("EXOPK_MPI_WARN"), nth))
        fprintf(stderr, "warning: chunk %ld: a message forced by EXOPK_MPI_WARN\n", nth);
    if (names_this_chunk(getenv("EXOPK_MPI_STALL"), nth))
        for (;;)
            sleep(60);         /* silent until --rank-timeout gives up on it */
    return names_this_chunk(getenv("EXOPK_MPI_FAIL"), nth);
}

/* One rank: every chunk here, committed in order. */
static int
deal_inline(const MpiDeal *d)
{
    DealClock clock = { cli_deal_now(), 0 };
    long end = d->first + d->count;

    for (long first = d->first; first < end; first += d->chunk) {
        long count = end - first < d->chunk ? end - first : d->chunk;
        const char *rows = d->rows != NULL ? d->rows + (size_t) (first - d->first) * d->row
                                           : NULL;
        MpiAnswer a = { 0, NULL, 0 };

        if (d->stop != NULL && d->stop(d->stop_ctx))
            return 1;
        d->work(d->work_ctx, first, count, rows, &a);
        if (d->commit(d->commit_ctx, first, count, 0, &a) != 0)
            return 1;
        if (first + count < end && cli_deal_checkpoint_due(d, &clock)
            && cli_deal_checkpoint(d, &clock, cli_deal_now()) != 0)
            return 1;
    }
    return 0;
}

int
cli_deal(const MpiDeal *d)
{
    if (cli_mpi_size() > 1)
        return cli_mpi_deal(d);
    return deal_inline(d);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Work over MPI ranks (docs/mpi.md): rank 0 deals chunks of a range of
 * items to the other ranks on request and computes chunks itself on a
 * thread of its own; the answers are committed on rank 0 in chunk order,
 * so what it writes does not depend on the number of ranks.
 *
 * Without MPI (built with -Dmpi=disabled) or when not started by mpirun
 * or srun, there is one rank and nothing is dealt: the inline stubs below
 * say so. */
#ifndef EXOPK_CLI_MPI_DEAL_H
#define EXOPK_CLI_MPI_DEAL_H

#include <stddef.h>
#include <string.h>
#include "config.h"

/* A chunk's answer: status 0 and the bytes of its results, or a nonzero
 * status and a message in @data.  @data is malloc'd (may be NULL). */
typedef struct {
    int status;
    char *data;
    size_t len;
} MpiAnswer;

/* Sets @out to a failed answer: @status and a copy of @message (no data
 * when even that copy fails: out of memory). */
static inline void
mpi_answer_fail(MpiAnswer *out, int status, const char *message)
{
    out->status = status;
    out->data = strdup(message);
    out->len = out->data != NULL ? strlen(out->data) + 1 : 0;
}

/* Computes items @first .. @first + @count - 1, whose inputs are @in
 * (MpiDeal's rows; NULL without).  Any rank; on rank 0 on the dealer's
 * own thread, so it must not call MPI. */
typedef void (*MpiWorkFn)(void *ctx, long first, long count, const char *in, MpiAnswer *out);
/* A rank's summary of all it computed (e.g. statistics it kept). */
typedef void (*MpiSummaryFn)(void *ctx, MpiAnswer *out);
/* A rank's setup for the chunks to come (cli_mpi_setup): @len bytes. */
typedef void (*MpiSetupFn)(void *ctx, const char *data, size_t len, MpiAnswer *out);
/* Rank 0, in chunk order: the answer of items @first .. @first + @count -
 * 1, computed by @rank.  Takes @ans's data; nonzero stops the dealing. */
typedef int (*MpiCommitFn)(void *ctx, long first, long count, int rank, MpiAnswer *ans);

typedef struct {
    long first, count, chunk;  /* the items and how many in a chunk */
    const char *rows;          /* NULL, or the items' inputs: item i's at rows + (i - first) x row */
    size_t row;                /* bytes */
    MpiWorkFn work;            /* rank 0's own share */
    void *work_ctx;
    MpiCommitFn commit;
    void *commit_ctx;
    int (*stop)(void *ctx);    /* polled; nonzero stops (a signal).  May be NULL. */
    void *stop_ctx;
    /* Checkpoints (NULL or @every 0: none): every @every seconds, and no
     * sooner than 20 x what the last one took, the dealer lets every chunk
     * dealt be committed and calls @checkpoint on rank 0's main thread
     * (it may call cli_mpi_collect).  Nonzero stops the dealing. */
    int (*checkpoint)(void *ctx);
    void *checkpoint_ctx;
    double every;
    /* A rank holding chunks that has not answered for @rank_timeout
     * seconds (0: never) fails the run: @lost gets the rank and the oldest
     * chunk it holds, and cli_mpi_deal returns 2 at once (the chunks in
     * flight are not awaited: cli_mpi_finish then ends the job). */
    double rank_timeout;
    void (*lost)(void *ctx, int rank, long first, long count, double seconds);
} MpiDeal;

/* When the last checkpoint was written and what it took (s, monotonic). */
typedef struct {
    double last, cost;
} DealClock;

double cli_deal_now(void);
int cli_deal_checkpoint_due(const MpiDeal *d, const DealClock *c);
/* Calls @d's checkpoint; its cost counts from @t0 (when the dealer began
 * to wait for the chunks in flight, or now). */
int cli_deal_checkpoint(const MpiDeal *d, DealClock *c, double t0);
/* Deals @d's items: over the ranks (cli_mpi_deal) when there are several,
 * else here, chunk by chunk in order.  0 when every chunk was committed;
 * 1 when a commit or a checkpoint said stop or @d->stop asked; 2 when a
 * rank was lost (--rank-timeout). */
int cli_deal(const MpiDeal *d);
/* Called once per chunk: whether this chunk is to fail because the
 * environment variable EXOPK_MPI_FAIL is RANK or RANK:N and names this
 * rank (0 without mpirun) and its N-th chunk (1 if not given); a chunk
 * that EXOPK_MPI_STALL names so never ends.  The tests' way to make one
 * rank fail or fall silent (docs/mpi.md). */
int cli_mpi_forced_failure(void);

#if EXOPK_HAVE_MPI
/* Joins MPI when started by mpirun or srun (else nothing); on a rank other
 * than 0, stdout and stderr go to /dev/null: rank 0 speaks for the run. */
void cli_mpi_init(int *argc, char ***argv);
/* Rank 0 tells the other ranks to stop; every rank leaves MPI (once: a
 * second call does nothing).  @rc. */
int cli_mpi_finish(int rc);
int cli_mpi_rank(void);
int cli_mpi_size(void);
/* Rank 0: deals @d's items over every rank.  0 when every chunk was
 * committed; 1 when a chunk failed (@d->commit saw it and stopped) or
 * @d->stop asked; the chunks in flight are awaited and dropped first;
 * 2 when a rank was lost (@d->rank_timeout). */
int cli_mpi_deal(const MpiDeal *d);
/* Rank 0, after dealing or at a checkpoint: asks every other rank for its
 * summary and gives each to @commit (first and count 0), in rank order.
 * 0, or 1 when @commit said stop. */
int cli_mpi_collect(MpiCommitFn commit, void *ctx);
/* Rank 0: sends @len bytes of @data to every other rank's setup
 * (cli_mpi_serve_setup) and gives each answer to @commit (first and count
 * 0), in rank order.  0, or 1 when @commit said stop. */
int cli_mpi_setup(const void *data, size_t len, MpiCommitFn commit, void *ctx);
/* Ranks other than 0: answers rank 0's chunks with @work and its requests
 * for a summary with @summary (NULL: an empty one) until it says stop
 * (cli_mpi_finish on rank 0). */
void cli_mpi_serve(MpiWorkFn work, MpiSummaryFn summary, void *ctx);
/* The same, and rank 0's setups go to @setup (NULL: an error answer). */
void cli_mpi_serve_setup(MpiWorkFn work, MpiSummaryFn summary, MpiSetupFn setup, void *ctx);
#else
static inline void cli_mpi_init(int *argc, char ***argv) { (void) argc; (void) argv; }
static inline int cli_mpi_finish(int rc) { return rc; }
static inline int cli_mpi_rank(void) { return 0; }
static inline int cli_mpi_size(void) { return 1; }
static inline int cli_mpi_deal(const MpiDeal *d) { (void) d; return 1; }
static inline int cli_mpi_collect(MpiCommitFn commit, void *ctx) { (void) commit; (void) ctx; return 0; }
static inline int cli_mpi_setup(const void *data, size_t len, MpiCommitFn commit, void *ctx)
{
    (void) data, (void) len, (void) commit, (void) ctx;
    return 0;
}
static inline void cli_mpi_serve(MpiWorkFn work, MpiSummaryFn summary, void *ctx)
{
    (void) work, (void) summary, (void) ctx;
}
static inline void cli_mpi_serve_setup(MpiWorkFn work, MpiSummaryFn summary, MpiSetupFn setup,
                                       void *ctx)
{
    (void) work, (void) summary, (void) setup, (void) ctx;
}
#endif

#endif

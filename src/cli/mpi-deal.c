/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dealing chunks over MPI ranks (mpi-deal.h, docs/mpi.md).
 *
 * Rank 0's main thread is the dealer and the only thread that calls MPI
 * (MPI_THREAD_FUNNELED): it keeps up to IN_FLIGHT chunks at each other
 * rank (so a rank has its next chunk when it finishes one), gives chunks
 * to its own compute thread, receives answers in any order into a ring of
 * WINDOW_PER_RANK x size slots and commits them in chunk order.  A chunk
 * is dealt only inside that window, so memory stays bounded behind a slow
 * chunk.  Waiting ranks poll with a short sleep instead of spinning in a
 * blocking receive, so an idle rank leaves its core to the others.
 *
 * A checkpoint (MpiDeal's checkpoint) is written once every chunk dealt
 * is committed: the dealer stops dealing, lets the answers come back and
 * calls it, so it holds items first .. k and nothing else.  A rank that
 * holds chunks and is silent for rank_timeout seconds is lost: the dealer
 * returns at once and cli_mpi_finish leaves without MPI_Finalize.
 *
 * Messages: WORK {chunk, first, count} + the chunk's input rows (chunk
 * SUMMARY_CHUNK: the rank's summary; SETUP_CHUNK: a setup, its bytes) and
 * STOP from rank 0; ANSWER {chunk,
 * status, msgs} + bytes back, then the msgs bytes the rank wrote to stderr
 * meanwhile (it goes to a temporary file on ranks other than 0), which
 * rank 0 prints "rank R: " line by line in chunk order. */
#define _POSIX_C_SOURCE 200809L
#include <mpi.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mpi-deal.h"

#define IN_FLIGHT 2
#define WINDOW_PER_RANK 4
#define NAP_MIN_NS 20000L      /* an idle wait sleeps 20 us, doubling to 1 ms */
#define NAP_MAX_NS 1000000L

enum { TAG_WORK = 1, TAG_STOP, TAG_ANSWER };
#define SUMMARY_CHUNK (-1L)    /* a WORK message asking for the rank's summary */
#define SETUP_CHUNK (-2L)      /* a WORK message carrying a setup (cli_mpi_setup) */

typedef struct {
    long chunk;
    int status;
    size_t msgs;               /* bytes of the rank's stderr after the answer's data */
} AnswerHeader;

typedef struct {
    long chunk, first, count;
} WorkHeader;

static int mpi_on, mpi_rank, mpi_size = 1, stopped, lost;
static FILE *captured;         /* a rank's stderr, forwarded with its answers */

/* Sleeps @*ns and doubles it (up to NAP_MAX_NS): a rank that waits long
 * wakes rarely, one that is busy answers within tens of microseconds. */
static void
nap(long *ns)
{
    struct timespec ts = { 0, *ns };

    nanosleep(&ts, NULL);
    *ns = *ns * 2 < NAP_MAX_NS ? *ns * 2 : NAP_MAX_NS;
}

/* Open MPI's mpirun, and srun through PMI or PMIx. */
static int
started_by_launcher(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") != NULL || getenv("PMIX_RANK") != NULL
           || getenv("PMI_RANK") != NULL;
}

void
cli_mpi_init(int *argc, char ***argv)
{
    int level;

    if (!started_by_launcher())
        return;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &level);
    mpi_on = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &mpi_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &mpi_size);
    if (mpi_rank > 0) {
        if (freopen("/dev/null", "w", stdout) == NULL)
            clearerr(stdout);
        /* stderr goes to rank 0 with the answers (cli_mpi_serve) */
        captured = tmpfile();
        if (captured == NULL || dup2(fileno(captured), STDERR_FILENO) < 0)
            if (freopen("/dev/null", "w", stderr) == NULL)
                clearerr(stderr);
    }
}

int
cli_mpi_rank(void)
{
    return mpi_rank;
}

int
cli_mpi_size(void)
{
    return mpi_size;
}

/* Waits for a message from rank 0 without spinning; its tag. */
static int
await_rank0(MPI_Status *status)
{
    int flag = 0;
    long ns = NAP_MIN_NS;

    for (;;) {
        MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, status);
        if (flag)
            return status->MPI_TAG;
        nap(&ns);
    }
}

/* What this rank wrote to stderr since the last call (malloc'd, *@len
 * bytes; NULL when nothing), and the capture emptied. */
static char *
take_stderr(size_t *len)
{
    off_t n;
    char *buf = NULL;

    *len = 0;
    if (captured == NULL)
        return NULL;
    fflush(stderr);
    n = lseek(STDERR_FILENO, 0, SEEK_END);
    if (n > 0 && (buf = malloc((size_t) n)) != NULL
        && pread(STDERR_FILENO, buf, (size_t) n, 0) == (ssize_t) n)
        *len = (size_t) n;
    if (ftruncate(STDERR_FILENO, 0) != 0 || lseek(STDERR_FILENO, 0, SEEK_SET) != 0)
        captured = NULL;       /* cannot empty it: stop forwarding */
    if (*len == 0) {
        free(buf);
        buf = NULL;
    }
    return buf;
}

/* The answer, then what the rank wrote to stderr meanwhile. */
static void
send_answer(long chunk, const MpiAnswer *a)
{
    size_t m, n;
    char *msgs = take_stderr(&m), *buf;
    AnswerHeader h = { chunk, a->status, m };

    n = sizeof h + a->len + m;
    buf = malloc(n);
    if (buf == NULL || n > (size_t) 2147483647) {
        static const char msg[] = "out of memory for the answer";
        char small[sizeof h + sizeof msg];

        h = (AnswerHeader){ chunk, -1, 0 };
        memcpy(small, &h, sizeof h);
        memcpy(small + sizeof h, msg, sizeof msg);
        MPI_Send(small, (int) sizeof small, MPI_BYTE, 0, TAG_ANSWER, MPI_COMM_WORLD);
        free(buf);
        free(msgs);
        return;
    }
    memcpy(buf, &h, sizeof h);
    if (a->len > 0)
        memcpy(buf + sizeof h, a->data, a->len);
    if (m > 0)
        memcpy(buf + sizeof h + a->len, msgs, m);
    MPI_Send(buf, (int) n, MPI_BYTE, 0, TAG_ANSWER, MPI_COMM_WORLD);
    free(buf);
    free(msgs);
}

/* Receives a chunk: its header and (malloc'd) inputs, *@len bytes after
 * the header. */
static char *
receive_work(const MPI_Status *probe, WorkHeader *h, size_t *len)
{
    int n;
    char *buf;

    MPI_Get_count(probe, MPI_BYTE, &n);
    buf = malloc((size_t) n);
    MPI_Recv(buf, n, MPI_BYTE, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    memcpy(h, buf, sizeof *h);
    *len = (size_t) n - sizeof *h;
    if ((size_t) n == sizeof *h) {
        free(buf);
        return NULL;
    }
    return buf;
}

void
cli_mpi_serve(MpiWorkFn work, MpiSummaryFn summary, void *ctx)
{
    cli_mpi_serve_setup(work, summary, NULL, ctx);
}

/* A setup's answer: @setup's, or an error when the command has none. */
static void
answer_setup(MpiSetupFn setup, void *ctx, const char *in, size_t len, MpiAnswer *a)
{
    if (setup != NULL) {
        setup(ctx, in, len, a);
        return;
    }
    a->status = -1;
    a->data = strdup("this rank has no setup to make");
    a->len = a->data != NULL ? strlen(a->data) + 1 : 0;
}

void
cli_mpi_serve_setup(MpiWorkFn work, MpiSummaryFn summary, MpiSetupFn setup, void *ctx)
{
    MPI_Status status;
    size_t before, len;

    free(take_stderr(&before));  /* the study's load: rank 0 says it too */
    while (mpi_on && mpi_rank > 0 && !stopped) {
        WorkHeader h;
        char *in;
        MpiAnswer a = { 0, NULL, 0 };

        if (await_rank0(&status) == TAG_STOP) {
            MPI_Recv(NULL, 0, MPI_BYTE, 0, TAG_STOP, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            stopped = 1;
            break;
        }
        in = receive_work(&status, &h, &len);
        if (h.chunk == SUMMARY_CHUNK) {
            if (summary != NULL)
                summary(ctx, &a);
        } else if (h.chunk == SETUP_CHUNK)
            answer_setup(setup, ctx, in != NULL ? in + sizeof h : NULL, len, &a);
        else if (work != NULL)
            work(ctx, h.first, h.count, in != NULL ? in + sizeof h : NULL, &a);
        else {
            a = (MpiAnswer){ -1, strdup("this rank has no work (it failed to start)"), 0 };
            a.len = a.data != NULL ? strlen(a.data) + 1 : 0;
        }
        send_answer(h.chunk, &a);
        free(a.data);
        free(in);
    }
}

int
cli_mpi_finish(int rc)
{
    static int finished;

    if (!mpi_on || finished)
        return rc;
    finished = 1;
    if (lost) {
        /* a rank that does not answer would hold MPI_Finalize forever:
         * leave without it, and mpirun ends the other ranks */
        fflush(stdout);
        fflush(stderr);
        _exit(rc);
    }
    if (mpi_rank == 0)
        for (int r = 1; r < mpi_size; r++)
            MPI_Send(NULL, 0, MPI_BYTE, r, TAG_STOP, MPI_COMM_WORLD);
    else
        cli_mpi_serve(NULL, NULL, NULL);  /* a command that dealt nothing: await the stop */
    MPI_Finalize();
    return mpi_rank == 0 ? rc : 0;
}

/* ---- the dealer (rank 0) ------------------------------------------------------ */

typedef struct {
    int done, rank;
    MpiAnswer ans;
    char *msgs;                /* the rank's stderr meanwhile */
    size_t msgs_len;
} Slot;

typedef struct {
    const MpiDeal *d;
    long n_chunks, next_deal, next_commit, window, outstanding;
    Slot *slots;               /* chunk k in slots[k % window] */
    int *in_flight;            /* per rank */
    int *owner;                /* chunk k's rank in owner[k % window], -1 when done */
    double *heard;             /* per rank: when it last answered or got work */
    DealClock clock;
    int stopping, result, draining;
    double drain_start;        /* when the dealer began to wait for a checkpoint */
    /* rank 0's compute thread */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int local_on;              /* the thread runs */
    long local_chunk;          /* -1: idle */
    int local_done, quit;
    MpiAnswer local_ans;
} Dealer;

static void
chunk_range(const Dealer *D, long k, long *first, long *count)
{
    long end = D->d->first + D->d->count;

    *first = D->d->first + k * D->d->chunk;
    *count = end - *first < D->d->chunk ? end - *first : D->d->chunk;
}

static const char *
chunk_rows(const Dealer *D, long first)
{
    return D->d->rows != NULL ? D->d->rows + (size_t) (first - D->d->first) * D->d->row : NULL;
}

/* A chunk for rank @r: the header and the chunk's rows in one message. */
static void
send_work(const Dealer *D, long k, int r)
{
    WorkHeader h = { k, 0, 0 };
    size_t n;
    char *buf;

    chunk_range(D, k, &h.first, &h.count);
    n = sizeof h + (D->d->rows != NULL ? (size_t) h.count * D->d->row : 0);
    buf = malloc(n);
    if (buf == NULL) {         /* the header alone: the rank answers without inputs */
        MPI_Send(&h, (int) sizeof h, MPI_BYTE, r, TAG_WORK, MPI_COMM_WORLD);
        return;
    }
    memcpy(buf, &h, sizeof h);
    if (n > sizeof h)
        memcpy(buf + sizeof h, chunk_rows(D, h.first), n - sizeof h);
    MPI_Send(buf, (int) n, MPI_BYTE, r, TAG_WORK, MPI_COMM_WORLD);
    free(buf);
}

static void *
local_thread(void *data)
{
    Dealer *D = data;

    pthread_mutex_lock(&D->mu);
    for (;;) {
        long first, count;
        MpiAnswer a = { 0, NULL, 0 };

        while (!D->quit && (D->local_chunk < 0 || D->local_done))
            pthread_cond_wait(&D->cv, &D->mu);
        if (D->quit)
            break;
        chunk_range(D, D->local_chunk, &first, &count);
        pthread_mutex_unlock(&D->mu);
        D->d->work(D->d->work_ctx, first, count, chunk_rows(D, first), &a);
        pthread_mutex_lock(&D->mu);
        D->local_ans = a;
        D->local_done = 1;
    }
    pthread_mutex_unlock(&D->mu);
    return NULL;
}

static int
can_deal(const Dealer *D)
{
    return !D->stopping && !D->draining && D->next_deal < D->n_chunks
           && D->next_deal < D->next_commit + D->window;
}

static int
deal(Dealer *D)
{
    int busy = 0;

    for (int r = 1; r < mpi_size && can_deal(D); r++)
        while (D->in_flight[r] < IN_FLIGHT && can_deal(D)) {
            if (D->in_flight[r] == 0)
                D->heard[r] = cli_deal_now();
            D->owner[D->next_deal % D->window] = r;
            send_work(D, D->next_deal++, r);
            D->in_flight[r]++;
            D->outstanding++;
            busy = 1;
        }
    pthread_mutex_lock(&D->mu);
    if (D->local_on && D->local_chunk < 0 && can_deal(D)) {
        D->local_chunk = D->next_deal++;
        D->outstanding++;
        pthread_cond_signal(&D->cv);
        busy = 1;
    }
    pthread_mutex_unlock(&D->mu);
    return busy;
}

static void
store(Dealer *D, long k, int rank, MpiAnswer *a, char *msgs, size_t msgs_len)
{
    Slot *s = &D->slots[k % D->window];

    D->outstanding--;
    if (D->stopping) {
        free(a->data);
        free(msgs);
        return;
    }
    s->done = 1;
    s->rank = rank;
    s->ans = *a;
    s->msgs = msgs;
    s->msgs_len = msgs_len;
}

/* A rank's stderr, each line prefixed "rank R: " (and freed). */
static void
print_msgs(int rank, char *msgs, size_t len)
{
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(msgs + i, '\n', len - i);
        size_t n = nl != NULL ? (size_t) (nl - (msgs + i)) : len - i;

        fprintf(stderr, "rank %d: %.*s\n", rank, (int) n, msgs + i);
        i += n + 1;
    }
    if (len > 0)
        fflush(stderr);
    free(msgs);
}

static int
harvest_local(Dealer *D)
{
    long k = -1;
    MpiAnswer a;

    pthread_mutex_lock(&D->mu);
    if (D->local_done) {
        k = D->local_chunk;
        a = D->local_ans;
        D->local_chunk = -1;
        D->local_done = 0;
    }
    pthread_mutex_unlock(&D->mu);
    if (k >= 0)
        store(D, k, 0, &a, NULL, 0);
    return k >= 0;
}

/* The answer that @st probed and the rank's stderr with it (*@msgs
 * malloc'd, *@msgs_len bytes, or NULL); its chunk. */
static long
receive_answer(const MPI_Status *st, MpiAnswer *a, char **msgs, size_t *msgs_len)
{
    int n;
    char *buf;
    AnswerHeader h = { 0, -1, 0 };

    MPI_Get_count(st, MPI_BYTE, &n);
    buf = malloc((size_t) n);
    MPI_Recv(buf, n, MPI_BYTE, st->MPI_SOURCE, TAG_ANSWER, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (buf != NULL)
        memcpy(&h, buf, sizeof h);
    if (buf == NULL || h.msgs > (size_t) n - sizeof h)
        h.msgs = 0;
    a->status = h.status;
    a->len = buf != NULL ? (size_t) n - sizeof h - h.msgs : 0;
    a->data = malloc(a->len ? a->len : 1);
    *msgs = h.msgs > 0 ? malloc(h.msgs) : NULL;
    *msgs_len = *msgs != NULL ? h.msgs : 0;
    if (*msgs != NULL)
        memcpy(*msgs, buf + sizeof h + a->len, h.msgs);
    if (a->data != NULL && buf != NULL)
        memcpy(a->data, buf + sizeof h, a->len);
    else
        *a = (MpiAnswer){ -1, NULL, 0 };
    free(buf);
    return h.chunk;
}

static int
harvest_remote(Dealer *D)
{
    MPI_Status st;
    int flag = 0;
    MpiAnswer a;
    char *msgs;
    size_t msgs_len;
    long k;

    MPI_Iprobe(MPI_ANY_SOURCE, TAG_ANSWER, MPI_COMM_WORLD, &flag, &st);
    if (!flag)
        return 0;
    k = receive_answer(&st, &a, &msgs, &msgs_len);
    D->in_flight[st.MPI_SOURCE]--;
    D->heard[st.MPI_SOURCE] = cli_deal_now();
    D->owner[k % D->window] = -1;
    store(D, k, st.MPI_SOURCE, &a, msgs, msgs_len);
    return 1;
}

/* Sends @h (and @len bytes of @data) to every other rank and gives each
 * answer to @commit, in rank order; 0, or 1 when @commit said stop. */
static int
ask_every_rank(WorkHeader h, const void *data, size_t len, MpiCommitFn commit, void *ctx)
{
    int rc = 0;
    char *msg = malloc(sizeof h + len);

    if (msg == NULL || sizeof h + len > (size_t) 2147483647) {
        free(msg);
        return 1;
    }
    memcpy(msg, &h, sizeof h);
    if (len > 0)
        memcpy(msg + sizeof h, data, len);
    for (int r = 1; r < mpi_size; r++) {
        MPI_Status st;
        int flag = 0;
        MpiAnswer a;
        char *msgs;
        size_t msgs_len;
        long ns = NAP_MIN_NS;

        MPI_Send(msg, (int) (sizeof h + len), MPI_BYTE, r, TAG_WORK, MPI_COMM_WORLD);
        while (MPI_Iprobe(r, TAG_ANSWER, MPI_COMM_WORLD, &flag, &st), !flag)
            nap(&ns);
        receive_answer(&st, &a, &msgs, &msgs_len);
        print_msgs(r, msgs, msgs_len);
        if (rc == 0)
            rc = commit(ctx, 0, 0, r, &a) != 0;
        else
            free(a.data);
    }
    free(msg);
    return rc;
}

int
cli_mpi_collect(MpiCommitFn commit, void *ctx)
{
    return ask_every_rank((WorkHeader){ SUMMARY_CHUNK, 0, 0 }, NULL, 0, commit, ctx);
}

int
cli_mpi_setup(const void *data, size_t len, MpiCommitFn commit, void *ctx)
{
    return ask_every_rank((WorkHeader){ SETUP_CHUNK, 0, 0 }, data, len, commit, ctx);
}

static int
commit_ready(Dealer *D)
{
    int busy = 0;

    while (!D->stopping && D->next_commit < D->n_chunks) {
        Slot *s = &D->slots[D->next_commit % D->window];
        long first, count;

        if (!s->done)
            break;
        chunk_range(D, D->next_commit, &first, &count);
        s->done = 0;
        print_msgs(s->rank, s->msgs, s->msgs_len);
        s->msgs = NULL;
        s->msgs_len = 0;
        if (D->d->commit(D->d->commit_ctx, first, count, s->rank, &s->ans) != 0) {
            D->stopping = 1;
            D->result = 1;
        }
        s->ans = (MpiAnswer){ 0, NULL, 0 };
        D->next_commit++;
        busy = 1;
    }
    return busy;
}

/* A rank holding chunks that has been silent for the timeout: @lost
 * names it and its oldest chunk; 1 then. */
static int
rank_lost(Dealer *D)
{
    double now = cli_deal_now();

    for (int r = 1; D->d->rank_timeout > 0 && r < mpi_size; r++) {
        long first, count, k = D->next_commit;

        if (D->in_flight[r] == 0 || now - D->heard[r] < D->d->rank_timeout)
            continue;
        while (k < D->next_deal && D->owner[k % D->window] != r)
            k++;
        chunk_range(D, k, &first, &count);
        if (D->d->lost != NULL)
            D->d->lost(D->d->commit_ctx, r, first, count, now - D->heard[r]);
        lost = 1;
        return 1;
    }
    return 0;
}

/* A checkpoint once every chunk dealt is committed (deal() waits). */
static int
checkpoint_step(Dealer *D)
{
    if (!D->draining && !D->stopping && D->next_deal < D->n_chunks
        && cli_deal_checkpoint_due(D->d, &D->clock)) {
        D->draining = 1;       /* its cost includes the ranks' idle wait */
        D->drain_start = cli_deal_now();
    }
    if (!D->draining || D->outstanding > 0)
        return 0;
    D->draining = 0;
    if (cli_deal_checkpoint(D->d, &D->clock, D->drain_start) != 0) {
        D->stopping = 1;
        D->result = 1;
    }
    return 1;
}

static void
dealer_loop(Dealer *D)
{
    long ns = NAP_MIN_NS;

    while (D->stopping ? D->outstanding > 0 : D->next_commit < D->n_chunks) {
        int busy;

        if (!D->stopping && D->d->stop != NULL && D->d->stop(D->d->stop_ctx)) {
            D->stopping = 1;
            D->result = 1;
        }
        if (rank_lost(D)) {
            D->result = 2;
            return;
        }
        busy = deal(D);
        busy |= harvest_local(D);
        busy |= harvest_remote(D);
        busy |= commit_ready(D);
        busy |= checkpoint_step(D);
        if (busy)
            ns = NAP_MIN_NS;
        else
            nap(&ns);
    }
}

int
cli_mpi_deal(const MpiDeal *d)
{
    Dealer D = { .d = d, .local_chunk = -1 };
    pthread_t th;
    int started;

    D.n_chunks = d->count > 0 ? (d->count + d->chunk - 1) / d->chunk : 0;
    D.window = (long) WINDOW_PER_RANK * mpi_size;
    D.slots = calloc((size_t) D.window, sizeof *D.slots);
    D.in_flight = calloc((size_t) mpi_size, sizeof *D.in_flight);
    D.owner = malloc((size_t) D.window * sizeof *D.owner);
    D.heard = calloc((size_t) mpi_size, sizeof *D.heard);
    D.clock = (DealClock){ cli_deal_now(), 0 };
    if (D.slots == NULL || D.in_flight == NULL || D.owner == NULL || D.heard == NULL) {
        free(D.slots);
        free(D.in_flight);
        free(D.owner);
        free(D.heard);
        return 1;
    }
    for (long k = 0; k < D.window; k++)
        D.owner[k] = -1;
    pthread_mutex_init(&D.mu, NULL);
    pthread_cond_init(&D.cv, NULL);
    started = pthread_create(&th, NULL, local_thread, &D) == 0;
    D.local_on = started;      /* else rank 0 only deals */
    dealer_loop(&D);
    if (D.result == 2) {
        /* the lost rank never answers: rank 0's own chunk is awaited, the
         * rest is left to cli_mpi_finish */
        D.stopping = 1;
        while (D.local_on && D.local_chunk >= 0 && !harvest_local(&D))
            nap(&(long){ NAP_MAX_NS });
    }
    pthread_mutex_lock(&D.mu);
    D.quit = 1;
    pthread_cond_signal(&D.cv);
    pthread_mutex_unlock(&D.mu);
    if (started)
        pthread_join(th, NULL);
    for (long k = 0; k < D.window; k++) {
        free(D.slots[k].ans.data);
        free(D.slots[k].msgs);
    }
    pthread_cond_destroy(&D.cv);
    pthread_mutex_destroy(&D.mu);
    free(D.slots);
    free(D.in_flight);
    free(D.owner);
    free(D.heard);
    return D.result;
}

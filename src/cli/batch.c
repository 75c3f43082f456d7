/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk batch`: one metrics table for many studies.
 *
 * Work item = one study file: a worker loads it (its own lua_State, inside
 * exopk_lua_load_study), simulates the selected arms, compares them
 * (exopk_results_compare) and formats the item's rows and stderr messages
 * into memory.  The writer (the calling thread) emits finished items
 * strictly in input order, so the output bytes and the order of messages do
 * not depend on -j.
 *
 * Reorder window: a worker may claim item i only while
 * i < next_emit + 2 x N (N = -j).  At most 2N items are therefore between
 * claimed and written (N being run, up to N finished behind the slowest);
 * their buffers live in a ring of 2N slots and are the only per-study
 * memory, so memory stays flat however many studies there are (besides the
 * argv list and, with --resume, an index of the old file's row blocks).
 * With -j 1 the calling thread does the work and no thread is started.
 *
 * Output: rows go to FILE.tmp.PID (ExopkAtomicFile).  Every --checkpoint
 * seconds (default 10; 0: only at the end; at least 20 x what the last
 * checkpoint took, so that copying stays under ~5 % of a long run) and at
 * the end the temporary is committed: renamed to FILE, then copied back to
 * a fresh temporary to go on.  Items are written whole, so a committed FILE never holds part of an
 * item.  On an output error or SIGINT/SIGTERM the workers stop, the
 * temporary is removed, and FILE is what the last commit left (or what was
 * there before).
 *
 * --resume: FILE's rows are indexed by (study, arm) blocks.  Blocks of
 * studies not among the inputs are copied to the temporary first; the
 * others are re-emitted at their place in input order (a study's arms in
 * the study's order), and a selected arm that has a block is not
 * simulated.  The result is that of a fresh run whenever FILE holds rows a
 * fresh run writes.  The k-th input naming a path owns the k-th block of
 * each of its arms (the last one also any further blocks).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "csv.h"
#include "exopk-lua.h"
#include "exopk/exopk.h"
#include "json.h"
#include "mpi-deal.h"
#include "set.h"
#include "text.h"

#define MAX_ARMS 64
#define MAX_JOBS 1024
#define HEADER "study,arm,metric,value,unit\n"

/* Set by the SIGINT/SIGTERM handler (lock-free, so async-signal-safe). */
static atomic_int stop_signal;

static void
on_signal(int sig)
{
    atomic_store(&stop_signal, sig);
}

/* ---- inputs ------------------------------------------------------------ */

typedef struct {
    const char *path; /* borrowed from argv: the study column */
    char *field;      /* path as a CSV field, quoted if needed (owned) */
    size_t occ;       /* how many earlier inputs name the same path */
    int last;         /* no later input names it */
} Input;

typedef struct {
    const char *path;
    size_t index;
} PathIndex;

static int
cmp_path_index(const void *a, const void *b)
{
    const PathIndex *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* ---- the old table (--resume) ------------------------------------------ */

typedef struct {
    char *study; /* unquoted (owned) */
    char *arm;   /* owned */
    off_t off;   /* first byte of the block's rows in the old file */
    size_t len;  /* whole rows */
    size_t seq;  /* position in the old file */
} OldBlock;

typedef struct {
    int fd;           /* the old FILE, or -1 */
    OldBlock *blocks; /* sorted by (study, arm, seq) */
    size_t n;
} OldTable;

static int
cmp_block(const void *a, const void *b)
{
    const OldBlock *x = a, *y = b;
    int c = strcmp(x->study, y->study);
    if (c == 0)
        c = strcmp(x->arm, y->arm);
    return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int
cmp_block_seq(const void *a, const void *b)
{
    const OldBlock *const *x = a, *const *y = b;
    return ((*x)->seq > (*y)->seq) - ((*x)->seq < (*y)->seq);
}

/* Study and arm of a row; -1 when it is not `study,arm,metric,value,unit`. */
static int
parse_row(const char *line, char **study, char **arm)
{
    const char *p = line, *c;
    char *s;
    size_t k = 0;

    if (*p == '"') {
        if ((s = malloc(strlen(line))) == NULL)
            return -1;
        for (p++;; p++) {
            if (*p == '\0' || *p == '\n') {
                free(s);
                return -1;
            }
            if (*p == '"') {
                if (p[1] != '"')
                    break;
                p++;
            }
            s[k++] = *p;
        }
        s[k] = '\0';
        p++;
    } else {
        if ((c = strchr(p, ',')) == NULL)
            return -1;
        if ((s = strndup(p, (size_t)(c - p))) == NULL)
            return -1;
        p = c;
    }
    if (*p != ',' || (c = strchr(p + 1, ',')) == NULL || c == p + 1 || strchr(c + 1, ',') == NULL) {
        free(s);
        return -1;
    }
    *arm = strndup(p + 1, (size_t)(c - p - 1));
    if (*arm == NULL) {
        free(s);
        return -1;
    }
    *study = s;
    return 0;
}

static void
old_free(OldTable *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->blocks[i].study);
        free(t->blocks[i].arm);
    }
    free(t->blocks);
    if (t->fd >= 0)
        close(t->fd);
    *t = (OldTable){-1, NULL, 0};
}

/* Indexes @path into @t (blocks in file order, not yet sorted).  A missing
 * file is an empty table.  -1 + @err (EXOPK_EINVAL, EXOPK_EIO). */
static int
old_read(OldTable *t, const char *path, ExopkError *err)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, lineno = 1, n_cap = 0;
    ssize_t got;
    off_t off = 0;
    int rc = -1;

    *t = (OldTable){-1, NULL, 0};
    if (fp == NULL) {
        if (errno == ENOENT)
            return 0;
        exopk_error_set(err, EXOPK_EIO, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    got = getline(&line, &cap, fp);
    if (got <= 0) {
        rc = 0; /* empty: nothing to keep */
        goto out;
    }
    if (strcmp(line, HEADER) != 0) {
        exopk_error_set(err, EXOPK_EINVAL,
                        "%s:1: not an exopk batch table (header is not \"%.*s\"); "
                        "remove it or drop --resume",
                        path, (int)strlen(HEADER) - 1, HEADER);
        goto out;
    }
    off = got;
    while ((got = getline(&line, &cap, fp)) > 0) {
        char *study, *arm;
        OldBlock *last = t->n ? &t->blocks[t->n - 1] : NULL;

        lineno++;
        if (line[got - 1] != '\n')
            break; /* a cut last line is not a row */
        if (parse_row(line, &study, &arm) != 0) {
            exopk_error_set(err, EXOPK_EINVAL, "%s:%zu: not a row study,arm,metric,value,unit",
                            path, lineno);
            goto out;
        }
        if (last != NULL && last->off + (off_t)last->len == off &&
            strcmp(last->study, study) == 0 && strcmp(last->arm, arm) == 0) {
            last->len += (size_t)got;
            free(study);
            free(arm);
        } else {
            if (t->n == n_cap) {
                size_t nc = n_cap ? 2 * n_cap : 64;
                OldBlock *nb = realloc(t->blocks, nc * sizeof *nb);
                if (nb == NULL) {
                    free(study);
                    free(arm);
                    exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", path);
                    goto out;
                }
                t->blocks = nb;
                n_cap = nc;
            }
            t->blocks[t->n] = (OldBlock){study, arm, off, (size_t)got, t->n};
            t->n++;
        }
        off += got;
    }
    if (ferror(fp)) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto out;
    }
    t->fd = open(path, O_RDONLY);
    if (t->fd < 0) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    free(line);
    fclose(fp);
    if (rc != 0)
        old_free(t);
    return rc;
}

/* Copies @len bytes at @off of the old file to @out. */
static int
old_copy(const OldTable *t, off_t off, size_t len, FILE *out)
{
    char buf[65536];

    while (len > 0) {
        ssize_t got = pread(t->fd, buf, len < sizeof buf ? len : sizeof buf, off);
        if (got <= 0) {
            if (got < 0 && errno == EINTR)
                continue;
            return -1;
        }
        if (fwrite(buf, 1, (size_t)got, out) != (size_t)got)
            return -1;
        off += got;
        len -= (size_t)got;
    }
    return 0;
}

/* First block of (study, arm) in the sorted table and how many there are
 * (arm NULL: of study). */
static size_t
old_range(const OldTable *t, const char *study, const char *arm, size_t *count)
{
    size_t lo = 0, hi = t->n, first;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->blocks[mid].study, study);
        if (c == 0 && arm != NULL)
            c = strcmp(t->blocks[mid].arm, arm);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    first = lo;
    while (lo < t->n && strcmp(t->blocks[lo].study, study) == 0 &&
           (arm == NULL || strcmp(t->blocks[lo].arm, arm) == 0))
        lo++;
    *count = lo - first;
    return first;
}

/* Whether block @k (of a run of equal (study, arm) keys starting at @first)
 * belongs to input @in. */
static int
old_mine(const Input *in, size_t first, size_t k)
{
    return k - first == in->occ || (in->last && k - first > in->occ);
}

/* Writes @in's old blocks of (study, @arm); returns how many, -1 on error. */
static int
old_emit_arm(const OldTable *t, const Input *in, const char *arm, FILE *out)
{
    size_t m, first = old_range(t, in->path, arm, &m);
    int n = 0;

    for (size_t k = first; k < first + m; k++)
        if (old_mine(in, first, k)) {
            if (old_copy(t, t->blocks[k].off, t->blocks[k].len, out) != 0)
                return -1;
            n++;
        }
    return n;
}

/* Writes @in's old blocks of its study in file order: every arm if @s is
 * NULL, else the arms @s does not have. */
static int
old_emit_rest(const OldTable *t, const Input *in, const ExopkStudy *s, FILE *out)
{
    size_t m, first = old_range(t, in->path, NULL, &m), n = 0, run = first;
    const OldBlock **pick;
    int rc = 0;

    if (m == 0)
        return 0;
    if ((pick = malloc(m * sizeof *pick)) == NULL)
        return -1;
    for (size_t k = first; k < first + m; k++) {
        int known = 0;
        if (k > first && strcmp(t->blocks[k].arm, t->blocks[k - 1].arm) != 0)
            run = k; /* a new (study, arm) key starts */
        for (size_t a = 0; s != NULL && a < s->n_arms && !known; a++)
            known = strcmp(s->arms[a].name, t->blocks[k].arm) == 0;
        if (!known && old_mine(in, run, k))
            pick[n++] = &t->blocks[k];
    }
    qsort(pick, n, sizeof *pick, cmp_block_seq);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = old_copy(t, pick[i]->off, pick[i]->len, out);
    free(pick);
    return rc;
}

/* ---- the batch --------------------------------------------------------- */

typedef struct {
    char *text; /* the item's rows (owned) */
    size_t len;
    char *msgs; /* its stderr lines (owned) */
    size_t msgs_len;
    int status;    /* 0, EXIT_RUN or EXIT_USAGE */
    int cancelled; /* stopped half-way: never written */
    int done;      /* finished, waiting for the writer */
} Slot;

typedef struct {
    /* read-only while workers run */
    const char *data_dir;
    Input *inputs;
    size_t n;
    char **arms; /* --arm names (borrowed), n_arms == 0: all */
    size_t n_arms;
    char **sets; /* --set arguments (borrowed), applied to every study */
    size_t n_sets;
    int json;    /* rows as JSON objects, one a line */
    OldTable old;
    size_t window; /* 2 x jobs */
    /* shared */
    atomic_int cancel; /* the writer gave up (output error) */
    pthread_mutex_t mu;
    pthread_cond_t claim_cv, done_cv;
    size_t next_claim, next_emit, n_finished; /* under mu */
    int stopped;                              /* under mu */
    Slot *slots;                              /* ring of @window, item i in slots[i % window] */
} Batch;

typedef struct {
    FILE *out;
    const char *path;
} WarnCtx;

static void
warn_item(const char *message, void *data)
{
    WarnCtx *w = data;

    if (strstr(message, w->path) != NULL)
        cli_printf(w->out, "warning: %s\n", message);
    else
        cli_printf(w->out, "warning: %s: %s\n", w->path, message);
}

static int
sim_progress(double fraction, void *data)
{
    Batch *b = data;

    (void)fraction;
    return atomic_load(&stop_signal) != 0 || atomic_load(&b->cancel) != 0;
}

static int
exit_for(ExopkStatus code)
{
    return code == EXOPK_EINVAL || code == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
}

static int
arm_selected(const Batch *b, const char *name)
{
    if (b->n_arms == 0)
        return 1;
    for (size_t i = 0; i < b->n_arms; i++)
        if (strcmp(b->arms[i], name) == 0)
            return 1;
    return 0;
}

/* Every --arm name must be an arm of @s, as for `exopk simulate --arm`. */
static int
check_arms(const Batch *b, const ExopkStudy *s, const char *path, FILE *msgs)
{
    const char *names[MAX_ARMS];
    size_t n = s->n_arms < MAX_ARMS ? s->n_arms : MAX_ARMS;
    int bad = 0;

    for (size_t a = 0; a < n; a++)
        names[a] = s->arms[a].name;
    for (size_t i = 0; i < b->n_arms; i++) {
        int found = 0;
        for (size_t a = 0; a < s->n_arms && !found; a++)
            found = strcmp(s->arms[a].name, b->arms[i]) == 0;
        if (!found) {
            const char *near = exopk_nearest_name(b->arms[i], names, n);
            cli_printf(msgs, "%s: --arm %s: no such arm%s%s%s\n", path, b->arms[i],
                    near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static void
write_rows(const Batch *b, const Input *in, const ExopkResult *r, FILE *out)
{
    for (size_t i = 0; i < exopk_result_n_metrics(r); i++)
        if (b->json)
            json_write_batch_row(in->path, r, i, out);
        else
            fprintf(out, "%s,%s,%s,%.10g,%s\n", in->field, exopk_result_arm(r),
                exopk_result_metric_name(r, i), exopk_result_metric_value(r, i),
                exopk_result_metric_unit(r, i));
}

/* Runs item @i into @slot (rows, messages, status).  Any thread. */
static void
run_item(Batch *b, size_t i, Slot *slot)
{
    const Input *in = &b->inputs[i];
    FILE *rows, *msgs;
    WarnCtx wc;
    ExopkError err;
    ExopkStudy *s = NULL;
    ExopkResult **res = NULL;
    unsigned char *run = NULL, *have = NULL;
    ExopkSimOptions opts = {0, 0, sim_progress, b};
    int need = 0, keep_old = 1, discard = 0;
    long control;

    memset(slot, 0, sizeof *slot);
    rows = open_memstream(&slot->text, &slot->len);
    msgs = open_memstream(&slot->msgs, &slot->msgs_len);
    if (rows == NULL || msgs == NULL) {
        if (rows != NULL)
            fclose(rows);
        if (msgs != NULL)
            fclose(msgs);
        free(slot->text);
        free(slot->msgs);
        slot->text = slot->msgs = NULL;
        slot->len = 0;
        slot->msgs = strdup("exopk batch: out of memory\n");
        slot->msgs_len = slot->msgs ? strlen(slot->msgs) : 0;
        slot->status = EXIT_RUN;
        return;
    }
    wc = (WarnCtx){msgs, in->path};
    s = exopk_lua_load_study(in->path, b->data_dir, warn_item, &wc, &err);
    if (s == NULL) {
        cli_printf(msgs, "%s\n", err.message);
        slot->status = exit_for(err.code);
        goto out;
    }
    if (check_arms(b, s, in->path, msgs) != 0 ||
        cli_set_apply(s, b->sets, b->n_sets, in->path, msgs) != 0) {
        slot->status = EXIT_USAGE;
        goto out;
    }
    res = calloc(s->n_arms, sizeof *res);
    run = calloc(s->n_arms, 1);
    have = calloc(s->n_arms, 1);
    if (res == NULL || run == NULL || have == NULL) {
        fprintf(msgs, "%s: out of memory\n", in->path);
        slot->status = EXIT_RUN;
        goto out;
    }
    /* what a fresh run would simulate, less the arms FILE already has */
    for (size_t a = 0; a < s->n_arms; a++) {
        size_t m, first = old_range(&b->old, in->path, s->arms[a].name, &m);
        (void)first;
        have[a] = in->occ < m;
        run[a] = arm_selected(b, s->arms[a].name) && !have[a];
        need |= run[a];
    }
    /* tgi_pct of a new arm needs the control arm's result */
    control = exopk_study_control_arm(s);
    if (need && control >= 0 && arm_selected(b, "control"))
        run[control] = 1;
    for (size_t a = 0; a < s->n_arms; a++) {
        if (!run[a])
            continue;
        res[a] = exopk_simulate(s, a, &opts, &err);
        if (res[a] == NULL) {
            if (err.code == EXOPK_ECANCELLED) {
                slot->cancelled = 1;
                goto out;
            }
            cli_printf(msgs, "%s: arm %s: %s\n", in->path, s->arms[a].name, err.message);
            slot->status = exit_for(err.code);
            goto out;
        }
    }
    exopk_results_compare(s, res);
    keep_old = 0;
    for (size_t a = 0; a < s->n_arms; a++) {
        if (have[a]) {
            if (old_emit_arm(&b->old, in, s->arms[a].name, rows) < 0)
                goto io_fail;
        } else if (res[a] != NULL) {
            write_rows(b, in, res[a], rows);
        }
    }
    if (old_emit_rest(&b->old, in, s, rows) != 0)
        goto io_fail;
    goto out;
io_fail:
    fprintf(msgs, "%s: cannot read the old rows: %s\n", in->path, strerror(errno));
    slot->status = EXIT_RUN;
    keep_old = 0;
    discard = 1; /* nothing of a failed item */
out:
    /* a failed item writes no new rows but keeps what FILE had of it */
    if (keep_old && !slot->cancelled && old_emit_rest(&b->old, in, NULL, rows) != 0) {
        fprintf(msgs, "%s: cannot read the old rows: %s\n", in->path, strerror(errno));
        slot->status = EXIT_RUN;
    }
    if (fclose(msgs) != 0)
        slot->status = EXIT_RUN; /* the buffer holds what fitted */
    if (fclose(rows) != 0 || discard) {
        free(slot->text);
        slot->text = NULL;
        slot->len = 0;
        if (!discard)
            slot->status = EXIT_RUN;
    }
    if (s != NULL)
        for (size_t a = 0; a < s->n_arms; a++)
            exopk_result_free(res ? res[a] : NULL);
    free(res);
    free(run);
    free(have);
    exopk_study_free(s);
}

/* ---- progress line ----------------------------------------------------- */

typedef struct {
    int on;          /* stderr is a terminal */
    int shown;       /* a line is on screen */
    double t0, last; /* s, monotonic */
    size_t total;
} Progress;

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void
progress_clear(Progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = 0;
}

static void
progress_update(Progress *p, size_t done)
{
    double t = now_s(), rate;
    char eta[32];

    if (!p->on || t - p->last < 0.1)
        return;
    p->last = t;
    rate = t > p->t0 ? (double)done / (t - p->t0) : 0;
    if (rate > 0) {
        double left = (double)(p->total - done) / rate;
        long sec = (long)ceil(left);
        if (sec >= 3600)
            snprintf(eta, sizeof eta, "%ldh%02ldm", sec / 3600, sec / 60 % 60);
        else if (sec >= 60)
            snprintf(eta, sizeof eta, "%ldm%02lds", sec / 60, sec % 60);
        else
            snprintf(eta, sizeof eta, "%lds", sec);
    } else {
        snprintf(eta, sizeof eta, "?");
    }
    fprintf(stderr, "\r[%zu/%zu] %.1f studies/s, ETA %s\033[K", done, p->total, rate, eta);
    fflush(stderr);
    p->shown = 1;
}

/* ---- the writer -------------------------------------------------------- */

typedef struct {
    ExopkAtomicFile file;
    FILE *out;          /* file.fp, or stdout (-o -) */
    int json;           /* rows are JSON lines: joined into one list */
    size_t rows_out;    /* JSON rows written */
    double every;       /* checkpoint interval, s (0: none) */
    double last_commit; /* s, monotonic */
    double commit_cost; /* s, the last checkpoint took */
    size_t uncommitted; /* items written since the last commit */
    size_t commits;
    int bad_input, failed;
    Progress progress;
} Writer;

/* Commits what is written and goes on in a fresh copy. */
static int
checkpoint(Writer *w, ExopkError *err)
{
    char path[sizeof w->file.path];
    char buf[65536];
    FILE *in;
    size_t got;

    double t0 = now_s();

    snprintf(path, sizeof path, "%s", w->file.path);
    if (exopk_atomic_commit(&w->file, err) != 0)
        return -1;
    if (exopk_atomic_open(&w->file, path, err) != 0)
        return -1;
    w->out = w->file.fp;
    if ((in = fopen(path, "r")) == NULL) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot read back: %s", path, strerror(errno));
        return -1;
    }
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, got, w->file.fp) != got)
            break;
    if (ferror(in) || ferror(w->file.fp)) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", path, strerror(errno));
        fclose(in);
        return -1;
    }
    fclose(in);
    w->last_commit = now_s();
    w->commit_cost = w->last_commit - t0;
    w->uncommitted = 0;
    w->commits++;
    return 0;
}

/* Rows of an item; JSON rows (a line each) become elements of the list. */
static int
write_text(Writer *w, const char *text, size_t len)
{
    const char *end = text + len;

    if (!w->json)
        return fwrite(text, 1, len, w->out) == len ? 0 : -1;
    for (const char *p = text; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

        fputs(w->rows_out++ > 0 ? ",\n  " : "\n  ", w->out);
        fwrite(p, 1, n, w->out);
        p += n + 1;
    }
    return ferror(w->out) ? -1 : 0;
}

/* Writes a finished item (and frees its buffers). */
static int
emit(Writer *w, Slot *slot, ExopkError *err)
{
    int rc = 0;

    if (slot->msgs_len > 0) {
        progress_clear(&w->progress);
        fwrite(slot->msgs, 1, slot->msgs_len, stderr);   /* escaped by cli_printf */
        fflush(stderr);
    }
    if (slot->status == EXIT_USAGE)
        w->bad_input = 1;
    else if (slot->status == EXIT_RUN)
        w->failed = 1;
    if (slot->len > 0 && write_text(w, slot->text, slot->len) != 0) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s",
                        w->out == stdout ? "stdout" : w->file.path, strerror(errno));
        rc = -1;
    }
    free(slot->text);
    free(slot->msgs);
    memset(slot, 0, sizeof *slot);
    w->uncommitted++;
    /* a checkpoint copies the whole table: keep that under ~5 % of the run */
    if (rc == 0 && w->every > 0 && now_s() - w->last_commit >= fmax(w->every, 20 * w->commit_cost))
        rc = checkpoint(w, err);
    return rc;
}

static void *
worker(void *data)
{
    Batch *b = data;

    pthread_mutex_lock(&b->mu);
    for (;;) {
        size_t i;
        Slot slot;

        while (!b->stopped && b->next_claim < b->n && b->next_claim >= b->next_emit + b->window)
            pthread_cond_wait(&b->claim_cv, &b->mu);
        if (b->stopped || b->next_claim >= b->n || atomic_load(&stop_signal))
            break;
        i = b->next_claim++;
        pthread_mutex_unlock(&b->mu);
        run_item(b, i, &slot);
        pthread_mutex_lock(&b->mu);
        slot.done = 1;
        b->slots[i % b->window] = slot;
        b->n_finished++;
        if (i == b->next_emit)
            pthread_cond_signal(&b->done_cv);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

/* Runs every item on @jobs threads, writing them in order.  0, or -1 on an
 * output error (@err) or a signal. */
static int
run_threads(Batch *b, Writer *w, size_t jobs, ExopkError *err)
{
    pthread_t *th = calloc(jobs, sizeof *th);
    size_t started = 0;
    int rc = 0;

    b->window = 2 * jobs;
    b->slots = calloc(b->window, sizeof *b->slots);
    if (th == NULL || b->slots == NULL) {
        free(th);
        free(b->slots);
        b->slots = NULL;
        exopk_error_set(err, EXOPK_ENOMEM, "exopk batch: out of memory");
        return -1;
    }
    for (; started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, b) != 0)
            break;
    if (started == 0) {
        free(th);
        exopk_error_set(err, EXOPK_ENOMEM, "exopk batch: cannot start a thread");
        return -1;
    }
    pthread_mutex_lock(&b->mu);
    while (b->next_emit < b->n) {
        Slot *slot = &b->slots[b->next_emit % b->window];
        Slot item;
        size_t finished;

        if (atomic_load(&stop_signal)) {
            rc = -1;
            break;
        }
        if (!slot->done) {
            struct timespec dl;
            clock_gettime(CLOCK_REALTIME, &dl);
            dl.tv_nsec += 100000000L; /* wake for signals and progress */
            if (dl.tv_nsec >= 1000000000L) {
                dl.tv_sec++;
                dl.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&b->done_cv, &b->mu, &dl);
            finished = b->n_finished;
            pthread_mutex_unlock(&b->mu);
            progress_update(&w->progress, finished);
            pthread_mutex_lock(&b->mu);
            continue;
        }
        if (slot->cancelled) {
            rc = -1;
            break;
        }
        item = *slot;
        memset(slot, 0, sizeof *slot);
        b->next_emit++;
        finished = b->n_finished;
        pthread_cond_broadcast(&b->claim_cv);
        pthread_mutex_unlock(&b->mu);
        rc = emit(w, &item, err);
        progress_update(&w->progress, finished);
        pthread_mutex_lock(&b->mu);
        if (rc != 0) {
            atomic_store(&b->cancel, 1);
            break;
        }
    }
    b->stopped = 1;
    pthread_cond_broadcast(&b->claim_cv);
    pthread_mutex_unlock(&b->mu);
    for (size_t t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t k = 0; k < b->window; k++) {
        free(b->slots[k].text);
        free(b->slots[k].msgs);
    }
    free(b->slots);
    b->slots = NULL;
    free(th);
    return rc;
}

/* -j 1: the calling thread does the work. */
static int
run_inline(Batch *b, Writer *w, ExopkError *err)
{
    for (size_t i = 0; i < b->n; i++) {
        Slot slot;

        if (atomic_load(&stop_signal))
            return -1;
        run_item(b, i, &slot);
        if (slot.cancelled) {
            free(slot.text);
            free(slot.msgs);
            return -1;
        }
        if (emit(w, &slot, err) != 0)
            return -1;
        progress_update(&w->progress, i + 1);
    }
    return 0;
}

/* ---- over MPI ranks (docs/mpi.md) -------------------------------------- */

/* A chunk is -j items, run on the rank's threads; its answer is the items'
 * slots one after the other: SlotHeader, rows, messages. */
typedef struct {
    int status, cancelled;
    size_t len, msgs_len;
} SlotHeader;

typedef struct {
    Batch *b;
    size_t first, count;
    atomic_size_t next;
    Slot *slots;
} Chunk;

static void *
chunk_worker(void *data)
{
    Chunk *c = data;
    size_t i;

    while ((i = atomic_fetch_add(&c->next, 1)) < c->count)
        run_item(c->b, c->first + i, &c->slots[i]);
    return NULL;
}

/* The chunk's items on up to count threads (this one among them). */
static void
run_chunk(Chunk *c)
{
    pthread_t th[c->count];
    size_t started = 0;

    for (; started + 1 < c->count; started++)
        if (pthread_create(&th[started], NULL, chunk_worker, c) != 0)
            break;
    chunk_worker(c);
    for (size_t t = 0; t < started; t++)
        pthread_join(th[t], NULL);
}

static void
pack_slots(const Slot *slots, size_t n, MpiAnswer *out)
{
    size_t len = 0;
    char *p;

    for (size_t i = 0; i < n; i++)
        len += sizeof(SlotHeader) + slots[i].len + slots[i].msgs_len;
    if ((p = out->data = malloc(len ? len : 1)) == NULL) {
        mpi_answer_fail(out, EXIT_RUN, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        SlotHeader h = { slots[i].status, slots[i].cancelled, slots[i].len, slots[i].msgs_len };

        memcpy(p, &h, sizeof h);
        p += sizeof h;
        if (h.len > 0)
            memcpy(p, slots[i].text, h.len);
        p += h.len;
        if (h.msgs_len > 0)
            memcpy(p, slots[i].msgs, h.msgs_len);
        p += h.msgs_len;
    }
    out->status = 0;
    out->len = len;
}

static void
batch_work(void *ctx, long first, long count, const char *in, MpiAnswer *out)
{
    Chunk c = { ctx, (size_t) first, (size_t) count, 0, calloc((size_t) count, sizeof(Slot)) };

    if (c.slots == NULL) {
        mpi_answer_fail(out, EXIT_RUN, "out of memory");
    } else if (cli_mpi_forced_failure()) {
        char msg[512];

        snprintf(msg, sizeof msg, "%s: failure forced by EXOPK_MPI_FAIL", c.b->inputs[first].path);
        mpi_answer_fail(out, EXIT_RUN, msg);
    } else {
        run_chunk(&c);
        pack_slots(c.slots, c.count, out);
    }
    for (size_t i = 0; c.slots != NULL && i < c.count; i++) {
        free(c.slots[i].text);
        free(c.slots[i].msgs);
    }
    free(c.slots);
}

typedef struct {
    Writer *w;
    const char *out_path;
    ExopkError *err;
    const Batch *b;
} RankWriter;

/* A rank's failure: the run stops, FILE keeps its last commit. */
static int
rank_failed(RankWriter *rw, int rank, const MpiAnswer *a)
{
    const Writer *w = rw->w;

    exopk_error_set(rw->err, EXOPK_ESOLVER, "exopk batch: rank %d: %s; %s %s", rank,
                    a->data != NULL ? a->data : "no answer", rw->out_path,
                    strcmp(rw->out_path, "-") == 0 ? "holds the rows written so far"
                    : w->commits > 0 ? "holds the rows of the last commit (--resume continues)"
                    : access(rw->out_path, F_OK) == 0 ? "is left as it was" : "not written");
    return 1;
}

/* @n bytes that need not end in a NUL, as a string. */
static char *
copy_text(const char *p, size_t n)
{
    char *t = malloc(n + 1);

    if (t != NULL) {
        memcpy(t, p, n);
        t[n] = '\0';
    }
    return t;
}

/* Rank 0: a chunk's items, written in order. */
static int
commit_items(void *ctx, long first, long count, int rank, MpiAnswer *a)
{
    RankWriter *rw = ctx;
    const char *p = a->data, *end = a->data + a->len;
    int rc = 0;

    if (a->status != 0)
        rc = rank_failed(rw, rank, a);
    for (long i = 0; i < count && rc == 0; i++) {
        SlotHeader h;
        Slot slot = { 0 };

        if ((size_t) (end - p) < sizeof h
            || (memcpy(&h, p, sizeof h), (size_t) (end - p) - sizeof h < h.len + h.msgs_len)) {
            rc = rank_failed(rw, rank, &(MpiAnswer){ 0, "a truncated answer", 0 });
            break;
        }
        p += sizeof h;
        slot = (Slot){ .text = h.len ? copy_text(p, h.len) : NULL, .len = h.len,
                       .msgs = h.msgs_len ? copy_text(p + h.len, h.msgs_len) : NULL,
                       .msgs_len = h.msgs_len, .status = h.status, .cancelled = h.cancelled };
        p += h.len + h.msgs_len;
        if (slot.cancelled || emit(rw->w, &slot, rw->err) != 0) {
            free(slot.text);
            free(slot.msgs);
            rc = 1;
        }
        progress_update(&rw->w->progress, (size_t) (first + i + 1));
    }
    free(a->data);
    return rc;
}

static int
batch_stop(void *ctx)
{
    (void)ctx;
    return atomic_load(&stop_signal) != 0;
}

/* Rank 0: a rank silent for --rank-timeout. */
static void
rank_lost(void *ctx, int rank, long first, long count, double seconds)
{
    RankWriter *rw = ctx;
    char msg[4200];

    (void) count;
    snprintf(msg, sizeof msg, "no answer for %.0f s (--rank-timeout), %s", seconds,
             rw->b->inputs[first].path);
    rank_failed(rw, rank, &(MpiAnswer){ 0, msg, 0 });
}

/* Rank 0 of several: the items dealt in chunks of -j over the ranks. */
static int
run_ranks(Batch *b, Writer *w, size_t jobs, double rank_timeout, const char *out_path,
          ExopkError *err)
{
    RankWriter rw = { w, out_path, err, b };
    MpiDeal d = { 0, (long) b->n, (long) jobs, NULL, 0, batch_work, b, commit_items, &rw,
                  batch_stop, NULL, NULL, NULL, 0, rank_timeout, rank_lost };

    exopk_error_set(err, EXOPK_ECANCELLED, "exopk batch: interrupted");
    return cli_mpi_deal(&d) == 0 ? 0 : -1;
}

/* ---- the command ------------------------------------------------------- */

static const struct option LONGOPTS[] = {
    {"jobs", required_argument, NULL, 'j'},      {"output", required_argument, NULL, 'o'},
    {"resume", no_argument, NULL, 'r'},          {"arm", required_argument, NULL, 'a'},
    {"set", required_argument, NULL, 's'},       {"format", required_argument, NULL, 'f'},
    {"checkpoint", required_argument, NULL, 'c'}, {"load-timeout", required_argument, NULL, 't'},
    {"rank-timeout", required_argument, NULL, 'T'},
    {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};

typedef struct {
    const char *out_path; /* "-": stdout */
    char **studies, **arms, **sets; /* borrowed from argv; the arrays owned */
    size_t n_studies, n_arms, n_sets, jobs;
    double every, rank_timeout;
    int resume, checkpoint_given, json, format_given;
} BatchOptions;

static int
usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "exopk batch: %s", msg);
    if (arg != NULL)
        fprintf(stderr, " \"%s\"", arg);
    fputs(" (see exopk batch --help)\n", stderr);
    return EXIT_USAGE;
}

/* One option; 0, -1 after --help, or the exit status. */
static int
parse_option(int c, BatchOptions *o)
{
    char *end;
    long j;
    int f;

    switch (c) {
    case 'h':
        cli_usage("batch", stdout);
        return -1;
    case 'r':
        o->resume = 1;
        return 0;
    case 'j':
        errno = 0;
        j = strtol(optarg, &end, 10);
        if (*optarg == '\0' || *end != '\0' || errno != 0 || j < 1)
            return usage_error("-j needs a positive integer, got", optarg);
        o->jobs = j > MAX_JOBS ? MAX_JOBS : (size_t)j;
        return 0;
    case 'o':
        if (*optarg == '\0')
            return usage_error("-o needs a file name (or - for stdout)", NULL);
        o->out_path = optarg;
        return 0;
    case 'a':
        if (*optarg == '\0')
            return usage_error("--arm needs an arm name", NULL);
        o->arms[o->n_arms++] = optarg;
        return 0;
    case 's':
        if (cli_set_check_arg("batch", optarg) != 0)
            return EXIT_USAGE;
        o->sets[o->n_sets++] = optarg;
        return 0;
    case 'f':
        if ((f = cli_parse_format("batch", optarg, 0)) < 0)
            return EXIT_USAGE;
        o->json = f == FORMAT_JSON;
        o->format_given = 1;
        return 0;
    case 'c':
        o->every = strtod(optarg, &end);
        if (*optarg == '\0' || *end != '\0' || !(o->every >= 0) || !isfinite(o->every))
            return usage_error("--checkpoint needs seconds >= 0, got", optarg);
        o->checkpoint_given = 1;
        return 0;
    case 't':
        return cli_load_timeout("batch", optarg) != 0 ? EXIT_USAGE : 0;
    case 'T':
        o->rank_timeout = strtod(optarg, &end);
        if (*optarg == '\0' || *end != '\0' || !(o->rank_timeout >= 0)
            || !isfinite(o->rank_timeout))
            return usage_error("--rank-timeout needs seconds >= 0, got", optarg);
        return 0;
    default:
        return EXIT_USAGE;
    }
}

/* What the options say together: --format writes to stdout, which has
 * no file to commit or resume. */
static int
check_options(BatchOptions *o)
{
    if (o->format_given && o->out_path != NULL && strcmp(o->out_path, "-") != 0)
        return usage_error("--format writes to stdout: give -o - or no -o", NULL);
    if (o->format_given)
        o->out_path = "-";
    if (o->out_path == NULL)
        return usage_error("-o FILE.csv is required (-o - for stdout)", NULL);
    if (strcmp(o->out_path, "-") == 0 && (o->resume || o->checkpoint_given))
        return usage_error("--resume and --checkpoint need -o FILE, not stdout", NULL);
    if (o->n_studies == 0)
        return usage_error("no study files given", NULL);
    if (o->jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        o->jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : (size_t)cpus;
    }
    if (o->jobs > o->n_studies)
        o->jobs = o->n_studies;
    return 0;
}

/* 0, -1 after --help, or the exit status. */
static int
parse_options(int argc, char **argv, BatchOptions *o)
{
    int c, rc;

    o->every = 10;
    o->studies = calloc((size_t)argc + 1, sizeof *o->studies);
    o->arms = calloc((size_t)argc + 1, sizeof *o->arms);
    o->sets = calloc((size_t)argc + 1, sizeof *o->sets);
    if (o->studies == NULL || o->arms == NULL || o->sets == NULL) {
        fputs("exopk batch: out of memory\n", stderr);
        return EXIT_RUN;
    }
    while ((c = cli_getopt("batch", argc, argv, "j:o:h", LONGOPTS)) != -1)
        if ((rc = parse_option(c, o)) != 0)
            return rc;
    for (int i = optind; i < argc; i++) {
        if (strpbrk(argv[i], "\n\r") != NULL)
            return usage_error("a study path with a line break", NULL);
        o->studies[o->n_studies++] = argv[i];
    }
    return check_options(o);
}

/* The inputs as CSV fields, and which occurrence of its path each one is;
 * *order gets the inputs sorted by path.  -1 on ENOMEM. */
static int
index_inputs(Batch *b, const BatchOptions *o, PathIndex **order)
{
    size_t n = o->n_studies;

    b->inputs = calloc(n, sizeof *b->inputs);
    *order = calloc(n, sizeof **order);
    if (b->inputs == NULL || *order == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        b->inputs[i].path = o->studies[i];
        if ((b->inputs[i].field = csv_field(o->studies[i])) == NULL)
            return -1;
        (*order)[i] = (PathIndex){o->studies[i], i};
    }
    qsort(*order, n, sizeof **order, cmp_path_index);
    for (size_t k = 0; k < n; k++) {
        Input *in = &b->inputs[(*order)[k].index];
        in->occ = k > 0 && strcmp((*order)[k - 1].path, (*order)[k].path) == 0
                      ? b->inputs[(*order)[k - 1].index].occ + 1
                      : 0;
        in->last = k + 1 == n || strcmp((*order)[k + 1].path, (*order)[k].path) != 0;
    }
    return 0;
}

/* Whether @path is among the inputs (@order sorted by path). */
static int
is_input(const PathIndex *order, size_t n, const char *path)
{
    size_t lo = 0, hi = n;

    while (lo < hi) { /* lower bound of the path in order[] */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(order[mid].path, path) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(order[lo].path, path) == 0;
}

/* The old rows' index sorted for the items' look-ups (old_range). */
static void
sort_old_blocks(Batch *b)
{
    if (b->old.n > 0)
        qsort(b->old.blocks, b->old.n, sizeof *b->old.blocks, cmp_block);
}

/* --resume: old rows of studies not in this run come first, in file
 * order; then the index is sorted for the items' look-ups. */
static int
copy_other_old_rows(Batch *b, const PathIndex *order, FILE *out)
{
    for (size_t k = 0; k < b->old.n; k++)
        if (!is_input(order, b->n, b->old.blocks[k].study) &&
            old_copy(&b->old, b->old.blocks[k].off, b->old.blocks[k].len, out) != 0)
            return -1;
    sort_old_blocks(b);
    return 0;
}

/* Opens FILE's temporary (or takes stdout) and writes the header. */
static int
open_output(Writer *w, const BatchOptions *o, ExopkError *err)
{
    if (strcmp(o->out_path, "-") == 0) {
        w->out = stdout;
        w->every = 0; /* nothing to commit */
    } else {
        if (exopk_atomic_open(&w->file, o->out_path, err) != 0)
            return -1;
        w->out = w->file.fp;
        w->every = o->every;
    }
    w->json = o->json;
    w->last_commit = now_s();
    w->progress = (Progress){isatty(STDERR_FILENO), 0, now_s(), 0, o->n_studies};
    fputs(o->json ? "[" : HEADER, w->out);
    return 0;
}

/* Ends the table: commits FILE, or closes the JSON list on stdout. */
static int
close_output(Writer *w, ExopkError *err)
{
    if (w->out != stdout) {
        if (exopk_atomic_commit(&w->file, err) != 0)
            return -1;
        w->commits++;
        return 0;
    }
    if (w->json)
        fputs(w->rows_out > 0 ? "\n]\n" : "]\n", stdout);
    if (fflush(stdout) != 0 || ferror(stdout))
        return exopk_error_set(err, EXOPK_EIO, "stdout: cannot write: %s", strerror(errno)), -1;
    return 0;
}

static int
run_all(Batch *b, Writer *w, const BatchOptions *o, ExopkError *err)
{
    int rc;

    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->claim_cv, NULL);
    pthread_cond_init(&b->done_cv, NULL);
    if (cli_mpi_size() > 1)
        rc = run_ranks(b, w, o->jobs, o->rank_timeout, o->out_path, err);
    else
        rc = o->jobs == 1 ? run_inline(b, w, err) : run_threads(b, w, o->jobs, err);
    pthread_cond_destroy(&b->done_cv);
    pthread_cond_destroy(&b->claim_cv);
    pthread_mutex_destroy(&b->mu);
    progress_clear(&w->progress);
    return rc;
}

/* The message of an interrupted run; the exit status 128 + signal. */
static int
interrupted(Writer *w, const char *out_path, int sig)
{
    progress_clear(&w->progress);
    if (strcmp(out_path, "-") == 0)
        fputs("exopk batch: interrupted; stdout holds the rows written so far\n", stderr);
    else
        fprintf(stderr, "exopk batch: interrupted; %s %s\n", out_path,
                w->commits > 0 ? "holds the rows of the last commit (--resume continues)"
                : access(out_path, F_OK) == 0 ? "is left as it was"
                                              : "not written");
    return 128 + sig;
}

/* Everything after the options, with SIGINT/SIGTERM caught: the run
 * stops and removes its temporary. */
static int
batch_run(Batch *b, const BatchOptions *o, const PathIndex *order)
{
    Writer w;
    ExopkError err;
    struct sigaction sa, old_int, old_term;
    int rc = 0, opened = 0, sig;

    memset(&w, 0, sizeof w);
    atomic_store(&stop_signal, 0);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    if (open_output(&w, o, &err) != 0) {
        fprintf(stderr, "%s\n", err.message);
        rc = EXIT_IO;
        goto restore;
    }
    opened = w.out != stdout;
    if (copy_other_old_rows(b, order, w.out) != 0) {
        fprintf(stderr, "%s: cannot copy the old rows: %s\n", o->out_path, strerror(errno));
        rc = EXIT_IO;
        goto restore;
    }
    if (run_all(b, &w, o, &err) != 0 && !atomic_load(&stop_signal)) {
        fprintf(stderr, "%s\n", err.message);
        rc = err.code == EXOPK_EIO ? EXIT_IO : EXIT_RUN;
    }
    if (rc == 0 && !atomic_load(&stop_signal)) {
        opened = 0;
        if (close_output(&w, &err) != 0) {
            fprintf(stderr, "%s\n", err.message);
            rc = EXIT_IO;
        } else {
            rc = w.bad_input ? EXIT_USAGE : w.failed ? EXIT_RUN : 0;
        }
    }
restore:
    if (opened)
        exopk_atomic_abort(&w.file); /* FILE stays as the last commit left it */
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sig = atomic_load(&stop_signal);
    return sig != 0 ? interrupted(&w, o->out_path, sig) : rc;
}

/* The output's checks before anything runs: no directory, device or FIFO
 * in the way, --resume's file. */
static int
prepare_output(Batch *b, const BatchOptions *o)
{
    ExopkError err;

    if (strcmp(o->out_path, "-") == 0)
        return 0;
    if (exopk_output_file_check(o->out_path, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s\n", err.message);
        return EXIT_IO;
    }
    if (o->resume && old_read(&b->old, o->out_path, &err) != 0) {
        fprintf(stderr, "%s\n", err.message);
        return err.code == EXOPK_EINVAL ? EXIT_USAGE : err.code == EXOPK_EIO ? EXIT_IO : EXIT_RUN;
    }
    return 0;
}

/* A rank other than 0: rank 0's chunks, with the old rows of --resume. */
static int
serve_rank(Batch *b, const BatchOptions *o)
{
    ExopkError err;

    if (o->resume && old_read(&b->old, o->out_path, &err) != 0) {
        cli_mpi_serve(NULL, NULL, NULL);
        return 0;
    }
    sort_old_blocks(b);
    cli_mpi_serve(batch_work, NULL, b);
    return 0;
}

int
exopk_cli_batch(const char *data_dir, int argc, char **argv)
{
    Batch b;
    BatchOptions o;
    PathIndex *order = NULL;
    int rc;

    memset(&b, 0, sizeof b);
    memset(&o, 0, sizeof o);
    b.old.fd = -1;
    rc = parse_options(argc, argv, &o);
    if (rc != 0)
        goto out;
    b = (Batch){.data_dir = data_dir, .n = o.n_studies, .arms = o.arms, .n_arms = o.n_arms,
                .sets = o.sets, .n_sets = o.n_sets, .json = o.json, .old = {-1, NULL, 0}};
    if (index_inputs(&b, &o, &order) != 0) {
        fputs("exopk batch: out of memory\n", stderr);
        rc = EXIT_RUN;
        goto out;
    }
    if (cli_mpi_rank() > 0)
        rc = serve_rank(&b, &o);
    else if ((rc = prepare_output(&b, &o)) == 0)
        rc = batch_run(&b, &o, order);
out:
    old_free(&b.old);
    for (size_t i = 0; b.inputs != NULL && i < o.n_studies; i++)
        free(b.inputs[i].field);
    free(b.inputs);
    free(order);
    free(o.studies);
    free(o.arms);
    free(o.sets);
    if (rc > 128) {
        /* die of the signal, as the shell expects of an interrupted command */
        signal(rc - 128, SIG_DFL);
        raise(rc - 128);
    }
    return rc < 0 ? 0 : rc;
}

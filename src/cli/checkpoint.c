/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checkpoint files (checkpoint.h, docs/mpi.md). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"

#define MAGIC "exopk checkpoint 1\n"

uint64_t
ckpt_hash(const void *data, size_t len, uint64_t h)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t
ckpt_hash_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char buf[65536];
    uint64_t h = CKPT_HASH_INIT;
    size_t got;

    if (fp == NULL)
        return 0;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        h = ckpt_hash(buf, got, h);
    fclose(fp);
    return h;
}

void
ckpt_key(CkptKeys *k, const char *key, const char *fmt, ...)
{
    size_t size = sizeof k->key[0].value;
    va_list ap;
    char *v, *full;
    int n;

    if (k->n == CKPT_MAX_KEYS)
        return;
    k->key[k->n].key = key;
    v = k->key[k->n].value;
    va_start(ap, fmt);
    n = vsnprintf(v, size, fmt, ap);
    va_end(ap);
    if (n >= (int) size && (full = malloc((size_t) n + 1)) != NULL) {
        /* too long to show: its start and the hash of all of it */
        va_start(ap, fmt);
        vsnprintf(full, (size_t) n + 1, fmt, ap);
        va_end(ap);
        snprintf(v, size, "%.64s... (%d bytes, hash %016llx)", full, n,
                 (unsigned long long) ckpt_hash(full, (size_t) n, CKPT_HASH_INIT));
        free(full);
    }
    for (; *v != '\0'; v++)
        if (*v == '\n')
            *v = ' ';
    k->n++;
}

ExopkStatus
ckpt_write(const char *path, const CkptKeys *k, long done, const void *const *parts,
           const size_t *lens, size_t n, ExopkError *err)
{
    ExopkAtomicFile f;
    size_t bytes = 0;

    for (size_t i = 0; i < n; i++)
        bytes += lens[i];
    if (exopk_atomic_open(&f, path, err) != EXOPK_OK)
        return err->code;
    fprintf(f.fp, MAGIC "command %s\n", k->command);
    for (size_t i = 0; i < k->n; i++)
        fprintf(f.fp, "%s %s\n", k->key[i].key, k->key[i].value);
    fprintf(f.fp, "done %ld\nbytes %zu\n\n", done, bytes);
    for (size_t i = 0; i < n; i++)
        if (lens[i] > 0)
            fwrite(parts[i], 1, lens[i], f.fp);
    return exopk_atomic_commit(&f, err);
}

/* The next head line "KEY VALUE" of @fp without its newline, or NULL. */
static char *
head_line(FILE *fp, char **line, size_t *cap)
{
    ssize_t got = getline(line, cap, fp);

    if (got <= 0 || (*line)[got - 1] != '\n')
        return NULL;
    (*line)[got - 1] = '\0';
    return *line;
}

/* "KEY VALUE" must be @key with @value; else @err names the setting. */
static int
check_key(const char *path, const char *line, const char *key, const char *value,
          ExopkError *err)
{
    size_t kl = strlen(key);

    if (line == NULL || strncmp(line, key, kl) != 0 || line[kl] != ' ') {
        exopk_error_set(err, EXOPK_EINVAL, "%s: not a checkpoint of this command (expected "
                        "\"%s\" in its head); remove it or drop --resume", path, key);
        return -1;
    }
    if (strcmp(line + kl + 1, value) != 0) {
        exopk_error_set(err, EXOPK_EINVAL, "%s: made with other settings: %s %s, this run "
                        "has %s; run without --resume to start again", path, key,
                        line + kl + 1, value);
        return -1;
    }
    return 0;
}

/* The head of @fp checked against @k; the items done and the bytes. */
static int
read_head(FILE *fp, const char *path, const CkptKeys *k, long *done, size_t *len,
          ExopkError *err)
{
    char *line = NULL, *l, *end;
    size_t cap = 0;
    int rc = -1;

    l = head_line(fp, &line, &cap);
    if (l == NULL || strcmp(l, "exopk checkpoint 1") != 0) {
        exopk_error_set(err, EXOPK_EINVAL, "%s:1: not an exopk checkpoint; remove it or drop "
                        "--resume", path);
        goto out;
    }
    if (check_key(path, head_line(fp, &line, &cap), "command", k->command, err) != 0)
        goto out;
    for (size_t i = 0; i < k->n; i++)
        if (check_key(path, head_line(fp, &line, &cap), k->key[i].key, k->key[i].value,
                      err) != 0)
            goto out;
    if ((l = head_line(fp, &line, &cap)) == NULL || sscanf(l, "done %ld", done) != 1
        || (l = head_line(fp, &line, &cap)) == NULL || strncmp(l, "bytes ", 6) != 0
        || (*len = strtoull(l + 6, &end, 10), *end != '\0')
        || (l = head_line(fp, &line, &cap)) == NULL || *l != '\0' || *done < 0) {
        exopk_error_set(err, EXOPK_EINVAL, "%s: a damaged checkpoint head; remove it", path);
        goto out;
    }
    rc = 0;
out:
    free(line);
    return rc;
}

int
ckpt_read(const char *path, const CkptKeys *k, long *done, char **data, size_t *len,
          ExopkError *err)
{
    FILE *fp = fopen(path, "rb");
    int rc = -1;

    *data = NULL;
    if (fp == NULL) {
        if (errno == ENOENT)
            return 1;
        exopk_error_set(err, EXOPK_EIO, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    if (read_head(fp, path, k, done, len, err) == 0) {
        *data = malloc(*len ? *len : 1);
        if (*data == NULL)
            exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", path);
        else if (fread(*data, 1, *len, fp) != *len || fgetc(fp) != EOF)
            exopk_error_set(err, EXOPK_EINVAL, "%s: the results do not have the %zu bytes "
                            "the head says; remove it", path, *len);
        else
            rc = 0;
    }
    if (rc != 0) {
        free(*data);
        *data = NULL;
    }
    fclose(fp);
    return rc;
}

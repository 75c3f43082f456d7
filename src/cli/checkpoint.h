/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checkpoints of `population` and `sensitivity` (docs/mpi.md): the results
 * of the items done so far in a file DIR/COMMAND.checkpoint, written whole
 * or not at all (ExopkAtomicFile), with the settings that made them.
 *
 * The file: a text head, "exopk checkpoint 1", "command NAME", one line
 * "KEY VALUE" per setting, "done N" (the items done), "bytes B", an empty
 * line; then B bytes of results (host byte order: a checkpoint is read
 * back on the machines that wrote it). */
#ifndef EXOPK_CLI_CHECKPOINT_H
#define EXOPK_CLI_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>
#include "exopk/exopk.h"

#define CKPT_MAX_KEYS 16

/* The settings a checkpoint belongs to: --resume refuses one whose
 * settings differ, naming the first that does. */
typedef struct {
    const char *command;
    size_t n;
    struct {
        const char *key;
        char value[512];
    } key[CKPT_MAX_KEYS];
} CkptKeys;

/* Adds a setting (printf-style value; a long one is hashed). */
void ckpt_key(CkptKeys *k, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* FNV-1a, 64 bits: of bytes, and of a file's bytes (0 when unreadable). */
uint64_t ckpt_hash(const void *data, size_t len, uint64_t h);
#define CKPT_HASH_INIT 14695981039346656037ULL
uint64_t ckpt_hash_file(const char *path);

/* Writes @path whole: the head of @k and @done, then the @n parts. */
ExopkStatus ckpt_write(const char *path, const CkptKeys *k, long done, const void *const *parts,
                       const size_t *lens, size_t n, ExopkError *err);
/* Reads @path: 0 and *@done, *@data (malloc'd) and *@len; 1 when there is
 * no such file; -1 + @err: EXOPK_EINVAL when it is not a checkpoint of
 * @k's command or was made with other settings (the first named),
 * EXOPK_EIO when it cannot be read. */
int ckpt_read(const char *path, const CkptKeys *k, long *done, char **data, size_t *len,
              ExopkError *err);

#endif

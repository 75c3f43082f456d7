/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the line of a value in a study or data file.
 *
 * Lua tables carry no line numbers, so an error about a value found while
 * walking the returned table is located in the source text after the
 * fact, best effort.  A small Lua lexer (comments, short and long strings,
 * numbers, names, brackets; line breaks counted as Lua counts them) walks
 * the text once into an index of every `k =` and `["k"] =` (key, where,
 * the constructor it is a top-level item of, where its value starts), so
 * that locating many paths of a large file stays linear.  A path:
 *   - its first key is looked for at the top level of the last
 *     `return {` constructor, else as `key =` anywhere in the file;
 *   - a key `k` is the LAST `k =` or `["k"] =` at the top level of the
 *     constructor that is the value of the previous component (Lua keeps
 *     the last of a duplicated key); an index `[n]` is the n-th
 *     positional item of it (keyed items do not count);
 *   - a string value, when given, is then looked for as a literal in what
 *     was found (or, if the path could not be followed to its end, in the
 *     deepest constructor reached, else anywhere in the file if it occurs
 *     there exactly once).
 * A file that builds its tables in code (variables, loops, functions)
 * defeats this; the message then has the line of the deepest component
 * found, or no line at all.  Every read is bounded by the text's length
 * (the text may hold NUL bytes and need not be NUL-terminated).  Pure C:
 * never raises. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lexopk-private.h"

#define NONE ((size_t) -1)
#define MAX_DEPTH 1024                 /* Lua itself stops at 200 levels */
#define MAX_ENTRIES ((size_t) 1 << 21) /* ~120 MB of index at most */

enum { TK_EOF, TK_NAME, TK_STRING, TK_NUMBER, TK_OTHER };

typedef struct {
    const char *p, *end;
    int line;
} Lex;

typedef struct {
    int type;
    const char *start;        /* the token's first byte (the quote of a string) */
    const char *s;            /* name, string content (escaped), or the char */
    size_t len;
    int line;
    int long_str;             /* string without escapes ([[...]]) */
    char ch;                  /* TK_OTHER: the character; 'E' for == ~= <= >= */
} Tok;

static int
is_nl(char c)
{
    return c == '\n' || c == '\r';
}

/* Skips the line break at @p: "\n", "\r", "\r\n" or "\n\r" is one line,
 * as Lua counts (llex.c inclinenumber). */
static const char *
skip_nl(const char *p, const char *end, int *line)
{
    char c = *p++;

    if (p < end && is_nl(*p) && *p != c)
        p++;
    (*line)++;
    return p;
}

/* "[" "="* "[" at p: the level, or -1. */
static int
long_level(const char *p, const char *end)
{
    int level = 0;

    if (p >= end || *p != '[')
        return -1;
    p++;
    while (p < end && *p == '=')
        level++, p++;
    return p < end && *p == '[' ? level : -1;
}

/* Skips a long bracket of @level whose opening ends at lx->p; sets the
 * content span. */
static void
skip_long(Lex *lx, int level, const char **content, size_t *len)
{
    const char *p = lx->p, *start;

    if (p < lx->end && is_nl(*p))
        p = skip_nl(p, lx->end, &lx->line);
    start = p;
    while (p < lx->end) {
        if (*p == ']') {
            const char *q = p + 1;
            int l = 0;

            while (q < lx->end && *q == '=')
                l++, q++;
            if (l == level && q < lx->end && *q == ']') {
                *content = start;
                *len = (size_t) (p - start);
                lx->p = q + 1;
                return;
            }
        }
        if (is_nl(*p))
            p = skip_nl(p, lx->end, &lx->line);
        else
            p++;
    }
    *content = start;
    *len = (size_t) (p - start);
    lx->p = p;
}

/* Whitespace and comments. */
static void
skip_space(Lex *lx)
{
    for (;;) {
        while (lx->p < lx->end && isspace((unsigned char) *lx->p)) {
            if (is_nl(*lx->p))
                lx->p = skip_nl(lx->p, lx->end, &lx->line);
            else
                lx->p++;
        }
        if (lx->end - lx->p >= 2 && lx->p[0] == '-' && lx->p[1] == '-') {
            int level;

            lx->p += 2;
            level = long_level(lx->p, lx->end);
            if (level >= 0) {
                const char *c;
                size_t n;

                lx->p += level + 2;
                skip_long(lx, level, &c, &n);
            } else {
                while (lx->p < lx->end && !is_nl(*lx->p))
                    lx->p++;
            }
            continue;
        }
        return;
    }
}

/* A short string from the quote at lx->p (unfinished at a raw line break
 * or the end, as Lua would reject it). */
static void
lex_short(Lex *lx, Tok *t)
{
    const char *p = lx->p, *end = lx->end;
    char q = *p++;

    t->type = TK_STRING;
    t->s = p;
    while (p < end && *p != q && !is_nl(*p)) {
        if (*p == '\\' && p + 1 < end) {
            p++;
            if (is_nl(*p)) {
                p = skip_nl(p, end, &lx->line);
                continue;
            }
            if (*p == 'z') {          /* \z skips the following white space */
                p++;
                while (p < end && isspace((unsigned char) *p))
                    p = is_nl(*p) ? skip_nl(p, end, &lx->line) : p + 1;
                continue;
            }
        }
        p++;
    }
    t->len = (size_t) (p - t->s);
    lx->p = p < end && *p == q ? p + 1 : p;
}

static void
lex_next(Lex *lx, Tok *t)
{
    const char *p;

    memset(t, 0, sizeof *t);
    skip_space(lx);
    t->line = lx->line;
    p = t->start = lx->p;
    if (p >= lx->end) {
        t->type = TK_EOF;
        return;
    }
    if (isalpha((unsigned char) *p) || *p == '_' || (unsigned char) *p >= 0x80) {
        t->type = TK_NAME;
        t->s = p;
        while (p < lx->end && (isalnum((unsigned char) *p) || *p == '_'
                               || (unsigned char) *p >= 0x80))
            p++;
        t->len = (size_t) (p - t->s);
        lx->p = p;
        return;
    }
    if (isdigit((unsigned char) *p)
        || (*p == '.' && p + 1 < lx->end && isdigit((unsigned char) p[1]))) {
        t->type = TK_NUMBER;
        t->s = p;
        while (p < lx->end) {
            if (isalnum((unsigned char) *p) || *p == '.')
                p++;
            else if ((*p == '+' || *p == '-') && memchr("eEpP", p[-1], 4) != NULL)
                p++;
            else
                break;
        }
        t->len = (size_t) (p - t->s);
        lx->p = p;
        return;
    }
    if (*p == '"' || *p == '\'') {
        lex_short(lx, t);
        return;
    }
    if (*p == '[') {
        int level = long_level(p, lx->end);

        if (level >= 0) {
            t->type = TK_STRING;
            t->long_str = 1;
            lx->p = p + level + 2;
            skip_long(lx, level, &t->s, &t->len);
            return;
        }
    }
    t->type = TK_OTHER;
    t->s = p;
    t->len = 1;
    t->ch = *p;
    if (p + 1 < lx->end && p[1] == '=' && *p != '\0' && memchr("=~<>", *p, 4) != NULL) {
        t->ch = 'E';
        t->len = 2;
    }
    lx->p = p + t->len;
}

/* --- string literals ---------------------------------------------------- */

static int
hex(char c)
{
    return isdigit((unsigned char) c) ? c - '0' : (tolower((unsigned char) c) - 'a' + 10);
}

/* The UTF-8 bytes of @x into @out (as Lua's luaO_utf8esc, up to 6). */
static int
utf8_bytes(unsigned long x, unsigned char *out)
{
    unsigned char buf[8];
    unsigned int mfb = 0x3f;
    int n = 0;

    if (x < 0x80) {
        out[0] = (unsigned char) x;
        return 1;
    }
    do {
        buf[7 - n++] = (unsigned char) (0x80 | (x & 0x3f));
        x >>= 6;
        mfb >>= 1;
    } while (x > mfb);
    buf[7 - n] = (unsigned char) ((~mfb << 1) | x);
    n++;
    memcpy(out, buf + 8 - n, (size_t) n);
    return n;
}

/* "\u{XXX}" with @p after the 'u'. */
static int
escape_u(const char **pp, const char *end, unsigned char *out)
{
    const char *p = *pp;
    unsigned long x = 0;
    int digits = 0;

    if (p >= end || *p++ != '{')
        return -1;
    while (p < end && isxdigit((unsigned char) *p)) {
        x = x * 16 + (unsigned long) hex(*p++);
        if (x > 0x7FFFFFFFul)
            return -1;
        digits++;
    }
    if (digits == 0 || p >= end || *p++ != '}')
        return -1;
    *pp = p;
    return utf8_bytes(x, out);
}

/* Decodes the character at *pp of a short string's content into @out (at
 * most 8 bytes): returns the byte count (0 for \z), or -1 for an escape
 * Lua rejects. */
static int
next_char(const char **pp, const char *end, unsigned char *out)
{
    static const char from[] = "abfnrtv\\\"'", to[] = "\a\b\f\n\r\t\v\\\"'";
    const char *p = *pp, *m;
    int v = 0, k = 0;

    if (*p != '\\' || p + 1 >= end) {
        out[0] = (unsigned char) *p;
        *pp = p + 1;
        return 1;
    }
    p++;
    *pp = p + 1;
    if (*p != '\0' && (m = memchr(from, *p, sizeof from - 1)) != NULL) {
        out[0] = (unsigned char) to[m - from];
        return 1;
    }
    if (is_nl(*p)) {
        *pp = skip_nl(p, end, &v);
        out[0] = '\n';
        return 1;
    }
    if (*p == 'z') {
        for (p++; p < end && isspace((unsigned char) *p); p++)
            ;
        *pp = p;
        return 0;
    }
    if (*p == 'x') {
        if (end - p < 3 || !isxdigit((unsigned char) p[1]) || !isxdigit((unsigned char) p[2]))
            return -1;
        out[0] = (unsigned char) (hex(p[1]) * 16 + hex(p[2]));
        *pp = p + 3;
        return 1;
    }
    if (*p == 'u') {
        *pp = p + 1;
        return escape_u(pp, end, out);
    }
    while (k < 3 && p < end && isdigit((unsigned char) *p))
        v = v * 10 + (*p++ - '0'), k++;
    if (k == 0 || v > 255)
        return -1;
    out[0] = (unsigned char) v;
    *pp = p;
    return 1;
}

/* Decodes the string token @t into @out (room for t->len bytes: decoding
 * never grows).  Returns the length, or NONE (an escape Lua rejects). */
static size_t
decode(const Tok *t, char *out)
{
    const char *p = t->s, *end = t->s + t->len;
    size_t n = 0;

    while (p < end) {
        unsigned char c[8];
        int k = next_char(&p, end, c);

        if (k < 0)
            return NONE;
        memcpy(out + n, c, (size_t) k);
        n += (size_t) k;
    }
    return n;
}

/* The string literal @t equals the @vlen bytes at @value. */
static int
str_eq(const Tok *t, const char *value, size_t vlen)
{
    const char *p = t->s, *end = t->s + t->len;
    size_t i = 0;

    if (t->type != TK_STRING)
        return 0;
    if (t->long_str)
        return vlen == t->len && memcmp(t->s, value, vlen) == 0;
    while (p < end) {
        unsigned char c[8];
        int k = next_char(&p, end, c);

        if (k < 0 || (size_t) k > vlen - i || memcmp(c, value + i, (size_t) k) != 0)
            return 0;
        i += (size_t) k;
    }
    return i == vlen;
}

static int
name_eq(const Tok *t, const char *name)
{
    return t->type == TK_NAME && strlen(name) == t->len && memcmp(t->s, name, t->len) == 0;
}

static int
is_ch(const Tok *t, char c)
{
    return t->type == TK_OTHER && t->ch == c;
}

/* --- the index ------------------------------------------------------------ */

typedef struct {
    const char *key;          /* decoded key: into the text or the arena */
    size_t klen, key_at;      /* key_at: arena offset while building */
    size_t parent;            /* the '{' of which it is a top-level item, or NONE */
    size_t key_off, val_off;  /* the key's first token; the value's */
    int key_line, val_line;
    int in_arena, val_table;  /* the value is a constructor */
} Entry;

struct LxIndex {
    const char *src;
    size_t len;
    Entry *e;
    size_t n, cap;
    Entry **by_key;           /* all, by key then offset */
    Entry **by_parent;        /* table items, by constructor, key, offset */
    size_t n_parent;
    char *arena;
    size_t arena_len, arena_cap;
    size_t ret_off;           /* the '{' of the last `return {`, or NONE */
    int ret_line;
    LxIndex *next;            /* kept for this thread (lx_index_keep) */
};

typedef struct {
    size_t brace;             /* offset of the opening bracket */
    int is_table, item_start;
} Frame;

static int
grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap ? *cap : 64;
    void *q;

    while (c < need)
        c *= 2;
    if (c == *cap)
        return 0;
    if ((q = realloc(*p, c * size)) == NULL)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* Adds `k =` (key token @k, first token @first, value token @v). */
static int
add_entry(LxIndex *ix, const Tok *k, const Tok *first, const Tok *v, size_t parent)
{
    Entry *e;

    if (ix->n >= MAX_ENTRIES || grow((void **) &ix->e, &ix->cap, ix->n + 1, sizeof *e) != 0)
        return -1;
    e = &ix->e[ix->n];
    memset(e, 0, sizeof *e);
    e->klen = k->len;
    e->key = k->s;
    if (k->type == TK_STRING && !k->long_str && memchr(k->s, '\\', k->len) != NULL) {
        if (grow((void **) &ix->arena, &ix->arena_cap, ix->arena_len + k->len + 1, 1) != 0)
            return -1;
        e->klen = decode(k, ix->arena + ix->arena_len);
        if (e->klen == NONE)
            return 0;                 /* Lua rejects the file: not a key */
        e->in_arena = 1;
        e->key_at = ix->arena_len;
        ix->arena_len += e->klen;
    }
    e->parent = parent;
    e->key_off = (size_t) (first->start - ix->src);
    e->key_line = first->line;
    e->val_off = (size_t) (v->start - ix->src);
    e->val_line = v->line;
    e->val_table = is_ch(v, '{');
    ix->n++;
    return 0;
}

/* Records @t if it starts `NAME =` or `[STRING] =` (@lx after @t). */
static int
index_token(LxIndex *ix, Lex la, const Tok *t, size_t parent)
{
    Tok k = *t, a, b, v;

    if (t->type == TK_NAME) {
        lex_next(&la, &a);
        if (!is_ch(&a, '='))
            return 0;
    } else if (is_ch(t, '[')) {
        lex_next(&la, &k);
        lex_next(&la, &a);
        lex_next(&la, &b);
        if (k.type != TK_STRING || !is_ch(&a, ']') || !is_ch(&b, '='))
            return 0;
    } else {
        return 0;
    }
    lex_next(&la, &v);
    return add_entry(ix, &k, t, &v, parent);
}

/* One token of the walk: records it, follows the brackets. */
static int
index_step(LxIndex *ix, Frame *fr, int *depth, const Lex *lx, const Tok *t)
{
    Frame *top = *depth > 0 ? &fr[*depth - 1] : NULL;
    size_t parent = top != NULL && top->is_table && top->item_start ? top->brace : NONE;

    if (top != NULL)
        top->item_start = 0;
    if (index_token(ix, *lx, t, parent) != 0)
        return -1;
    if (name_eq(t, "return")) {
        Lex la = *lx;
        Tok b;

        lex_next(&la, &b);
        if (is_ch(&b, '{')) {
            ix->ret_off = (size_t) (b.start - ix->src);
            ix->ret_line = b.line;
        }
    }
    if (t->type != TK_OTHER)
        return 0;
    if (t->ch == '{' || t->ch == '(' || t->ch == '[') {
        if (*depth == MAX_DEPTH)
            return -1;
        fr[(*depth)++] = (Frame) { (size_t) (t->start - ix->src), t->ch == '{', 1 };
    } else if (t->ch == '}' || t->ch == ')' || t->ch == ']') {
        if (*depth > 0)
            (*depth)--;
    } else if ((t->ch == ',' || t->ch == ';') && top != NULL && top->is_table) {
        top->item_start = 1;
    }
    return 0;
}

static int
cmp_bytes(const char *a, size_t na, const char *b, size_t nb)
{
    int c = na && nb ? memcmp(a, b, na < nb ? na : nb) : 0;

    return c != 0 ? c : (na > nb) - (na < nb);
}

static int
cmp_key(const void *x, const void *y)
{
    const Entry *a = *(Entry *const *) x, *b = *(Entry *const *) y;
    int c = cmp_bytes(a->key, a->klen, b->key, b->klen);

    return c != 0 ? c : (a->key_off > b->key_off) - (a->key_off < b->key_off);
}

static int
cmp_parent(const void *x, const void *y)
{
    const Entry *a = *(Entry *const *) x, *b = *(Entry *const *) y;

    if (a->parent != b->parent)
        return a->parent < b->parent ? -1 : 1;
    return cmp_key(x, y);
}

/* Resolves the arena keys and sorts the two views. */
static int
index_finish(LxIndex *ix)
{
    size_t n = ix->n ? ix->n : 1;

    ix->by_key = malloc(n * sizeof *ix->by_key);
    ix->by_parent = malloc(n * sizeof *ix->by_parent);
    if (ix->by_key == NULL || ix->by_parent == NULL)
        return -1;
    for (size_t i = 0; i < ix->n; i++) {
        Entry *e = &ix->e[i];

        if (e->in_arena)
            e->key = ix->arena + e->key_at;
        ix->by_key[i] = e;
        if (e->parent != NONE)
            ix->by_parent[ix->n_parent++] = e;
    }
    qsort(ix->by_key, ix->n, sizeof *ix->by_key, cmp_key);
    qsort(ix->by_parent, ix->n_parent, sizeof *ix->by_parent, cmp_parent);
    return 0;
}

LxIndex *
lx_index_new(const char *src, size_t len)
{
    LxIndex *ix = calloc(1, sizeof *ix);
    Frame *fr = malloc(MAX_DEPTH * sizeof *fr);
    Lex lx = { src, src + len, 1 };
    int depth = 0, ok = ix != NULL && fr != NULL && src != NULL;
    Tok t;

    if (ok) {
        ix->src = src;
        ix->len = len;
        ix->ret_off = NONE;
    }
    while (ok) {
        lex_next(&lx, &t);
        if (t.type == TK_EOF)
            break;
        ok = index_step(ix, fr, &depth, &lx, &t) == 0;
    }
    free(fr);
    if (!ok || index_finish(ix) != 0) {
        lx_index_free(ix);
        return NULL;
    }
    return ix;
}

void
lx_index_free(LxIndex *ix)
{
    if (ix == NULL)
        return;
    free(ix->e);
    free(ix->by_key);
    free(ix->by_parent);
    free(ix->arena);
    free(ix);
}

/* Indexes kept by lx_index_keep on this thread (a few at most). */
static _Thread_local LxIndex *kept;

int
lx_index_keep(const LxDoc *doc)
{
    LxIndex *ix = lx_index_new(doc->src, doc->len);

    if (ix == NULL)
        return -1;
    ix->next = kept;
    kept = ix;
    return 0;
}

void
lx_index_drop(const LxDoc *doc)
{
    for (LxIndex **p = &kept; *p != NULL; p = &(*p)->next) {
        if ((*p)->src == doc->src && (*p)->len == doc->len) {
            LxIndex *ix = *p;

            *p = ix->next;
            lx_index_free(ix);
            return;
        }
    }
}

/* --- path components -------------------------------------------------- */

#define MAX_COMPS 16

typedef struct {
    int is_index, too_long;   /* a truncated key must match nothing */
    long index;
    size_t len;
    char key[128];
} Comp;

/* Appends *p to @c's key. */
static void
comp_add(Comp *c, char ch)
{
    if (c->len + 1 < sizeof c->key)
        c->key[c->len++] = ch;
    else
        c->too_long = 1;
}

static int
parse_path(const char *path, Comp *comps)
{
    int n = 0;
    const char *p = path;

    while (*p != '\0' && n < MAX_COMPS) {
        Comp *c = &comps[n];

        memset(c, 0, sizeof *c);
        if (*p == '.') {
            p++;
            continue;
        }
        if (p[0] == '[' && p[1] == '"') {
            for (p += 2; *p != '\0' && !(p[0] == '"' && p[1] == ']'); p++)
                comp_add(c, *p);
            if (*p != '\0')
                p += 2;
        } else if (*p == '[') {
            c->is_index = 1;
            c->index = strtol(p + 1, (char **) &p, 10);
            if (*p == ']')
                p++;
        } else {
            for (; *p != '\0' && *p != '.' && *p != '['; p++)
                comp_add(c, *p);
        }
        n++;
    }
    return n;
}

/* --- lookups ------------------------------------------------------------ */

typedef struct {
    size_t off;
    int line;
} Pos;

static Lex
lex_at(const LxIndex *ix, Pos at)
{
    return (Lex) { ix->src + at.off, ix->src + ix->len, at.line };
}

/* The first `key =` at or after offset @from. */
static const Entry *
find_anywhere(const LxIndex *ix, const Comp *c, size_t from)
{
    size_t lo = 0, hi = ix->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Entry *e = ix->by_key[mid];
        int d = cmp_bytes(e->key, e->klen, c->key, c->len);

        if (d < 0 || (d == 0 && e->key_off < from))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ix->n && cmp_bytes(ix->by_key[lo]->key, ix->by_key[lo]->klen, c->key, c->len) == 0)
        return ix->by_key[lo];
    return NULL;
}

/* The last top-level `key =` of the constructor whose '{' is at @brace:
 * the one Lua keeps. */
static const Entry *
find_keyed(const LxIndex *ix, size_t brace, const Comp *c)
{
    size_t lo = 0, hi = ix->n_parent;
    const Entry *e;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d;

        e = ix->by_parent[mid];
        d = e->parent != brace ? (e->parent < brace ? -1 : 1)
                               : cmp_bytes(e->key, e->klen, c->key, c->len);
        if (d <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    e = ix->by_parent[lo - 1];
    return e->parent == brace && cmp_bytes(e->key, e->klen, c->key, c->len) == 0 ? e : NULL;
}

/* The @index-th positional item at the top level of the constructor
 * whose content starts at @lx. */
static int
find_item(Lex lx, long index, Tok *item)
{
    int depth = 0, item_start = 1;
    long count = 0;
    Tok t, eq;

    for (;;) {
        lex_next(&lx, &t);
        if (t.type == TK_EOF)
            return 0;
        if (depth == 0 && item_start) {
            Lex la = lx;
            int keyed = is_ch(&t, '[');

            item_start = 0;
            if (t.type == TK_NAME) {
                lex_next(&la, &eq);
                keyed = is_ch(&eq, '=');
            }
            if (!keyed && !is_ch(&t, '}') && ++count == index) {
                *item = t;
                return 1;
            }
        }
        if (t.type != TK_OTHER)
            continue;
        if (t.ch == '{' || t.ch == '(' || t.ch == '[')
            depth++;
        else if ((t.ch == '}' || t.ch == ')' || t.ch == ']') && depth-- == 0)
            return 0;
        else if ((t.ch == ',' || t.ch == ';') && depth == 0)
            item_start = 1;
    }
}

/* One path component: in the constructor at @scope (NULL: none), else
 * `key =` anywhere from offset @from (NONE: not).  Sets the key's and the
 * value's positions and whether the value is a constructor. */
static int
step(const LxIndex *ix, const Comp *c, const Pos *scope, size_t from, Pos *key, Pos *val,
     int *table)
{
    const Entry *e = NULL;

    if (c->is_index) {
        Lex lx;
        Tok t;

        if (scope == NULL)
            return 0;
        lx = lex_at(ix, *scope);
        lex_next(&lx, &t);                         /* the '{' */
        if (!find_item(lx, c->index, &t))
            return 0;
        *key = *val = (Pos) { (size_t) (t.start - ix->src), t.line };
        *table = is_ch(&t, '{');
        return 1;
    }
    if (c->too_long)
        return 0;
    if (scope != NULL)
        e = find_keyed(ix, scope->off, c);
    if (e == NULL && from != NONE)
        e = find_anywhere(ix, c, from);
    if (e == NULL)
        return 0;
    *key = (Pos) { e->key_off, e->key_line };
    *val = (Pos) { e->val_off, e->val_line };
    *table = e->val_table;
    return 1;
}

/* A string literal equal to @value in the value starting at @lx (up to
 * the end of that value, or of the constructor when @whole). */
static int
find_string_at(Lex *lxp, const char *value, int whole, Tok *out)
{
    size_t vlen = strlen(value);
    int depth = 0;
    Tok t;

    for (;;) {
        lex_next(lxp, &t);
        if (t.type == TK_EOF)
            return 0;
        if (str_eq(&t, value, vlen)) {
            *out = t;
            return 1;
        }
        if (t.type != TK_OTHER)
            continue;
        if (t.ch == '{' || t.ch == '(' || t.ch == '[') {
            depth++;
        } else if (t.ch == '}' || t.ch == ')' || t.ch == ']') {
            if (depth == 0)
                return 0;
            if (--depth == 0 && !whole)
                return 0;
        } else if ((t.ch == ',' || t.ch == ';') && depth == 0 && !whole) {
            return 0;
        }
    }
}

/* @value as a literal: in the value at @val when the path was followed to
 * its end (@done), else in the deepest constructor @scope, else once in
 * the whole text.  Updates *found. */
static void
find_value(const LxIndex *ix, const char *value, int done, const Pos *val, const Pos *scope,
           Pos *found)
{
    Lex lx;
    Tok t, first;
    int count = 0;

    if (done) {
        lx = lex_at(ix, *val);
        if (find_string_at(&lx, value, 0, &t))
            *found = (Pos) { (size_t) (t.start - ix->src), t.line };
        return;
    }
    if (scope != NULL) {
        lx = lex_at(ix, *scope);
        lex_next(&lx, &t);                         /* the '{' */
        if (find_string_at(&lx, value, 1, &t)) {
            *found = (Pos) { (size_t) (t.start - ix->src), t.line };
            return;
        }
    }
    /* A literal that occurs once in the whole file is a better pointer
     * than the deepest key. */
    lx = (Lex) { ix->src, ix->src + ix->len, 1 };
    while (count < 2 && find_string_at(&lx, value, 1, &t))
        if (count++ == 0)
            first = t;
    if (count == 1)
        *found = (Pos) { (size_t) (first.start - ix->src), first.line };
}

static int
locate(const LxIndex *ix, const char *path, const char *value, size_t *offset)
{
    Comp comps[MAX_COMPS];
    int n = path != NULL ? parse_path(path, comps) : 0, i, have_scope = ix->ret_off != NONE;
    Pos scope = { ix->ret_off, ix->ret_line }, val = { 0, 1 }, key, found = { NONE, 0 };

    for (i = 0; i < n; i++) {
        size_t from = i == 0 ? 0 : !have_scope ? val.off : NONE;
        int table;

        if (!step(ix, &comps[i], have_scope ? &scope : NULL, from, &key, &val, &table))
            break;
        found = key;
        have_scope = table;
        if (table)
            scope = val;
    }
    if (value != NULL && n > 0)
        find_value(ix, value, i == n, &val, i > 0 && have_scope ? &scope : NULL, &found);
    if (offset != NULL)
        *offset = found.off;
    return found.off != NONE ? found.line : 0;
}

int
lx_locate(const LxDoc *doc, const char *path, const char *value, size_t *offset)
{
    const LxIndex *ix = NULL;
    LxIndex *own = NULL;
    int line;

    if (offset != NULL)
        *offset = NONE;
    if (doc->src == NULL)
        return 0;
    for (const LxIndex *k = kept; k != NULL && ix == NULL; k = k->next)
        if (k->src == doc->src && k->len == doc->len)
            ix = k;
    if (ix == NULL && (ix = own = lx_index_new(doc->src, doc->len)) == NULL)
        return 0;
    line = locate(ix, path, value, offset);
    lx_index_free(own);
    return line;
}

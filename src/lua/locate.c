/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the line of a value in a study or data file.
 *
 * Lua tables carry no line numbers, so an error about a value found while
 * walking the returned table is located in the source text after the
 * fact, best effort.  A small Lua lexer (comments, short and long strings,
 * numbers, names, brackets) walks the path through the table
 * constructors:
 *   - the first key is looked for at the top level of the last
 *     `return {` constructor, else as `key =` anywhere in the file;
 *   - a key `k` is `k =` or `["k"] =` at the top level of the constructor
 *     that is the value of the previous component; an index `[n]` is the
 *     n-th positional item of it (keyed items do not count);
 *   - a string value, when given, is then looked for as a literal in what
 *     was found (or, if the path could not be followed to its end, in the
 *     deepest constructor reached, else anywhere in the file if it occurs
 *     there exactly once).
 * A file that builds its tables in code (variables, loops, functions)
 * defeats this; the message then has the line of the deepest component
 * found, or no line at all.  Pure C: never raises, never allocates. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lexopk-private.h"

enum { TK_EOF, TK_NAME, TK_STRING, TK_NUMBER, TK_OTHER };

typedef struct {
    const char *p, *end;
    int line;
} Lex;

typedef struct {
    int type;
    const char *s;            /* name, string content (escaped), or the char */
    size_t len;
    int line;
    int long_str;             /* string without escapes ([[...]]) */
    char ch;                  /* TK_OTHER: the character; 'E' for == ~= <= >= */
} Tok;

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

    if (p < lx->end && *p == '\r')
        p++;
    if (p < lx->end && *p == '\n')
        p++, lx->line++;
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
        if (*p == '\n')
            lx->line++;
        p++;
    }
    *content = start;
    *len = (size_t) (p - start);
    lx->p = p;
}

static void
lex_next(Lex *lx, Tok *t)
{
    const char *p;

    memset(t, 0, sizeof *t);
    for (;;) {
        while (lx->p < lx->end && isspace((unsigned char) *lx->p)) {
            if (*lx->p == '\n')
                lx->line++;
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
                while (lx->p < lx->end && *lx->p != '\n')
                    lx->p++;
            }
            continue;
        }
        break;
    }
    t->line = lx->line;
    p = lx->p;
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
            else if ((*p == '+' || *p == '-') && strchr("eEpP", p[-1]) != NULL)
                p++;
            else
                break;
        }
        t->len = (size_t) (p - t->s);
        lx->p = p;
        return;
    }
    if (*p == '"' || *p == '\'') {
        char q = *p++;

        t->type = TK_STRING;
        t->s = p;
        while (p < lx->end && *p != q && *p != '\n') {
            if (*p == '\\' && p + 1 < lx->end) {
                p++;
                if (*p == '\n')
                    lx->line++;
            }
            p++;
        }
        t->len = (size_t) (p - t->s);
        lx->p = p < lx->end && *p == q ? p + 1 : p;
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
    if (p + 1 < lx->end && p[1] == '=' && strchr("=~<>", *p) != NULL) {
        t->ch = 'E';
        t->len = 2;
    }
    lx->p = p + t->len;
}

/* The string literal @t equals @value (simple escapes decoded; a literal
 * with other escapes never matches). */
static int
str_eq(const Tok *t, const char *value)
{
    const char *p = t->s, *end = t->s + t->len;
    const char *v = value;

    if (t->type != TK_STRING)
        return 0;
    if (t->long_str)
        return strlen(value) == t->len && memcmp(t->s, value, t->len) == 0;
    while (p < end) {
        char c = *p++;

        if (c == '\\') {
            if (p >= end)
                return 0;
            switch (*p++) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case '\\': c = '\\'; break;
            case '"': c = '"'; break;
            case '\'': c = '\''; break;
            default: return 0;
            }
        }
        if (*v++ != c)
            return 0;
    }
    return *v == '\0';
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

/* --- path components -------------------------------------------------- */

#define MAX_COMPS 16

typedef struct {
    int is_index;
    long index;
    char key[128];
} Comp;

static int
parse_path(const char *path, Comp *comps)
{
    int n = 0;
    const char *p = path;

    while (*p != '\0' && n < MAX_COMPS) {
        Comp *c = &comps[n];
        size_t len = 0;

        memset(c, 0, sizeof *c);
        if (*p == '.') {
            p++;
            continue;
        }
        if (p[0] == '[' && p[1] == '"') {
            p += 2;
            while (*p != '\0' && !(p[0] == '"' && p[1] == ']')) {
                if (len + 1 < sizeof c->key)
                    c->key[len++] = *p;
                p++;
            }
            if (*p != '\0')
                p += 2;
        } else if (*p == '[') {
            c->is_index = 1;
            c->index = strtol(p + 1, (char **) &p, 10);
            if (*p == ']')
                p++;
        } else {
            while (*p != '\0' && *p != '.' && *p != '[') {
                if (len + 1 < sizeof c->key)
                    c->key[len++] = *p;
                p++;
            }
        }
        n++;
    }
    return n;
}

/* In the constructor whose '{' was just read (lx after it), finds @c at its
 * top level.  On success *key gets the key token (or the item's first
 * token) and *value a lexer positioned before the value. */
static int
find_in_table(Lex lx, const Comp *c, Tok *key, Lex *value)
{
    int depth = 0, item_start = 1;
    long item = 0;
    Tok t;

    for (;;) {
        Lex before = lx;

        lex_next(&lx, &t);
        if (t.type == TK_EOF)
            return 0;
        if (depth == 0 && item_start) {
            int keyed = 0;

            item_start = 0;
            if (t.type == TK_NAME) {
                Lex la = lx;
                Tok eq;

                lex_next(&la, &eq);
                if (is_ch(&eq, '=')) {
                    keyed = 1;
                    if (!c->is_index && name_eq(&t, c->key)) {
                        *key = t;
                        *value = la;
                        return 1;
                    }
                }
            } else if (is_ch(&t, '[')) {
                Lex la = lx;
                Tok k, rb, eq;

                keyed = 1;
                lex_next(&la, &k);
                lex_next(&la, &rb);
                lex_next(&la, &eq);
                if (!c->is_index && str_eq(&k, c->key) && is_ch(&rb, ']') && is_ch(&eq, '=')) {
                    *key = t;
                    *value = la;
                    return 1;
                }
            }
            if (!keyed && !is_ch(&t, '}') && ++item == c->index && c->is_index) {
                *key = t;
                *value = before;
                return 1;
            }
        }
        if (t.type != TK_OTHER)
            continue;
        if (t.ch == '{' || t.ch == '(' || t.ch == '[') {
            depth++;
        } else if (t.ch == '}' || t.ch == ')' || t.ch == ']') {
            if (depth == 0)
                return 0;
            depth--;
        } else if ((t.ch == ',' || t.ch == ';') && depth == 0) {
            item_start = 1;
        }
    }
}

/* `key =` or `["key"] =` anywhere from @lx on. */
static int
find_anywhere(Lex lx, const Comp *c, Tok *key, Lex *value)
{
    Tok t;

    if (c->is_index)
        return 0;
    for (;;) {
        lex_next(&lx, &t);
        if (t.type == TK_EOF)
            return 0;
        if (name_eq(&t, c->key) || is_ch(&t, '[')) {
            Lex la = lx;
            Tok a, b, eq;

            lex_next(&la, &a);
            if (name_eq(&t, c->key) && is_ch(&a, '=')) {
                *key = t;
                *value = la;
                return 1;
            }
            if (is_ch(&t, '[') && str_eq(&a, c->key)) {
                lex_next(&la, &b);
                lex_next(&la, &eq);
                if (is_ch(&b, ']') && is_ch(&eq, '=')) {
                    *key = t;
                    *value = la;
                    return 1;
                }
            }
        }
    }
}

/* A string literal equal to @value in the value starting at @lx (up to
 * the end of that value, or of the constructor when @whole). */
static int
find_string_at(Lex *lxp, const char *value, int whole, Tok *out)
{
    int depth = 0;
    Tok t;

    for (;;) {
        lex_next(lxp, &t);
        if (t.type == TK_EOF)
            return 0;
        if (str_eq(&t, value)) {
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

static int
find_string(Lex lx, const char *value, int whole, Tok *out)
{
    return find_string_at(&lx, value, whole, out);
}

int
lx_locate(const LxDoc *doc, const char *path, const char *value, size_t *offset)
{
    Comp comps[MAX_COMPS];
    int n = path != NULL ? parse_path(path, comps) : 0;
    Lex lx = { doc->src, doc->src + doc->len, 1 }, scope, val;
    int have_scope = 0, found_line = 0, i;
    Tok t, key;
    const char *found_at = NULL;

    if (offset != NULL)
        *offset = (size_t) -1;
    if (doc->src == NULL)
        return 0;
    /* The last `return {` of the file is the returned table. */
    for (;;) {
        lex_next(&lx, &t);
        if (t.type == TK_EOF)
            break;
        if (name_eq(&t, "return")) {
            Lex la = lx;
            Tok b;

            lex_next(&la, &b);
            if (is_ch(&b, '{')) {
                scope = la;
                have_scope = 1;
            }
        }
    }
    lx = (Lex) { doc->src, doc->src + doc->len, 1 };
    for (i = 0; i < n; i++) {
        int ok = have_scope ? find_in_table(scope, &comps[i], &key, &val) : 0;

        if (!ok && (i == 0 || !have_scope))
            ok = find_anywhere(i == 0 ? lx : val, &comps[i], &key, &val);
        if (!ok)
            break;
        found_line = key.line;
        found_at = key.s;
        /* The value: a constructor to descend into, or not. */
        {
            Lex la = val;
            Tok b;

            lex_next(&la, &b);
            have_scope = is_ch(&b, '{');
            if (have_scope)
                scope = la;
        }
    }
    if (value != NULL) {
        if (i == n && n > 0 && find_string(val, value, 0, &t)) {
            found_line = t.line;
            found_at = t.s;
        } else if (i < n && i > 0 && have_scope && find_string(scope, value, 1, &t)) {
            found_line = t.line;
            found_at = t.s;
        } else if (i < n) {
            /* Not followed to its end: a literal that occurs once in the
             * whole file is a better pointer than the deepest key. */
            Lex all = lx;
            Tok first;
            int count = 0;

            while (count < 2 && find_string_at(&all, value, 1, &t))
                if (count++ == 0)
                    first = t;
            if (count == 1) {
                found_line = first.line;
                found_at = first.s;
            }
        }
    }
    if (offset != NULL && found_at != NULL)
        *offset = (size_t) (found_at - doc->src);
    return found_line;
}

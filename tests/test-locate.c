/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The error locator: hand-written sources whose lines are known; bounded
 * reads (exact-size buffers, raw NUL bytes); the last of a duplicated key;
 * Lua's line breaks; many lookups in a large file stay linear. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lexopk-private.h"

#define N(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* The line of @path (and @value) in the @len bytes of @text, copied into
 * an exact-size buffer so that a sanitizer sees any read past it. */
static int
line_of(const char *text, size_t len, const char *path, const char *value)
{
    char *src = malloc(len ? len : 1), *v = NULL;
    LxDoc doc = { "t.lua", src, len, NULL };
    size_t off;
    int line, kept;

    ck_assert_ptr_nonnull(src);
    memcpy(src, text, len);
    if (value != NULL) {
        v = malloc(strlen(value) + 1);
        ck_assert_ptr_nonnull(v);
        strcpy(v, value);
    }
    line = lx_locate(&doc, path, v, &off);
    ck_assert(line == 0 ? off == (size_t) -1 : off < len);
    /* A kept index answers the same. */
    ck_assert_int_eq(lx_index_keep(&doc), 0);
    kept = lx_locate(&doc, path, v, NULL);
    lx_index_drop(&doc);
    ck_assert_int_eq(kept, line);
    free(v);
    free(src);
    return line;
}

#define LINE(text, path, value) line_of(text, sizeof(text) - 1, path, value)

typedef struct {
    const char *src;
    const char *path, *value;
    int line;
} Case;

/* --- paths in ordinary files --------------------------------------------- */

static const char study[] =
    "-- a study\n"                                     /* 1 */
    "local unused = { arms = 1 }\n"                    /* 2 */
    "return {\n"                                       /* 3 */
    "  name = \"demo\",\n"                             /* 4 */
    "  formulations = {\n"                             /* 5 */
    "    x = { carrier = 'hek', cargo = {\n"           /* 6 */
    "      { agent = \"dox\", offered = \"1 mg\" },\n" /* 7 */
    "      { agent = \"mir\", offered = \"2 mg\" },\n" /* 8 */
    "    } },\n"                                       /* 9 */
    "  },\n"                                           /* 10 */
    "  [\"arms\"] = {\n"                               /* 11 */
    "    a = { give = \"x\", doses = { 1, 2,\n"        /* 12 */
    "                                  3 } },\n"       /* 13 */
    "    [\"b.c\"] = { give = \"dox\" },\n"            /* 14 */
    "    [ [[d]] ] = { give = \"y\\x41\" },\n"         /* 15 */
    "  },\n"                                           /* 16 */
    "}\n";                                             /* 17 */

static const Case paths[] = {
    { study, "name", NULL, 4 },
    { study, "arms", NULL, 11 },                  /* the returned table, not line 2 */
    { study, "formulations.x.cargo[2].agent", NULL, 8 },
    { study, "formulations.x.cargo[2]", "mir", 8 },
    { study, "formulations.x.cargo[1].offered", NULL, 7 },
    { study, "arms.a.doses[3]", NULL, 13 },
    { study, "arms.a.give", "x", 12 },
    { study, "arms[\"b.c\"].give", NULL, 14 },
    { study, "arms.d.give", "yA", 15 },           /* \x41 decoded */
    { study, "arms.a.nothing", NULL, 12 },        /* the deepest component found */
    { study, "arms.zz", "dox", 14 },              /* in the deepest constructor */
    { study, "nothing", NULL, 0 },
    { "x = 1\ny = { z = 2 }\n", "y.z", NULL, 2 }, /* no return table: anywhere */
    { "return {\n a = { [\"k\\65y\"] = 1 },\n}", "a.kAy", NULL, 2 },
    { "return {\n a = { [\"k\\u{e9}\"] = 1 },\n}", "a.k\xc3\xa9", NULL, 2 },
};

START_TEST(locate_paths)
{
    const Case *c = &paths[_i];

    ck_assert_msg(line_of(c->src, strlen(c->src), c->path, c->value) == c->line,
                  "%s: line %d", c->path, c->line);
}
END_TEST

/* --- bounded reads ------------------------------------------------------ */

/* A raw NUL inside a literal: "x<NUL>" is not "x" (the old compare ran
 * past the end of the value's string). */
START_TEST(nul_in_literal)
{
    static const char src[] = "return {\n  a = {\n    \"x\0\",\n    \"x\",\n  },\n}\n";

    ck_assert_int_eq(LINE(src, "a", "x"), 4);
    ck_assert_int_eq(LINE(src, "a.nothing", "x"), 4);
}
END_TEST

/* Texts cut anywhere, in exact-size buffers: every read stays inside. */
START_TEST(truncated_texts)
{
    static const char src[] =
        "return { a = 'q\\\"\\z \n x', [\"b\\\n\"] = [==[ ]] ]==], --[[ c ]] -- d\n"
        "  e = { 1, \"\\x4\", \"\\u{110000\", 0x1p-2, '\\300' }, f = \"\0\" }";

    for (size_t n = 0; n <= sizeof src - 1; n++) {
        ck_assert_int_ge(line_of(src, n, "e[2]", "x"), 0);
        ck_assert_int_ge(line_of(src, n, "f", "\\"), 0);
    }
    ck_assert_int_eq(LINE(src, "e[3]", NULL), 4);
    ck_assert_int_eq(LINE(src, "f", NULL), 4);
}
END_TEST

/* --- duplicated keys: Lua keeps the last -------------------------------- */

static const char dup[] =
    "return {\n"                                       /* 1 */
    "  horizon = \"1 d\",\n"                           /* 2 */
    "  arms = { a = { give = \"x\" } },\n"             /* 3 */
    "  horizon = \"2 d\",\n"                           /* 4 */
    "  arms = {\n"                                     /* 5 */
    "    a = { give = \"y\" },\n"                      /* 6 */
    "    [\"a\"] = { give = \"z\" },\n"                /* 7 */
    "  },\n"                                           /* 8 */
    "}\n";                                             /* 9 */

static const Case dups[] = {
    { dup, "horizon", NULL, 4 },
    { dup, "horizon", "2 d", 4 },
    { dup, "arms", NULL, 5 },
    { dup, "arms.a", NULL, 7 },
    { dup, "arms.a.give", NULL, 7 },
    { dup, "arms.a.give", "z", 7 },
};

START_TEST(duplicated_keys)
{
    const Case *c = &dups[_i];

    ck_assert_msg(LINE(dup, c->path, c->value) == c->line, "%s: line %d", c->path, c->line);
}
END_TEST

/* --- line breaks as Lua counts them ------------------------------------- */

/* Each line was checked against lua5.4's own: the same text with "b = = 2"
 * gives "t:LINE: unexpected symbol near '='". */

static const Case breaks[] = {
    { "return {\r  a = 1,\r  b = 2,\r}", "b", NULL, 3 },
    { "return {\r\n  a = 1,\r\n  b = 2,\r\n}", "b", NULL, 3 },
    { "return {\n\r  a = 1,\n\r  b = 2,\n\r}", "b", NULL, 3 },
    { "return {\n\n  a = 1,\r\r  b = 2,\r}", "b", NULL, 5 },
    { "return {\r\n\r\n a = 1 }", "a", NULL, 3 },
    { "return { -- c\r a = [[\rx\ry\r\n]], b = 'p\\\rq', c = 'r\\z\r\n\r  s', d = 1 }",
      "d", NULL, 8 },
    { "return { a = 'p\\\rq', b = 1 }", "b", NULL, 2 },
    { "--[==[\r\r]==] return {\r b = 1 }", "b", NULL, 4 },
};

START_TEST(line_breaks)
{
    const Case *c = &breaks[_i];

    ck_assert_msg(line_of(c->src, strlen(c->src), c->path, c->value) == c->line,
                  "case %d: line %d", _i, c->line);
}
END_TEST

/* --- many lookups in a large file are linear ------------------------------ */

/* 3000 arms padded to ~3 MB: with a kept index, locating every arm lexes
 * the text once (the old locator lexed it again per key: 9 GB of text). */
START_TEST(many_lookups_linear)
{
    enum { ARMS = 3000, PAD = 1000 };
    size_t cap = (size_t) ARMS * (PAD + 100) + 100, len = 0;
    char *src = malloc(cap), path[64];
    const char *mult = getenv("CK_TIMEOUT_MULTIPLIER");
    double limit = 2.0 * (mult != NULL ? atof(mult) : 1), used;
    LxDoc doc;
    clock_t t0;

    ck_assert_ptr_nonnull(src);
    len += (size_t) sprintf(src + len, "return {\n  arms = {\n");
    for (int i = 0; i < ARMS; i++) {
        len += (size_t) sprintf(src + len, "    a%d = { give = \"x\" }, --", i);
        memset(src + len, '-', PAD);
        len += PAD;
        src[len++] = '\n';
    }
    len += (size_t) sprintf(src + len, "  },\n}\n");
    doc = (LxDoc) { "big.lua", src, len, NULL };
    t0 = clock();
    ck_assert_int_eq(lx_index_keep(&doc), 0);
    for (int i = ARMS - 1; i >= 0; i--) {
        snprintf(path, sizeof path, "arms.a%d.give", i);
        ck_assert_int_eq(lx_locate(&doc, path, "x", NULL), 3 + i);
    }
    lx_index_drop(&doc);
    used = (double) (clock() - t0) / CLOCKS_PER_SEC;
    ck_assert_msg(used < limit, "%d lookups in %zu bytes took %.2f s", ARMS, len, used);
    free(src);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("locate");
    TCase *tc = tcase_create("locate");

    tcase_add_loop_test(tc, locate_paths, 0, N(paths));
    tcase_add_test(tc, nul_in_literal);
    tcase_add_test(tc, truncated_texts);
    tcase_add_loop_test(tc, duplicated_keys, 0, N(dups));
    tcase_add_loop_test(tc, line_breaks, 0, N(breaks));
    tcase_add_test(tc, many_lookups_linear);
    suite_add_tcase(s, tc);
    return s;
}

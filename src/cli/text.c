/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CLI's output of text it does not trust, and its option parsing. */
#define _GNU_SOURCE    /* getopt_long */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk-lua.h"
#include "exopk/exopk.h"
#include "text.h"

void
cli_write_safe(const char *s, size_t n, FILE *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char) s[i];

        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            fprintf(out, "\\x%02x", c);
        } else if (c == 0xc2 && i + 1 < n && (unsigned char) s[i + 1] >= 0x80 &&
                   (unsigned char) s[i + 1] <= 0x9f) {
            fprintf(out, "\\x%02x\\x%02x", c, (unsigned char) s[++i]);
        } else {
            putc(c, out);
        }
    }
}

void
cli_printf(FILE *out, const char *fmt, ...)
{
    char small[1024], *buf = small;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t) n >= sizeof small && (buf = malloc((size_t) n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(buf, (size_t) n + 1, fmt, ap);
        va_end(ap);
    }
    if (buf == NULL) {         /* out of memory: what fitted */
        buf = small;
        n = (int) sizeof small - 1;
    }
    /* a study's text cannot start a line of its own: only the format's
     * final newline goes out as one */
    if (n > 0 && buf[n - 1] == '\n') {
        cli_write_safe(buf, (size_t) n - 1, out);
        putc('\n', out);
    } else {
        cli_write_safe(buf, (size_t) n, out);
    }
    if (buf != small)
        free(buf);
}

/* "did you mean" among the long options. */
static void
unknown_option(const char *cmd, const char *arg, const struct option *longopts)
{
    const char *names[32];
    char store[32][40], opt[64];
    size_t n = 0;
    const char *near = NULL;

    for (; longopts[n].name != NULL && n < 32; n++) {
        snprintf(store[n], sizeof store[n], "--%s", longopts[n].name);
        names[n] = store[n];
    }
    snprintf(opt, sizeof opt, "%.*s", (int) strcspn(arg, "="), arg);
    if (strncmp(opt, "--", 2) == 0 && strlen(opt) > 2)
        near = exopk_nearest_name(opt, names, n);
    cli_printf(stderr, "exopk %s: unknown option %s%s%s%s (see exopk %s --help)\n", cmd, arg,
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "", cmd);
}

int
cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
           const struct option *longopts)
{
    char opts[64];
    int c;

    snprintf(opts, sizeof opts, ":%s", shortopts);  /* ':' tells a missing value */
    opterr = 0;
    c = getopt_long(argc, argv, opts, longopts, NULL);
    if (c == '?') {
        char shrt[3] = { '-', (char) optopt, '\0' };

        unknown_option(cmd, optopt != 0 ? shrt : argv[optind - 1], longopts);
    } else if (c == ':') {
        cli_printf(stderr, "exopk %s: %s needs a value (see exopk %s --help)\n", cmd,
                   argv[optind - 1], cmd);
        c = '?';
    }
    return c;
}

int
cli_load_timeout(const char *cmd, const char *value)
{
    ExopkError err;
    char *end;
    double s = strtod(value, &end);

    if (*value == '\0' || *end != '\0' || exopk_lua_set_load_timeout(s, &err) != EXOPK_OK) {
        cli_printf(stderr, "exopk %s: --load-timeout needs seconds in (0, 86400], got \"%s\"\n",
                   cmd, value);
        return -1;
    }
    return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text of an SVG figure as <text> elements.  Cairo's SVG surface draws
 * text as glyph outlines, which an editor (Inkscape, Illustrator) cannot
 * edit and a search cannot find.  While an SVG is rendered, its cairo_t
 * carries a sink: plot_show_text() records each string with its place,
 * size, weight and colour instead of drawing it, and the writer puts them
 * after the drawing as real text (on top, as text is drawn last anyway).
 * Any other surface (PNG, PDF, the app's widget) draws the text as usual;
 * PDF keeps text as text by itself. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot-private.h"

typedef struct {
    double x, y, size, rgb[3];
    double ha;
    int bold;
    char *s;
} SvgText;

struct PlotTextSink {
    SvgText *t;
    size_t n, cap;
    int oom;
};

static const cairo_user_data_key_t sink_key;

static void
sink_destroy(void *data)
{
    PlotTextSink *sink = data;

    for (size_t i = 0; i < sink->n; i++)
        free(sink->t[i].s);
    free(sink->t);
    free(sink);
}

PlotTextSink *
plot_text_sink_attach(cairo_t *cr)
{
    PlotTextSink *sink = calloc(1, sizeof *sink);

    if (sink != NULL && cairo_set_user_data(cr, &sink_key, sink, NULL) != CAIRO_STATUS_SUCCESS) {
        free(sink);
        return NULL;
    }
    return sink;
}

void
plot_text_sink_free(PlotTextSink *sink)
{
    if (sink != NULL)
        sink_destroy(sink);
}

int
plot_text_sink_failed(const PlotTextSink *sink)
{
    return sink->oom;
}

/* The drawing state of @cr for @s at device (x, y). */
static void
record(PlotTextSink *sink, cairo_t *cr, double x, double y, const char *s, double ha)
{
    cairo_matrix_t fm;
    SvgText *t;
    double a;

    if (sink->n == sink->cap) {
        size_t cap = sink->cap ? 2 * sink->cap : 64;
        SvgText *grown = realloc(sink->t, cap * sizeof *grown);
        if (grown == NULL) {
            sink->oom = 1;
            return;
        }
        sink->t = grown;
        sink->cap = cap;
    }
    t = &sink->t[sink->n];
    if ((t->s = strdup(s)) == NULL) {
        sink->oom = 1;
        return;
    }
    cairo_user_to_device(cr, &x, &y);
    cairo_get_font_matrix(cr, &fm);
    t->x = x, t->y = y, t->ha = ha;
    t->size = fm.yy;
    t->bold = cairo_toy_font_face_get_weight(cairo_get_font_face(cr)) == CAIRO_FONT_WEIGHT_BOLD;
    if (cairo_pattern_get_rgba(cairo_get_source(cr), &t->rgb[0], &t->rgb[1], &t->rgb[2], &a)
        != CAIRO_STATUS_SUCCESS)
        t->rgb[0] = t->rgb[1] = t->rgb[2] = 0;
    sink->n++;
}

void
plot_show_text(cairo_t *cr, double x, double y, const char *s, double ha)
{
    PlotTextSink *sink = cairo_get_user_data(cr, &sink_key);
    cairo_text_extents_t e;

    if (sink != NULL) {
        record(sink, cr, x, y, s, ha);
        return;
    }
    cairo_text_extents(cr, s, &e);
    cairo_move_to(cr, x - ha * e.x_advance, y);
    cairo_show_text(cr, s);
    cairo_new_path(cr);
}

/* A percentage as cairo's SVG surface writes colours ("15%", "44.705882%"). */
static void
put_percent(FILE *fp, double v)
{
    char buf[32];
    size_t n = (size_t) snprintf(buf, sizeof buf, "%f", v * 100);

    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    fprintf(fp, "%s%%", buf);
}

void
plot_text_sink_write(const PlotTextSink *sink, FILE *fp)
{
    static const char *const anchor[3] = { "start", "middle", "end" };

    if (sink->n == 0)
        return;
    fputs("<g style=\"font-family:DejaVu Sans,Bitstream Vera Sans,Arial,sans-serif;\">\n", fp);
    for (size_t i = 0; i < sink->n; i++) {
        const SvgText *t = &sink->t[i];
        int a = t->ha < 0.25 ? 0 : t->ha < 0.75 ? 1 : 2;

        fprintf(fp, "<text x=\"%.3f\" y=\"%.3f\" text-anchor=\"%s\" style=\"font-size:%.3fpx;%s",
                t->x, t->y, anchor[a], t->size, t->bold ? "font-weight:bold;" : "");
        fputs("fill:rgb(", fp);
        for (int k = 0; k < 3; k++) {
            put_percent(fp, t->rgb[k]);
            fputs(k < 2 ? "," : ");fill-opacity:1;\">", fp);
        }
        plot_xml_escaped(fp, t->s);
        fputs("</text>\n", fp);
    }
    fputs("</g>\n", fp);
}

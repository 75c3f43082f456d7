/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the plot widget.  The figure comes from src/plot (the CLI's
 * --plot renderer); this widget adds panel selection, a hover read-out and
 * a time zoom on top. */
#ifndef EXOPK_GUI_PLOT_H
#define EXOPK_GUI_PLOT_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"

G_BEGIN_DECLS

#define EXOPK_GUI_TYPE_PLOT (exopk_gui_plot_get_type())
G_DECLARE_FINAL_TYPE(ExopkGuiPlot, exopk_gui_plot, EXOPK_GUI, PLOT, GtkBox)

GtkWidget *exopk_gui_plot_new(void);

/* Shows @results (borrowed: the array and every result must stay alive until
 * the next call or the widget's disposal; NULL entries allowed) of a study
 * titled @title, simulated up to @horizon h. */
void exopk_gui_plot_set_results(ExopkGuiPlot *plot, const char *title, ExopkResult **results,
                                size_t n, double horizon);

/* The time zoom: the plot shows [0, t1] h; 0 when not zoomed.  The
 * "zoom-changed" signal (no arguments) tells the owner to simulate that
 * window; exopk_gui_plot_reset_zoom sets 0 and emits it. */
double exopk_gui_plot_get_zoom(ExopkGuiPlot *plot);
void exopk_gui_plot_reset_zoom(ExopkGuiPlot *plot);

/* Writes the figure as shown (selected panels) to PNG/SVG/PDF. */
gboolean exopk_gui_plot_write(ExopkGuiPlot *plot, const char *path, GError **error);

/* The series names of the selected panels, NULL-terminated (g_strfreev). */
char **exopk_gui_plot_dup_selected(ExopkGuiPlot *plot);

/* Frames drawn with results so far, and the monotonic time (us) at the end
 * of the last one (for the smoke test and the latency benchmark). */
guint exopk_gui_plot_get_draw_count(ExopkGuiPlot *plot);
gint64 exopk_gui_plot_get_last_draw_end(ExopkGuiPlot *plot);
GtkWidget *exopk_gui_plot_get_area(ExopkGuiPlot *plot);
const char *exopk_gui_plot_get_readout(ExopkGuiPlot *plot);
/* Moves the hover read-out to (@x, @y) of the drawing area, as the pointer
 * does. */
void exopk_gui_plot_hover(ExopkGuiPlot *plot, double x, double y);

G_END_DECLS

#endif

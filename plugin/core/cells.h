/* cells.h
 *
 * Cells of Wireshark's statistics tables (epan/stat_tap_ui.h), for every
 * layer's tables (the views' sessions table, the payload timelines):
 * making them, changing them in place, and freeing them. A string cell
 * owns a copy of its text; "-" stands for nothing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_CELLS_H
#define XMPPWS_CELLS_H

#include <epan/packet.h>
#include <epan/stat_tap_ui.h>

stat_tap_table_item_type xmppws_cell_uint(guint value);
stat_tap_table_item_type xmppws_cell_float(double value);
stat_tap_table_item_type xmppws_cell_string(const char *value);

/* The cell (row, column) of a table. */
stat_tap_table_item_type *xmppws_cell(stat_tap_table *table, guint row, guint column);

/* Replaces a string cell's text (NULL or "" gives "-"). */
void xmppws_cell_set_string(stat_tap_table *table, guint row, guint column, const char *value);

/* TRUE when a string cell holds nothing ("-"). */
gboolean xmppws_cell_is_empty(stat_tap_table *table, guint row, guint column);

/* Adds `value` to a uint cell. */
void xmppws_cell_add(stat_tap_table *table, guint row, guint column, guint value);

/* The free and reset callbacks of a stat_tap_table_ui. */
void xmppws_cells_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *item);
void xmppws_cells_reset_table(stat_tap_table *table);

/* "2026-11-23 23:04:27.669475 UTC": an absolute time, in UTC (g_free). */
char *xmppws_cells_utc_time(const nstime_t *t);

#endif /* XMPPWS_CELLS_H */

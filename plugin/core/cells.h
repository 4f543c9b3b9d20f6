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
#include <epan/timestamp.h>

#include "compat.h"      /* XMPPWS_STATISTICS_PREFIX, for the tables' titles */

stat_tap_table_item_type xmppws_cell_uint(guint value);
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

/* An absolute time as the user chose to see times (tshark -t, the GUI's
 * View > Time Display Format), to the microsecond (g_free):
 *   UTC formats          "2026-11-23 22:31:21.006499 UTC" (u: no date,
 *                        ud: as shown, "2026/327 ..." for the day-of-year one)
 *   epoch                "1795472681.006499"
 *   every other format   local time with its zone, "2026-11-24 01:31:21.006499 MSK"
 *                        (a: no date; relative and delta formats, which have no
 *                        wall-clock time, give the date too)
 * Table rows need an absolute time: a relative one would change with the
 * reference frame the user sets. */
char *xmppws_cells_time(const nstime_t *t);

#endif /* XMPPWS_CELLS_H */

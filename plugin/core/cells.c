/* cells.c
 *
 * Cells of statistics tables (see cells.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cells.h"

stat_tap_table_item_type
xmppws_cell_uint(guint value)
{
    stat_tap_table_item_type item = { .type = TABLE_ITEM_UINT, .value.uint_value = value };
    return item;
}

stat_tap_table_item_type
xmppws_cell_string(const char *value)
{
    stat_tap_table_item_type item = { .type = TABLE_ITEM_STRING };
    item.value.string_value = g_strdup((value && *value) ? value : "-");
    return item;
}

stat_tap_table_item_type *
xmppws_cell(stat_tap_table *table, guint row, guint column)
{
    return stat_tap_get_field_data(table, row, column);
}

void
xmppws_cell_set_string(stat_tap_table *table, guint row, guint column, const char *value)
{
    stat_tap_table_item_type *item = xmppws_cell(table, row, column);

    g_free((char *)item->value.string_value);
    item->value.string_value = g_strdup((value && *value) ? value : "-");
}

gboolean
xmppws_cell_is_empty(stat_tap_table *table, guint row, guint column)
{
    const char *s = xmppws_cell(table, row, column)->value.string_value;
    return !s || g_str_equal(s, "-");
}

void
xmppws_cell_add(stat_tap_table *table, guint row, guint column, guint value)
{
    xmppws_cell(table, row, column)->value.uint_value += value;
}

void
xmppws_cells_free_item(stat_tap_table *table _U_, guint row _U_, guint column _U_, stat_tap_table_item_type *item)
{
    if (item->type == TABLE_ITEM_STRING)
        g_free((char *)item->value.string_value);
}

/* Empties a table for a retap; the table itself stays (the GUI holds it). */
void
xmppws_cells_reset_table(stat_tap_table *table)
{
    for (guint row = 0; row < table->num_elements; row++) {
        for (guint column = 0; column < table->num_fields; column++)
            xmppws_cells_free_item(table, row, column, &table->elements[row][column]);
        g_free(table->elements[row]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
}

/* The date part a time display format asks for: "%Y-%m-%d " (YMD, and
 * the formats that have no wall-clock time of their own), "%Y/%j " (day
 * of year) or none (time of day only). */
static const char *
date_format(ts_type type)
{
    switch (type) {
    case TS_ABSOLUTE:
    case TS_UTC:
        return "";
    case TS_ABSOLUTE_WITH_YDOY:
    case TS_UTC_WITH_YDOY:
        return "%Y/%j ";
    default:
        return "%Y-%m-%d ";
    }
}

static gboolean
is_utc(ts_type type)
{
    return type == TS_UTC || type == TS_UTC_WITH_YMD || type == TS_UTC_WITH_YDOY;
}

char *
xmppws_cells_time(const nstime_t *t)
{
    ts_type    type = timestamp_get_type();
    GDateTime *dt;
    char      *format, *wall, *text;

    if (type == TS_EPOCH)
        return g_strdup_printf("%" G_GINT64_FORMAT ".%06d", (gint64)t->secs, t->nsecs / 1000);
    dt = is_utc(type) ? g_date_time_new_from_unix_utc((gint64)t->secs) : g_date_time_new_from_unix_local((gint64)t->secs);
    if (!dt)
        return g_strdup("?");
    format = g_strconcat(date_format(type), "%H:%M:%S", NULL);
    wall = g_date_time_format(dt, format);
    text = g_strdup_printf("%s.%06d %s", wall ? wall : "?", t->nsecs / 1000,
                           is_utc(type) ? "UTC" : g_date_time_get_timezone_abbreviation(dt));
    g_free(wall);
    g_free(format);
    g_date_time_unref(dt);
    return text;
}

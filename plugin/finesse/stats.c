/* stats.c
 *
 * Statistics over Finesse notifications, fed by the "finesse" tap (one
 * finesse_tap_info per <Update>). Three Wireshark "stat tap tables"
 * (epan/stat_tap_ui.h): the Qt UI shows them in its simple statistics
 * dialog, tshark prints them. Their titles start with the views' prefix
 * (XMPPWS_STATISTICS_PREFIX), so the Statistics menu lists them together
 * with the XMPP sessions table:
 *
 *   Statistics > XMPP/WS Finesse Notifications        (tshark -z finesse,counts[,FILTER])
 *       updates counted per feed, per event and per agent state;
 *   Statistics > XMPP/WS Finesse Agent State Timeline (tshark -z finesse,agents[,FILTER])
 *       one table per agent: each state with its time, frame, agent id
 *       and name, previous state, pending state, reasonCodeId and the
 *       reason code's code and label;
 *   Statistics > XMPP/WS Finesse Dialog Lifecycle     (tshark -z finesse,dialogs[,FILTER])
 *       one table per dialog: each update with its time, frame, agent,
 *       event, state, addresses, participants and call variables.
 *
 * Times are absolute, in the user's time format (core/cells.h). Every row
 * names its agent: with one table the GUI shows no table title.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "layer.h"

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "cells.h"

static int finesse_tap = -1;

/* ---- the tap ------------------------------------------------------------ */

static const char *
pool_copy(packet_info *pinfo, const char *s)
{
    return s ? wmem_strdup(pinfo->pool, s) : NULL;
}

void
finesse_stats_queue(finesse_update *u)
{
    packet_info      *pinfo = u->msg.pinfo;
    finesse_tap_info *t;

    if (!have_tap_listener(finesse_tap))
        return;
    t = wmem_new(pinfo->pool, finesse_tap_info);
    *t = u->tap;
    t->event = pool_copy(pinfo, t->event);
    tap_queue_packet(finesse_tap, pinfo, t);
}

/* ---- tables --------------------------------------------------------------- */

/* The table titled "<kind> <key>" (or `kind` alone), created on first use
 * with a display filter selecting its packets when `filter_field` is set.
 * Tables keep the pointers they are given and never free them: titles and
 * filters are interned strings (one per agent, dialog or count). */
static stat_tap_table *
table_for(stat_tap_table_ui *ui, const char *kind, const char *key, const char *filter_field)
{
    char           *title = key ? g_strdup_printf("%s %s", kind, key) : g_strdup(kind);
    stat_tap_table *table = stat_tap_find_table(ui, title);

    if (!table) {
        char *filter = filter_field ? g_strdup_printf("%s == \"%s\"", filter_field, key) : NULL;
        table = stat_tap_init_table(g_intern_string(title), (int)ui->nfields, 0, g_intern_string(filter));
        stat_tap_add_table(ui, table);
        g_free(filter);
    }
    g_free(title);
    return table;
}

static void
append_row(stat_tap_table *table, stat_tap_table_item_type *row, guint n)
{
    stat_tap_init_table_row(table, table->num_elements, n, row);
}

/* Tables appear as agents, dialogs and counts do; until then the list is
 * empty, not absent (tshark's printout and the GUI's reset walk it). */
static void
tables_init(stat_tap_table_ui *ui)
{
    if (!ui->tables)
        ui->tables = g_array_new(FALSE, TRUE, sizeof(stat_tap_table *));
}

/* ---- counts ------------------------------------------------------------------ */

enum { COUNT_VALUE, COUNT_UPDATES, N_COUNT_COLUMNS };

/* Rows a count table gets before further values share one "(others)" row:
 * events and states are words a capture chooses, and each update looks
 * its row up by walking the table. Finesse itself has about a dozen. */
#define MAX_COUNT_ROWS 64

static const char others[] = "(others)";

/* Adds one to the row of `value` in the table `title`. */
static void
count(stat_tap_table_ui *ui, const char *title, const char *value)
{
    stat_tap_table *table = table_for(ui, title, NULL, NULL);

    for (guint r = 0; r < table->num_elements; r++) {
        if (g_str_equal(xmppws_cell(table, r, COUNT_VALUE)->value.string_value, value)) {
            xmppws_cell_add(table, r, COUNT_UPDATES, 1);
            return;
        }
    }
    if (table->num_elements >= MAX_COUNT_ROWS - 1 && value != others) {
        count(ui, title, others);
        return;
    }
    stat_tap_table_item_type row[] = { xmppws_cell_string(value), xmppws_cell_uint(1) };
    append_row(table, row, G_N_ELEMENTS(row));
}

static tap_packet_status
counts_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    stat_tap_table_ui      *ui = ((stat_data_t *)tapdata)->stat_tap_data;
    const finesse_tap_info *t = (const finesse_tap_info *)data;

    count(ui, "Updates by feed", finesse_feed_name(t->feed));
    count(ui, "Updates by event", t->event ? t->event : "(none)");
    if (t->state)
        count(ui, "Agent states", t->state);
    return TAP_PACKET_REDRAW;
}

/* ---- timelines: one table per agent or dialog --------------------------------- */

/* "12", or NULL when the update has no reasonCodeId. */
static char *
reason_id_text(const finesse_tap_info *t)
{
    return t->reason_code_id < 0 ? NULL : g_strdup_printf("%d", t->reason_code_id);
}

static tap_packet_status
agents_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    stat_data_t            *sd = (stat_data_t *)tapdata;
    const finesse_tap_info *t = (const finesse_tap_info *)data;
    char                   *time, *reason_id;

    if (!t->agent_id || !t->state)
        return TAP_PACKET_DONT_REDRAW;
    time = xmppws_cells_time(&pinfo->abs_ts);
    reason_id = reason_id_text(t);
    stat_tap_table_item_type row[] = {
        xmppws_cell_string(time), xmppws_cell_uint(pinfo->num), xmppws_cell_string(t->agent_id),
        xmppws_cell_string(t->agent_name), xmppws_cell_string(t->state), xmppws_cell_string(t->previous_state),
        xmppws_cell_string(t->pending_state), xmppws_cell_string(reason_id), xmppws_cell_string(t->reason_code),
    };
    g_free(reason_id);
    g_free(time);
    append_row(table_for(sd->stat_tap_data, "Agent", t->agent_id, "finesse.user.id"), row, G_N_ELEMENTS(row));
    return TAP_PACKET_REDRAW;
}

static tap_packet_status
dialogs_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    stat_data_t            *sd = (stat_data_t *)tapdata;
    const finesse_tap_info *t = (const finesse_tap_info *)data;
    guint                   n = t->dialogs ? wmem_array_get_count(t->dialogs) : 0;
    char                   *time = n ? xmppws_cells_time(&pinfo->abs_ts) : NULL;

    for (guint i = 0; i < n; i++) {
        const finesse_tap_dialog *d = (const finesse_tap_dialog *)wmem_array_index(t->dialogs, i);
        stat_tap_table_item_type row[] = {
            xmppws_cell_string(time), xmppws_cell_uint(pinfo->num), xmppws_cell_string(t->agent_id),
            xmppws_cell_string(t->agent_name), xmppws_cell_string(t->event), xmppws_cell_string(d->state),
            xmppws_cell_string(d->from), xmppws_cell_string(d->to), xmppws_cell_string(d->participants),
            xmppws_cell_string(d->variables),
        };
        append_row(table_for(sd->stat_tap_data, "Dialog", d->id ? d->id : "?", "finesse.dialog.id"), row,
                   G_N_ELEMENTS(row));
    }
    g_free(time);
    return n ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

static stat_tap_table_item count_columns[N_COUNT_COLUMNS] = {
    [COUNT_VALUE]   = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Value", "%s" },
    [COUNT_UPDATES] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Updates", "%u" },
};

static stat_tap_table_item agent_columns[] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Time", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Agent", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Name", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "State", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Was", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Pending", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Reason code id", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Reason code", "%s" },
};

static stat_tap_table_item dialog_columns[] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Time", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Agent", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Name", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Event", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "State", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "From", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "To", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Participants", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call variables", "%s" },
};

static tap_param filter_param[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE },
};

static stat_tap_table_ui counts_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, XMPPWS_STATISTICS_PREFIX "Finesse Notifications", "finesse", "finesse,counts",
    tables_init, counts_packet, xmppws_cells_reset_table, xmppws_cells_free_item, NULL,
    N_COUNT_COLUMNS, count_columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0
};

static stat_tap_table_ui agents_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, XMPPWS_STATISTICS_PREFIX "Finesse Agent State Timeline", "finesse",
    "finesse,agents", tables_init, agents_packet, xmppws_cells_reset_table, xmppws_cells_free_item, NULL,
    G_N_ELEMENTS(agent_columns), agent_columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0
};

static stat_tap_table_ui dialogs_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, XMPPWS_STATISTICS_PREFIX "Finesse Dialog Lifecycle", "finesse",
    "finesse,dialogs", tables_init, dialogs_packet, xmppws_cells_reset_table, xmppws_cells_free_item, NULL,
    G_N_ELEMENTS(dialog_columns), dialog_columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0
};

gboolean
finesse_stats_wanted(void)
{
    return have_tap_listener(finesse_tap);
}

void
finesse_stats_register(void)
{
    finesse_tap = register_tap("finesse");
    register_stat_tap_table_ui(&counts_ui);
    register_stat_tap_table_ui(&agents_ui);
    register_stat_tap_table_ui(&dialogs_ui);
}

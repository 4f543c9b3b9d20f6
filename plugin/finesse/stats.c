/* stats.c
 *
 * Statistics over Finesse notifications, fed by the "finesse" tap (one
 * finesse_tap_info per <Update>), in the GUI's Statistics menu and in
 * tshark:
 *
 *   Statistics > Finesse > Notifications          (tshark -z finesse,tree)
 *       a stats tree counting updates per feed, per event and per agent
 *       state;
 *   Statistics > Finesse Agent State Timeline     (tshark -z finesse,agents[,FILTER])
 *       one table per agent: each state with its time, frame, previous
 *       state, pending state and reason code;
 *   Statistics > Finesse Dialog Lifecycle         (tshark -z finesse,dialogs[,FILTER])
 *       one table per dialog: each update with its time, frame, event,
 *       state, addresses, participants and call variables.
 *
 * The two timelines are Wireshark "stat tap tables" (epan/stat_tap_ui.h):
 * the Qt UI shows them in its simple statistics dialog, tshark prints them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "layer.h"

#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
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

/* ---- stats tree: counts ------------------------------------------------ */

static const char st_feeds[] = "Updates by feed";
static const char st_events[] = "Updates by event";
static const char st_states[] = "Agent states";
static int st_feeds_node = -1;
static int st_events_node = -1;
static int st_states_node = -1;

static void
counts_init(stats_tree *st)
{
    st_feeds_node = stats_tree_create_pivot(st, st_feeds, 0);
    st_events_node = stats_tree_create_pivot(st, st_events, 0);
    st_states_node = stats_tree_create_pivot(st, st_states, 0);
}

static tap_packet_status
counts_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data,
              tap_flags_t flags _U_)
{
    const finesse_tap_info *t = (const finesse_tap_info *)data;

    stats_tree_tick_pivot(st, st_feeds_node, finesse_feed_name(t->feed));
    stats_tree_tick_pivot(st, st_events_node, t->event ? t->event : "(none)");
    if (t->state)
        stats_tree_tick_pivot(st, st_states_node, t->state);
    return TAP_PACKET_REDRAW;
}

/* ---- timelines: one stat tap table per agent or dialog ------------------- */

/* The table titled "<kind> <key>", created on first use with a display
 * filter selecting its packets. Tables keep the pointers they are given
 * and never free them: titles and filters are interned strings (one per
 * agent or dialog). */
static stat_tap_table *
table_for(stat_tap_table_ui *ui, const char *kind, const char *key, const char *filter_field)
{
    char *title = g_strdup_printf("%s %s", kind, key);
    stat_tap_table *table = stat_tap_find_table(ui, title);

    if (!table) {
        char *filter = g_strdup_printf("%s == \"%s\"", filter_field, key);
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

/* Tables appear as agents and dialogs do; until then the list is empty,
 * not absent (tshark's printout and the GUI's reset walk it). */
static void
timeline_init(stat_tap_table_ui *ui)
{
    if (!ui->tables)
        ui->tables = g_array_new(FALSE, TRUE, sizeof(stat_tap_table *));
}

/* "12 (Break)", "12", or NULL when the update has no reason code. */
static char *
reason_text(const finesse_tap_info *t)
{
    if (t->reason_code_id < 0)
        return NULL;
    if (t->reason_label && *t->reason_label)
        return g_strdup_printf("%d (%s)", t->reason_code_id, t->reason_label);
    return g_strdup_printf("%d", t->reason_code_id);
}

static tap_packet_status
agents_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    stat_data_t            *sd = (stat_data_t *)tapdata;
    const finesse_tap_info *t = (const finesse_tap_info *)data;
    char                   *reason;

    if (!t->agent_id || !t->state)
        return TAP_PACKET_DONT_REDRAW;
    reason = reason_text(t);
    stat_tap_table_item_type row[] = {
        xmppws_cell_float(nstime_to_sec(&pinfo->rel_ts)), xmppws_cell_uint(pinfo->num), xmppws_cell_string(t->state),
        xmppws_cell_string(t->previous_state), xmppws_cell_string(t->pending_state), xmppws_cell_string(reason),
    };
    g_free(reason);
    append_row(table_for(sd->stat_tap_data, "Agent", t->agent_id, "finesse.user.id"), row, G_N_ELEMENTS(row));
    return TAP_PACKET_REDRAW;
}

static tap_packet_status
dialogs_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    stat_data_t            *sd = (stat_data_t *)tapdata;
    const finesse_tap_info *t = (const finesse_tap_info *)data;
    guint                   n = t->dialogs ? wmem_array_get_count(t->dialogs) : 0;

    for (guint i = 0; i < n; i++) {
        const finesse_tap_dialog *d = (const finesse_tap_dialog *)wmem_array_index(t->dialogs, i);
        stat_tap_table_item_type row[] = {
            xmppws_cell_float(nstime_to_sec(&pinfo->rel_ts)), xmppws_cell_uint(pinfo->num), xmppws_cell_string(t->event),
            xmppws_cell_string(d->state), xmppws_cell_string(d->from), xmppws_cell_string(d->to), xmppws_cell_string(d->participants),
            xmppws_cell_string(d->variables),
        };
        append_row(table_for(sd->stat_tap_data, "Dialog", d->id ? d->id : "?", "finesse.dialog.id"), row,
                   G_N_ELEMENTS(row));
    }
    return n ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

static stat_tap_table_item agent_columns[] = {
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Time", "%.6f" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "State", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Was", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Pending", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Reason code", "%s" },
};

static stat_tap_table_item dialog_columns[] = {
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Time", "%.6f" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Frame", "%u" },
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

static stat_tap_table_ui agents_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "Finesse Agent State Timeline", "finesse", "finesse,agents",
    timeline_init, agents_packet, xmppws_cells_reset_table, xmppws_cells_free_item, NULL,
    G_N_ELEMENTS(agent_columns), agent_columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0
};

static stat_tap_table_ui dialogs_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "Finesse Dialog Lifecycle", "finesse", "finesse,dialogs",
    timeline_init, dialogs_packet, xmppws_cells_reset_table, xmppws_cells_free_item, NULL,
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
    stats_tree_register_plugin("finesse", "finesse", "Finesse/Notifications", 0, counts_packet, counts_init, NULL);
    register_stat_tap_table_ui(&agents_ui);
    register_stat_tap_table_ui(&dialogs_ui);
}

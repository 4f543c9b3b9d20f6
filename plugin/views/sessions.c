/* sessions.c
 *
 * Statistics > XMPP/WS Sessions (tshark -z xmppws,sessions[,FILTER]): one
 * row per XMPP connection (a WebSocket connection, or a BOSH session
 * across its TCP connections), in the order the capture first shows them,
 * built from the "xmppws" tap (core/events.h): who the client and the
 * server are, when it started and ended (in the user's time format), its SASL user and
 * mechanism, the full JID it bound and where, how it ended and where,
 * counts of stanzas, payload updates and errors, the iq requests still
 * unanswered, and the last state the updates reported (a payload decoder
 * tells it through the tap: an agent's state on a contact-centre
 * desktop).
 *
 * How it ended is the first end the connection meets: <close/> (or the
 * legacy </stream:stream>), a stream error with its condition, a BOSH
 * terminate, a WebSocket close frame with its status code, a TCP FIN or
 * RST without any of those, or nothing: open at capture end. Two desktops
 * of one JID are two rows.
 *
 * A Wireshark "stat tap table" (epan/stat_tap_ui.h): the GUI shows it in
 * its simple statistics dialog, tshark prints it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "views.h"

#include <epan/tap.h>
#include <epan/to_str.h>

#include "cells.h"
#include "events.h"
#include "view-parts.h"

typedef enum {
    COL_CONNECTION, COL_CLIENT, COL_SERVER, COL_START, COL_END, COL_USER, COL_MECHANISM, COL_JID,
    COL_BIND_FRAME, COL_ENDED, COL_END_FRAME, COL_STANZAS, COL_UPDATES, COL_ERRORS, COL_UNANSWERED,
    COL_STATE, N_COLUMNS
} session_column;

static stat_tap_table_item columns[N_COLUMNS] = {
    [COL_CONNECTION] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Conn", "%u" },
    [COL_CLIENT]     = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Client", "%s" },
    [COL_SERVER]     = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Server", "%s" },
    [COL_START]      = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Start", "%s" },
    [COL_END]        = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "End", "%s" },
    [COL_USER]       = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "SASL user", "%s" },
    [COL_MECHANISM]  = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Mechanism", "%s" },
    [COL_JID]        = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Bound JID", "%s" },
    [COL_BIND_FRAME] = { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Bind frame", "%s" },
    [COL_ENDED]      = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Ended", "%s" },
    [COL_END_FRAME]  = { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "End frame", "%s" },
    [COL_STANZAS]    = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Stanzas", "%u" },
    [COL_UPDATES]    = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Updates", "%u" },
    [COL_ERRORS]     = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Errors", "%u" },
    [COL_UNANSWERED] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Unanswered iqs", "%u" },
    [COL_STATE]      = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Last state", "%s" },
};

static const char table_title[] = "XMPP connections";

/* ---- rows ------------------------------------------------------------------ */

static void
sessions_init(stat_tap_table_ui *ui)
{
    if (!ui->tables)
        ui->tables = g_array_new(FALSE, TRUE, sizeof(stat_tap_table *));
    if (!stat_tap_find_table(ui, table_title))
        stat_tap_add_table(ui, stat_tap_init_table(table_title, N_COLUMNS, 0, NULL));
}

static stat_tap_table *
sessions_table(stat_tap_table_ui *ui)
{
    return stat_tap_find_table(ui, table_title);
}

/* The row of connection `index`, added (every cell empty) when new. */
static guint
row_of(stat_tap_table *table, guint32 index)
{
    stat_tap_table_item_type row[N_COLUMNS];

    for (guint r = table->num_elements; r > 0; r--)
        if (xmppws_cell(table, r - 1, COL_CONNECTION)->value.uint_value == index)
            return r - 1;
    for (guint c = 0; c < N_COLUMNS; c++)
        row[c] = columns[c].type == TABLE_ITEM_UINT ? xmppws_cell_uint(0) : xmppws_cell_string(NULL);
    row[COL_CONNECTION].value.uint_value = index;
    stat_tap_init_table_row(table, table->num_elements, N_COLUMNS, row);
    return table->num_elements - 1;
}

/* ---- what an event changes ----------------------------------------------- */

/* "192.0.2.1:8445", "[2001:db8::1]:8445" (g_free). */
static char *
endpoint_text(const address *addr, guint32 port)
{
    char *a = address_to_str(NULL, addr);
    char *text = g_strdup_printf(addr->type == AT_IPv6 ? "[%s]:%u" : "%s:%u", a, port);

    wmem_free(NULL, a);
    return text;
}

static void
set_endpoints(stat_tap_table *table, guint row, packet_info *pinfo, xmppws_direction direction)
{
    gboolean from_client = direction == XMPPWS_DIR_C2S;
    char    *src, *dst;

    if (direction == XMPPWS_DIR_UNKNOWN || !xmppws_cell_is_empty(table, row, COL_CLIENT))
        return;
    src = endpoint_text(&pinfo->src, pinfo->srcport);
    dst = endpoint_text(&pinfo->dst, pinfo->destport);
    xmppws_cell_set_string(table, row, COL_CLIENT, from_client ? src : dst);
    xmppws_cell_set_string(table, row, COL_SERVER, from_client ? dst : src);
    g_free(src);
    g_free(dst);
}

static void
set_times(stat_tap_table *table, guint row, packet_info *pinfo)
{
    char *time = xmppws_cells_time(&pinfo->abs_ts);

    if (xmppws_cell_is_empty(table, row, COL_START))
        xmppws_cell_set_string(table, row, COL_START, time);
    xmppws_cell_set_string(table, row, COL_END, time);
    g_free(time);
}

static void
set_frame(stat_tap_table *table, guint row, guint column, guint32 frame)
{
    char *text = g_strdup_printf("%u", frame);
    xmppws_cell_set_string(table, row, column, text);
    g_free(text);
}

/* The SASL user and mechanism, and the JID bound last, as the connection
 * knows them at this frame. */
static void
set_identity(stat_tap_table *table, guint row, packet_info *pinfo, const xmppws_connection *conn)
{
    const xmppws_learned *user = xmppws_connection_user_at(conn, pinfo->num);
    const xmppws_learned *jid = xmppws_connection_jid_at(conn, pinfo->num);

    if (user)
        xmppws_cell_set_string(table, row, COL_USER, user->value);
    if (conn->session.sasl_mechanism)
        xmppws_cell_set_string(table, row, COL_MECHANISM, conn->session.sasl_mechanism);
    if (jid) {
        xmppws_cell_set_string(table, row, COL_JID, jid->value);
        set_frame(table, row, COL_BIND_FRAME, jid->frame);
    }
}

/* The first end the connection meets. */
static void
set_end(stat_tap_table *table, guint row, packet_info *pinfo, const xmppws_event *ev)
{
    const char *what = val_to_str_const(ev->end, xmppws_end_kind_vals, "?");
    char       *text;

    if (ev->end == XMPPWS_END_NONE || !xmppws_cell_is_empty(table, row, COL_END_FRAME))
        return;
    text = ev->end_detail ? g_strdup_printf("%s %s", what, ev->end_detail) : g_strdup(what);
    xmppws_cell_set_string(table, row, COL_ENDED, text);
    set_frame(table, row, COL_END_FRAME, pinfo->num);
    g_free(text);
}

static void
add_counts(stat_tap_table *table, guint row, const xmppws_event *ev)
{
    guint answered = ev->responses ? wmem_array_get_count(ev->responses) : 0;
    guint *unanswered = &xmppws_cell(table, row, COL_UNANSWERED)->value.uint_value;

    xmppws_cell_add(table, row, COL_STANZAS, ev->stanzas);
    xmppws_cell_add(table, row, COL_UPDATES, ev->updates);
    xmppws_cell_add(table, row, COL_ERRORS, ev->errors);
    /* Responses answer only requests of the same connection seen before. */
    *unanswered = *unanswered + ev->iq_requests - MIN(answered, *unanswered + ev->iq_requests);
    if (ev->state)
        xmppws_cell_set_string(table, row, COL_STATE, ev->state);
}

static tap_packet_status
sessions_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                tap_flags_t flags _U_)
{
    stat_data_t        *sd = (stat_data_t *)tapdata;
    const xmppws_event *ev = (const xmppws_event *)data;
    stat_tap_table     *table = sessions_table(sd->stat_tap_data);
    guint               row;

    if (!table || !ev->conn || !ev->conn->index)
        return TAP_PACKET_DONT_REDRAW;
    row = row_of(table, ev->conn->index);
    set_endpoints(table, row, pinfo, ev->direction);
    set_times(table, row, pinfo);
    set_identity(table, row, pinfo, ev->conn);
    set_end(table, row, pinfo, ev);
    add_counts(table, row, ev);
    return TAP_PACKET_REDRAW;
}

/* ---- registration ------------------------------------------------------------ */

static tap_param filter_param[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE },
};

static stat_tap_table_ui sessions_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, XMPPWS_STATISTICS_PREFIX "Sessions", "xmppws", "xmppws,sessions",
    sessions_init, sessions_packet, xmppws_cells_reset_table, xmppws_cells_free_item, NULL,
    N_COLUMNS, columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0
};

void
xmppws_sessions_register(void)
{
    register_stat_tap_table_ui(&sessions_ui);
}

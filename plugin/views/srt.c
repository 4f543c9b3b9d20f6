/* srt.c
 *
 * Statistics > Service Response Time > XMPP/WS (tshark -z xmppws,srt):
 * the response times of iq requests (RFC 6120 §8.2.3), one row per kind of
 * request: bind, session, ping, roster, pubsub subscribe, unsubscribe,
 * subscriptions, items, then the other kinds as the capture shows them
 * ("pubsub publish", "other <namespace>"), each with its count and
 * minimum, maximum and average time, built from the responses the
 * "xmppws" tap reports (core/events.h). Wireshark's SRT tables have no
 * column for requests never answered: the sessions table counts them, per
 * connection ("Unanswered iqs").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "views.h"

#include <epan/srt_table.h>

#include "events.h"
#include "protocol.h"
#include "view-parts.h"

/* The kinds every table starts with, in this order (what tracking.c in
 * the XMPP layer names them). */
static const char *const first_kinds[] = {
    "bind", "session", "ping", "roster", "pubsub subscribe", "pubsub unsubscribe", "pubsub subscriptions",
    "pubsub items",
};

static void
srt_init(struct register_srt *srt _U_, GArray *srt_array)
{
    srt_stat_table *table = init_srt_table("XMPP iq", NULL, srt_array, G_N_ELEMENTS(first_kinds), "iq kind",
                                           NULL, NULL);

    for (guint i = 0; i < G_N_ELEMENTS(first_kinds); i++)
        init_srt_table_row(table, (int)i, first_kinds[i]);
}

/* The row of `kind`, added at the end when new. */
static int
row_of(srt_stat_table *table, const char *kind)
{
    for (int i = 0; i < table->num_procs; i++)
        if (table->procedures[i].procedure && g_str_equal(table->procedures[i].procedure, kind))
            return i;
    init_srt_table_row(table, table->num_procs, kind);
    return table->num_procs - 1;
}

static tap_packet_status
srt_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    srt_data_t         *sd = (srt_data_t *)tapdata;
    const xmppws_event *ev = (const xmppws_event *)data;
    srt_stat_table     *table = g_array_index(sd->srt_array, srt_stat_table *, 0);
    guint               n = ev->responses ? wmem_array_get_count(ev->responses) : 0;

    for (guint i = 0; i < n; i++) {
        const xmppws_event_response *r = (const xmppws_event_response *)wmem_array_index(ev->responses, i);
        add_srt_table_data(table, row_of(table, r->kind ? r->kind : "other"), &r->request_time, pinfo);
    }
    return n ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

void
xmppws_srt_register(void)
{
    register_srt_table(proto_xmppws, "xmppws", 1, srt_packet, srt_init, NULL);
}

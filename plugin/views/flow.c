/* flow.c
 *
 * Statistics > Flow Graph, "XMPP/WS flows" (tshark -z
 * flow,xmppws,standard|network): one arrow per XMPP message, from the
 * "xmppws" tap (core/events.h), labelled with the message's Info text
 * ("SASL auth PLAIN", "iq set … (bind)", a decoded payload's summary). Each
 * end is the endpoint as address:port, so every connection has a column
 * of its own even when the desktops share one address; the comment names
 * the connection (xmppws.connection). Several messages of one frame are
 * several arrows. Lower-layer ends (TCP FIN, RST) are not XMPP messages
 * and get no arrow.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "views.h"

#include <string.h>

#include <epan/to_str.h>

#include "events.h"
#include "protocol.h"
#include "seq-analysis.h"
#include "view-parts.h"

/* Replaces an item's address by "address:port" (an AT_STRINGZ address,
 * g_malloc'ed as libwireshark frees it). */
static void
set_endpoint(address *addr, const address *net, guint32 port)
{
    char   *a = address_to_str(NULL, net);
    char   *text = g_strdup_printf(net->type == AT_IPv6 ? "[%s]:%u" : "%s:%u", a, port);
    address tmp;

    set_address(&tmp, AT_STRINGZ, (int)strlen(text) + 1, text);
    free_address(addr);
    copy_address(addr, &tmp);
    g_free(text);
    wmem_free(NULL, a);
}

static tap_packet_status
flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    xmppws_seq_info_head *sainfo = (xmppws_seq_info_head *)tapdata;
    const xmppws_event   *ev = (const xmppws_event *)data;
    xmppws_seq_item_head *sai;

    if (ev->kind != XMPPWS_EVENT_MESSAGE || !ev->info)
        return TAP_PACKET_DONT_REDRAW;
    sai = (xmppws_seq_item_head *)sequence_analysis_create_sai_with_addresses(pinfo, tapdata);
    if (!sai)
        return TAP_PACKET_DONT_REDRAW;
    set_endpoint(&sai->src_addr, &pinfo->src, pinfo->srcport);
    set_endpoint(&sai->dst_addr, &pinfo->dst, pinfo->destport);
    sai->port_src = (guint16)pinfo->srcport;
    sai->port_dst = (guint16)pinfo->destport;
    sai->frame_label = g_strdup(ev->info);
    sai->comment = g_strdup_printf("XMPP connection %u: %s", ev->conn->index, ev->info);
    sai->conv_num = (guint16)ev->conn->index;
    sai->display = TRUE;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

void
xmppws_flow_register(void)
{
    register_seq_analysis("xmppws", "XMPP/WS flows", proto_xmppws, "xmppws", 0, flow_packet);
}

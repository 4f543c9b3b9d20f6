/* follow.c
 *
 * Analyze > Follow > XMPP/WS Stream (tshark -z
 * follow,xmppws,ascii|hex|raw|yaml,N): the messages of XMPP connection N
 * (xmppws.connection) in order, as the WebSocket or HTTP dissector handed
 * them over (unmasked, reassembled, inflated), each after a line with its
 * frame, direction and time (in the user's time format); an update a
 * payload decoder read from escaped text (e.g. an <Update> notification)
 * follows its message unescaped and indented (as it is when it is not
 * well-formed). A message that may hold SASL credentials is replaced by a
 * note unless the user asked to see secrets (core/secrets.h), as in the
 * packet tree.
 *
 * Fed by the "xmppws" tap (core/events.h); lower-layer ends (FIN, RST) are
 * not messages and are not shown.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "views.h"

#include <string.h>

#include <epan/epan_dissect.h>
#include <epan/to_str.h>

#include "cells.h"
#include "compat.h"
#include "events.h"
#include "indent.h"
#include "protocol.h"
#include "secrets.h"
#include "view-parts.h"

static const char hidden_note[] =
    "<!-- hidden: this message may hold SASL credentials (Preferences > Protocols > XMPP/WS > "
    "Show passwords and SASL proofs) -->";

/* ---- which connection -------------------------------------------------- */

/* The connection of the selected packet, from its first xmppws.connection.
 * The GUI's tree of the selected packet is not primed with our fields, so
 * the tree is searched (proto_find_first_finfo). */
static gchar *
conv_filter(epan_dissect_t *edt, packet_info *pinfo _U_, guint *stream, guint *sub_stream)
{
    int        hf = proto_registrar_get_id_byname("xmppws.connection");
    GPtrArray *found = (hf == -1 || !edt || !edt->tree) ? NULL : proto_find_first_finfo(edt->tree, hf);
    gchar     *filter = NULL;

    if (found && found->len) {
        *stream = fvalue_get_uinteger(XMPPWS_FIELD_VALUE((field_info *)g_ptr_array_index(found, 0)));
        *sub_stream = 0;
        filter = g_strdup_printf("xmppws.connection == %u", *stream);
    }
    if (found)
        g_ptr_array_free(found, TRUE);
    return filter;
}

static gchar *
index_filter(guint stream, guint sub_stream _U_)
{
    return g_strdup_printf("xmppws.connection == %u", stream);
}

static gchar *
address_filter(address *src_addr, address *dst_addr, int src_port, int dst_port)
{
    const char *ip = src_addr->type == AT_IPv6 ? "ipv6" : "ip";
    char       *src = address_to_str(NULL, src_addr);
    char       *dst = address_to_str(NULL, dst_addr);
    gchar      *filter = g_strdup_printf("xmppws && %s.addr == %s && %s.addr == %s && tcp.port == %d && "
                                         "tcp.port == %d", ip, src, ip, dst, src_port, dst_port);

    wmem_free(NULL, src);
    wmem_free(NULL, dst);
    return filter;
}

static gchar *
port_to_display(wmem_allocator_t *allocator, guint port)
{
    return wmem_strdup_printf(allocator, "%u", port);
}

/* The GUI's stream number box runs from 0 to this count - 1; connection
 * indexes start at 1, so the count is the highest index + 1 (0 shows
 * nothing). */
static guint32
stream_count(void)
{
    return xmppws_connection_count() + 1;
}

/* ---- one record per message ------------------------------------------- */

/* TRUE when the text must give way to the hidden note (core/secrets.h). */
static gboolean
must_hide(const guint8 *p, guint32 len)
{
    return p && xmppws_secrets_may_be_in(p, len) && !xmppws_secrets_shown();
}

static void
append_tvb_text(GByteArray *data, tvbuff_t *tvb)
{
    guint32       len = tvb_captured_length(tvb);
    const guint8 *p = len ? tvb_get_ptr(tvb, 0, len) : NULL;

    if (must_hide(p, len))
        g_byte_array_append(data, (const guint8 *)hidden_note, (guint)strlen(hidden_note));
    else if (p)
        g_byte_array_append(data, p, len);
    g_byte_array_append(data, (const guint8 *)"\n", 1);
}

static void
append_text(GByteArray *data, const char *text)
{
    g_byte_array_append(data, (const guint8 *)text, (guint)strlen(text));
}

/* An update after a line saying what it is: re-indented when it is
 * well-formed XML (parse/indent.h), else as it is; under the same secrets
 * policy as a message (unescaped, a payload could carry a SASL element). */
static void
append_update(GByteArray *data, tvbuff_t *tvb)
{
    guint32       len = tvb_captured_length(tvb);
    const guint8 *p = len ? tvb_get_ptr(tvb, 0, len) : NULL;
    char         *indented;

    if (must_hide(p, len)) {
        append_text(data, "[the update in the message above, unescaped]\n");
        append_tvb_text(data, tvb);
        return;
    }
    indented = p ? xm_indent((const char *)p, len) : NULL;
    if (!indented) {
        append_text(data, "[the update in the message above, unescaped; not well-formed XML]\n");
        append_tvb_text(data, tvb);
        return;
    }
    append_text(data, "[the update in the message above, unescaped and indented]\n");
    append_text(data, indented);
    append_text(data, "\n");
    g_free(indented);
}

static GByteArray *
record_text(packet_info *pinfo, const xmppws_event *ev)
{
    GByteArray *data = g_byte_array_new();
    char       *time = xmppws_cells_time(&pinfo->abs_ts);
    char       *head = g_strdup_printf("[frame %u, %s, %s]\n", pinfo->num,
                                       ev->direction == XMPPWS_DIR_S2C ? "server to client" : "client to server",
                                       time);
    guint       n = ev->payloads ? wmem_array_get_count(ev->payloads) : 0;

    append_text(data, head);
    append_tvb_text(data, ev->tvb);
    for (guint i = 0; i < n; i++) {
        tvbuff_t *payload = *(tvbuff_t **)wmem_array_index(ev->payloads, i);
        if (payload == ev->tvb)
            continue;                           /* sent as XML, already in the message */
        append_update(data, payload);
    }
    g_free(head);
    g_free(time);
    return data;
}

/* The first message with a known direction names the client and server. */
static void
learn_endpoints(follow_info_t *info, packet_info *pinfo, gboolean from_server)
{
    if (info->client_port != 0)
        return;
    info->client_port = from_server ? pinfo->destport : pinfo->srcport;
    info->server_port = from_server ? pinfo->srcport : pinfo->destport;
    copy_address(&info->client_ip, from_server ? &pinfo->dst : &pinfo->src);
    copy_address(&info->server_ip, from_server ? &pinfo->src : &pinfo->dst);
}

static tap_packet_status
follow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    follow_info_t      *info = (follow_info_t *)tapdata;
    const xmppws_event *ev = (const xmppws_event *)data;
    follow_record_t    *record;

    if (ev->kind != XMPPWS_EVENT_MESSAGE || !ev->tvb)
        return TAP_PACKET_DONT_REDRAW;
    record = g_new0(follow_record_t, 1);
    record->is_server = ev->direction == XMPPWS_DIR_S2C;
    record->packet_num = pinfo->num;
    record->abs_ts = pinfo->abs_ts;
    record->data = record_text(pinfo, ev);
    learn_endpoints(info, pinfo, record->is_server);
    info->bytes_written[record->is_server ? 1 : 0] += record->data->len;
    info->payload = g_list_prepend(info->payload, record);
    return TAP_PACKET_DONT_REDRAW;
}

void
xmppws_follow_register(void)
{
    xmppws_register_follow_stream(proto_xmppws, "xmppws", conv_filter, index_filter, address_filter,
                                  port_to_display, follow_packet, stream_count);
}

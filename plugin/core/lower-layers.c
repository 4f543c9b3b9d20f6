/* lower-layers.c
 *
 * Facts about TCP connections from the public fields of the TCP and HTTP
 * dissectors (see lower-layers.h).
 *
 * Specs: RFC 6455 §4.2.2 (the 101 response, Sec-WebSocket-Protocol,
 * Sec-WebSocket-Extensions), RFC 9293 §3.1 (SYN, FIN, RST).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "lower-layers.h"

#include <epan/conversation.h>

#include "compat.h"
#include "events.h"
#include "protocol.h"

#define HTTP_SWITCHING_PROTOCOLS 101

/* Fields of other dissectors, by name; -1 until the handoff finds them. */
typedef struct {
    const char *name;
    int         hf;
} wanted_field;

enum { TCP_SYN, TCP_ACK, TCP_FIN, TCP_RST, TCP_LEN, HTTP_CODE, WS_PROTOCOL, WS_EXTENSIONS, WS_CLOSE_CODE, N_WANTED };

static wanted_field wanted[N_WANTED] = {
    [TCP_SYN]       = { "tcp.flags.syn", -1 },
    [TCP_ACK]       = { "tcp.flags.ack", -1 },
    [TCP_FIN]       = { "tcp.flags.fin", -1 },
    [TCP_RST]       = { "tcp.flags.reset", -1 },
    [TCP_LEN]       = { "tcp.len", -1 },
    [HTTP_CODE]     = { "http.response.code", -1 },
    [WS_PROTOCOL]   = { "http.sec_websocket_protocol", -1 },
    [WS_EXTENSIONS] = { "http.sec_websocket_extensions", -1 },
    [WS_CLOSE_CODE] = { "websocket.payload.close.status_code", -1 },
};

static dissector_handle_t observer_handle;

/* TCP conversation index -> xmppws_tcp_facts (emptied with the file). */
static wmem_map_t *facts_by_conversation;

/* ---- reading a field of the current frame ------------------------------ */

static field_info *
first_field(proto_tree *tree, int which)
{
    GPtrArray *found = wanted[which].hf == -1 ? NULL : proto_get_finfo_ptr_array(tree, wanted[which].hf);
    return (found && found->len) ? (field_info *)g_ptr_array_index(found, 0) : NULL;
}

static gboolean
flag_set(proto_tree *tree, int which)
{
    field_info *fi = first_field(tree, which);
    return fi && fvalue_get_uinteger64(XMPPWS_FIELD_VALUE(fi)) != 0;
}

/* A 32-bit unsigned field's value, 0 when absent. */
static guint32
uint_value(proto_tree *tree, int which)
{
    field_info *fi = first_field(tree, which);
    return fi ? fvalue_get_uinteger(XMPPWS_FIELD_VALUE(fi)) : 0;
}

static const char *
string_field(proto_tree *tree, int which)
{
    field_info *fi = first_field(tree, which);
    return fi ? wmem_strdup(wmem_file_scope(), fvalue_get_string(XMPPWS_FIELD_VALUE(fi))) : NULL;
}

/* TRUE when the frame holds an HTTP response 101 (Switching Protocols). */
static gboolean
has_upgrade_response(proto_tree *tree)
{
    GPtrArray *codes = wanted[HTTP_CODE].hf == -1 ? NULL : proto_get_finfo_ptr_array(tree, wanted[HTTP_CODE].hf);

    for (guint i = 0; codes && i < codes->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(codes, i);
        if (fvalue_get_uinteger(XMPPWS_FIELD_VALUE(fi)) == HTTP_SWITCHING_PROTOCOLS)
            return TRUE;
    }
    return FALSE;
}

/* ---- the facts ----------------------------------------------------------- */

static xmppws_tcp_facts *
facts_of(conversation_t *conv)
{
    gpointer          key = GUINT_TO_POINTER(conv->conv_index);
    xmppws_tcp_facts *facts = (xmppws_tcp_facts *)wmem_map_lookup(facts_by_conversation, key);

    if (!facts) {
        facts = wmem_new0(wmem_file_scope(), xmppws_tcp_facts);
        clear_address(&facts->upgrade_server);
        clear_address(&facts->syn_server);
        wmem_map_insert(facts_by_conversation, key, facts);
    }
    return facts;
}

static void
learn_tcp(xmppws_tcp_facts *facts, packet_info *pinfo, proto_tree *tree)
{
    if (flag_set(tree, TCP_SYN) && !flag_set(tree, TCP_ACK) && facts->syn_server.type == AT_NONE) {
        copy_address_wmem(wmem_file_scope(), &facts->syn_server, &pinfo->dst);
        facts->syn_port = pinfo->destport;
    }
    if (!facts->first_data_frame && uint_value(tree, TCP_LEN))
        facts->first_data_frame = pinfo->num;
    if (!facts->end_frame && (flag_set(tree, TCP_FIN) || flag_set(tree, TCP_RST))) {
        facts->end_frame = pinfo->num;
        facts->end_is_rst = flag_set(tree, TCP_RST);
    }
}

/* From the frame's layers: no fields needed, so also without a tree. */
static void
learn_layers(xmppws_tcp_facts *facts, packet_info *pinfo)
{
    if (!facts->first_tls_frame && proto_is_frame_protocol(pinfo->layers, "tls"))
        facts->first_tls_frame = pinfo->num;
    facts->read_above_tcp |= proto_is_frame_protocol(pinfo->layers, "http") ||
                             proto_is_frame_protocol(pinfo->layers, "http2") ||
                             proto_is_frame_protocol(pinfo->layers, "websocket");
}

static void
learn_websocket_close(xmppws_tcp_facts *facts, packet_info *pinfo, proto_tree *tree)
{
    field_info *fi = facts->ws_close_frame ? NULL : first_field(tree, WS_CLOSE_CODE);

    if (fi) {
        facts->ws_close_frame = pinfo->num;
        facts->ws_close_code = fvalue_get_uinteger(XMPPWS_FIELD_VALUE(fi));
    }
}

/* Every pass: the ends of a connection recognised as XMPP, for the views. */
static void
queue_ends(const xmppws_tcp_facts *facts, packet_info *pinfo, conversation_t *conv)
{
    const xmppws_connection *conn;

    if (!facts || (pinfo->num != facts->ws_close_frame && pinfo->num != facts->end_frame) ||
        !xmppws_events_wanted())
        return;
    conn = (const xmppws_connection *)conversation_get_proto_data(conv, proto_xmppws);
    if (!conn)
        return;
    if (pinfo->num == facts->ws_close_frame)
        xmppws_events_queue_lower(pinfo, conn, XMPPWS_EVENT_WS_CLOSE,
                                  wmem_strdup_printf(pinfo->pool, "%u", facts->ws_close_code));
    if (pinfo->num == facts->end_frame)
        xmppws_events_queue_lower(pinfo, conn, facts->end_is_rst ? XMPPWS_EVENT_TCP_RST : XMPPWS_EVENT_TCP_FIN,
                                  NULL);
}

static void
learn_upgrade(xmppws_tcp_facts *facts, packet_info *pinfo, proto_tree *tree)
{
    if (facts->upgrade_server.type != AT_NONE || !has_upgrade_response(tree))
        return;
    copy_address_wmem(wmem_file_scope(), &facts->upgrade_server, &pinfo->src);
    facts->upgrade_port = pinfo->srcport;
    facts->subprotocol = string_field(tree, WS_PROTOCOL);
    facts->extensions = string_field(tree, WS_EXTENSIONS);
}

/* The postdissector: learns on every frame of the first pass; queues the
 * ends of connections on every pass. */
static int
observe(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    conversation_t *conv;

    if (pinfo->ptype != PT_TCP || (PINFO_FD_VISITED(pinfo) && !xmppws_events_wanted()))
        return 0;
    conv = find_conversation_pinfo(pinfo, 0);
    if (!conv)
        return 0;
    if (!PINFO_FD_VISITED(pinfo))
        learn_layers(facts_of(conv), pinfo);
    if (!PINFO_FD_VISITED(pinfo) && tree) {
        learn_tcp(facts_of(conv), pinfo, tree);
        learn_upgrade(facts_of(conv), pinfo, tree);
        learn_websocket_close(facts_of(conv), pinfo, tree);
    }
    queue_ends((const xmppws_tcp_facts *)wmem_map_lookup(facts_by_conversation,
                                                         GUINT_TO_POINTER(conv->conv_index)), pinfo, conv);
    return 0;
}

const xmppws_tcp_facts *
xmppws_lower_layers_facts(packet_info *pinfo)
{
    conversation_t *conv = pinfo->ptype == PT_TCP ? find_conversation_pinfo(pinfo, 0) : NULL;
    return conv ? (const xmppws_tcp_facts *)wmem_map_lookup(facts_by_conversation,
                                                            GUINT_TO_POINTER(conv->conv_index)) : NULL;
}

void
xmppws_lower_layers_register(int proto)
{
    facts_by_conversation = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                                   g_direct_equal);
    observer_handle = create_dissector_handle(observe, proto);
}

void
xmppws_lower_layers_register_handoff(void)
{
    GArray *hfids = g_array_new(FALSE, FALSE, (guint)sizeof(int));

    for (int i = 0; i < N_WANTED; i++) {
        wanted[i].hf = proto_registrar_get_id_byname(wanted[i].name);
        if (wanted[i].hf != -1)
            g_array_append_val(hfids, wanted[i].hf);
    }
    register_postdissector(observer_handle);
    set_postdissector_wanted_hfids(observer_handle, hfids);
}

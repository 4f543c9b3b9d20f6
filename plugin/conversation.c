/* conversation.c
 *
 * Connection state and message direction (see conversation.h).
 *
 * The direction comes, in order of trust, from the HTTP dissector's record
 * of the WebSocket upgrade's server endpoint, from the TCP SYN, from a
 * message only one side sends (RFC 6120 §4.7: the server's stream header
 * carries an id; SASL challenges, successes and stream features come from
 * the server, auth and responses from the client), and last from the port
 * the user chose in Decode As, which the WebSocket dissector takes as the
 * server port too.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "conversation.h"
#include "xmppws.h"

#include <epan/dissectors/packet-http.h>
#include <epan/dissectors/packet-tcp.h>

const value_string xmppws_direction_vals[] = {
    { XMPPWS_DIR_UNKNOWN, "Unknown" },
    { XMPPWS_DIR_C2S,     "Client to server" },
    { XMPPWS_DIR_S2C,     "Server to client" },
    { 0, NULL }
};

const value_string xmppws_direction_source_vals[] = {
    { XMPPWS_DIRSRC_NONE,      "not in capture (no handshake and no message only one side sends)" },
    { XMPPWS_DIRSRC_HTTP,      "from the WebSocket upgrade" },
    { XMPPWS_DIRSRC_TCP,       "from the TCP handshake" },
    { XMPPWS_DIRSRC_CONTENT,   "from a message only one side sends" },
    { XMPPWS_DIRSRC_DECODE_AS, "from the port decoded as WebSocket" },
    { XMPPWS_DIRSRC_BOSH,      "from the HTTP message (BOSH request or response)" },
    { 0, NULL }
};

const value_string xmppws_framing_vals[] = {
    { XMPPWS_FRAMING_UNKNOWN, "Unknown (stream start not in capture)" },
    { XMPPWS_FRAMING_RFC7395, "RFC 7395 (<open/> and <close/>)" },
    { XMPPWS_FRAMING_LEGACY,  "Pre-RFC 7395 (<stream:stream>)" },
    { XMPPWS_FRAMING_BOSH,    "BOSH (XEP-0206 <body/> over HTTP)" },
    { 0, NULL }
};

static int proto_http = -1;
static int proto_tcp = -1;

/* BOSH sessions of the capture file by sid (emptied with the file). */
static wmem_map_t *bosh_sessions;

void
xmppws_conversation_register_handoff(void)
{
    proto_http = proto_get_id_by_filter_name("http");
    proto_tcp = proto_get_id_by_filter_name("tcp");
    if (!bosh_sessions)
        bosh_sessions = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
}

xmppws_conv_t *
xmppws_conversation_find_earlier(packet_info *pinfo)
{
    conversation_t *conv = find_conversation_pinfo(pinfo, 0);
    xmppws_conv_t  *state = conv ? (xmppws_conv_t *)conversation_get_proto_data(conv, proto_xmppws) : NULL;
    return (state && state->first_frame < pinfo->num) ? state : NULL;
}

static xmppws_conv_t *
new_state(packet_info *pinfo)
{
    xmppws_conv_t *state = wmem_new0(wmem_file_scope(), xmppws_conv_t);

    state->first_frame = pinfo->num;
    clear_address(&state->server_addr);
    state->users = wmem_tree_new(wmem_file_scope());
    state->jids = wmem_tree_new(wmem_file_scope());
    state->open_iqs = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
    return state;
}

xmppws_conv_t *
xmppws_conversation_get(packet_info *pinfo)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    xmppws_conv_t  *state = (xmppws_conv_t *)conversation_get_proto_data(conv, proto_xmppws);

    if (!state) {
        state = new_state(pinfo);
        conversation_add_proto_data(conv, proto_xmppws, state);
    }
    return state;
}

xmppws_conv_t *
xmppws_conversation_bosh(packet_info *pinfo, const char *sid)
{
    xmppws_conv_t *state = sid ? (xmppws_conv_t *)wmem_map_lookup(bosh_sessions, sid) : NULL;

    if (!state) {
        state = new_state(pinfo);
        state->framing = XMPPWS_FRAMING_BOSH;
        if (sid)
            xmppws_conversation_bosh_set_sid(state, sid);
    }
    return state;
}

void
xmppws_conversation_bosh_set_sid(xmppws_conv_t *conv, const char *sid)
{
    conv->bosh_sid = wmem_strdup(wmem_file_scope(), sid);
    wmem_map_insert(bosh_sessions, conv->bosh_sid, conv);
}

void
xmppws_conversation_learn_sender(xmppws_conv_t *conv, packet_info *pinfo, gboolean is_server)
{
    if (PINFO_FD_VISITED(pinfo) || conv->server_addr.type != AT_NONE)
        return;
    if (is_server) {
        copy_address_wmem(wmem_file_scope(), &conv->server_addr, &pinfo->src);
        conv->server_port = pinfo->srcport;
    } else {
        copy_address_wmem(wmem_file_scope(), &conv->server_addr, &pinfo->dst);
        conv->server_port = pinfo->destport;
    }
}

/* Bits of tcp_analysis.conversation_completeness (the tcp.completeness
 * field of Wireshark's TCP dissector). */
#define TCP_COMPLETENESS_FIN 0x10
#define TCP_COMPLETENESS_RST 0x20

gboolean
xmppws_conversation_tcp_ended(packet_info *pinfo)
{
    conversation_t      *conv = find_conversation_pinfo(pinfo, 0);
    struct tcp_analysis *tcp = conv ? (struct tcp_analysis *)conversation_get_proto_data(conv, proto_tcp) : NULL;
    return tcp && (tcp->conversation_completeness & (TCP_COMPLETENESS_FIN | TCP_COMPLETENESS_RST));
}

static xmppws_direction
direction_to(const address *server_addr, guint32 server_port, packet_info *pinfo)
{
    gboolean dst_is_server = pinfo->destport == server_port &&
                             (!server_addr || addresses_equal(&pinfo->dst, server_addr));
    gboolean src_is_server = pinfo->srcport == server_port &&
                             (!server_addr || addresses_equal(&pinfo->src, server_addr));
    if (dst_is_server == src_is_server)
        return XMPPWS_DIR_UNKNOWN;              /* same port and address on both ends */
    return dst_is_server ? XMPPWS_DIR_C2S : XMPPWS_DIR_S2C;
}

xmppws_direction
xmppws_conversation_direction(const xmppws_conv_t *state, packet_info *pinfo,
                              xmppws_direction_source *source)
{
    conversation_t     *conv = find_conversation_pinfo(pinfo, 0);
    http_conv_t        *http = conv ? (http_conv_t *)conversation_get_proto_data(conv, proto_http) : NULL;
    struct tcp_analysis *tcp = conv ? (struct tcp_analysis *)conversation_get_proto_data(conv, proto_tcp) : NULL;
    xmppws_direction    dir;

    if (http && http->server_port &&
        (dir = direction_to(http->server_addr.type != AT_NONE ? &http->server_addr : NULL,
                            http->server_port, pinfo)) != XMPPWS_DIR_UNKNOWN) {
        *source = XMPPWS_DIRSRC_HTTP;
    } else if (tcp && tcp->server_port &&
               (dir = direction_to(NULL, tcp->server_port, pinfo)) != XMPPWS_DIR_UNKNOWN) {
        *source = XMPPWS_DIRSRC_TCP;
    } else if (state && state->server_addr.type != AT_NONE &&
               (dir = direction_to(&state->server_addr, state->server_port, pinfo)) != XMPPWS_DIR_UNKNOWN) {
        *source = XMPPWS_DIRSRC_CONTENT;
    } else if (pinfo->match_uint &&
               (dir = direction_to(NULL, pinfo->match_uint, pinfo)) != XMPPWS_DIR_UNKNOWN) {
        *source = XMPPWS_DIRSRC_DECODE_AS;
    } else {
        *source = XMPPWS_DIRSRC_NONE;
        dir = XMPPWS_DIR_UNKNOWN;
    }
    return dir;
}

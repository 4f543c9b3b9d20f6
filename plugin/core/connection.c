/* connection.c
 *
 * Connection state and message direction (see connection.h).
 *
 * The direction comes, in order of trust, from the endpoint that answered
 * the WebSocket upgrade, from the TCP SYN (both through lower-layers.c),
 * from a message only one side sends (RFC 6120 §4.7: the server's stream
 * header carries an id; SASL challenges, successes and stream features
 * come from the server, auth and responses from the client), and last from
 * the port the user chose in Decode As, which the WebSocket dissector takes
 * as the server port too.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "connection.h"

#include <epan/conversation.h>

#include "lower-layers.h"
#include "namespaces.h"
#include "protocol.h"

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

/* BOSH sessions of the capture file by sid (emptied with the file). */
static wmem_map_t *bosh_sessions;

/* Every bind of the capture file by full JID: a wmem_array of jid_bind, in
 * frame order (emptied with the file). */
static wmem_map_t *binds_by_jid;

typedef struct {
    guint32                  frame;
    const xmppws_connection *conn;
} jid_bind;

/* Connections of the capture file so far (reset with the file). */
static guint32 connections_seen;

static void
reset_connection_count(void)
{
    connections_seen = 0;
}

void
xmppws_connection_register(void)
{
    register_init_routine(reset_connection_count);
}

guint32
xmppws_connection_count(void)
{
    return connections_seen;
}

void
xmppws_connection_register_handoff(void)
{
    if (!bosh_sessions)
        bosh_sessions = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    if (!binds_by_jid)
        binds_by_jid = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
}

/* ---- finding and making the state ---------------------------------------- */

static xmppws_connection *
new_connection(packet_info *pinfo)
{
    xmppws_connection *conn = wmem_new0(wmem_file_scope(), xmppws_connection);

    /* Numbered on the first pass only: a BOSH body a later pass meets
     * without its session (frame_state in bosh.c) gets 0. */
    conn->index = PINFO_FD_VISITED(pinfo) ? 0 : ++connections_seen;
    conn->stream.first_frame = pinfo->num;
    clear_address(&conn->stream.server_addr);
    conn->session.users = wmem_tree_new(wmem_file_scope());
    conn->session.jids = wmem_tree_new(wmem_file_scope());
    conn->session.open_iqs = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
    conn->session.bare_subscriptions = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
    conn->protocol_data = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    return conn;
}

xmppws_connection *
xmppws_connection_find_earlier(packet_info *pinfo)
{
    conversation_t    *conv = find_conversation_pinfo(pinfo, 0);
    xmppws_connection *conn = conv ? (xmppws_connection *)conversation_get_proto_data(conv, proto_xmppws) : NULL;
    return (conn && conn->stream.first_frame < pinfo->num) ? conn : NULL;
}

xmppws_connection *
xmppws_connection_of_tcp(packet_info *pinfo)
{
    conversation_t    *conv = find_or_create_conversation(pinfo);
    xmppws_connection *conn = (xmppws_connection *)conversation_get_proto_data(conv, proto_xmppws);

    if (!conn) {
        conn = new_connection(pinfo);
        conversation_add_proto_data(conv, proto_xmppws, conn);
    }
    return conn;
}

xmppws_connection *
xmppws_connection_of_bosh(packet_info *pinfo, const char *sid)
{
    xmppws_connection *conn = sid ? (xmppws_connection *)wmem_map_lookup(bosh_sessions, sid) : NULL;

    if (!conn) {
        conn = new_connection(pinfo);
        conn->stream.framing = XMPPWS_FRAMING_BOSH;
        if (sid)
            xmppws_connection_set_bosh_sid(conn, sid);
    }
    return conn;
}

void
xmppws_connection_set_bosh_sid(xmppws_connection *conn, const char *sid)
{
    conn->bosh.sid = wmem_strdup(wmem_file_scope(), sid);
    wmem_map_insert(bosh_sessions, conn->bosh.sid, conn);
}

/* ---- what the content says ------------------------------------------------ */

/* First pass: this message could only have been sent by the server
 * (is_server TRUE) or only by the client. */
static void
learn_sender(xmppws_connection *conn, packet_info *pinfo, gboolean is_server)
{
    if (PINFO_FD_VISITED(pinfo) || conn->stream.server_addr.type != AT_NONE)
        return;
    copy_address_wmem(wmem_file_scope(), &conn->stream.server_addr, is_server ? &pinfo->src : &pinfo->dst);
    conn->stream.server_port = is_server ? pinfo->srcport : pinfo->destport;
}

void
xmppws_connection_learn_from_element(xmppws_connection *conn, packet_info *pinfo, const xm_element *el)
{
    if ((xm_is(el, "close", XMPPWS_NS_FRAMING) || xm_is(el, "error", XMPPWS_NS_STREAMS)) &&
        !PINFO_FD_VISITED(pinfo)) {
        conn->stream.closed = TRUE;
    } else if (xm_is(el, "open", XMPPWS_NS_FRAMING) || xm_is(el, "stream", XMPPWS_NS_STREAMS)) {
        conn->stream.framing = g_str_equal(el->name, "open") ? XMPPWS_FRAMING_RFC7395 : XMPPWS_FRAMING_LEGACY;
        learn_sender(conn, pinfo, xm_attr_value(el, "id") != NULL);
    } else if (xm_is(el, "features", XMPPWS_NS_STREAMS)) {
        learn_sender(conn, pinfo, TRUE);
    } else if (el->ns && g_str_equal(el->ns, XMPPWS_NS_SASL)) {
        gboolean from_client = g_str_equal(el->name, "auth") || g_str_equal(el->name, "response") ||
                               g_str_equal(el->name, "abort");
        learn_sender(conn, pinfo, !from_client);
    }
}

/* ---- direction -------------------------------------------------------------- */

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

/* Towards a known server endpoint (AT_NONE: not known). */
static xmppws_direction
direction_to_known(const address *server_addr, guint32 server_port, packet_info *pinfo)
{
    return server_addr->type == AT_NONE ? XMPPWS_DIR_UNKNOWN : direction_to(server_addr, server_port, pinfo);
}

xmppws_direction
xmppws_connection_direction(const xmppws_connection *conn, packet_info *pinfo, xmppws_direction_source *source)
{
    const xmppws_tcp_facts *tcp = xmppws_lower_layers_facts(pinfo);
    xmppws_direction        dir = XMPPWS_DIR_UNKNOWN;

    if (tcp && (dir = direction_to_known(&tcp->upgrade_server, tcp->upgrade_port, pinfo)) != XMPPWS_DIR_UNKNOWN)
        *source = XMPPWS_DIRSRC_HTTP;
    else if (tcp && (dir = direction_to_known(&tcp->syn_server, tcp->syn_port, pinfo)) != XMPPWS_DIR_UNKNOWN)
        *source = XMPPWS_DIRSRC_TCP;
    else if (conn && (dir = direction_to_known(&conn->stream.server_addr, conn->stream.server_port, pinfo)) !=
             XMPPWS_DIR_UNKNOWN)
        *source = XMPPWS_DIRSRC_CONTENT;
    else if (pinfo->match_uint && (dir = direction_to(NULL, pinfo->match_uint, pinfo)) != XMPPWS_DIR_UNKNOWN)
        *source = XMPPWS_DIRSRC_DECODE_AS;
    else
        *source = XMPPWS_DIRSRC_NONE;
    return dir;
}

/* ---- the session's identity ------------------------------------------------- */

static void
learn(wmem_tree_t *tree, packet_info *pinfo, const char *value)
{
    xmppws_learned *l;

    if (PINFO_FD_VISITED(pinfo) || !value || !*value)
        return;
    l = wmem_new(wmem_file_scope(), xmppws_learned);
    l->value = wmem_strdup(wmem_file_scope(), value);
    l->frame = pinfo->num;
    wmem_tree_insert32(tree, pinfo->num, l);
}

void
xmppws_connection_learn_user(xmppws_connection *conn, packet_info *pinfo, const char *user)
{
    learn(conn->session.users, pinfo, user);
}

static void
register_bind(const xmppws_connection *conn, packet_info *pinfo, const char *jid)
{
    wmem_array_t *binds = (wmem_array_t *)wmem_map_lookup(binds_by_jid, jid);
    jid_bind      bind = { pinfo->num, conn };

    if (!binds) {
        binds = wmem_array_new(wmem_file_scope(), sizeof(jid_bind));
        wmem_map_insert(binds_by_jid, wmem_strdup(wmem_file_scope(), jid), binds);
    }
    wmem_array_append_one(binds, bind);
}

void
xmppws_connection_learn_jid(xmppws_connection *conn, packet_info *pinfo, const char *jid)
{
    if (PINFO_FD_VISITED(pinfo) || !jid || !*jid)
        return;
    learn(conn->session.jids, pinfo, jid);
    register_bind(conn, pinfo, jid);
}

guint32
xmppws_connection_next_bind_elsewhere(const xmppws_connection *conn, guint32 frame)
{
    const xmppws_learned *own = xmppws_connection_jid_at(conn, frame);
    wmem_array_t         *binds = own ? (wmem_array_t *)wmem_map_lookup(binds_by_jid, own->value) : NULL;

    for (guint i = 0; binds && i < wmem_array_get_count(binds); i++) {
        const jid_bind *b = (const jid_bind *)wmem_array_index(binds, i);
        if (b->conn != conn && b->frame > own->frame)
            return b->frame;
    }
    return 0;
}

const xmppws_learned *
xmppws_connection_user_at(const xmppws_connection *conn, guint32 frame)
{
    return (const xmppws_learned *)wmem_tree_lookup32_le(conn->session.users, frame);
}

const xmppws_learned *
xmppws_connection_jid_at(const xmppws_connection *conn, guint32 frame)
{
    return (const xmppws_learned *)wmem_tree_lookup32_le(conn->session.jids, frame);
}

/* ---- how the connection ended ----------------------------------------------- */

void
xmppws_connection_note_message(xmppws_connection *conn, packet_info *pinfo, guint index)
{
    if (PINFO_FD_VISITED(pinfo))
        return;
    conn->stream.last_frame = pinfo->num;
    conn->stream.last_index = index;
}

gboolean
xmppws_connection_ended_without_close(const xmppws_connection *conn, packet_info *pinfo, guint index)
{
    const xmppws_tcp_facts *tcp;

    if (!PINFO_FD_VISITED(pinfo) || conn->stream.framing == XMPPWS_FRAMING_BOSH || conn->stream.closed ||
        conn->stream.last_frame != pinfo->num || conn->stream.last_index != index)
        return FALSE;
    tcp = xmppws_lower_layers_facts(pinfo);
    return tcp && tcp->end_frame != 0;
}

/* ---- other protocols' state ------------------------------------------------- */

void *
xmppws_connection_get_protocol_data(const xmppws_connection *conn, int proto)
{
    return wmem_map_lookup(conn->protocol_data, GINT_TO_POINTER(proto));
}

void
xmppws_connection_set_protocol_data(xmppws_connection *conn, int proto, void *data)
{
    wmem_map_insert(conn->protocol_data, GINT_TO_POINTER(proto), data);
}

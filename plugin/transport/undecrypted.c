/* undecrypted.c
 *
 * A hint where XMPP cannot be read at all: a TLS connection on a port
 * where XMPP over TLS is expected (the preference xmppws.tls_ports; by
 * default 7443, OpenFire's https BOSH port, and 8445, where the Cisco
 * contact-centre agent desktop opens its wss:// WebSocket) in which
 * Wireshark decrypted nothing. Its first TLS frame gets an expert note saying what
 * to do: give Wireshark the browser's TLS key log, and capture from
 * before the desktop connects (a TLS connection whose handshake is not in
 * the capture cannot be decrypted with any key log).
 *
 * A postdissector: on the first pass it notes, per TCP connection, its
 * first TLS frame and whether any frame carried a protocol above TLS
 * (HTTP, HTTP/2, WebSocket); the note is added once the whole capture was
 * seen (second pass: the GUI, or tshark -2). The ports are the preference
 * xmppws.tls_ports.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/prefs.h>

#include "protocol.h"

#define MAX_TCP_PORT 65535
#define XMPP_TLS_PORTS "7443,8445"

typedef struct {
    guint32  first_tls_frame;
    gboolean decrypted;        /* a protocol above TLS was seen in it */
} tls_connection;

static range_t    *pref_tls_ports;
static wmem_map_t *tls_connections;   /* conversation index + 1 -> tls_connection (emptied with the file) */

static expert_field ei_not_decrypted = EI_INIT;

static guint32
xmpp_tls_port(const packet_info *pinfo)
{
    if (value_is_in_range(pref_tls_ports, pinfo->destport))
        return pinfo->destport;
    if (value_is_in_range(pref_tls_ports, pinfo->srcport))
        return pinfo->srcport;
    return 0;
}

static gboolean
carries_decrypted_data(const packet_info *pinfo)
{
    /* Not "xmppws": calling this postdissector puts it in the layers. */
    return proto_is_frame_protocol(pinfo->layers, "http") || proto_is_frame_protocol(pinfo->layers, "http2") ||
           proto_is_frame_protocol(pinfo->layers, "websocket");
}

static tls_connection *
tls_connection_of(packet_info *pinfo)
{
    conversation_t *conv = find_conversation_pinfo(pinfo, 0);
    gpointer        key;
    tls_connection *c;

    if (!conv)
        return NULL;
    key = GUINT_TO_POINTER(conv->conv_index + 1);
    c = (tls_connection *)wmem_map_lookup(tls_connections, key);
    if (!c && !PINFO_FD_VISITED(pinfo)) {
        c = wmem_new0(wmem_file_scope(), tls_connection);
        wmem_map_insert(tls_connections, key, c);
    }
    return c;
}

static int
check_xmpp_tls(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    guint32         port = pinfo->ptype == PT_TCP ? xmpp_tls_port(pinfo) : 0;
    tls_connection *c;

    if (!port || !proto_is_frame_protocol(pinfo->layers, "tls") || !(c = tls_connection_of(pinfo)))
        return 0;
    if (!PINFO_FD_VISITED(pinfo)) {
        if (!c->first_tls_frame)
            c->first_tls_frame = pinfo->num;
        c->decrypted |= carries_decrypted_data(pinfo);
    } else if (c->first_tls_frame == pinfo->num && !c->decrypted) {
        proto_tree_add_expert_format(tree, pinfo, &ei_not_decrypted, tvb, 0, 0,
                                     "TLS on XMPP port %u, nothing decrypted: give Wireshark the browser's "
                                     "TLS key log (tls.keylog_file); a connection whose handshake is not in the "
                                     "capture cannot be decrypted", port);
    }
    return 0;
}

void
xmppws_undecrypted_register(void)
{
    static ei_register_info ei[] = {
        { &ei_not_decrypted,
          { "xmppws.expert.tls_not_decrypted", PI_UNDECODED, PI_NOTE,
            "TLS on an XMPP port and nothing in it decrypted: give Wireshark the browser's TLS key log",
            EXPFILL }},
    };

    pref_tls_ports = range_empty(wmem_epan_scope());
    range_convert_str(wmem_epan_scope(), &pref_tls_ports, XMPP_TLS_PORTS, MAX_TCP_PORT);
    prefs_register_range_preference(xmppws_prefs_module(), "tls_ports",
        "TLS ports where XMPP is expected",
        "TCP ports on which a TLS connection that Wireshark could not decrypt gets an expert note "
        "(xmppws.expert.tls_not_decrypted) on its first TLS frame. Default: 7443 (OpenFire's BOSH over https) "
        "and 8445 (the Cisco contact-centre agent desktop's wss:// WebSocket); add 443 where a web proxy "
        "carries them. "
        "Needs the whole capture (GUI, or tshark -2).",
        &pref_tls_ports, MAX_TCP_PORT);
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    tls_connections = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    register_postdissector(create_dissector_handle(check_xmpp_tls, proto_xmppws));
}

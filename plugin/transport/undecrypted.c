/* undecrypted.c
 *
 * A hint where XMPP cannot be read at all, on a port where XMPP over TLS is
 * expected (the preference xmppws.tls_ports; by default 7443, OpenFire's
 * https BOSH port, and 8445, where the Cisco contact-centre agent desktop
 * opens its wss:// WebSocket). The first unreadable frame of a TCP
 * connection in which nothing was read gets an expert note saying what to
 * do:
 *   - TLS that Wireshark decrypted nothing of (xmppws.expert.tls_not_decrypted):
 *     give it the browser's TLS key log, and capture from before the desktop
 *     connects (a TLS connection whose handshake is not in the capture cannot
 *     be decrypted with any key log);
 *   - TCP data that neither TLS, HTTP nor WebSocket read
 *     (xmppws.expert.mid_connection; its first frame of data, from
 *     core/lower-layers.h): the capture starts in the middle of the
 *     connection, after its HTTP upgrade. Plain WebSocket can be read with
 *     the preference xmppws.ws_ports (transport/midsession.c); TLS whose
 *     handshake is missing cannot be decrypted.
 *
 * A postdissector: on the first pass it notes, per TCP connection, its
 * first TLS frame and whether any frame carried HTTP, HTTP/2 or WebSocket;
 * the note is added once the whole capture was seen (second pass: the GUI,
 * or tshark -2).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/prefs.h>

#include "lower-layers.h"
#include "protocol.h"

#define MAX_TCP_PORT 65535
#define XMPP_TLS_PORTS "7443,8445"

typedef struct {
    guint32  first_tls_frame;
    gboolean read;             /* HTTP, HTTP/2 or WebSocket was seen in it */
} port_connection;

static range_t    *pref_tls_ports;
static wmem_map_t *connections;   /* conversation index + 1 -> port_connection (emptied with the file) */

static expert_field ei_not_decrypted = EI_INIT;
static expert_field ei_mid_connection = EI_INIT;

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
carries_readable_data(const packet_info *pinfo)
{
    /* Not "xmppws": calling this postdissector puts it in the layers. */
    return proto_is_frame_protocol(pinfo->layers, "http") || proto_is_frame_protocol(pinfo->layers, "http2") ||
           proto_is_frame_protocol(pinfo->layers, "websocket");
}

static port_connection *
connection_of(packet_info *pinfo)
{
    conversation_t  *conv = find_conversation_pinfo(pinfo, 0);
    gpointer         key;
    port_connection *c;

    if (!conv)
        return NULL;
    key = GUINT_TO_POINTER(conv->conv_index + 1);
    c = (port_connection *)wmem_map_lookup(connections, key);
    if (!c && !PINFO_FD_VISITED(pinfo)) {
        c = wmem_new0(wmem_file_scope(), port_connection);
        wmem_map_insert(connections, key, c);
    }
    return c;
}

/* Second pass, a connection nothing read: the note, on its first TLS
 * frame, or else on its first frame of data. */
static void
add_hint(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const port_connection *c, guint32 port)
{
    const xmppws_tcp_facts *facts;

    if (c->first_tls_frame == pinfo->num)
        proto_tree_add_expert_format(tree, pinfo, &ei_not_decrypted, tvb, 0, 0,
                                     "TLS on XMPP port %u, nothing decrypted: give Wireshark the browser's "
                                     "TLS key log (tls.keylog_file); a connection whose handshake is not in the "
                                     "capture cannot be decrypted", port);
    else if (!c->first_tls_frame && (facts = xmppws_lower_layers_facts(pinfo)) &&
             facts->first_data_frame == pinfo->num)
        proto_tree_add_expert_format(tree, pinfo, &ei_mid_connection, tvb, 0, 0,
                                     "TCP data on XMPP port %u and no TLS, HTTP or WebSocket: the capture starts "
                                     "mid-connection. Plain WebSocket: set xmppws.ws_ports (or Decode As "
                                     "WebSocket); TLS cannot be decrypted without its handshake", port);
}

static int
check_xmpp_port(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    guint32          port = pinfo->ptype == PT_TCP ? xmpp_tls_port(pinfo) : 0;
    port_connection *c;

    if (!port || !(c = connection_of(pinfo)))
        return 0;
    if (!PINFO_FD_VISITED(pinfo)) {
        if (!c->first_tls_frame && proto_is_frame_protocol(pinfo->layers, "tls"))
            c->first_tls_frame = pinfo->num;
        c->read |= carries_readable_data(pinfo);
    } else if (!c->read) {
        add_hint(tvb, pinfo, tree, c, port);
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
        { &ei_mid_connection,
          { "xmppws.expert.mid_connection", PI_UNDECODED, PI_NOTE,
            "TCP data on an XMPP port and no TLS, HTTP or WebSocket: the capture starts mid-connection; plain "
            "WebSocket can be read with xmppws.ws_ports", EXPFILL }},
    };

    pref_tls_ports = range_empty(wmem_epan_scope());
    range_convert_str(wmem_epan_scope(), &pref_tls_ports, XMPP_TLS_PORTS, MAX_TCP_PORT);
    prefs_register_range_preference(xmppws_prefs_module(), "tls_ports",
        "TLS ports where XMPP is expected",
        "TCP ports on which a connection nothing could be read in gets an expert note on its first "
        "unreadable frame: TLS that Wireshark could not decrypt (xmppws.expert.tls_not_decrypted), or TCP "
        "data without TLS, HTTP or WebSocket, as when the capture starts mid-connection "
        "(xmppws.expert.mid_connection). "
        "Default: 7443 (OpenFire's BOSH over https) "
        "and 8445 (the Cisco contact-centre agent desktop's wss:// WebSocket); add 443 where a web proxy "
        "carries them. "
        "Needs the whole capture (GUI, or tshark -2).",
        &pref_tls_ports, MAX_TCP_PORT);
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    connections = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    register_postdissector(create_dissector_handle(check_xmpp_port, proto_xmppws));
}

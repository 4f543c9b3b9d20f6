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
 * A postdissector on the second pass (the GUI, or tshark -2): what a
 * connection carried is known only once the whole capture was seen, from
 * the facts core/lower-layers.h keeps per TCP connection (its first TLS
 * frame, its first frame of data, whether HTTP, HTTP/2 or WebSocket read
 * any of it).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include <epan/expert.h>
#include <epan/prefs.h>

#include "lower-layers.h"
#include "protocol.h"

#define MAX_TCP_PORT 65535
#define XMPP_TLS_PORTS "7443,8445"

static range_t    *pref_tls_ports;

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

/* A connection nothing read: the note, on its first TLS frame, or when it
 * had no TLS on its first frame of data. */
static int
check_xmpp_port(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    guint32                 port = pinfo->ptype == PT_TCP ? xmpp_tls_port(pinfo) : 0;
    const xmppws_tcp_facts *facts;

    if (!port || !PINFO_FD_VISITED(pinfo) || !(facts = xmppws_lower_layers_facts(pinfo)) || facts->read_above_tcp)
        return 0;
    if (facts->first_tls_frame == pinfo->num)
        proto_tree_add_expert_format(tree, pinfo, &ei_not_decrypted, tvb, 0, 0,
                                     "TLS on XMPP port %u, nothing decrypted: give Wireshark the browser's "
                                     "TLS key log (tls.keylog_file); a connection whose handshake is not in the "
                                     "capture cannot be decrypted", port);
    else if (!facts->first_tls_frame && facts->first_data_frame == pinfo->num)
        proto_tree_add_expert_format(tree, pinfo, &ei_mid_connection, tvb, 0, 0,
                                     "TCP data on XMPP port %u and no TLS, HTTP or WebSocket: the capture starts "
                                     "mid-connection. Plain WebSocket: set xmppws.ws_ports (or Decode As "
                                     "WebSocket); TLS cannot be decrypted without its handshake", port);
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
    register_postdissector(create_dissector_handle(check_xmpp_port, proto_xmppws));
}

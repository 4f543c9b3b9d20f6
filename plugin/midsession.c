/* midsession.c
 *
 * Captures that start in the middle of a session: no TCP handshake, no
 * HTTP upgrade, no <open/>, SASL or bind.
 *
 * Without the upgrade, Wireshark's WebSocket dissector never sees the
 * connection, so the "ws" heuristic is never called. The preference
 * xmppws.ws_ports lists TCP ports to hand to Wireshark's "websocket"
 * dissector anyway, the same as `-d tcp.port==N,websocket` (Decode As),
 * but kept in the preferences file. The direction then comes from that
 * port (conversation.c). This reads plain ws:// only: a wss:// connection
 * whose TLS handshake is not in the capture cannot be decrypted.
 *
 * What only the start of the session tells (who logged in, the bound
 * JID, the framing) is not guessed from later stanzas: a generated item
 * says it is not in the capture.
 *
 * Specs: RFC 6455 §5 (WebSocket frames can be read without the upgrade),
 * RFC 7395 §3.3 (the stream start), RFC 6120 §7 (resource binding).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "midsession.h"

#include <epan/range.h>

/* Largest TCP port, the upper bound of the range preference. */
#define MAX_TCP_PORT 65535

static int hf_identity_not_in_capture = -1;

static range_t *pref_ws_ports;       /* as set in the preferences */
static range_t *registered_ports;    /* as registered in "tcp.port" */
static dissector_handle_t websocket_handle;

/* Gives a port back its usual dissector (or none). */
static void
restore_port(guint32 port, gpointer unused _U_)
{
    dissector_reset_uint("tcp.port", port);
}

/* Decode As: the port's usual dissector is kept as its initial one. */
static void
decode_port_as_websocket(guint32 port, gpointer handle)
{
    dissector_change_uint("tcp.port", port, (dissector_handle_t)handle);
}

/* Moves the WebSocket dissector from the previously registered ports to
 * the ones in the preference, the way Decode As does, so that a port
 * taken out of the list gets its usual dissector back. Called at
 * start-up, after the preferences are read, and whenever they change. */
void
xmppws_midsession_apply_prefs(void)
{
    if (!websocket_handle)
        websocket_handle = find_dissector("websocket");
    if (!websocket_handle)
        return;
    if (registered_ports) {
        range_foreach(registered_ports, restore_port, NULL);
        wmem_free(wmem_epan_scope(), registered_ports);
    }
    registered_ports = range_copy(wmem_epan_scope(), pref_ws_ports);
    range_foreach(registered_ports, decode_port_as_websocket, websocket_handle);
}

void
xmppws_midsession_add_identity_note(xmppws_msg *msg)
{
    proto_item *ti;

    if (msg->conv->framing != XMPPWS_FRAMING_UNKNOWN ||
        wmem_tree_lookup32_le(msg->conv->jids, msg->pinfo->num))
        return;
    ti = proto_tree_add_item(msg->tree, hf_identity_not_in_capture, msg->tvb, 0, 0, ENC_NA);
    proto_item_set_generated(ti);
}

void
xmppws_midsession_register(int proto, module_t *prefs)
{
    static hf_register_info hf[] = {
        { &hf_identity_not_in_capture,
          { "Session identity not in capture (the capture starts after the stream was opened: "
            "no SASL user or bound JID)", "xmppws.session.not_in_capture", FT_NONE, BASE_NONE, NULL, 0x0,
            "On every message of a connection whose stream start is not in the capture: "
            "xmppws.session.jid and .user are then absent, not guessed", HFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));

    pref_ws_ports = range_empty(wmem_epan_scope());
    prefs_register_range_preference(prefs, "ws_ports",
        "TCP ports to decode as XMPP over WebSocket when no handshake was seen",
        "For captures that start after the WebSocket upgrade (mid-session): the WebSocket dissector "
        "is registered on these TCP ports, as with Decode As TCP port -> WebSocket; a port taken "
        "out of the list gets its usual dissector back. Only plain ws:// connections can be read this way: TLS needs the "
        "handshake in the capture to use the key log. Default: none.",
        &pref_ws_ports, MAX_TCP_PORT);
}

/* midsession.c
 *
 * Captures that start in the middle of a session: no TCP handshake, no
 * HTTP upgrade, no <open/>, SASL or bind.
 *
 * Without the upgrade, Wireshark's WebSocket dissector never sees the
 * connection, so the "ws" heuristic is never called. The preference
 * xmppws.ws_ports lists TCP ports to hand to Wireshark's WebSocket
 * dissector anyway, the same as `-d tcp.port==N,websocket` (Decode As),
 * but kept in the preferences file. The direction then comes from that
 * port (core/connection.c). This reads plain ws:// only: a wss://
 * connection whose TLS handshake is not in the capture cannot be decrypted.
 * What only the start of the session tells is never guessed
 * (xmpp/session.c says it is not in the capture).
 *
 * Specs: RFC 6455 §5 (WebSocket frames can be read without the upgrade).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include <epan/prefs.h>
#include <epan/range.h>

#include "compat.h"
#include "protocol.h"

/* Largest TCP port, the upper bound of the range preference. */
#define MAX_TCP_PORT 65535

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
static void
apply_prefs(void)
{
    if (!websocket_handle)
        websocket_handle = find_dissector(XMPPWS_WEBSOCKET_TCP_HANDLE);
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
xmppws_midsession_register(void)
{
    pref_ws_ports = range_empty(wmem_epan_scope());
    prefs_register_range_preference(xmppws_prefs_module(), "ws_ports",
        "TCP ports to decode as XMPP over WebSocket when no handshake was seen",
        "For captures that start after the WebSocket upgrade (mid-session): the WebSocket dissector "
        "is registered on these TCP ports, as with Decode As TCP port -> WebSocket; a port taken "
        "out of the list gets its usual dissector back. Only plain ws:// connections can be read this way: "
        "TLS needs the handshake in the capture to use the key log. Default: none.",
        &pref_ws_ports, MAX_TCP_PORT);
    xmppws_prefs_on_apply(apply_prefs);
}

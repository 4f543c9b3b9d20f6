/* transport.c
 *
 * Registration of the transport layer (see transport.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "transport.h"

#include "parts.h"

void
xmppws_transport_register(void)
{
    xmppws_websocket_register();
    xmppws_midsession_register();
    xmppws_deflate_register();
    xmppws_httpxml_register();
    xmppws_bosh_register();
    xmppws_undecrypted_register();
}

void
xmppws_transport_register_handoff(void)
{
    xmppws_websocket_register_handoff();
    xmppws_httpxml_register_handoff();
    xmppws_bosh_register_handoff();
}

/* transport.h
 *
 * The ways XMPP reaches xmppws, each a file of this layer:
 *
 *   websocket.c   the WebSocket dissector's "ws.protocol" table ("xmpp")
 *                 and "ws" heuristic list: one XMPP message per WebSocket
 *                 message (RFC 7395, and the older <stream:stream> framing)
 *   midsession.c  TCP ports handed to the WebSocket dissector for captures
 *                 that start after the upgrade
 *   deflate.c     messages that reach xmppws still compressed
 *   httpxml.c     the owner of the HTTP XML media types: each body goes to
 *                 the dissectors on XMPPWS_HTTP_XML_LIST, or else to
 *                 Wireshark's XML dissector
 *   bosh.c        XMPP over BOSH (XEP-0124/0206): <body/> wrappers in HTTP
 *                 requests and responses, on XMPPWS_HTTP_XML_LIST
 *   undecrypted.c a hint on TLS connections to the ports where XMPP is
 *                 expected that Wireshark could not decrypt
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_TRANSPORT_H
#define XMPPWS_TRANSPORT_H

void xmppws_transport_register(void);
void xmppws_transport_register_handoff(void);

#endif /* XMPPWS_TRANSPORT_H */

/* namespaces.h
 *
 * XML namespaces the dissector recognises: RFC 6120 (streams, SASL, TLS,
 * stream errors), RFC 7395 (WebSocket framing), XEP-0198 (stream
 * management).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_NAMESPACES_H
#define XMPPWS_NAMESPACES_H

#define XMPPWS_NS_FRAMING       "urn:ietf:params:xml:ns:xmpp-framing"
#define XMPPWS_NS_STREAMS       "http://etherx.jabber.org/streams"
#define XMPPWS_NS_SASL          "urn:ietf:params:xml:ns:xmpp-sasl"
#define XMPPWS_NS_TLS           "urn:ietf:params:xml:ns:xmpp-tls"
#define XMPPWS_NS_SM_PREFIX     "urn:xmpp:sm:"
#define XMPPWS_NS_PUBSUB_PREFIX "http://jabber.org/protocol/pubsub"

#endif /* XMPPWS_NAMESPACES_H */

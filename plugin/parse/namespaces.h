/* namespaces.h
 *
 * Every XML namespace xmppws recognises, in one place: RFC 6120 (streams,
 * SASL, TLS, stanza and stream errors, binding), RFC 3921 (session),
 * RFC 7395 (WebSocket framing), XEP-0198 (stream management), XEP-0060
 * (publish-subscribe), XEP-0115 (entity capabilities), XEP-0131 (SHIM
 * headers), XEP-0199 (ping), XEP-0124/0206 (BOSH), XML 1.0 (xml: prefix).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_NAMESPACES_H
#define XMPPWS_NAMESPACES_H

#define XMPPWS_NS_XML            "http://www.w3.org/XML/1998/namespace"

#define XMPPWS_NS_CLIENT         "jabber:client"
#define XMPPWS_NS_SERVER         "jabber:server"
#define XMPPWS_NS_COMPONENT      "jabber:component:accept"

#define XMPPWS_NS_FRAMING        "urn:ietf:params:xml:ns:xmpp-framing"
#define XMPPWS_NS_STREAMS        "http://etherx.jabber.org/streams"
#define XMPPWS_NS_SASL           "urn:ietf:params:xml:ns:xmpp-sasl"
#define XMPPWS_NS_TLS            "urn:ietf:params:xml:ns:xmpp-tls"
#define XMPPWS_NS_BIND           "urn:ietf:params:xml:ns:xmpp-bind"
#define XMPPWS_NS_SESSION        "urn:ietf:params:xml:ns:xmpp-session"
#define XMPPWS_NS_STANZA_ERRORS  "urn:ietf:params:xml:ns:xmpp-stanzas"
#define XMPPWS_NS_STREAM_ERRORS  "urn:ietf:params:xml:ns:xmpp-streams"
#define XMPPWS_NS_COMPRESS       "http://jabber.org/protocol/compress"

#define XMPPWS_NS_SM_PREFIX      "urn:xmpp:sm:"
#define XMPPWS_NS_SM_2           "urn:xmpp:sm:2"
#define XMPPWS_NS_SM_3           "urn:xmpp:sm:3"

#define XMPPWS_NS_PUBSUB         "http://jabber.org/protocol/pubsub"
#define XMPPWS_NS_PUBSUB_OWNER   "http://jabber.org/protocol/pubsub#owner"
#define XMPPWS_NS_PUBSUB_EVENT   "http://jabber.org/protocol/pubsub#event"
#define XMPPWS_NS_SHIM           "http://jabber.org/protocol/shim"
#define XMPPWS_NS_CAPS           "http://jabber.org/protocol/caps"
#define XMPPWS_NS_PING           "urn:xmpp:ping"

#define XMPPWS_NS_HTTPBIND       "http://jabber.org/protocol/httpbind"
#define XMPPWS_NS_XBOSH          "urn:xmpp:xbosh"

#endif /* XMPPWS_NAMESPACES_H */

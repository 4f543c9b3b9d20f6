/* interpreters.h
 *
 * The XMPP interpreters, one file per concern; each turns the model
 * elements it knows (by element name and namespace) into labelled fields
 * and registers itself with the core pipeline:
 *
 *   stream.c    RFC 7395 open/close, RFC 6120 stream header and features
 *   sasl.c      RFC 6120 §6 SASL: PLAIN, SCRAM-SHA-1/256, DIGEST-MD5
 *   session.c   resource binding, session iq, the connection's identity
 *               and how it ended
 *   presence.c  RFC 6121 presence, XEP-0115 entity capabilities
 *   pubsub.c    XEP-0060 requests, results and event notifications
 *   errors.c    stanza errors (RFC 6120 §8.3), stream errors (§4.9), SASL
 *               failures (§6.5)
 *   sm.c        XEP-0198 stream management
 *   tracking.c  iq request/response matching, XEP-0199 pings
 *
 * Internal to the XMPP layer; what other layers may use is in xmpp.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_INTERPRETERS_H
#define XMPPWS_INTERPRETERS_H

void xmppws_stream_register(void);
void xmppws_sasl_register(void);
void xmppws_session_register(void);
void xmppws_presence_register(void);
void xmppws_pubsub_register(void);
void xmppws_errors_register(void);
void xmppws_sm_register(void);
void xmppws_tracking_register(void);

#endif /* XMPPWS_INTERPRETERS_H */

/* interpreters.h
 *
 * The per-concern interpreters: each turns model elements into labelled
 * fields. packet-xmppws.c calls every interpreter's dissect function for
 * every top-level element, after the element's generic fields; each one
 * looks only at what it knows (by element name and namespace) and adds its
 * fields to the element's subtree. One file per concern:
 *
 *   stream.c    RFC 7395 open/close, RFC 6120 stream header and features
 *   sasl.c      RFC 6120 §6 SASL: PLAIN, SCRAM-SHA-1/256, DIGEST-MD5
 *   session.c   resource binding, session iq, the connection's identity
 *   presence.c  RFC 6121 presence, XEP-0115 entity capabilities
 *   pubsub.c    XEP-0060 requests, results and event notifications
 *   errors.c    stanza errors (RFC 6120 §8.3) and stream errors (§4.9)
 *   sm.c        XEP-0198 stream management
 *   tracking.c  iq request/response matching, XEP-0199 pings
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_INTERPRETERS_H
#define XMPPWS_INTERPRETERS_H

#include <epan/prefs.h>

#include "xmppws.h"

#define XMPPWS_INTERPRETER(name) \
    void xmppws_##name##_register(int proto, module_t *prefs); \
    void xmppws_##name##_dissect(xmppws_msg *msg, const xm_element *el, proto_tree *tree)

XMPPWS_INTERPRETER(stream);
XMPPWS_INTERPRETER(sasl);
XMPPWS_INTERPRETER(session);
XMPPWS_INTERPRETER(presence);
XMPPWS_INTERPRETER(pubsub);
XMPPWS_INTERPRETER(errors);
XMPPWS_INTERPRETER(sm);
XMPPWS_INTERPRETER(tracking);

#endif /* XMPPWS_INTERPRETERS_H */

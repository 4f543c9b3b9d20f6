/* xmpp.h
 *
 * The XMPP layer as other layers see it: its registration, the heuristic
 * list on which pubsub payload decoders register, and what iq tracking
 * knows about a request. Product-neutral: a decoder of a product's
 * payloads registers here; this layer never names it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_XMPP_H
#define XMPPWS_XMPP_H

#include "message.h"
#include "xmlmodel.h"

/* Registers every XMPP interpreter with the core pipeline, their fields,
 * experts and preferences, and the pubsub payload list. */
void xmppws_xmpp_register(void);

/* ---- pubsub payloads (pubsub.c) -------------------------------------------
 *
 * Each item payload of a pubsub event notification (server to client) or
 * publish request (client to server) is offered to the heuristic list
 * XMPPWS_PUBSUB_PAYLOAD_LIST, with the message's tvb, the tree the message
 * was dissected into (a payload protocol adds its own top-level item) and
 * an xmppws_pubsub_payload as data. A decoder that takes the payload
 * returns TRUE and may set `info` to the Info column text of the payload. */

#define XMPPWS_PUBSUB_PAYLOAD_LIST "xmppws.pubsub.payload"

typedef struct {
    xmppws_msg       *msg;        /* the message carrying it */
    const xm_element *payload;    /* the item's payload element (its first child) */
    const char       *node;       /* the node it was published on, or NULL */
    gboolean          published;  /* a client's publish request, not an event notification */
    guint             index;      /* which payload of the message (0, 1, ...): the same in every pass */
    const char       *info;       /* set by the decoder that takes it */
} xmppws_pubsub_payload;

/* ---- iq tracking (tracking.c) ------------------------------------------- */

typedef enum {
    XMPPWS_IQ_UNTRACKED = 0,      /* not an iq request, or not tracked */
    XMPPWS_IQ_ANSWERED,           /* a request with its response in the capture */
    XMPPWS_IQ_UNANSWERED          /* a request whose response is not in the capture (second pass) */
} xmppws_iq_state;

/* The state of the iq request `el` of the message; *is_ping tells whether
 * it is an XEP-0199 ping. */
xmppws_iq_state xmppws_tracking_request_state(const xmppws_msg *msg, const xm_element *el, gboolean *is_ping);

#endif /* XMPPWS_XMPP_H */

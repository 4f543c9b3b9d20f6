/* keys.h
 *
 * Every p_add_proto_data() key of the plugin's protocols, built one way. A
 * frame can carry several messages (WebSocket messages in one TCP segment,
 * HTTP bodies), a message several top-level elements and several pubsub
 * payloads; a key names what is stored (its kind), the message (its index
 * in the frame, the same in every pass) and the item in the message.
 *
 * Layout: kind in bits 28-31, message in bits 16-27, item in bits 0-15.
 * Larger numbers saturate (a frame with more than 4,095 messages, or a
 * message with more than 65,535 items, shares the last key), so a key
 * always names data of its own kind.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_KEYS_H
#define XMPPWS_KEYS_H

#include <glib.h>

typedef enum {
    XMPPWS_KEY_MESSAGE_COUNT = 1,  /* pinfo->pool: messages of the frame dissected so far in this pass */
    XMPPWS_KEY_HTTP_BODY_COUNT,    /* pinfo->pool: HTTP XML bodies of the frame seen so far in this pass */
    XMPPWS_KEY_PAYLOAD_COUNT,      /* pinfo->pool, per message: pubsub payloads offered so far in this pass */
    XMPPWS_KEY_BOSH_BODY,          /* file scope, per message: the BOSH session of a <body/> and its rid check */
    XMPPWS_KEY_IQ,                 /* file scope, per top-level element: the iq exchange it belongs to */
    XMPPWS_KEY_HTTP_BODY_STATE,    /* file scope, per HTTP body: what a dissector of the body keeps from the first pass */
    XMPPWS_KEY_PAYLOAD_STATE,      /* file scope, per pubsub payload: what its decoder keeps from the first pass */
    XMPPWS_KEY_SUBSCRIPTION,       /* file scope, per top-level element: a bare-JID subscribe and whether it was undone */
    XMPPWS_KEY_EVENT               /* pinfo->pool, per message: its event for the "xmppws" tap (events.h) */
} xmppws_key_kind;

#define XMPPWS_KEY_MESSAGE_MAX 0xfffu
#define XMPPWS_KEY_ITEM_MAX    0xffffu

static inline guint32
xmppws_key(xmppws_key_kind kind, guint message, guint item)
{
    return ((guint32)kind << 28) | ((guint32)MIN(message, XMPPWS_KEY_MESSAGE_MAX) << 16) |
           (guint32)MIN(item, XMPPWS_KEY_ITEM_MAX);
}

#endif /* XMPPWS_KEYS_H */

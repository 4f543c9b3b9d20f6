/* message.h
 *
 * One XMPP message being dissected (a WebSocket message, or the <body/> of
 * a BOSH request or response): what every part of the dissection shares,
 * and the steps every transport takes the same way: the protocol item and
 * its subtree, the message's index in its frame, the generated direction
 * fields, and the Info column.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_MESSAGE_H
#define XMPPWS_MESSAGE_H

#include <epan/packet.h>

#include "connection.h"

typedef struct xmppws_msg {
    tvbuff_t          *tvb;
    packet_info       *pinfo;
    proto_tree        *root;       /* the tree the message's item is in: protocols it carries add theirs there */
    proto_item        *item;       /* the message's protocol item */
    proto_tree        *tree;       /* its subtree (NULL when no tree is built) */
    xmppws_connection *conn;
    xmppws_direction   direction;
    guint              index;      /* which message of the frame (0, 1, ...): the same in every pass */
    wmem_strbuf_t     *info;       /* set by an interpreter to replace the element's summary in the Info column */
} xmppws_msg;

void xmppws_message_register(int proto);

/* Counts, per frame and per pass, the calls made with `key` (keys.h):
 * returns 0, 1, 2, ... in the order of the calls, which is the same in
 * every pass. Numbers the messages of a frame, and what a message holds. */
guint xmppws_count_in_frame(packet_info *pinfo, guint32 key);

/* Starts a message: its protocol item over the whole tvb, its subtree and
 * its index in the frame; direction unknown and no connection yet. */
void xmppws_message_begin(xmppws_msg *msg, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);

/* Sets msg->direction (and how it was known) and adds the generated
 * connection index (xmppws.connection),
 * direction, direction source and framing fields. */
void xmppws_message_set_direction(xmppws_msg *msg, xmppws_direction direction, xmppws_direction_source source);

/* The message as text (xmppws.text), when the tree shows it or a filter
 * uses it; a note instead when it may hold SASL credentials
 * (core/secrets.h). */
void xmppws_message_add_text(xmppws_msg *msg);

/* An interpreter's Info column text for the current element (several are
 * joined with ", "). */
void xmppws_message_add_info(xmppws_msg *msg, const char *text);

/* The protocol item's label and the Protocol and Info columns; several
 * messages of a frame are joined with " | ". */
void xmppws_message_set_columns(xmppws_msg *msg, const char *protocol, const char *info);

#endif /* XMPPWS_MESSAGE_H */

/* xmppws.h
 *
 * What the files of the xmppws dissector share: the protocol id and the
 * context of the message being dissected.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_XMPPWS_H
#define XMPPWS_XMPPWS_H

#include <epan/packet.h>

#include "conversation.h"
#include "namespaces.h"
#include "xmlmodel.h"

extern int proto_xmppws;

/* One WebSocket message being dissected. */
typedef struct xmppws_msg {
    tvbuff_t        *tvb;
    packet_info     *pinfo;
    proto_tree      *tree;        /* the message's xmppws subtree; NULL when tshark builds no tree */
    xmppws_conv_t   *conv;
    xmppws_direction direction;
    guint            index;       /* which message of the frame (0, 1, ...): the same in every pass */
    wmem_strbuf_t   *info;        /* set by an interpreter to replace the element's summary in the Info column */
} xmppws_msg;

/* An interpreter's Info column text for the current element (several are
 * joined with ", "). */
static inline void
xmppws_msg_add_info(xmppws_msg *msg, const char *text)
{
    if (!msg->info)
        msg->info = wmem_strbuf_new(msg->pinfo->pool, text);
    else
        wmem_strbuf_append_printf(msg->info, ", %s", text);
}

/* Shared by the ways in (packet-xmppws.c for WebSocket, bosh.c for BOSH),
 * defined in packet-xmppws.c: */

/* Which message of the frame this is (0, 1, ...), counted per pass. */
guint xmppws_next_message_index(packet_info *pinfo);

/* The generated direction, its source and the framing of msg->conv. */
void xmppws_add_direction_fields(xmppws_msg *msg, xmppws_direction_source source);

/* Dissects `first` and its siblings (a message's top-level elements, or
 * the stanzas inside a BOSH <body/>) into msg->tree: element tree and
 * every interpreter. Returns the Info text of the elements. */
const char *xmppws_dissect_stanzas(xmppws_msg *msg, const xm_element *first);

/* Experts for a parse that failed or a message not captured completely. */
void xmppws_report_parse_problems(xmppws_msg *msg, const xm_doc *doc, guint32 captured, guint32 reported);

/* Protocol and Info columns; several messages of a frame are joined with " | ". */
void xmppws_set_info(xmppws_msg *msg, const char *protocol, const char *text);

#endif /* XMPPWS_XMPPWS_H */

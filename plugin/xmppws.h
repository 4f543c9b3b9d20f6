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

#endif /* XMPPWS_XMPPWS_H */

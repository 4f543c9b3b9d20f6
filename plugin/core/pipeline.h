/* pipeline.h
 *
 * The one per-message pipeline every transport calls: the message's
 * top-level elements go through the element tree and then every registered
 * interpreter, in the order they were registered; parse problems become
 * experts; at the end every interpreter sees the whole message once more
 * (identity, how the connection ended), the message's text is added
 * (xmppws.text), the Info column is set, and the message's event goes to
 * the "xmppws" tap (events.h).
 *
 * An interpreter belongs to a protocol: while that protocol is disabled
 * (Analyze > Enabled Protocols) it is not called.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_PIPELINE_H
#define XMPPWS_PIPELINE_H

#include "message.h"
#include "xmlmodel.h"

typedef struct xmppws_interpreter {
    const int *proto;                  /* the protocol it belongs to */
    /* Each top-level element, with the element's subtree; may be NULL. */
    void (*element)(xmppws_msg *msg, const xm_element *el, proto_tree *tree);
    /* The message, after all its elements; may be NULL. */
    void (*message_end)(xmppws_msg *msg);
} xmppws_interpreter;

void xmppws_pipeline_register(int proto);

/* Adds an interpreter (at registration); it is called after the ones
 * added before it. */
void xmppws_pipeline_add_interpreter(const xmppws_interpreter *interpreter);

/* Dissects `first` and its siblings (a message's top-level elements, or
 * the stanzas inside a BOSH <body/>) into msg->tree. Returns the Info text
 * of the elements. */
const char *xmppws_pipeline_dissect_elements(xmppws_msg *msg, const xm_element *first);

/* Experts for a parse that failed or a message not captured completely. */
void xmppws_pipeline_report_parse_problems(xmppws_msg *msg, const xm_doc *doc);

/* Ends the message: every interpreter's message_end, the message's text,
 * then the protocol item's label and the columns (protocol and Info). */
void xmppws_pipeline_finish(xmppws_msg *msg, const char *protocol, const char *info);

#endif /* XMPPWS_PIPELINE_H */

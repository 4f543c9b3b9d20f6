/* xmppmsg.h
 *
 * The SASL elements of one XMPP message -- a WebSocket message, a BOSH
 * <body>, or any HTTP body -- found with the dissector's own parse layer
 * (plugin/parse: framing, xmlmodel), so the command sees exactly the
 * elements the dissector shows. A message that does not parse but names
 * the SASL namespace is searched tag by tag instead (start tags that
 * declare the namespace), so credentials in truncated or malformed
 * messages (which the dissector hides as a whole) are found too.
 *
 * Specs: RFC 6120 §6.4 (SASL elements and namespace), RFC 7395 §3.3
 * (messages), XEP-0124 §7 (the BOSH <body> wrapper and its sid).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_XMPPMSG_H
#define XMPPWS_REDACT_XMPPMSG_H

#include <glib.h>

#include "sasl.h"

typedef struct {
    rd_sasl_element element;
    char           *mechanism;    /* <auth mechanism="...">, or NULL */
    guint32         offset;       /* the element's character data in the message */
    guint32         length;
} rd_sasl_item;

typedef struct {
    GArray  *items;               /* rd_sasl_item, in message order */
    char    *bosh_sid;            /* sid of a BOSH <body>, or NULL */
} rd_xmpp_found;

/* TRUE when the message names the SASL namespace (else it holds no SASL
 * element, and is not parsed). */
gboolean rd_xmpp_may_hold_sasl(const guint8 *msg, guint32 len);

/* Finds the SASL elements of a message. */
void rd_xmpp_find(const guint8 *msg, guint32 len, rd_xmpp_found *found);

void rd_xmpp_found_clear(rd_xmpp_found *found);

#endif /* XMPPWS_REDACT_XMPPMSG_H */

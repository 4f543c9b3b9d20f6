/* credentials.h
 *
 * The credentials of one XMPP message, wherever it came from (a WebSocket
 * message or HTTP body of a capture, a message of a HAR file): its SASL
 * elements found (xmppmsg.h), each redacted (sasl.h) with the mechanism
 * its session chose in <auth> -- a session is a connection, or a BOSH
 * sid --, and each reported with its original value kept for the check of
 * the output. A credential in a message that cannot be written back (it
 * was compressed) is reported as kept.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_CREDENTIALS_H
#define XMPPWS_REDACT_CREDENTIALS_H

#include <glib.h>

#include "report.h"

typedef struct rd_credentials rd_credentials;

/* Where a message is, for the report. */
typedef struct {
    guint32     frame;           /* capture frame; for a HAR: the entry number */
    guint32     flow;            /* connection; for a HAR: 0 */
    const char *transport;
    const char *session;         /* the session a message without a BOSH sid belongs to */
    gboolean    writable;        /* FALSE: the bytes cannot be written back */
} rd_message_place;

/* Where in a message an element's text held a credential. */
typedef struct {
    guint32 offset;
    guint32 length;
} rd_span;

rd_credentials *rd_credentials_new(rd_report *report);
void            rd_credentials_free(rd_credentials *credentials);

/* Redacts the credentials of the message `msg` in place (same length).
 * TRUE when it changed. `spans`, when not NULL, gets an rd_span for every
 * element text that held a credential (changed or not). */
gboolean rd_credentials_redact(rd_credentials *credentials, guint8 *msg, guint32 len, const rd_message_place *place,
                               GArray *spans);

#endif /* XMPPWS_REDACT_CREDENTIALS_H */

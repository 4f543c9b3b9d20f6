/* transport.h
 *
 * What each TCP connection carries, and the messages in it: a direction
 * is recognised by its first bytes (HTTP/1.x, TLS, anything else), an
 * HTTP upgrade answered by 101 turns both directions into WebSocket
 * (with the permessage-deflate parameters of the answer), and a port
 * given with --ws-port is WebSocket from its first byte. Every WebSocket
 * data message and every HTTP body is handed over, inflated first when
 * it is compressed (it then cannot be written back). What cannot be
 * followed is reported: bytes after a loss that cannot be resynchronised,
 * compressed messages that do not inflate, messages over the size limit,
 * and connections of another protocol that name the SASL namespace.
 *
 * Specs: RFC 6455 §4 (opening handshake), RFC 7692 (permessage-deflate),
 * RFC 8446 §5.1 (TLS record header, to recognise TLS), XEP-0206 (XMPP over
 * BOSH: XMPP in HTTP bodies).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_TRANSPORT_H
#define XMPPWS_REDACT_TRANSPORT_H

#include <glib.h>

#include "msgmap.h"
#include "report.h"
#include "tcpflow.h"

typedef struct {
    rd_dir          *dir;
    const char      *transport;    /* "WebSocket", "BOSH", "HTTP" */
    const guint8    *bytes;
    guint32          len;
    const rd_msgmap *map;          /* how to write it back; NULL when it was inflated */
    gboolean         damaged;      /* bytes of it were lost */
} rd_message;

typedef void (*rd_message_fn)(void *ctx, const rd_message *message);

typedef struct rd_transports rd_transports;

/* `ws_ports`: guint16 server ports that carry WebSocket without a handshake. */
rd_transports *rd_transports_new(rd_report *report, const GArray *ws_ports, rd_message_fn fn, void *ctx);
void           rd_transports_free(rd_transports *transports);

/* The stream sink for rd_flows_new(), whose context is the rd_transports. */
extern const rd_stream_sink rd_transports_sink;

#endif /* XMPPWS_REDACT_TRANSPORT_H */

/* inflate.h
 *
 * Reading compressed messages, to look inside them (they cannot be
 * rewritten at the same length, so a credential found there is reported,
 * never silently kept): WebSocket permessage-deflate, with the parameters
 * the 101 response accepted, and HTTP bodies with a Content-Encoding.
 *
 * Specs: RFC 7692 §7 (permessage-deflate: parameters, context takeover,
 * the 00 00 FF FF tail removed from each message), RFC 1951 (DEFLATE),
 * RFC 9110 §8.4 (Content-Encoding gzip, deflate).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_INFLATE_H
#define XMPPWS_REDACT_INFLATE_H

#include <glib.h>

/* What a 101 response's Sec-WebSocket-Extensions accepted. */
typedef struct {
    gboolean deflate;                  /* permessage-deflate */
    gboolean no_context_takeover[2];   /* [0] for the client's messages, [1] the server's */
} rd_ws_extensions;

void rd_ws_extensions_parse(const char *header, rd_ws_extensions *ext);

typedef struct rd_inflater rd_inflater;

/* One direction's messages. */
rd_inflater *rd_inflater_new(gboolean no_context_takeover);
void         rd_inflater_free(rd_inflater *inflater);

/* Inflates one compressed message into `out` (at most `limit` bytes);
 * FALSE when it cannot (then no later message of a direction with context
 * takeover can be inflated either). */
gboolean rd_inflate_message(rd_inflater *inflater, const guint8 *p, gsize len, GByteArray *out, gsize limit);

/* Inflates an HTTP body in `encoding` ("gzip", "x-gzip", "deflate"). */
gboolean rd_inflate_body(const char *encoding, const guint8 *p, gsize len, GByteArray *out, gsize limit);

#endif /* XMPPWS_REDACT_INFLATE_H */
